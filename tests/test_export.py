"""A view's download: no internal codes, and no more digits than the data resolve."""

import io

import polars as pl

from cxlib.export import rounded
from cxlib.filters import FilterState
from cxlib.panel import panel_table


def decimals_written(frame: pl.DataFrame, column: str) -> int:
    """The most decimals any value of a column has once written as CSV and read back as text."""
    text = pl.read_csv(io.StringIO(frame.write_csv()), infer_schema=False)[column]
    return int(text.str.split(".").list.get(1, null_on_oob=True).str.len_chars().max() or 0)


def test_unit_means_are_rounded_per_scale(engine):
    view = FilterState(cx_metric="cx:recommend")
    table = rounded(engine.unit_table(view))
    assert "unit" not in table.columns
    assert decimals_written(table, "ex:Enablement") == 3  # 1–5 items: 2 shown + 1
    assert decimals_written(table, "cx:recommend") == 2  # 0–10 outcome: 1 shown + 1
    assert decimals_written(table, "cx") == 2 and decimals_written(table, "ex") == 3
    raw = engine.unit_table(view).table
    assert (table["ex"] - raw["ex"]).abs().max() <= 0.0005 + 1e-12


def test_company_columns_are_rounded_per_scale(sample):
    table = rounded(panel_table(sample, FilterState()))
    assert decimals_written(table, "employee_rating") <= 3
    assert decimals_written(table, "customer_score") <= 1
