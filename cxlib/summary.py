"""Headline numbers of a dataset: what is in it, at a glance."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .dataset import Dataset


@dataclass(frozen=True, slots=True)
class PanelSummary:
    """The company panel: companies, years, touch classes, means of the latest year."""

    companies: int
    """Distinct companies over all years."""
    industries: int
    first_year: int
    last_year: int
    """The latest year: the one the panel's other counts describe."""
    high_touch_industry: int
    """Companies in the latest year whose industry is high-touch (by industry default)."""
    low_touch_industry: int
    strategy_overrides: int
    """Companies in the latest year whose strategy differs from their industry's touch."""
    mean_employee_rating: float
    mean_customer_score: float


def _panel(data: Dataset) -> PanelSummary:
    companies = data.companies.join(
        data.industries.select("industry", "touch"), on="industry", how="left"
    )
    last = companies.get_column("year").max()
    latest = companies.filter(pl.col("year") == last)
    touch = latest.get_column("touch")
    overrides = latest.filter(
        pl.col("strategy").is_not_null() & (pl.col("strategy") != pl.col("touch"))
    )
    return PanelSummary(
        companies=companies.get_column("company").n_unique(),
        industries=companies.get_column("industry").n_unique(),
        first_year=companies.get_column("year").min(),
        last_year=last,
        high_touch_industry=int((touch == "high").sum()),
        low_touch_industry=int((touch == "low").sum()),
        strategy_overrides=overrides.height,
        mean_employee_rating=float(latest.get_column("employee_rating").mean()),
        mean_customer_score=float(latest.get_column("customer_score").mean()),
    )


@dataclass(frozen=True, slots=True)
class LinkageSummary:
    """The linkage study: units, periods, responses, common themes."""

    companies: int
    industries: int
    """Industries with at least one unit in the study."""
    units: int
    periods: tuple[str, ...]
    """In time order."""
    employee_responses: int
    customer_responses: int
    common_themes: tuple[str, ...]
    """Themes that both staff and customers are asked about."""


def _linkage(data: Dataset) -> LinkageSummary:
    return LinkageSummary(
        companies=data.units.get_column("company").n_unique(),
        industries=data.units.get_column("industry").n_unique(),
        units=data.units.height,
        periods=data.periods,
        employee_responses=data.responses[0],
        customer_responses=data.responses[1],
        common_themes=data.theme_map.common_themes,
    )


@dataclass(frozen=True, slots=True)
class Summary:
    """What a dataset is and holds, at a glance (each part None when absent)."""

    name: str
    description: str
    """From the manifest, in the reader's language where it has one; may be empty."""
    synthetic: bool
    panel: PanelSummary | None
    linkage: LinkageSummary | None


def summarize(data: Dataset) -> Summary:
    return Summary(
        name=data.manifest.shown_name(),
        description=data.manifest.shown_description(),
        synthetic=data.manifest.synthetic,
        panel=_panel(data) if data.has_panel else None,
        linkage=_linkage(data) if data.has_linkage else None,
    )
