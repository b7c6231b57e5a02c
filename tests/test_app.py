"""The app runs on the shipped sample and shows its headline numbers."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_app_runs_without_exception(app):
    assert not app.exception
    assert app.title[0].value == "CX–EX Explorer"


def test_overview_labels_the_data_as_synthetic(app):
    assert any("Synthetic data" in info.value for info in app.info)


def test_overview_headline_numbers_match_the_sample(app, sample):
    """Counts on screen equal counts taken straight from the loaded tables."""
    shown = metric_values(app)
    latest = sample.companies.filter(pl.col("year") == 2019).join(
        sample.industries.select("industry", "touch"), on="industry"
    )
    assert shown["Companies"] == f"{sample.companies['company'].n_unique():,}"
    assert shown["High-touch industry"] == str((latest["touch"] == "high").sum())
    assert shown["Low-touch industry"] == str((latest["touch"] == "low").sum())
    assert shown["Business units"] == f"{sample.units.height:,}"
    assert shown["Customer responses"] == f"{sample.customer.height:,}"
    assert shown["Mean customer score (2019)"] == f"{latest['customer_score'].mean():.1f}"
