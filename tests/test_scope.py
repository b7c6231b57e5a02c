"""Which controls act where, moves that change nothing, and why a view is empty."""

import polars as pl
import pytest

from cxlib.codes import Inactive, Notice
from cxlib.filters import FilterState
from cxlib.scope import PAGES, inactive, move_notes, why_empty
from cxlib.touch import Reclassification


@pytest.mark.parametrize("page", PAGES)
def test_unit_filters_act_only_where_units_are_shown(page):
    at_units = inactive("channel", page, "units")
    at_companies = inactive("channel", page, "companies")
    if page == "industries":  # always companies
        assert at_units is Inactive.UNITS_ONLY and at_companies is Inactive.UNITS_ONLY
    elif page in ("linkage", "drivers", "over_time"):  # always units
        assert at_units is None and at_companies is None
    else:  # overview and data follow the level control
        assert at_units is None and at_companies is Inactive.UNITS_ONLY


def test_the_level_acts_only_on_pages_without_a_level_of_their_own():
    assert [p for p in PAGES if inactive("level", p, "units") is None] == [
        "overview",
        "breaks",
        "compare",  # the view now, as the level control has it
        "data",
        "surveys",
    ]
    assert inactive("year", "overview", "units") is Inactive.COMPANIES_ONLY
    assert inactive("year", "industries", "units") is None
    assert inactive("lag", "over_time", "units") is Inactive.OWN_LAG
    assert inactive("ex", "drivers", "units") is Inactive.EVERY_THEME
    assert inactive("industry", "industries", "units") is None


def test_moving_a_company_into_the_class_its_strategy_gives_it_says_so(sample):
    """Boreal Energy's units carry a high-touch strategy: moving it to high changes nothing;
    moving it to low does; a panel-only company has no units to move, but does have a panel
    row to move at the company level."""
    moves = Reclassification(
        companies=(("Boreal Energy", "high"), ("Aurora Energy", "high"), ("Acorn Hotels", "low"))
    )
    notes = move_notes(sample, FilterState(reclassify=moves), "units")
    said = {(n.subject, n.code) for n in notes}
    assert said == {("Boreal Energy", Notice.MOVE_ALREADY), ("Acorn Hotels", Notice.MOVE_ABSENT)}
    at_companies = move_notes(sample, FilterState(reclassify=moves), "companies")
    assert {(n.subject, n.code) for n in at_companies} == {("Boreal Energy", Notice.MOVE_ALREADY)}


def test_an_industry_without_unit_data_says_which_industries_have_it(sample):
    notes = why_empty(sample, FilterState(industries=("Automobiles",)), "units")
    assert [n.code for n in notes] == [Notice.NO_UNIT_DATA]
    assert notes[0].subject == "Automobiles" and "Hotels" in notes[0].value
    assert why_empty(sample, FilterState(industries=("Automobiles",)), "companies") == []


def test_a_touch_filter_that_excludes_the_industry_says_so(sample):
    notes = why_empty(sample, FilterState(industries=("Hotels",), touch=("low",)), "units")
    assert [(n.code, n.subject, n.value) for n in notes] == [
        (Notice.TOUCH_EXCLUDES, "Hotels", "low")
    ]


def test_a_view_is_exploratory_only_by_the_controls_that_act_on_its_page():
    """Drivers uses every staff theme and Over time its own lag: choosing either there leaves
    the page's numbers the default's, as a segment does at company level; a segment at unit
    level, or a year at company level, changes them."""
    from cxlib.scope import exploratory

    assert not exploratory(FilterState(ex_metric="ex:Wellbeing"), "drivers")
    assert exploratory(FilterState(ex_metric="ex:Wellbeing"), "overview")
    assert not exploratory(FilterState(lag=1), "over_time")
    assert not exploratory(FilterState(level="companies", segments=("Consumer",)), "overview")
    assert exploratory(FilterState(segments=("Consumer",)), "overview")
    assert exploratory(FilterState(level="companies", years=(2023,)), "overview")
    assert not exploratory(FilterState(level="companies"), "overview")


def test_the_classes_a_view_holds_before_filters_and_privacy(sample):
    """Hotels' units are all high touch, so a hotels view has no low-touch class to show (the
    Overview had said 'not enough data (n = 0)'); every industry holds both; moving hotels to
    low touch moves the class with them. Counted on the units before any other filter."""
    from cxlib.scope import classes_in

    touch = dict(zip(sample.industries["industry"], sample.industries["touch"], strict=True))
    assert touch["Hotels"] == "high"
    strategies = sample.units.filter(sample.units["industry"] == "Hotels")["strategy"]
    assert strategies.drop_nulls().is_in(["high"]).all()  # no hotel is low touch on its own
    hotels = FilterState(industries=("Hotels",))
    assert classes_in(sample, hotels, "units") == {"high"}
    assert classes_in(sample, FilterState(), "units") == {"high", "low"}
    moved = hotels.model_copy(
        update={"reclassify": Reclassification(industries=(("Hotels", "low"),))}
    )
    assert classes_in(sample, moved, "units") == {"low"}


def test_a_touch_filter_on_data_of_one_class_names_its_industries(one_company):
    """One company's data (hotels, all high touch) with Low touch chosen and no industry: the
    note named no subject (': has no low-touch units ...'). It names the data's industries."""
    import cxlib

    data = cxlib.load_dataset(one_company["upload"].files)
    notes = why_empty(data, FilterState(touch=("low",)), "units")
    assert [(n.code, n.subject, n.value) for n in notes] == [
        (Notice.TOUCH_EXCLUDES, "Hotels", "low")
    ]


def test_groups_a_view_keeps_but_no_split_row_shows_are_named():
    """Per split, the groups kept with no row in the split's table: in the order kept."""
    from cxlib.scope import groups_unshown

    shown = {
        "segment": pl.DataFrame({"segment": ["Consumer", "Small business"]}),
        "role": pl.DataFrame({"role": ["back-office", "customer-facing"]}),
    }
    kept = {
        "segment": ("Consumer", "Corporate", "Public sector", "Small business"),
        "role": ("back-office", "customer-facing"),
    }
    assert groups_unshown(kept, shown) == [("segment", "Corporate"), ("segment", "Public sector")]
    assert groups_unshown({"segment": ("Consumer",), "role": ()}, shown) == []
