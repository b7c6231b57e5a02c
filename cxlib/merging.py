"""Sealed cubes of a study's parts, built in different places, merged into the study's cube.

A part keeps its unit-periods whole (a company's units, a range of periods): blocks are formed
per unit-period (sealing.py), so the sealed parts side by side are the sealed whole. Each part
codes units, periods, segments and roles in its own vocabulary (a company's data may have no
public-sector customers), so its cells are coded again in the union's: keys by name, and each
block's bitmask bit by bit, its cell keyed by the block's first atom as sealing keys it.
Anything that would make the whole other than the union is refused with the reason: a
unit-period in two parts (a split that sealing cannot undo), other floors, other items or
theme maps, a unit or industry described two ways.
"""

from __future__ import annotations

import hashlib

import polars as pl

from .contract import CHANNELS
from .cube import CUSTOMER_KEYS, EMPLOYEE_KEYS, Cube, Dimensions
from .cubefile import StoredCube
from .errors import DataError, Problem
from .sealing import BLOCK, Sealed, check_sealed

WHERE = "merge"  # what problems of the merge are said about (no one file is at fault)
SHOWN = 5  # names listed in a message, of however many
PART = "__part"


def merge_stored(parts: list[StoredCube]) -> StoredCube:
    """The sealed cube of the study whose parts these are (at least one)."""
    if not parts:
        raise ValueError("no cubes to merge")
    first = parts[0]
    _same_terms(parts)
    dims = Dimensions(
        _units(parts),
        *(
            tuple(sorted({v for p in parts for v in getattr(p.cube.dimensions, name)}))
            for name in ("periods", "segments", "roles")
        ),
    )
    employee, customer = (
        _whole_unit_periods(
            pl.concat(
                [
                    _recoded(p.cube, dims, side).with_columns(pl.lit(i, pl.UInt32).alias(PART))
                    for i, p in enumerate(parts)
                ]
            )
        )
        .drop(PART)
        .sort(keys)
        for side, keys in (("staff", EMPLOYEE_KEYS), ("customers", CUSTOMER_KEYS))
    )
    cube = Cube(dims, employee, customer, first.cube.employee_items, first.cube.customer_items)
    sealed = Sealed(cube, first.sealed.floors)
    problems = check_sealed(sealed)
    if problems:  # cannot happen for parts that open; kept as the writer's own rule
        raise DataError([Problem(WHERE, p) for p in problems])
    return StoredCube(
        sealed,
        _one_table([p.industries for p in parts], ("industry",), "industries"),
        _companies(parts),
        first.theme_map,
        first.manifest,
        "merged-"
        + hashlib.sha256("\n".join(sorted(p.fingerprint for p in parts)).encode()).hexdigest()[:16],
    )


def _same_terms(parts: list[StoredCube]) -> None:
    """Floors, items and the theme map: what makes two cubes' numbers the same kind."""
    first = parts[0]
    terms = {
        "floors": lambda p: p.sealed.floors,
        "staff items": lambda p: p.cube.employee_items,
        "customer items and outcomes": lambda p: p.cube.customer_items,
        "theme map": lambda p: p.theme_map,
    }
    differ = [what for what, of in terms.items() if any(of(p) != of(first) for p in parts[1:])]
    if differ:
        raise DataError(
            [
                Problem(
                    WHERE,
                    f"the parts differ in their {', '.join(differ)}: build every part of a "
                    "study with the same theme map and minimums",
                )
            ]
        )


def _units(parts: list[StoredCube]) -> pl.DataFrame:
    """Every part's units, each once, coded in unit_id order (as Dimensions.of codes them)."""
    units = _one_table(
        [p.cube.dimensions.units.drop("unit") for p in parts], ("unit_id",), "units"
    ).sort("unit_id")
    return units.with_row_index("unit").with_columns(pl.col("unit").cast(pl.UInt32))


def _one_table(frames: list[pl.DataFrame], key: tuple[str, ...], name: str) -> pl.DataFrame:
    """The parts' rows of a small table, each once; a key described two ways is refused."""
    columns = frames[0].columns
    if any(set(f.columns) != set(columns) for f in frames[1:]):
        raise DataError([Problem(WHERE, f"the parts' {name} tables have different columns")])
    rows = pl.concat([f.select(columns) for f in frames], how="vertical_relaxed").unique()
    twice = rows.filter(pl.len().over(key) > 1).get_column(key[0]).unique().sort()
    if twice.len():
        listed = ", ".join(map(str, twice.head(SHOWN)))
        raise DataError(
            [
                Problem(
                    WHERE,
                    f"{name} described differently by two parts: {listed}",
                    count=twice.len(),
                )
            ]
        )
    return rows.sort(key)


def _companies(parts: list[StoredCube]) -> pl.DataFrame | None:
    panels = [p.companies for p in parts if p.companies is not None]
    if not panels:
        return None
    key = tuple(c for c in ("company", "year") if c in panels[0].columns) or (panels[0].columns[0],)
    return _one_table(panels, key, "company panel")


def _recoded(cube: Cube, dims: Dimensions, side: str) -> pl.DataFrame:
    """A part's cells in the union's codes: unit and period by name, the block's bits moved
    to the atoms' places in the union, the cell keyed by its block's first atom there."""
    own = cube.dimensions
    cells = cube.employee if side == "staff" else cube.customer
    unit_codes = own.units.select("unit", "unit_id").join(
        dims.units.select("unit_id", pl.col("unit").alias("to")), on="unit_id"
    )
    units = dict(zip(unit_codes["unit"], unit_codes["to"], strict=True))
    periods = {i: dims.periods.index(p) for i, p in enumerate(own.periods)}
    if side == "staff":
        moves = [dims.roles.index(r) for r in own.roles]
    else:
        width = len(CHANNELS)
        moves = [dims.segments.index(s) * width + c for s in own.segments for c in range(width)]
    block = pl.lit(0, pl.UInt64)
    for old, new in enumerate(moves):  # a few dozen atoms at most (a 64-bit mask)
        bit = (pl.col(BLOCK) // pl.lit(2**old, pl.UInt64)) % 2
        block = block + bit * pl.lit(2**new, pl.UInt64)
    first = pl.col(BLOCK).bitwise_trailing_zeros().cast(pl.Int64)
    if side == "staff":
        keys = [_named(first, dims.roles).alias("role")]
    else:
        keys = [
            _named(first // width, dims.segments).alias("segment"),
            _named(first % width, CHANNELS).alias("channel"),
        ]
    return (
        cells.with_columns(
            pl.col("unit").replace_strict(units, return_dtype=pl.UInt32),
            pl.col("period").replace_strict(periods, return_dtype=cells.schema["period"]),
            block.alias(BLOCK),
        )
        .with_columns(keys)
        .select(cells.columns)
    )


def _named(code: pl.Expr, names: tuple[str, ...]) -> pl.Expr:
    return code.replace_strict(dict(enumerate(names)), return_dtype=pl.Enum(names))


def _whole_unit_periods(cells: pl.DataFrame) -> pl.DataFrame:
    """The cells, unless a unit-period is in two parts: split between them, its blocks were
    formed apart, not as the whole's (sealing cannot be undone to form them again)."""
    split = cells.group_by("unit", "period").agg(pl.col(PART).n_unique()).filter(pl.col(PART) > 1)
    if split.height:
        raise DataError(
            [
                Problem(
                    WHERE,
                    "the parts share unit-periods (a unit's responses of one period split "
                    "between them): merge such parts before sealing (cxlib.cube.merge_cubes), "
                    "or split the study by company, unit or period",
                    count=split.height,
                )
            ]
        )
    return cells
