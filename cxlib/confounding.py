"""Is the touch gap the channel mix in disguise?

High-touch units often meet customers in person more (in the sample, far more). If the link
differs by channel, the touch gap could come from where customers meet staff rather than from
the strategy. So each class's own mix is shown, as the data has it, and the gap is
also shown within each channel, and standardised (Kitagawa 1955): the within-channel gaps
averaged with the same weights for both classes (each channel's share of all customer answers
in the view), as if both classes had the same mix; beside it the crude gap, each class at its
own mix. Its p-value deals the companies' classes anew, like the headline test (companies.py).

Within a channel the gap is compared as a slope (CX points per EX point), not as r: a unit's
CX mean for a channel it rarely serves rests on few customers, which weakens r there but not
the slope, so comparing r called channel-mix artefacts "clear" in 8–11% of null studies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from .companies import class_clusters, pooled_r, pooled_slope, randomisation_test
from .engine import UnitTable


@dataclass(frozen=True)
class ChannelGaps:
    table: pl.DataFrame
    """channel, share (of customer answers: the weights that even out the mix), share_high,
    share_low (of each class's own answers: its mix), r_high, r_low (description), slope_high,
    slope_low, difference (slope high − low), n_high, n_low (unit-periods)."""
    crude: float
    """Σ over channels of each class's own mix × its slope, high minus low."""
    adjusted: float
    """Σ share × difference over the channels where both classes have a slope."""
    p_value: float
    """Of the adjusted gap, dealing companies' touch classes anew."""


def channel_gaps(by_channel: UnitTable, classes: tuple[str, str] = ("high", "low")) -> ChannelGaps:
    """The touch gap per channel and adjusted for channel mix, from a unit table with
    by="channel" and per_period=True (one row per unit, period and channel).

    Per period, not per unit: a unit's rows for a channel it rarely serves would pool only the
    few periods its customers may be shown in, so its staff mean would rest on fewer answers
    (or, taken over all periods, on other periods than its customers'), and either way noise in
    EX flattens the slope of exactly the class that rarely serves the channel: 10–16% of null
    studies came out "clear". Per period, every row's staff mean rests on one period's staff.
    """
    if by_channel.by != "channel" or not by_channel.per_period:
        raise ValueError(
            "needs a unit table per period, split by channel: "
            "unit_table(view, by='channel', per_period=True)"
        )
    rows, channels, sums, first = class_clusters(
        by_channel.table, by_channel.pair, "company", "touch", classes, strata="channel"
    )
    answers = rows.group_by("channel", "touch").agg(pl.col("n_customers").sum())
    weights, own = _mixes(answers, channels, classes)
    high, low = sums[first].sum(axis=0), sums[~first].sum(axis=0)  # (channels, 6)
    slope_high, slope_low = pooled_slope(high), pooled_slope(low)
    table = pl.DataFrame(
        {
            "channel": list(channels),
            "share": weights,
            "share_high": _shares(own[0]),
            "share_low": _shares(own[1]),
            "r_high": pooled_r(high),
            "r_low": pooled_r(low),
            "slope_high": slope_high,
            "slope_low": slope_low,
            "difference": slope_high - slope_low,
            "n_high": high[:, 0].astype(int),
            "n_low": low[:, 0].astype(int),
        }
    )
    usable = np.isfinite(slope_high - slope_low) & (weights > 0)
    if not usable.any() or first.all() or not first.any():
        return ChannelGaps(table, math.nan, math.nan, math.nan)
    crude = float(
        np.nansum(own[0][usable] * slope_high[usable]) / own[0][usable].sum()
        - np.nansum(own[1][usable] * slope_low[usable]) / own[1][usable].sum()
    )
    w = weights[usable] / weights[usable].sum()
    adjusted, p, _, _ = randomisation_test(sums[:, usable], first, w, statistic="slope")
    return ChannelGaps(table, crude, adjusted, p)


def _shares(counts: np.ndarray) -> np.ndarray:
    """Counts as shares of their total; none where there are no answers (a class the view or
    the data lacks)."""
    total = counts.sum()
    return counts / total if total else np.full(len(counts), np.nan)


def _mixes(
    answers: pl.DataFrame, channels: tuple[str, ...], classes: tuple[str, str]
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Each channel's share of all customer answers, and of each class's own answers."""
    counts = {(c, t): n for c, t, n in answers.iter_rows()}  # a few channels × two classes
    own = tuple(np.array([counts.get((c, t), 0) for c in channels], dtype=float) for t in classes)
    both = own[0] + own[1]
    return both / both.sum(), own
