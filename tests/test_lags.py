"""Lags: pairs align consecutive periods; the planted direction (EX leads CX) is recovered."""

import polars as pl
import pytest

from cxlib.filters import FilterState
from cxlib.lags import cross_lagged, lag_pairs, trend


def periods(engine, view: FilterState | None = None):
    return engine.unit_table(view or FilterState(), per_period=True)


def test_pairs_join_each_period_with_the_next(engine):
    per_period = periods(engine).table
    pairs = lag_pairs(periods(engine))
    first = pairs.row(0, named=True)
    unit = per_period.filter(pl.col("unit") == first["unit"]).sort("period_index")
    now = unit.filter(pl.col("period_index") == first["period_index"]).row(0, named=True)
    after = unit.filter(pl.col("period_index") == first["period_index"] + 1).row(0, named=True)
    assert (first["ex"], first["cx"]) == (now["ex"], now["cx"])
    assert (first["ex_next"], first["cx_next"]) == (after["ex"], after["cx"])


def test_planted_direction_ex_leads_cx(engine):
    result = cross_lagged(periods(engine), n_boot=200)
    assert result.ex_leads.r > result.cx_leads.r
    assert result.ex_leads_within.r > 0.3 and abs(result.cx_leads_within.r) < 0.1
    low, high = result.difference_ci
    assert low > 0 and low <= result.difference_within <= high
    assert "repeated_units" in result.warnings


def test_trend_has_one_row_per_period_in_time_order(engine):
    table = trend(periods(engine))
    assert table["period"].to_list() == list(engine.periods)
    assert table["ex"].is_between(1, 5).all() and table["cx"].is_between(0, 10).all()


def test_empty_selection_does_not_raise(engine):
    empty = FilterState(industries=("Hotels",), touch=("low",))
    result = cross_lagged(periods(engine, empty), n_boot=20)
    assert result.pairs == 0 and "empty_selection" in result.warnings


def test_a_lagged_or_summed_table_is_refused(engine):
    """Consecutive-period pairs need EX and CX of the same period, per period."""
    with pytest.raises(ValueError, match="per_period"):
        cross_lagged(engine.unit_table(FilterState()))
    with pytest.raises(ValueError, match="lag"):
        trend(engine.unit_table(FilterState(lag=1), per_period=True))
