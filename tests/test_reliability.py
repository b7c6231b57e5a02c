"""ICC(1), ICC(2) and disattenuation against hand-worked ANOVA, scipy and statsmodels."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats

from cxlib.filters import FilterState
from cxlib.reliability import (
    corrected_links,
    disattenuate,
    icc,
    icc2_for_size,
    icc_from_sums,
    staff_reliability,
)

# Three groups of four answers.
#   a: 2 3 3 4  sum 12  mean 3  squared deviations 1+0+0+1 = 2
#   b: 4 5 5 6  sum 20  mean 5  squared deviations 1+0+0+1 = 2
#   c: 5 6 7 6  sum 24  mean 6  squared deviations 1+0+1+0 = 2
# Grand mean 56/12 = 14/3.
# SSB = 4 * ((3 - 14/3)^2 + (5 - 14/3)^2 + (6 - 14/3)^2) = 4 * (25 + 1 + 16) / 9 = 168/9
# MSB = (168/9) / (3 - 1) = 28/3;  SSW = 6, MSW = 6 / (12 - 3) = 2/3;  F = 14
# ICC(1) = (28/3 - 2/3) / (28/3 + (4 - 1) * 2/3) = (26/3) / (34/3) = 13/17
# ICC(2) = (26/3) / (28/3) = 13/14
BALANCED = {"a": [2, 3, 3, 4], "b": [4, 5, 5, 6], "c": [5, 6, 7, 6]}

# Unequal groups of 2, 3 and 5 answers.
#   a: 1 3          sum 4   mean 2  squared deviations 2
#   b: 4 5 6        sum 15  mean 5  squared deviations 2
#   c: 6 7 8 7 7    sum 35  mean 7  squared deviations 2
# Grand mean 54/10 = 5.4.
# SSB = 2 * 3.4^2 + 3 * 0.4^2 + 5 * 1.6^2 = 23.12 + 0.48 + 12.8 = 36.4;  MSB = 36.4 / 2 = 18.2
# SSW = 6;  MSW = 6 / (10 - 3) = 6/7
# k0 = (10 - (4 + 9 + 25) / 10) / (3 - 1) = 3.1   (mean group size would be 10/3)
# ICC(1) = (18.2 - 6/7) / (18.2 + 2.1 * 6/7) = (18.2 - 6/7) / 20
# ICC(2) = (18.2 - 6/7) / 18.2
UNEQUAL = {"a": [1, 3], "b": [4, 5, 6], "c": [6, 7, 8, 7, 7]}


def long_form(groups: dict[str, list[float]]) -> tuple[np.ndarray, np.ndarray]:
    labels = np.repeat(list(groups), [len(v) for v in groups.values()])
    return np.concatenate([np.asarray(v, dtype=float) for v in groups.values()]), labels


def test_balanced_hand_worked_anova():
    """Three groups of four: MSB 28/3, MSW 2/3, ICC(1) 13/17, ICC(2) 13/14, F as scipy's."""
    values, labels = long_form(BALANCED)

    result = icc(values, labels)

    assert result.groups == 3 and result.respondents == 12
    assert result.msb == pytest.approx(28 / 3) and result.msw == pytest.approx(2 / 3)
    assert result.icc1 == pytest.approx(13 / 17) and result.icc2 == pytest.approx(13 / 14)
    assert result.icc1_group_size == pytest.approx(4.0) == result.mean_group_size
    f = stats.f_oneway(*[np.asarray(v, dtype=float) for v in BALANCED.values()]).statistic
    assert result.msb / result.msw == pytest.approx(f) == pytest.approx(14.0)


def test_unequal_groups_use_k0():
    """Groups of 2, 3, 5: ICC(1) uses k0 = 3.1, not the mean size 10/3; F matches scipy."""
    values, labels = long_form(UNEQUAL)

    result = icc(values, labels)

    assert result.icc1_group_size == pytest.approx(3.1)
    assert result.mean_group_size == pytest.approx(10 / 3)
    assert result.msb == pytest.approx(18.2) and result.msw == pytest.approx(6 / 7)
    assert result.icc1 == pytest.approx((18.2 - 6 / 7) / 20)
    assert result.icc2 == pytest.approx((18.2 - 6 / 7) / 18.2)
    f = stats.f_oneway(*[np.asarray(v, dtype=float) for v in UNEQUAL.values()]).statistic
    assert result.msb / result.msw == pytest.approx(f)


def test_mean_squares_match_statsmodels_anova():
    """MSB and MSW equal statsmodels' one-way anova_lm mean squares (C(group) and Residual)."""
    smf = pytest.importorskip("statsmodels.formula.api")
    sm = pytest.importorskip("statsmodels.api")
    values, labels = long_form(UNEQUAL)
    frame = pl.DataFrame({"score": values, "unit": labels}).to_pandas()

    table = sm.stats.anova_lm(smf.ols("score ~ C(unit)", data=frame).fit())

    result = icc(values, labels)
    assert result.msb == pytest.approx(table["mean_sq"].iloc[0])
    assert result.msw == pytest.approx(table["mean_sq"].iloc[1])


def test_sums_and_raw_scores_agree():
    """icc_from_sums on per-group n, sum, sum of squares equals icc on the raw answers."""
    rng = np.random.default_rng(3)
    labels = rng.choice(np.array(["north", "south", "east", "west", "hub"]), size=400)
    values = rng.integers(1, 6, size=400).astype(float)
    frame = pl.DataFrame({"unit": labels, "score": values})
    sums = frame.group_by("unit").agg(
        n=pl.len(), total=pl.col("score").sum(), sumsq=(pl.col("score") ** 2).sum()
    )

    from_sums = icc_from_sums(sums["n"].to_numpy(), sums["total"], sums["sumsq"])

    from_raw = icc(frame["score"], frame["unit"])
    for field in ("icc1", "icc2", "msb", "msw", "mean_group_size", "icc1_group_size"):
        assert getattr(from_sums, field) == pytest.approx(getattr(from_raw, field), rel=1e-10)
    assert (from_sums.groups, from_sums.respondents) == (from_raw.groups, from_raw.respondents)


def test_missing_scores_and_labels_are_dropped():
    """Null scores, null labels and NaN labels are left out, as if they were never there."""
    values, labels = long_form(UNEQUAL)
    scores = pl.Series([*values, None, 4.0, 5.0])
    units = pl.Series([*labels, "a", None, None])

    assert icc(scores, units) == icc(values, labels)
    numeric_units = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2, 2, np.nan])
    assert icc([*values, 9.0], numeric_units) == icc(values, labels)


def test_empty_and_single_answer_groups():
    """n = 0 groups change nothing; n = 1 groups add to MSB but not to the within df."""
    base = icc_from_sums([4, 4, 4], [12, 20, 24], [38, 102, 146])
    with_empty = icc_from_sums([4, 0, 4, 4], [12, 0, 20, 24], [38, 0, 102, 146])
    assert with_empty == base

    # A lone answer of 10 in a fourth group: within SS and df stay 6 and 9.
    with_single = icc_from_sums([4, 4, 4, 1], [12, 20, 24, 10], [38, 102, 146, 100])
    assert with_single.msw == pytest.approx(6 / 9)
    assert with_single.groups == 4 and with_single.msb > base.msb


def test_undefined_cases_are_nan():
    """One group, only single answers, or identical scores leave the ICCs undefined (NaN)."""
    one_group = icc_from_sums([5], [15], [50])
    singles = icc_from_sums([1, 1, 1], [1, 2, 3], [1, 4, 9])
    flat = icc(np.full(12, 3.0), np.repeat([1, 2, 3], 4))
    nothing = icc(np.array([]), np.array([]))
    for result in (one_group, singles, flat, nothing):
        assert math.isnan(result.icc1) and math.isnan(result.icc2)
    assert singles.msb == pytest.approx(1.0) and math.isnan(singles.msw)
    assert (nothing.groups, nothing.respondents) == (0, 0)


def test_planted_icc_is_recovered_in_a_balanced_simulation():
    """300 units x 10 answers, planted ICC 0.2: ICC(1) within 3 standard errors of 0.2.

    For balanced one-way data the large-sample variance of ICC(1) is
    2 (1 - rho)^2 (1 + (k - 1) rho)^2 / (k (k - 1) (J - 1))  (Fisher 1925; Donner 1986), here
    2 * 0.64 * 2.8^2 / (10 * 9 * 299) = 3.73e-4, so the standard error is 0.0193.
    """
    rng = np.random.default_rng(2024)
    units, size, planted = 300, 10, 0.2
    unit_effect = rng.normal(0.0, math.sqrt(planted), units)
    values = np.repeat(unit_effect, size) + rng.normal(0.0, math.sqrt(1 - planted), units * size)
    labels = np.repeat(np.arange(units), size)

    result = icc(values, labels)

    standard_error = math.sqrt(2 * 0.8**2 * 2.8**2 / (size * (size - 1) * (units - 1)))
    assert abs(result.icc1 - planted) < 3 * standard_error
    # Balanced groups: ICC(2) is Spearman-Brown's step-up of ICC(1) to the group size.
    assert result.icc2 == pytest.approx(icc2_for_size(result.icc1, size))


def test_intervals_match_a_published_worked_example():
    """Shrout & Fleiss (1979), six targets each rated by four judges, one-way model: NAG's
    worked example of g04ga gives ICC(1,1) = 0.17 with 95% limits −0.13 and 0.72 (F = 1.79 on
    5 and 18 df). ICC(2), the reliability of a mean of four, has the Spearman–Brown step-up of
    those limits (exact for balanced groups): −0.88 to 0.91."""
    ratings = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    result = icc(np.ravel(ratings), np.repeat(np.arange(6), 4))
    assert result.msb / result.msw == pytest.approx(1.79, abs=0.005)
    assert result.icc1 == pytest.approx(0.17, abs=0.005)
    assert result.icc1_interval == pytest.approx((-0.13, 0.72), abs=0.005)
    stepped = tuple(icc2_for_size(bound, 4) for bound in result.icc1_interval)
    assert result.icc2_interval == pytest.approx(stepped, abs=1e-12)
    assert result.icc2_interval == pytest.approx((-0.88, 0.91), abs=0.005)


@pytest.mark.parametrize("units", [3, 8])
def test_the_icc2_interval_covers_the_planted_reliability_95_times_in_100(units):
    """1,000 studies of `units` units of 10 answers with ICC(1) 0.2 planted (ICC(2) 0.71): the
    interval holds the planted ICC(2) in about 95% of them, with 3 units too, where its width
    says that little is known (a mean width over 1)."""
    rng = np.random.default_rng(units)
    planted, size = 0.2, 10
    held, widths = [], []
    for _ in range(1000):
        effect = rng.normal(0.0, math.sqrt(planted), units)
        values = np.repeat(effect, size) + rng.normal(0.0, math.sqrt(1 - planted), units * size)
        low, high = icc(values, np.repeat(np.arange(units), size)).icc2_interval
        held.append(low <= icc2_for_size(planted, size) <= high)
        widths.append(high - low)
    assert 0.93 <= np.mean(held) <= 0.97, np.mean(held)
    if units == 3:
        assert np.mean(widths) > 1


def test_icc1_matches_statsmodels_mixedlm_variance_share():
    """Balanced data: REML variance components equal the ANOVA ones, so ICC(1) = MixedLM share."""
    sm = pytest.importorskip("statsmodels.api")
    rng = np.random.default_rng(7)
    units, size = 120, 8
    values = np.repeat(rng.normal(0, 0.6, units), size) + rng.normal(0, 1.0, units * size)
    labels = np.repeat(np.arange(units), size)

    fit = sm.MixedLM(values, np.ones((values.size, 1)), groups=labels).fit(reml=True)

    between = float(np.asarray(fit.cov_re)[0, 0])
    assert icc(values, labels).icc1 == pytest.approx(between / (between + fit.scale), abs=1e-4)


def test_spearman_brown():
    """Doubling a test of reliability 0.5 gives 2/3; ICC(1) 0.2 over 10 answers gives 0.714."""
    assert icc2_for_size(0.5, 2) == pytest.approx(2 / 3)
    assert icc2_for_size(0.2, 10) == pytest.approx(2 / 2.8)
    assert icc2_for_size(0.3, 1) == pytest.approx(0.3)
    np.testing.assert_allclose(icc2_for_size(0.1, np.array([1, 9])), [0.1, 0.5])


def test_disattenuate_known_cases():
    """0.3 / sqrt(0.64 * 0.81) = 0.3 / 0.72; large results clip to 1; bad reliabilities NaN."""
    assert disattenuate(0.3, 0.64, 0.81) == pytest.approx(0.3 / 0.72)
    assert disattenuate(0.4, 0.64) == pytest.approx(0.5)
    assert disattenuate(0.9, 0.5, 0.5) == 1.0
    assert disattenuate(-0.9, 0.5, 0.5) == -1.0
    assert math.isnan(disattenuate(0.3, 0.0)) and math.isnan(disattenuate(0.3, 0.8, -0.1))
    assert math.isnan(disattenuate(0.3, math.nan))
    np.testing.assert_allclose(
        disattenuate(np.array([0.2, 0.4]), np.array([0.25, 1.0])), [0.4, 0.4]
    )


# --- the study's staff reliability from the cube, against the raw responses -----------------


@pytest.mark.parametrize(
    "view",
    [
        FilterState(),
        FilterState(roles=("customer-facing",), periods=("2023-Q1", "2024-Q2"), lag=1),
    ],
    ids=["default", "one-role-two-periods"],
)
def test_staff_reliability_equals_icc_of_the_raw_respondent_scores(sample, engine, view):
    """For ex:all and every theme: a respondent's score is the mean of the metric's items in
    the raw sample.employee rows; kept are the respondents (of the view's roles) of the
    unit-periods the view shows at lag 0 (its per-period unit table); icc() of those scores
    grouped by unit gives the same ICC(1), ICC(2), units, respondents and mean group size as
    staff_reliability's cube sums."""
    same_period = view.model_copy(update={"lag": 0})
    shown = engine.unit_table(same_period, per_period=True, full=False).table
    shown = shown.select("unit_id", "period")
    staff = sample.employee.join(shown, on=["unit_id", "period"], how="semi")
    if view.roles:
        staff = staff.filter(pl.col("role").is_in(list(view.roles)))
    themes = sample.theme_map.themes
    metrics = {"ex:all": [i for t in themes for i in t.employee_items]}
    metrics |= {f"ex:{t.name}": list(t.employee_items) for t in themes}

    result = staff_reliability(engine, view)

    assert result["metric"].to_list() == list(metrics)
    assert staff.height > 1_000
    for row in result.iter_rows(named=True):
        scores = staff.select(pl.mean_horizontal(metrics[row["metric"]]))
        expected = icc(scores.to_series(), staff["unit_id"])
        assert row["icc1"] == pytest.approx(expected.icc1, abs=1e-9), row["metric"]
        assert row["icc2"] == pytest.approx(expected.icc2, abs=1e-9), row["metric"]
        assert row["units"] == expected.groups == shown["unit_id"].n_unique()
        assert row["respondents"] == expected.respondents == staff.height
        assert row["mean_group_size"] == pytest.approx(expected.mean_group_size, abs=1e-9)


def test_only_classes_with_a_link_are_corrected_and_only_when_noise_matters():
    """r / sqrt(ICC2) for each class with an r (0.30 / sqrt(0.46) = 0.4423, worked by hand); a
    class without units (r NaN) is left out rather than printed as 'r = nan'; a reliability
    of 0.70 or more corrects nothing, nor does one that is undefined."""
    nan = float("nan")
    corrected = corrected_links({"high": 0.30, "low": nan}, 0.46)
    assert list(corrected) == ["high"] and corrected["high"] == pytest.approx(0.4423, abs=1e-4)
    both = corrected_links({"high": 0.30, "low": -0.10}, 0.25)
    assert both == pytest.approx({"high": 0.60, "low": -0.20})
    assert corrected_links({"high": 0.30, "low": 0.20}, 0.70) == {}
    assert corrected_links({"high": 0.30}, 0.0) == {} and corrected_links({"high": 0.3}, nan) == {}
