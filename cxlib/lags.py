"""Does EX lead CX or follow it? Lagged and cross-lagged correlations per unit over periods.

Pairs are (unit, t) with (unit, t+1). "EX leads" correlates EX at t with CX at t+1; "CX leads"
correlates CX at t with EX at t+1. Two versions: pooled (every unit-period pair) and within-unit
(each variable minus its unit's mean, so stable differences between units cannot masquerade as
timing). Pairs from the same unit are not independent, so the direction test resamples whole
units (a cluster bootstrap) rather than trusting a z test on pooled pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from .bootstrap import centred_p, percentile_interval, two_stage_counts
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
    """Cluster-bootstrap interval of the within-unit difference (whole units resampled, as
    are the four correlations' intervals and p-values)."""
    units: int
    pairs: int
    warnings: tuple[Caveat, ...]


PANEL_COLUMNS = ("unit", "period_index", "ex", "cx")
"""What a plain frame needs for the lag analyses: a unit, a whole-number period, EX and CX."""


def _check(periods: UnitTable | pl.DataFrame) -> pl.DataFrame:
    """The per-period rows: a UnitTable at lag 0 with per_period=True, or a plain frame with
    PANEL_COLUMNS (period_index counts periods: t + 1 is the next one)."""
    if isinstance(periods, pl.DataFrame):
        missing = [c for c in PANEL_COLUMNS if c not in periods.columns]
        if missing:
            raise ValueError(f"a frame for the lag analyses needs the columns {missing}")
        return periods
    if not periods.per_period or periods.view.lag != 0:
        raise ValueError(
            "needs one row per unit and period, EX and CX of the same period: "
            "engine.unit_table(view.model_copy(update={'lag': 0}), per_period=True)"
        )
    return periods.table


def lag_pairs(periods: UnitTable | pl.DataFrame) -> pl.DataFrame:
    """unit, t, ex_t, cx_t, ex_next, cx_next for consecutive periods that both survive privacy,
    each value less its period's mean over the units.

    A quarter that moves every unit's EX (or CX) at once, a season or a campaign, is one event,
    not one per unit: left in, it counted as hundreds of pairs, and with no link and no lead the
    verdict said 'EX leads' or 'CX leads' in 12-28% of studies (a review's simulation). What
    leads is then asked of units against each other, period by period."""
    rows = _check(periods)
    company = [pl.col("company")] if "company" in rows.columns else [pl.lit("").alias("company")]
    now = rows.select(
        "unit",
        *company,
        "period_index",
        *((pl.col(c) - pl.col(c).mean().over("period_index")).alias(c) for c in ("ex", "cx")),
    )
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


def any_in_a_row(periods: Sequence[str], chosen: Iterable[str]) -> bool:
    """Whether two of the chosen periods are next to each other in the study's periods (in
    time order): what a lagged pair needs."""
    places = sorted(periods.index(p) for p in set(chosen) if p in periods)
    return any(b - a == 1 for a, b in zip(places, places[1:], strict=False))


MIN_WITHIN_UNITS = 4
"""Units with two pairs of consecutive periods or more that a within-unit lead needs: with
two periods every unit has one pair, its values less its own mean are all zero, and no lead
can be asked (the page had said that neither leads)."""
N_BOOT = 2000
"""Resamples of units: at 300 the interval's ends were noisy enough to call a lead in 8% of
studies without one (bench/calibration.py); 2,000 cost about 20 ms."""


def cross_lagged(
    periods: UnitTable | pl.DataFrame, n_boot: int = N_BOOT, seed: int = 0
) -> LagResult:
    """Does EX lead CX? From a per-period unit table at lag 0, or a plain frame with
    unit, period_index, ex and cx (see lag_pairs).

    Every interval and p-value resamples whole units (pairs of one unit move together): a
    z interval over pooled pairs was about 1.8 times too narrow.
    """
    pairs = lag_pairs(periods)
    columns = (
        ("ex", "cx_next"),
        ("cx", "ex_next"),
        ("ex_within", "cx_next_within"),
        ("cx_within", "ex_next_within"),
    )
    observed = [correlation(pairs[x], pairs[y]) for x, y in columns]
    boot = _unit_bootstrap(pairs, columns, n_boot, seed)  # (n_boot, 4)
    resampled = [_resampled(c, boot[:, j]) if boot.size else c for j, c in enumerate(observed)]
    difference = observed[2].r - observed[3].r
    low, high = (
        (float(v) for v in percentile_interval(boot[:, 2] - boot[:, 3]))
        if boot.size
        else (float("nan"), float("nan"))
    )
    warnings = [Caveat.REPEATED_UNITS] if pairs.height else [Caveat.EMPTY_SELECTION]
    repeated = pairs.group_by("unit").len().filter(pl.col("len") > 1).height if pairs.height else 0
    if pairs.height and repeated < MIN_WITHIN_UNITS:
        warnings.append(Caveat.FEW_PERIODS)
    return LagResult(
        *resampled,
        difference_within=difference,
        difference_ci=(low, high),
        units=pairs["unit"].n_unique() if pairs.height else 0,
        pairs=pairs.height,
        warnings=tuple(warnings),
    )


def _resampled(c: Correlation, replicates: np.ndarray) -> Correlation:
    """The correlation with its interval and p from resampled units."""
    finite = replicates[np.isfinite(replicates)]
    if not finite.size or c.r != c.r:
        return c
    low, high = percentile_interval(finite, c.confidence)
    p = centred_p(finite, c.r)
    return replace(c, ci_low=float(low), ci_high=float(high), p_value=p)


def _unit_bootstrap(
    pairs: pl.DataFrame, columns: tuple[tuple[str, str], ...], n_boot: int, seed: int
) -> np.ndarray:
    """r of each column pair in n_boot resamples of companies, then of their units (empty
    below 4 pairs).

    A resample is how often each unit is drawn; with each unit's sums of its pairs, a
    resample's r is a weighted sum of unit sums: one matrix product for all resamples.
    """
    if pairs.height < 4:
        return np.empty((0, len(columns)))
    sums = (
        pairs.group_by("unit")
        .agg(
            pl.col("company").first(),
            pl.len().cast(pl.Float64).alias("n"),
            *(
                expr.alias(f"{j}{name}")
                for j, (x, y) in enumerate(columns)
                for name, expr in (
                    ("x", pl.col(x).sum()),
                    ("y", pl.col(y).sum()),
                    ("xx", (pl.col(x) ** 2).sum()),
                    ("yy", (pl.col(y) ** 2).sum()),
                    ("xy", (pl.col(x) * pl.col(y)).sum()),
                )
            ),
        )
        .sort("unit")
        .drop("unit")
    )
    rng = np.random.default_rng(seed)
    counts = two_stage_counts(rng, sums["company"].to_numpy(), n_boot)
    totals = counts @ sums.drop("company").to_numpy()  # (n_boot, 1 + 5 per pair)
    n = totals[:, 0]
    boot = np.empty((n_boot, len(columns)))
    for j in range(len(columns)):  # four pairs of columns
        sx, sy, sxx, syy, sxy = (totals[:, 1 + 5 * j + k] for k in range(5))
        with np.errstate(divide="ignore", invalid="ignore"):
            boot[:, j] = (n * sxy - sx * sy) / np.sqrt((n * sxx - sx**2) * (n * syy - sy**2))
    return boot


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
