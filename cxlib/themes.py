"""Which staff themes go with which customer themes, and how each theme looks from both sides.

Free functions over a unit table (engine.UnitTable): themes are read from its columns
(ex:<theme>, cx:<theme>, cx:<outcome>), so they follow the dataset's theme map by name.
"""

from __future__ import annotations

import polars as pl

from .engine import UnitTable
from .groups import clusters_of
from .metrics import CX, CX_ALL, EX, EX_ALL, metric, name_of
from .stats import (
    CORRELATION_SCHEMA,
    correlation,
    correlation_row,
    correlation_table,
    correlations,
)


def staff_themes(units: UnitTable) -> list[str]:
    """The ex:<theme> columns, in theme-map order (without ex:all)."""
    return [c for c in units.table.columns if c.startswith(f"{EX}:") and c != EX_ALL]


def customer_metrics(units: UnitTable) -> list[str]:
    """The cx:<theme> and cx:<outcome> columns (without cx:all); needs a full table."""
    if not units.full:
        raise ValueError("build the unit table with full=True: this needs every customer metric")
    return [c for c in units.table.columns if c.startswith(f"{CX}:") and c != CX_ALL]


def strongest(matrix: pl.DataFrame, n: int) -> pl.DataFrame:
    """The n pairs of a theme matrix with the largest |r|, strongest first: a link of −0.99 is
    as strong as one of 0.99 (sorted by r, a weak 0.32 was named the strongest pair beside
    three strong negative ones). Pairs without an r are left out; ties in the order given."""
    return (
        matrix.filter(pl.col("r").is_not_nan() & pl.col("r").is_not_null())
        .sort(pl.col("r").abs(), descending=True, maintain_order=True)
        .head(n)
    )


def theme_matrix(units: UnitTable, method: str = "pearson") -> pl.DataFrame:
    """Every EX theme × every CX theme and outcome (x, y, n, r, CI, p), BH-adjusted together."""
    pairs = [(x, y) for x in staff_themes(units) for y in customer_metrics(units)]
    return correlation_table(units.table, pairs, method=method, clusters=clusters_of(units.table))


def theme_correlations(
    units: UnitTable, by: str = "touch", method: str = "pearson"
) -> pl.DataFrame:
    """Each EX theme with the view's CX metric, per value of a unit column (default: touch)."""
    themes = staff_themes(units)
    table = units.table
    # One conversion (nulls become NaN, which correlation drops), then a mask per group.
    values = table.select(*themes, "cx").cast(pl.Float64).to_numpy()
    groups = table.get_column(by)
    within = clusters_of(table)
    # Whole-number codes: numpy sorts numbers far faster than text when it codes them.
    labels = table.get_column(within).rank("dense").to_numpy() if within else None
    named = sorted(zip((name_of(t) for t in themes), range(len(themes)), strict=True))
    rows = []
    for value in sorted(groups.unique().to_list()):  # a few groups; rows in sorted order
        mask = (groups == value).to_numpy()
        part = values[mask]
        clusters = None if labels is None else labels[mask]
        if method == "pearson":
            found = correlations(part[:, :-1], part[:, -1], clusters=clusters)
        else:
            found = [
                correlation(part[:, j], part[:, -1], method=method, clusters=clusters)
                for j in range(len(themes))
            ]
        rows += [{by: value, "theme": name, **correlation_row(found[j])} for name, j in named]
    schema = {by: pl.String, "theme": pl.String, **CORRELATION_SCHEMA}
    return pl.DataFrame({k: [row[k] for row in rows] for k in schema}, schema=schema)


def theme_levels(units: UnitTable) -> pl.DataFrame:
    """Per common theme: staff and customer mean item score over the units, by respondents."""
    customer = set(customer_metrics(units))
    common = [name_of(t) for t in staff_themes(units) if metric(CX, name_of(t)) in customer]
    table = units.table

    def weighted(side: str, n: str) -> list[float | None]:
        if table.height == 0:
            return [None] * len(common)
        means = table.select(
            ((pl.col(metric(side, t)) * pl.col(n)).sum() / pl.col(n).sum()).alias(t) for t in common
        )
        return list(means.row(0))

    return pl.DataFrame(
        {
            "theme": common,
            "staff": weighted(EX, "n_staff"),
            "customers": weighted(CX, "n_customers"),
        },
        schema={"theme": pl.String, "staff": pl.Float64, "customers": pl.Float64},
    )
