"""Lags: pairs align consecutive periods; the planted direction (EX leads CX) is recovered."""

import numpy as np
import polars as pl
import pytest
from scipy import stats

from cxlib.filters import FilterState
from cxlib.lags import cross_lagged, lag_pairs, trend
from cxlib.stats import correlation


def periods(engine, view: FilterState | None = None):
    return engine.unit_table(view or FilterState(), per_period=True)


def test_pairs_join_each_period_with_the_next(engine):
    """Each pair is a unit's period and its next, each value less its period's mean over the
    units (what moves every unit at once is not a unit leading)."""
    per_period = periods(engine).table
    pairs = lag_pairs(periods(engine))
    first = pairs.row(0, named=True)

    def at(index: int) -> tuple[float, float]:
        period = per_period.filter(pl.col("period_index") == index)
        row = period.filter(pl.col("unit") == first["unit"]).row(0, named=True)
        return row["ex"] - period["ex"].mean(), row["cx"] - period["cx"].mean()

    assert (first["ex"], first["cx"]) == pytest.approx(at(first["period_index"]), abs=1e-12)
    after = at(first["period_index"] + 1)
    assert (first["ex_next"], first["cx_next"]) == pytest.approx(after, abs=1e-12)


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


# --- intervals from resampled units, on panels made by a generator --------------------------


def unit_panel(rng: np.random.Generator, units: int = 80, periods: int = 8, rho: float = 0.7):
    """EX and CX per unit and period, as arrays (units, periods) and as a per-period table.

    A unit's periods move together: EX = unit level + an AR(1) path (rho), CX = a level tied to
    the EX level + the unit's own slope (mean 0.3, sd 0.6) × the EX path + its own AR(1) path.
    Pairs of one unit are therefore far from independent witnesses.
    """
    level = rng.standard_normal(units)
    cx_level = 0.8 * level + 0.6 * rng.standard_normal(units)
    slope = 0.3 + 0.6 * rng.standard_normal(units)
    paths = np.empty((2, units, periods))
    paths[:, :, 0] = rng.standard_normal((2, units))
    for t in range(1, periods):
        shock = rng.standard_normal((2, units))
        paths[:, :, t] = rho * paths[:, :, t - 1] + np.sqrt(1 - rho**2) * shock
    ex = level[:, None] + paths[0]
    cx = cx_level[:, None] + slope[:, None] * paths[0] + paths[1]
    table = pl.DataFrame(
        {
            "unit": np.repeat(np.arange(units), periods),
            "period_index": np.tile(np.arange(periods), units),
            "ex": ex.ravel(),
            "cx": cx.ravel(),
        }
    )
    return ex, cx, table


def lagged_by_hand(ex: np.ndarray, cx: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The four lagged pairs (EX leads, CX leads, both within units) from the arrays, each
    value less its period's mean over the units."""

    def within(a: np.ndarray) -> np.ndarray:
        return a - a.mean(axis=1, keepdims=True)

    ex, cx = ex - ex.mean(axis=0), cx - cx.mean(axis=0)
    now_ex, now_cx, next_ex, next_cx = ex[:, :-1], cx[:, :-1], ex[:, 1:], cx[:, 1:]
    return [
        (now_ex.ravel(), next_cx.ravel()),
        (now_cx.ravel(), next_ex.ravel()),
        (within(now_ex).ravel(), within(next_cx).ravel()),
        (within(now_cx).ravel(), within(next_ex).ravel()),
    ]


def test_lagged_intervals_resample_units_and_are_wider_than_fisher(as_unit_table):
    """When a unit's periods move together, each of the four lagged correlations (r as scipy's
    on pairs built here from the arrays) gets an interval from resampled units that is clearly
    wider (> 1.3 times) than the Fisher z interval of cxlib.stats.correlation on the same
    pairs, which takes every pair as independent."""
    ex, cx, table = unit_panel(np.random.default_rng(1))
    result = cross_lagged(as_unit_table(table, per_period=True), n_boot=300)
    four = (result.ex_leads, result.cx_leads, result.ex_leads_within, result.cx_leads_within)
    assert result.units == 80 and result.pairs == 80 * 7
    for lagged, (x, y) in zip(four, lagged_by_hand(ex, cx), strict=True):
        fisher = correlation(x, y)
        assert lagged.r == pytest.approx(stats.pearsonr(x, y).statistic, abs=1e-10)
        assert lagged.ci_low < lagged.r < lagged.ci_high
        width = lagged.ci_high - lagged.ci_low
        assert width > 1.3 * (fisher.ci_high - fisher.ci_low)


def test_with_one_pair_per_unit_the_unit_interval_is_about_fishers(as_unit_table):
    """Two periods per unit give one pair per unit, independent across units: resampling units
    is then resampling pairs, and the interval is about as wide as Fisher's (within 25%)."""
    ex, cx, table = unit_panel(np.random.default_rng(2), units=400, periods=2)
    result = cross_lagged(as_unit_table(table, per_period=True), n_boot=400)
    x, y = lagged_by_hand(ex, cx)[0]
    fisher = correlation(x, y)
    ratio = (result.ex_leads.ci_high - result.ex_leads.ci_low) / (fisher.ci_high - fisher.ci_low)
    assert 0.8 < ratio < 1.25


def test_a_seed_reproduces_the_lag_intervals(as_unit_table):
    """The same seed gives the same result; another seed other intervals, the same r."""
    _, _, table = unit_panel(np.random.default_rng(3), units=40)
    panel = as_unit_table(table, per_period=True)
    first = cross_lagged(panel, n_boot=100, seed=7)
    assert first == cross_lagged(panel, n_boot=100, seed=7)
    other = cross_lagged(panel, n_boot=100, seed=8)
    assert other.ex_leads.r == first.ex_leads.r
    assert other.ex_leads.ci_low != first.ex_leads.ci_low
    assert other.difference_ci != first.difference_ci


# --- the engine's period rule for lagged views -----------------------------------------------


def test_a_lagged_pair_needs_both_its_periods_chosen(sample, engine):
    """Periods 2023-Q2, 2023-Q3 and 2024-Q1 with lag 2: a pair is EX of period t with CX of
    t + 2, kept only when both are chosen. Q2 → Q4 and 2024-Q1 → 2024-Q3 lose their CX end, so
    only 2023-Q3 staff with 2024-Q1 customers remain: every unit has n_periods 1, its staff
    counted in 2023-Q3 and its customers in 2024-Q1 (counted here from the raw responses; the
    view's privacy rule is at least 5 on each side)."""
    view = FilterState(periods=("2023-Q2", "2023-Q3", "2024-Q1"), lag=2)
    staff = (
        sample.employee.filter(pl.col("period") == "2023-Q3")
        .group_by("unit_id")
        .agg(pl.len().alias("n_staff"))
    )
    customers = (
        sample.customer.filter(pl.col("period") == "2024-Q1")
        .group_by("unit_id")
        .agg(pl.len().alias("n_customers"))
    )
    expected = (
        staff.join(customers, on="unit_id")
        .filter((pl.col("n_staff") >= 5) & (pl.col("n_customers") >= 5))
        .sort("unit_id")
    )

    table = engine.unit_table(view, full=False).table
    per_period = engine.unit_table(view, per_period=True, full=False).table

    assert table.height == expected.height > 500
    assert table["unit_id"].to_list() == expected["unit_id"].to_list()
    assert (table["n_periods"] == 1).all()
    assert table["n_staff"].to_list() == expected["n_staff"].to_list()
    assert table["n_customers"].to_list() == expected["n_customers"].to_list()
    assert per_period["period"].unique().to_list() == ["2023-Q3"]


def shared_quarters(rng: np.random.Generator, units: int = 120, periods: int = 6):
    """No link and no lead: each unit's EX and CX are its own levels and noise, and every
    quarter moves all units' EX by one shock and their CX by another, drawn independently (a
    season, a campaign)."""
    ex = rng.standard_normal((units, 1)) + 0.5 * rng.standard_normal((units, periods))
    cx = rng.standard_normal((units, 1)) + 0.5 * rng.standard_normal((units, periods))
    ex = ex + 0.4 * rng.standard_normal(periods)
    cx = cx + 0.4 * rng.standard_normal(periods)
    return pl.DataFrame(
        {
            "unit": np.repeat(np.arange(units), periods),
            "period_index": np.tile(np.arange(periods), units),
            "ex": ex.ravel(),
            "cx": cx.ravel(),
        }
    )


def test_quarters_that_move_every_unit_make_no_lead():
    """200 studies of shared quarters and nothing else: 'EX leads' or 'CX leads' (the interval
    of the within-unit difference clear of zero) in about 5% of them. Counting each unit's
    pair of a shared quarter as its own evidence, it had said so in 12-28%."""
    rng = np.random.default_rng(11)
    leads = []
    for _ in range(200):
        low, high = cross_lagged(shared_quarters(rng), n_boot=400).difference_ci
        leads.append(low > 0 or high < 0)
    assert np.mean(leads) <= 0.085, np.mean(leads)  # 5% of 200 is 10; 17 is past its 99% bound


def test_two_periods_say_a_within_unit_lead_cannot_be_asked():
    """Two periods give each unit one pair: its values less its own mean are all zero, so the
    within-unit rows and their difference are missing and the result says why (few_periods).
    Three periods for four units are enough to ask; three for three units are not."""
    from cxlib.codes import Caveat

    _, _, table = unit_panel(np.random.default_rng(5), units=60, periods=2)
    two = cross_lagged(table, n_boot=50)
    assert Caveat.FEW_PERIODS in two.warnings and two.pairs == 60
    assert np.isnan(two.difference_within) and np.isnan(two.ex_leads_within.r)
    assert np.isfinite(two.ex_leads.r)
    _, _, table = unit_panel(np.random.default_rng(5), units=60, periods=3)
    three = cross_lagged(table, n_boot=50)
    assert Caveat.FEW_PERIODS not in three.warnings and np.isfinite(three.difference_within)
    few = table.filter(pl.col("unit") < 3)
    assert Caveat.FEW_PERIODS in cross_lagged(few, n_boot=50).warnings
    four = table.filter(pl.col("unit") < 4)
    assert Caveat.FEW_PERIODS not in cross_lagged(four, n_boot=50).warnings


def test_periods_are_in_a_row_when_two_are_next_to_each_other_in_time_order():
    from cxlib.lags import any_in_a_row

    study = ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4")
    assert any_in_a_row(study, ["2023-Q3", "2023-Q1", "2023-Q4"])
    assert not any_in_a_row(study, ["2023-Q1", "2023-Q3"])
    assert not any_in_a_row(study, ["2023-Q2"]) and not any_in_a_row(study, ["2031-Q1"])
