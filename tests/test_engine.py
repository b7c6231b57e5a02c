"""The engine: unit tables equal a direct computation on raw responses, are private, and say
why when a view is empty."""

import polars as pl
import pytest

from cxlib.engine import Linkage
from cxlib.filters import FilterState
from cxlib.stats import correlation
from cxlib.touch import Reclassification

ITEMS = [
    f"ex_{k}_{i}"
    for k in (
        "supervisor_support",
        "enablement",
        "engagement",
        "customer_focus",
        "service_reliability",
        "wellbeing",
    )
    for i in (1, 2)
]


def raw_unit_means(sample, state: FilterState) -> pl.DataFrame:
    """The same view computed from raw responses, by a different route than the cube.

    For views of every role, segment and channel the privacy rule is a plain minimum: a
    unit-period is shown when it has at least k staff and k customers (k the view's minimum,
    never below the floor of 5). Views that split roles, segments or channels are checked
    cell by cell in test_privacy.py. A period filter keeps a pair when both its staff period
    and its customer period (staff period + lag) are chosen.
    """
    k = max(state.min_group_size, 5)
    staff = sample.employee
    if state.periods:
        staff = staff.filter(pl.col("period").is_in(list(state.periods)))
    ex = (
        staff.with_columns(pl.mean_horizontal(ITEMS).alias("score"))
        .group_by("unit_id", "period")
        .agg(pl.len().alias("n"), pl.col("score").sum().alias("score_sum"))
        .filter(pl.col("n") >= k)
    )
    customers = sample.customer
    if state.periods:  # a pair needs both ends chosen: customers of a chosen period only
        customers = customers.filter(pl.col("period").is_in(list(state.periods)))
    cx = (
        customers.group_by("unit_id", "period")
        .agg(pl.len().alias("m"), pl.col("satisfaction").sum().alias("sat_sum"))
        .filter(pl.col("m") >= k)
    )
    if state.lag:  # customers of period t + lag are paired with staff of period t
        order = {p: i for i, p in enumerate(sorted(set(sample.customer["period"])))}
        back = {i: p for p, i in order.items()}
        shifted = pl.col("period").replace_strict(order) - state.lag
        cx = cx.filter(shifted >= 0).with_columns(
            shifted.replace_strict(back, return_dtype=pl.String).alias("period")
        )
    return (
        ex.join(cx, on=["unit_id", "period"])
        .group_by("unit_id")
        .agg(
            (pl.col("score_sum").sum() / pl.col("n").sum()).alias("ex"),
            (pl.col("sat_sum").sum() / pl.col("m").sum()).alias("cx"),
        )
        .sort("unit_id")
    )


@pytest.mark.parametrize(
    "state",
    [
        FilterState(),
        FilterState(min_group_size=8),
        FilterState(min_group_size=3),
        FilterState(lag=2, periods=("2023-Q2", "2023-Q3", "2024-Q1")),
    ],
    ids=["all", "k8", "k3-below-the-floor", "lag-2-three-periods"],
)
def test_unit_means_equal_a_direct_computation_on_raw_responses(sample, engine, state):
    expected = raw_unit_means(sample, state)
    table = engine.unit_table(state).table.select("unit_id", "ex", "cx")
    assert table["unit_id"].to_list() == expected["unit_id"].to_list()
    assert (table["ex"] - expected["ex"]).abs().max() < 1e-12
    assert (table["cx"] - expected["cx"]).abs().max() < 1e-12


def test_filters_change_the_numbers(engine):
    base = touch_gap_free(engine.unit_table(FilterState()))
    digital = touch_gap_free(engine.unit_table(FilterState(channels=("digital",))))
    assert base.n > 300 and digital.r < base.r


def touch_gap_free(units):
    return correlation(units.table["ex"], units.table["cx"])


def test_empty_selection_says_so_and_does_not_raise(engine):
    units = engine.unit_table(FilterState(industries=("Hotels",), touch=("low",)))
    assert units.table.height == 0 and "empty_selection" in units.warnings
    assert "empty" in touch_gap_free(units).warnings


def test_lag_moves_customers_one_period_later(engine):
    lagged = engine.unit_table(FilterState(lag=1)).table
    assert lagged["n_periods"].max() == len(engine.periods) - 1


def test_a_split_gives_one_row_per_unit_and_value(engine):
    """Split by channel: each unit appears once per channel, with that channel's customers only."""
    split = engine.unit_table(FilterState(), by="channel").table
    whole = engine.unit_table(FilterState()).table
    per_unit = split.group_by("unit_id").agg(pl.col("n_customers").sum(), pl.len())
    joined = per_unit.join(whole.select("unit_id", "n_customers"), on="unit_id", suffix="_all")
    assert (joined["len"] <= 3).all() and (joined["len"] == 3).mean() > 0.9
    assert (joined["n_customers"] <= joined["n_customers_all"]).all()


def test_every_metric_is_a_column_and_cx_follows_the_view(engine):
    """ex:<theme> for every theme, every CX metric when full; cx is the view's CX metric."""
    view = FilterState(cx_metric="cx:recommend", ex_metric="ex:Wellbeing")
    units = engine.unit_table(view)
    assert units.table["cx"].equals(units.table["cx:recommend"], check_names=False)
    assert units.table["ex"].equals(units.table["ex:Wellbeing"], check_names=False)
    lean = engine.unit_table(view, full=False).table
    assert "cx:satisfaction" not in lean.columns and "cx:recommend" in lean.columns


def test_unknown_metric_or_split_is_a_clear_error(engine):
    with pytest.raises(ValueError, match="unknown metric"):
        engine.unit_table(FilterState(cx_metric="cx:Telepathy"))
    with pytest.raises(ValueError, match="cannot split"):
        engine.unit_table(FilterState(), by="weather")


def test_relevant_view_drops_what_cannot_change_unit_results(engine):
    """Years, level and moves of companies outside the study do not change a unit table, so
    they are not part of its cache key; moves inside the study are kept."""
    view = FilterState(
        level="companies",
        years=(2018,),
        reclassify=Reclassification(companies=(("Acorn Hotels", "low"), ("Boreal Energy", "low"))),
    )
    trimmed = engine.relevant(view)
    assert trimmed == FilterState(
        reclassify=Reclassification(companies=(("Boreal Energy", "low"),))
    )
    assert engine.unit_table(trimmed).table.equals(engine.unit_table(view).table)


def test_thin_units_follows_the_answers_behind_each_mean(sample, engine):
    """The "noisy unit means" caveat appears when the typical row's EX mean rests on fewer than
    10 staff answers, counted from the raw responses: not at the default view (all periods
    pooled), but for one period's customer-facing staff."""
    import polars as pl

    from cxlib.codes import Caveat

    for view in (FilterState(), FilterState(periods=("2023-Q1",), roles=("customer-facing",))):
        staff = sample.employee
        if view.periods:
            staff = staff.filter(pl.col("period").is_in(list(view.periods)))
        if view.roles:
            staff = staff.filter(pl.col("role").is_in(list(view.roles)))
        table = engine.unit_table(view, full=False).table
        answers = staff.group_by("unit_id").len().join(table.select("unit_id"), on="unit_id")
        thin = Caveat.THIN_UNITS in engine.unit_table(view, full=False).warnings
        assert thin == (answers["len"].median() < 10)
        assert thin == (view != FilterState())


def test_unit_choices_from_many_threads_share_one_bounded_cache(sample):
    """A server's sessions query one engine from many threads: many unit choices at once give
    each thread its own right answer and never an error, within the cache's byte budget."""
    from concurrent.futures import ThreadPoolExecutor

    from cxlib.engine import UNITS_KEPT_BYTES

    engine = Linkage(sample)
    industries = sorted(set(engine.dimensions.units["industry"]))
    views = [
        FilterState(industries=(a,), touch=touch)
        for a in industries
        for touch in ((), ("high",), ("low",))
    ] * 4
    with ThreadPoolExecutor(8) as pool:
        heights = list(pool.map(lambda v: engine.units(v).height, views))
    expected = [engine._units_of(v).height for v in views]
    assert heights == expected
    assert 0 < engine._units.used <= UNITS_KEPT_BYTES


def test_a_view_asked_again_is_served_from_the_kept_tables(engine):
    """The same view (and split) again is the same table, not a new computation; another
    view is another table."""
    view = FilterState(segments=("Consumer",), lag=1)
    first = engine.unit_table(view, by="channel", per_period=True, full=False)
    assert engine.unit_table(view, by="channel", per_period=True, full=False) is first
    assert engine.unit_table(view, by="channel", per_period=True) is not first
    assert engine.unit_table(view.model_copy(update={"lag": 0}), by="channel") is not first


@pytest.mark.parametrize("by", ["channel", "role", "segment"])
@pytest.mark.parametrize("per_period", [False, True])
def test_split_tables_list_units_then_periods_then_values_in_text_order(engine, by, per_period):
    """Rows come from the engine value by value (every channel: the contract's order, not
    text order); the table lists them by unit, period label and value as a sort of it would."""
    view = FilterState()
    table = engine.unit_table(view, by=by, per_period=per_period, kept=False).table
    keys = ["unit", *(["period", "period_index"] if per_period else []), by]
    assert table.height > 100
    assert table.equals(table.sort(keys))
