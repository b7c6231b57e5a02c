"""Group comparisons over either level: per touch class, channel, role, segment, industry."""

import math

import polars as pl
import pytest
from scipy import stats

from cxlib.filters import FilterState
from cxlib.groups import correlation_by, touch_gap
from cxlib.panel import panel_table


def test_touch_gap_is_two_scipy_correlations_and_a_fisher_test(engine):
    """Each r equals scipy's on the same rows; z is computed by hand from the two r's."""
    units = engine.unit_table(FilterState())
    gap = touch_gap(units)
    for result, touch in ((gap.high, "high"), (gap.low, "low")):
        rows = units.table.filter(pl.col("touch") == touch)
        assert result.n == rows.height
        assert result.r == pytest.approx(
            stats.pearsonr(rows["ex"], rows["cx"]).statistic, abs=1e-12
        )
    se = math.sqrt(1 / (gap.high.n - 3) + 1 / (gap.low.n - 3))
    z = (math.atanh(gap.high.r) - math.atanh(gap.low.r)) / se
    assert gap.comparison.z == pytest.approx(z)
    assert gap.comparison.p_value == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_the_same_functions_serve_the_company_panel(sample):
    """touch_gap and correlation_by take a company table as they take a unit table."""
    companies = panel_table(sample, FilterState(years=(2018,)))
    gap = touch_gap(companies)
    by = correlation_by(companies, "touch")
    assert by.filter(pl.col("touch") == "high")["r"][0] == gap.high.r
    assert by.filter(pl.col("touch") == "low")["n"][0] == gap.low.n


def test_empty_groups_report_instead_of_raising(engine):
    gap = touch_gap(engine.unit_table(FilterState(industries=("Hotels",), touch=("low",))))
    assert gap.high.n == 0 and "empty" in gap.high.warnings and gap.comparison.warnings


def test_a_split_needs_a_split_table(engine):
    with pytest.raises(ValueError, match="by='channel'"):
        correlation_by(engine.unit_table(FilterState()), "channel")


def test_correlation_by_every_kind_of_dimension(engine):
    """Unit attributes, customer dimensions and staff role all group, each with CIs."""
    for by, groups in (("industry", 7), ("segment", 4), ("region", 5), ("touch", 2), ("role", 2)):
        table = correlation_by(engine.unit_table(FilterState(), by=by), by)
        assert table.height == groups, by
        assert (table["ci_low"] <= table["r"]).all() and (table["r"] <= table["ci_high"]).all()


# --- planted effects (docs/data.md) ---------------------------------------------------------


def test_planted_touch_gap_is_recovered(engine):
    gap = touch_gap(engine.unit_table(FilterState()))
    assert gap.high.r > gap.low.r
    assert gap.comparison.p_value < 0.01
    assert gap.high.ci_low > gap.low.ci_high


def test_planted_channel_gap_is_recovered(engine):
    by = correlation_by(engine.unit_table(FilterState(), by="channel"), "channel")
    r = dict(zip(by["channel"], by["r"], strict=True))
    assert r["in-person"] > r["phone"] > r["digital"]
    low = dict(zip(by["channel"], by["ci_low"], strict=True))
    high = dict(zip(by["channel"], by["ci_high"], strict=True))
    assert low["in-person"] > high["digital"]


def test_planted_role_gap_is_recovered(engine):
    by = correlation_by(engine.unit_table(FilterState(), by="role"), "role")
    r = dict(zip(by["role"], by["r"], strict=True))
    assert r["customer-facing"] > r["back-office"] + 0.1


def test_planted_segment_levels_are_recovered(engine):
    def level(segment):
        table = engine.unit_table(FilterState(segments=(segment,))).table
        return (table["cx"] * table["n_customers"]).sum() / table["n_customers"].sum()

    assert level("Corporate") > level("Consumer") > level("Small business") > level("Public sector")
