"""cxlib.stats: correlations, comparisons and BH adjustment, against scipy and by hand."""

import math
import subprocess
import sys

import numpy as np
import polars as pl
import pytest
from scipy import stats as st

from cxlib.codes import Caveat
from cxlib.stats import (
    Comparison,
    Correlation,
    adjust_p_values,
    compare_correlations,
    correlation,
    correlation_table,
)

from .conftest import ROOT


def correlated(n: int, seed: int, strength: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, strength * x + rng.normal(size=n)


def bh_by_hand(p_values) -> list[float]:
    """Benjamini-Hochberg written out: sort, p * m / rank, running minimum from the largest."""
    finite = [(p, i) for i, p in enumerate(p_values) if not math.isnan(p)]
    m = len(finite)
    adjusted = [math.nan] * len(p_values)
    running = 1.0
    for rank, (p, i) in reversed(list(enumerate(sorted(finite), start=1))):
        running = min(running, p * m / rank)
        adjusted[i] = running
    return adjusted


# correlation: Pearson


@pytest.mark.parametrize("n", [4, 10, 30, 200])
@pytest.mark.parametrize("confidence", [0.95, 0.9])
def test_pearson_matches_scipy(n, confidence):
    """r, p and the Fisher z interval equal scipy.stats.pearsonr and its confidence_interval."""
    x, y = correlated(n, seed=n)
    ours = correlation(x, y, confidence=confidence)
    ref = st.pearsonr(x, y)
    ci = ref.confidence_interval(confidence_level=confidence)
    assert ours.n == n
    assert ours.r == pytest.approx(ref.statistic, rel=1e-12, abs=1e-14)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-12)
    assert (ours.method, ours.confidence) == ("pearson", confidence)


def test_pearson_tiny_p_value_matches_scipy():
    """A strong correlation in a large sample still gets scipy's (very small, non-zero) p."""
    x, y = correlated(500, seed=7, strength=1.0)
    ours = correlation(x, y)
    ref = st.pearsonr(x, y)
    assert 0 < ref.pvalue < 1e-50
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-6)


def test_pearson_hand_worked_example():
    """x = 1..5, y = 2, 1, 4, 3, 5: Sxy = 8, Sxx = Syy = 10, so r = 0.8 and t = 2.3094 (3 df)."""
    result = correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert result.r == pytest.approx(0.8, abs=1e-15)
    t = 0.8 * math.sqrt(3 / 0.36)  # = 2.3094
    assert result.p_value == pytest.approx(2 * st.t.sf(t, 3), rel=1e-12)
    assert result.p_value == pytest.approx(0.1041, abs=1e-4)
    # Fisher z: atanh(0.8) = 1.0986, half width 1.96 / sqrt(2) = 1.3859.
    assert result.ci_low == pytest.approx(math.tanh(1.0986123 - 1.3859038), abs=1e-6)
    assert result.ci_high == pytest.approx(math.tanh(1.0986123 + 1.3859038), abs=1e-6)


def test_inputs_can_be_lists_arrays_or_polars_series():
    """The same numbers give the same result whatever container they arrive in."""
    x, y = correlated(40, seed=3)
    from_numpy = correlation(x, y)
    assert correlation(list(x), list(y)) == from_numpy
    assert correlation(pl.Series(x), pl.Series(y)) == from_numpy


# correlation: Spearman


@pytest.mark.parametrize("n", [5, 12, 50, 300])
def test_spearman_r_and_p_match_scipy(n):
    """Spearman r and its t-approximation p-value equal scipy.stats.spearmanr."""
    x, y = correlated(n, seed=100 + n)
    ours = correlation(x, y, method="spearman")
    ref = st.spearmanr(x, y)
    assert ours.r == pytest.approx(ref.statistic, rel=1e-12, abs=1e-14)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    assert ours.method == "spearman"


def test_spearman_with_ties_uses_average_ranks_like_scipy():
    """Likert-style data with many ties: r and p still equal scipy.stats.spearmanr."""
    rng = np.random.default_rng(11)
    x = rng.integers(1, 6, size=80)
    y = np.clip(x + rng.integers(-2, 3, size=80), 1, 5)
    ours = correlation(x, y, method="spearman")
    ref = st.spearmanr(x, y)
    assert ours.r == pytest.approx(ref.statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)


@pytest.mark.parametrize("confidence", [0.95, 0.8])
def test_spearman_interval_uses_bonett_wright(confidence):
    """The interval is tanh(atanh r +- z * sqrt((1 + r^2 / 2) / (n - 3))), built from scipy's r."""
    x, y = correlated(60, seed=5)
    rho = st.spearmanr(x, y).statistic
    se = math.sqrt((1 + rho**2 / 2) / (60 - 3))
    z_crit = st.norm.ppf((1 + confidence) / 2)
    ours = correlation(x, y, method="spearman", confidence=confidence)
    assert ours.ci_low == pytest.approx(math.tanh(math.atanh(rho) - z_crit * se), rel=1e-12)
    assert ours.ci_high == pytest.approx(math.tanh(math.atanh(rho) + z_crit * se), rel=1e-12)
    # Wider than the Pearson-style interval with 1 / sqrt(n - 3).
    plain = math.tanh(math.atanh(rho) + z_crit / math.sqrt(57))
    assert ours.ci_high > plain


def test_spearman_hand_worked_example():
    """x = 1..5, y = 5, 3, 4, 1, 0: rank differences -4, -1, -1, 2, 4, sum d^2 = 38.

    rho = 1 - 6 * 38 / (5 * 24) = -0.9. Bonett-Wright: se = sqrt((1 + 0.405) / 2) = 0.83815,
    atanh(-0.9) = -1.47222, half width 1.95996 * 0.83815 = 1.64275, so the interval is
    (tanh(-3.11497), tanh(0.17053)) = (-0.99607, 0.16890).
    """
    result = correlation([1, 2, 3, 4, 5], [5, 3, 4, 1, 0], method="spearman")
    assert result.r == pytest.approx(-0.9, abs=1e-12)
    assert result.ci_low == pytest.approx(-0.99607, abs=1e-5)
    assert result.ci_high == pytest.approx(0.16890, abs=1e-5)
    # t = -0.9 * sqrt(3 / 0.19) = -3.5762 with 3 degrees of freedom.
    assert result.p_value == pytest.approx(0.0374, abs=1e-4)


# correlation: degenerate input


def test_empty_input_is_nan_with_empty_warning():
    """No pairs at all: everything nan, warning "empty", nothing raised."""
    result = correlation([], [])
    assert result.n == 0
    assert all(math.isnan(v) for v in (result.r, result.ci_low, result.ci_high, result.p_value))
    assert result.warnings == ("empty",)


def test_all_pairs_missing_counts_as_empty():
    """Every row has a missing value on one side: n is 0, warning "empty"."""
    result = correlation([1.0, None, np.nan], [None, 2.0, 3.0])
    assert (result.n, result.warnings) == (0, ("empty",))


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_two_pairs_are_too_few(method):
    """n = 2: r, interval and p are nan, warning "too_few"."""
    result = correlation([1, 2], [3, 1], method=method)
    assert result.n == 2
    assert all(math.isnan(v) for v in (result.r, result.ci_low, result.ci_high, result.p_value))
    assert result.warnings == ("too_few",)


def test_three_pairs_give_r_and_p_but_no_interval():
    """n = 3: r = 0.5 and p = 2/3 (as scipy), but the Fisher interval needs n > 3: nan."""
    result = correlation([1, 2, 3], [1, 3, 2])
    ref = st.pearsonr([1, 2, 3], [1, 3, 2])
    assert result.r == pytest.approx(0.5)  # Sxy = 1, Sxx = Syy = 2
    assert result.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    assert math.isnan(result.ci_low) and math.isnan(result.ci_high)
    assert result.warnings == ("too_few",)


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_constant_variable_has_zero_variance(method):
    """A constant x (or y) makes r undefined: nan with "zero_variance", nothing raised."""
    constant = [0.1] * 40
    varying = list(range(40))
    for x, y in [(constant, varying), (varying, constant)]:
        result = correlation(x, y, method=method)
        assert result.n == 40
        assert math.isnan(result.r) and math.isnan(result.p_value)
        assert math.isnan(result.ci_low) and math.isnan(result.ci_high)
        assert result.warnings == ("zero_variance",)


def test_pairs_with_a_missing_value_are_dropped():
    """NaN, None, polars nulls and infinities on either side drop the pair, as if never there."""
    x, y = correlated(50, seed=21)
    dirty_x = [*x, np.nan, 1.0, None, np.inf]
    dirty_y = [*y, 1.0, np.nan, 2.0, 3.0]
    result = correlation(dirty_x, pl.Series(dirty_y))
    ref = st.pearsonr(x, y)
    assert result.n == 50
    assert result.r == pytest.approx(ref.statistic, rel=1e-12)
    assert result.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_polars_nulls_are_dropped():
    """A null in a polars Series drops that row: here rows 1 and 2 go, leaving 1..5 paired."""
    x = pl.Series([1, None, 3, 2, 4, 5, 6])
    y = pl.Series([1.0, 2.0, None, 2.0, 4.0, 5.0, 6.0])
    assert correlation(x, y).n == 5


@pytest.mark.parametrize("method", ["pearson", "spearman"])
@pytest.mark.parametrize("sign", [1, -1])
def test_perfect_correlation_has_point_interval_and_zero_p(method, sign):
    """|r| = 1: r is exactly +-1, the interval collapses to (r, r) and p is 0."""
    x = np.arange(1.0, 41.0)
    result = correlation(x, sign * 2 * x, method=method)
    assert result.r == sign
    assert (result.ci_low, result.ci_high) == (sign, sign)
    assert result.p_value == 0.0
    assert result.warnings == ()


def test_small_sample_warning_below_min_n_only():
    """29 pairs warn "small_sample" (values still computed); 30 pairs do not."""
    x, y = correlated(30, seed=9)
    small = correlation(x[:29], y[:29])
    assert small.warnings == ("small_sample",)
    assert not math.isnan(small.r) and not math.isnan(small.ci_low)
    assert correlation(x, y).warnings == ()


def test_min_n_is_configurable():
    """With min_n = 10, 12 pairs are enough and 9 are not."""
    x, y = correlated(12, seed=10)
    assert correlation(x, y, min_n=10).warnings == ()
    assert correlation(x[:9], y[:9], min_n=10).warnings == ("small_sample",)


def test_every_warning_is_a_caveat_code():
    """The functions emit Caveat codes (worded in strings.py), never free text."""
    emitted = {
        *correlation([], []).warnings,
        *correlation([1, 2], [1, 2]).warnings,
        *correlation([1] * 5, [1, 2, 3, 4, 5]).warnings,
        *compare_correlations(math.nan, 10, 0.2, 10).warnings,
    }
    assert emitted == {"empty", "too_few", "zero_variance", "small_sample"}
    assert all(isinstance(code, Caveat) for code in emitted)


def test_misuse_raises():
    """Programming errors (not data problems) raise: unequal lengths, bad method or confidence."""
    with pytest.raises(ValueError, match="same length"):
        correlation([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="method"):
        correlation([1, 2, 3], [1, 2, 3], method="kendall")
    with pytest.raises(ValueError, match="confidence"):
        correlation([1, 2, 3], [1, 2, 3], confidence=95)


def test_result_is_a_frozen_dataclass():
    """Results are immutable values, safe to cache."""
    result = correlation([1, 2, 3, 4], [1, 3, 2, 4])
    assert isinstance(result, Correlation)
    with pytest.raises(AttributeError):
        result.r = 0.0


# compare_correlations


def test_compare_published_case_by_hand():
    """r = 0.31 (n = 125) vs r = 0.23 (n = 220).

    atanh(0.31) = 0.320545, atanh(0.23) = 0.234189, difference 0.086356;
    se = sqrt(1/122 + 1/217) = sqrt(0.0081967 + 0.0046083) = 0.113159; z = 0.76314;
    p = 2 * (1 - Phi(0.76314)) = 0.4454.
    """
    result = compare_correlations(0.31, 125, 0.23, 220)
    assert isinstance(result, Comparison)
    assert result.difference == pytest.approx(0.08)
    assert result.z == pytest.approx(0.086356 / 0.113159, abs=1e-4)
    assert round(result.p_value, 2) == 0.45
    assert result.warnings == ()


def test_compare_published_case_from_the_published_r_squared():
    """The 2018 study published R² = 0.096 (high, n=125) and 0.051 (low, n=220).

    r = sqrt(R²) = 0.30984 and 0.22583; atanh: 0.320367 and 0.229793, difference 0.090574;
    z = 0.090574 / 0.113159 = 0.80041; p = 2 * (1 - Phi(0.80041)) = 0.4235. The design's
    "p ≈ 0.43" lies between this and the 0.445 from the rounded r's: not significant either way.
    """
    result = compare_correlations(math.sqrt(0.096), 125, math.sqrt(0.051), 220)
    assert result.z == pytest.approx(0.090574 / 0.113159, abs=1e-4)
    assert result.p_value == pytest.approx(0.4235, abs=0.0005)
    assert result.p_value > 0.05


def test_compare_matches_other_published_examples():
    """bruceR's cor_diff docs: r 0.20 vs 0.45, n 100 each -> z = -1.96, p = 0.050.

    "Statistics for Dummies": r 0.4 (n 100) vs 0.6 (n 150) -> two-sided p = 0.039.
    """
    bruce = compare_correlations(0.20, 100, 0.45, 100)
    assert round(bruce.z, 2) == -1.96
    assert round(bruce.p_value, 3) == 0.050
    assert round(compare_correlations(0.4, 100, 0.6, 150).p_value, 3) == 0.039


def test_compare_is_antisymmetric():
    """Swapping the groups flips the sign of the difference and z, and keeps p."""
    a = compare_correlations(0.5, 40, 0.1, 60)
    b = compare_correlations(0.1, 60, 0.5, 40)
    assert (b.difference, b.z) == pytest.approx((-a.difference, -a.z))
    assert b.p_value == pytest.approx(a.p_value)


@pytest.mark.parametrize(
    "args", [(math.nan, 50, 0.2, 50), (0.3, 50, math.nan, 50), (0.3, 3, 0.2, 50), (0.3, 50, 0.2, 2)]
)
def test_compare_with_missing_or_tiny_groups_is_nan(args):
    """A nan correlation or a group of 3 or fewer: difference, z and p nan, warning "too_few"."""
    result = compare_correlations(*args)
    assert all(math.isnan(v) for v in (result.difference, result.z, result.p_value))
    assert result.warnings == ("too_few",)


# adjust_p_values


def test_bh_hand_example_with_nan():
    """p = [0.01, nan, 0.04, 0.03, 0.005]; the NaN is kept and not counted, so m = 4.

    Sorted: 0.005, 0.01, 0.03, 0.04 (ranks 1..4); p * 4 / rank = 0.02, 0.02, 0.04, 0.04;
    running minimum from the top changes nothing. Back in input order: 0.02, nan, 0.04, 0.04, 0.02.
    """
    adjusted = adjust_p_values([0.01, np.nan, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(adjusted, [0.02, np.nan, 0.04, 0.04, 0.02], rtol=1e-12)


def test_bh_running_minimum():
    """p = [0.04, 0.01, 0.035], m = 3: p * m / rank = 0.03, 0.0525, 0.04 for 0.01, 0.035, 0.04.

    The running minimum from the top lowers 0.0525 to 0.04, giving [0.04, 0.03, 0.04].
    """
    np.testing.assert_allclose(adjust_p_values([0.04, 0.01, 0.035]), [0.04, 0.03, 0.04])


def test_bh_matches_manual_computation_on_random_p_values():
    """On random p-values with some NaNs, the result equals the written-out BH above."""
    rng = np.random.default_rng(42)
    p = rng.uniform(0, 0.2, size=25)
    p[[3, 10, 17]] = np.nan
    np.testing.assert_allclose(adjust_p_values(p), bh_by_hand(list(p)), rtol=1e-12)


def test_bh_degenerate_inputs():
    """Empty input gives an empty array; all-NaN input stays all NaN."""
    assert adjust_p_values([]).shape == (0,)
    assert np.isnan(adjust_p_values([np.nan, np.nan])).all()


# correlation_table


def test_correlation_table_keeps_pair_order_and_adjusts():
    """Rows follow the given pairs; each row equals correlation(); p_adjusted is BH over rows."""
    x, y = correlated(80, seed=1, strength=0.8)
    z = np.random.default_rng(2).normal(size=80)
    frame = pl.DataFrame({"a": x, "b": y, "c": z, "d": [1.0] * 80})
    pairs = [("c", "a"), ("a", "b"), ("a", "d"), ("b", "c")]
    table = correlation_table(frame, pairs)

    assert table.columns == [
        "x",
        "y",
        "n",
        "r",
        "ci_low",
        "ci_high",
        "p_value",
        "p_adjusted",
        "warnings",
    ]
    assert list(zip(table["x"], table["y"], strict=True)) == pairs
    expected_r = [st.pearsonr(frame[u], frame[v]).statistic for u, v in pairs if v != "d"]
    observed_r = [r for r in table["r"] if not math.isnan(r)]
    assert observed_r == pytest.approx(expected_r, rel=1e-12)
    assert table["warnings"].to_list() == [[], [], ["zero_variance"], []]
    np.testing.assert_allclose(
        table["p_adjusted"].to_numpy(), bh_by_hand(table["p_value"].to_list()), rtol=1e-12
    )
    assert math.isnan(table["p_adjusted"][2])


def test_correlation_table_passes_options_through():
    """method, confidence and min_n reach every row; n counts rows without nulls."""
    frame = pl.DataFrame(
        {"a": [1.0, 2.0, None, 4.0, 5.0, 6.0], "b": [2.0, 1.0, 3.0, 5.0, 4.0, 6.0]}
    )
    table = correlation_table(frame, [("a", "b")], method="spearman", confidence=0.9, min_n=5)
    direct = correlation(frame["a"], frame["b"], method="spearman", confidence=0.9, min_n=5)
    row = table.row(0, named=True)
    assert row["n"] == 5
    assert (row["r"], row["ci_low"], row["ci_high"]) == (direct.r, direct.ci_low, direct.ci_high)
    assert row["warnings"] == []


def test_correlation_table_with_clusters_equals_correlation_pair_by_pair():
    """Rows in companies (named by text, each with its own level of every column): each row is
    correlation() given the names, with a pair's missing values dropped for that pair only,
    and the shared levels widen the interval against rows taken as independent."""
    rng = np.random.default_rng(7)
    company = rng.integers(0, 12, size=150)
    level = rng.normal(size=12)[company]
    columns = {name: level + rng.normal(size=150) for name in "abc"}
    columns["a"][[3, 40, 77]] = np.nan  # missing in one column only: pairs lose other rows
    columns["c"][[5, 90]] = np.nan
    names = np.array([f"Yritys {c:02d}" for c in company])
    frame = pl.DataFrame({**columns, "company": names})
    pairs = [("a", "b"), ("b", "c"), ("a", "c")]

    table = correlation_table(frame, pairs, clusters="company")

    for row, (x, y) in zip(table.iter_rows(named=True), pairs, strict=True):
        direct = correlation(frame[x], frame[y], clusters=names)
        alone = correlation(frame[x], frame[y])
        assert (row["n"], row["r"]) == (direct.n, direct.r)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((direct.ci_low, direct.ci_high))
        assert row["ci_high"] - row["ci_low"] > alone.ci_high - alone.ci_low


def test_correlation_table_with_no_pairs_is_empty_with_types():
    """No pairs: an empty table that still has the documented columns and types."""
    table = correlation_table(pl.DataFrame({"a": [1.0]}), [])
    assert table.height == 0
    assert table.schema["n"] == pl.Int64
    assert table.schema["warnings"] == pl.List(pl.String)


def test_stats_does_not_import_streamlit():
    """cxlib.stats is library code: importing it must not pull in streamlit."""
    code = "import sys, cxlib.stats; print('streamlit' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("case", ["clean", "small", "missing", "constant", "perfect", "three"])
def test_correlations_of_many_columns_equal_correlation_column_by_column(case):
    """The one-pass path for a unit table's themes gives what correlation() gives for each
    column, and unusual columns (missing values, no variance, a perfect fit) take its path."""
    from cxlib.stats import correlations

    rng = np.random.default_rng(5)
    n = {"small": 12, "three": 3}.get(case, 200)
    y = rng.normal(size=n)
    xs = rng.normal(size=(n, 4)) + 0.4 * y[:, None]
    if case == "missing":
        xs[2, 1] = np.nan
    if case == "constant":
        xs[:, 2] = 3.0
    if case == "perfect":
        xs[:, 0] = 2 * y + 1
    for got, one in zip(
        correlations(xs, y), (correlation(xs[:, j], y) for j in range(4)), strict=True
    ):
        assert got.n == one.n and got.warnings == one.warnings and got.method == one.method
        for name in ("r", "ci_low", "ci_high", "p_value"):
            assert getattr(got, name) == pytest.approx(
                getattr(one, name), rel=1e-12, abs=1e-15, nan_ok=True
            )
