"""Relative weights: their defining properties, bootstrap intervals, priorities, planted ranking."""

import numpy as np
import polars as pl
import pytest

from cxlib.drivers import (
    DriverResult,
    orders_differ,
    priority_table,
    rank_beside_matrix,
    rank_without_develop,
    raw_relative_weights,
    relative_weights,
    theme_drivers,
)
from cxlib.filters import FilterState


def correlated(n=400, seed=1):
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(n)
    x = np.column_stack([common + rng.standard_normal(n) * s for s in (0.5, 0.8, 1.5)])
    y = 0.6 * x[:, 0] + 0.3 * x[:, 1] + rng.standard_normal(n)
    return x, y


def test_raw_weights_sum_to_the_r_squared_of_least_squares():
    x, y = correlated()
    design = np.column_stack([np.ones(len(y)), x])
    fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    r_squared = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert raw_relative_weights(x, y).sum() == pytest.approx(r_squared, abs=1e-10)


def test_uncorrelated_drivers_get_their_squared_correlations():
    """With orthogonal drivers there is nothing to share: weight_j = r(x_j, y)²."""
    rng = np.random.default_rng(2)
    centred = rng.standard_normal((200, 3))
    centred -= centred.mean(axis=0)
    x, _ = np.linalg.qr(centred)  # orthonormal combinations of centred columns: r = 0 exactly
    y = x @ np.array([3.0, 1.0, 0.0]) + rng.standard_normal(200) * 0.05
    r = np.array([np.corrcoef(x[:, j], y)[0, 1] for j in range(3)])
    assert np.abs(np.corrcoef(x, rowvar=False) - np.eye(3)).max() < 1e-12
    assert raw_relative_weights(x, y) == pytest.approx(r**2, abs=1e-10)


def test_weights_do_not_depend_on_driver_order():
    x, y = correlated()
    order = [2, 0, 1]
    assert raw_relative_weights(x[:, order], y) == pytest.approx(raw_relative_weights(x, y)[order])


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    x, y = correlated()
    frame = pl.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": y})
    first = relative_weights(frame, "y", ["a", "b", "c"], n_boot=300, seed=7)
    again = relative_weights(frame, "y", ["a", "b", "c"], n_boot=300, seed=7)
    assert first.table.equals(again.table)
    table = first.table
    assert (table["weight_low"] <= table["weight"]).all()
    assert (table["weight"] <= table["weight_high"]).all()
    assert table["percent"].sum() == pytest.approx(100)
    assert table["driver"].to_list() == ["a", "b", "c"]  # sorted by rank: a drives y most


def test_degenerate_input_is_reported_not_raised():
    tiny = pl.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 1.0, 3.0], "y": [1.0, 2.0, 2.5]})
    assert relative_weights(tiny, "y", ["a", "b"]).warnings == ("too_few",)
    flat = pl.DataFrame({"a": [1.0] * 40, "b": list(range(40)), "y": list(range(40))})
    assert relative_weights(flat, "y", ["a", "b"]).warnings == ("zero_variance",)


def test_priority_table_by_hand():
    """Impact 60 % at score 2 (room 0.75): priority 45; 30 % at 4.5 (room 0.125): 3.75;
    10 % at 1 (room 1): 10. The mean score 2.5 splits the score axis; impact sides come from
    the bootstrap: a above the middle driver, c below, b not separable from it."""
    table = pl.DataFrame(
        {
            "driver": ["a", "b", "c"],
            "percent": [60.0, 30.0, 10.0],
            "percent_low": [50.0, 20.0, 5.0],
            "percent_high": [70.0, 40.0, 15.0],
            "side": [1, 0, -1],
        }
    )
    result = DriverResult(table, r_squared=0.5, n=100, confidence=0.95, warnings=())
    priorities = priority_table(result, {"a": 2.0, "b": 4.5, "c": 1.0})
    assert priorities["driver"].to_list() == ["a", "c", "b"]
    assert priorities["priority"].to_list() == pytest.approx([45.0, 10.0, 3.75])
    assert priorities["rank"].to_list() == [1, 2, 3]
    assert priorities["quadrant"].to_list() == ["develop_first", "watch", "not_separable"]


def three_themes() -> DriverResult:
    """Support, Tools and Pay with impacts 48, 29 and 23 %: Support and Tools above the
    middle theme by the bootstrap, Pay below it."""
    table = pl.DataFrame(
        {
            "driver": ["Support", "Tools", "Pay"],
            "percent": [48.0, 29.0, 23.0],
            "percent_low": [40.0, 20.0, 10.0],
            "percent_high": [56.0, 38.0, 30.0],
            "side": [1, 1, -1],
        }
    )
    return DriverResult(table, r_squared=0.5, n=100, confidence=0.95, warnings=())


def test_a_first_rank_outside_develop_first_is_named_beside_the_one_inside():
    """Impact 48 % at score 3.6 (room 0.35): priority 16.8, rated above the mean 3.33, so
    Keep strong; 29 % at 3.0 (room 0.5): 14.5, below it, so Develop first. The rank and the
    matrix then point at different themes, and the pair is named; when the first rank is
    Develop first, or no theme is, nothing is."""
    result = three_themes()
    apart = priority_table(result, {"Support": 3.6, "Tools": 3.0, "Pay": 3.4})
    assert apart["priority"].to_list()[:2] == pytest.approx([16.8, 14.5])
    assert rank_beside_matrix(apart) == ("Support", "Tools")
    agree = priority_table(result, {"Support": 3.0, "Tools": 3.6, "Pay": 3.4})
    assert agree["quadrant"][0] == "develop_first" and rank_beside_matrix(agree) is None
    none = priority_table(result, {"Support": 3.6, "Tools": 3.7, "Pay": 1.0})
    assert "develop_first" not in none["quadrant"] and rank_beside_matrix(none) is None


def test_a_first_rank_with_no_theme_under_develop_first_is_named_with_its_quadrant():
    """Scores 3.6, 3.7 and 1.0 (mean 2.77): Support and Tools above it, Pay below it but of
    impact below the middle theme's, so no theme is under Develop first. Priorities 48 × 0.35
    = 16.8, 29 × 0.325 = 9.4, 23 × 1.0 = 23: Pay ranks first, under Watch, and is named so.
    With a theme under Develop first (or no themes) nothing is: rank_beside_matrix speaks."""
    result = three_themes()
    none = priority_table(result, {"Support": 3.6, "Tools": 3.7, "Pay": 1.0})
    assert rank_without_develop(none) == ("Pay", "watch")
    agree = priority_table(result, {"Support": 3.0, "Tools": 3.6, "Pay": 3.4})
    assert rank_without_develop(agree) is None
    assert rank_without_develop(none.clear()) is None


def test_planted_driver_ranking_is_recovered(engine):
    """At the default view (what the Drivers page opens on): supervisor support (planted 0.40)
    and enablement (0.36) lead, with overlapping intervals (a tie), and wellbeing (0.01) comes
    last (docs/data.md)."""
    units = engine.unit_table(FilterState())
    result, priorities = theme_drivers(units, n_boot=200)
    ranked = result.table["driver"].to_list()
    assert set(ranked[:2]) == {"Supervisor support", "Enablement"}
    assert ranked[-1] == "Wellbeing"
    first, second = result.table.head(2).iter_rows(named=True)
    assert first["percent_low"] < second["percent"] < first["percent"] < second["percent_high"]
    assert priorities["driver"][0] == "Enablement"  # strong and the lowest staff score


def test_the_jackknife_equals_refitting_without_each_unit():
    """All leave-one-out weights at once (from the sums) are the n refits on n - 1 rows."""
    from cxlib.drivers import _jackknife, raw_relative_weights

    rng = np.random.default_rng(11)
    n, p = 120, 6
    x = 3 + 0.7 * rng.normal(size=(n, p)) + 0.5 * rng.normal(size=(n, 1))  # correlated themes
    y = 7 + x @ rng.normal(size=p) * 0.3 + rng.normal(size=n)
    refits = np.array([raw_relative_weights(np.delete(x, i, 0), np.delete(y, i)) for i in range(n)])
    assert _jackknife(x, y) == pytest.approx(refits, abs=1e-12)


def refitted(x: np.ndarray, y: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """The bootstrap as it was written first: draw rows one resample at a time, refit."""
    from cxlib.drivers import raw_relative_weights

    draws = np.random.default_rng(seed)
    refits = np.full((n_boot, x.shape[1]), np.nan)
    for b in range(n_boot):
        rows = draws.integers(0, len(y), len(y))
        xb, yb = x[rows], y[rows]
        if np.all(xb.std(axis=0) > 0) and yb.std() > 0:
            refits[b] = raw_relative_weights(xb, yb)
    return refits


@pytest.mark.parametrize("cells", [1_000_000, 1_000])
def test_the_bootstrap_from_sums_equals_refitting_each_resample(cells, monkeypatch):
    """Every resample's weights are those of its rows refitted, drawn one resample at a time
    with the same seed, whether counted at once or in blocks (1,000 cells: 5 resamples of 200
    rows at a time)."""
    from cxlib import drivers

    monkeypatch.setattr(drivers, "BOOT_CELLS", cells)
    x, y = correlated(n=200)
    summed = drivers._bootstrap(x, y, 103, seed=11)
    assert np.isfinite(summed).all()
    assert summed == pytest.approx(refitted(x, y, 103, seed=11), abs=1e-10)


def test_a_resample_where_a_column_does_not_vary_has_no_weights_as_refitting_gives_none():
    """Seven rows of two values: some resamples take one value of a column only."""
    from cxlib.drivers import _bootstrap

    rng = np.random.default_rng(4)
    x = rng.integers(1, 3, (7, 3)).astype(float)
    y = x @ [0.5, 0.2, 0.1] + rng.normal(size=7)
    refits, summed = refitted(x, y, 400, seed=11), _bootstrap(x, y, 400, seed=11)
    assert np.isnan(refits).any(axis=1).sum() > 5  # the case is exercised
    assert np.array_equal(np.isnan(summed), np.isnan(refits))
    # tiny, lumpy resamples are near-singular: one-pass sums agree to seven digits there
    assert summed == pytest.approx(refits, rel=1e-6, abs=1e-9, nan_ok=True)


def test_the_two_methods_disagree_only_where_the_shown_numbers_do():
    """Two themes swapped by ordinal ranks at the second decimal (4.82 > 4.79 by one method,
    4.78 < 4.81 by the other) both read 4.8 by each: the page had said the methods order them
    differently. A swap a reader can see (30.2 > 29.8 against 28.0 < 31.0) is still named."""
    table = pl.DataFrame(
        {
            "driver": ["A", "B", "C", "D", "E"],
            "percent": [30.2, 29.8, 4.82, 4.79, 30.39],
            "dominance": [28.0, 31.0, 4.78, 4.81, 31.39],
        }
    )
    assert orders_differ(table) == ["A", "B"]
    assert orders_differ(table, places=2) == ["A", "B", "C", "D"]
    assert orders_differ(table.filter(pl.col("driver").is_in(["C", "D", "E"]))) == []
