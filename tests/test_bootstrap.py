"""BCa and percentile intervals from given resamples agree with scipy.stats.bootstrap.

scipy draws its resample indices as rng.integers(0, n, (B, n)) in one batch (see
scipy/stats/_resampling.py, _bootstrap_resample), for one sample or for paired samples alike. The
tests draw the same indices from a generator with the same seed, so both see identical
replicates and the intervals must agree to rounding, not just within Monte-Carlo error.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats
from scipy.special import ndtr, ndtri

from cxlib.bootstrap import bca_interval, percentile_interval

SEED = 20240611
RESAMPLES = 4000


def scipy_indices(n: int, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n, (resamples, n), dtype="int64")


def leave_one_out(n: int) -> np.ndarray:
    """Row i holds the indices of every observation but i, as scipy's jackknife does."""
    keep = ~np.eye(n, dtype=bool)
    return np.broadcast_to(np.arange(n), (n, n))[keep].reshape(n, n - 1)


def mean_and_sd(sample: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.stack([np.mean(sample, axis=axis), np.std(sample, axis=axis, ddof=1)])


def pearson(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    dx = x - x.mean(axis=axis, keepdims=True)
    dy = y - y.mean(axis=axis, keepdims=True)
    return (dx * dy).sum(axis=axis) / np.sqrt((dx**2).sum(axis=axis) * (dy**2).sum(axis=axis))


@pytest.fixture(scope="module")
def skewed() -> np.ndarray:
    return np.random.default_rng(5).lognormal(mean=0.0, sigma=1.0, size=35)


def test_mean_of_skewed_sample_matches_scipy_bca(skewed):
    """Same resamples as scipy: our BCa bounds equal scipy's; the percentile bounds do not."""
    reference = stats.bootstrap(
        (skewed,), np.mean, n_resamples=RESAMPLES, method="BCa", rng=np.random.default_rng(SEED)
    )
    replicates = skewed[scipy_indices(len(skewed))].mean(axis=1)
    np.testing.assert_array_equal(replicates, reference.bootstrap_distribution)
    jackknife = skewed[leave_one_out(len(skewed))].mean(axis=1)

    low, high = bca_interval(skewed.mean(), replicates, jackknife)

    expected = reference.confidence_interval
    np.testing.assert_allclose([low, high], [expected.low, expected.high], rtol=1e-12)
    # The comparison can tell the methods apart: on a right-skewed mean they differ by > 2%.
    plain = np.array(percentile_interval(replicates))
    assert np.all(np.abs(plain - [expected.low, expected.high]) > 0.02 * np.abs(plain))


def test_percentile_interval_matches_scipy_percentile(skewed):
    """On the same resamples, the percentile interval equals scipy's method='percentile'."""
    reference = stats.bootstrap(
        (skewed,),
        np.median,
        n_resamples=RESAMPLES,
        method="percentile",
        confidence_level=0.9,
        rng=np.random.default_rng(SEED),
    )
    replicates = np.median(skewed[scipy_indices(len(skewed))], axis=1)

    low, high = percentile_interval(replicates, confidence=0.9)

    expected = reference.confidence_interval
    np.testing.assert_allclose([low, high], [expected.low, expected.high], rtol=1e-12)


def test_paired_correlation_matches_scipy_bca():
    """Pearson r of paired data, resampled in pairs: BCa bounds equal scipy's (paired=True)."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=50)
    y = 0.6 * x + 0.8 * rng.standard_t(3, size=50)
    reference = stats.bootstrap(
        (x, y),
        pearson,
        paired=True,
        vectorized=True,
        n_resamples=RESAMPLES,
        method="BCa",
        rng=np.random.default_rng(SEED),
    )
    rows = scipy_indices(len(x))
    replicates = pearson(x[rows], y[rows])
    dropped = leave_one_out(len(x))
    jackknife = pearson(x[dropped], y[dropped])

    low, high = bca_interval(stats.pearsonr(x, y).statistic, replicates, jackknife)

    expected = reference.confidence_interval
    np.testing.assert_allclose([low, high], [expected.low, expected.high], rtol=1e-10)


def test_two_statistics_at_once_match_scipy_bca(skewed):
    """A (B, 2) array of replicates gives, column by column, scipy's BCa for 2 outputs."""
    reference = stats.bootstrap(
        (skewed,),
        mean_and_sd,
        n_resamples=RESAMPLES,
        method="BCa",
        confidence_level=0.9,
        rng=np.random.default_rng(SEED),
    )
    replicates = mean_and_sd(skewed[scipy_indices(len(skewed))]).T
    jackknife = mean_and_sd(skewed[leave_one_out(len(skewed))]).T

    low, high = bca_interval(mean_and_sd(skewed), replicates, jackknife, confidence=0.9)

    assert low.shape == high.shape == (2,)
    expected = reference.confidence_interval
    np.testing.assert_allclose(low, expected.low, rtol=1e-12)
    np.testing.assert_allclose(high, expected.high, rtol=1e-12)


def test_nan_replicates_are_dropped_per_column(skewed):
    """NaN rows in one column leave that column's BCa equal to scipy's on the finite rows only."""
    replicates = mean_and_sd(skewed[scipy_indices(len(skewed), resamples=1000)]).T
    jackknife = mean_and_sd(skewed[leave_one_out(len(skewed))]).T
    with_gaps = replicates.copy()
    with_gaps[::7, 1] = np.nan  # only the second statistic failed on some resamples

    low, high = bca_interval(mean_and_sd(skewed), with_gaps, jackknife)

    # scipy reuses a given bootstrap distribution when n_resamples=0.
    for column, finite in enumerate([slice(None), np.isfinite(with_gaps[:, 1])]):
        given = SimpleNamespace(bootstrap_distribution=replicates[finite, column])
        reference = stats.bootstrap(
            (skewed,),
            lambda s, axis=-1, c=column: mean_and_sd(s, axis=axis)[c],
            n_resamples=0,
            bootstrap_result=given,
            method="BCa",
        ).confidence_interval
        np.testing.assert_allclose(
            [low[column], high[column]], [reference.low, reference.high], rtol=1e-12
        )


def test_ties_with_the_estimate_count_half():
    """Replicates 1,2,2,2 around estimate 2: share below = (1 + 4) / 8, as scipy counts ties.

    With equal jackknife values the acceleration is 0, so the bounds are the replicates'
    quantiles at Phi(2 z0 -/+ 1.96), z0 = Phi^-1(5/8), worked out here with numpy's quantile.
    """
    replicates = np.array([1.0, 2.0, 2.0, 2.0])
    z0 = ndtri(5 / 8)
    tails = ndtr(2 * z0 + np.array([-1, 1]) * ndtri(0.975))
    expected = np.quantile(replicates, tails)

    low, high = bca_interval(2.0, replicates, np.full(10, 3.0))

    np.testing.assert_allclose([low, high], expected, rtol=1e-12)


def test_degenerate_inputs_give_points_or_nan_without_warnings():
    """All-equal replicates give the point itself; an estimate outside them or no data, NaN."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        flat = bca_interval(4.0, np.full(200, 4.0), np.full(30, 4.0))
        outside = bca_interval(9.0, np.linspace(0, 1, 200), np.linspace(0, 1, 30))
        empty = bca_interval(1.0, np.full(50, np.nan), np.linspace(0, 1, 30))
        no_percentile = percentile_interval(np.full((50, 2), np.nan))
    assert np.array(flat).tolist() == [4.0, 4.0]
    assert np.isnan(outside).all()
    assert np.isnan(empty).all()
    assert np.isnan(no_percentile).all()


def test_confidence_outside_zero_one_is_refused():
    """A confidence of 1 (or 95 meant as percent) is a caller error, not a silent interval."""
    with pytest.raises(ValueError, match="confidence"):
        percentile_interval(np.arange(10.0), confidence=95)
    with pytest.raises(ValueError, match="confidence"):
        bca_interval(1.0, np.arange(10.0), np.arange(5.0), confidence=1.0)
