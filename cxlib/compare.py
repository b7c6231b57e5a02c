"""Two views side by side: how different is the EX–CX link in one from the other?

Two views of one dataset usually share companies (the same units before and after a
reclassification, or two periods of the same units), so their correlations are not independent
and a Fisher z test of their difference would be wrong. Both views lose the same company at a
time instead (a paired jackknife over companies: Efron & Stein 1981): what the views share moves
together, and only what differs between them widens the interval, which is the difference ±
t(G − 1) × its jackknife standard error over the G companies. Units are never left out one by
one: the units of a company share its strategy and move together. The exception is data of one
company (an HR analyst's own): there nothing varies between companies, and its units are left
out in turn (in 1,000 null worlds of 10–60 units: 4.0–5.9%, tests/test_compare.py).

Why not the bootstrap: a percentile cluster bootstrap called a difference in 6–9% of 1,000
null worlds of 12–60 companies (8–10% with BCa); this interval in 4.8–5.4%
(tests/test_compare.py holds the simulation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats

from .groups import TOUCH_CLASSES, Paired
from .stats import CONFIDENCE, Correlation, correlation

GROUPS = ("all", *TOUCH_CLASSES)
"""The link over every unit (or company) of the view, then in each touch class."""


@dataclass(frozen=True)
class ViewDifference:
    """The link in each view, per group, and B − A with its 95% paired-jackknife interval."""

    first: dict[str, Correlation]
    second: dict[str, Correlation]
    difference: dict[str, float]
    ci_low: dict[str, float]
    ci_high: dict[str, float]
    companies: int
    """Companies in either view: what the jackknife leaves out, one at a time."""
    units: int = 0
    """With one company, the units in either view, which the jackknife leaves out instead."""

    def table(self) -> pl.DataFrame:
        """One row per group: r and n of each view, the difference and its interval."""
        return pl.DataFrame(
            {
                "group": list(GROUPS),
                "r_first": [self.first[g].r for g in GROUPS],
                "n_first": [self.first[g].n for g in GROUPS],
                "r_second": [self.second[g].r for g in GROUPS],
                "n_second": [self.second[g].n for g in GROUPS],
                "difference": [self.difference[g] for g in GROUPS],
                "ci_low": [self.ci_low[g] for g in GROUPS],
                "ci_high": [self.ci_high[g] for g in GROUPS],
            }
        )


def compare_views(first: Paired, second: Paired, confidence: float = CONFIDENCE) -> ViewDifference:
    """The EX–CX link of two views (unit or company tables with company and touch columns)
    and the difference second − first, overall and per touch class."""
    a, b = (_rows(view) for view in (first, second))
    every = pl.concat([a["company"], b["company"]]).unique().sort()
    # One company (an HR analyst's own data): its units are what varies independently, and
    # what the jackknife leaves out; the company's level is the same in every unit.
    cluster = "unit_id" if every.len() == 1 and "unit_id" in a.columns else "company"
    a, b = (rows.with_columns(cluster=pl.col(cluster).cast(pl.String)) for rows in (a, b))
    out: dict[str, dict[str, float]] = {"difference": {}, "ci_low": {}, "ci_high": {}}
    results: tuple[dict[str, Correlation], dict[str, Correlation]] = ({}, {})
    for group in GROUPS:
        pair = [_group(rows, group) for rows in (a, b)]
        for shown, rows in zip(results, pair, strict=True):
            shown[group] = correlation(rows["x"], rows["y"])
        # The companies (or units) of this group in either view: one outside it changes
        # nothing when left out, and counting it would narrow the interval.
        clusters = pl.concat([rows["cluster"] for rows in pair]).unique().sort()
        g = clusters.len()
        values = _left_out_r(pair[1], clusters) - _left_out_r(pair[0], clusters)
        difference = results[1][group].r - results[0][group].r
        se = np.sqrt((g - 1) / g * np.sum((values - values.mean()) ** 2)) if g > 1 else np.nan
        t = stats.t.ppf(0.5 + confidence / 2, g - 1) if g > 1 else np.nan
        out["difference"][group] = difference
        out["ci_low"][group] = float(difference - t * se)
        out["ci_high"][group] = float(difference + t * se)
    units = pl.concat([a["cluster"], b["cluster"]]).n_unique() if cluster == "unit_id" else 0
    return ViewDifference(*results, **out, companies=every.len(), units=units)


def _rows(view: Paired) -> pl.DataFrame:
    """company (and unit_id where the table has it), touch, x, y: the rows whose two values
    are finite (what correlation() uses)."""
    x, y = view.pair
    return view.table.select(
        "company",
        *(["unit_id"] if "unit_id" in view.table.columns else []),
        "touch",
        pl.col(x).cast(pl.Float64).alias("x"),
        pl.col(y).cast(pl.Float64).alias("y"),
    ).filter(pl.col("x").is_finite() & pl.col("y").is_finite())


def _group(rows: pl.DataFrame, group: str) -> pl.DataFrame:
    return rows if group == "all" else rows.filter(pl.col("touch") == group)


def _left_out_r(rows: pl.DataFrame, clusters: pl.Series) -> np.ndarray:
    """Pearson r of the rows with each cluster (company, or unit of the one company) left out
    in turn (one value per cluster, in the order of `clusters`): the totals minus that
    cluster's sums, so the cost grows with rows + clusters. NaN where fewer than 4 rows are
    left, or no spread."""
    index = np.searchsorted(clusters.to_numpy(), rows["cluster"].to_numpy())
    x, y = rows["x"].to_numpy(), rows["y"].to_numpy()
    sums = [
        np.bincount(index, weights=w, minlength=clusters.len())
        for w in (np.ones_like(x), x, y, x * y, x * x, y * y)
    ]
    n, sx, sy, sxy, sxx, syy = (total.sum() - per for total, per in ((s, s) for s in sums))
    with np.errstate(invalid="ignore", divide="ignore"):
        mx, my = sx / n, sy / n
        cov, vx, vy = sxy / n - mx * my, sxx / n - mx**2, syy / n - my**2
        r = cov / np.sqrt(vx * vy)
    r[(n < 4) | ~(vx > 1e-12) | ~(vy > 1e-12)] = np.nan
    return r
