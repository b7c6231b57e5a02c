"""What a download of a view holds: its table, without internal codes, rounded to what the
data resolves (a mean of whole-number answers does not have 16 meaningful digits)."""

from __future__ import annotations

import polars as pl

from .contract import RATING_SCALE, SCORE_SCALE
from .engine import UnitTable
from .metrics import decimals, scale_of
from .panel import PanelTable

EXTRA = 1  # one digit more than a chart shows: enough to re-analyse, not false precision
INTERNAL = ("unit", "period_index")


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
