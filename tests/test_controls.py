"""The app's filters as data: URL notices, control values to FilterState, the shareable link."""

from cxlib.controls import controls, link_query, url_notices, view_of
from cxlib.filters import FilterState
from cxlib.touch import Reclassification


def test_defaults_are_the_default_view(sample):
    specs = controls(sample)
    assert view_of({}, specs) == FilterState()
    assert link_query({}, specs) == {}


def test_labels_map_to_the_view(sample):
    specs = controls(sample)
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


def test_the_high_touch_set_becomes_moves_against_the_defaults(sample):
    """Adding an industry to the high-touch set moves it up; removing one moves it down."""
    specs = controls(sample)
    high = [i for i in specs["high_touch"].default if i != "Banks"] + ["Energy utilities"]
    view = view_of({"high_touch": high, "company_low": ["Boreal Energy"]}, specs)
    assert view.reclassify == Reclassification(
        industries=(("Banks", "low"), ("Energy utilities", "high")),
        companies=(("Boreal Energy", "low"),),
    )


def test_url_notices_name_each_unusable_value(sample):
    specs = controls(sample)
    notices = url_notices(
        {
            "industry": ["Hotels", "Alchemy"],
            "lag": ["7"],
            "k": ["x"],
            "touch": ["High"],
            "embed": ["true"],
        },
        specs,
    )
    assert len(notices) == 3
    assert "'Alchemy'" in notices[0] and "'7'" in notices[1] and "'x'" in notices[2]


def test_link_query_keeps_only_what_differs_from_the_defaults(sample):
    specs = controls(sample)
    values = {"channel": ["digital"], "touch": "Both", "high_touch": specs["high_touch"].default}
    assert link_query(values, specs) == {"channel": ["digital"]}
