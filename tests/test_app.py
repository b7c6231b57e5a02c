"""The app: every page runs on the sample; the URL selects the view; numbers match cxlib."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cxlib.panel import panel_touch_gap
from cxlib.touch import Reclassification

from .conftest import ROOT

PAGES = ["overview", "industries", "linkage", "drivers", "over_time", "data"]


def run(page: str = "overview", chosen: dict | None = None, **query) -> AppTest:
    """A first run of the app: query = the link opened; chosen = what the user picked.

    Every scenario is a fresh first run: AppTest's later runs of an st.navigation app do not
    re-execute the entry file's sidebar (Streamlit 1.67), so clicks are tested in a browser.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    for name, value in (chosen or {}).items():
        at.session_state[name] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headline(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(page):
    at = run(page)
    assert at.title, page
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_selection(page):
    """Hotels are high touch: asking for low-touch hotels leaves nothing, and pages say so."""
    at = run(page, industry=["Hotels"], touch="Low")
    assert not at.error
    if page != "data":
        assert any("Nothing matches" in i.value or "Hotels" in i.value for i in at.info), page


def test_overview_headline_equals_cxlib_for_the_same_view(sample, linkage):
    at = run(channel=["in-person", "phone"], role=["customer-facing"])
    view = at.session_state["view"]
    assert view.channels == ("in-person", "phone") and view.roles == ("customer-facing",)
    gap = linkage.touch_gap(view)
    shown = headline(at)
    assert shown["High touch"] == f"r = {gap.high.r:.2f}"
    assert shown["Low touch"] == f"r = {gap.low.r:.2f}"
    captions = " ".join(c.value for c in at.caption)
    assert f"[{gap.high.ci_low:.2f}, {gap.high.ci_high:.2f}], n = {gap.high.n}" in captions


def test_url_selects_the_filters_and_a_change_changes_the_numbers():
    """Picking digital channels changes the headline; the same view opened from a link shows
    the same numbers and the same widget value."""
    everyone = headline(run())
    picked = run(chosen={"channel": ["digital"]})
    assert headline(picked) != everyone
    from_url = run(channel=["digital"])
    assert from_url.sidebar.multiselect(key="channel").value == ["digital"]
    assert headline(from_url) == headline(picked)


def test_invalid_url_values_are_dropped_with_a_notice():
    at = run(industry=["Hotels", "Alchemy"], lag="9")
    assert at.sidebar.multiselect(key="industry").value == ["Hotels"]
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "Alchemy" in notices and "'9'" in notices
    assert at.session_state["view"].industries == ("Hotels",)


def test_company_level_and_reclassification_from_the_url(sample):
    """A workshop's link: low-touch energy utilities argued into the high-touch class."""
    at = run(level="Companies", year=["2018"], company_low=["Boreal Energy"])
    view = at.session_state["view"]
    assert view.level == "companies" and view.years == (2018,)
    assert view.reclassify == Reclassification(companies=(("Boreal Energy", "low"),))
    gap = panel_touch_gap(sample, view)
    assert headline(at)["Low touch"] == f"r = {gap.low.r:.2f}"
    moved = run(
        level="Companies",
        year=["2018"],
        high_touch=[
            *sorted(sample.industries.filter(sample.industries["touch"] == "high")["industry"]),
            "Energy utilities",
        ],
    )
    assert moved.session_state["view"].reclassify.industries == (("Energy utilities", "high"),)
    assert headline(moved)["Low touch"] != headline(at)["Low touch"]


def test_the_link_shown_holds_the_view():
    at = run(channel=["digital"], touch="High")
    link = at.sidebar.code[0].value
    assert "channel=digital" in link and "touch=High" in link
