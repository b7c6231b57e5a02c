"""Company-level analysis on the panel, with the same filters as the unit level.

Years: empty selects the latest year (the published studies are cross-sections); several years
are averaged per company so that n counts companies, never company-years.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .dataset import Dataset
from .filters import FilterState
from .linkage import CORRELATION_SCHEMA, TouchGap, correlation_row
from .stats import compare_correlations, correlation
from .touch import companies_with_touch


@dataclass(frozen=True)
class PanelTable:
    table: pl.DataFrame
    years: tuple[int, ...]
    warnings: tuple[str, ...]


def panel_table(data: Dataset, state: FilterState) -> PanelTable:
    """One row per company: mean rating and score over the selected years, touch classes."""
    companies = companies_with_touch(data, state.reclassify)
    years = state.years or (companies["year"].max(),)
    conditions = [pl.col("year").is_in(list(years))]
    for column, values in (
        ("industry", state.industries),
        ("company", state.companies),
        ("touch", state.touch),
    ):
        if values:
            conditions.append(pl.col(column).is_in(list(values)))
    table = (
        companies.filter(*conditions)
        .group_by("company")
        .agg(
            pl.col("industry").first(),
            pl.col("industry_touch").first(),
            # A strategy may change over the years: the latest selected year's class counts.
            pl.col("touch").sort_by("year").last(),
            pl.col("strategy").sort_by("year").last(),
            pl.col("employee_rating").mean(),
            pl.col("customer_score").mean(),
            pl.len().alias("n_years"),
        )
        .sort("company")
    )
    warnings = ("empty_selection",) if table.height == 0 else ()
    return PanelTable(table, tuple(sorted(years)), warnings)


def panel_touch_gap(data: Dataset, state: FilterState, method: str = "pearson") -> TouchGap:
    """High- vs low-touch company correlation (effective touch) and the test of the difference."""
    table = panel_table(data, state).table
    high, low = (
        correlation(g["employee_rating"], g["customer_score"], method=method)
        for g in (table.filter(pl.col("touch") == t) for t in ("high", "low"))
    )
    return TouchGap(high, low, compare_correlations(high.r, high.n, low.r, low.n))


def panel_correlation_by(
    data: Dataset, state: FilterState, by: str = "industry", method: str = "pearson"
) -> pl.DataFrame:
    """Company-level correlation per industry, touch class or default (industry) touch class."""
    table = panel_table(data, state).table
    rows = [
        {
            by: value,
            **correlation_row(
                correlation(g["employee_rating"], g["customer_score"], method=method)
            ),
        }
        for (value,), g in table.group_by(by, maintain_order=True)
    ]
    return pl.DataFrame(rows, schema={by: pl.String, **CORRELATION_SCHEMA}, orient="row").sort(by)


def trend_lines(table: pl.DataFrame) -> pl.DataFrame:
    """Least-squares line of customer score on employee rating per touch class (for the chart)."""
    x, y = pl.col("employee_rating"), pl.col("customer_score")
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    return (
        table.group_by("touch")
        .agg(
            slope.alias("slope"),
            (y.mean() - slope * x.mean()).alias("intercept"),
            x.min().alias("x_min"),
            x.max().alias("x_max"),
            pl.len().alias("n"),
        )
        .filter(pl.col("n") >= 3)
        .sort("touch")
    )
