"""The company panel for a view: one row per company, with the same filters as the unit level.

Years: empty selects the latest year (the published studies are cross-sections); several years
are averaged per company so that n counts companies, never company-years. The EX–CX link here
is employer rating × customer score; groups.py compares it between touch classes or industries.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .codes import Caveat
from .dataset import Dataset
from .filters import UNIT_FIELDS, FilterState
from .touch import companies_with_touch


@dataclass(frozen=True)
class PanelTable:
    table: pl.DataFrame
    """company, industry, industry_touch, touch, strategy, employee_rating, customer_score,
    n_years."""
    years: tuple[int, ...]
    warnings: tuple[Caveat, ...]
    pair: tuple[str, str] = ("employee_rating", "customer_score")
    """The two columns whose correlation is the EX–CX link."""


def relevant(data: Dataset, view: FilterState) -> FilterState:
    """The view with what cannot change a company-level result removed (unit-level filters,
    privacy, the level, moves naming what the panel does not have): one cache key per result."""
    trimmed = view.without(("level", "min_group_size", *UNIT_FIELDS))
    names = set(data.companies["industry"]), set(data.companies["company"])
    return trimmed.model_copy(update={"reclassify": view.reclassify.keep(*names)})


def panel_table(data: Dataset, view: FilterState) -> PanelTable:
    """One row per company: mean rating and score over the selected years, touch classes."""
    companies = companies_with_touch(data, view.reclassify)
    years = view.years or (companies["year"].max(),)
    conditions = [pl.col("year").is_in(list(years))]
    for column, values in (
        ("industry", view.industries),
        ("company", view.companies),
        ("touch", view.touch),
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
    warnings = (Caveat.EMPTY_SELECTION,) if table.height == 0 else ()
    return PanelTable(table, tuple(sorted(years)), warnings)


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
