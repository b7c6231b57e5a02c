"""The cube laid out for interaction: per side, stats × atoms × grid rows, aligned and dense.

The long cube (cube.py) is the canonical, additive form. For interactive queries the same
numbers are spread over a dense, sorted grid of every unit × every period (row r is unit
r // periods, period r % periods), one plane per statistic and one line per atom: staff by role,
customers by segment and channel. A filter then becomes a sum over the chosen atoms, the EX–CX
join is a row alignment, and a lag is a row shift: no group-by over a million cells at each
click. Only what views read is spread: counts and item sums, and for staff the squares of
each respondent's theme scores (reliability); the long cube can be let go once this is built.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .contract import CHANNELS
from .cube import SUM, SUMSQ, Cube

EXACT_32 = 2**24
"""Float32 holds every whole number up to 2^24 exactly."""


@dataclass(frozen=True, eq=False)
class Grid:
    staff_array: np.ndarray
    """(n, then each employee item's sum) × roles × rows: what a view's staff sums add.
    Rows last, so a view's sums run over contiguous memory. Floats, because a view's periods
    then add up by a matrix product, 8× faster than an integer reduction: float32 when every
    unit's totals stay below 2^24, so that any sum of its cells is exact in float32 (half the
    memory, and adds twice as fast), float64 otherwise (exact below 2^53)."""
    customer_array: np.ndarray
    """(n, then each customer item's sum) × atoms (segment by segment, then channel) × rows."""
    score_array: np.ndarray
    """Per EX metric, the sum of squares of each respondent's item total × roles × rows."""
    periods: int
    segments: tuple[str, ...]
    roles: tuple[str, ...]
    employee_items: tuple[str, ...]
    customer_items: tuple[str, ...]
    metrics: tuple[str, ...]
    """The EX metrics of score_array, in its order."""

    @property
    def rows(self) -> int:
        return self.staff_array.shape[2]

    def counts(self, side: str) -> np.ndarray:
        """People per atom, one row per grid row: staff by role (rows × roles), customers by
        segment and channel (rows × segments × channels)."""
        if side == "staff":
            return _people(self.staff_array[0])
        return _people(self.customer_array[0], len(self.segments))


def build_grid(cube: Cube, metrics: tuple[str, ...] = ()) -> Grid:
    """Spread a cube's cells over the grid. metrics: the EX metrics whose score squares the
    grid keeps (what reliability reads); their columns must be in the cube."""
    dims = cube.dimensions
    return Grid(
        staff_array=_staff(cube, ["n", *(i + SUM for i in cube.employee_items)]),
        customer_array=_customers(cube, ["n", *(i + SUM for i in cube.customer_items)]),
        score_array=_staff(cube, [m + SUMSQ for m in metrics]),
        periods=len(dims.periods),
        segments=dims.segments,
        roles=dims.roles,
        employee_items=cube.employee_items,
        customer_items=cube.customer_items,
        metrics=metrics,
    )


def cube_counts(cube: Cube) -> tuple[np.ndarray, np.ndarray]:
    """People per atom without the rest of the grid (what sealing needs): staff as rows ×
    roles, customers as rows × segments × channels."""
    segments = len(cube.dimensions.segments)
    return _people(_staff(cube, ["n"])[0]), _people(_customers(cube, ["n"])[0], segments)


def _people(plane: np.ndarray, segments: int | None = None) -> np.ndarray:
    """A count plane (atoms × rows) as whole numbers, one row per grid row (and for customers
    split into segments × channels)."""
    counts = plane.T.astype(np.int64)
    return counts if segments is None else counts.reshape(-1, segments, len(CHANNELS))


def _staff(cube: Cube, stats: list[str]) -> np.ndarray:
    roles = len(cube.dimensions.roles)
    return spread(cube.employee, staff_atom(), stats, roles, _shape(cube))


def _customers(cube: Cube, stats: list[str]) -> np.ndarray:
    atoms = len(cube.dimensions.segments) * len(CHANNELS)
    return spread(cube.customer, customer_atom(), stats, atoms, _shape(cube))


def _shape(cube: Cube) -> tuple[int, int]:
    return cube.dimensions.units.height, len(cube.dimensions.periods)


def grid_row(periods: int) -> pl.Expr:
    """A cell's grid row: the grid is every unit × every period, sorted by unit, then period."""
    return pl.col("unit").cast(pl.Int64) * periods + pl.col("period").cast(pl.Int64)


def staff_atom() -> pl.Expr:
    """A staff cell's atom: its role's code."""
    return pl.col("role").to_physical().cast(pl.Int64)


def customer_atom() -> pl.Expr:
    """A customer cell's atom: segment by segment, then channel."""
    segment = pl.col("segment").to_physical().cast(pl.Int64)
    return segment * len(CHANNELS) + pl.col("channel").to_physical().cast(pl.Int64)


def spread(
    cells: pl.DataFrame, atom: pl.Expr, stats: list[str], atoms: int, shape: tuple[int, int]
) -> np.ndarray:
    """stats × atoms × rows (shape: units, periods), zero where there is no cell; cells have
    one row per key, so each lands on its own place. Float32 when that is exact (Grid)."""
    units, periods = shape
    if not stats or cells.height == 0:
        return np.zeros((len(stats), atoms, units * periods), dtype=np.float32)
    place = cells.select(atom.alias("atom"), grid_row(periods).alias("row"))
    atom_of, row_of = place["atom"].to_numpy(), place["row"].to_numpy()
    unit_of = row_of // periods
    columns = [cells[stat].to_numpy() for stat in stats]
    exact = all(  # every partial sum of a unit's cells is at most its total of absolute values
        np.bincount(unit_of, np.abs(column.astype(np.float64)), minlength=units).max() < EXACT_32
        for column in columns
    )
    out = np.zeros((len(stats), atoms, units * periods), dtype=np.float32 if exact else np.float64)
    for i, column in enumerate(columns):  # a few dozen columns, each one vectorised scatter
        out[i, atom_of, row_of] = column
    return out
