"""General dominance weights against refitted subset models and a published table.

The reference implementation here refits every subset model on the raw data with least squares
(numpy's lstsq, or statsmodels OLS where installed) and averages the R² gains by the definition,
one loop at a time; the module under test works from the correlation matrix instead.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import polars as pl
import pytest
from scipy import stats

from cxlib.dominance import dominance_weights, general_dominance, subset_r_squared

# Longley (1967) macroeconomic data, as shipped in statsmodels.datasets.longley: TOTEMP on
# GNPDEFL, GNP, UNEMP, ARMED, POP, YEAR. Famously ill-conditioned.
LONGLEY = np.array(
    [
        [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
        [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
        [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
        [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
        [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
        [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
        [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
        [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
        [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
        [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
        [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
        [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
        [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
        [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
        [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
        [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
    ]
)

# R's `attitude` data (Chatterjee & Price 1977): rating, then complaints, privileges, learning,
# raises, critical, advance for 30 departments.
ATTITUDE = np.array(
    [
        [43, 51, 30, 39, 61, 92, 45],
        [63, 64, 51, 54, 63, 73, 47],
        [71, 70, 68, 69, 76, 86, 48],
        [61, 63, 45, 47, 54, 84, 35],
        [81, 78, 56, 66, 71, 83, 47],
        [43, 55, 49, 44, 54, 49, 34],
        [58, 67, 42, 56, 66, 68, 35],
        [71, 75, 50, 55, 70, 66, 41],
        [72, 82, 72, 67, 71, 83, 31],
        [67, 61, 45, 47, 62, 80, 41],
        [64, 53, 53, 58, 58, 67, 34],
        [67, 60, 47, 39, 59, 74, 41],
        [69, 62, 57, 42, 55, 63, 25],
        [68, 83, 83, 45, 59, 77, 35],
        [77, 77, 54, 72, 79, 77, 46],
        [81, 90, 50, 72, 60, 54, 36],
        [74, 85, 64, 69, 79, 79, 63],
        [65, 60, 65, 75, 55, 80, 60],
        [65, 70, 46, 57, 75, 85, 46],
        [50, 58, 68, 54, 64, 78, 52],
        [50, 40, 33, 34, 43, 64, 33],
        [64, 61, 52, 62, 66, 80, 41],
        [53, 66, 52, 50, 63, 80, 37],
        [40, 37, 42, 58, 50, 57, 49],
        [63, 54, 42, 48, 66, 75, 33],
        [66, 77, 66, 63, 88, 76, 72],
        [78, 75, 58, 74, 80, 78, 49],
        [48, 57, 44, 45, 51, 83, 38],
        [85, 85, 71, 71, 77, 74, 55],
        [82, 82, 39, 59, 64, 78, 39],
    ],
    dtype=float,
)


def lstsq_r_squared(x: np.ndarray, y: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(y)), x])
    residual = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    return 1.0 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def dominance_by_definition(x: np.ndarray, y: np.ndarray, r_squared=lstsq_r_squared) -> np.ndarray:
    """Average over model sizes of the average R² gain from adding each column: slow and plain."""
    p = x.shape[1]

    def fit(columns: tuple[int, ...]) -> float:
        return r_squared(x[:, list(columns)], y) if columns else 0.0

    weights = []
    for driver in range(p):
        others = [j for j in range(p) if j != driver]
        size_means = []
        for size in range(p):
            gains = [
                fit(tuple(sorted((*subset, driver)))) - fit(subset)
                for subset in combinations(others, size)
            ]
            size_means.append(np.mean(gains))
        weights.append(np.mean(size_means))
    return np.array(weights)


def correlated_data(seed: int, n: int = 200, p: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(p, p)) + 2 * np.eye(p)
    x = rng.normal(size=(n, p)) @ mixing + 10
    y = x @ rng.normal(size=p) + 3 * rng.normal(size=n)
    return x, y


def test_weights_sum_to_the_full_model_r_squared():
    """The weights add up to the R² of the least-squares fit on all drivers."""
    x, y = correlated_data(1, p=7)

    weights = general_dominance(x, y)

    assert weights.sum() == pytest.approx(lstsq_r_squared(x, y), rel=1e-12)


def test_every_subset_r_squared_matches_a_refit():
    """Entry `mask` equals the R² of refitting y on the columns whose bits are set."""
    x, y = correlated_data(2, p=4)

    r_squared = subset_r_squared(x, y)

    assert r_squared[0] == 0.0
    for mask in range(1, 16):
        columns = [j for j in range(4) if mask >> j & 1]
        assert r_squared[mask] == pytest.approx(lstsq_r_squared(x[:, columns], y), rel=1e-10)


def test_orthogonal_drivers_get_their_squared_correlation():
    """Uncorrelated drivers add the same R² in every model: the weight is r² with the outcome."""
    rng = np.random.default_rng(4)
    raw = rng.normal(size=(100, 3))
    x = np.linalg.qr(raw - raw.mean(axis=0))[0]  # centred, mutually orthogonal columns
    y = x @ np.array([3.0, -1.0, 0.5]) + rng.normal(size=100)

    weights = general_dominance(x, y)

    squared = [stats.pearsonr(x[:, j], y).statistic ** 2 for j in range(3)]
    np.testing.assert_allclose(weights, squared, rtol=1e-10)


@pytest.mark.parametrize("seed", [5, 6])
def test_random_data_match_the_definition(seed):
    """On random correlated data the fast weights equal the refit-every-subset definition."""
    x, y = correlated_data(seed, n=80, p=5)

    np.testing.assert_allclose(general_dominance(x, y), dominance_by_definition(x, y), rtol=1e-9)


def test_longley_matches_the_definition():
    """Longley's six collinear predictors: correlation-based weights equal the refit ones."""
    y, x = LONGLEY[:, 0], LONGLEY[:, 1:]

    weights = general_dominance(x, y)

    np.testing.assert_allclose(weights, dominance_by_definition(x, y), rtol=1e-7)
    assert weights.sum() == pytest.approx(0.995479004577296, rel=1e-8)  # NIST StRD certified R²


def test_longley_matches_statsmodels_ols_subsets():
    """The same with statsmodels OLS R² for every subset model, where statsmodels is installed."""
    sm = pytest.importorskip("statsmodels.api")
    longley = sm.datasets.longley.load_pandas()
    x, y = longley.exog.to_numpy(dtype=float), longley.endog.to_numpy(dtype=float)

    def ols_r_squared(columns: np.ndarray, outcome: np.ndarray) -> float:
        return sm.OLS(outcome, sm.add_constant(columns, has_constant="add")).fit().rsquared

    reference = dominance_by_definition(x, y, r_squared=ols_r_squared)
    np.testing.assert_allclose(general_dominance(x, y), reference, rtol=1e-7)


def test_attitude_matches_published_general_dominance():
    """R's attitude data: the weights printed by the dominanceanalysis package's README.

    Average contribution (general dominance) to R², to 3 decimals: complaints 0.371,
    privileges 0.051, learning 0.156, raises 0.120, critical 0.007, advance 0.028; R² of the
    full model 0.733, of complaints alone 0.681, of complaints + learning 0.708.
    """
    y, x = ATTITUDE[:, 0], ATTITUDE[:, 1:]

    weights = general_dominance(x, y)
    r_squared = subset_r_squared(x, y)

    published = [0.371, 0.051, 0.156, 0.120, 0.007, 0.028]
    np.testing.assert_allclose(weights, published, atol=0.0005 + 1e-12)
    assert r_squared[-1] == pytest.approx(0.733, abs=0.0005)
    assert r_squared[0b000001] == pytest.approx(0.681, abs=0.0005)
    assert r_squared[0b000101] == pytest.approx(0.708, abs=0.0005)


def test_frame_summary_drops_incomplete_rows_and_ranks():
    """Rows with a null or NaN anywhere are dropped; percent sums to 100; rank 1 is largest."""
    y, x = ATTITUDE[:, 0], ATTITUDE[:, 1:]
    names = ["complaints", "privileges", "learning", "raises", "critical", "advance"]
    frame = pl.DataFrame({"rating": y, **dict(zip(names, x.T, strict=True))})
    noisy = pl.concat(
        [
            frame,
            pl.DataFrame({"rating": [None, 50.0], **{n: [60.0, 60.0] for n in names}}),
            pl.DataFrame(
                {"rating": [70.0], **{n: [np.nan if n == "raises" else 1.0] for n in names}}
            ),
        ]
    )

    table = dominance_weights(noisy, "rating", names)

    assert table.columns == ["driver", "weight", "percent", "rank"]
    assert table["driver"].to_list() == names
    # The one complete extra row (50, all 60) is kept; the other two are dropped.
    kept = np.vstack([x, np.full((1, 6), 60.0)])
    expected = dominance_by_definition(kept, np.append(y, 50.0))
    np.testing.assert_allclose(table["weight"].to_numpy(), expected, rtol=1e-10)
    assert table["percent"].sum() == pytest.approx(100.0)
    assert table["rank"].to_list() == [1, 4, 2, 3, 6, 5]


def test_degenerate_drivers_and_outcomes():
    """A constant driver carries 0; a duplicated driver splits its share; a flat outcome, NaN."""
    x, y = correlated_data(8, n=60, p=3)
    with_constant = np.column_stack([x, np.full(60, 4.0)])
    weights = general_dominance(with_constant, y)
    assert weights[3] == 0.0
    np.testing.assert_allclose(weights[:3], general_dominance(x, y), rtol=1e-12)

    duplicated = general_dominance(np.column_stack([x, x[:, 0]]), y)
    assert duplicated[0] == pytest.approx(duplicated[3], rel=1e-9)
    assert duplicated.sum() == pytest.approx(lstsq_r_squared(x, y), rel=1e-9)

    assert np.isnan(general_dominance(x, np.full(60, 2.0))).all()
    table = dominance_weights(pl.DataFrame({"y": [1.0], "a": [2.0]}), "y", ["a"])
    assert table["weight"].is_nan().all() and table["rank"].is_null().all()


def test_too_many_drivers_are_refused():
    """More than 12 drivers (4096 subsets) is refused rather than left to run for long."""
    with pytest.raises(ValueError, match="at most 12"):
        subset_r_squared(np.random.default_rng(0).normal(size=(50, 13)), np.arange(50.0))
