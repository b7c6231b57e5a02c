"""Does EX lead CX or follow it? Lagged and cross-lagged correlations per unit over periods.

Pairs are (unit, t) with (unit, t+1). "EX leads" correlates EX at t with CX at t+1; "CX leads"
correlates CX at t with EX at t+1. Two versions: pooled (every unit-period pair) and within-unit
(each variable minus its unit's mean, so stable differences between units cannot masquerade as
timing). Pairs from the same unit are not independent, so the direction test resamples whole
units (a cluster bootstrap) rather than trusting a z test on pooled pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .codes import Caveat
from .engine import UnitTable
from .stats import Correlation, correlation


@dataclass(frozen=True)
class LagResult:
    ex_leads: Correlation
    cx_leads: Correlation
    ex_leads_within: Correlation
    cx_leads_within: Correlation
    difference_within: float
    """ex_leads_within.r - cx_leads_within.r"""
    difference_ci: tuple[float, float]
    """Cluster-bootstrap interval of the within-unit difference."""
    units: int
    pairs: int
    warnings: tuple[Caveat, ...]


def _check(periods: UnitTable) -> pl.DataFrame:
    if not periods.per_period or periods.view.lag != 0:
        raise ValueError(
            "needs one row per unit and period, EX and CX of the same period: "
            "engine.unit_table(view.model_copy(update={'lag': 0}), per_period=True)"
        )
    return periods.table


def lag_pairs(periods: UnitTable) -> pl.DataFrame:
    """unit, t, ex_t, cx_t, ex_next, cx_next for consecutive periods that both survive privacy."""
    now = _check(periods).select("unit", "period_index", "ex", "cx")
    after = now.select(
        "unit",
        (pl.col("period_index") - 1).alias("period_index"),
        pl.col("ex").alias("ex_next"),
        pl.col("cx").alias("cx_next"),
    )
    pairs = now.join(after, on=["unit", "period_index"]).sort("unit", "period_index")
    centred = [
        (pl.col(c) - pl.col(c).mean().over("unit")).alias(f"{c}_within")
        for c in ("ex", "cx", "ex_next", "cx_next")
    ]
    return pairs.with_columns(centred)


def cross_lagged(periods: UnitTable, n_boot: int = 500, seed: int = 0) -> LagResult:
    """Does EX lead CX? From a per-period unit table at lag 0 (see lag_pairs)."""
    pairs = lag_pairs(periods)

    def corr(x: str, y: str) -> Correlation:
        return correlation(pairs[x], pairs[y])

    ex_w, cx_w = corr("ex_within", "cx_next_within"), corr("cx_within", "ex_next_within")
    low, high = _bootstrap_difference(pairs, n_boot, seed)
    warnings = [Caveat.REPEATED_UNITS] if pairs.height else [Caveat.EMPTY_SELECTION]
    return LagResult(
        ex_leads=corr("ex", "cx_next"),
        cx_leads=corr("cx", "ex_next"),
        ex_leads_within=ex_w,
        cx_leads_within=cx_w,
        difference_within=ex_w.r - cx_w.r,
        difference_ci=(low, high),
        units=pairs["unit"].n_unique() if pairs.height else 0,
        pairs=pairs.height,
        warnings=tuple(warnings),
    )


def _bootstrap_difference(pairs: pl.DataFrame, n_boot: int, seed: int) -> tuple[float, float]:
    """Percentile interval of r(EX→CX) − r(CX→EX), within units, resampling whole units."""
    if pairs.height < 4:
        return float("nan"), float("nan")
    codes, index = np.unique(pairs["unit"].to_numpy(), return_inverse=True)
    columns = ("ex_within", "cx_next_within", "cx_within", "ex_next_within")
    values = pairs.select(columns).to_numpy()
    order = np.argsort(index, kind="stable")
    rows_of = np.split(order, np.cumsum(np.bincount(index))[:-1])  # row numbers per unit
    rng = np.random.default_rng(seed)
    differences = np.empty(n_boot)
    for b in range(n_boot):  # resampling loop over units, not over rows
        rows = np.concatenate([rows_of[u] for u in rng.integers(0, len(codes), len(codes))])
        v = values[rows]
        differences[b] = np.corrcoef(v[:, 0], v[:, 1])[0, 1] - np.corrcoef(v[:, 2], v[:, 3])[0, 1]
    low, high = np.nanpercentile(differences, [2.5, 97.5])
    return float(low), float(high)


def trend(periods: UnitTable) -> pl.DataFrame:
    """Per period: mean EX and CX over the selected units (weighted by respondents), and counts."""
    return (
        _check(periods)
        .group_by("period", "period_index")
        .agg(
            ((pl.col("ex") * pl.col("n_staff")).sum() / pl.col("n_staff").sum()).alias("ex"),
            ((pl.col("cx") * pl.col("n_customers")).sum() / pl.col("n_customers").sum()).alias(
                "cx"
            ),
            pl.len().alias("units"),
            pl.col("n_staff").sum(),
            pl.col("n_customers").sum(),
        )
        .sort("period_index")
        .drop("period_index")
    )
