"""Unit-level engine: equal to a direct computation on raw responses, private, and it recovers
the effects planted in the sample."""

import polars as pl
import pytest

from cxlib.filters import FilterState
from cxlib.stats import adjust_p_values

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
    """The same view computed from raw responses, by a different route than the cube."""
    k = state.min_group_size
    staff = sample.employee
    if state.periods:
        staff = staff.filter(pl.col("period").is_in(list(state.periods)))
    totals = staff.group_by("unit_id", "period").agg(pl.len().alias("total"))
    chosen = staff.filter(pl.col("role").is_in(list(state.roles))) if state.roles else staff
    ex = (
        chosen.with_columns(pl.mean_horizontal(ITEMS).alias("score"))
        .group_by("unit_id", "period")
        .agg(pl.len().alias("n"), pl.col("score").sum().alias("score_sum"))
        .join(totals, on=["unit_id", "period"])
        .filter(
            (pl.col("n") >= k)
            & ((pl.col("total") == pl.col("n")) | (pl.col("total") - pl.col("n") >= k))
        )
    )
    customers = sample.customer
    if state.channels:
        customers = customers.filter(pl.col("channel").is_in(list(state.channels)))
    if state.segments:
        customers = customers.filter(pl.col("segment").is_in(list(state.segments)))
    cx = customers.group_by("unit_id", "period").agg(
        pl.len().alias("m"), pl.col("satisfaction").sum().alias("sat_sum")
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
        FilterState(channels=("digital",), segments=("Consumer", "Corporate")),
        FilterState(roles=("customer-facing",), min_group_size=4),
        FilterState(lag=2, periods=("2023-Q2", "2023-Q3", "2024-Q1")),
    ],
    ids=["all", "digital-two-segments", "customer-facing-k4", "lag-2-three-periods"],
)
def test_unit_means_equal_a_direct_computation_on_raw_responses(sample, linkage, state):
    expected = raw_unit_means(sample, state)
    table = linkage.unit_table(state).table.select("unit_id", "ex", "cx")
    assert table["unit_id"].to_list() == expected["unit_id"].to_list()
    assert (table["ex"] - expected["ex"]).abs().max() < 1e-12
    assert (table["cx"] - expected["cx"]).abs().max() < 1e-12


def test_no_staff_aggregate_below_the_minimum_group(linkage):
    """Per unit-period, every staff count used is at least k, and so is any hidden remainder."""
    for state in (
        FilterState(),
        FilterState(roles=("back-office",)),
        FilterState(min_group_size=8),
    ):
        per_period = linkage.unit_table(state, per_period=True)
        assert per_period.table["n_staff"].min() >= state.min_group_size
        assert per_period.suppressed_cells > 0 and "suppressed" in per_period.warnings


def test_role_views_cannot_be_subtracted_to_expose_a_small_group(linkage):
    """Where a unit-period shows both the all-staff and a one-role mean, the other role has ≥ k."""
    everyone = linkage.unit_table(FilterState(), per_period=True).table
    facing = linkage.unit_table(FilterState(roles=("customer-facing",)), per_period=True).table
    both = everyone.join(facing, on=["unit_id", "period"], suffix="_facing")
    remainder = both["n_staff"] - both["n_staff_facing"]
    assert ((remainder == 0) | (remainder >= 5)).all()


def test_filters_change_the_numbers(linkage):
    base = linkage.correlation(FilterState())
    digital = linkage.correlation(FilterState(channels=("digital",)))
    assert base.n > 300 and digital.r < base.r


def test_empty_selection_says_so_and_does_not_raise(linkage):
    state = FilterState(industries=("Hotels",), touch=("low",))
    unit = linkage.unit_table(state)
    assert unit.table.height == 0 and "empty_selection" in unit.warnings
    assert "empty" in linkage.correlation(state).warnings
    gap = linkage.touch_gap(state)
    assert gap.high.n == 0 and gap.comparison.warnings


# --- planted effects (docs/data.md) ---------------------------------------------------------


def test_planted_touch_gap_is_recovered(linkage):
    gap = linkage.touch_gap(FilterState())
    assert gap.high.r > gap.low.r
    assert gap.comparison.p_value < 0.01
    assert gap.high.ci_low > gap.low.ci_high


def test_planted_channel_gap_is_recovered(linkage):
    by = linkage.correlation_by(FilterState(), "channel").sort("channel")
    r = dict(zip(by["channel"], by["r"], strict=True))
    assert r["in-person"] > r["phone"] > r["digital"]
    low = dict(zip(by["channel"], by["ci_low"], strict=True))
    high = dict(zip(by["channel"], by["ci_high"], strict=True))
    assert low["in-person"] > high["digital"]


def test_planted_role_gap_is_recovered(linkage):
    by = linkage.correlation_by(FilterState(), "role")
    r = dict(zip(by["role"], by["r"], strict=True))
    assert r["customer-facing"] > r["back-office"] + 0.1


def test_planted_segment_levels_are_recovered(linkage):
    def level(segment):
        table = linkage.unit_table(FilterState(segments=(segment,))).table
        return (table["cx"] * table["n_customers"]).sum() / table["n_customers"].sum()

    assert level("Corporate") > level("Consumer") > level("Small business") > level("Public sector")


def test_theme_matrix_diagonal_and_adjusted_p_values(linkage):
    """Each customer theme item relates most to the same theme as staff see it (planted)."""
    matrix = linkage.theme_matrix(FilterState(touch=("high",)))
    themes = [t.name for t in linkage.themes.themes]
    same = matrix.filter(pl.col("x").str.strip_prefix("ex:") == pl.col("y").str.strip_prefix("cx:"))
    assert same.height == len(themes)
    for theme in themes:
        column = matrix.filter(pl.col("y") == f"cx:{theme}")
        assert column.sort("r", descending=True)["x"][0] == f"ex:{theme}", theme
    assert (matrix["p_adjusted"] >= matrix["p_value"] - 1e-15).all()
    assert matrix["p_adjusted"].to_numpy() == pytest.approx(adjust_p_values(matrix["p_value"]))


def test_lag_moves_customers_one_period_later(linkage):
    lagged = linkage.unit_table(FilterState(lag=1)).table
    assert lagged["n_periods"].max() == len(linkage.cube.dimensions.periods) - 1


def test_correlation_by_every_kind_of_dimension(linkage):
    """Unit attributes, customer dimensions and staff role all group, each with CIs."""
    for by, groups in (("industry", 7), ("segment", 4), ("region", 5), ("touch", 2)):
        table = linkage.correlation_by(FilterState(), by)
        assert table.height == groups, by
        assert (table["ci_low"] <= table["r"]).all() and (table["r"] <= table["ci_high"]).all()
