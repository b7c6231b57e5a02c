"""How reliable are unit means, and how strong would a link be without their noise?

A unit's mean score is only as trustworthy as the share of answer variance that lies between
units. The one-way random-effects ANOVA gives two numbers (Bliese 2000, "Within-group agreement,
non-independence, and reliability"): ICC(1), the share of an individual answer's variance that is
due to the unit, and ICC(2), the reliability of the unit means themselves. Correlations between
unit means are attenuated by that unreliability; `disattenuate` undoes it (Spearman 1904).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats

from .engine import Linkage, UnitTable
from .filters import FilterState
from .metrics import ex_metrics, items_of

_NAN = float("nan")


@dataclass(frozen=True)
class Reliability:
    icc1: float
    """Share of an answer's variance due to its group; can be negative; nan when undefined."""
    icc2: float
    """Reliability of the group means: (MSB - MSW) / MSB; nan when undefined."""
    groups: int
    """Groups with at least one answer."""
    respondents: int
    mean_group_size: float
    msb: float
    """Mean square between groups (df = groups - 1)."""
    msw: float
    """Mean square within groups (df = respondents - groups)."""
    icc1_group_size: float
    """k0 = (N - sum n_j^2 / N) / (J - 1), the group size used in ICC(1); the mean for equal n."""
    icc1_interval: tuple[float, float] = (_NAN, _NAN)
    icc2_interval: tuple[float, float] = (_NAN, _NAN)
    """95% intervals from the F distribution of MSB / MSW (McGraw & Wong 1996, case 1): with
    three units ICC(2) can be anything from below 0 to 0.99, and a bare 0.72 had read as
    known."""


def icc_from_sums(n: np.ndarray, total: np.ndarray, sumsq: np.ndarray) -> Reliability:
    """ICC(1) and ICC(2) from each group's count, sum and sum of squared scores.

    Groups with n = 0 are ignored; groups with n = 1 add to MSB but have no within-group df.
    """
    n, total, sumsq = (np.asarray(a, dtype=float).ravel() for a in (n, total, sumsq))
    if not n.shape == total.shape == sumsq.shape:
        raise ValueError("n, total and sumsq need one entry per group each")
    if np.any(n < 0):
        raise ValueError("group sizes cannot be negative")
    present = n > 0
    n, total, sumsq = n[present], total[present], sumsq[present]
    groups = int(n.size)
    respondents = float(n.sum())
    if groups == 0:
        return Reliability(_NAN, _NAN, 0, 0, _NAN, _NAN, _NAN, _NAN)

    means = total / n
    grand_mean = total.sum() / respondents
    between = float((n * (means - grand_mean) ** 2).sum())
    # Rounding can push a group's sum of squares a hair below zero; it cannot be negative.
    within = float(np.maximum(sumsq - total * means, 0.0).sum())
    between_df = groups - 1
    within_df = respondents - groups
    msb = between / between_df if between_df > 0 else _NAN
    msw = within / within_df if within_df > 0 else _NAN

    # k0 rather than the mean group size (which R's multilevel::ICC1 uses): for unequal groups
    # E[MSB] = var_within + k0 * var_between (Searle, Casella & McCulloch 1992, 3.6), so with k0
    # ICC(1) is the ANOVA estimate of var_between / (var_between + var_within). The mean group
    # size overstates k when units differ in size, biasing ICC(1) down. Equal sizes: k0 = mean.
    k0 = (respondents - (n**2).sum() / respondents) / between_df if between_df > 0 else _NAN

    if msb > 0 and np.isfinite(msw):
        icc1 = (msb - msw) / (msb + (k0 - 1.0) * msw)
        icc2 = (msb - msw) / msb
    else:
        icc1 = icc2 = _NAN
    intervals = _intervals(msb, msw, between_df, within_df, k0)
    return Reliability(
        icc1=float(icc1),
        icc2=float(icc2),
        groups=groups,
        respondents=int(round(respondents)),
        mean_group_size=respondents / groups,
        msb=float(msb),
        msw=float(msw),
        icc1_group_size=float(k0),
        icc1_interval=intervals[0],
        icc2_interval=intervals[1],
    )


def _intervals(msb, msw, between_df, within_df, k0, confidence=0.95):
    """ICC(1) and ICC(2) intervals from F = MSB / MSW: F over (or times) the F quantiles of its
    degrees of freedom (McGraw & Wong 1996, ICC(1) and ICC(k) of the one-way model)."""
    nan = (_NAN, _NAN)
    if not (between_df > 0 and within_df > 0 and msb > 0 and msw > 0):
        return nan, nan
    f = msb / msw
    tail = 1 - (1 - confidence) / 2
    f_low = f / stats.f.ppf(tail, between_df, within_df)
    f_high = f * stats.f.ppf(tail, within_df, between_df)
    icc1 = ((f_low - 1) / (f_low + k0 - 1), (f_high - 1) / (f_high + k0 - 1))
    return (float(icc1[0]), float(icc1[1])), (float(1 - 1 / f_low), float(1 - 1 / f_high))


def icc(values: np.ndarray | pl.Series, groups: np.ndarray | pl.Series) -> Reliability:
    """ICC(1) and ICC(2) of individual scores grouped by label; missing scores or labels dropped."""
    scores = _as_float(values)
    labels = groups if isinstance(groups, pl.Series) else pl.Series(np.asarray(groups))
    if len(labels) != len(scores):
        raise ValueError("values and groups must have the same length")
    keep = np.isfinite(scores) & ~_missing(labels)
    scores = scores[keep]
    codes = np.unique(labels.filter(pl.Series(keep)).to_numpy(), return_inverse=True)[1]
    # Centring first keeps sumsq - total * mean from cancelling catastrophically; the ANOVA
    # does not change when every score moves by the same amount.
    if scores.size:
        scores = scores - scores.mean()
    return icc_from_sums(
        np.bincount(codes),
        np.bincount(codes, weights=scores),
        np.bincount(codes, weights=scores**2),
    )


def icc2_for_size(icc1: np.ndarray | float, k: np.ndarray | float) -> np.ndarray | float:
    """Spearman-Brown: the reliability of a mean of k answers whose ICC(1) is icc1."""
    icc1, k = np.asarray(icc1, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (k * icc1 / (1.0 + (k - 1.0) * icc1))[()]


def disattenuate(
    r: np.ndarray | float,
    reliability_x: np.ndarray | float,
    reliability_y: np.ndarray | float = 1.0,
) -> np.ndarray | float:
    """The correlation corrected for unreliability: r / sqrt(rx * ry), clipped to [-1, 1].

    NaN where a reliability is not positive: the correction is then undefined, not infinite.
    """
    r, rx, ry = (np.asarray(a, dtype=float) for a in (r, reliability_x, reliability_y))
    defined = (rx > 0) & (ry > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = np.clip(r / np.sqrt(rx * ry), -1.0, 1.0)
    return np.where(defined, corrected, np.nan)[()]


def _as_float(values: np.ndarray | pl.Series) -> np.ndarray:
    if isinstance(values, pl.Series):
        return values.cast(pl.Float64).to_numpy()  # nulls become NaN
    return np.asarray(values, dtype=float).ravel()


def _missing(labels: pl.Series) -> np.ndarray:
    missing = labels.is_null()
    if labels.dtype.is_float():
        missing = missing | labels.is_nan()
    return missing.to_numpy()


def staff_reliability(
    linkage: Linkage, view: FilterState, shown: UnitTable | None = None
) -> pl.DataFrame:
    """ICC(1) and ICC(2) of every EX metric across the view's units, from the cube.

    Units are the groups; a unit's respondents are those of its unit-periods the view may show
    (the same cells as its unit means) and of the view's roles. Columns: metric, icc1, icc2,
    icc2_low and icc2_high (its 95% interval), units, respondents, mean_group_size.
    """
    if shown is None:  # the view's per-period table at lag 0, unless the caller has it
        shown = linkage.unit_table(view.model_copy(update={"lag": 0}), per_period=True, full=False)
    grid, table = linkage.grid, shown.table
    unit = table["unit"].to_numpy().astype(np.int64)
    at = unit * grid.periods + table["period_index"].to_numpy()  # the shown cells' grid rows
    roles = [grid.roles.index(r) for r in (view.roles or grid.roles) if r in grid.roles]
    _, group = np.unique(unit, return_inverse=True)

    def per_unit(plane: np.ndarray) -> np.ndarray:
        """A statistic (roles × grid rows) summed over the view's roles and each unit's cells."""
        return np.bincount(group, plane[roles][:, at].sum(axis=0))

    n = per_unit(grid.staff_array[0])
    rows = []
    for metric in ex_metrics(linkage.themes):  # a handful of metrics
        items = items_of(metric, linkage.themes)
        m = len(items)
        total = sum(per_unit(grid.staff_array[1 + grid.employee_items.index(i)]) for i in items)
        sumsq = per_unit(grid.score_array[grid.metrics.index(metric)])
        result = icc_from_sums(n, total / m, sumsq / m**2)
        rows.append(
            {
                "metric": metric,
                "icc1": result.icc1,
                "icc2": result.icc2,
                "icc2_low": result.icc2_interval[0],
                "icc2_high": result.icc2_interval[1],
                "units": result.groups,
                "respondents": result.respondents,
                "mean_group_size": result.mean_group_size,
            }
        )
    return pl.DataFrame(rows, schema=RELIABILITY_SCHEMA, orient="row")


RELIABILITY_SCHEMA = {
    "metric": pl.String,
    "icc1": pl.Float64,
    "icc2": pl.Float64,
    "icc2_low": pl.Float64,
    "icc2_high": pl.Float64,
    "units": pl.Int64,
    "respondents": pl.Int64,
    "mean_group_size": pl.Float64,
}
RELIABLE = 0.70
"""ICC(2) below this: show the disattenuated r beside the observed one (Bliese 2000)."""


def corrected_links(links: dict[str, float], reliability: float) -> dict[str, float]:
    """Each class's r corrected for noise in the staff means, where that noise is worth saying
    (a reliability below RELIABLE): only the classes with an r to correct. A class without
    units has none; the Overview had read 'r = nan (low touch)'."""
    if not reliability < RELIABLE:
        return {}
    corrected = {k: float(disattenuate(r, reliability)) for k, r in links.items()}
    return {k: r for k, r in corrected.items() if r == r}
