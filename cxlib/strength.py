"""How strong a link is, in a word a non-statistician can use: one set of bands, stated once.

Bands on |r| follow Cohen's conventions for correlations (1988: 0.1 small, 0.3 medium, 0.5
large), read together with the interval: a link whose 95% interval includes zero is "cannot
tell", whatever its point estimate.
"""

from __future__ import annotations

from enum import StrEnum

BANDS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"))
"""Upper bounds of |r| for each band; at or above the last: strong."""


MIN_PAIRS = 10
"""Fewer pairs than this get no band, whatever their interval: four units' r = −0.99 had read
'strong but inverse' (their interval missed 0; a claim no reader should take to a board)."""


class Strength(StrEnum):
    FEW = "few"
    """Fewer than MIN_PAIRS pairs: no word on the link, whatever the numbers."""
    UNKNOWN = "unknown"
    """Too little data for an estimate, or for its interval (an r of three units)."""
    UNCLEAR = "unclear"
    """The 95% interval includes zero: no link and a real one both fit the data."""
    NONE = "none"
    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"


def strength(
    r: float, ci_low: float, ci_high: float, n: int | None = None
) -> tuple[Strength, bool]:
    """The band of a correlation of n pairs (with its 95% interval) and whether it runs the
    expected way (better staff experience with better customer experience)."""
    if n is not None and n < MIN_PAIRS:
        return Strength.FEW, r >= 0
    if r != r:
        return Strength.UNKNOWN, True
    if ci_low != ci_low or ci_high != ci_high:  # an r without an interval: too few to band it
        return Strength.UNKNOWN, r >= 0
    if ci_low <= 0 <= ci_high:
        return Strength.UNCLEAR, r >= 0
    size = abs(r)
    band = next((Strength(name) for bound, name in BANDS if size < bound), Strength.STRONG)
    return band, r > 0
