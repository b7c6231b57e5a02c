"""Link strength in words: Cohen's bands on |r|, and "cannot tell" whenever the interval
includes zero, whatever the estimate."""

import numpy as np
import pytest

from cxlib.stats import correlation
from cxlib.strength import Strength, strength


def planted(rho: float, n: int, seed: int = 0):
    """A generator for this test: n pairs with correlation rho."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    y = rho * x + np.sqrt(1 - rho**2) * rng.standard_normal(n)
    return correlation(x, y)


@pytest.mark.parametrize(
    ("rho", "band"),
    [(0.02, Strength.NONE), (0.2, Strength.WEAK), (0.4, Strength.MODERATE), (0.7, Strength.STRONG)],
)
def test_bands_on_a_large_sample(rho, band):
    c = planted(rho, 20_000)
    assert strength(c.r, c.ci_low, c.ci_high) == (band, True)


def test_an_interval_through_zero_is_cannot_tell_even_for_a_large_estimate():
    c = planted(0.4, 12, seed=4)
    assert c.ci_low <= 0 <= c.ci_high  # small n: wide interval
    assert strength(c.r, c.ci_low, c.ci_high)[0] is Strength.UNCLEAR


def test_a_negative_link_runs_the_other_way():
    c = planted(-0.6, 5_000)
    band, expected_way = strength(c.r, c.ci_low, c.ci_high)
    assert band is Strength.STRONG and not expected_way


def test_no_estimate_is_unknown():
    c = correlation(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    assert strength(c.r, c.ci_low, c.ci_high)[0] is Strength.UNKNOWN


def test_an_r_without_an_interval_is_not_enough_to_say():
    """Three units of one company give an r (−0.54 on an import) but no interval: too few
    independent pairs. The Overview had called it 'a strong link, but the other way'; with
    five units it had said 'cannot tell'. No interval is no basis for a band."""
    c = correlation(np.array([1.0, 2.0, 3.0]), np.array([2.0, 1.0, 1.5]))
    assert c.r == c.r and c.ci_low != c.ci_low  # an r, no interval
    assert strength(c.r, c.ci_low, c.ci_high)[0] is Strength.UNKNOWN
    assert strength(-0.54, float("nan"), float("nan"))[0] is Strength.UNKNOWN
