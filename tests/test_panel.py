"""Company-level analysis: scipy-equal correlations, the year rule, live reclassification."""

import math

import polars as pl
import pytest
from scipy import stats

from cxlib.filters import FilterState
from cxlib.groups import correlation_by, touch_gap
from cxlib.panel import panel_table, relevant
from cxlib.stats import effective_n
from cxlib.touch import Reclassification


def effective(sample, year):
    touch = sample.industries.select("industry", pl.col("touch").alias("default"))
    return (
        sample.companies.filter(pl.col("year") == year)
        .join(touch, on="industry")
        .with_columns(pl.coalesce("strategy", "default").alias("touch"))
    )


def test_touch_correlations_equal_scipy_on_the_same_rows(sample):
    """r is scipy's; the interval is Fisher's at the effective number of companies (companies
    of one industry share its levels: stats.effective_n), never narrower than scipy's, and
    scipy's own where the industries share nothing."""
    gap = touch_gap(panel_table(sample, FilterState(years=(2018,))))
    rows = effective(sample, 2018)
    for result, touch in ((gap.high, "high"), (gap.low, "low")):
        group = rows.filter(pl.col("touch") == touch)
        reference = stats.pearsonr(group["employee_rating"], group["customer_score"])
        assert result.n == group.height
        assert abs(result.r - reference.statistic) < 1e-12
        low, high = reference.confidence_interval()
        assert result.ci_low <= low + 1e-12 and result.ci_high >= high - 1e-12
        m = effective_n(
            group["employee_rating"].to_numpy(),
            group["customer_score"].to_numpy(),
            group["industry"].to_numpy(),
        )
        assert result.n_effective == pytest.approx(m) and m <= result.n
        half = stats.norm.ppf(0.975) / math.sqrt(m - 3)
        fisher = (math.tanh(math.atanh(result.r) - half), math.tanh(math.atanh(result.r) + half))
        assert (result.ci_low, result.ci_high) == pytest.approx(fisher, abs=1e-9)
        if m == result.n:
            assert abs(result.ci_low - low) < 1e-9 and abs(result.ci_high - high) < 1e-9


def test_no_year_means_the_latest_and_several_years_are_averaged(sample):
    assert panel_table(sample, FilterState()).years == (2019,)
    table = panel_table(sample, FilterState(years=(2017, 2018, 2019))).table
    assert table.height == 345 and set(table["n_years"]) == {3}
    firm = table.row(0, named=True)
    raw = sample.companies.filter(
        (pl.col("company") == firm["company"]) & pl.col("year").is_in([2017, 2018, 2019])
    )
    assert abs(firm["customer_score"] - raw["customer_score"].mean()) < 1e-12


def test_reclassifying_the_strategy_companies_visibly_moves_low_touch_r(sample):
    """Low-touch-industry firms with a high-touch strategy: counted as high by default; moved
    back to low (as the published industry split did), low-touch r rises visibly."""
    strategic = sample.companies.filter(pl.col("strategy") == "high")["company"].unique()
    state = FilterState(years=(2018,))
    moved = state.model_copy(
        update={"reclassify": Reclassification(companies=tuple((c, "low") for c in strategic))}
    )
    default, undone = touch_gap(panel_table(sample, state)), touch_gap(panel_table(sample, moved))
    assert undone.low.n == default.low.n + len(strategic)
    assert undone.low.r - default.low.r > 0.04
    by_industry = correlation_by(panel_table(sample, state), "industry_touch")
    assert abs(by_industry.filter(pl.col("industry_touch") == "low")["r"][0] - undone.low.r) < 1e-12


def test_filters_and_empty_selection(sample):
    hotels = panel_table(sample, FilterState(industries=("Hotels",))).table
    assert set(hotels["industry"]) == {"Hotels"}
    empty = panel_table(sample, FilterState(industries=("Hotels",), touch=("low",)))
    assert empty.table.height == 0 and empty.warnings == ("empty_selection",)
    gap = touch_gap(panel_table(sample, FilterState(industries=("Hotels",), touch=("low",))))
    assert "empty" in gap.low.warnings


def test_per_industry_correlations_warn_on_small_samples(sample):
    by = correlation_by(panel_table(sample, FilterState(years=(2018,))), "industry")
    assert by.height == 20
    airlines = by.filter(pl.col("industry") == "Airlines").row(0, named=True)
    assert airlines["n"] == 10 and "small_sample" in airlines["warnings"]


def test_relevant_view_drops_what_cannot_change_company_results(sample):
    """Unit-level filters, privacy and the level are not part of a company table's cache key."""
    view = FilterState(level="units", channels=("digital",), lag=2, min_group_size=9, years=(2018,))
    assert relevant(sample, view) == FilterState(years=(2018,))
    assert panel_table(sample, view).table.equals(panel_table(sample, relevant(sample, view)).table)
