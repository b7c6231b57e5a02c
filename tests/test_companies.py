"""Company-level tests of a class difference: randomisation against a brute-force enumeration,
the multilevel model against statsmodels called directly, and error rates on studies made by a
small generator written here (companies with their own EX slopes)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import polars as pl
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from cxlib.codes import Caveat
from cxlib.companies import (
    MIN_MODEL_COMPANIES,
    RANDOM_DEALS,
    Method,
    _studentised_slope_gap,
    company_sums,
    compare_companies,
    multilevel_interaction,
    randomisation_test,
)
from cxlib.filters import FilterState
from cxlib.stats import compare_correlations

from .conftest import cluster_slope

PAIR = ("ex", "cx")


def study(
    rng: np.random.Generator,
    per_class: tuple[int, int],
    units: int | tuple[int, int] = 30,
    slope: float = 0.4,
    gap: float = 0.0,
    slope_sd: float = 0.3,
    level_sd: float = 1.0,
) -> pl.DataFrame:
    """Unit rows (company, touch, ex, cx) of companies in two classes.

    Each company has its own EX level, CX level and EX slope (slope + gap in the high class, plus
    a company deviation of sd slope_sd); a unit's CX = level + slope × EX + noise. Companies are
    the independent draws, units within a company are not independent evidence about the class.
    """
    frames = []
    for touch, count in zip(("high", "low"), per_class, strict=True):
        for _ in range(count):
            size = units if isinstance(units, int) else int(rng.integers(*units))
            b = slope + (gap if touch == "high" else 0.0) + slope_sd * rng.standard_normal()
            a_ex, a_cx = level_sd * rng.standard_normal(2)
            ex = a_ex + rng.standard_normal(size)
            cx = a_cx + b * ex + rng.standard_normal(size)
            name = f"C{len(frames):03d}"
            frames.append(pl.DataFrame({"company": name, "touch": touch, "ex": ex, "cx": cx}))
    return pl.concat(frames)


def brute_force(
    table: pl.DataFrame, cluster: str = "company", group: str = "touch", measure: str = "r"
):
    """Every deal of the first class's labels to the clusters, each class's r (scipy) or
    least-squares slope (statsmodels, studentised by its company-clustered standard error)
    recomputed from the raw unit rows. Returns (observed difference, p, number of deals)."""
    names = sorted(table[cluster].unique().to_list())
    first = set(table.filter(pl.col(group) == "high")[cluster].unique().to_list())
    rows = {c: table.filter(pl.col(cluster) == c) for c in names}

    def difference(chosen: set[str]) -> tuple[float, float]:
        """(the difference, the statistic the p is taken on)."""
        inside = pl.concat([rows[c] for c in names if c in chosen])
        outside = pl.concat([rows[c] for c in names if c not in chosen])
        if measure == "slope":  # studentised with company-clustered variances (statsmodels)
            (b_in, v_in), (b_out, v_out) = (
                cluster_slope(part, cluster) for part in (inside, outside)
            )
            return b_in - b_out, (b_in - b_out) / np.sqrt(v_in + v_out)
        fits = [stats.linregress(part["ex"], part["cx"]) for part in (inside, outside)]
        gap = fits[0].rvalue - fits[1].rvalue
        return gap, gap

    observed, reference = difference(first)
    deals = [difference(set(d))[1] for d in itertools.combinations(names, len(first))]
    extreme = sum(abs(d) >= abs(reference) - 1e-9 for d in deals)
    return observed, extreme / len(deals), len(deals)


def classes_of(table: pl.DataFrame, clusters: pl.DataFrame, cluster: str = "company"):
    labels = clusters.join(table.select(cluster, "touch").unique(), on=cluster, how="left")
    return (labels.sort(cluster)["touch"] == "high").to_numpy()


# --- randomisation ---------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [0.0, 1.0], ids=["null", "planted"])
def test_randomisation_p_equals_a_brute_force_enumeration(gap):
    """8 companies, 5 high and 3 low: all 56 deals of the labels are compared; the observed
    difference in pooled r and the share of deals at least as extreme equal an enumeration with
    itertools and scipy.stats.pearsonr on the raw unit rows."""
    table = study(np.random.default_rng(11), (5, 3), units=(15, 40), gap=gap)
    clusters, _, sums = company_sums(table, PAIR, "company")
    first = classes_of(table, clusters)

    observed, p, deals, exact = randomisation_test(sums, first)

    expected, expected_p, expected_deals = brute_force(table)
    assert (deals, exact) == (expected_deals, True) == (56, True)
    assert observed == pytest.approx(expected, abs=1e-10)
    assert p == expected_p


@pytest.mark.parametrize("offset", [(0.0, 0.0), (1_000.0, 50_000.0)], ids=["near", "far"])
def test_each_deals_studentised_gap_equals_statsmodels_even_far_from_zero(offset):
    """Every one of the 70 deals of 8 companies (4 high, 4 low): the slope gap over its
    company-clustered standard error equals statsmodels' OLS slopes with CR0 variances on the
    raw unit rows, also when EX and CX sit far from zero (1,000 and 50,000 points): the gap
    multiplies products of the companies' sums, exact only because those sums are centred
    (without company_sums' centring the far case fails)."""
    table = study(np.random.default_rng(23), (4, 4), units=(8, 30), gap=0.5).with_columns(
        pl.col("ex") + offset[0], pl.col("cx") + offset[1]
    )
    clusters, _, sums = company_sums(table, PAIR, "company")
    names = clusters["company"].to_list()
    deals = np.array([[n in d for n in names] for d in itertools.combinations(names, 4)])

    gaps = _studentised_slope_gap(sums, deals, np.ones(1))

    rows = {c: table.filter(pl.col("company") == c) for c in names}
    for deal, gap in zip(deals, gaps, strict=True):
        parts = [
            pl.concat([rows[c] for c, d in zip(names, deal, strict=True) if d == side])
            for side in (1, 0)
        ]
        (b_in, v_in), (b_out, v_out) = (cluster_slope(part, "company") for part in parts)
        assert gap == pytest.approx((b_in - b_out) / np.sqrt(v_in + v_out), rel=1e-8)


def test_the_smallest_possible_p_is_one_deal_in_56():
    """With the planted slopes far apart (and company levels close) no other deal reaches the
    observed difference: the observed deal alone is as extreme, p = 1/56 (as the enumeration
    says)."""
    table = study(np.random.default_rng(3), (5, 3), gap=2.0, slope_sd=0.05, level_sd=0.2)
    clusters, _, sums = company_sums(table, PAIR, "company")
    _, p, deals, _ = randomisation_test(sums, classes_of(table, clusters))
    assert brute_force(table)[1] == pytest.approx(1 / 56)
    assert p == pytest.approx(1 / 56) and deals == 56


def test_strata_are_averaged_with_their_weights():
    """With two strata the statistic is Σ weight × (r first − r second) within each stratum;
    p is the share of the 56 deals whose weighted difference is at least as large, all of it
    recomputed here from the raw rows with scipy."""
    rng = np.random.default_rng(5)
    table = study(rng, (5, 3), units=40, gap=0.6)
    table = table.with_columns(
        pl.Series("stratum", rng.choice(["a", "b"], table.height)),
        pl.col("cx") + pl.Series(rng.standard_normal(table.height)),
    )
    weights = np.array([0.3, 0.7])
    clusters, strata, sums = company_sums(table, PAIR, "company", "stratum")
    first = classes_of(table, clusters)
    names = clusters["company"].to_list()

    def difference(chosen) -> float:
        total = 0.0
        for w, s in zip(weights, strata, strict=True):
            rows = table.filter(pl.col("stratum") == s)
            inside = rows.filter(pl.col("company").is_in(list(chosen)))
            outside = rows.filter(~pl.col("company").is_in(list(chosen)))
            r_in = stats.pearsonr(inside["ex"], inside["cx"]).statistic
            r_out = stats.pearsonr(outside["ex"], outside["cx"]).statistic
            total += w * (r_in - r_out)
        return total

    observed = difference([n for n, f in zip(names, first, strict=True) if f])
    deals = [difference(d) for d in itertools.combinations(names, 5)]
    expected_p = np.mean([abs(d) >= abs(observed) - 1e-9 for d in deals])

    result, p, count, _ = randomisation_test(sums, first, weights)
    assert strata == ("a", "b") and count == 56
    assert result == pytest.approx(observed, abs=1e-10)
    assert p == pytest.approx(expected_p, abs=1e-12)


def test_beyond_max_exact_random_deals_approximate_the_exact_p():
    """17 companies (8 / 9) have 24,310 deals, more than MAX_EXACT: RANDOM_DEALS random deals
    plus the observed one are compared, reproducibly for a seed, and p lies within Monte Carlo
    error of the exact p enumerated here (pooled r of every deal from the raw rows)."""
    table = study(np.random.default_rng(8), (8, 9), units=20, gap=0.25)
    clusters, _, sums = company_sums(table, PAIR, "company")
    first = classes_of(table, clusters)

    observed, p, deals, exact = randomisation_test(sums, first, seed=4)

    names = clusters["company"].to_list()
    company = table["company"].to_numpy()
    x, y = table["ex"].to_numpy(), table["cx"].to_numpy()
    combos = np.array(list(itertools.combinations(range(len(names)), 8)))
    membership = np.zeros((len(combos), len(names)), dtype=bool)
    np.put_along_axis(membership, combos, True, axis=1)
    rows = membership[:, np.searchsorted(names, company)]  # (deals, unit rows)

    def r_of(mask: np.ndarray) -> np.ndarray:
        m = mask.astype(float)
        n, sx, sy = m.sum(1), m @ x, m @ y
        sxx, syy, sxy = m @ x**2, m @ y**2, m @ (x * y)
        return (n * sxy - sx * sy) / np.sqrt((n * sxx - sx**2) * (n * syy - sy**2))

    every = r_of(rows) - r_of(~rows)
    own = first[np.newaxis, :][:, np.searchsorted(names, company)]
    truth = (r_of(own) - r_of(~own))[0]
    exact_p = np.mean(np.abs(every) >= abs(truth) - 1e-9)

    assert (deals, exact) == (RANDOM_DEALS + 1, False) and math.comb(17, 8) == len(combos)
    assert observed == pytest.approx(truth, abs=1e-10)
    assert abs(p - exact_p) < 4 * math.sqrt(exact_p * (1 - exact_p) / deals) + 1e-4
    assert randomisation_test(sums, first, seed=4) == (observed, p, deals, exact)
    assert randomisation_test(sums, first, seed=5)[1] != p


# --- compare_companies on generated studies -------------------------------------------------


def test_a_strong_planted_slope_difference_is_found():
    """12 companies per class, high-class slopes 0.8 steeper: the multilevel test is chosen,
    its p is tiny and its interval holds the planted 0.8; dealing the companies' labels also
    rejects (r, unlike the slope, is diluted by differences in company levels, so those are
    kept modest here)."""
    table = study(np.random.default_rng(21), (12, 12), gap=0.8, level_sd=0.3)
    result = compare_companies(table, PAIR)
    assert result.method == Method.MULTILEVEL and result.companies == (12, 12)
    assert result.p_value < 0.001 and result.ci_low < 0.8 < result.ci_high
    by_deals = compare_companies(table, PAIR, model=False)
    assert by_deals.method == Method.RANDOMISATION and by_deals.p_value < 0.01


def test_under_the_null_companies_keep_the_error_rate_and_units_do_not():
    """200 studies of 8 companies (5 high, 3 low) whose classes do not differ but whose
    companies have their own slopes: the company test rejects at 0.05 in at most ~8% of them;
    Fisher's unit-level test on the same studies rejects far more often (it counts each unit as
    an independent witness of its class)."""
    rng = np.random.default_rng(2024)
    company, units = [], []
    for _ in range(200):
        table = study(rng, (5, 3), units=30)
        company.append(compare_companies(table, PAIR).p_value)
        high, low = (table.filter(pl.col("touch") == t) for t in ("high", "low"))
        r_high = stats.pearsonr(high["ex"], high["cx"]).statistic
        r_low = stats.pearsonr(low["ex"], low["cx"]).statistic
        units.append(compare_correlations(r_high, high.height, r_low, low.height).p_value)
    company_rate = np.mean(np.array(company) <= 0.05)
    unit_rate = np.mean(np.array(units) <= 0.05)
    assert company_rate <= 0.08
    assert unit_rate >= 0.25 and unit_rate > 3 * company_rate


# --- the multilevel model --------------------------------------------------------------------


def test_multilevel_interaction_equals_statsmodels_called_directly():
    """cx ~ ex × first with a random intercept and EX slope per company (REML), EX centred:
    the same coefficient and standard error as statsmodels' MixedLM here, and the p-value and
    interval from t on companies − 4 degrees of freedom (scipy)."""
    table = study(np.random.default_rng(31), (11, 12), gap=0.5)
    frame = table.with_columns(
        (pl.col("ex") - pl.col("ex").mean()),
        (pl.col("touch") == "high").cast(pl.Float64).alias("first"),
    ).to_pandas()
    fit = smf.mixedlm("cx ~ ex * first", frame, groups=frame["company"], re_formula="~ex").fit(
        reml=True
    )
    assert fit.converged
    estimate, se = fit.fe_params["ex:first"], fit.bse_fe["ex:first"]
    df = 23 - 4
    p = 2 * stats.t.sf(abs(estimate / se), df)
    half = stats.t.ppf(0.975, df) * se

    got = multilevel_interaction(table, PAIR, "touch", "high", "company")

    assert got is not None
    assert got[0] == pytest.approx(estimate, rel=1e-6)
    assert got[3] == pytest.approx(p, rel=1e-5)
    assert got[1] == pytest.approx(estimate - half, rel=1e-6)
    assert got[2] == pytest.approx(estimate + half, rel=1e-6)
    chosen = compare_companies(table, PAIR)
    assert chosen.method == Method.MULTILEVEL
    assert chosen.difference == pytest.approx(estimate, rel=1e-6)
    assert chosen.p_value == pytest.approx(p, rel=1e-5)


@pytest.mark.parametrize(
    ("per_class", "model", "method"),
    [
        ((MIN_MODEL_COMPANIES, MIN_MODEL_COMPANIES), True, Method.MULTILEVEL),
        ((MIN_MODEL_COMPANIES, MIN_MODEL_COMPANIES - 1), True, Method.RANDOMISATION),
        ((MIN_MODEL_COMPANIES - 1, MIN_MODEL_COMPANIES), True, Method.RANDOMISATION),
        ((MIN_MODEL_COMPANIES, MIN_MODEL_COMPANIES), False, Method.RANDOMISATION),
    ],
    ids=["both-enough", "low-short", "high-short", "model-off"],
)
def test_the_model_needs_min_model_companies_in_each_class(per_class, model, method):
    """The multilevel model is used only with MIN_MODEL_COMPANIES (10) companies in both
    classes and model=True; otherwise companies are dealt labels (randomisation)."""
    assert MIN_MODEL_COMPANIES == 10
    table = study(np.random.default_rng(41), per_class, units=20, gap=0.4)
    result = compare_companies(table, PAIR, model=model)
    assert result.method == method and result.companies == per_class
    if method == Method.RANDOMISATION:
        assert math.isnan(result.ci_low) and result.deals > 0
    else:
        assert result.ci_low < result.difference < result.ci_high and result.deals == 0


# --- caveats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_class", "few"),
    [((3, 5), True), ((5, 3), True), ((3, 3), True), ((4, 4), False), ((6, 4), False)],
)
def test_fewer_than_four_companies_in_a_class_describe_only_those_companies(per_class, few):
    """Below 4 companies in either class the result carries FEW_COMPANIES and is not general;
    from 4 in each it speaks of the classes."""
    table = study(np.random.default_rng(51), per_class)
    result = compare_companies(table, PAIR)
    assert (Caveat.FEW_COMPANIES in result.warnings) is few
    assert result.general is not few
    assert result.companies == per_class


def test_an_empty_class_gives_no_test():
    """Only high-touch companies: nothing to deal, p is nan and the result says too few."""
    table = study(np.random.default_rng(61), (4, 0))
    result = compare_companies(table, PAIR)
    assert result.companies == (4, 0) and result.deals == 0
    assert math.isnan(result.p_value) and Caveat.TOO_FEW in result.warnings


def test_an_empty_selection_gives_no_test_instead_of_raising(engine):
    """A view with no units (Hotels are high touch, the view asks for low) has nothing to
    compare: nan p, no deals and TOO_FEW, like any other class without companies."""
    view = FilterState(industries=("Hotels",), touch=("low",))
    units = engine.unit_table(view, full=False)
    assert units.table.height == 0
    result = compare_companies(units.table, units.pair)
    assert result.companies == (0, 0) and result.deals == 0
    assert math.isnan(result.p_value) and Caveat.TOO_FEW in result.warnings


def test_a_company_split_across_classes_counts_once_in_each():
    """A company with units in both classes (a reclassified industry, say) is two clusters:
    one per class. The p equals the enumeration over (company, class) clusters."""
    table = study(np.random.default_rng(71), (4, 3), gap=0.7)
    moved = table.with_columns(
        pl.when((pl.col("company") == "C000") & (pl.int_range(pl.len()) % 2 == 0))
        .then(pl.lit("low"))
        .otherwise(pl.col("touch"))
        .alias("touch")
    )
    keyed = moved.with_columns((pl.col("company") + "/" + pl.col("touch")).alias("cluster"))
    result = compare_companies(moved, PAIR)
    observed, p, deals = brute_force(keyed, cluster="cluster", measure="slope")
    assert result.companies == (4, 4) and result.deals == deals == math.comb(8, 4)
    assert result.difference == pytest.approx(observed, abs=1e-10)
    assert result.p_value == pytest.approx(p, abs=1e-12)


# --- the shipped sample ----------------------------------------------------------------------


def test_sample_touch_gap_counted_by_companies(engine):
    """The sample has 5 high-touch and 3 low-touch companies: all 56 deals are compared, and
    no other deal gives a difference as large as the actual one, so p = 1/56 ≈ 0.018; the
    difference in slope and p equal the enumeration here over the unit table's rows."""
    units = engine.unit_table(FilterState(), full=False)
    result = compare_companies(units.table, units.pair)
    observed, p, deals = brute_force(units.table, measure="slope")
    assert result.method == Method.RANDOMISATION
    assert result.companies == (5, 3) and (result.deals, result.exact) == (56, True) == (
        deals,
        True,
    )
    assert result.difference == pytest.approx(observed, abs=1e-10)
    assert result.p_value == pytest.approx(p, abs=1e-12) == pytest.approx(1 / 56)
    assert Caveat.FEW_COMPANIES in result.warnings and not result.general


def test_the_smallest_p_of_an_exact_deal_is_one_deal_in_all_or_two_when_classes_match():
    """3 + 3 companies with a gap as large as can be planted: the deal that swaps the classes
    has the same gap turned, so p is 2/20 (the enumeration says so too), the smallest the test
    can give, and what the verdict compares with 0.05; 3 + 4 can give 1/35, 4 + 4 2/70.
    The observed deal's own statistic, computed apart from the batch, had rounded below
    itself on one machine and p came out 0."""
    rng = np.random.default_rng(1)

    def planted(high: int, low: int) -> pl.DataFrame:
        rows = []
        for c in range(high + low):
            slope = 2.0 if c < high else -1.0
            x = rng.normal(0, 1, 30)
            rows += [
                {"company": f"C{c}", "touch": "high" if c < high else "low", "ex": a, "cx": b}
                for a, b in zip(x, slope * x + rng.normal(0, 0.1, 30), strict=True)
            ]
        return pl.DataFrame(rows)

    table = planted(3, 3)
    small = compare_companies(table, ("ex", "cx"), model=False)
    assert small.exact and small.deals == 20
    _, p, _ = brute_force(table, measure="slope")
    assert small.p_value == pytest.approx(p) == pytest.approx(2 / 20)
    assert small.smallest_p == pytest.approx(2 / 20)
    uneven = compare_companies(planted(3, 4), ("ex", "cx"), model=False)
    assert uneven.deals == 35 and uneven.smallest_p == pytest.approx(1 / 35) == uneven.p_value
    larger = compare_companies(planted(4, 4), ("ex", "cx"), model=False)
    assert larger.smallest_p < 0.05 and larger.p_value < 0.05


def industry_panel(rng: np.random.Generator, industries=(5, 5), companies=12, slope_sd=0.3):
    """A generator for these tests: one row per company, companies in industries, the touch
    class set by the industry. Each industry has its own level on each side and its own EX–CX
    slope (sd slope_sd around 0 in both classes: no difference between the classes)."""
    n_ind = sum(industries)
    touch = np.repeat(["high", "low"], industries)
    industry = np.repeat(np.arange(n_ind), companies)
    ex = rng.normal(0, 0.3, n_ind)[industry] + rng.normal(0, 0.35, industry.size)
    slope = rng.normal(0, slope_sd, n_ind)[industry]
    cx = rng.normal(0, 0.3, n_ind)[industry] + slope * ex + rng.normal(0, 0.35, industry.size)
    return pl.DataFrame(
        {
            "company": [f"Co {i:03d}" for i in range(industry.size)],
            "industry": [f"Ind {j:02d}" for j in industry],
            "touch": touch[industry],
            "ex": ex,
            "cx": cx,
        }
    )


def test_with_industry_links_industries_dealt_keep_the_error_rate_and_companies_do_not():
    """Companies of an industry share its touch class and its own link. Dealing the classes to
    companies calls that a class difference far too often (100 null studies of 10 industries
    × 12 companies); dealing them to industries (the company level's test) stays near 5%
    (400 studies)."""
    rng = np.random.default_rng(404)
    studies = [industry_panel(rng) for _ in range(400)]
    by_company = np.mean(
        [compare_companies(s, PAIR, model=False).p_value < 0.05 for s in studies[:100]]
    )
    by_industry = np.mean(
        [
            compare_companies(s, PAIR, cluster="industry", model=False).p_value < 0.05
            for s in studies
        ]
    )
    assert by_company > 0.2
    assert by_industry <= 0.05 + 2.5 * np.sqrt(0.05 * 0.95 / 400)


def test_dealt_to_industries_the_test_counts_both_and_judges_generality_by_industries():
    """3 + 2 industries of 12 companies: 60 companies, but only C(5, 3) = 10 deals, so the
    smallest p is 0.1 and the result describes these industries only."""
    panel = industry_panel(np.random.default_rng(1), industries=(3, 2))
    test = compare_companies(panel, PAIR, cluster="industry", model=False)
    assert (test.dealt, test.companies, test.groups, test.evidence) == (
        "industry",
        (36, 24),
        (3, 2),
        (3, 2),
    )
    assert test.deals == math.comb(5, 3) and test.exact and test.smallest_p == pytest.approx(0.1)
    assert not test.general and Caveat.FEW_COMPANIES in test.warnings
    by_company = compare_companies(panel, PAIR, model=False)
    assert by_company.general and by_company.groups is None and by_company.evidence == (36, 24)


def test_dealt_to_industries_companies_without_both_values_and_rows_without_an_industry_drop_out():
    """A company missing its customer score is not counted; a company with no industry cannot
    be dealt with one and is left out, not a crash."""
    panel = industry_panel(np.random.default_rng(2), industries=(4, 4), companies=5)
    holes = panel.with_columns(
        cx=pl.when(pl.col("company") == "Co 000").then(None).otherwise(pl.col("cx")),
        industry=pl.when(pl.col("company") == "Co 039").then(None).otherwise(pl.col("industry")),
    )
    test = compare_companies(holes, PAIR, cluster="industry", model=False)
    assert test.companies == (19, 19) and test.groups == (4, 4)
    assert test.deals == math.comb(8, 4) and np.isfinite(test.p_value)
