"""Sealing: a cube that leaves the engine keeps whole privacy blocks only, and loses no view.

The engine on a sealed cube must show exactly what it shows on the full cube (every view of the
crafted study, the sample's splits), while every stored cell covers a whole block of at least
the floor, rebuilt here from the raw responses.
"""

from __future__ import annotations

import dataclasses
import itertools

import polars as pl
import polars.selectors as cs
import pytest

import cxlib
from cxlib.contract import CHANNELS as ALL_CHANNELS
from cxlib.cube import SUM, SUMSQ, build_cube, merge_cubes
from cxlib.filters import FilterState
from cxlib.models import DEFAULT_SETTINGS, Settings
from cxlib.privacy import Floors
from cxlib.sealing import BLOCK, check_sealed, seal

from .crafted import CHANNELS, ROLES, SEGMENTS, crafted
from .test_privacy import FLOOR, raw_atoms, subsets


@pytest.fixture(scope="module")
def hard():
    data = crafted()
    full = cxlib.Linkage(data)
    sealed = seal(build_cube(data), full.floors)
    return data, full, sealed


def served(sealed, data, settings: Settings = DEFAULT_SETTINGS) -> cxlib.Linkage:
    return cxlib.Linkage.from_sealed(sealed, data.industries, data.theme_map, settings)


def same(a: cxlib.UnitTable, b: cxlib.UnitTable) -> bool:
    return a.table.equals(b.table) and a.hidden == b.hidden and a.warnings == b.warnings


def test_every_view_of_the_crafted_study_is_the_same_on_the_sealed_cube(hard):
    """Every role, segment and channel choice, lags 0-2, per period and whole, at the floor and
    above it: the same rows, numbers, hidden counts and warnings."""
    data, full, sealed = hard
    engine = served(sealed, data)
    views = 0
    for roles, segments, channels in itertools.product(
        subsets(ROLES), subsets(SEGMENTS), subsets(CHANNELS)
    ):
        variants = [(lag, FLOOR, pp) for lag in (0, 1, 2) for pp in (True, False)]
        for lag, k, per_period in [*variants, (0, FLOOR + 2, True)]:
            view = FilterState(
                roles=roles, segments=segments, channels=channels, lag=lag, min_group_size=k
            )
            assert same(
                full.unit_table(view, per_period=per_period),
                engine.unit_table(view, per_period=per_period),
            ), view
            views += 1
    assert views == 7 * 3 * 7 * 7


def test_the_sample_is_the_same_on_the_sealed_cube_split_by_anything(sample, cube, engine):
    sealed = served(seal(cube, engine.floors), sample)
    view = FilterState()
    for by in (None, "segment", "channel", "role", "touch", "industry", "company"):
        assert same(engine.unit_table(view, by=by), sealed.unit_table(view, by=by)), by
    for roles in subsets(engine.dimensions.roles):
        chosen = FilterState(roles=roles, segments=("Consumer",), channels=("phone",), lag=1)
        assert same(engine.unit_table(chosen), sealed.unit_table(chosen)), roles
        reliability = [cxlib.staff_reliability(e, chosen) for e in (engine, sealed)]
        for column in ("icc1", "icc2", "respondents"):
            assert reliability[1][column].to_numpy() == pytest.approx(
                reliability[0][column].to_numpy(), rel=1e-12
            )


def test_every_stored_cell_is_a_whole_block_of_at_least_the_floor(hard):
    """Rebuilt from raw responses: a unit-period's stored cells cover disjoint sets of atoms
    whose union is every atom anyone answered in; each cell's count and sum are exactly its
    atoms' (or nothing at all when the whole unit-period is under the floor)."""
    data, full, sealed = hard
    staff, customers = raw_atoms(data)
    dims = sealed.cube.dimensions
    units = dict(zip(dims.units["unit"], dims.units["unit_id"], strict=True))
    sides = (
        (sealed.cube.employee, staff, [(r,) for r in dims.roles], data.theme_map.employee_items[0]),
        (
            sealed.cube.customer,
            customers,
            [(s, c) for s in dims.segments for c in ALL_CHANNELS],
            "satisfaction",
        ),
    )
    pooled = 0
    for cells, raw, atoms, item in sides:
        for (unit, period), group in cells.group_by("unit", "period"):
            unit_id, label = units[unit], dims.periods[period]
            covered = 0
            for block, n, total in group.select(BLOCK, "n", item + "__sum").iter_rows():
                assert covered & block == 0  # blocks of a unit-period never overlap
                covered |= block
                members = [atoms[a] for a in range(len(atoms)) if block >> a & 1]
                people = sum(raw[(unit_id, label, *m)][0] for m in members)
                answers = sum(raw[(unit_id, label, *m)][1] for m in members)
                if people >= FLOOR:
                    assert (n, total) == (people, answers)
                else:  # a unit-period too small ever to show: its existence, nothing else
                    assert (n, total) == (0, 0)
                pooled += len(members) > 1
            answered = {a for a, m in enumerate(atoms) if raw.get((unit_id, label, *m), (0, 0))[0]}
            assert covered == sum(1 << a for a in answered)
    assert pooled > 20  # the crafted study is hard: many cells are pooled blocks


def test_a_sealed_cube_holds_no_group_under_the_floor_anywhere(cube, engine):
    sealed = seal(cube, engine.floors)
    assert check_sealed(sealed) == []
    too_small = 0
    for cells in (sealed.cube.employee, sealed.cube.customer):
        assert cells.filter((pl.col("n") > 0) & (pl.col("n") < FLOOR)).height == 0
        sub_floor = cells.filter(pl.col("n") == 0)
        assert (sub_floor.select(cs.ends_with(SUM, SUMSQ)).to_numpy() == 0).all()
        too_small += sub_floor.height
    assert too_small > 0  # the sample has unit-periods with too few staff ever to show
    # the full cube had small groups: sealing is what removed them
    assert cube.customer.filter(pl.col("n") < FLOOR).height > 1000


def test_a_cube_sealed_at_a_higher_floor_serves_that_floor(hard):
    data, _, _ = hard
    strict = Settings(min_group_size=7, min_customers=6)
    full = cxlib.Linkage(data, strict)
    sealed = seal(build_cube(data), full.floors)
    assert sealed.floors == Floors(7, 6)
    engine = served(sealed, data, strict)
    for roles, channels in itertools.product(subsets(ROLES), subsets(CHANNELS)):
        view = FilterState(roles=roles, channels=channels)
        assert same(
            full.unit_table(view, per_period=True), engine.unit_table(view, per_period=True)
        )


def test_a_deployment_stricter_than_the_cube_is_refused(hard):
    """Blocks formed at 5 can differ by fewer than 7 people: such a cube cannot serve 7."""
    data, _, sealed = hard
    with pytest.raises(ValueError, match="build the cube again"):
        served(sealed, data, Settings(min_group_size=7))
    with pytest.raises(ValueError, match="build the cube again"):
        served(sealed, data, Settings(min_customers=6))


def test_a_viewer_may_still_raise_the_minimum_on_a_sealed_cube(hard):
    data, full, sealed = hard
    view = FilterState(min_group_size=9)
    a, b = (
        full.unit_table(view, per_period=True),
        served(sealed, data).unit_table(view, per_period=True),
    )
    assert same(a, b)
    assert b.table["n_staff"].min() >= 9 and b.hidden.minimums == (9, 9)


# --- partial cubes -----------------------------------------------------------------------------


def part(data: cxlib.Dataset, staff: pl.Expr, customers: pl.Expr) -> cxlib.Dataset:
    return dataclasses.replace(
        data, employee=data.employee.filter(staff), customer=data.customer.filter(customers)
    )


def test_merged_partial_cubes_seal_to_the_whole_with_the_same_blocks(sample, cube, engine):
    """merge(build(A), build(B)) sealed == build(A ∪ B) sealed, privacy blocks included, for
    a split that cuts through unit-periods (every third response)."""
    dims = cube.dimensions
    every_third = pl.int_range(pl.len()) % 3 == 0
    parts = [build_cube(part(sample, keep, keep), dims) for keep in (every_third, ~every_third)]
    merged = seal(merge_cubes(*parts), engine.floors)
    whole = seal(cube, engine.floors)
    assert merged.cube.employee.equals(whole.cube.employee)
    assert merged.cube.customer.equals(whole.cube.customer)
    # sealing each part first would be wrong here: a part's blocks are not the whole's
    early = [seal(p, engine.floors) for p in parts]
    assert (
        not pl.concat([e.cube.customer for e in early])
        .sort("unit", "period")
        .equals(whole.cube.customer)
    )


def test_sealed_cubes_of_whole_companies_concatenate_into_the_whole(sample, cube, engine):
    """Partitions that keep unit-periods whole (here: companies) can be sealed where they are
    built and only concatenated."""
    dims = cube.dimensions
    companies = sorted(set(sample.units["company"]))
    first = sample.units.filter(pl.col("company").is_in(companies[: len(companies) // 2]))
    mine = pl.col("unit_id").cast(pl.String).is_in(first["unit_id"].implode())
    sealed_parts = [
        seal(build_cube(part(sample, keep, keep), dims), engine.floors) for keep in (mine, ~mine)
    ]
    whole = seal(cube, engine.floors)
    for side in ("employee", "customer"):
        glued = pl.concat([getattr(p.cube, side) for p in sealed_parts]).sort(
            getattr(whole.cube, side).columns[: 4 if side == "customer" else 3]
        )
        assert glued.equals(getattr(whole.cube, side)), side
