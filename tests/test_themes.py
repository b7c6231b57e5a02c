"""Themes: the EX × CX matrix (BH-adjusted), theme levels on both sides, and the planted
diagonal (each customer theme goes most with the same theme as staff see it)."""

import polars as pl
import pytest

from cxlib.filters import FilterState
from cxlib.stats import adjust_p_values
from cxlib.themes import theme_correlations, theme_levels, theme_matrix


def test_theme_matrix_diagonal_and_adjusted_p_values(engine):
    """Each customer theme item relates most to the same theme as staff see it (planted)."""
    matrix = theme_matrix(engine.unit_table(FilterState(touch=("high",))))
    themes = [t.name for t in engine.themes.themes]
    assert matrix.height == len(themes) * (len(themes) + 2)  # themes + two outcomes
    for theme in themes:
        column = matrix.filter(pl.col("y") == f"cx:{theme}")
        assert column.sort("r", descending=True)["x"][0] == f"ex:{theme}", theme
    assert (matrix["p_adjusted"] >= matrix["p_value"] - 1e-15).all()
    assert matrix["p_adjusted"].to_numpy() == pytest.approx(adjust_p_values(matrix["p_value"]))


def test_the_matrix_needs_every_customer_metric(engine):
    with pytest.raises(ValueError, match="full=True"):
        theme_matrix(engine.unit_table(FilterState(), full=False))


def test_theme_levels_are_respondent_weighted_means_of_the_raw_answers(sample, engine):
    """Over all units and periods with a usable cell: staff level of a theme equals the mean of
    its items over the responses in those cells, computed from raw responses."""
    units = engine.unit_table(FilterState())
    levels = theme_levels(units).filter(pl.col("theme") == "Enablement").row(0, named=True)
    weighted = (units.table["ex:Enablement"] * units.table["n_staff"]).sum()
    assert levels["staff"] == pytest.approx(weighted / units.table["n_staff"].sum())
    assert 1 <= levels["customers"] <= 5
    assert theme_levels(units)["theme"].to_list() == [t.name for t in engine.themes.themes]


def test_theme_correlations_one_row_per_group_and_theme(engine):
    table = theme_correlations(engine.unit_table(FilterState(), full=False))
    assert table.height == 2 * len(engine.themes.themes)
    assert set(table["touch"]) == {"high", "low"}


def test_the_strongest_pairs_are_by_size_of_r_whatever_its_sign():
    """An import's heatmap held −0.99, −0.96 and −0.82, and the page named a pair of r = 0.32
    'the strongest', its phone list leaving every negative pair out. Strength is |r|; pairs
    without an r are left out; equal sizes keep the matrix's order."""
    from cxlib.themes import strongest

    matrix = pl.DataFrame(
        {
            "x": ["a", "a", "b", "b", "c", "c"],
            "y": ["p", "q", "p", "q", "p", "q"],
            "r": [0.32, -0.99, float("nan"), -0.5, 0.5, -0.82],
        }
    )
    assert strongest(matrix, 1).row(0) == ("a", "q", -0.99)
    assert strongest(matrix, 4)["r"].to_list() == [-0.99, -0.82, -0.5, 0.5]
    assert strongest(matrix, 10).height == 5
