"""Comparing two views: the difference in the EX–CX link, with an interval that knows the two
views share companies (a paired jackknife over companies)."""

from dataclasses import dataclass

import numpy as np
import polars as pl
import pytest

from cxlib.compare import compare_views


@dataclass
class View:
    """The shape compare_views reads (a unit table's): a frame and its pair of columns."""

    table: pl.DataFrame
    pair: tuple[str, str] = ("ex", "cx")


def company_units(rho_by_period, companies=40, units=4, seed=0, company_sd=0.5, unit_sd=0.5):
    """A generator for these tests: units inside companies measured in several periods. Each
    company and unit has a lasting level on both sides (so periods of a unit move together);
    within a period EX and CX correlate at rho. Half the companies are high touch."""
    rng = np.random.default_rng(seed)
    company = np.repeat(np.arange(companies), units)
    n = company.size
    lasting_ex = rng.normal(0, company_sd, companies)[company] + rng.normal(0, unit_sd, n)
    lasting_cx = rng.normal(0, company_sd, companies)[company] + rng.normal(0, unit_sd, n)
    views = []
    for rho in rho_by_period:
        e = rng.standard_normal(n)
        c = rho * e + np.sqrt(1 - rho**2) * rng.standard_normal(n)
        frame = pl.DataFrame(
            {
                "company": [f"C{i:03d}" for i in company],
                "touch": np.where(company % 2 == 0, "high", "low"),
                "ex": 3 + lasting_ex * 0.3 + e * 0.5,
                "cx": 3 + lasting_cx * 0.3 + c * 0.5,
            }
        )
        views.append(View(frame))
    return views


def test_a_view_compared_with_itself_differs_by_exactly_nothing():
    """Every company left out leaves both views alike: difference and interval are 0."""
    a, _ = company_units([0.4, 0.4])
    result = compare_views(a, a)
    assert result.difference == {"all": 0.0, "high": 0.0, "low": 0.0}
    assert all(result.ci_low[g] == 0.0 == result.ci_high[g] for g in result.ci_low)


def test_the_link_in_each_view_is_the_plain_correlation_of_its_units():
    """r per view and group equals numpy's Pearson r on the same rows (independent reference)."""
    a, b = company_units([0.2, 0.6], seed=3)
    result = compare_views(a, b)
    for view, shown in ((a, result.first), (b, result.second)):
        high = view.table.filter(pl.col("touch") == "high")
        everything = np.corrcoef(view.table["ex"], view.table["cx"])[0, 1]
        assert shown["all"].r == pytest.approx(everything)
        assert shown["high"].r == pytest.approx(np.corrcoef(high["ex"], high["cx"])[0, 1])
        assert shown["all"].n == view.table.height


def test_independent_views_get_the_width_of_the_textbook_interval():
    """Views without a company in common and one unit per company: the jackknife interval of
    the difference is about as wide as the delta-method one, 2·1.96·sqrt(Σ(1−r²)²/n)."""
    widths = []
    for seed in range(5):
        a, b = company_units([0.3, 0.5], companies=300, units=1, seed=seed)
        b.table = b.table.with_columns(pl.col("company") + "b")  # no company shared
        result = compare_views(a, b)
        r1, r2, n = result.first["all"].r, result.second["all"].r, 300
        textbook = 2 * 1.96 * np.sqrt((1 - r1**2) ** 2 / n + (1 - r2**2) ** 2 / n)
        widths.append((result.ci_high["all"] - result.ci_low["all"]) / textbook)
    assert 0.85 < np.mean(widths) < 1.15


@pytest.mark.parametrize("companies", [10, 24])
def test_no_difference_in_the_world_is_found_about_five_times_in_a_hundred(companies):
    """A true null with real structure: two periods of the same units inside companies (units
    and companies keep their level from period to period), the same EX–CX link in both. The
    95% interval excludes zero in 5% of 1,000 worlds (± 2.5 standard errors: 3.3–6.7%), over
    all companies and within the high-touch half."""
    worlds = 1000
    misses = {"all": 0, "high": 0}
    for seed in range(worlds):
        a, b = company_units([0.35, 0.35], companies=companies, units=5, seed=seed)
        result = compare_views(a, b)
        for group in misses:  # a touch class holds half the companies: its own interval
            misses[group] += not (result.ci_low[group] <= 0 <= result.ci_high[group])
    assert all(0.033 <= m / worlds <= 0.067 for m in misses.values()), misses


def test_a_planted_difference_is_found_and_covered():
    """The same units with a weak link in one period and a strong one in the next: the
    interval excludes zero in nearly every world."""
    found = 0
    for seed in range(40):
        a, b = company_units([0.1, 0.7], companies=30, units=5, seed=seed)
        result = compare_views(a, b)
        found += result.ci_low["all"] > 0
    assert found >= 36


def test_a_missing_value_leaves_its_row_out_not_the_interval():
    """A NaN in one unit's CX: that row is left out of both the r and the interval (as
    correlation() does), instead of turning every left-out value into NaN."""
    a, b = company_units([0.3, 0.5], seed=5)
    b.table = b.table.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(float("nan")).otherwise(pl.col("cx")).alias("cx")
    )
    result = compare_views(a, b)
    assert result.second["all"].n == b.table.height - 1
    assert np.isfinite(result.ci_low["all"]) and np.isfinite(result.ci_high["all"])


def one_company(rho_by_period, units=15, seed=0):
    """A generator for one company's data (an HR analyst's own): units measured in several
    periods, each keeping a lasting level on both sides whose EX and CX correlate (the link
    between units), within a period EX and CX correlate at rho."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((2, units))
    lasting_ex, lasting_cx = z[0], 0.5 * z[0] + np.sqrt(0.75) * z[1]
    views = []
    for rho in rho_by_period:
        e = rng.standard_normal(units)
        c = rho * e + np.sqrt(1 - rho**2) * rng.standard_normal(units)
        frame = pl.DataFrame(
            {
                "company": ["C"] * units,
                "unit_id": [f"U{i:02d}" for i in range(units)],
                "touch": ["high"] * units,
                "ex": 3 + lasting_ex * 0.5 + e * 0.5,
                "cx": 3 + lasting_cx * 0.5 + c * 0.5,
            }
        )
        views.append(View(frame))
    return views


def test_one_company_leaves_its_units_out_and_finds_no_difference_five_times_in_a_hundred():
    """One company's data had no interval at all (one company to leave out: 'too few companies
    or units', beside 15 units). Its units are left out instead: under a true null with the
    structure of two periods of the same units, the interval excludes zero in 5% of 1,000
    worlds (3.3–6.7%)."""
    misses = 0
    for seed in range(1000):
        a, b = one_company([0.35, 0.35], units=15, seed=seed)
        result = compare_views(a, b)
        assert result.units == 15 and result.companies == 1
        misses += not (result.ci_low["all"] <= 0 <= result.ci_high["all"])
    assert 0.033 <= misses / 1000 <= 0.067, misses


def test_one_company_finds_a_planted_difference():
    found = 0
    for seed in range(40):
        a, b = one_company([0.1, 0.8], units=80, seed=seed)
        found += compare_views(a, b).ci_low["all"] > 0
    assert found >= 32


def test_two_companies_are_still_left_out_whole():
    """With two companies or more the jackknife leaves companies out, never units."""
    a, b = company_units([0.35, 0.35], companies=2, units=10)
    tables = [v.table.with_columns(unit_id=pl.int_range(pl.len()).cast(pl.String)) for v in (a, b)]
    result = compare_views(View(tables[0]), View(tables[1]))
    assert result.units == 0 and result.companies == 2
