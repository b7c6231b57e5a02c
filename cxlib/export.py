"""What a download of a view holds: the rows its charts use, without internal codes, rounded to
what the data resolves, and safe to open in a spreadsheet."""

from __future__ import annotations

import polars as pl

from .contract import RATING_SCALE, SCORE_SCALE
from .dataset import Dataset
from .engine import Linkage, UnitTable
from .filters import FilterState
from .metrics import decimals, scale_of
from .panel import PanelTable

EXTRA = 1  # one digit more than a chart shows: enough to re-analyse, not false precision
INTERNAL = ("unit", "period_index")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (CSV injection)."""


def view_aggregates(source: Linkage | Dataset, view: FilterState) -> pl.DataFrame:
    """One row per unit with n_staff, n_customers, EX and CX means: the privacy-filtered rows
    every chart of the view uses, as the Data page downloads them."""
    engine = source if isinstance(source, Linkage) else Linkage(source)
    return rounded(engine.unit_table(view))


def rounded(source: UnitTable | PanelTable) -> pl.DataFrame:
    """The source's table for a CSV: internal columns dropped, means rounded per scale."""
    table = source.table.drop(*(c for c in INTERNAL if c in source.table.columns))
    places = {"staff_per_period": 1}
    if isinstance(source, UnitTable):
        places |= {
            c: decimals(scale_of(c)) + EXTRA for c in table.columns if c[:3] in ("ex:", "cx:")
        }
        places |= {"ex": places[source.view.ex_metric], "cx": places[source.view.cx_metric]}
    else:
        places |= {
            "employee_rating": decimals(RATING_SCALE) + EXTRA,
            "customer_score": decimals(SCORE_SCALE) + EXTRA,
        }
    return table.with_columns(
        pl.col(name).round(digits) for name, digits in places.items() if name in table.columns
    )


def csv(table: pl.DataFrame, decimal: str = ".") -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so Excel reads ä and ö), every text cell
    that a spreadsheet would run as a formula prefixed with an apostrophe.

    decimal="," writes what a spreadsheet set to Finnish (or most of Europe) opens as columns
    of numbers: decimal commas, fields separated by semicolons. With commas and a full stop it
    shows one column of text, or reads 2.5 as a date."""
    text = [name for name, dtype in table.schema.items() if dtype == pl.String]
    safe = table.with_columns(_neutral(pl.col(name)).alias(name) for name in text)
    comma = decimal == ","
    written = safe.write_csv(separator=";" if comma else ",", decimal_comma=comma)
    return "\ufeff".encode() + written.encode("utf-8")


def _neutral(cell: pl.Expr) -> pl.Expr:
    risky = pl.any_horizontal(cell.str.starts_with(start) for start in FORMULA_START)
    return pl.when(risky).then(pl.lit("'") + cell).otherwise(cell)
