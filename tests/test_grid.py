"""The grid: every cube cell spread to its unit-period row and atom, zero elsewhere."""

import numpy as np
import polars as pl
import pytest

import cxlib
from cxlib.contract import CHANNELS


def raw_sums(frame: pl.DataFrame, keys: list[str], item: str) -> pl.DataFrame:
    return frame.group_by("unit_id", "period", *keys).agg(
        pl.len().alias("n"), pl.col(item).cast(pl.Int64).sum().alias("total")
    )


def placed(engine, frame: pl.DataFrame, atom: pl.Expr) -> tuple[np.ndarray, np.ndarray]:
    """(atom, grid row) of each raw group, from the engine's own vocabulary."""
    dims = engine.dimensions
    units = dims.units.select(pl.col("unit_id").cast(pl.String), "unit")
    periods = pl.DataFrame({"period": list(dims.periods), "p": range(len(dims.periods))})
    at = (
        frame.with_columns(pl.col("unit_id").cast(pl.String))
        .join(units, on="unit_id")
        .join(periods, on="period")
        .select(atom.alias("atom"), (pl.col("unit") * len(dims.periods) + pl.col("p")).alias("row"))
    )
    return at["atom"].to_numpy(), at["row"].to_numpy()


def assert_spread(engine, array, raw: pl.DataFrame, atom: pl.Expr, stat: int, responses: int):
    """Each raw group's count and item sum on its atom and grid row, and nothing anywhere else:
    the grid's totals are the responses'."""
    atom, row = placed(engine, raw, atom)
    assert (array[0, atom, row] == raw["n"].to_numpy()).all()
    assert (array[stat, atom, row] == raw["total"].to_numpy()).all()
    assert array[0].sum() == responses
    assert array[stat].sum() == raw["total"].sum()


def test_staff_counts_and_sums_sit_on_their_unit_period_and_role(sample, engine):
    grid, item = engine.grid, "ex_enablement_1"
    roles = {r: i for i, r in enumerate(grid.roles)}
    assert_spread(
        engine,
        grid.staff_array,
        raw_sums(sample.employee, ["role"], item),
        pl.col("role").cast(pl.String).replace_strict(roles),
        1 + grid.employee_items.index(item),
        sample.employee.height,
    )


def test_customer_counts_and_sums_sit_on_their_segment_and_channel(sample, engine):
    grid, item = engine.grid, "satisfaction"
    segments = {s: i for i, s in enumerate(grid.segments)}
    channels = {c: i for i, c in enumerate(CHANNELS)}
    segment = pl.col("segment").cast(pl.String).replace_strict(segments)
    assert_spread(
        engine,
        grid.customer_array,
        raw_sums(sample.customer, ["segment", "channel"], item),
        segment * len(CHANNELS) + pl.col("channel").cast(pl.String).replace_strict(channels),
        1 + grid.customer_items.index(item),
        sample.customer.height,
    )


def test_score_squares_are_each_respondents_theme_total_squared(sample, engine):
    """What reliability reads: per unit-period and role, Σ (item 1 + item 2)² of a theme."""
    grid = engine.grid
    metric = "ex:Supervisor support"
    items = ("ex_supervisor_support_1", "ex_supervisor_support_2")
    total = pl.sum_horizontal(pl.col(i).cast(pl.Int64) for i in items)
    raw = sample.employee.group_by("unit_id", "period", "role").agg(
        (total * total).sum().alias("q")
    )
    roles = {r: i for i, r in enumerate(grid.roles)}
    atom, row = placed(engine, raw, pl.col("role").cast(pl.String).replace_strict(roles))
    plane = grid.score_array[grid.metrics.index(metric)]
    assert (plane[atom, row] == raw["q"].to_numpy()).all()
    assert plane.sum() == raw["q"].sum()


def test_float32_only_where_it_is_exact(sample, cube, engine):
    """The sample's totals are far below 2^24: float32, and the views equal the raw data's
    (the other tests). One unit scaled to past 2^24 turns that side to float64, and its counts
    and means stay exact: float32 would have rounded 3^15 × n."""
    from cxlib.cube import SUM, Cube
    from cxlib.sealing import seal

    assert engine.grid.customer_array.dtype == np.float32
    factor = 3**15  # odd: its multiples are not float32 numbers past 2^24
    stats = ["n", *(i + SUM for i in cube.customer_items)]
    first = pl.col("unit") == 0
    scaled = cube.customer.with_columns(
        pl.when(first).then(pl.col(stats) * factor).otherwise(pl.col(stats))
    )
    big = Cube(cube.dimensions, cube.employee, scaled, cube.employee_items, cube.customer_items)
    served = cxlib.Linkage.from_sealed(
        seal(big, engine.floors), sample.industries, sample.theme_map
    )
    assert served.grid.customer_array.dtype == np.float64
    assert served.grid.staff_array.dtype == np.float32  # each side decides for itself
    before = engine.unit_table(cxlib.FilterState()).table.filter(pl.col("unit") == 0)
    after = served.unit_table(cxlib.FilterState()).table.filter(pl.col("unit") == 0)
    assert after["n_customers"].item() == before["n_customers"].item() * factor
    assert after["cx"].item() == pytest.approx(before["cx"].item(), rel=1e-15)
