"""The cube: exact sufficient statistics, additive across partitions, and the only data queried."""

import dataclasses

import polars as pl
import pytest

from cxlib.cube import SUM, SUMSQ, Cube, Dimensions, build_cube, merge_cubes


def decoded(cube, frame: pl.DataFrame) -> pl.DataFrame:
    units = cube.dimensions.units.select("unit", "unit_id")
    periods = dict(enumerate(cube.dimensions.periods))
    return frame.join(units, on="unit").with_columns(
        pl.col("period").replace_strict(periods, return_dtype=pl.String)
    )


def test_cells_hold_count_sum_and_sum_of_squares_of_the_raw_responses(sample, cube):
    """Recomputed straight from raw responses, per unit, period and role: identical."""
    item = "ex_enablement_1"
    raw = (
        sample.employee.group_by("unit_id", "period", "role")
        .agg(
            pl.len().alias("n"),
            pl.col(item).cast(pl.Int64).sum().alias("s"),
            (pl.col(item).cast(pl.Int64) ** 2).sum().alias("q"),
        )
        .sort("unit_id", "period", "role")
    )
    cube = (
        decoded(cube, cube.employee)
        .select(
            "unit_id",
            "period",
            pl.col("role").cast(pl.String),
            "n",
            pl.col(item + SUM).alias("s"),
            pl.col(item + SUMSQ).alias("q"),
        )
        .sort("unit_id", "period", "role")
    )
    assert cube.equals(raw.with_columns(pl.col("n").cast(pl.Int64)))


def test_customer_cube_totals_match_the_responses(sample, cube):
    cells = cube.customer
    assert cells["n"].sum() == sample.customer.height
    assert cells["satisfaction" + SUM].sum() == sample.customer["satisfaction"].cast(pl.Int64).sum()
    assert cells.height < sample.customer.height / 5  # far fewer cells than responses


def test_cube_of_a_union_is_the_merge_of_the_cubes(sample, cube):
    """cube(A ∪ B) == merge(cube(A), cube(B)) for a split of every response table."""
    dims = cube.dimensions
    parts = []
    for keep in (pl.int_range(pl.len()) % 3 == 0, pl.int_range(pl.len()) % 3 != 0):
        part = dataclasses.replace(
            sample, employee=sample.employee.filter(keep), customer=sample.customer.filter(keep)
        )
        parts.append(build_cube(part, dims))
    merged = merge_cubes(*parts)
    assert merged.employee.equals(cube.employee)
    assert merged.customer.equals(cube.customer)


def test_parts_built_apart_merge_when_their_vocabulary_is_the_same(sample, cube):
    """Each part built with its own Dimensions.of the whole study (as two processes would):
    they had been refused because the check compared objects, not what they hold."""
    parts = [
        build_cube(
            dataclasses.replace(sample, customer=sample.customer.filter(keep)),
            Dimensions.of(sample),
        )
        for keep in (pl.col("channel") == "phone", pl.col("channel") != "phone")
    ]
    merged = merge_cubes(*parts)
    assert merged.customer.equals(cube.customer)
    assert merged.employee["n"].sum() == 2 * cube.employee["n"].sum()  # staff in both parts


def test_merging_needs_the_same_units_periods_segments_and_roles(sample):
    fewer = dataclasses.replace(sample, units=sample.units.filter(pl.col("unit_id") != "U0001"))
    with pytest.raises(ValueError, match="same units, periods, segments and roles"):
        merge_cubes(build_cube(sample), build_cube(sample, Dimensions.of(fewer)))


def test_queries_cannot_reach_raw_responses(engine, sample):
    """The engine keeps its grid and small tables only, not even the long cube: what it holds
    grows with units × periods, not with responses."""
    held = [v for v in vars(engine).values() if isinstance(v, pl.DataFrame)]
    held += [engine.dimensions.units]
    for frame in held:
        assert not {"respondent_id", "response_id"} & set(frame.columns)
        assert frame.height <= engine.dimensions.units.height
    assert not any(isinstance(v, Cube) for v in vars(engine).values())
    grid = engine.grid
    for array in (grid.staff_array, grid.customer_array, grid.score_array):
        assert array.shape[2] == sample.units.height * len(sample.periods)
