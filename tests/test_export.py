"""A view's download: no internal codes, and no more digits than the data resolve."""

import io

import polars as pl

from cxlib.export import csv, rounded
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


def a_table() -> pl.DataFrame:
    """Names a spreadsheet would run or split, and numbers with decimals and thousands."""
    return pl.DataFrame(
        {
            "unit_id": ["=HYPERLINK(1)", "Oulu; keskusta", "Åbo, centrum"],
            "ex": [3.125, 4.5, -0.25],
            "n_customers": [1200, 7, 15],
        }
    )


def test_a_csv_reads_back_with_formulas_neutralised():
    data = csv(a_table())
    assert data.startswith("\ufeff".encode())
    back = pl.read_csv(io.BytesIO(data))
    assert back["unit_id"].to_list() == ["'=HYPERLINK(1)", "Oulu; keskusta", "Åbo, centrum"]
    assert back["ex"].to_list() == [3.125, 4.5, -0.25]
    assert back["n_customers"].to_list() == [1200, 7, 15]


def test_a_csv_for_a_finnish_spreadsheet_has_decimal_commas_and_semicolons():
    """What Excel set to Finnish opens as columns of numbers: 3,125 and fields split by ';'.
    A name holding a semicolon is quoted; read back the Finnish way, every value is the same."""
    data = csv(a_table(), decimal=",")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "unit_id;ex;n_customers"
    assert lines[1] == "'=HYPERLINK(1);3,125;1200"
    assert lines[2] == '"Oulu; keskusta";4,5;7' and lines[3] == "Åbo, centrum;-0,25;15"
    back = pl.read_csv(io.BytesIO(data), separator=";", decimal_comma=True)
    assert back["ex"].to_list() == [3.125, 4.5, -0.25]
    assert back["unit_id"][1:].to_list() == ["Oulu; keskusta", "Åbo, centrum"]
