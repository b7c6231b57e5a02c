"""The app's controls as data: link notices, control values to FilterState, the shareable link.

Any link must render: the parsing is checked on arbitrary keys and values (hypothesis).
"""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.codes import Notice
from cxlib.controls import (
    chosen,
    controls,
    finnish_names,
    in_language,
    link_notes,
    link_query,
    metric_label,
    pair_controls,
    stray_keys,
    unusable,
    view_of,
)
from cxlib.filters import FilterState
from cxlib.strings import data_name, naming, speaking
from cxlib.touch import Reclassification


@pytest.fixture(scope="module")
def specs(sample):
    return controls(sample)


@pytest.fixture(scope="module")
def finnish(sample):
    with speaking("fi"):
        return controls(sample)


def test_defaults_are_the_default_view(specs):
    assert view_of({}, specs) == FilterState()
    assert link_query({}, specs) == {}


def test_labels_map_to_the_view(specs):
    view = view_of(
        {
            "level": "Companies",
            "touch": "High",
            "ex": "Enablement",
            "cx": "All themes",
            "year": ["2019", "2018"],
            "lag": 2,
            "k": 8,
        },
        specs,
    )
    assert (view.level, view.touch, view.years) == ("companies", ("high",), (2018, 2019))
    assert (view.ex_metric, view.cx_metric) == ("ex:Enablement", "cx:all")
    assert (view.lag, view.min_group_size) == (2, 8)


def test_options_come_from_the_theme_map_and_outcomes_by_name(sample, specs):
    """No slicing by position: every theme is an option, outcomes first on the CX side."""
    themes = [t.name for t in sample.theme_map.themes]
    assert specs["ex"].options == ("All themes", *themes)
    assert specs["cx"].options == ("Satisfaction", "Recommend", "All themes", *themes)
    assert specs["cx"].values["Recommend"] == "cx:recommend"
    assert (
        metric_label("cx:satisfaction") == "Satisfaction" and metric_label("ex:all") == "All themes"
    )


def test_the_role_filter_offers_the_data_s_own_roles_and_filters_by_them():
    """The contract allows any role labels: a study with three teams is filtered by its teams
    (it had offered the contract's two example roles, which matched nobody). Every shown
    unit-period of two teams counts exactly those teams' staff, recounted from the answers."""
    import polars as pl

    import cxlib

    from .crafted import crafted

    data = crafted()
    specs = controls(data)
    assert specs["role"].options == ("a-team", "b-team", "c-team")
    view = view_of({"role": ["a-team", "c-team"], "k": 5}, specs)
    assert view.roles == ("a-team", "c-team")
    shown = cxlib.Linkage(data).unit_table(view, per_period=True).table
    assert shown.height > 0
    raw = (
        data.employee.filter(pl.col("role").is_in(["a-team", "c-team"]))
        .group_by("unit_id", "period")
        .agg(pl.len().alias("raw"))
    )
    both = shown.join(raw, on=["unit_id", "period"], how="left")
    assert both["n_staff"].to_list() == both["raw"].to_list()


def test_the_linkage_pickers_map_every_option_to_a_unit_table_column(sample, engine):
    """Satisfaction and Recommend included: each picker value names a column that exists."""
    columns = engine.unit_table(FilterState()).table.columns
    for spec in pair_controls(sample).values():
        assert all(metric in columns for metric in spec.values.values()), spec.key


def test_the_high_touch_set_becomes_moves_against_the_defaults(specs):
    """Adding an industry to the high-touch set moves it up; removing one moves it down."""
    high = [i for i in specs["high_touch"].default if i != "Banks"] + ["Energy utilities"]
    view = view_of({"high_touch": high, "company_low": ["Boreal Energy"]}, specs)
    assert view.reclassify == Reclassification(
        industries=(("Banks", "low"), ("Energy utilities", "high")),
        companies=(("Boreal Energy", "low"),),
    )


def test_link_notes_name_each_unusable_value(specs):
    notes = link_notes(
        {
            "industry": ["Hotels", "Alchemy"],
            "lag": ["7"],
            "k": ["٣"],  # an Arabic-Indic three: int() accepts it, a link must not
            "level": [""],
            "touch": ["High"],
            "embed": ["true"],
        },
        specs,
    )
    assert [(n.subject, n.value) for n in notes] == [
        ("industry", "Alchemy"),
        ("lag", "7"),
        ("k", "٣"),
        ("level", ""),
    ]
    assert all(n.code is Notice.BAD_LINK_VALUE for n in notes)


def test_a_parameter_the_app_does_not_have_is_named_with_the_nearest_it_has(specs):
    """A mistyped 'segmnet=Consumer' had left the view unfiltered without a word; a stray
    parameter is noted, with the setting it most likely meant when one is near."""
    known = set(specs)
    notes = stray_keys(
        {"segmnet": ["Consumer"], "Channel": ["phone"], "utm_source": ["mail"], "k": ["5"]},
        known,
    )
    assert [(n.code, n.subject, n.value) for n in notes] == [
        (Notice.UNKNOWN_LINK_KEY_NEAR, "segmnet", "segment"),
        (Notice.UNKNOWN_LINK_KEY_NEAR, "Channel", "channel"),
        (Notice.UNKNOWN_LINK_KEY, "utm_source", ""),
    ]
    assert stray_keys({"x" * 500: ["1"]}, known)[0].subject.endswith("…")  # quoted short


def test_a_huge_number_is_refused_without_converting_it(specs):
    """Python refuses int() of 5,000 digits with a ValueError; the check never calls it."""
    huge = "9" * 5000
    notes = link_notes({"k": [huge], "lag": [huge]}, specs)
    assert len(notes) == 2 and len(notes[0].value) < 50
    assert unusable({"k": [huge], "lag": ["2"]}, specs) == ["k"]


def test_link_query_keeps_only_what_differs_from_the_defaults(specs):
    values = {"channel": ["digital"], "touch": "Both", "high_touch": specs["high_touch"].default}
    assert link_query(values, specs) == {"channel": ["digital"]}


# --- any link renders: property-based ------------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "3", "٣", "९", "1e3", "-1", "5.0", "9" * 5000, "Units", "High"]),
)
VALUES = st.one_of(
    TEXTS,
    st.lists(TEXTS, max_size=4),
    st.integers(-(10**30), 10**30),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
)


KEYS = st.sampled_from(
    ["level", "industry", "touch", "segment", "channel", "role", "period", "year", "ex", "cx"]
    + ["high_touch", "company_high", "company_low", "lag", "k", "pair_ex", "pair_cx"]
)
"""Every control's link key (a few unknown keys are added where links are tested)."""


def test_a_link_in_another_language_is_read_in_this_one(finnish, specs):
    """Every labelled choice of an English link becomes the Finnish label of the same value
    (an industry too: the sample names its industries in Finnish); what has no labels
    (periods) or no meaning anywhere stays as it was, so the link's notes still name it."""
    link = {
        "level": ["Companies"],
        "touch": ["Low"],
        "channel": ["in-person", "Nope"],
        "ex": ["All themes"],
        "industry": ["Hotels"],
        "period": ["2023-Q1"],
        "lag": ["2"],
        "utm_source": ["mail"],
    }
    read = in_language(link, finnish, [specs])
    assert read == link | {
        "level": ["Yritykset"],
        "touch": ["Vähän kohtaamisia"],
        "channel": ["kasvokkain", "Nope"],
        "ex": ["Kaikki teemat"],
        "industry": ["Hotellit"],
    }
    assert view_of({k: v if k == "channel" else v[-1] for k, v in read.items()}, finnish) == (
        view_of({"level": "Companies", "touch": "Low", "channel": ["in-person"]}, specs)
    ).model_copy(update={"ex_metric": "ex:all"})
    assert [n.value for n in link_notes(read, finnish)] == ["Nope"]
    assert in_language({"touch": ["Korkea"]}, specs, []) == {"touch": ["High"]}  # a former label


@settings(max_examples=300, deadline=None)
@given(
    params=st.dictionaries(
        st.one_of(
            KEYS,
            st.text(max_size=10),
        ),
        st.lists(TEXTS, min_size=1, max_size=4),
        max_size=8,
    )
)
def test_any_link_gives_notes_not_exceptions(sample, finnish, params):
    """Every key and value a link can carry: notes for what cannot be used, never a raise, and
    every value left unremarked is one the control accepts; read in the other language, the
    same keys, as many values (the last alone, for a control of one value)."""
    specs = controls(sample)
    read = in_language(params, finnish, [specs])
    single = {k for k, spec in finnish.items() if spec.kind != "multi"}
    kept = {k: min(len(v), 1) if k in single else len(v) for k, v in params.items()}
    assert {k: len(v) for k, v in read.items()} == kept
    notes = link_notes(params, specs)
    flagged = {(n.subject, n.value) for n in notes}
    for key, values in params.items():
        spec = specs.get(key)
        if spec is None:
            continue
        checked = values if spec.kind == "multi" else values[-1:]
        for value in checked:
            if value and not spec.accepts(value):
                assert (key, value[:40] + ("…" if len(value) > 40 else "")) in flagged
    assert set(unusable(params, specs)) <= set(params)


@settings(max_examples=300, deadline=None)
@given(
    values=st.dictionaries(
        KEYS,
        VALUES,
        max_size=15,
    )
)
def test_any_widget_values_make_a_valid_view(sample, values):
    """Whatever widgets hand over (None from a cleared control, junk from a link), the view is
    valid, and every control keeps a value of its own options."""
    specs = controls(sample)
    view = view_of(values, specs)
    assert isinstance(view, FilterState)
    for key, value in chosen(values, specs).items():
        spec = specs[key]
        if spec.kind == "multi":
            assert set(value) <= set(spec.options)
        elif spec.kind == "int":
            assert spec.low <= value <= spec.high
        else:
            assert value in spec.options


def test_a_link_value_becomes_the_widget_value_it_stands_for(specs):
    """What a link carries, as the widgets would take it: unusable values left out."""
    assert specs["channel"].from_link(["digital", "fax", "digital"]) == ["digital"]
    assert specs["lag"].from_link(["2"]) == 2 and specs["lag"].from_link(["٣"]) == 0
    assert specs["touch"].from_link(["High"]) == "High"
    assert specs["touch"].from_link([""]) == "Both"


def test_themes_take_the_dataset_s_finnish_words_in_finnish_only(sample, specs, finnish):
    """The sample's manifest names its themes in Finnish: Finnish controls offer those words
    for the same metrics, English ones the data's own names; outcomes keep the app's words,
    and a name the manifest does not list stays as it is."""
    assert finnish["ex"].values["Työn imu"] == specs["ex"].values["Engagement"] == "ex:Engagement"
    fi_pair = pair_controls_fi(sample)
    assert fi_pair["pair_cx"].values["Esihenkilön tuki"] == "cx:Supervisor support"
    assert (
        "Suositteluhalukkuus" in finnish["cx"].options and "Engagement" not in finnish["ex"].options
    )
    with naming({"Engagement": "Työn imu"}):
        assert data_name("Engagement") == "Engagement"  # an English run
        with speaking("fi"):
            assert (data_name("Engagement"), data_name("Other")) == ("Työn imu", "Other")
            assert metric_label("cx:recommend") == "Suositteluhalukkuus"


def pair_controls_fi(data):
    with speaking("fi"):
        return pair_controls(data)


def test_only_finnish_words_that_keep_every_name_apart_are_shown(sample):
    """A word two names share, a word that is another name of the data (a theme's, or a
    segment named as an industry) or an outcome's word would show two things alike, and
    results grouped by the words shown would merge them (a review found Linkage failing and
    Drivers' table doubling): such words are not used, nor words for names the data lacks. A
    name worded as itself, and every other word, stand."""
    words = {
        "Engagement": "Työn imu",
        "Enablement": "Työn imu",  # shared with Engagement: both dropped
        "Wellbeing": "Customer focus",  # another theme's name
        "Customer focus": "Customer focus",  # itself: kept
        "Consumer": "Hotels",  # an industry's name
        "Corporate": "Tyytyväisyys",  # an outcome's word in Finnish
        "Banks": "Pankit",
        "Nowhere": "Ei missään",  # not in the data
    }
    odd = dataclasses.replace(
        sample, manifest=sample.manifest.model_copy(update={"names_fi": tuple(words.items())})
    )
    assert finnish_names(odd) == {"Customer focus": "Customer focus", "Banks": "Pankit"}
    with speaking("fi"):
        specs = controls(odd)
    for key in ("ex", "segment", "industry"):
        assert len(set(specs[key].options)) == len(specs[key].options) == len(specs[key].values)
    assert specs["industry"].values["Pankit"] == "Banks"
