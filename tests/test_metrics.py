"""Metrics: names, the items behind them, their scales, and round axis windows."""

import pytest

from cxlib.metrics import cx_metrics, decimals, ex_metrics, items_of, scale_of, window


def test_every_metric_names_its_items(sample):
    themes = sample.theme_map
    assert items_of("cx:satisfaction", themes) == ("satisfaction",)
    assert items_of("ex:Enablement", themes) == ("ex_enablement_1", "ex_enablement_2")
    assert items_of("cx:all", themes) == themes.customer_items
    assert len(ex_metrics(themes)) == 1 + len(themes.themes)
    assert cx_metrics(themes)[:3] == ("cx:satisfaction", "cx:recommend", "cx:all")
    assert ex_metrics(None) == ("ex:all",)  # a panel-only dataset has no themes


def test_scales_and_the_decimals_a_reader_needs():
    assert scale_of("cx:recommend") == (0, 10) and scale_of("cx:Enablement") == (1, 5)
    assert scale_of("ex:all") == (1, 5)
    assert [decimals(s) for s in ((1, 5), (0, 10), (0, 100), (-1, 1))] == [2, 1, 0, 2]


@pytest.mark.parametrize(
    ("centre", "scale", "expected"),
    [
        (3.41, (1, 5), (2.8, 3.8, 0.2)),  # a quarter of 1–5, round ticks of 0.2
        (7.12, (0, 10), (5.5, 8.0, 0.5)),  # a quarter of 0–10, ticks of 0.5 (not 6.074…)
        (4.95, (1, 5), (4.0, 5.0, 0.2)),  # stays inside the scale
        (0.2, (0, 10), (0.0, 2.5, 0.5)),
    ],
)
def test_axis_windows_start_on_a_round_tick(centre, scale, expected):
    low, high, step = window(centre, scale)
    assert (low, high, step) == pytest.approx(expected)
    assert round(low / step, 9) == round(low / step) and scale[0] <= low < high <= scale[1]
