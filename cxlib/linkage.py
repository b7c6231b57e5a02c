"""Unit-level linkage analysis on the cube: select, re-aggregate, join EX with CX, correlate.

Every query goes: filter cube cells → sums per unit and period → privacy rule → EX period t
joined with CX period t + lag → summed over the matched periods per unit → metrics. The unit of
analysis is the business unit (n = units), so repeated periods never inflate n.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .cube import SUM, Cube, build_cube
from .dataset import Dataset
from .filters import ALL_ITEMS, OUTCOMES, FilterState
from .models import ThemeMap
from .stats import Comparison, Correlation, compare_correlations, correlation, correlation_table
from .touch import touch_expr

UNIT_DIMENSIONS = ("touch", "industry", "company", "region")
CUSTOMER_DIMENSIONS = ("segment", "channel")
EMPLOYEE_DIMENSIONS = ("role",)
THIN_STAFF = 10  # median staff respondents per unit-period below this: unit means are noisy

WARNINGS = {
    "empty_selection": "nothing matches the current filters",
    "suppressed": "some unit-periods are hidden: fewer staff respondents than the minimum group",
    "thin_units": "few staff respondents per unit: unit means are noisy and r is attenuated",
}


@dataclass(frozen=True)
class UnitTable:
    """One row per unit: selected EX and CX metrics, every theme mean, counts, attributes."""

    table: pl.DataFrame
    suppressed_cells: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class TouchGap:
    high: Correlation
    low: Correlation
    comparison: Comparison


class Linkage:
    """A linkage study ready for interactive queries: the cube is built once, here."""

    def __init__(self, data: Dataset):
        if not data.has_linkage:
            raise ValueError("the dataset has no linkage study")
        # Only the cube and small tables are kept: queries cannot reach the raw responses.
        self.industries = data.industries
        self.cube: Cube = build_cube(data)
        self.themes: ThemeMap = data.theme_map

    # --- building blocks --------------------------------------------------------------------

    def units(self, state: FilterState) -> pl.DataFrame:
        """Unit attributes with the effective touch class, filtered by the view."""
        units = self.cube.dimensions.units.with_columns(
            touch_expr(self.industries, state.reclassify)
        )
        conditions = [
            pl.col(column).is_in(list(values))
            for column, values in (
                ("industry", state.industries),
                ("company", state.companies),
                ("touch", state.touch),
            )
            if values
        ]
        return units.filter(*conditions) if conditions else units

    def _periods(self, state: FilterState) -> list[int]:
        periods = self.cube.dimensions.periods
        return [i for i, p in enumerate(periods) if not state.periods or p in state.periods]

    def employee_cells(
        self, state: FilterState, units: pl.DataFrame, by: str | None = None
    ) -> tuple[pl.LazyFrame, pl.LazyFrame]:
        """EX sums per unit, period (and role when by='role') that pass the privacy rule.

        A cell is kept when its staff count is at least the minimum group size and the rest
        of the unit-period (other roles) is empty or also at least that size: no view can be
        subtracted from another to expose a small group. Returns (kept, suppressed) cells.
        """
        k = state.min_group_size
        keys = ["unit", "period", *([by] if by else [])]
        cells = self.cube.employee.lazy().filter(
            pl.col("unit").is_in(units["unit"].implode()),
            pl.col("period").is_in(self._periods(state)),
        )
        totals = cells.group_by("unit", "period").agg(pl.col("n").sum().alias("__total"))
        chosen = cells.filter(pl.col("role").is_in(list(state.roles))) if state.roles else cells
        sums = [pl.col(i + SUM).sum().alias(f"ex|{i}") for i in self.cube.employee_items]
        grouped = chosen.group_by(keys).agg(pl.col("n").sum(), *sums)
        rest = pl.col("__total") - pl.col("n")
        safe = (pl.col("n") >= k) & ((rest == 0) | (rest >= k))
        joined = grouped.join(totals, on=["unit", "period"])
        return joined.filter(safe).drop("__total"), joined.filter(~safe).select(keys)

    def customer_cells(
        self, state: FilterState, units: pl.DataFrame, by: str | None = None
    ) -> pl.LazyFrame:
        """CX sums per unit and EX period (CX period minus lag), and by segment or channel."""
        conditions = [pl.col("unit").is_in(units["unit"].implode())]
        if state.segments:
            conditions.append(pl.col("segment").is_in(list(state.segments)))
        if state.channels:
            conditions.append(pl.col("channel").is_in(list(state.channels)))
        ex_period = pl.col("period").cast(pl.Int32) - state.lag
        keys = ["unit", "period", *([by] if by else [])]
        sums = [pl.col(i + SUM).sum().alias(f"cx|{i}") for i in self.cube.customer_items]
        return (
            self.cube.customer.lazy()
            .filter(*conditions)
            .with_columns(ex_period.alias("period"))
            .filter(pl.col("period").is_in(self._periods(state)))
            .with_columns(pl.col("period").cast(pl.UInt16))
            .group_by(keys)
            .agg(pl.col("n").sum().alias("n_customers"), *sums)
        )

    # --- the unit table ---------------------------------------------------------------------

    def unit_table(
        self, state: FilterState, by: str | None = None, per_period: bool = False
    ) -> UnitTable:
        """Units (× the by-dimension, × period if per_period) with EX and CX metrics.

        Without per_period, sums run over the matched periods, so each unit is one observation.
        """
        units = self.units(state)
        ex_by = by if by in EMPLOYEE_DIMENSIONS else None
        cx_by = by if by in CUSTOMER_DIMENSIONS else None
        ex_cells, hidden = self.employee_cells(state, units, ex_by)
        cx_cells = self.customer_cells(state, units, cx_by)
        keys = ["unit", *(["period"] if per_period else [])]
        keys += [by] if by and by not in UNIT_DIMENSIONS else []
        matched = ex_cells.rename({"n": "n_staff"}).join(cx_cells, on=["unit", "period"])
        summed = matched.group_by(keys).agg(
            pl.col("period").n_unique().alias("n_periods"),
            pl.col("n_staff").cast(pl.Float64).median().alias("median_staff"),
            pl.exclude(*keys, "period").sum(),
        )
        if per_period:  # period codes → labels, with the code kept for lag arithmetic
            labels = dict(enumerate(self.cube.dimensions.periods))
            summed = summed.with_columns(
                pl.col("period").cast(pl.Int32).alias("period_index"),
                pl.col("period").replace_strict(labels, return_dtype=pl.String),
            )
        extra = keys[1:] + (["period_index"] if per_period else [])
        table, hidden_count = pl.collect_all(
            [
                summed.with_columns(self._metric_columns(state))
                .join(units.lazy(), on="unit")
                .select(
                    "unit_id",
                    *extra,
                    *UNIT_DIMENSIONS,
                    "ex",
                    "cx",
                    pl.col(r"^(ex|cx):.*$"),
                    "n_staff",
                    "n_customers",
                    "n_periods",
                    "median_staff",
                    "unit",
                )
                .sort("unit_id", *extra),
                hidden.select(pl.len()),
            ]
        )
        suppressed = hidden_count.item()
        warnings = []
        if table.height == 0:
            warnings.append("empty_selection")
        if suppressed:
            warnings.append("suppressed")
        if table.height and table["median_staff"].median() < THIN_STAFF:
            warnings.append("thin_units")
        return UnitTable(table, suppressed, tuple(warnings))

    def _metric_columns(self, state: FilterState) -> list[pl.Expr]:
        """One mean per theme and side (ex:<theme>, cx:<theme>, outcomes), plus ex and cx."""

        def mean(side: str, items: tuple[str, ...], n: str) -> pl.Expr:
            total = pl.sum_horizontal([pl.col(f"{side}|{i}") for i in items])
            return total / (pl.col(n) * len(items))

        themes = self.themes
        ex = {
            f"ex:{t.name}": mean("ex", t.employee_items, "n_staff")
            for t in themes.themes
            if t.employee_items
        }
        ex[f"ex:{ALL_ITEMS}"] = mean("ex", themes.employee_items, "n_staff")
        cx = {
            f"cx:{t.name}": mean("cx", t.customer_items, "n_customers")
            for t in themes.themes
            if t.customer_items
        }
        cx[f"cx:{ALL_ITEMS}"] = mean("cx", themes.customer_items, "n_customers")
        for outcome in OUTCOMES:
            cx[f"cx:{outcome}"] = mean("cx", (outcome,), "n_customers")
        chosen_cx = (
            state.cx_metric if state.cx_metric.startswith("cx:") else f"cx:{state.cx_metric}"
        )
        if state.ex_metric not in ex or chosen_cx not in cx:
            raise ValueError(f"unknown metric: {state.ex_metric} / {state.cx_metric}")
        return [
            *(expr.alias(name) for name, expr in (ex | cx).items()),
            ex[state.ex_metric].alias("ex"),
            cx[chosen_cx].alias("cx"),
        ]

    # --- analyses ---------------------------------------------------------------------------

    def correlation(self, state: FilterState, method: str = "pearson") -> Correlation:
        table = self.unit_table(state).table
        return correlation(table["ex"], table["cx"], method=method)

    def correlation_by(self, state: FilterState, by: str, method: str = "pearson") -> pl.DataFrame:
        """EX–CX correlation per value of a unit, customer or employee dimension."""
        table = self.unit_table(state, by=by).table
        rows = []
        for (value,), group in table.group_by(by, maintain_order=True):  # a few groups, not rows
            c = correlation(group["ex"], group["cx"], method=method)
            rows.append({by: value, **correlation_row(c)})
        frame = pl.DataFrame(rows, schema={by: pl.String, **CORRELATION_SCHEMA}, orient="row")
        return frame.sort(by)

    def touch_gap(self, state: FilterState, method: str = "pearson") -> TouchGap:
        """High- vs low-touch EX–CX correlation and the Fisher z test of their difference."""
        table = self.unit_table(state).table
        high, low = (
            correlation(g["ex"], g["cx"], method=method)
            for g in (table.filter(pl.col("touch") == t) for t in ("high", "low"))
        )
        return TouchGap(high, low, compare_correlations(high.r, high.n, low.r, low.n))

    def theme_correlations(
        self, state: FilterState, by: str = "touch", method: str = "pearson"
    ) -> pl.DataFrame:
        """Each EX theme with the CX metric, per value of a unit dimension (default: touch)."""
        table = self.unit_table(state).table
        themes = [f"ex:{t.name}" for t in self.themes.themes if t.employee_items]
        rows = [
            {
                by: value,
                "theme": theme.removeprefix("ex:"),
                **correlation_row(correlation(group[theme], group["cx"], method=method)),
            }
            for (value,), group in table.group_by(by, maintain_order=True)  # a few groups
            for theme in themes
        ]
        schema = {by: pl.String, "theme": pl.String, **CORRELATION_SCHEMA}
        return pl.DataFrame(rows, schema=schema, orient="row").sort(by, "theme")

    def theme_matrix(self, state: FilterState, method: str = "pearson") -> pl.DataFrame:
        """Every EX theme × every CX theme and outcome, with BH-adjusted p-values."""
        table = self.unit_table(state).table
        ex = [c for c in table.columns if c.startswith("ex:") and c != f"ex:{ALL_ITEMS}"]
        cx = [c for c in table.columns if c.startswith("cx:") and c != f"cx:{ALL_ITEMS}"]
        pairs = [(x, y) for x in ex for y in cx]
        return correlation_table(table, pairs, method=method)


CORRELATION_SCHEMA = {
    "n": pl.Int64,
    "r": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "p_value": pl.Float64,
    "warnings": pl.List(pl.String),
}


def correlation_row(c: Correlation) -> dict:
    return {
        "n": c.n,
        "r": c.r,
        "ci_low": c.ci_low,
        "ci_high": c.ci_high,
        "p_value": c.p_value,
        "warnings": list(c.warnings),
    }
