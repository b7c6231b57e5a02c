"""What a cube may keep once it leaves the engine: whole privacy blocks, never a small group.

In memory the cube holds every atom (unit × period × role; unit × period × segment × channel),
small ones too: the engine forms blocks at the floor and shows only unions of whole blocks
(privacy.py). A cube written to disk or built in someone's warehouse cannot lean on that, so
sealing pools each block's cells into one cell first: the block's people and sums on its first
atom, plus a bitmask of the atoms it covers. A block under the floor (a unit-period with too few
people on that side ever to be shown) keeps its mask and nothing else. Every stored number is
then one the engine may show at the floor, and the engine on a sealed cube shows exactly what it
shows on the full cube (tests/test_sealing.py), at the floors the cube was sealed at.

Blocks are formed per unit-period, so sealed cubes of partitions that keep unit-periods whole
(companies, units, periods) concatenate into the sealed cube of the whole; partitions that split
a unit-period (by channel, by day) are merged first (cube.merge_cubes), then sealed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .contract import CHANNELS
from .cube import CUSTOMER_KEYS, EMPLOYEE_KEYS, SUM, SUMSQ, Cube
from .grid import Grid, cube_counts, customer_atom, grid_row, staff_atom
from .privacy import Blocks, Floors, customer_blocks, staff_blocks

BLOCK = "block"
"""Bitmask of the atoms a stored cell covers (roles; or segment × channel, segment by segment)."""


@dataclass(frozen=True, eq=False)
class Sealed:
    """A cube whose cells are whole privacy blocks at `floors` (with a BLOCK column)."""

    cube: Cube
    floors: Floors


def seal(cube: Cube, floors: Floors) -> Sealed:
    """Pool a full cube's cells into the blocks the engine would form at these floors."""
    staff_counts, customer_counts = cube_counts(cube)
    periods = len(cube.dimensions.periods)
    staff = staff_blocks(staff_counts, floors.staff)
    customers = customer_blocks(customer_counts, floors.customers)
    pooled = [
        _pool(cells, blocks.masks, keys, floor, periods, atom, keys_of)
        for cells, blocks, keys, floor, atom, keys_of in (
            (cube.employee, staff, EMPLOYEE_KEYS, floors.staff, staff_atom(), _staff_keys(cube)),
            (
                cube.customer,
                customers,
                CUSTOMER_KEYS,
                floors.customers,
                customer_atom(),
                _customer_keys(cube),
            ),
        )
    ]
    return Sealed(Cube(cube.dimensions, *pooled, cube.employee_items, cube.customer_items), floors)


def people(sealed: Sealed) -> tuple[int, int]:
    """Staff and customers in the blocks the cube keeps: the people some view may show. A total
    of everyone would leave those under the floor one subtraction away (the total less what the
    widest view shows); a sum of whole blocks at the floor does not."""
    return int(sealed.cube.employee["n"].sum()), int(sealed.cube.customer["n"].sum())


def stored_blocks(sealed: Sealed, grid: Grid) -> tuple[Blocks, Blocks]:
    """The staff and customer blocks a sealed cube was sealed with, laid on its grid."""
    rows, periods = grid.rows, grid.periods
    staff_counts = grid.counts("staff")
    customer_counts = grid.counts("customers").reshape(rows, -1)
    return (
        Blocks.pooled(
            staff_counts,
            _masks(sealed.cube.employee, staff_atom(), staff_counts.shape, periods),
        ),
        Blocks.pooled(
            customer_counts,
            _masks(sealed.cube.customer, customer_atom(), customer_counts.shape, periods),
        ),
    )


def check_sealed(sealed: Sealed) -> list[str]:
    """What makes a cube unfit to be served as sealed (empty when it is fit)."""
    found = []
    for name, cells, floor in (
        ("staff", sealed.cube.employee, sealed.floors.staff),
        ("customer", sealed.cube.customer, sealed.floors.customers),
    ):
        found += block_problems(name, cells, floor) + hidden_sums(name, cells.lazy())
    return found


def block_problems(name: str, cells: pl.DataFrame, floor: int) -> list[str]:
    """Cells that are not whole blocks of at least the floor (name: staff or customer)."""
    if BLOCK not in cells.columns:
        return [f"{name} cells have no {BLOCK} column: the cube is not sealed"]
    bit = _atom_of(name).replace_strict(_BITS, default=0, return_dtype=pl.UInt64)
    small, outside = cells.select(
        ((pl.col("n") != 0) & (pl.col("n") < floor)).sum().alias("small"),
        ((pl.col(BLOCK) & bit) == 0).sum().alias("outside"),
    ).row(0)
    found = []
    if small:
        found.append(f"{small} {name} cells hold fewer than {floor} people")
    if outside:
        found.append(f"{name} cells whose block does not include their own atom")
    return found


def hidden_sums(name: str, cells: pl.LazyFrame) -> list[str]:
    """Cells with sums but nobody in them. A block under the floor keeps its mask and
    nothing else: its sums would be added into every view that covers the block. Lazy, so
    that a cube on disk is checked over every column without being read whole."""
    stats = [c for c in cells.collect_schema().names() if c.endswith((SUM, SUMSQ))]
    found = (
        cells.filter(pl.col("n") == 0)
        .select(pl.any_horizontal(pl.col(stats) != 0).sum())
        .collect(engine="streaming")
        .item()
    )
    return [f"{found} {name} cells hold sums without people"] if found else []


_BITS = {atom: 1 << atom for atom in range(64)}


# --- atoms: the column position of a cell in the grid's per-side counts ----------------------


def _atom_of(name: str) -> pl.Expr:
    return (staff_atom() if name == "staff" else customer_atom()).cast(pl.UInt64)


def _staff_keys(cube: Cube):
    roles = cube.dimensions.roles

    def keys(first: np.ndarray) -> list[pl.Series]:
        return [
            pl.Series("role", first.astype(np.int64)).replace_strict(
                dict(enumerate(roles)), return_dtype=pl.Enum(roles)
            )
        ]

    return keys


def _customer_keys(cube: Cube):
    segments = pl.Enum(cube.dimensions.segments)
    channels = pl.Enum(CHANNELS)

    def keys(first: np.ndarray) -> list[pl.Series]:
        segment, channel = np.divmod(first.astype(np.int64), len(CHANNELS))
        return [
            pl.Series("segment", segment).replace_strict(
                dict(enumerate(cube.dimensions.segments)), return_dtype=segments
            ),
            pl.Series("channel", channel).replace_strict(
                dict(enumerate(CHANNELS)), return_dtype=channels
            ),
        ]

    return keys


def _rows(cells: pl.DataFrame, periods: int) -> np.ndarray:
    """Grid row of each cell: the grid is every unit × every period, sorted (grid.py)."""
    return cells.select(grid_row(periods)).to_series().to_numpy()


def _pool(cells, masks, keys, floor, periods, atom, keys_of) -> pl.DataFrame:
    """One cell per block: sums over its atoms, keyed by its first atom; none under the floor."""
    stats = [c for c in cells.columns if c not in keys]
    block = masks[_rows(cells, periods), cells.select(atom).to_series().to_numpy()]
    pooled = (
        cells.with_columns(pl.Series(BLOCK, block, dtype=pl.UInt64))
        .group_by("unit", "period", BLOCK)
        .agg(pl.col(stats).sum())
    )
    first = pooled[BLOCK].bitwise_trailing_zeros().to_numpy()
    shown = pl.col("n") >= floor
    return (
        pooled.with_columns(*keys_of(first))
        .with_columns(pl.when(shown).then(pl.col(stats)).otherwise(0))
        .select(*keys, *stats, BLOCK)
        .sort(keys)
    )


def _masks(cells: pl.DataFrame, atom: pl.Expr, shape: tuple[int, int], periods: int) -> np.ndarray:
    """Per grid row and atom, the mask of the atom's block (0 where the atom is empty)."""
    rows = _rows(cells, periods)
    block = cells[BLOCK].to_numpy()
    masks = np.zeros(shape, dtype=np.uint64)
    for position in range(shape[1]):  # a few dozen atoms, each a vectorised pass
        covers = ((block >> np.uint64(position)) & np.uint64(1)).astype(bool)
        masks[rows[covers], position] = block[covers]
    return masks
