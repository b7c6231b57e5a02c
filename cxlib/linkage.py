"""Unit-level linkage analysis on the cube: select, re-aggregate, join EX with CX, correlate.

Every query goes: filter cube cells → sums per unit and period → privacy rule → EX period t
joined with CX period t + lag → summed over the matched periods per unit → metrics. The unit of
analysis is the business unit (n = units), so repeated periods never inflate n.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .contract import CHANNELS, ROLES
from .cube import Cube, build_cube
from .dataset import Dataset
from .filters import ALL_ITEMS, OUTCOMES, FilterState
from .grid import Grid, build_grid
from .models import ThemeMap
from .stats import Comparison, Correlation, compare_correlations, correlation, correlation_table
from .touch import touch_expr

UNIT_DIMENSIONS = ("touch", "industry", "company", "region")
CUSTOMER_DIMENSIONS = ("segment", "channel")
EMPLOYEE_DIMENSIONS = ("role",)
THIN_STAFF = 10  # typical staff respondents per unit-period below this: unit means are noisy

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
        self.grid: Grid = build_grid(self.cube)
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

    def cells(self, state: FilterState, by: str | None = None, full: bool = True) -> pl.LazyFrame:
        """Per unit × period (× the by-value): staff and customer sums for the view.

        Staff sums are for EX period t, customer sums for period t + lag; "keep" marks the
        periods in view. Every unit keeps all its periods, in order (dense). A staff cell is safe
        when it has at least the minimum group size and the rest of its
        unit-period (other roles) is empty or also at least that size: no view can be
        subtracted from another to expose a small group.
        """
        grid = self.grid
        roles = state.roles or ROLES
        segments = state.segments or grid.segments
        channels = state.channels or CHANNELS
        if by == "role":
            variants = [(r, (r,), segments, channels) for r in roles]
        elif by == "segment":
            variants = [(s, roles, (s,), channels) for s in segments]
        elif by == "channel":
            variants = [(c, roles, segments, (c,)) for c in channels]
        else:
            variants = [(None, roles, segments, channels)]
        items = self.grid.customer_items if full else self._cx_items(state.cx_metric)
        frames = [self._variant(state, by, items, *variant) for variant in variants]
        return pl.concat(frames) if len(frames) > 1 else frames[0]

    def _variant(
        self,
        state: FilterState,
        by: str | None,
        items: tuple[str, ...],
        value: str | None,
        roles: tuple[str, ...],
        segments: tuple[str, ...],
        channels: tuple[str, ...],
    ) -> pl.LazyFrame:
        grid, k, lag = self.grid, state.min_group_size, state.lag

        def staff(stat: str, chosen: tuple[str, ...] = roles) -> pl.Expr:
            return pl.sum_horizontal(grid.staff(r, stat) for r in chosen)

        def customers(stat: str) -> pl.Expr:
            total = pl.sum_horizontal(
                grid.customers(s, c, stat) for s in segments for c in channels
            )
            # The grid is dense and sorted by unit, then period: row i + lag is the same unit
            # lag periods later whenever period + lag is still inside the study.
            return total.shift(-lag).fill_null(0) if lag else total

        n_staff = staff("n")
        rest = staff("n", ROLES) - n_staff
        columns = [
            pl.col("unit"),
            pl.col("period"),
            *([pl.lit(value).alias(by)] if by else []),
            n_staff.alias("n_staff"),
            ((n_staff >= k) & ((rest == 0) | (rest >= k))).alias("safe"),
            *(staff(i).alias(f"ex|{i}") for i in grid.employee_items),
            customers("n").alias("n_customers"),
            *(customers(i).alias(f"cx|{i}") for i in items),
        ]
        keep = pl.lit(True)
        if lag:
            keep = keep & (pl.col("period") < grid.periods - lag)
        if state.periods:
            wanted = [i for i, p in enumerate(self.cube.dimensions.periods) if p in state.periods]
            keep = keep & pl.col("period").is_in(wanted)
        # Rows are never dropped here: every unit keeps its dense block of periods.
        return grid.frame.lazy().select(*columns, keep.alias("keep"))

    # --- the unit table ---------------------------------------------------------------------

    def unit_table(
        self,
        state: FilterState,
        by: str | None = None,
        per_period: bool = False,
        full: bool = True,
    ) -> UnitTable:
        """Units (× the by-dimension, × period if per_period) with EX and CX metrics.

        Without per_period, sums run over the periods where both surveys have a usable cell,
        so each unit is one observation. full=False computes only the view's CX metric (every
        EX theme is always there): what most analyses need, and faster.
        """
        units = self.units(state)
        cells = self.cells(state, by if by not in UNIT_DIMENSIONS else None, full)
        if units.height < self.cube.dimensions.units.height:
            cells = cells.filter(pl.col("unit").is_in(units["unit"].implode()))
        usable = pl.col("keep") & pl.col("safe") & (pl.col("n_customers") > 0)
        hidden = pl.col("keep") & (pl.col("n_staff") > 0) & ~pl.col("safe")
        cells = cells.with_columns(usable.alias("usable"), hidden.alias("hidden")).collect()
        suppressed = int(cells["hidden"].sum())
        group = [by] if by and by not in UNIT_DIMENSIONS else []
        keys = ["unit", *(["period"] if per_period else []), *group]
        if per_period:  # one row per usable cell; codes → labels, code kept for lag arithmetic
            labels = dict(enumerate(self.cube.dimensions.periods))
            summed = (
                cells.lazy()
                .filter("usable")
                .with_columns(
                    pl.lit(1, dtype=pl.UInt32).alias("n_periods"),
                    pl.col("period").cast(pl.Int32).alias("period_index"),
                    pl.col("period").replace_strict(labels, return_dtype=pl.String),
                )
            )
        else:
            summed = self._sum_periods(cells, group).lazy()
        extra = keys[1:] + (["period_index"] if per_period else [])
        table = (
            summed.with_columns(
                *self._metric_columns(state, full),
                (pl.col("n_staff") / pl.col("n_periods")).alias("staff_per_period"),
            )
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
                "staff_per_period",
                "unit",
            )
            .sort("unit", *extra)  # unit codes follow unit_id order (Dimensions.of)
            .collect()
        )
        warnings = []
        if table.height == 0:
            warnings.append("empty_selection")
        if suppressed:
            warnings.append("suppressed")
        if table.height and table["staff_per_period"].median() < THIN_STAFF:
            warnings.append("thin_units")
        return UnitTable(table, suppressed, tuple(warnings))

    def _sum_periods(self, cells: pl.DataFrame, group: list[str]) -> pl.DataFrame:
        """Sum each unit's usable periods: the dense grid makes this a reshape, not a group-by."""
        periods = self.grid.periods
        flags = ("unit", "period", "safe", "keep", "usable", "hidden", *group)
        numbers = [c for c in cells.columns if c not in flags]
        usable = cells["usable"].to_numpy()
        values = cells.select(numbers).to_numpy()
        values[~usable] = 0  # only the few unusable rows are written
        blocks = values.reshape(-1, periods, len(numbers))
        totals = blocks[:, 0].copy()
        for period in range(1, periods):  # a handful of vectorised adds, one per period
            totals += blocks[:, period]
        heads = cells.select("unit", *group).gather_every(periods)
        n_periods = usable.reshape(-1, periods).sum(axis=1)
        summed = heads.with_columns(
            pl.Series("n_periods", n_periods, dtype=pl.UInt32),
            *(pl.Series(name, totals[:, j]) for j, name in enumerate(numbers)),
        )
        return summed.filter(pl.col("n_periods") > 0)

    def _cx_items(self, metric: str) -> tuple[str, ...]:
        """The customer columns one CX metric needs."""
        name = metric.removeprefix("cx:")
        if name in OUTCOMES:
            return (name,)
        if name == ALL_ITEMS:
            return self.themes.customer_items
        return self.themes.theme(name).customer_items

    def _metric_columns(self, state: FilterState, full: bool = True) -> list[pl.Expr]:
        """ex:<theme> for every theme, cx:<theme> and outcomes (all if full), plus ex and cx."""

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
        chosen = state.cx_metric if state.cx_metric.startswith("cx:") else f"cx:{state.cx_metric}"
        if state.ex_metric not in ex:
            raise ValueError(f"unknown EX metric: {state.ex_metric}")
        cx = {chosen: mean("cx", self._cx_items(chosen), "n_customers")}
        if full:
            cx |= {
                f"cx:{t.name}": mean("cx", t.customer_items, "n_customers")
                for t in themes.themes
                if t.customer_items
            }
            cx[f"cx:{ALL_ITEMS}"] = mean("cx", themes.customer_items, "n_customers")
            for outcome in OUTCOMES:
                cx[f"cx:{outcome}"] = mean("cx", (outcome,), "n_customers")
        return [
            *(expr.alias(name) for name, expr in (ex | cx).items()),
            ex[state.ex_metric].alias("ex"),
            cx[chosen].alias("cx"),
        ]

    # --- analyses ---------------------------------------------------------------------------

    def correlation(self, state: FilterState, method: str = "pearson") -> Correlation:
        table = self.unit_table(state, full=False).table
        return correlation(table["ex"], table["cx"], method=method)

    def correlation_by(self, state: FilterState, by: str, method: str = "pearson") -> pl.DataFrame:
        """EX–CX correlation per value of a unit, customer or employee dimension."""
        table = self.unit_table(state, by=by, full=False).table
        rows = []
        for (value,), group in table.group_by(by, maintain_order=True):  # a few groups, not rows
            c = correlation(group["ex"], group["cx"], method=method)
            rows.append({by: value, **correlation_row(c)})
        frame = pl.DataFrame(rows, schema={by: pl.String, **CORRELATION_SCHEMA}, orient="row")
        return frame.sort(by)

    def touch_gap(self, state: FilterState, method: str = "pearson") -> TouchGap:
        """High- vs low-touch EX–CX correlation and the Fisher z test of their difference."""
        table = self.unit_table(state, full=False).table
        high, low = (
            correlation(g["ex"], g["cx"], method=method)
            for g in (table.filter(pl.col("touch") == t) for t in ("high", "low"))
        )
        return TouchGap(high, low, compare_correlations(high.r, high.n, low.r, low.n))

    def theme_correlations(
        self, state: FilterState, by: str = "touch", method: str = "pearson"
    ) -> pl.DataFrame:
        """Each EX theme with the CX metric, per value of a unit dimension (default: touch)."""
        table = self.unit_table(state, full=False).table
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

    def theme_levels(self, state: FilterState) -> pl.DataFrame:
        """Per common theme: staff and customer mean item score over the selected units."""
        table = self.unit_table(state).table
        common = [t.name for t in self.themes.themes if t.is_common]

        def weighted(column: str, n: str) -> pl.Expr:
            return (pl.col(column) * pl.col(n)).sum() / pl.col(n).sum()

        staff = table.select(weighted(f"ex:{t}", "n_staff").alias(t) for t in common)
        customers = table.select(weighted(f"cx:{t}", "n_customers").alias(t) for t in common)
        return pl.DataFrame(
            {
                "theme": common,
                "staff": staff.row(0) if table.height else [None] * len(common),
                "customers": customers.row(0) if table.height else [None] * len(common),
            },
            schema={"theme": pl.String, "staff": pl.Float64, "customers": pl.Float64},
        )

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
