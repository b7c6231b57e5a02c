"""summarize: headline counts on a hand-made dataset where every number is obvious."""

import json

import polars as pl

import cxlib
from cxlib.strings import speaking

from .conftest import to_bytes


def test_panel_summary_counts_by_hand():
    """Three companies, two years; one low-touch-industry company runs a high-touch strategy."""
    industries = pl.DataFrame({"industry": ["Hotels", "Energy"], "touch": ["high", "low"]})
    companies = pl.DataFrame(
        {
            "company": ["A", "A", "B", "B", "C", "C"],
            "industry": ["Hotels", "Hotels", "Energy", "Energy", "Energy", "Energy"],
            "year": [2018, 2019, 2018, 2019, 2018, 2019],
            "employee_rating": [3.0, 4.0, 2.0, 3.0, 4.0, 5.0],
            "customer_score": [70.0, 80.0, 60.0, 70.0, 80.0, 90.0],
            "strategy": [None, None, None, None, "high", "high"],
        }
    )
    files = {"industries.csv": to_bytes(industries), "companies.csv": to_bytes(companies)}
    summary = cxlib.summarize(cxlib.load_dataset(files))
    assert summary.linkage is None
    panel = summary.panel
    assert (panel.companies, panel.industries, panel.first_year, panel.last_year) == (
        3,
        2,
        2018,
        2019,
    )
    assert (panel.high_touch_industry, panel.low_touch_industry) == (1, 2)
    assert panel.strategy_overrides == 1
    assert panel.mean_employee_rating == 4.0  # (4 + 3 + 5) / 3
    assert panel.mean_customer_score == 80.0  # (80 + 70 + 90) / 3


def test_linkage_summary_of_the_examples(example_files, example_tables):
    summary = cxlib.summarize(cxlib.load_dataset(example_files()))
    link = summary.linkage
    assert link.units == example_tables["units"].height
    assert link.employee_responses == example_tables["employee_responses"].height
    assert link.periods == ("2023-Q1",)
    assert len(link.common_themes) == example_tables["theme_map"]["theme"].n_unique()


def test_a_manifests_finnish_name_and_description_are_shown_to_finnish_readers(example_files):
    """A manifest may carry name_fi and description_fi: Finnish readers see those, English
    readers the name and description; a manifest without them shows its own words to both."""
    files = example_files()
    files["manifest.json"] = json.dumps(
        {
            "name": "Store study",
            "description": "Stores, 2024.",
            "name_fi": "Myymälätutkimus",
            "description_fi": "Myymälät, 2024.",
        }
    ).encode()
    data = cxlib.load_dataset(files)
    with speaking("fi"):
        finnish = cxlib.summarize(data)
    english = cxlib.summarize(data)
    assert (finnish.name, finnish.description) == ("Myymälätutkimus", "Myymälät, 2024.")
    assert (english.name, english.description) == ("Store study", "Stores, 2024.")
    files["manifest.json"] = json.dumps({"name": "Store study", "description": "Stores."}).encode()
    with speaking("fi"):
        untranslated = cxlib.summarize(cxlib.load_dataset(files))
    assert (untranslated.name, untranslated.description) == ("Store study", "Stores.")


def test_the_shipped_sample_describes_itself_in_finnish_too():
    """The sample's manifest, as written by its generator, has its own Finnish words."""
    manifest = cxlib.load_sample().manifest
    assert manifest.name_fi and manifest.description_fi
    assert manifest.description_fi != manifest.description and "yritys" in manifest.description_fi
