"""The unit-level engine: a view in, the privacy-filtered unit table out.

Every query goes: filter cube cells → sums per unit and period → privacy rule → EX period t
joined with CX period t + lag → summed over the matched periods per unit → metrics. A period
filter keeps a pair only when both its EX period t and its CX period t + lag are chosen. The unit of
analysis is the business unit (n = units), so repeated periods never inflate n. Analyses
(groups, themes, drivers, lags) are free functions over the UnitTable this returns.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import polars as pl

from .codes import Caveat
from .contract import CHANNELS
from .cube import Cube, Dimensions, build_cube
from .dataset import Dataset
from .filters import PANEL_FIELDS, FilterState
from .grid import Grid, build_grid
from .kept import Kept
from .metrics import CX, EX, cx_metrics, ex_metrics, items_of
from .models import DEFAULT_SETTINGS, Settings, ThemeMap
from .privacy import Floors, customer_blocks, staff_blocks
from .sealing import Sealed, stored_blocks
from .touch import Reclassification, touch_expr

UNIT_DIMENSIONS = ("touch", "industry", "company", "region")
SPLITS = ("segment", "channel", "role")
"""Dimensions that split a unit's responses (customer segment and channel, staff role)."""
UNITS_KEPT_BYTES = 16_000_000
"""units(view) results kept: a workshop's unit choices and moves (tens of kilobytes each on the
sample, about 0.5 MB at 10,000 units)."""
TABLES_KEPT_BYTES = 32_000_000
"""unit_table results kept, by size: hundreds of views on the sample; at 10,000 units a dozen
unit-level tables (2.5 MB each), and no per-period table split by channel (40 MB): recomputed,
it takes 0.1 s (docs/performance.md)."""
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


class Buffers:
    """A few spare arrays for a view's sums, shared by the threads of a server. A fresh array
    of ten megabytes costs page faults on every query (more than the adds that fill it in a
    process where other work has fragmented memory); a spare one does not."""

    KEPT, LARGEST = 1, 32_000_000  # arrays kept, and bytes: a split view's are not kept

    def __init__(self) -> None:
        self._spare: list[np.ndarray] = []
        self._lock = threading.Lock()

    def take(self, shape: tuple[int, int], dtype: np.dtype) -> np.ndarray:
        size = shape[0] * shape[1]
        with self._lock:
            for i, spare in enumerate(self._spare):
                if spare.size >= size and spare.dtype == dtype:
                    return self._spare.pop(i)[:size].reshape(shape)
        return np.empty(shape, dtype=dtype)

    def give(self, array: np.ndarray) -> None:
        base = array.base if array.base is not None else array
        if base.nbytes <= self.LARGEST:
            with self._lock:
                if len(self._spare) < self.KEPT:
                    self._spare.append(base.reshape(-1))


class UsableRows:
    """The sums of a view's usable rows by name, gathered (in float64, for the means) when
    read: gathering every name at once was the largest thing a per-period table made (38 MB
    at 10,000 units, by split), more than the table itself."""

    def __init__(self, values: np.ndarray, names: tuple[str, ...], rows: np.ndarray) -> None:
        self._values, self._rows = values, rows
        self._index = {name: i for i, name in enumerate(names)}

    def __getitem__(self, name: str) -> np.ndarray:
        return self._values[self._index[name], self._rows].astype(np.float64, copy=False)


@dataclass(frozen=True, eq=False)
class Cells:
    """A view's sums per grid row (× split value), stacked: the engine's working arrays."""

    values: np.ndarray
    """names × rows: n_staff, the EX item sums, n_customers, the CX item sums."""
    names: tuple[str, ...]
    answered: np.ndarray
    usable: np.ndarray
    units: np.ndarray
    """Unit code of each row."""
    split: tuple[str, np.ndarray, tuple[str, ...]] | None
    """(split name, value index of each row, values) when the view is split."""

    def split_column(self, rows: np.ndarray) -> dict[str, pl.Series]:
        if self.split is None:
            return {}
        name, index, values = self.split
        return {name: pl.Series(name, list(values), dtype=pl.String).gather(index[rows])}


class Linkage:
    """A linkage study ready for interactive queries: the cube is built once, here."""

    def __init__(self, data: Dataset, settings: Settings = DEFAULT_SETTINGS):
        if not data.has_linkage:
            raise ValueError("the dataset has no linkage study")
        # Only the grid and small tables are kept: queries cannot reach the raw responses.
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
        """Spread the cube over the grid; the long cube itself is not kept (the grid holds
        all that views read, in less memory)."""
        self.industries = industries
        self.dimensions: Dimensions = cube.dimensions
        self.grid: Grid = build_grid(cube, ex_metrics(themes))
        self.themes: ThemeMap = themes
        units = cube.dimensions.units
        self._names = (set(units["industry"]), set(units["company"]))
        # Results reused across views and sessions (a server's threads share the engine).
        self._units: Kept[pl.DataFrame] = Kept(UNITS_KEPT_BYTES, pl.DataFrame.estimated_size)
        self._tables: Kept[UnitTable] = Kept(TABLES_KEPT_BYTES, _table_size)
        self._buffers = Buffers()
        # The grid is every unit × every period, sorted: row r is unit r // P, period r % P.
        periods = len(cube.dimensions.periods)
        self._unit_of_row = np.repeat(np.arange(units.height, dtype=np.int64), periods)
        self._period_of_row = np.tile(np.arange(periods, dtype=np.int64), units.height)

    @cached_property
    def _all_roles(self) -> np.ndarray:
        """Staff sums over every role: what most views read, added up once."""
        return self.grid.staff_array.sum(axis=1)

    @property
    def periods(self) -> tuple[str, ...]:
        return self.dimensions.periods

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
        key = (view.industries, view.companies, view.touch, view.reclassify)
        return self._units.get(key, lambda: self._units_of(view))

    def _with_touch(self, reclassify: Reclassification) -> pl.DataFrame:
        """Every unit with its effective touch class, in code order."""
        return self.units(FilterState(reclassify=reclassify))

    def _units_of(self, view: FilterState) -> pl.DataFrame:
        units = self.dimensions.units.with_columns(touch_expr(self.industries, view.reclassify))
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
        kept: bool = True,
    ) -> UnitTable:
        """Units (× the by-split, × period if per_period) with EX and CX metrics.

        by: a split (segment, channel, role) gives one row per unit and split value; a unit
        dimension (touch, industry, ...) is a column already. Without per_period, sums run over
        the periods where both surveys have a usable cell, so each unit is one observation.
        full=False computes only the view's CX metric (every EX theme is always there).
        Results are kept within a byte budget and shared: treat them as read-only. kept=False
        computes the table anew and does not keep it (what a benchmark of the query times).
        """
        if not kept:
            return self._unit_table(view, by, per_period, full)
        key = (view.model_dump_json(), by, per_period, full)
        return self._tables.get(key, lambda: self._unit_table(view, by, per_period, full))

    def _unit_table(
        self, view: FilterState, by: str | None, per_period: bool, full: bool
    ) -> UnitTable:
        if by is not None and by not in (*SPLITS, *UNIT_DIMENSIONS):
            raise ValueError(f"cannot split units by {by!r}: use one of {SPLITS + UNIT_DIMENSIONS}")
        for metric, known in ((view.ex_metric, ex_metrics), (view.cx_metric, cx_metrics)):
            if metric not in known(self.themes):
                raise ValueError(f"unknown metric {metric!r}: this study has {known(self.themes)}")
        split = by if by in SPLITS else None
        units = self.units(view)
        cells = self._cells(view, split, full, units)
        hidden = self._hidden(cells, view)
        group = [split] if split else []
        keys, numbers = (self._usable_periods if per_period else self._sum_periods)(cells)
        n_staff, n_customers = numbers["n_staff"], numbers["n_customers"]
        means = self._means(numbers, (n_staff, n_customers), view, full)
        # The sums may be reused from here: only copies are kept below (per period, `numbers`
        # reads them until this line).
        self._buffers.give(cells.values)
        extra = [*(["period", "period_index"] if per_period else []), *group]
        # Unit attributes by code (a unit's code is its row there): a gather, not a join.
        attributes = self._with_touch(view.reclassify).select("unit_id", *UNIT_DIMENSIONS)
        attributes = attributes[keys["unit"]]
        table = pl.DataFrame(
            {
                "unit_id": attributes["unit_id"],
                **{name: keys[name] for name in extra},
                **{name: attributes[name] for name in UNIT_DIMENSIONS},
                "ex": means[view.ex_metric],
                "cx": means[view.cx_metric],
                **means,
                "n_staff": pl.Series(n_staff.astype(np.int64)),
                "n_customers": pl.Series(n_customers.astype(np.int64)),
                "n_periods": keys["n_periods"],
                "staff_per_period": n_staff / keys["n_periods"].to_numpy(),
                "unit": keys["unit"],
            }
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

    def _hidden(self, cells: Cells, view: FilterState) -> Hidden:
        """Counted on the dense grid: rows are (split value,) unit, period, in order."""
        periods = self.grid.periods
        units = cells.units[::periods]
        per_block = [
            flags.reshape(-1, periods).any(axis=1) for flags in (cells.answered, cells.usable)
        ]
        size = len(self.dimensions.units)
        any_answered, any_usable = (np.bincount(units, b, minlength=size) for b in per_block)
        hidden_units = int(((any_answered > 0) & (any_usable == 0)).sum())
        cells_hidden = int((cells.answered & ~cells.usable).sum())
        return Hidden(hidden_units, cells_hidden, self.floors.minimums(view))

    # --- cells: the grid's columns summed for the view ----------------------------------------

    def _cells(
        self, view: FilterState, split: str | None, full: bool, units: pl.DataFrame
    ) -> Cells:
        """Per unit × period (× split value): staff and customer sums for the view, as arrays.

        Staff sums are for EX period t, customer sums for period t + lag; a row is answered
        when both sides have anyone in the chosen atoms, usable when the privacy rule also lets
        the view show both (privacy.py) and the row is in view (its unit, its periods). Every
        unit keeps all its periods, in order (dense), so periods sum by a reshape.
        """
        grid = self.grid
        chosen = {
            "role": view.roles or grid.roles,
            "segment": view.segments or grid.segments,
            "channel": view.channels or CHANNELS,
        }
        values = chosen[split] if split else (None,)
        items = grid.customer_items if full else items_of(view.cx_metric, self.themes)
        stats = [0, *(1 + grid.customer_items.index(i) for i in items)]
        in_view = self._in_view(view, units)
        names = (
            "n_staff",
            *(f"{EX}|{i}" for i in grid.employee_items),
            "n_customers",
            *(f"{CX}|{i}" for i in items),
        )
        rows = grid.rows
        # Every split value's sums side by side in one array, from the spare ones if it fits.
        dtype = np.result_type(grid.staff_array, grid.customer_array)  # float32 if both are
        out = self._buffers.take((len(names), rows * len(values)), dtype)
        parts = [
            self._variant(
                chosen | ({split: (value,)} if split else {}),
                stats,
                in_view,
                view,
                out[:, i * rows : (i + 1) * rows],
            )
            for i, value in enumerate(values)
        ]
        return Cells(
            values=out,
            names=names,
            answered=np.concatenate([answered for answered, _ in parts]),
            usable=np.concatenate([usable for _, usable in parts]),
            units=np.tile(self._unit_of_row, len(parts)),
            split=(split, np.repeat(np.arange(len(values)), rows), values) if split else None,
        )

    def _in_view(self, view: FilterState, units: pl.DataFrame) -> np.ndarray:
        """Rows of the grid the view keeps: its units, and both ends of each lagged pair in
        its periods (staff at period t, customers at t + lag, inside the study)."""
        grid, lag = self.grid, view.lag
        keep = np.ones(grid.rows, dtype=bool)
        if units.height < len(self.dimensions.units):
            keep &= np.isin(self._unit_of_row, units["unit"].to_numpy())
        period = self._period_of_row
        if lag:
            keep &= period < grid.periods - lag
        if view.periods:
            wanted = [i for i, p in enumerate(self.periods) if p in view.periods]
            keep &= np.isin(period, wanted)
            if lag:
                keep &= np.isin(period + lag, wanted)
        return keep

    def _variant(
        self,
        chosen: dict[str, tuple[str, ...]],
        stats: list[int],
        in_view: np.ndarray,
        view: FilterState,
        values: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """One choice of roles, segments and channels: its sums written into `values` (names ×
        rows); (answered, usable) per row returned."""
        grid, lag = self.grid, view.lag
        k_staff, k_customers = self.floors.minimums(view)
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
        if lag:  # customers of period t + lag, on row t (rows past the end are out of view)
            customers_ok, customers_any = (
                np.concatenate([a[lag:], np.zeros(lag, dtype=bool)])
                for a in (customers_ok, customers_any)
            )
        answered = in_view & staff_any & customers_any
        usable = answered & staff_ok & customers_ok
        # Filled in place: large temporaries cost more than the adds themselves.
        staff_stats = grid.staff_array.shape[0]
        if len(roles) == len(grid.roles):  # every role, the usual view: summed once
            values[:staff_stats] = self._all_roles
        else:
            _sum_into(values[:staff_stats], grid.staff_array, roles)
        rows = values.shape[1] - lag
        _sum_into(values[staff_stats:, :rows], grid.customer_array, atoms, stats, lag)
        values[staff_stats:, rows:] = 0  # past the study's end: no customers
        values[:, ~usable] = 0  # the few rows the view may not use add nothing
        return answered, usable

    def _usable_periods(self, cells: Cells) -> tuple[dict[str, pl.Series], UsableRows]:
        """One row per usable cell; period codes → labels, the code kept for lag arithmetic."""
        rows = np.flatnonzero(cells.usable)
        rows = rows[self._table_order(cells, rows, per_period=True)]
        period = self._period_of_row[rows % self.grid.rows]
        labels = pl.Series(self.periods, dtype=pl.String)
        keys = {
            "unit": pl.Series(cells.units[rows], dtype=pl.UInt32),
            "period": labels.gather(period),
            "period_index": pl.Series(period, dtype=pl.Int32),
            **cells.split_column(rows),
            "n_periods": pl.Series(np.ones(rows.size), dtype=pl.UInt32),
        }
        return keys, UsableRows(cells.values, cells.names, rows)

    def _sum_periods(self, cells: Cells) -> tuple[dict[str, pl.Series], dict[str, np.ndarray]]:
        """Sum each unit's usable periods: the dense grid makes this a matrix product."""
        periods = self.grid.periods
        heads = np.arange(0, cells.usable.size, periods)
        # Unusable rows hold zeros; the grid's floats add its whole numbers exactly (Grid).
        ones = np.ones(periods, dtype=cells.values.dtype)
        totals = (cells.values.reshape(-1, periods) @ ones).reshape(len(cells.names), -1)
        totals = totals.astype(np.float64, copy=False)  # units × names: means in float64
        n_periods = cells.usable.reshape(-1, periods).sum(axis=1)
        kept = np.flatnonzero(n_periods > 0)
        kept = kept[self._table_order(cells, heads[kept], per_period=False)]
        keys = {
            "unit": pl.Series(cells.units[heads][kept], dtype=pl.UInt32),
            **cells.split_column(heads[kept]),
            "n_periods": pl.Series(n_periods[kept], dtype=pl.UInt32),
        }
        return keys, dict(zip(cells.names, totals[:, kept], strict=True))

    def _table_order(self, cells: Cells, rows: np.ndarray, per_period: bool) -> np.ndarray:
        """The order that lists these rows as the table does: by unit, period, then split
        value in text order. Without a split they come so already (unit by unit, periods in
        order: period labels sort as text, Dataset.periods); with one, value by value, and
        reordering these indices spares sorting the finished table (a copy of it, at the
        page's peak)."""
        if cells.split is None:
            return np.arange(rows.size)
        _, index, values = cells.split
        key = cells.units[rows].astype(np.int64)
        if per_period:
            key = key * self.grid.periods + self._period_of_row[rows % self.grid.rows]
        return np.argsort(key * len(values) + _text_ranks(values)[index[rows]], kind="stable")

    def _means(
        self,
        numbers: dict[str, np.ndarray] | UsableRows,
        counts: tuple[np.ndarray, np.ndarray],
        view: FilterState,
        full: bool,
    ):
        """ex:<theme> for every staff metric, the view's CX metric (all if full): the item
        sums over the answers behind them (counts: staff and customers per row).

        Each item is read once and added to every metric that holds it (an item's sums are
        whole numbers, so the order of adding is exact): per period, reading is a gather,
        and the all-themes metric would otherwise read every item a second time."""
        n_staff, n_customers = counts
        wanted = cx_metrics(self.themes) if full else (view.cx_metric,)
        metrics = [(EX, m, n_staff) for m in ex_metrics(self.themes)]
        metrics += [(CX, m, n_customers) for m in wanted]
        holders: dict[str, list[tuple[str, str]]] = {}
        for side, metric, _ in metrics:
            for item in items_of(metric, self.themes):
                holders.setdefault(f"{side}|{item}", []).append((side, metric))
        totals: dict[tuple[str, str], np.ndarray] = {}
        for name, held_by in holders.items():
            sums = numbers[name]
            for key in held_by:
                if key in totals:
                    totals[key] += sums
                else:
                    totals[key] = sums.astype(np.float64, copy=True)
        return {
            metric: pl.Series(
                totals[(side, metric)] / (n * len(items_of(metric, self.themes))),
                dtype=pl.Float64,
            )
            for side, metric, n in metrics
        }


def _text_ranks(labels: tuple[str, ...]) -> np.ndarray:
    """Each label's place when the labels are sorted as text (as polars sorts strings)."""
    ranks = np.empty(len(labels), dtype=np.int64)
    ranks[np.argsort(np.array(labels, dtype=object), kind="stable")] = np.arange(len(labels))
    return ranks


def _table_size(table: UnitTable) -> int:
    return table.table.estimated_size()


def _sum_into(
    out: np.ndarray,
    array: np.ndarray,
    chosen: list[int],
    stats: list[int] | None = None,
    lag: int = 0,
) -> None:
    """Write into out the sum of the chosen atoms' stats (all: None) of `array` (stats × atoms
    × rows), from row `lag` on (customers of period t + lag land on row t)."""
    picked = slice(None) if stats is None else stats
    if not chosen:
        out[...] = 0
        return
    out[...] = array[picked, chosen[0], lag:]
    for atom in chosen[1:]:  # contiguous adds: faster than a reduction over a short axis
        out += array[picked, atom, lag:]
