"""Headline numbers of a dataset: what is in it, at a glance."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .dataset import Dataset


@dataclass(frozen=True)
class PanelSummary:
    companies: int
    industries: int
    first_year: int
    last_year: int
    high_touch_industry: int
    """Companies in the latest year whose industry is high-touch (by industry default)."""
    low_touch_industry: int
    strategy_overrides: int
    """Companies in the latest year whose strategy differs from their industry's touch."""
    mean_employee_rating: float
    mean_customer_score: float


@dataclass(frozen=True)
class LinkageSummary:
    companies: int
    industries: int
    units: int
    periods: tuple[str, ...]
    employee_responses: int
    customer_responses: int
    common_themes: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    name: str
    description: str
    synthetic: bool
    panel: PanelSummary | None
    linkage: LinkageSummary | None


def summarize(data: Dataset) -> Summary:
    return Summary(
        name=data.manifest.name,
        description=data.manifest.description,
        synthetic=data.manifest.synthetic,
        panel=_panel(data) if data.has_panel else None,
        linkage=_linkage(data) if data.has_linkage else None,
    )


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


def _linkage(data: Dataset) -> LinkageSummary:
    return LinkageSummary(
        companies=data.units.get_column("company").n_unique(),
        industries=data.units.get_column("industry").n_unique(),
        units=data.units.height,
        periods=data.periods,
        employee_responses=data.employee.height,
        customer_responses=data.customer.height,
        common_themes=data.theme_map.common_themes,
    )
