"""The app: every page runs on the sample; the URL selects the view; numbers match cxlib;
controls that cannot act say why; links keep every choice that changes a page; any link
renders."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import cxlib
from cxlib.groups import touch_gap
from cxlib.panel import panel_table
from cxlib.scope import PAGES
from cxlib.touch import Reclassification
from pages.common import fixed, report_text

from .conftest import ROOT, failures, keyed_texts, one_action, open_app, to_bytes
from .crafted import crafted


def headline(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def figures(at) -> list[dict]:
    """The plotly figures a page drew, as the browser receives them."""
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_every_chart_axis_has_the_darker_tick_labels():
    """Streamlit's chart theme draws tick labels at 3.7:1 against white; the app's charts set
    4.5:1 on every axis a figure has: the second y axis of Over time's two-axis chart too."""
    from pages.charts import TICKS

    pages = ("overview", "linkage", "drivers", "over_time")
    drawn = {page: figures(open_app(page)) for page in pages}
    for page, specs in drawn.items():
        assert specs, page
        for spec in specs:
            axes = {k: v for k, v in spec["layout"].items() if re.fullmatch(r"[xy]axis\d*", k)}
            assert {"xaxis", "yaxis"} <= set(axes), (page, sorted(axes))
            for name, axis in axes.items():
                assert axis.get("tickfont", {}).get("color") == TICKS, (page, name)
    assert any("yaxis2" in spec["layout"] for spec in drawn["over_time"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(page):
    at = open_app(page)
    assert at.title, page
    assert not at.error


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("data", "surveys", "compare")])
def test_every_page_explains_an_empty_selection(page):
    """Hotels are high touch: asking for low-touch hotels leaves nothing, and pages say why."""
    at = open_app(page, industry=["Hotels"], touch="Low")
    assert not at.error
    assert any("Hotels has no low-touch" in i.value for i in at.info), page


def test_an_industry_without_unit_data_says_which_have_it():
    """13 of 20 industries have no units in the sample's linkage study."""
    at = open_app("linkage", industry=["Automobiles"])
    said = " ".join(i.value for i in at.info)
    assert "No unit data for Automobiles" in said and "Hotels" in said
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Unit data (linkage study) for 7 of 20 industries" in captions


def test_overview_headline_equals_cxlib_for_the_same_view(engine):
    at = open_app(channel=["in-person", "phone"], role=["customer-facing"])
    view = at.session_state["view"]
    assert view.channels == ("in-person", "phone") and view.roles == ("customer-facing",)
    gap = touch_gap(engine.unit_table(view))
    shown = headline(at)
    assert shown["High touch"] == f"r = {gap.high.r:.2f}"
    assert shown["Low touch"] == f"r = {gap.low.r:.2f}"
    captions = " ".join(c.value for c in at.caption)
    assert f"[{gap.high.ci_low:.2f}, {gap.high.ci_high:.2f}], n = {gap.high.n}" in captions


def test_the_overview_report_keeps_both_headline_numbers(engine):
    """The report is what the page drew: it had gone from the question straight to the verdict,
    leaving out both cards (r, its words, its interval and n), the page's main numbers."""
    at = open_app(lang="fi")
    gap = touch_gap(engine.unit_table(at.session_state["view"]))
    told = "\n".join(p for s in at.session_state["report"] for p in s.paragraphs)
    for label, result in (("Paljon kohtaamisia", gap.high), ("Vähän kohtaamisia", gap.low)):
        value = f"{result.r:.2f}".replace(".", ",")
        assert f"**{label}: r = {value}**" in told
        assert f"n = {result.n}" in told
    assert told.count("Yhteys on") == 2
    first_card = told.index("**Paljon kohtaamisia")
    assert first_card < told.index("Selvä ero")  # in the page's order: the cards, then the verdict


def test_an_empty_touch_group_says_so_on_its_card_not_as_a_caveat():
    """Hotels alone: the low-touch group is empty, the high-touch r is shown. The empty group
    had a caveat, 'nothing to correlate (Low touch)', named for it so as not to read as one of
    the r beside it; its card now says the view has no units of that class, and no caveat
    speaks of it."""
    at = open_app(industry=["Hotels"])
    shown = headline(at)
    assert shown["High touch"].startswith("r = ") and shown["Low touch"] == "–"
    assert "No units of this class in this view." in [c.value for c in at.caption]
    assert not [c.value for c in at.caption if "(Low touch)" in c.value]
    said = " ".join(m.value for m in at.markdown)  # none of a class is not 'too few'
    assert "units of one touch class only" in said and "too few" not in said


def test_a_change_changes_the_numbers_and_the_link():
    """Picking the digital channel in the sidebar reruns the page with new numbers; the same
    view opened from a link shows the same numbers and the same widget value."""
    at = open_app()
    everyone = headline(at)
    at.sidebar.multiselect(key="channel").set_value(["digital"]).run()
    assert headline(at) != everyone
    assert "channel=digital" in at.sidebar.code[0].value
    from_url = open_app(channel=["digital"])
    assert from_url.sidebar.multiselect(key="channel").value == ["digital"]
    assert headline(from_url) == headline(at)


def test_invalid_url_values_are_dropped_with_a_notice():
    at = open_app(industry=["Hotels", "Alchemy"], lag="9", k="٣")
    assert at.sidebar.multiselect(key="industry").value == ["Hotels"]
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "Alchemy" in notices and "'9'" in notices and "'٣'" in notices
    view = at.session_state["view"]
    assert view.industries == ("Hotels",)
    assert (view.lag, view.min_group_size) == (0, 5)  # not clamped to 4, not read as 3


HOSTILE = [
    {"level": ""},
    {"level": ["Units", "Companies", ""]},
    {"k": "9" * 5000},
    {"lag": "9" * 5000},
    {"k": "3.5"},
    {"touch": "", "cx": "", "ex": "<b>x</b>"},
    {"industry": ["", "Hotels", "Hotels"], "year": "twenty"},
    {"company_high": "Boreal Energy", "company_low": "Boreal Energy"},
    {"pair_ex": "Nonsense", "pair_cx": ""},
    {"period": "%00", "segment": "\u202e"},
]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_links_render_every_page(page):
    """Links fuzzing once raised KeyError: None (?level=) and ValueError (5,000 digits)."""
    for query in HOSTILE:
        at = open_app(page, **query)
        assert at.title and not failures(at), (page, query)


def test_company_level_and_reclassification_from_the_url(sample):
    """A workshop's link: low-touch energy utilities argued into the high-touch class."""
    at = open_app(level="Companies", year=["2018"], company_low=["Boreal Energy"])
    view = at.session_state["view"]
    assert view.level == "companies" and view.years == (2018,)
    assert view.reclassify == Reclassification(companies=(("Boreal Energy", "low"),))
    gap = touch_gap(panel_table(sample, view))
    assert headline(at)["Low touch"] == f"r = {gap.low.r:.2f}"
    high = sorted(sample.industries.filter(sample.industries["touch"] == "high")["industry"])
    moved = open_app(level="Companies", year=["2018"], high_touch=[*high, "Energy utilities"])
    assert moved.session_state["view"].reclassify.industries == (("Energy utilities", "high"),)
    assert headline(moved)["Low touch"] != headline(at)["Low touch"]


def test_an_emptied_list_is_in_the_link_shown_and_reopens_as_empty():
    """Every high-touch industry cleared from the touch classification (so none is high
    touch) changed the numbers and the address bar (`high_touch=`), but the link box left the
    list out: a colleague opening it got the default classification with other numbers."""
    at = open_app()
    at.sidebar.multiselect(key="high_touch").set_value([]).run()
    link = at.sidebar.code[0].value
    assert "high_touch=" in link, link
    query = parse_qs(urlsplit(link).query, keep_blank_values=True)
    reopened = open_app(**query)
    assert reopened.sidebar.multiselect(key="high_touch").value == []
    assert headline(reopened) == headline(at) != headline(open_app())


def test_a_move_without_data_here_names_the_industry_in_the_reader_s_words():
    """Every high-touch industry cleared in Finnish: the notes for those with no units read
    'Hospitals: ei tietoja tällä tasolla…', English names in a Finnish sidebar that writes
    the same industries in Finnish everywhere else."""
    at = open_app(lang="fi", high_touch=[""])
    said = [c.value for c in at.sidebar.caption if "ei tietoja tällä tasolla" in c.value]
    assert said and any("Sairaalat" in w for w in said), said
    assert not [w for w in said if "Hospitals" in w], said


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_an_empty_reclassification_list_says_none_not_all(lang):
    """Emptied, the high-touch industries mean that no industry is high touch, and the company
    lists that no company moves; their boxes said "All" ("Kaikki"), the opposite. The filters
    above, where empty does mean all, keep saying so."""
    at = open_app(lang=lang, high_touch=[""])
    none, every = {"en": ("None", "All"), "fi": ("Ei yhtään", "Kaikki")}[lang]
    for key in ("high_touch", "company_high", "company_low"):
        shown = at.sidebar.multiselect(key=key)
        assert (shown.value, shown.proto.placeholder) == ([], none), key
    assert at.sidebar.multiselect(key="industry").proto.placeholder == every


def test_a_class_the_view_has_none_of_is_said_so_not_too_little_data():
    """Hotels are all high touch: the low-touch card said 'not enough data (n = 0)' and a
    caveat that 'no rows have both values', where the view simply has no low-touch units."""
    at = open_app(industry=["Hotels"], lang="fi")
    captions = [c.value for c in at.main.caption]
    assert "Tässä näkymässä ei ole tämän luokan yksiköitä." in captions
    text = " ".join([*captions, *(m.value for m in at.main.markdown)])
    assert "(n = 0)" not in text and "molempia arvoja" not in text


def test_a_view_thinned_by_privacy_says_so_beside_its_cards():
    """One segment, channel and period: the cards read '—' with 'too little data (n = 2)'
    and 'n = 0', an empty chart, and the cause (461 units left out for privacy) only in small
    type at the bottom. The reason now stands beside the cards, before the verdict."""
    at = open_app(segment=["Public sector"], channel=["in-person"], period=["2023-Q1"])
    [info] = [i.value for i in at.main.info if "privacy rule" in i.value]
    assert "units" in info and "These choices narrow it: Customer segments: Public sector" in info
    titles = [m.value for m in at.main.markdown]  # no r in either class: no empty plot
    assert not [t for t in titles if t.startswith("**Correlation r")], titles
    assert [
        t for t in (m.value for m in open_app().main.markdown) if t.startswith("**Correlation r")
    ]
    assert not [i for i in open_app().main.info if "privacy rule" in i.value]


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "the two r differ by +"), ("fi", "korrelaatioiden (r) ero on +")]
)
def test_the_lead_verdict_names_its_number_a_difference_of_two_r(lang, said):
    """'…stronger, r:ssä +0,51' beside a chart whose EX→CX line reads r ≈ 0.50: a reader took
    the difference of the two directions' r for the correlation itself."""
    at = open_app("over_time", lang=lang)
    verdicts = [m.value for m in [*at.main.markdown, *at.main.caption]]
    assert any(said in v for v in verdicts), verdicts


def test_industries_speak_of_a_reclassification_only_where_there_is_one():
    """With nothing moved, the row 'With strategies and your reclassification' made a reader
    think they had changed something: it reads as the companies' own strategies until a move."""

    def rows(at):
        return " ".join(report_text(h.proto.body) for h in at.get("html"))

    plain = rows(open_app("industries"))
    assert "own strategies" in plain
    assert "your reclassification" not in plain
    moved = rows(open_app("industries", company_low=["Boreal Energy"]))
    assert "your reclassification" in moved


@pytest.mark.parametrize(("lang", "words"), [("en", "not estimable"), ("fi", "ei arvioitavissa")])
def test_a_reliability_at_or_below_zero_is_not_printed_as_a_number(lang, words):
    """An import's Linkage page printed 'Työn imu −5,10' for a theme's ICC(2), and a pair
    corrected for its noise as 'r = nan'. Below 0 the estimate means nothing: it is said so."""
    from cxlib.strings import speaking
    from pages.common import reliability_value

    with speaking(lang):
        assert reliability_value(-5.1) == words
        assert reliability_value(float("nan")) == words
        assert reliability_value(0.0) == words
        assert reliability_value(None) == words  # a null from polars
        assert reliability_value(0.734) == ("0.73" if lang == "en" else "0,73")


def test_linkage_gives_each_theme_s_reliability_with_its_interval(one_company):
    """Three units' ICC(2) had read '0.72' alone, as if known. Each theme's reliability now
    carries its 95% interval, its low end stopping at 0: wide on the one company's handful of
    units in a segment, narrower on the sample's hundreds."""
    from cxlib.strings import speaking
    from pages.common import reliability_value

    with speaking("en"):
        assert reliability_value(0.734, -0.4, 0.95) == "0.73 (0.00 to 0.95)"
        assert reliability_value(0.734, float("nan"), 0.95) == "0.73"
    with speaking("fi"):
        assert reliability_value(0.734, 0.51, 0.86) == "0,73 (0,51 … 0,86)"

    def widths(at) -> list[float]:
        [line] = [c.value for c in at.caption if c.value.startswith("How reliable")]
        pairs = re.findall(r"(\d\.\d\d) to (\d\.\d\d)\)", line)
        return [float(high) - float(low) for low, high in pairs]

    sample = widths(open_app("linkage"))
    few = widths(open_app("linkage", chosen=one_company, segment=["Small business"]))
    assert len(sample) == 6 and max(sample) < 0.2, sample
    assert few and max(few) > 0.8, few  # a theme there could be anything from 0 to 0.99


@pytest.mark.parametrize(
    ("lang", "shape"), [("en", r"(\d\.\d\d) to (\d\.\d\d)"), ("fi", r"(\d,\d\d) … (\d,\d\d)")]
)
def test_the_overview_s_reliability_line_gives_the_interval_too(engine, lang, shape):
    """The Overview's 'Reliability ICC(2) = 0.95' stood without its interval, which Linkage
    gives: both now do, the library's numbers rounded as the page rounds them."""
    at = open_app("overview", lang=lang)
    [line] = [c.value for c in at.caption if "ICC(2)" in c.value]
    low, high = (float(v.replace(",", ".")) for v in re.search(shape, line).groups())
    shown = cxlib.staff_reliability(engine, cxlib.FilterState()).row(
        by_predicate=pl.col("metric") == "ex:all", named=True
    )
    assert (low, high) == (round(shown["icc2_low"], 2), round(shown["icc2_high"], 2))


def test_the_link_shown_holds_the_view():
    at = open_app(channel=["digital"], touch="High")
    link = at.sidebar.code[0].value
    assert "channel=digital" in link and "touch=High" in link


def test_the_linkage_pickers_are_in_the_link():
    """A shared Wellbeing × Recommend view reopens as Wellbeing × Recommend."""
    at = open_app("linkage", pair_ex="Wellbeing", pair_cx="Recommend")
    assert at.selectbox(key="pair_ex").value == "Wellbeing"
    assert at.selectbox(key="pair_cx").value == "Recommend"
    titles = [report_text(m.value) for m in at.markdown]  # drawn above the chart: it wraps
    assert any(t.startswith("**Units: Wellbeing (staff) × Recommend (customers)") for t in titles)
    at.selectbox(key="pair_cx").set_value("Satisfaction").run()  # crashed before
    assert not failures(at)
    assert "pair_cx=Satisfaction" in at.sidebar.code[0].value


def test_controls_that_cannot_act_say_why_and_keep_their_value():
    """On Industries (companies) the unit-level filters cannot act: one line says so, and the
    choice stays for the next unit-level page. Over time pairs periods itself: no lag."""
    at = open_app("industries", channel=["digital"])
    assert at.sidebar.multiselect(key="channel").value == ["digital"]
    captions = [c.value for c in at.sidebar.caption]
    assert "Unit-level filters: this page shows companies." in captions
    assert "Company-level filter: this page shows units." not in captions
    assert open_app("linkage", channel=["digital"]).session_state["view"].channels == ("digital",)
    on_time = " ".join(c.value for c in open_app("over_time").sidebar.caption)
    assert "pairs consecutive periods itself" in on_time
    assert "This page uses every staff theme at once." in " ".join(
        c.value for c in open_app("drivers").sidebar.caption
    )


def sidebar_shape(node, path=()) -> list[tuple]:
    """Where the sidebar's containers and widgets sit: what the browser keys them by. A plain
    element (a reason's caption or its empty slot) counts only by its place."""
    shape = []
    for index, child in sorted(getattr(node, "children", {}).items()):
        place = (*path, index)
        if type(child).__name__ in ("Block", "Expander"):
            shape += [(place, type(child).__name__), *sidebar_shape(child, place)]
        else:
            shape.append((place, getattr(child, "key", None) or "element"))
    return shape


def test_the_sidebar_keeps_one_shape_on_every_page_and_level():
    """A reason drawn above an idle control once shifted every control below it, and the
    browser rebuilt them (18 of 27 on a page switch, the readers' main cost under load). Every
    page and level now draws the same containers and widgets in the same places; the idle
    ones are told apart by their reason and their dimming only."""
    shapes = {}
    for level in ("Units", "Companies"):
        at = open_app(level=level)
        for page in PAGES:
            at.switch_page(f"pages/{page}.py").run()
            assert not failures(at), (page, level, failures(at))
            shapes[page, level] = sidebar_shape(at.sidebar)
    first = shapes["overview", "Units"]
    assert sum(kind == "Block" for _, kind in first) >= 6  # the idle groups' containers
    assert {key: shape for key, shape in shapes.items() if shape != first} == {}


def test_a_move_that_changes_nothing_says_so():
    """Boreal Energy's units already carry a high-touch strategy."""
    at = open_app("overview", company_high=["Boreal Energy"])
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "already counts as high touch" in captions


def test_over_time_ticks_are_round_and_every_axis_has_its_scale():
    at = open_app("over_time", cx="Recommend")
    trend = figures(at)[-1]["layout"]
    ex_axis, cx_axis = trend["yaxis"], trend["yaxis2"]
    assert ex_axis["tickformat"] == ".2~f" and cx_axis["tickformat"] == ".1~f"
    # Named as Linkage and Where the rule breaks name them ("Staff mean"), with EX / CX.
    assert ex_axis["title"]["text"].replace("<br>", " ") == "Staff mean, EX (1–5)"
    assert cx_axis["title"]["text"].replace("<br>", " ") == "Customer mean, CX (0–10)"
    for axis in (ex_axis, cx_axis):
        start, step = axis["range"][0], axis["dtick"]
        assert round(start / step, 9) == round(start / step)  # ticks on round numbers


def test_which_moves_first_colours_each_direction_as_its_line_not_as_a_touch_class():
    """The lead chart had drawn 'EX leads' in the high-touch orange of every other page, read
    as a finding beside 'cannot tell'. Each direction now takes the colour of the side that
    moves first in the trend chart below it (staff, customers)."""
    from pages import charts

    at = open_app("over_time")
    lead, trend = figures(at)[0], figures(at)[-1]
    line = {t["yaxis"]: t["line"]["color"] for t in trend["data"]}  # y: staff, y2: customers
    [markers] = [t["marker"] for t in lead["data"] if t.get("mode") == "markers"]
    by_row = dict(zip(lead["data"][0]["y"], markers["color"], strict=True))
    assert by_row and {charts.HIGH, charts.LOW}.isdisjoint(by_row.values())
    for label, colour in by_row.items():
        assert colour == (line["y"] if label.startswith("EX") else line["y2"]), label


def test_the_page_icon_ships_with_the_app():
    """No icon from a font host: the favicon is the repository's own SVG."""
    assert cxlib  # the app's library, imported by the app; the icon lives beside app.py
    at = open_app()
    assert not at.exception
    from pathlib import Path

    source = (Path(__file__).resolve().parent.parent / "app.py").read_text()
    assert ":material/" not in source.split("page_icon=")[1].split(",")[0]


def test_an_upload_is_parsed_once(example_files, monkeypatch):
    """Checked on the Data page, then used by every page: one parse, from the cache after."""
    calls = []
    load = cxlib.load_dataset
    monkeypatch.setattr(cxlib, "load_dataset", lambda files: calls.append(1) or load(files))
    files = example_files() | {"manifest.json": b'{"name": "Parsed once"}'}
    at = open_app("data")
    at.get("file_uploader")[0].set_value(
        [(name, data, "text/csv") for name, data in files.items()]
    ).run()
    assert not failures(at)
    assert any("All checks passed" in s.value for s in at.success)
    assert at.sidebar.radio(key="source").value == "My upload"
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/linkage.py").run()
    assert not failures(at) and len(calls) == 1


def test_data_too_small_for_a_page_says_so_not_to_widen_the_filters(example_files):
    """The app's own example files (3 units, a dozen responses) pass every check but leave
    every group under the privacy minimum: with no filter set, the pages say that more
    respondents or units fill them. They had said to widen the filters or press Reset."""
    at = open_app("data")
    at.get("file_uploader")[0].set_value(
        [(name, data, "text/csv") for name, data in example_files().items()]
    ).run()
    assert at.sidebar.radio(key="source").value == "My upload"
    for page in ("linkage", "drivers", "over_time", "breaks"):
        at.switch_page(f"pages/{page}.py").run()
        assert not failures(at), page
        said = " ".join(i.value for i in at.info)
        assert "with every filter open" in said and "Reset filters" not in said, (page, said)


def _report_of_many_problems():
    from cxlib.errors import Problem
    from pages.common import problem_report

    problem_report(
        [
            Problem(
                "mapping.json",
                "the mapping names a column the export does not have",
                column=f"c{i}",
            )
            for i in range(150)
        ]
        + [Problem("units.csv", "the file is empty")]
    )


def test_a_file_with_hundreds_of_problems_lists_a_hundred_and_counts_the_rest():
    """A mapping made for another survey can name thousands of missing columns: a hundred are
    listed, the rest counted (thousands of lines stalled the browser), and other files' problems
    still show."""
    at = AppTest.from_function(_report_of_many_problems).run()
    lines = [t.value for t in at.text]
    assert "These files cannot be used yet: 151 problems" in at.error[0].value
    assert sum("the mapping names a column" in line for line in lines) == 100
    assert "… and 50 more in this file" in lines
    assert "• the file is empty" in lines


def test_a_failing_page_shows_a_reference_not_a_traceback(monkeypatch, caplog):
    """Readers get one line with a reference; the server log keeps the traceback."""

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/path.py exploded")

    monkeypatch.setattr(cxlib, "touch_gap", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    with caplog.at_level("ERROR", logger="cx_ex_explorer"):
        at.run()
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert "reference" in shown and "/srv/secret" not in shown
    reference = shown.split("reference ")[1][:8]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


def test_invalid_privacy_settings_show_no_data(monkeypatch):
    """A floor below 3 in the deployment's secrets stops the app instead of weakening it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["privacy"] = {"min_group_size": 2}
    at.run()
    assert not at.metric and any("privacy settings are not valid" in e.value for e in at.error)


def test_a_link_s_unusable_values_are_said_at_the_top_in_the_controls_words():
    """The notes sat at the foot of the sidebar (folded away on a phone), named controls by
    their link keys ('for k') and never said what a control takes; a repeated value was
    called 'not a valid value' though it was, and ?lang=sv or ?present=maybe changed nothing
    without a word. They are said above the page, by the controls' labels, with what each
    takes."""
    at = open_app(k="abc", channel=["fax"], touch=["High", "Low"], lang="sv", present="maybe")
    [top] = [w.value for w in at.main.warning]
    assert top.startswith("Parts of the link you opened could not be used")
    assert "Ignored 'abc' for Minimum group size" in top and "from 5 to 50" in top
    assert "Ignored 'fax' for Channels" in top and "in\\-person" in top  # its choices, listed
    assert "Ignored 'High' for Touch strategy: the link gives it more than one value" in top
    assert "Ignored 'sv' for Language" in top and "Ignored 'maybe' for Presentation mode" in top
    assert at.session_state["view"].touch == ("low",)  # the last, as the note says
    at.switch_page("pages/drivers.py").run()  # another page: still the link's view, still said
    assert at.main.warning and at.sidebar.warning
    at.sidebar.radio(key="touch").set_value("High").run()  # the reader's own choice now
    assert not at.main.warning and not at.sidebar.warning  # 'Ignored High' had stayed above it
    fine = open_app(touch="high", level="units", period=["2023Q1"], channel=["in person"])
    view = fine.session_state["view"]  # a label spelt otherwise is the label it spells
    assert view.touch == ("high",) and view.periods == ("2023-Q1",) and not fine.main.warning
    assert view.channels == ("in-person",)


def test_a_mistyped_parameter_is_said_with_the_setting_it_likely_meant():
    """'?segmnet=Consumer' showed every segment without a word: the reader believed the view
    filtered. The note names the parameter and the near setting, in either language; the
    app's own parameters (Streamlit's embed, the action list) raise nothing."""
    at = open_app(segmnet="Consumer", utm_source="mail", embed="true")
    [top] = [w.value.replace("\\", "") for w in at.main.warning]  # as markdown shows it
    assert "Ignored 'segmnet': this app has no setting of that name" in top
    assert "Did you mean 'segment' (Customer segments)?" in top
    assert "Ignored 'utm_source'" in top and top.count("Did you mean") == 1
    assert "embed" not in top
    fi = open_app(segmnet="Consumer", lang="fi").main.warning[0].value.replace("\\", "")
    assert "Tarkoititko ”segment” (Asiakassegmentit)?" in fi
    assert not open_app(channel="phone", actions="", cmp="").main.warning


def test_drivers_says_why_its_first_rank_is_not_under_develop_first():
    """Consumer customers: the ranked table's first row was Supervisor support, under Keep
    strong, while the matrix pointed at Enablement under Develop first, and a leadership team
    asked which to act on. The page names both and why, and shows the priority it ranks by."""
    at = open_app("drivers", segment=["Consumer"])
    said = " ".join(m.value for m in at.markdown)
    assert "Supervisor support ranks first though the matrix does not put it under" in said
    assert "Enablement's, which staff rate below the themes' average" in said
    ranked = [h for h in at.get("html") if "Priority (impact × room)" in h.proto.body]
    assert ranked
    assert "ranks first though" not in " ".join(m.value for m in open_app("drivers").markdown)


def test_named_views_travel_in_every_pages_link_so_a_reload_or_a_colleague_has_them():
    """A facilitator saved views and reloaded: the list was empty (views lived in the open tab
    only, and only a Compare link carried two). Every page's link and the address bar now
    carry the saved views; opened in a fresh session, the link has them, with their choices,
    and the panel says so."""
    from urllib.parse import parse_qs, urlsplit

    at = open_app("drivers", chosen={"views": saved_views("High", "Low", "Both")})
    link = at.sidebar.code[0].value
    query = parse_qs(urlsplit(link).query)
    assert query["cmp"] == [at.query_params["cmp"]]  # the address bar holds them too
    opened = open_app(**{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    views = opened.session_state["views"]
    assert [(v.name, v.values["touch"]) for v in views] == [
        ("High", "High"),
        ("Low", "Low"),
        ("Both", "Both"),
    ]
    assert not opened.sidebar.warning
    assert "cmp" not in parse_qs(urlsplit(open_app().sidebar.code[0].value).query)
    captions = " ".join(c.value for c in opened.sidebar.caption)
    assert "a reload keeps them" in captions


def test_where_the_rule_breaks_points_to_the_level_that_has_breaks():
    """The default view (units) has no unit off the line, and a facilitator who had planned
    to discuss the exceptions had nothing to show: the page now says that 2 of the 345
    companies break it at the other level (the count the company level itself shows)."""
    units = open_app("breaks")
    pointed = [c.value for c in units.caption if "At the other level" in c.value]
    companies = open_app("breaks", level="Companies")
    found = " ".join(m.value for m in companies.markdown)
    count = re.search(r"(\d+) of (\d+) companies break the pattern", found)
    assert count and pointed == [
        f"At the other level, {count[1]} of {count[2]} companies break it: set Level to "
        "Companies to see them."
    ]
    assert not any("other level" in c.value for c in companies.caption)  # units have none


def test_a_weak_link_is_not_said_to_usually_hold():
    """Low touch, r = 0.14 [0.01, 0.26]: 'a weak link: units where staff report a better
    experience tend to have customers who report a better one' ('yleensä' in Finnish) read
    as a rule. For a correlation that weak, a pair of units is ordered alike on both sides
    only about 55% of the time (1/2 + arcsin(r)/π), and the words say 'slightly'; a
    moderate link keeps 'tend to'."""
    english = " ".join(m.value for m in open_app().markdown)
    assert "**A weak link**" in english and "only slightly more often than not" in english
    assert "**A moderate link**" in english and "tend to have customers" in english
    finnish = " ".join(m.value for m in open_app(lang="fi").markdown)
    assert "**Yhteys on heikko**" in finnish and "vain hieman muita useammin" in finnish
    assert "heikko**: yksiköt, joissa henkilöstön kokemus on parempi, saavat yleensä" not in (
        finnish
    )


def test_the_reliability_line_names_the_staff_measure_as_a_measure():
    """'How noisy are the unit means of All themes?' read the control's label as a noun; the
    label is put in brackets after what is measured, in both languages."""
    notes = " ".join(c.value for c in open_app().caption)
    assert "How noisy are the units' staff means (All themes)?" in notes
    assert "of All themes" not in notes
    finnish = " ".join(c.value for c in open_app(lang="fi").caption)
    assert "henkilöstökeskiarvoissa (Kaikki teemat) on?" in finnish


def test_the_deployment_floor_bounds_the_minimum_a_link_can_ask_for():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["privacy"] = {"min_group_size": 8, "min_customers": 8}
    at.query_params["k"] = "5"
    at.run()
    assert at.session_state["view"].min_group_size == 8
    assert at.sidebar.slider(key="k").min == 8
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "Ignored '5' for Minimum group size" in notices and "never lower it" in notices


def test_filters_that_cannot_act_on_a_page_do_not_make_its_verdict_exploratory():
    """Segments and channels chosen, then the Overview at company level: the unit filters are
    dimmed there and the numbers are the default's, yet the verdict had been marked
    'Exploratory' and the one-line view named the segment. At unit level they act, and do."""

    def verdicts(at):
        return " ".join(m.value for m in at.markdown)

    companies = open_app(level="Companies", segment=["Consumer"], channel=["in-person"])
    assert "Exploratory" not in verdicts(companies)
    assert not any("Consumer" in c.value for c in companies.main.caption)
    shown = open_app(level="Companies", segment=["Consumer"], present="true").main.caption[0]
    assert shown.value.startswith("Companies") and "Consumer" not in shown.value
    units = open_app(segment=["Consumer"])
    assert "Exploratory" in verdicts(units)
    assert "Consumer" in units.main.caption[0].value


def test_presentation_mode_puts_the_filters_in_one_line_on_top():
    """Off by default; ?present=true turns the toggle on and says the view in one line."""
    plain = open_app()
    assert [t.value for t in plain.toggle] == [False]
    assert not any(" · " in c.value for c in plain.caption)
    shown = open_app(present="true", channel=["phone"], touch="High")
    assert [t.value for t in shown.toggle] == [True]
    line = shown.main.caption[0].value
    assert line.startswith("Units") and "phone" in line and "High touch" in line


@pytest.mark.parametrize("given", ["1", "yes", "kyllä", "TRUE"])
def test_presentation_mode_from_a_link_in_other_words(given):
    """A facilitator typed ?present=1 for the projector: it was refused with a note that it
    was 'not a valid value for this data', and no presentation. 1, yes, kyllä and any case of
    true now turn it on; a word it cannot read is said without blaming the data."""
    shown = open_app(present=given, lang="fi")
    assert [t.value for t in shown.toggle] == [True]
    warnings = [w.value for w in [*shown.main.warning, *shown.sidebar.warning]]
    assert not [w for w in warnings if "Esitystila" in w], warnings
    assert open_app(present="0").toggle[0].value is False
    odd = open_app(present="maybe", lang="fi")
    told = " ".join(w.value for w in odd.main.warning)
    assert "”maybe”" in told and "Esitystila" in told and "aineisto" not in told


def saved_views(*touches: str) -> list:
    """Named views as the sidebar saves them: the Overview's controls with touch set."""
    from pages.workshop import VALUES, SavedView

    page, lang, values, link, fingerprint = open_app("overview").session_state[VALUES]
    return [
        SavedView(touch, page, lang, values | {"touch": touch}, link, fingerprint)
        for touch in touches
    ]


def channel_views(upload: dict) -> list:
    """Two named views of an upload as the sidebar saves them: phone and in-person customers."""
    from pages.workshop import VALUES, SavedView

    page, lang, values, link, fingerprint = open_app("overview", chosen=upload).session_state[
        VALUES
    ]
    return [
        SavedView(name, page, lang, values | {"channel": [channel]}, link, fingerprint)
        for name, channel in (("Phone", "phone"), ("In person", "in-person"))
    ]


def test_one_companys_data_compares_two_views_over_its_units(one_company):
    """An HR analyst's own data (one company, 15 units), phone against in-person customers:
    the page had said 'too few companies or units' beside 15 units (its jackknife leaves out
    companies, and there was one), with every row 'too few units'. Now its units are left out
    in turn, the interval is given and the method says so; the class the company does not
    have is 'none in either view'."""
    at = open_app("compare", chosen=one_company | {"views": channel_views(one_company)})
    said = " ".join(m.value for m in at.markdown)
    assert "Too few companies" not in said and "95% interval" in said
    assert "each of the 15 units in either view is left out in turn" in said
    table = " ".join(h.proto.body for h in at.get("html"))
    assert ">none in either view<" in table and table.count("too few units") == 0


def test_compare_says_when_a_view_rests_on_one_company_or_a_class_is_in_one_view_only():
    """Banks, high touch (one company's 99 units) against every low-touch unit: the page said
    'too few companies or units' and every row 'too few units to compare', the high-touch row
    beside 402 units. It now says the Banks view rests on one company (what the interval
    leaves out), in words and in its row, and that each touch class is in one view only."""
    from dataclasses import replace

    views = saved_views("High", "Low")
    banks = replace(views[0], name="Banks high", values=views[0].values | {"industry": ["Banks"]})
    at = open_app("compare", chosen={"views": [banks, views[1]]})
    said = " ".join(m.value for m in at.markdown)
    assert "Banks high rests on the units of one company" in said.replace("\\", "")
    assert "Too few companies" not in said
    table = " ".join(h.proto.body for h in at.get("html"))
    assert table.count(">in one view only<") == 2 and "too few units" not in table
    assert ">a view of one company<" in table
    both = open_app("compare", chosen={"views": saved_views("High", "Low")})
    table = " ".join(h.proto.body for h in both.get("html"))
    assert table.count(">in one view only<") == 2
    assert "rests on the units of one company" not in " ".join(m.value for m in both.markdown)


def test_views_that_differ_by_channel_say_linkage_compares_channels_by_slope(one_company):
    """Compare called phone and in-person customers 'cannot tell apart' (r over each view)
    while Linkage called them 'clearly different' (slope on the units both have), and neither
    said why. Views apart by a channel, segment or role say what each page compares and which
    to use; views apart by touch strategy do not."""
    at = open_app("compare", chosen=one_company | {"views": channel_views(one_company)})
    [said] = [c.value for c in at.caption if "These views differ by" in c.value]
    assert "channel" in said and "by slope" in said and "Linkage's is the one to use" in said
    touch = open_app("compare", chosen={"views": saved_views("High", "Both")})
    assert not [c for c in touch.caption if "These views differ by" in c.value]


def test_each_level_says_the_other_answers_from_other_data():
    """An executive met 'a clear difference' at the unit level and 'cannot tell apart' at the
    company level, with no word why. Where the data has both levels, each says the other
    answers from other data; an upload of units alone (no companies panel) has no other."""
    from cxlib.strings import TEXT
    from pages.common import Upload

    for level, other in (("Units", "The company level answers"), ("Companies", "The unit level")):
        at = open_app(level=level)
        assert other in " ".join(c.value for c in at.caption), level
    data = crafted()
    tables = {
        "units": data.units.drop("strategy"),
        "industries": data.industries,
        "employee_responses": data.employee,
        "customer_responses": data.customer,
    }
    files = {f"{name}.csv": to_bytes(frame) for name, frame in tables.items()}
    rows = [
        {"theme": t.name, "side": side, "item": item}
        for t in data.theme_map.themes
        for side, items in (("employee", t.employee_items), ("customer", t.customer_items))
        for item in items
    ]
    files["theme_map.csv"] = to_bytes(pl.DataFrame(rows))
    upload = {"upload": Upload(files), "next_source": TEXT["source_upload"]}
    at = open_app("overview", chosen=upload)
    captions = " ".join(c.value for c in at.caption)
    assert "Companies, not units, are the evidence" in captions  # two companies: the comparison
    assert "answers the same question from other data" not in captions


def test_one_companys_overview_says_its_comparison_cannot_be_made_here(one_company):
    """The Overview's one comparison is of high- and low-touch companies, and said 'Companies,
    not units, are the evidence' above an r across one company's units. With one company it
    says the comparison needs companies of both kinds, and what the page shows instead."""
    at = open_app("overview", chosen=one_company)
    captions = " ".join(c.value for c in at.caption)
    assert "This data holds one company, Northwind Hotels" in captions
    assert "Companies, not units, are the evidence" not in captions
    # No gap to explain: the channel section is not headed "Is it the channel mix?".
    assert [s.value for s in at.subheader][1] == "The link in each channel"
    sample = open_app("overview")
    assert "Companies, not units, are the evidence" in " ".join(c.value for c in sample.caption)
    assert [s.value for s in sample.subheader][1] == "Is it the channel mix?"


def test_one_companys_pages_say_they_resample_its_units_and_that_two_periods_are_too_few(
    one_company,
):
    """One company in two periods: Over time said its intervals resample 'companies and then
    their units' and told the reader to choose more periods or clear a period filter that was
    not set; Linkage's splits said the same of companies. Now both speak of the company's
    units (the splits leave each out in turn), and Over time says the data has two periods
    where three in a row are needed. The sample (8 companies, 8 periods) keeps its words."""
    time = open_app("over_time", chosen=one_company)
    said = " ".join(m.value for m in [*time.markdown, *time.caption])
    assert "resample the company's units" in said and "resample companies" not in said
    assert "the data has 2 periods (2024\\-Q1, 2024\\-Q2)" in said
    assert "clear the period filter" not in said
    linkage = " ".join(c.value for c in open_app("linkage", chosen=one_company).caption)
    assert "leaves each unit out in turn" in linkage and "resample companies" not in linkage
    sample = open_app("over_time")
    said = " ".join(m.value for m in [*sample.markdown, *sample.caption])
    assert "resampling companies and their units" in said and "resample companies" in said


def test_an_empty_view_blames_privacy_or_small_data_as_the_case_is(one_company, sample):
    """One company's Public sector customers (148 answers, every unit under the 5-customer
    minimum): the Overview said 'Nothing matches these filters', though plenty matched. It now
    says the privacy rule hid the units. Five units with every filter open: Drivers said no
    group reaches the privacy minimum, though all five are shown; it now says five units are
    too few for the page."""
    from tests.conftest import company_upload

    public = open_app("overview", chosen=one_company, segment=["Public sector"])
    said = " ".join(i.value for i in public.info)
    assert "the privacy rule leaves 15 units" in said and "Nothing matches" not in said
    drivers = open_app("drivers", chosen=company_upload(sample, 5))
    said = " ".join(i.value for i in drivers.info)
    assert "this data has 5 business units" in said and "no group" not in said


def test_linkage_draws_no_r_without_its_interval_and_names_the_groups_it_cannot_show(
    one_company,
):
    """One company's split chart had a segment of three units drawn at r = 0.94 with no
    whisker (and a blank interval in its numbers), while two segments under the privacy
    minimum in every unit had left the chart without a word. Now the three-unit segment is
    not drawn and is named beside the chart, its numbers say the interval is missing, and the
    two segments are named with the reason. The sample, every group shown, says neither."""
    at = open_app("linkage", chosen=one_company)
    [split] = [
        f for f in figures(at) if "Small business" in json.dumps(f) or "Consumer" in json.dumps(f)
    ]
    drawn = " ".join(split["data"][0]["y"]).replace("<br>", " ")
    assert "Consumer" in drawn and "Small business" not in drawn
    captions = " ".join(c.value for c in at.caption)
    assert "too few for an interval" in captions and "Small business (n = 3)" in captions
    assert (
        "Not in the chart" in captions and "Corporate" in captions and "Public sector" in captions
    )
    tables = " ".join(h.proto.body for h in at.get("html"))
    assert "none: too few" in tables
    sample = " ".join(c.value for c in open_app("linkage").caption)
    assert "Not in the chart" not in sample and "too few for an interval" not in sample


def test_a_card_shows_no_headline_r_without_its_interval(one_company):
    """Two segments of one company leave three units: the Overview's card had r = 0.95 in
    large type, its 'too few for an interval' in small print under it. The large number is now
    '–', the r and its reason in the caption."""
    at = open_app("overview", chosen=one_company, segment=["Public sector", "Corporate"])
    high = next(m for m in at.get("metric") if m.label == "High touch")
    assert high.value == "–"
    captions = " ".join(c.value for c in at.caption)
    assert "n = 3 (too few independent pairs for an interval)" in captions
    full = next(m for m in open_app("overview", chosen=one_company).get("metric"))
    assert full.value.startswith("r = ")  # 15 units: an interval, and the headline


def test_one_companys_data_on_a_company_page_says_what_it_needs_and_where_its_units_are(
    one_company,
):
    """Industries, opened on one company's units, had said 'no company panel: upload
    companies.csv', a file an HR analyst does not have. It says what the page compares and
    which pages hold her units."""
    said = " ".join(i.value for i in open_app("industries", chosen=one_company).info)
    assert "compares many companies" in said
    assert "Overview, Linkage, Drivers, Over time, Where the rule breaks, Compare views" in said


def test_no_break_found_is_not_called_proof_that_the_pattern_holds(one_company):
    """Fifteen units, none off the line: 'in this view the pattern holds' had been said, where
    so few points can show only a large break. It says no break shows, and why that is weak."""
    said = " ".join(m.value for m in open_app("breaks", chosen=one_company).markdown)
    assert "None of the 15" in said and "pattern holds" not in said
    assert "only a large one could be told from chance" in said
    captions = " ".join(c.value for c in open_app("breaks", chosen=one_company).caption)
    assert "the interval is wide" not in captions  # the page draws no interval


def test_drivers_on_few_units_say_so_before_the_advice(one_company):
    """Fifteen units: 'Develop first' and a priority ranking came first, and 'fewer than 150
    units: weights and ranks are unstable' only in the small print at the bottom. The warning
    now stands above the advice; the sample (660 units) has none."""
    at = open_app("drivers", chosen=one_company)
    assert [w.value for w in at.warning if w.value.startswith("A first look only: 15 units")]
    assert not [w for w in open_app("drivers").warning if "first look" in w.value]


def test_a_link_of_four_units_gets_no_headline_verdict():
    """Supermarkets' public-sector customers are four units: the Overview's card had read
    'r = -0.99' and 'The link is strong but inverse', its caution below the chart. Under ten
    pairs the card shows no r and says too few, with the count."""
    at = open_app("overview", industry="Supermarkets", segment="Public sector")
    high = next(m for m in at.metric if m.label == "High touch")
    assert high.value == "–", high.value
    said = " ".join(m.value for m in at.markdown)
    assert "Too few to say (n = 4)" in said, said
    assert "strong" not in said and "inverse" not in said, said


def test_drivers_names_its_first_rank_s_quadrant_when_none_is_develop_first():
    """Supermarkets: Supervisor support ranks first under Keep strong, Enablement (rated
    lowest) is grey, and no theme is under Develop first; an executive saw a first rank marked
    'keep strong' and no word on which to act on. The page now says why, in the table's own
    quadrant words."""
    at = open_app("drivers", industry="Supermarkets")
    said = " ".join(m.value for m in at.markdown)
    assert "No theme sits under Develop first in this view. Supervisor support ranks first" in said
    assert "puts it under Keep strong" in said, said


def test_method_names_are_folded_under_how_it_was_worked_out():
    """An executive stopped at 'Fisher's z', 'ICC(2)' and 'Relative weights (Johnson) ...
    bootstrap intervals' in the pages' body, before or between the findings. Each now sits in
    an expander named for what it tells, and nowhere else on the page."""
    overview, drivers = open_app("overview"), open_app("drivers")
    for at, label, words in (
        (overview, "How this was tested", "Fisher's z"),
        (overview, "How precise the units' staff means are", "ICC(2)"),
        (drivers, "How this was worked out", "Relative weights (Johnson)"),
    ):
        [folded] = [e for e in at.expander if e.label == label]
        assert any(words in c.value for c in folded.caption), (label, words)
        outside = [c.value for c in at.main.caption if words in c.value]
        assert len(outside) == 1, (words, outside)  # the one inside the expander


def test_the_data_page_says_which_view_a_filtered_download_holds():
    """An executive downloaded supermarkets' 117 units from the Data page, which named no
    filter: the file looked like the whole study. A filtered view's download says its view."""
    plain = open_app("data")
    assert not any("The file holds this view only" in c.value for c in plain.caption)
    at = open_app("data", industry="Supermarkets")
    [line] = [c.value for c in at.caption if "The file holds this view only" in c.value]
    assert "Industries: Supermarkets" in report_text(line), line


def test_compare_without_named_views_says_how_to_make_them():
    at = open_app("compare")
    assert any("No named views yet" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_compare_two_named_views_gives_the_difference_as_a_lead():
    """High touch against everything: the verdict is marked exploratory and the table has
    a difference with its interval for all units and each touch class."""
    at = open_app("compare", chosen={"views": saved_views("High", "Both")})
    verdict = " ".join(m.value for m in at.markdown)
    assert "Exploratory" in verdict and ("differ" in verdict or "apart" in verdict)
    table = " ".join(h.proto.body for h in at.get("html"))
    assert "95% interval of the difference" in table and "r · High" in table


@pytest.mark.parametrize("order", [("High", "Low"), ("Low", "High")])
def test_compare_s_verdict_gives_the_difference_as_the_higher_view_less_the_lower(order):
    """High touch's r is clearly above low touch's on the sample. With high touch saved first
    the verdict had read 'clearly higher in High (difference -0.31, interval -0.52 to
    -0.10)': a minus beside 'higher'. Either way round it names the higher view, then the
    lower, and gives one positive difference and interval."""
    at = open_app("compare", chosen={"views": saved_views(*order)})
    [verdict] = [m.value for m in at.markdown if "two views differ" in m.value]
    assert re.search(r"clearly higher in High than in Low", verdict), verdict
    numbers = re.search(r"by ([-+]?[\d.]+), 95% interval ([-+]?[\d.]+) to ([-+]?[\d.]+)", verdict)
    difference, low, high = (float(n) for n in numbers.groups())
    assert 0 < low < difference < high, verdict


def test_compare_draws_each_group_s_two_views_together_in_the_table_s_order():
    """The chart had listed one view's rows by r, then the other's, in the touch classes'
    orange and blue (a 'High touch' row in blue), and broke its labels at different places.
    Now each group's two views stand together in the table's order, top down, coloured by
    view in colours that are not the touch classes', every label broken at its ' · '."""
    from pages import charts

    at = open_app("compare", chosen={"views": saved_views("High", "Both")})
    [forest] = [f for f in figures(at) if f["data"][0].get("error_x")]
    trace = forest["data"][0]
    top_down = [label.split(" (n=")[0] for label in reversed(trace["y"])]
    groups = [label.split("<br>· ")[0] for label in top_down]
    views = [label.split("<br>· ")[1] for label in top_down]
    assert all("<br>· " in label for label in top_down), top_down
    table = next(
        h.proto.body for h in at.get("html") if "95% interval of the difference" in h.proto.body
    )
    listed = re.findall(r'data-label="Group"[^>]*>([^<]*)<', table)
    assert list(dict.fromkeys(groups)) == [g for g in listed if g in groups]
    # Each group's rows together (High has no low-touch units: one row there).
    assert groups == sorted(groups, key=list(dict.fromkeys(groups)).index)
    assert groups.count("All") == 2 and views[:2] == ["High", "Both"]
    colours = dict(zip(views, reversed(trace["marker"]["color"]), strict=True))
    assert len(set(colours.values())) == 2
    assert {charts.HIGH, charts.LOW}.isdisjoint(colours.values())


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_compare_says_the_filters_act_only_on_the_view_now(lang):
    """Two saved views picked: a reader flipped the touch filter and nothing on the page moved,
    with no word why. The page says the filters act only on the view now; with the view now
    picked it does not (there they act)."""
    at = open_app("compare", chosen={"views": saved_views("High", "Both")}, lang=lang)
    now, idle = {
        "en": ("The view now", "change nothing here"),
        "fi": ("Nykyinen näkymä", "eivät muuta tässä mitään"),
    }[lang]
    said = [c.value for c in at.main.caption if idle in c.value]
    assert len(said) == 1 and now in said[0], [c.value for c in at.main.caption]
    at.selectbox(key="compare_second").set_value(now).run()
    assert not [c.value for c in at.main.caption if idle in c.value]


def test_compare_the_same_view_twice_is_refused_in_words():
    at = open_app("compare", chosen={"views": saved_views("High")})
    at.selectbox(key="compare_second").set_value("High").run()
    assert any("two different views" in i.value for i in at.info)


def test_too_few_companies_for_any_clear_gap_is_said_so():
    """Five industries leave 4 high-touch and 2 low-touch companies: 15 ways to deal them, so no
    gap can reach p < 0.05 (the smallest is 1/15). The verdict says the data cannot show a
    difference, and why; it had said that a gap this size often arises by chance."""
    five = ["Airlines", "Banks", "Hotels", "Energy utilities", "Internet retail"]
    said = " ".join(m.value for m in open_app(industry=five).markdown)
    assert "**This data cannot show a difference**" in said
    assert "in only 15 ways" in said and "a p of 0.067 at best" in said
    assert "often arises by chance" not in said


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_an_unclear_touch_verdict_says_how_often_chance_gives_the_gap(sample, lang):
    """At company level the sample's gap has p = 0.059 (docs/statistics.md): it had said a gap
    this size 'often arises by chance', which 6 in 100 is not. It now says how often, as the
    share of the deals and as p, and both agree with the test cxlib.touch_test reports."""
    at = open_app(level="Companies" if lang == "en" else "Yritykset", lang=lang)
    said = " ".join(m.value for m in at.markdown)
    assert "often arises" not in said and "syntyy usein" not in said
    share, p = re.search(r"(\d+[.,]\d)\xa0?% .*\(p = (0[.,]\d{3})\)", said).groups()
    share, p = (float(x.replace(",", ".")) for x in (share, p))
    assert 0.05 <= p < 0.1 and abs(share / 100 - p) < 0.001


def test_a_model_s_unclear_verdict_does_not_speak_of_deals():
    """With ten or more companies a class the test is a multilevel model, not a dealing of
    companies: its words give the model's p, not a share of 'the ways the companies could
    fall into the two classes'."""
    from types import SimpleNamespace

    from pages.common import chance_words

    model = chance_words(SimpleNamespace(method="multilevel", p_value=0.2), "", "= 0.200")
    dealt = chance_words(SimpleNamespace(method="randomisation", p_value=0.2), "", "= 0.200")
    assert "multilevel model" in model and "ways" not in model and "20%" in model
    assert "20% of the ways the companies could fall" in dealt


def test_at_company_level_the_touch_verdict_deals_industries_and_says_so(sample):
    """The industry sets a company's touch class, so the company-level verdict deals the classes
    to industries (an industry in both classes counts in each) and says how many of each there
    are, in English and in Finnish."""
    rows = cxlib.panel_table(sample, cxlib.FilterState(level="companies")).table
    counts = rows.group_by("touch").agg(
        companies=pl.col("company").n_unique(), industries=pl.col("industry").n_unique()
    )
    (high_c, high_i), (low_c, low_i) = (
        counts.filter(pl.col("touch") == t).select("companies", "industries").row(0)
        for t in ("high", "low")
    )
    at = open_app(level="Companies")
    said = " ".join(m.value for m in at.markdown)
    assert (
        f"{high_c} high-touch and {low_c} low-touch companies "
        f"(in {high_i} industries and {low_i} industries)" in said
    )
    assert f"dealt anew to the {high_i + low_i} industry groups" in said
    notes = " ".join(c.value for c in at.caption)
    assert "counting every company as an independent witness" in notes
    assert "every unit as an independent witness" not in notes
    finnish = " ".join(m.value for m in open_app(level="Yritykset", lang="fi").markdown)
    assert f"{high_c} yritystä, joissa on paljon kohtaamisia ({high_i} toimialaa)" in finnish
    assert "Satunnaistamistesti toimialatasolla" in finnish


def test_one_industry_in_a_class_is_said_in_the_singular_in_finnish():
    """Five industries, one of them low-touch: the company-level note says '1 toimiala', not
    '1 toimialaa' (and '1 industry' in English)."""
    five = ["Airlines", "Hotels", "Banks", "Supermarkets", "Automobiles"]
    finnish = open_app(level="Yritykset", lang="fi", industry=five)
    notes = " ".join(c.value for c in finnish.caption)
    assert "vähän kohtaamisia -luokassa 1 toimiala," in notes and "1 toimialaa" not in notes
    english = " ".join(c.value for c in open_app(level="Companies", industry=five).caption)
    assert "low-touch ones in 1 industry," in english


def test_over_time_with_two_periods_says_which_moves_first_cannot_be_asked(sample):
    """Two periods chosen: each unit has one pair, so the page says the view cannot show which
    moves first and how to fix it, draws only the rows it can (units against each other), and
    prints no 'nan' difference. In Finnish too."""
    two = list(sample.periods[:2])
    at = open_app("over_time", period=two)
    said = " ".join(m.value for m in at.markdown)
    assert "**This view cannot show which moves first**" in said
    assert "neither clearly leads" not in said and "nan" not in said
    forest = at.get("plotly_chart")[0].proto.spec
    assert "Within units" not in forest and "All pairs" in forest
    finnish = " ".join(m.value for m in open_app("over_time", period=two, lang="fi").markdown)
    assert "**Tästä näkymästä ei näe, kumpi muuttuu ensin**" in finnish


def test_one_company_s_two_periods_say_first_that_the_rows_cannot_show_who_leads(one_company):
    """Two periods of one company: its intro had explained a 'Within units' row it does not
    draw, and the two rows it draws (one clear of zero, one touching it), in staff and
    customer colours, read as 'EX leads' before the words below said the data cannot show
    it. The words now come first, the intro speaks of the rows drawn, and both rows are one
    colour."""
    from pages import charts

    at = open_app("over_time", chosen=one_company)
    elements = [e for e in at.main if e.type in ("markdown", "plotly_chart")]
    kinds = [e.type for e in elements]
    verdict = next(
        i
        for i, e in enumerate(elements)
        if e.type == "markdown" and "cannot show which moves first" in e.value
    )
    assert verdict < kinds.index("plotly_chart"), kinds
    intro = " ".join(c.value for c in at.caption if "Pairs of consecutive periods" in c.value)
    assert "Within units" not in intro and "neither row says which moves first" in intro
    assert "rows below compare units with each other" in elements[verdict].value
    lead = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert set(lead["marker"]["color"]) == {charts.NEUTRAL}


def test_overview_with_one_touch_class_in_the_data_claims_no_mix_and_prints_no_nan(sample):
    """Every industry argued into the high-touch class (as an organisation's own data with one
    strategy has it): the low class has no units, so the page says the data has high-touch
    units only, shows the high class's own channel mix instead of saying high-touch units
    meet customers in person more, and corrects only the high class's r for noise (it had
    printed 'r = nan (vähän kohtaamisia)')."""
    every = sorted(sample.industries["industry"])
    for lang, only, claim in (
        ("en", "this view's data has high-touch units only", "meet customers in person more"),
        (
            "fi",
            "aineistossa on vain yksiköitä, joissa kohtaamisia on paljon",
            "useammin kasvokkain",
        ),
    ):
        at = open_app(high_touch=every, lang=lang)
        said = " ".join(m.value for m in (*at.markdown, *at.caption))
        assert re.search(r"\bnan\b", said) is None, lang
        assert only in said and claim not in said, lang
        tables = " ".join(h.proto.body for h in at.get("html"))
        mix = "High touch: share of its customer answers" if lang == "en" else "osuus luokan"
        assert mix in tables, lang
        if lang == "en":  # the absent class has no columns (they had stood empty)
            assert "Low touch: share" not in tables and "Low touch r" not in tables
            assert "High touch r" in tables


def test_linkage_never_calls_the_strongest_pair_strong_when_no_pair_is_clear():
    """A narrow view (public sector, phone: a handful of units): no pair of themes is clear
    once all are allowed for, so the strongest pair is not put in strength words either; it
    had read '0 of 48 pairs show a clear link … A strong link'."""
    at = open_app("linkage", segment=["Public sector"], channel=["phone"])
    said = " ".join(m.value for m in at.markdown)
    assert "**0 of" in said and "is not clear once all" in said
    assert "A strong link" not in said and "A moderate link" not in said
    default = " ".join(m.value for m in open_app("linkage").markdown)
    assert "is not clear once all" not in default and "link**: units where" in default


@pytest.mark.parametrize(
    ("lang", "query", "named"),
    [
        ("en", {"role": "back-office"}, "Staff role: back"),
        ("fi", {"role": "back-office"}, "Henkilöstön rooli: taustatoiminnot"),
        ("en", {"k": "40"}, "Minimum group size: 40"),
    ],
)
def test_a_view_the_privacy_rule_empties_names_the_choices_that_narrow_it(
    one_company, lang, query, named
):
    """Drivers on one company's back-office staff: the privacy rule hid every unit, and the
    page advised choosing more periods, channels or segments (all already 'all'), under an
    'interpret with caution' for results it did not show. It names the choice that narrows
    the view (a role, or a minimum asked above the default) and no caveat."""
    at = open_app("drivers", chosen=one_company, lang=lang, **query)
    [said] = [i.value for i in at.info if "🔒" in i.icon or "lock" in i.icon]
    assert named in said.replace("\\", ""), said
    assert "periods, channels or segments" not in said and "jaksoja, kanavia" not in said
    assert not [c for c in at.caption if "caution" in c.value or "varoen" in c.value]


@pytest.mark.parametrize("page", ["linkage", "drivers", "breaks"])
def test_a_view_emptied_by_privacy_says_so_beside_an_industry_without_unit_data(page):
    """Hospitals (no unit data) with Airlines (units, all hidden by the privacy rule in this
    segment, channel and period): the unit pages had said only 'no unit data for Hospitals …
    pick one of them', with Airlines already picked. The rule is the reason, said first; the
    note on Hospitals stays below it."""
    at = open_app(
        page,
        industry=["Hospitals", "Airlines"],
        segment=["Small business"],
        channel=["phone"],
        period=["2023-Q1"],
    )
    [locked] = [i.value for i in at.info if "lock" in i.icon]
    assert "privacy rule" in locked
    assert not [i for i in at.info if "No unit data" in i.value]
    assert [c for c in at.caption if "No unit data for Hospitals" in c.value]


def test_a_phone_s_linkage_list_says_of_every_pair_whether_its_link_is_clear():
    """The phone's list had left 'Clear link' blank for pairs that are not clear, and a card
    then showed no such line at all (a blank reads as a missing value). Every pair says one
    or the other, in the reader's language."""
    for lang, words in (("en", {"clear", "not clear"}), ("fi", {"selvä", "ei selvä"})):
        narrow = open_app("linkage", segment=["Public sector"], channel=["phone"], lang=lang)
        default = open_app("linkage", lang=lang)
        clear = {"en": "clear", "fi": "selvä"}[lang]  # the sample's 12 strongest all are
        for at, expected in ((narrow, words - {clear}), (default, {clear})):
            [listed] = [h.proto.body for h in at.get("html") if "<table" in h.proto.body][:1]
            cells = re.findall(r'data-label="(?:Clear link|Selvä yhteys)"[^>]*>([^<]*)<', listed)
            assert len(cells) == listed.count("<tr") - 1, cells  # one per pair
            assert set(cells) <= words and expected <= set(cells), (lang, cells)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_phone_s_linkage_list_says_it_shows_the_strongest_pairs_only(lang):
    """A phone lists 12 of the 48 pairs; its caption had spoken of every cell and of stars the
    list does not have. The phone's caption now says how many of how many; the grid's is
    shown beside the grid only."""
    at = open_app("linkage", lang=lang)
    [phone] = keyed_texts(at, "narrow-only-heatmap-caption")
    [wide] = keyed_texts(at, "wide-only-heatmap-caption")
    strongest = {
        "en": "the 12 strongest of the 48 pairs",
        "fi": "48 henkilöstö- ja asiakasteeman parista vahvimmat 12",
    }
    assert strongest[lang] in phone
    assert "*" not in phone.replace("*Clear*", "").replace("*Selvä*", "")
    assert "* mark" in wide or "* merkitsee" in wide
    [listed] = [h.proto.body for h in at.get("html") if "<table" in h.proto.body][:1]
    assert listed.count("<tr") == 1 + 12  # its header and the 12 pairs the caption names


@pytest.mark.parametrize("level", ["Units", "Companies"])
def test_overview_with_one_touch_class_chosen_says_the_filter_hides_the_other(level):
    """Touch strategy set to High: the page says its comparison needs both classes and how to
    get it back, gives no verdict, and no caveat blames the hidden class's data."""
    at = open_app(level=level, touch="High")
    assert any("Set Touch strategy to Both" in i.value for i in at.info)
    said = " ".join(m.value for m in at.markdown)
    assert "cannot be tested" not in said and "cannot tell the two apart" not in said
    captions = " ".join(c.value for c in at.caption)
    assert "(Low touch)" not in captions and "n = 0" not in captions
    assert "Hidden by the touch filter." in captions and "Not enough data" not in said


def test_the_same_theme_inside_and_out_reads_level_on_a_phone():
    """Upright bars are 18 px wide on a phone: plotly turned their values and the theme names
    90°. The bars run across, the names down the side, the values level, every theme there
    with both sides' means."""
    at = open_app("linkage")
    [bars] = [f for f in figures(at) if any(t.get("type") == "bar" for t in f["data"])]
    staff, customers = bars["data"]
    names = [n.replace("<br>", " ") for n in staff["y"]]
    assert staff["orientation"] == customers["orientation"] == "h"
    assert staff["textangle"] == customers["textangle"] == 0
    assert names == [n.replace("<br>", " ") for n in customers["y"]] and len(names) == 6
    means = [np.frombuffer(base64.b64decode(t["x"]["bdata"])) for t in (staff, customers)]
    assert all(((m >= 1) & (m <= 5)).all() and len(m) == 6 for m in means)


def test_the_same_theme_inside_and_out_writes_every_mean_with_two_decimals():
    """Its bar values had dropped trailing zeros: '3' and '3,3' beside '3,58'. Each mean now
    has the two decimals a 1–5 mean takes, in its value and its hover text."""
    at = open_app("linkage", lang="fi")
    [bars] = [f for f in figures(at) if any(t.get("type") == "bar" for t in f["data"])]
    for trace in bars["data"]:
        assert trace["texttemplate"] == "%{x:.2f}", trace["texttemplate"]
        assert "%{x:.2f}" in trace["hovertemplate"]
    assert bars["layout"]["separators"].startswith(",")  # '3,00': the decimal comma


@pytest.mark.parametrize(("lang", "touch"), [("en", "Low"), ("fi", "Vähän kohtaamisia")])
def test_the_channel_section_with_one_touch_class_does_not_promise_a_gap(lang, touch):
    """Low touch only: the channel table holds the low-touch slopes alone, and its caption had
    still introduced 'the gap within each channel'. It says the gap needs both classes."""
    at = open_app(touch=touch, lang=lang)
    captions = " ".join(c.value for c in at.caption)
    assert "The gap within each channel" not in captions
    assert "Ero kunkin kanavan sisällä" not in captions
    assert "needs both touch classes" in captions or "vaatii molemmat luokat" in captions
    both = " ".join(c.value for c in open_app(lang=lang).caption)
    assert "The gap within each channel" in both or "Ero kunkin kanavan sisällä" in both


@pytest.mark.parametrize("page", ["industries", "linkage", "over_time"])
def test_each_forest_plot_s_numbers_are_in_a_table_beside_it(page):
    """A screen reader had only the forest plots' tick labels, and the per-industry and
    per-group r were nowhere else on the pages. Each plot's r values are in a table one click
    away, as many as the plot draws, the same numbers."""
    at = open_app(page)
    [numbers] = [e for e in at.get("expander") if e.label == "The numbers in this chart"][:1]
    body = " ".join(h.proto.body for h in numbers.get("html"))
    shown = [float(v.replace("−", "-")) for v in re.findall(r"<td[^>]*>([−-]?\d\.\d\d)</td>", body)]
    forests = [
        t for f in figures(at) for t in f["data"] if t.get("error_x") and t.get("mode") == "markers"
    ]
    drawn = forests[-1]["x"] if page == "linkage" else forests[0]["x"]
    drawn = drawn if isinstance(drawn, list) else np.frombuffer(base64.b64decode(drawn["bdata"]))
    assert sorted(shown) == sorted(round(float(v), 2) for v in drawn)  # r alone fills a cell


def test_counts_are_written_with_the_language_s_thousands_as_number_writes_them():
    from cxlib.strings import number, speaking
    from pages.common import whole

    counts = pl.DataFrame({"n": [0, 7, 999, 1000, 4418, 65432, 1_000_000, 12_345_678]})
    for lang in ("en", "fi"):
        with speaking(lang):
            shown = counts.select(whole(pl.col("n"))).to_series().to_list()
            assert shown == [number(v, ",") for v in counts["n"]]


def test_the_linkage_numbers_keep_the_plot_s_blocks_and_its_n():
    """The table had listed segments, channels and roles mixed, strongest first, under a plot
    drawn in blocks, and n as 4418 beside the plot's 'n=4,418'."""
    at = open_app("linkage")
    [numbers] = [e for e in at.get("expander") if e.label == "The numbers in this chart"]
    body = numbers.get("html")[0].proto.body
    groups = re.findall(r'data-label="Group">([^:<]+):', body)
    assert groups and groups == sorted(groups, key=lambda g: list(dict.fromkeys(groups)).index(g))
    assert len(dict.fromkeys(groups)) == 3  # segment, channel, role: each in one block
    timing = open_app("over_time")
    [numbers] = [e for e in timing.get("expander") if e.label == "The numbers in this chart"][:1]
    assert re.search(r'data-label="n" class=num>\d{1,3},\d{3}<', numbers.get("html")[0].proto.body)


def test_a_link_to_the_main_page_has_its_slash_before_the_query():
    """The report's link read 'http://host:8661?present=true'."""
    from pages.workshop import _address

    assert _address("http://host:8661", {"touch": "High"}) == "http://host:8661/?touch=High"
    assert _address("http://host:8661/linkage", {}) == "http://host:8661/linkage"


def test_which_moves_first_says_what_its_difference_is_between():
    """'Within units, EX leads CX: the difference is +0.51' left a reader asking: between
    what? It names the two links it subtracts."""
    said = " ".join(c.value for c in open_app("over_time").caption)
    assert "the difference is" not in said
    assert "the link from EX now to CX next period is stronger than from CX now" in said


@pytest.mark.parametrize("chosen", [["2023-Q1"], ["2023-Q1", "2023-Q3", "2024-Q1"]])
def test_over_time_with_no_two_periods_in_a_row_says_so_and_still_shows_each_period(chosen):
    """Periods chosen with none next to another: the page says which moves first needs
    periods in a row, names the chosen ones, and still draws each period's means; it had said
    only 'Nothing matches these filters'."""
    at = open_app("over_time", period=chosen)
    info = " ".join(i.value for i in at.info).replace("\\", "")  # markdown escapes undone
    assert "needs two or more periods in a row" in info and chosen[0] in info
    assert "Nothing matches" not in info
    trend = at.get("plotly_chart")[-1].proto.spec
    assert all(f'"{period}"' in trend for period in chosen)  # the trend's x values


def test_the_years_picker_says_an_empty_choice_means_the_latest_year(sample):
    """With no year chosen the company level shows the latest year only: the picker says so
    ('Latest year (2019)'), where it had said 'All'."""
    latest = str(sample.companies["year"].max())
    at = open_app(level="Companies")
    assert at.multiselect(key="year").placeholder == f"Latest year ({latest})"
    finnish = open_app(level="Yritykset", lang="fi")
    assert finnish.multiselect(key="year").placeholder == f"Viimeisin vuosi ({latest})"


def test_table_numbers_write_negatives_with_the_minus_sign_of_the_charts():
    """Tables and chart axes write a negative the same way (−0.07, U+2212); empty stays empty."""
    column = pl.DataFrame({"v": [-0.0712, 0.3, None, float("nan"), -3.0]})
    text = column.select(fixed(pl.col("v")).alias("two"), fixed(pl.col("v"), 0).alias("whole"))
    assert text["two"].to_list() == ["\u22120.07", "0.30", None, None, "\u22123.00"]
    assert text["whole"].to_list() == ["0", "0", None, None, "\u22123"]


def test_table_p_values_below_a_thousandth_read_as_less_than_one():
    """Linkage's and the breaks' tables had printed 'p (adjusted) 0.000' (read as no chance at
    all); a p below 0.001 reads '< 0.001', as the page's sentences write it."""
    from pages.common import p_column

    column = pl.DataFrame({"p": [0.0000004, 0.0009, 0.001, 0.0421, None]})
    assert column.select(p_column(pl.col("p")))["p"].to_list() == [
        "< 0.001",
        "< 0.001",
        "0.001",
        "0.042",
        None,
    ]


def test_the_action_list_shows_an_empty_due_date_as_an_empty_cell():
    """An action without a due date: its editor shows an empty cell, not Streamlit's default
    word 'None' (English in a Finnish page, and not what a reader typed)."""
    at = open_app("drivers", chosen={"actions": one_action()})
    (editor,) = [d.proto for d in at.dataframe if d.proto.editing_mode]
    assert editor.HasField("placeholder") and editor.placeholder == ""


def test_the_action_list_puts_what_a_reader_types_next_to_the_theme():
    """On a phone the grid shows about two columns: owner and due date come right after the
    theme, the read-only reason after what is typed. The reason, widened to be read whole,
    comes last, after the box that removes a row (it had pushed that off a laptop's screen)."""
    at = open_app("drivers", chosen={"actions": one_action()})
    (editor,) = [d.proto for d in at.dataframe if d.proto.editing_mode]
    order = list(editor.column_order)
    assert order[:3] == ["theme", "owner", "due"] and order.index("why") > order.index("notes")
    assert order[-2:] == ["remove", "why"]


def test_the_action_list_s_basis_can_be_read_whole():
    """The basis ('impact 23% (95% interval 15–31%), staff score 3.2 / 5…') was cut at the
    grid's edge, on a laptop too: it is also written out in full under the grid, one line an
    action, under the column's own name (Why)."""
    at = open_app("drivers", chosen={"actions": one_action()})
    (editor,) = [d.proto for d in at.dataframe if d.proto.editing_mode]
    [basis] = [e for e in at.expander if e.label == "Why"]
    [line] = [report_text(c.value) for c in basis.caption]
    assert (
        line
        == "**Enablement**: impact 23% (95% interval 15–31%), staff score 3.2 / 5, develop first"
    )


def test_over_time_never_says_periods_in_a_row_are_not_in_a_row():
    """Two periods in a row whose pairs the privacy rule hides (public sector, digital): the
    page says the view is empty, not that the periods do not follow each other."""
    at = open_app(
        "over_time", segment=["Public sector"], channel=["digital"], period=["2023-Q1", "2023-Q2"]
    )
    assert not any("periods in a row" in i.value for i in at.info)


def test_the_priority_matrix_draws_its_guides_under_the_theme_names():
    """On a phone the names cross the median guides: the dotted lines go under the points and
    names (over the grid), and each name has a white halo, so a crossed name stays readable."""
    import json

    at = open_app("drivers")
    (matrix,) = [
        json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"markers+text"' in c.proto.spec
    ]
    assert [s["layer"] for s in matrix["layout"]["shapes"]] == ["between", "between"]
    assert matrix["data"][0]["textfont"]["shadow"].startswith("0 0 3px white")


def test_industries_too_small_for_a_correlation_say_so_instead_of_an_empty_chart():
    """An uploaded panel of eight companies, two per industry: no industry has an r of its
    own, and the Industries page had drawn an empty chart with an axis from -1 to 4. It now
    says why in words; the touch classes' correlations (four companies each) still show."""
    from cxlib.strings import TEXT
    from pages.common import Upload

    industries = "industry,touch,description\nA,high,a\nB,high,b\nC,low,c\nD,low,d\n"
    scores = [
        (3.1, 70),
        (3.5, 72),
        (3.9, 80),
        (3.0, 66),
        (3.3, 75),
        (3.6, 68),
        (4.0, 79),
        (2.9, 71),
    ]
    companies = ["company,industry,year,employee_rating,customer_score,strategy"] + [
        f"Co{i},{'ABCD'[i // 2]},2024,{ex},{cx}," for i, (ex, cx) in enumerate(scores)
    ]
    files = {"industries.csv": industries, "companies.csv": "\n".join(companies) + "\n"}
    upload = Upload({name: text.encode() for name, text in files.items()})
    at = open_app("industries", chosen={"upload": upload, "next_source": TEXT["source_upload"]})
    assert [i.value for i in at.info] == [TEXT["forest_industry_none"]]
    (scatter,) = at.get("plotly_chart")  # the companies' scatter, no empty forest
    assert "r = 0.96 [0.03, 1.00], n = 4" in " ".join(h.proto.body for h in at.get("html"))


def test_an_r_without_an_interval_is_said_without_nan():
    """Three units of one company have an r but no independent pairs for an interval: the
    pages had printed 'r = −0.95 [nan, nan], n = 3'."""
    from pages.common import r_words

    assert r_words(-0.95, float("nan"), float("nan"), 3) == (
        "r = \u22120.95, n = 3 (too few independent pairs for an interval)"
    )
    assert r_words(float("nan"), None, None, 2) == "not enough data (n = 2)"
    assert r_words(0.5, 0.1, 0.8, 40) == "r = 0.50 [0.10, 0.80], n = 40"


def test_views_of_two_levels_are_refused_in_plain_finnish():
    """A unit view against a company view is refused; the Finnish sentence had read 'näyttää
    tason yksiköt' and paired a singular subject with a plural verb."""
    units, companies = saved_views("High", "Low")
    companies = type(companies)(
        **{**companies.__dict__, "values": companies.values | {"level": "Companies"}}
    )
    at = open_app("compare", lang="fi", chosen={"views": [units, companies]})
    said = " ".join(i.value for i in at.info)
    assert "Ensimmäinen näkymä on yksikkötasolla ja toinen yritystasolla" in said, said
    assert "yhteys ja yritysten välinen yhteys eivät ole sama mittari" in said


def test_a_lopsided_top_is_said_with_its_likelier_theme_first_and_the_rankings_named():
    """A reviewer's view where one theme came first in 94% of resamples and another in 5%:
    the page said 'A tie at the top … cannot be told apart', which a reader takes for a
    contradiction of 94 against 5. It now says no top driver is settled, names the likelier
    first with each theme's own share, and the table's headers say which ranking each column
    is (the priority rank beside the impact's plausible ranks)."""
    import re

    view = {"touch": "High", "channel": ["in-person"], "role": ["customer-facing"]}
    at = open_app("drivers", **view, period=["2024-Q1", "2024-Q2"], ex="Engagement")
    verdict = next(m.value for m in at.markdown if "top driver" in m.value)
    assert verdict.startswith("**No settled top driver**"), verdict
    shares = [int(p) for p in re.findall(r"(\d+)%", verdict.split("(")[1].split(")")[0])]
    assert len(shares) >= 2 and shares == sorted(shares, reverse=True), verdict
    table = next(h.proto.body for h in at.get("html") if "Priority rank" in h.proto.body)
    heads = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert "Plausible impact ranks" in heads and "Chance of the top impact %" in heads
    column = heads.index("Chance of the top impact %")
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table)]
    chances = {r[1]: float(r[column]) for r in rows if r}
    first = max(chances, key=chances.get)
    assert verdict.index(first) < min(
        verdict.index(t) for t in chances if t != first and t in verdict
    )


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_drivers_reads_its_matrix_without_a_causal_promise(lang):
    """The page says its shares are not causal effects; the matrix's reading then said that
    improving the develop-first themes 'should move customers most'. It names them by what
    the data shows (much of the outcome, a low staff score) and says the link is no proof."""
    at = open_app("drivers", lang=lang)
    said = " ".join(c.value for c in at.caption).lower()
    assert "should move" not in said and "pitäisi vaikuttaa" not in said
    assert "not proof" in said or "ei todista" in said


def test_a_drivers_tie_accounts_for_every_resample():
    """Staff in customer-facing roles: two themes share the first place (64%, 33%), and the
    table gives two more a small chance of it. The verdict named the two only; it now says
    that other themes came first in the rest, so its shares add up to all the resamples."""
    at = open_app("drivers", role=["customer-facing"])
    [tie] = [m.value for m in at.markdown if m.value.startswith("**No settled top driver")]
    named, rest = re.search(
        r"resamples of units \(([^)]*)\).*remaining resamples \((\d+)%\)", tie
    ).groups()
    shares = [int(v.strip().rstrip("%")) for v in named.split(",")]
    assert len(shares) == 2 and abs(sum(shares) + int(rest) - 100) <= 1


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_ranked_table_s_columns_are_each_explained(lang):
    """'Dominance %' and 'Chance of the top impact %' were never explained on the page."""
    from cxlib.strings import TEXT, speaking

    at = open_app("drivers", lang=lang)
    [read] = [c.value for c in at.caption if c.value.startswith(("How to read", "Sarakkeiden"))]
    with speaking(lang):
        for key in ("column_impact", "column_rank_range", "column_p_top", "column_dominance"):
            named = TEXT[key].removesuffix(" %").removesuffix(" (%)")
            assert f"{named}:" in read, (named, read)


def test_the_ranked_table_writes_each_quadrant_as_the_matrix_does():
    """The table said 'develop first' under the matrix's 'Develop first'."""
    at = open_app("drivers")
    [table] = [t.proto.body for t in at.get("html") if "Where it sits" in t.proto.body]
    cells = re.findall(r'data-label="Where it sits">([^<]+)<', table)
    assert cells and all(c[0].isupper() for c in cells), cells


def test_drivers_does_not_call_two_methods_in_conflict_when_they_show_the_same_numbers():
    """The sample's default view: relative weights and dominance put two themes at 4.8 each
    by both methods; the page said the second method 'orders them differently'."""
    said = " ".join(c.value for c in open_app("drivers").caption)
    assert "(general dominance) orders" not in said


@pytest.mark.parametrize("page", ["drivers", "over_time"])
def test_a_filtered_view_says_its_filters_at_the_top_of_the_page(page):
    """On a phone the sidebar is folded: a link with filters showed other numbers than the
    default and no word of why. A filtered view now says its choices in one line above the
    page; the default view does not."""
    at = open_app(page, touch="High", channel=["in-person"], role=["customer-facing"])
    line = report_text(at.main.caption[0].value)
    assert "High touch" in line and "in-person" in line and "customer-facing" in line, line
    assert not any(" · " in c.value for c in open_app(page).main.caption)


def test_a_compare_link_opens_on_the_same_two_views_in_either_language():
    """A shared Compare link had opened on 'No named views yet': named views live in one
    browser's session. The link now carries the compared views; opened anywhere (in Finnish
    too) they are saved under their names, picked, and compared with the same numbers."""
    from cxlib.linked_views import LinkedView, to_token

    high = LinkedView(name="Korkea", page="overview", lang="en", query={"touch": ["High"]})
    both = LinkedView(name="Kaikki", page="overview", lang="en", query={"touch": ["Both"]})
    token = to_token([high, both])
    english = open_app("compare", cmp=token)
    assert (
        english.selectbox(key="compare_first").value,
        english.selectbox(key="compare_second").value,
    ) == ("Korkea", "Kaikki")
    assert not english.sidebar.warning and not english.warning
    finnish = open_app("compare", cmp=token, lang="fi")
    assert finnish.session_state["views"][0].values["touch"] == "Paljon kohtaamisia"
    numbers = [
        re.findall(
            r"[−-]?\d+[.,]\d+",
            " ".join(h.proto.body.split("</style>")[-1] for h in at.get("html")),
        )
        for at in (english, finnish)
    ]
    assert numbers[0] and [n.replace(",", ".") for n in numbers[1]] == numbers[0]
    same = open_app("compare", chosen={"views": saved_views("High", "Both")})
    assert " ".join(h.proto.body for h in same.get("html")).count(numbers[0][0])


def test_a_compare_link_against_the_current_view_opens_on_that_comparison():
    """A facilitator compared a saved view with the current one (Low touch) and shared the
    link: it opened on the first two saved views instead, another comparison with the opposite
    verdict. The link now says which two it compares; the current view comes back as the
    link's own filters."""
    now = "The view now"
    views = saved_views("High", "Both")
    at = open_app("compare", touch="Low", chosen={"views": views, "compare_second": now})
    assert (at.selectbox(key="compare_first").value, at.selectbox(key="compare_second").value) == (
        "High",
        now,
    )
    query = parse_qs(urlsplit(at.sidebar.code[0].value).query)
    opened = open_app("compare", **{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    picked = (opened.selectbox(key="compare_first").value, opened.selectbox(key="compare_second"))
    assert (picked[0], picked[1].value) == ("High", now)
    assert opened.sidebar.radio(key="touch").value == "Low"
    shown = [" ".join(h.proto.body for h in a.get("html")) for a in (at, opened)]
    assert shown[0] == shown[1]


def test_a_compare_link_with_a_broken_token_says_so_and_opens():
    at = open_app("overview", cmp="eJwLSS0u0S1KLS7NySxJTQE")  # said where the link opens
    assert any("could not be read" in w.value for w in at.sidebar.warning)
    at.switch_page("pages/compare.py").run()
    assert any("No named views yet" in i.value for i in at.info) and not at.exception


def test_the_drivers_matrix_joins_a_name_set_apart_to_its_point_by_a_line():
    at = open_app("drivers")
    [matrix] = [f for f in figures(at) if f["data"][0].get("mode") == "markers+text"]
    names = [n for n in matrix["data"][0]["text"] if n]
    lined = [a for a in matrix["layout"]["annotations"] if a.get("showarrow")]
    assert len(names) + len(lined) == 6  # every theme named once: beside or with a line
    assert lined and all(a["ax"] or a["ay"] for a in lined)  # the sample's crowd needs some


def test_on_a_projector_no_words_on_a_chart_are_smaller_than_its_ticks():
    """Presentation mode (22 px type, 20 px ticks): the Drivers corners' words had been scaled
    from 12 to 16 px, and Linkage's bar values were drawn inside the bars, where plotly shrank
    them to the bar's thickness (14 px on a 1920 px projector). Both are read from the back of
    the room."""
    corners = corners_of(open_app("drivers", present="true"))
    assert len(corners) == 4 and all(a["font"]["size"] >= 20 for a in corners)
    linkage = figures(open_app("linkage", present="true"))
    bars = [t for f in linkage for t in f["data"] if t["type"] == "bar"]
    assert bars and all(
        t.get("textposition") == "outside" and t.get("constraintext") == "none" for t in bars
    )
    assert all(a["font"]["size"] == 12 for a in corners_of(open_app("drivers")))  # a screen


def corners_of(at) -> list[dict]:
    [matrix] = [f for f in figures(at) if f["data"][0].get("mode") == "markers+text"]
    return [a for a in matrix["layout"]["annotations"] if not a.get("showarrow")]


def test_an_import_that_leaves_something_out_is_ready_with_a_but_not_all_green(sample):
    """The checks pass, but five staff rows spell a unit in lower case: the import is ready,
    and says so in a warning that lists what needs a look (the two spellings read as one
    unit), not a green 'All checks passed' under small grey notes (a reviewer's import had
    lost 109 of 240 staff responses beside a green box). A clean import stays green."""
    from tests import survey_exports as se

    tables = se.study(sample)
    staff = tables["employee_responses"]
    unit = staff["unit_id"][0]
    typo = staff.with_columns(
        pl.when(pl.int_range(pl.len()) < 5)
        .then(pl.lit(unit.lower()))
        .otherwise(pl.col("unit_id"))
        .alias("unit_id")
    )
    customers = se.google(tables["customer_responses"], "customers")
    for rows, cautions in ((typo, True), (staff, False)):
        at = open_app("surveys")
        at.get("file_uploader")[0].set_value(("staff.csv", se.google(rows, "staff"), "text/csv"))
        at.run()
        at.get("file_uploader")[1].set_value(("customers.csv", customers, "text/csv")).run()
        assert not failures(at)
        if cautions:
            assert not at.success
            [ready] = [w.value for w in at.warning if w.value.startswith("All checks passed")]
            assert "Before you use it" in ready and "written in more than one way" in ready
            assert f"\\'{unit.lower()}\\' → \\'{unit}\\'" in ready  # as typed, escaped
            captions = " ".join(c.value for c in at.caption)
            assert "written in more than one way" not in captions  # said once, in the warning
            swipe = "swipe it sideways for Use as, Theme, Reverse-worded, Scale"
            assert captions.count(swipe) == 2  # a phone sees the question column only
        else:
            assert [s.value for s in at.success][0].startswith("All checks passed")
            assert not [w for w in at.warning if "Before you use it" in w.value]


def surveys_with_exports(tables: dict, write, suffix: str, lang: str = "fi") -> AppTest:
    """The import page (Finnish unless told) with a staff and a customer export of `tables`
    dropped, each written by `write` (a survey_exports layout) as a .`suffix` file."""
    at = open_app("surveys", lang=lang)
    for i, (side, name) in enumerate(
        (("staff", "employee_responses"), ("customers", "customer_responses"))
    ):
        exported = (f"{side}.{suffix}", write(tables[name], side), "application/octet-stream")
        at.get("file_uploader")[i].set_value(exported).run()
    return at


def test_the_import_preview_names_its_tables_in_the_readers_words(sample):
    """The preview's expanders had read 'employee_responses dokumentoidussa rakenteessa' to a
    Finnish HR analyst: a file name of the data contract, where she looks for her staff's
    answers. They now lead with what the table holds, the contract's name after it."""
    from tests import survey_exports as se

    at = surveys_with_exports(se.study(sample), se.google, "csv")
    labels = [e.label for e in at.expander]
    [staff_table] = [label for label in labels if "employee_responses" in label]
    assert staff_table.startswith("Henkilöstön vastaukset, 666 riviä")
    assert any(label.startswith("Asiakkaiden vastaukset") for label in labels)


def test_back_on_the_import_page_the_import_in_use_can_be_corrected(sample):
    """After 'Use this data' the company was still the default 'Our company'; back on the
    import page both drops were empty, and correcting it meant finding and dropping both
    exports again. The page now opens the import in use, its mapping as used: renamed and
    used again, the pages name the new company."""
    from tests import survey_exports as se

    at = surveys_with_exports(se.study(sample), se.google, "csv", lang="en")
    [use] = [b for b in at.button if b.label == "Use this data"]
    use.click().run()
    at.switch_page("pages/surveys.py").run()
    said = " ".join(i.value for i in at.info)
    assert "The import in use, staff\\.csv and customers\\.csv" in said  # names as typed
    [company] = [t for t in at.text_input if t.label == "Company"]
    assert company.value == "Our company"
    company.set_value("Northern Hotels").run()
    [use] = [b for b in at.button if b.label == "Use this data"]
    use.click().run()
    captions = " ".join(c.value for c in at.caption)
    assert "This data holds one company, Northern Hotels" in captions


def test_the_mapping_step_has_a_role_table_beside_the_channel_table(sample):
    """A staff export's role answers could not be set to the two roles: the step had a table
    of words for the channel only. The role column now has one too, its answers suggested."""
    from tests import survey_exports as se

    at = surveys_with_exports(se.study(sample), se.webropol, "xlsx")
    keys = [e.key or "" for e in at.data_editor]
    assert any(k.endswith("-staff-role-values") for k in keys), keys
    assert any(k.endswith("-customers-channel-values") for k in keys), keys
    ready = " ".join(s.value for s in at.success)
    assert ready.startswith("Kaikki tarkistukset")


def test_the_design_kit_table_speaks_finnish_in_finnish():
    """The kit's question table had 'staff', 'customers', '1–5 agreement' and 'answer' in the
    Finnish page; they read in Finnish now, and stay as they were in English."""
    tables = {
        lang: " ".join(h.proto.body for h in open_app("surveys", lang=lang).get("html"))
        for lang in ("fi", "en")
    }
    assert ">henkilöstö<" in tables["fi"] and ">asiakkaat<" in tables["fi"]
    assert ">1–5 samaa mieltä<" in tables["fi"] and ">vastaus<" in tables["fi"]
    assert not {">staff<", ">customers<", ">answer<", "agreement"} & set(
        re.findall(r">staff<|>customers<|>answer<|agreement", tables["fi"])
    )
    assert ">staff<" in tables["en"] and ">1–5 agreement<" in tables["en"]


def test_the_design_kit_writes_its_survey_files_in_the_readers_language_first():
    """On the Finnish page the kit's Qualtrics files were set to English; they start in the
    reader's language (the files are the English page's only once English is picked)."""

    def files(at) -> list[str]:
        return [b.proto.url for b in at.get("download_button") if "qualtrics" in (b.key or "")]

    finnish, english = (open_app("surveys", lang=lang) for lang in ("fi", "en"))
    assert finnish.radio(key="kit-language").value == "fi"
    assert english.radio(key="kit-language").value == "en"
    assert len(files(english)) == 2 and not set(files(finnish)) & set(files(english))
    finnish.radio(key="kit-language").set_value("en").run()
    assert files(finnish) == files(english)


def test_linkage_names_the_sidebar_pair_its_split_chart_uses():
    """The chart by segment, channel and role uses the sidebar's EX and CX, not the pair
    picked above it; it did not say so, and read as the picked pair's after a new pick. Its
    title names the sidebar's pair, whatever is picked."""
    from cxlib.controls import metric_label

    at = open_app("linkage")
    at.selectbox(key="pair_ex").set_value(at.selectbox(key="pair_ex").options[-1]).run()
    view = at.session_state["view"]
    picked = at.selectbox(key="pair_ex").value
    titles = [report_text(m.value) for m in at.markdown]
    [title] = [t for t in titles if "by segment, channel and staff role" in t]
    sidebar = f"{metric_label(view.ex_metric)} × {metric_label(view.cx_metric)}"
    assert f"({sidebar}: the sidebar's pair)" in title and picked not in title


# --- a link made on uploaded data -----------------------------------------------------------


def test_a_link_made_on_an_upload_carries_a_mark_of_its_data_and_says_so(one_company):
    """Uploaded data never travels with a link: the link carries the start of its fingerprint
    (nothing of the data), and its caption says whoever opens it will be asked to upload the
    same exports. On the sample no mark is carried: its readers see the same data."""
    from pages.common import BUNDLE

    at = open_app("linkage", chosen=one_company)
    [link] = [c.value for c in at.sidebar.code]
    mark = at.session_state[BUNDLE].fingerprint[:12]
    assert parse_qs(urlsplit(link).query)["data"] == [mark]
    assert any("not your data" in c.value for c in at.sidebar.caption)
    sample = open_app("linkage")
    assert "data=" not in sample.sidebar.code[0].value
    assert not any("not your data" in c.value for c in sample.sidebar.caption)


def test_a_link_made_on_other_data_says_so_above_the_page():
    """An executive opened an analyst's link on a phone and read the synthetic sample's
    drivers as the company's, with no word: the page now says above everything (where a
    phone's folded sidebar hides nothing) that the link was made on other data and what is
    shown instead, and the link passed on keeps the mark."""
    at = open_app("drivers", data="0123456789ab")  # app.py says it above every page alike
    [said] = [w.value for w in at.main.warning if "made on other data" in w.value]
    assert "the synthetic sample" in said and "Your surveys" in said
    assert "data=0123456789ab" in at.sidebar.code[0].value
    assert not [n for n in at.session_state["link_notes"] if "data" in str(n)]  # not "ignored"
    plain = open_app("drivers")
    assert not [w for w in plain.main.warning if "made on other data" in w.value]


def test_the_link_s_view_arrives_with_its_data(one_company):
    """Told to upload the same exports, the recipient does: the warning goes, and the link's
    choices apply to the data (a change of data had put every filter back to its default)."""
    from pages.common import BUNDLE, NEXT_SOURCE, UPLOAD

    mark = open_app(chosen=one_company).session_state[BUNDLE].fingerprint[:12]
    at = open_app("linkage", data=mark, segment="Consumer")
    assert [w for w in at.main.warning if "made on other data" in w.value]
    at.session_state[UPLOAD] = one_company["upload"]
    at.session_state[NEXT_SOURCE] = one_company["next_source"]
    at.run()
    assert not failures(at)
    assert at.session_state[BUNDLE].fingerprint.startswith(mark)
    assert not [w for w in at.main.warning if "made on other data" in w.value]
    assert at.sidebar.multiselect(key="segment").value == ["Consumer"]
    other = open_app("linkage", data="0123456789ab", segment="Consumer")
    other.session_state[UPLOAD] = one_company["upload"]
    other.session_state[NEXT_SOURCE] = one_company["next_source"]
    other.run()  # other data than the link's: its choices stay behind, as before
    assert not other.sidebar.multiselect(key="segment").value
    # The reader's own data now: 'what you see is the synthetic sample' would be untrue.
    assert not [w for w in other.main.warning if "made on other data" in w.value]


def test_the_sample_is_named_on_every_page_a_link_can_open():
    """Only the Overview had said the data is synthetic; a link to Drivers on a phone showed
    none of it. Each other page says so in one line at its top (the Overview's box says more),
    and an upload's pages do not."""
    for page in ("drivers", "data"):  # app.py draws the line above every page alike
        at = open_app(page)
        assert [c for c in at.main.caption if c.value.startswith("Synthetic sample")], page
    assert not [c for c in open_app("overview").main.caption if c.value.startswith("Synthetic")]
    # On the import page itself, not 'your own surveys go in on the page Your surveys'.
    for lang in ("en", "fi"):
        said = " ".join(c.value for c in open_app("surveys", lang=lang).main.caption)
        assert "Synthetic sample in use" in said or "synteettinen esimerkkiaineisto" in said
        assert "go in on the page" not in said and "tuodaan sivulla" not in said


def test_where_the_rule_breaks_writes_the_customer_index_in_whole_points_and_not_in_touch_colours():
    """Companies' customer index (0–100, whole points) had read '59.00' and '76.00'; and two
    kinds of break were drawn in the touch classes' orange and blue beside a table that gives
    each company's touch class. Whole points, and colours of their own."""
    from pages import charts

    at = open_app("breaks", level="Companies")
    body = " ".join(h.proto.body for h in at.get("html") if "<table" in h.proto.body)
    cells = re.findall(r'data-label="(CX|CX the line expects)"[^>]*>([^<]*)<', body)
    assert cells and all(re.fullmatch(r"\d+", value) for _, value in cells), cells
    [scatter] = [f for f in figures(at) if len(f["data"]) > 1]
    drawn = {t["marker"]["color"] for t in scatter["data"] if t.get("mode") == "markers"}
    assert drawn and {charts.HIGH, charts.LOW}.isdisjoint(drawn), drawn


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "once per period"), ("fi", "kerran jaksoa kohden")]
)
def test_the_overview_s_channel_table_says_its_points_are_unit_periods(lang, words):
    """Its phone r read 0.50 beside the headline's 0.65 for the same phone view (and Linkage's
    0.65): the table counts each unit once per period, the others each unit's mean. The page
    says so above the table."""
    at = open_app(lang=lang)
    assert [c for c in at.caption if words in c.value]
