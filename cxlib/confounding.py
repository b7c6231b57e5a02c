"""Is the touch gap the channel mix in disguise?

High-touch units meet customers in person far more, and the link is stronger in person for
everyone. So the gap is also shown within each channel, and adjusted for channel mix: the
within-channel gaps averaged with the same weights for both classes (each channel's share of all
customer answers in the view), as if both classes had the same mix. Its p-value deals the
companies' classes anew, like the headline test (companies.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

from .companies import company_sums, pooled_r, randomisation_test
from .engine import UnitTable


@dataclass(frozen=True)
class ChannelGaps:
    table: pl.DataFrame
    """channel, share (of customer answers), r_high, n_high, r_low, n_low, difference."""
    adjusted: float
    """Σ share × difference over the channels where both classes have an r."""
    p_value: float
    """Of the adjusted gap, dealing companies' touch classes anew."""


def channel_gaps(by_channel: UnitTable, classes: tuple[str, str] = ("high", "low")) -> ChannelGaps:
    """The touch gap per channel and adjusted for channel mix (a unit table with by="channel")."""
    if by_channel.by != "channel":
        raise ValueError("needs a unit table split by channel: unit_table(view, by='channel')")
    rows = by_channel.table.filter(pl.col("touch").is_in(list(classes)))
    keyed = rows.with_columns(pl.concat_str("company", "touch", separator="\x1f").alias("_cluster"))
    clusters, channels, sums = company_sums(keyed, by_channel.pair, "_cluster", "channel")
    labels = clusters.join(keyed.select("_cluster", "touch").unique(), on="_cluster").sort(
        "_cluster"
    )
    first = (labels["touch"] == classes[0]).to_numpy()
    answers = rows.group_by("channel").agg(pl.col("n_customers").sum())
    fractions = answers["n_customers"] / answers["n_customers"].sum()
    share = dict(zip(answers["channel"], fractions, strict=True))
    weights = np.array([share.get(c, 0.0) for c in channels])
    high, low = sums[first].sum(axis=0), sums[~first].sum(axis=0)  # (channels, 6)
    r_high, r_low = pooled_r(high), pooled_r(low)
    table = pl.DataFrame(
        {
            "channel": list(channels),
            "share": weights,
            "r_high": r_high,
            "n_high": high[:, 0].astype(int),
            "r_low": r_low,
            "n_low": low[:, 0].astype(int),
            "difference": r_high - r_low,
        }
    )
    usable = np.isfinite(r_high - r_low) & (weights > 0)
    if not usable.any() or first.all() or not first.any():
        return ChannelGaps(table, math.nan, math.nan)
    w = np.where(usable, weights, 0.0) / weights[usable].sum()
    adjusted, p, _, _ = randomisation_test(sums[:, usable], first, w[usable])
    return ChannelGaps(table, adjusted, p)
