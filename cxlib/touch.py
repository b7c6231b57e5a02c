"""Touch classes: an industry default, a company's strategy, and a user's live reclassification.

Precedence, most specific first: the user's company mapping, the company's own strategy, the
user's industry mapping, the industry default. Reclassification is an expression over the small
company/unit tables: nothing is copied and the response data is never touched.
"""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, field_validator

from .dataset import Dataset

Touch = Literal["high", "low"]


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

    @property
    def is_empty(self) -> bool:
        return not self.industries and not self.companies


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
