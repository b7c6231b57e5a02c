"""The unit-level engine: a view in, the privacy-filtered unit table out.

Every query goes: filter cube cells → sums per unit and period → privacy rule → EX period t
joined with CX period t + lag → summed over the matched periods per unit → metrics. A period
filter keeps a pair only when both its EX period t and its CX period t + lag are chosen. The unit of
analysis is the business unit (n = units), so repeated periods never inflate n. Analyses
(groups, themes, drivers, lags) are free functions over the UnitTable this returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .codes import Caveat
from .contract import CHANNELS
from .cube import Cube, build_cube
from .dataset import Dataset
from .filters import PANEL_FIELDS, FilterState
from .grid import Grid, build_grid
from .metrics import CX, EX, cx_metrics, ex_metrics, items_of
from .models import DEFAULT_SETTINGS, Settings, ThemeMap
from .privacy import Floors, customer_blocks, staff_blocks
from .sealing import Sealed, stored_blocks
from .touch import touch_expr

UNIT_DIMENSIONS = ("touch", "industry", "company", "region")
SPLITS = ("segment", "channel", "role")
"""Dimensions that split a unit's responses (customer segment and channel, staff role)."""
THIN_STAFF = 10  # typical staff answers behind a row's EX mean below this: it is noisy


@dataclass(frozen=True)
class Hidden:
    """What the privacy rule kept out of a view (counted, never silently dropped)."""

    units: int
    """Units in the view with answers on both sides but no period that may be shown."""
    cells: int
    """Unit-periods in the view with answers on both sides that may not be shown."""
    minimums: tuple[int, int]
    """The view's minimum group of staff and of customers."""


@dataclass(frozen=True)
class UnitTable:
    """One row per unit (× split value, × period): EX and CX metrics, counts, attributes.

    Columns: unit_id, [period, period_index], [the split], touch, industry, company, region,
    ex and cx (the view's metrics), ex:<theme> for every theme and cx:<metric> for the view's
    CX metric (every CX metric when full), n_staff, n_customers, n_periods.
    """

    table: pl.DataFrame
    view: FilterState
    by: str | None
    per_period: bool
    full: bool
    hidden: Hidden
    warnings: tuple[Caveat, ...]
    pair: tuple[str, str] = ("ex", "cx")
    """The two columns whose correlation is the EX–CX link."""


class Linkage:
    """A linkage study ready for interactive queries: the cube is built once, here."""

    def __init__(self, data: Dataset, settings: Settings = DEFAULT_SETTINGS):
        if not data.has_linkage:
            raise ValueError("the dataset has no linkage study")
        # Only the cube and small tables are kept: queries cannot reach the raw responses.
        self._serve(build_cube(data), data.industries, data.theme_map)
        self.floors = Floors.of(settings, data.manifest)
        # Blocks at the floors, once: every view is a union of whole blocks (privacy.py).
        self._blocks = {
            "staff": staff_blocks(self.grid.counts("staff"), self.floors.staff),
            "customers": customer_blocks(self.grid.counts("customers"), self.floors.customers),
        }

    @classmethod
    def from_sealed(
        cls,
        sealed: Sealed,
        industries: pl.DataFrame,
        themes: ThemeMap,
        settings: Settings = DEFAULT_SETTINGS,
    ) -> Linkage:
        """Serve a sealed cube (sealing.py): the blocks it was sealed with, at its floors.

        A deployment whose floor is above the cube's cannot use it: blocks formed at a lower
        floor may differ by fewer people than the deployment's floor. That is refused.
        """
        wanted = Floors.of(settings)
        if wanted.staff > sealed.floors.staff or wanted.customers > sealed.floors.customers:
            raise ValueError(
                f"the cube was sealed for groups of at least {sealed.floors.staff} staff and "
                f"{sealed.floors.customers} customers; this deployment asks for "
                f"{wanted.staff} and {wanted.customers}: build the cube again at those minimums"
            )
        self = cls.__new__(cls)
        self._serve(sealed.cube, industries, themes)
        self.floors = sealed.floors
        staff, customers = stored_blocks(sealed, self.grid)
        self._blocks = {"staff": staff, "customers": customers}
        return self

    def _serve(self, cube: Cube, industries: pl.DataFrame, themes: ThemeMap) -> None:
        self.industries = industries
        self.cube = cube
        self.grid: Grid = build_grid(cube)
        self.themes: ThemeMap = themes
        units = cube.dimensions.units
        self._names = (set(units["industry"]), set(units["company"]))

    @property
    def periods(self) -> tuple[str, ...]:
        return self.cube.dimensions.periods

    def relevant(self, view: FilterState) -> FilterState:
        """The view with what cannot change a unit-level result removed: the company panel's
        years, the level, and moves of industries or companies outside the study. Equal
        results then share one cache key."""
        trimmed = view.without(("level", *PANEL_FIELDS))
        lowest = min(self.floors.staff, self.floors.customers)  # requests below act alike
        return trimmed.model_copy(
            update={
                "reclassify": view.reclassify.keep(*self._names),
                "min_group_size": max(view.min_group_size, lowest),
            }
        )

    def units(self, view: FilterState) -> pl.DataFrame:
        """Unit attributes with the effective touch class, filtered by the view."""
        units = self.cube.dimensions.units.with_columns(
            touch_expr(self.industries, view.reclassify)
        )
        conditions = [
            pl.col(column).is_in(list(values))
            for column, values in (
                ("industry", view.industries),
                ("company", view.companies),
                ("touch", view.touch),
            )
            if values
        ]
        return units.filter(*conditions) if conditions else units

    def unit_table(
        self,
        view: FilterState,
        by: str | None = None,
        per_period: bool = False,
        full: bool = True,
    ) -> UnitTable:
        """Units (× the by-split, × period if per_period) with EX and CX metrics.

        by: a split (segment, channel, role) gives one row per unit and split value; a unit
        dimension (touch, industry, ...) is a column already. Without per_period, sums run over
        the periods where both surveys have a usable cell, so each unit is one observation.
        full=False computes only the view's CX metric (every EX theme is always there).
        """
        if by is not None and by not in (*SPLITS, *UNIT_DIMENSIONS):
            raise ValueError(f"cannot split units by {by!r}: use one of {SPLITS + UNIT_DIMENSIONS}")
        for metric, known in ((view.ex_metric, ex_metrics), (view.cx_metric, cx_metrics)):
            if metric not in known(self.themes):
                raise ValueError(f"unknown metric {metric!r}: this study has {known(self.themes)}")
        split = by if by in SPLITS else None
        units = self.units(view)
        cells = self._cells(view, split, full)
        if units.height < self.cube.dimensions.units.height:
            cells = cells.filter(pl.col("unit").is_in(units["unit"].implode()))
        answered = pl.col("keep") & pl.col("staff_any") & pl.col("customers_any")
        usable = answered & pl.col("staff_ok") & pl.col("customers_ok")
        cells = cells.with_columns(usable.alias("usable"), answered.alias("answered")).collect()
        hidden = self._hidden(cells, view)
        group = [split] if split else []
        if per_period:  # one row per usable cell; codes → labels, code kept for lag arithmetic
            labels = dict(enumerate(self.periods))
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
        extra = [*(["period", "period_index"] if per_period else []), *group]
        table = (
            summed.with_columns(
                *self._metric_columns(view, full),
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
            warnings.append(Caveat.EMPTY_SELECTION)
        if hidden.cells:
            warnings.append(Caveat.SUPPRESSED)
        # A row's EX mean pools its periods' answers: that count decides how noisy it is.
        if table.height and table["n_staff"].median() < THIN_STAFF:
            warnings.append(Caveat.THIN_UNITS)
        return UnitTable(table, view, by, per_period, full, hidden, tuple(warnings))

    def _hidden(self, cells: pl.DataFrame, view: FilterState) -> Hidden:
        counts = cells.group_by("unit").agg(
            pl.col("answered").sum().alias("answered"), pl.col("usable").sum().alias("usable")
        )
        units = counts.filter((pl.col("answered") > 0) & (pl.col("usable") == 0)).height
        cells_hidden = int((cells["answered"] & ~cells["usable"]).sum())
        return Hidden(units, cells_hidden, self.floors.minimums(view))

    # --- cells: the grid's columns summed for the view ----------------------------------------

    def _cells(self, view: FilterState, split: str | None, full: bool) -> pl.LazyFrame:
        """Per unit × period (× split value): staff and customer sums for the view.

        Staff sums are for EX period t, customer sums for period t + lag; "keep" marks the
        periods in view. Every unit keeps all its periods, in order (dense). "staff_ok" and
        "customers_ok" mark the cells the privacy rule lets the view show (privacy.py).
        """
        chosen = {
            "role": view.roles or self.grid.roles,
            "segment": view.segments or self.grid.segments,
            "channel": view.channels or CHANNELS,
        }
        values = chosen[split] if split else (None,)
        items = self.grid.customer_items if full else items_of(view.cx_metric, self.themes)
        frames = [
            self._variant(view, split, value, items, chosen | ({split: (value,)} if split else {}))
            for value in values
        ]
        return pl.concat(frames) if len(frames) > 1 else frames[0]

    def _variant(
        self,
        view: FilterState,
        split: str | None,
        value: str | None,
        items: tuple[str, ...],
        chosen: dict[str, tuple[str, ...]],
    ) -> pl.LazyFrame:
        grid, lag = self.grid, view.lag
        k_staff, k_customers = self.floors.minimums(view)

        def staff(stat: str, roles: tuple[str, ...] = chosen["role"]) -> pl.Expr:
            return pl.sum_horizontal(grid.staff(r, stat) for r in roles)

        def customers(stat: str) -> pl.Expr:
            total = pl.sum_horizontal(
                grid.customers(s, c, stat) for s in chosen["segment"] for c in chosen["channel"]
            )
            # The grid is dense and sorted by unit, then period: row i + lag is the same unit
            # lag periods later whenever period + lag is still inside the study.
            return total.shift(-lag).fill_null(0) if lag else total

        roles = [grid.roles.index(r) for r in chosen["role"] if r in grid.roles]
        atoms = [
            grid.segments.index(s) * len(CHANNELS) + CHANNELS.index(c)
            for s in chosen["segment"]
            if s in grid.segments
            for c in chosen["channel"]
        ]
        by_role, by_atom = self._blocks["staff"], self._blocks["customers"]
        staff_ok, staff_any = by_role.shown(roles, k_staff), by_role.answered(roles)
        customers_ok, customers_any = by_atom.shown(atoms, k_customers), by_atom.answered(atoms)
        if lag:  # customers of period t + lag, on row t (the rows past the end are not kept)
            later = np.zeros(lag, dtype=bool)
            customers_ok = np.concatenate([customers_ok[lag:], later])
            customers_any = np.concatenate([customers_any[lag:], later])
        columns = [
            pl.col("unit"),
            pl.col("period"),
            *([pl.lit(value).alias(split)] if split else []),
            staff("n").alias("n_staff"),
            pl.Series("staff_ok", staff_ok),
            pl.Series("customers_ok", customers_ok),
            pl.Series("staff_any", staff_any),
            pl.Series("customers_any", customers_any),
            *(staff(i).alias(f"{EX}|{i}") for i in grid.employee_items),
            customers("n").alias("n_customers"),
            *(customers(i).alias(f"{CX}|{i}") for i in items),
        ]
        keep = pl.lit(True)
        if lag:
            keep = keep & (pl.col("period") < grid.periods - lag)
        if view.periods:
            # Both ends of a pair must be chosen: staff at period t and customers at t + lag.
            wanted = [i for i, p in enumerate(self.periods) if p in view.periods]
            keep = keep & pl.col("period").is_in(wanted)
            if lag:
                keep = keep & (pl.col("period").cast(pl.Int32) + lag).is_in(wanted)
        # Rows are never dropped here: every unit keeps its dense block of periods.
        return grid.frame.lazy().select(*columns, keep.alias("keep"))

    def _sum_periods(self, cells: pl.DataFrame, group: list[str]) -> pl.DataFrame:
        """Sum each unit's usable periods: the dense grid makes this a reshape, not a group-by."""
        periods = self.grid.periods
        flags = ("unit", "period", "staff_ok", "customers_ok", "staff_any", "customers_any")
        flags = (*flags, "keep", "usable", "answered")
        flags = (*flags, *group)
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

    def _metric_columns(self, view: FilterState, full: bool) -> list[pl.Expr]:
        """ex:<theme> for every staff metric, the view's CX metric (all if full), ex and cx."""

        def mean(side: str, metric: str, n: str) -> pl.Expr:
            items = items_of(metric, self.themes)
            total = pl.sum_horizontal([pl.col(f"{side}|{i}") for i in items])
            return total / (pl.col(n) * len(items))

        wanted = cx_metrics(self.themes) if full else (view.cx_metric,)
        means = {m: mean(EX, m, "n_staff") for m in ex_metrics(self.themes)}
        means |= {m: mean(CX, m, "n_customers") for m in wanted}
        return [
            *(expr.alias(name) for name, expr in means.items()),
            means[view.ex_metric].alias("ex"),
            means[view.cx_metric].alias("cx"),
        ]
