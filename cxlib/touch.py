"""Touch classes: an industry default, a company's strategy, and a user's live reclassification.

Precedence, most specific first: the user's company mapping, the company's own strategy, the
user's industry mapping, the industry default. Reclassification is an expression over the small
company/unit tables: nothing is copied and the response data is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from pydantic import BaseModel, ConfigDict, field_validator

from .codes import Notice
from .contract import Touch
from .dataset import Dataset


class Reclassification(BaseModel):
    """A workshop's argument made concrete: move industries and/or companies between classes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    industries: tuple[tuple[str, Touch], ...] = ()
    companies: tuple[tuple[str, Touch], ...] = ()

    @field_validator("industries", "companies")
    @classmethod
    def _canonical(cls, pairs: tuple[tuple[str, Touch], ...]) -> tuple[tuple[str, Touch], ...]:
        # Last word wins per name; sorted so equal mappings hash equally (cache keys).
        return tuple(sorted(dict(pairs).items()))

    def keep(self, industries: set[str], companies: set[str]) -> Reclassification:
        """Only the moves that name these industries and companies (the rest cannot act)."""
        return Reclassification(
            industries=tuple(m for m in self.industries if m[0] in industries),
            companies=tuple(m for m in self.companies if m[0] in companies),
        )


NO_RECLASSIFICATION = Reclassification()


def touch_expr(
    industries: pl.DataFrame, reclassify: Reclassification = NO_RECLASSIFICATION
) -> pl.Expr:
    """The effective touch class of rows with columns company, industry and strategy."""
    default = dict(zip(industries["industry"], industries["touch"], strict=True))
    industry_touch = {**default, **dict(reclassify.industries)}
    company_touch = dict(reclassify.companies)
    by_company = pl.col("company").replace_strict(
        company_touch, default=None, return_dtype=pl.String
    )
    by_industry = pl.col("industry").replace_strict(
        industry_touch, default=None, return_dtype=pl.String
    )
    return pl.coalesce(by_company, pl.col("strategy"), by_industry).alias("touch")


def industry_touch_expr(industries: pl.DataFrame) -> pl.Expr:
    """The industry's default touch class, ignoring strategies (as the published split did)."""
    default = dict(zip(industries["industry"], industries["touch"], strict=True))
    return pl.col("industry").replace_strict(default, default=None, return_dtype=pl.String)


def with_touch(
    frame: pl.DataFrame,
    industries: pl.DataFrame,
    reclassify: Reclassification = NO_RECLASSIFICATION,
) -> pl.DataFrame:
    """A company or unit table plus industry_touch (default) and touch (effective) columns."""
    return frame.with_columns(
        industry_touch_expr(industries).alias("industry_touch"),
        touch_expr(industries, reclassify),
    )


def companies_with_touch(
    data: Dataset, reclassify: Reclassification = NO_RECLASSIFICATION
) -> pl.DataFrame:
    if data.companies is None:
        raise ValueError("the dataset has no company panel")
    return with_touch(data.companies, data.industries, reclassify)


@dataclass(frozen=True)
class InertMove:
    """A move that changes nothing at this level, and why (a Notice code)."""

    kind: str
    """"industry" or "company"."""
    name: str
    touch: Touch
    reason: Notice


def inert_moves(
    rows: pl.DataFrame, industries: pl.DataFrame, reclassify: Reclassification
) -> list[InertMove]:
    """Moves that change no row's touch class (rows: company, industry, strategy).

    A workshop that moves a company into the class its strategy already gives it should be
    told so, not left wondering why nothing moved.
    """
    moved = rows.select(touch_expr(industries, reclassify)).to_series()
    inert = []
    for kind, field in (("industry", "industries"), ("company", "companies")):
        moves = getattr(reclassify, field)
        for name, touch in moves:  # a workshop's handful of moves, not rows
            named = rows[kind] == name
            if not named.any():
                inert.append(InertMove(kind, name, touch, Notice.MOVE_ABSENT))
                continue
            without = reclassify.model_copy(update={field: tuple(m for m in moves if m[0] != name)})
            before = rows.select(touch_expr(industries, without)).to_series()
            if (before.filter(named) == moved.filter(named)).all():
                inert.append(InertMove(kind, name, touch, Notice.MOVE_ALREADY))
    return inert
