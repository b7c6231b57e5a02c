"""The self-contained report: every text is shown literally (names from the data cannot become
markup or fetch anything), plotly.js is inlined once, nothing outside the file is requested,
and printed to A4 the charts fit the page width and the tables keep every column.

The browser test opens the report in Debian's Chromium (tests/live.py), prints it to PDF and
renders the first page with pypdfium2; it is skipped where that browser is not installed.
"""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser

import numpy as np
import plotly.graph_objects as go
import polars as pl
import pypdfium2
import pytest
from plotly.offline import get_plotlyjs

from cxlib.report import Section, report_html

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
TRACKER = "![x](http://tracker.example/t.png)"
LINK = "https://cx.example/linkage?channel=digital&touch=High"
MADE = datetime.datetime(2026, 11, 26, 9, 30)
A4_PRINTABLE_PX = 180 / 25.4 * 96  # 210 mm less two 15 mm margins, in CSS pixels
LAST_COLUMN = "Verdict in words"


class Parsed(HTMLParser):
    """The tags and the visible text of a document (a script's content is not markup)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if not {"script", "style"} & set(self._in):
            self.text.append(data)

    def named(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def scatter() -> go.Figure:
    x = list(range(30))
    return go.Figure(
        go.Scatter(x=x, y=[(7 * i) % 13 for i in x], mode="markers", name=IMAGE),
        layout={"width": 1400, "height": 460, "title": {"text": f"EX and CX </script>{SCRIPT}"}},
    )


def bars() -> go.Figure:
    return go.Figure(go.Bar(x=["Wellbeing", "Pay", "Tools", "Growth"], y=[0.4, 0.1, 0.3, 0.2]))


def wide_table() -> pl.DataFrame:
    """Eight columns: long free text beside numbers, the kind a print once cut."""
    words = "staff who feel heard say customers notice it in every reply they get "
    return pl.DataFrame(
        {
            "Company name": [f"Company {i} {IMAGE}" for i in range(4)],
            "Comment": [words * 2, "short", SCRIPT, TRACKER],
            "n staff": [120, 45, 8, 300],
            "n customers": [1500, 320, 60, 4100],
            "EX mean": [3.91, 4.02, 3.55, 4.2],
            "CX mean": [7.8, 8.1, 6.9, 8.4],
            "95% CI": ["0.21 to 0.48", "0.02 to 0.37", "-0.3 to 0.6", "0.1 to 0.4"],
            LAST_COLUMN: [f"**Likely** {words}", "Too few", "Unclear", "Likely"],
        }
    )


def report(**change) -> str:
    """A report of two sections with hostile text everywhere a name can go."""
    arguments = {
        "title": f"**Linkage** {SCRIPT}",
        "dataset": f"{TRACKER} {IMAGE}",
        "link": LINK,
        "made": MADE,
        "sections": [
            Section(
                heading=f"Scatter {IMAGE}",
                paragraphs=(f"The link is **likely** for {SCRIPT} and {IMAGE} {TRACKER}.",),
                figure=scatter(),
            ),
            Section(heading="Themes", figure=bars(), table=wide_table()),
        ],
    }
    return report_html(**(arguments | change))


def without_plotly(html: str) -> str:
    return html.replace(get_plotlyjs(), "")


def figures(html: str) -> list[dict]:
    """The figures as the page hands them to Plotly.newPlot."""
    return [json.loads(f) for f in re.findall(r'drawFigure\("figure-\d+", (.*?)\);</script>', html)]


def test_hostile_text_is_shown_literally_and_makes_no_markup():
    """Title, dataset, headings, paragraphs and cells show <script>, <img> and markdown as text."""
    html = report()
    parsed = Parsed(html)
    text = "".join(parsed.text)
    assert not parsed.named("img") and not parsed.named("iframe")
    assert len(parsed.named("script")) == 2 + 2  # plotly.js, the page's helpers, two figures
    for hostile in (SCRIPT, IMAGE, TRACKER, "**Linkage**", LAST_COLUMN):
        assert hostile in text, hostile
    assert without_plotly(html).count("</script>") == 4  # a name's </script> ends no script


def test_bold_markers_make_strong_only_in_paragraphs():
    """**likely** in a paragraph is bold; in the title and in a table cell it stays literal."""
    parsed = Parsed(report())
    strong = [t for t in parsed.tags if t[0] == "strong"]
    assert len(strong) == 1
    assert "<strong>likely</strong>" in report()
    text = "".join(parsed.text)
    assert "**Linkage**" in text and "**Likely**" in text


def test_the_app_s_italics_are_drawn_and_the_data_s_asterisks_stay_as_typed():
    """The exploratory note's *…:* had been printed with its asterisks. The page's markdown,
    as common.report_text passes it on, now draws the app's * and ** as italic and bold,
    while a name typed with asterisks (escaped on the page) is shown as typed."""
    from pages.common import literal, report_text

    page = f"*Exploratory:* **The views differ** for {literal('**Acme** *x*')} at 5 * 3."
    html = without_plotly(report(sections=[Section(paragraphs=(report_text(page),))]))
    assert "<em>Exploratory:</em> <strong>The views differ</strong>" in html
    assert "for **Acme** *x* at 5 * 3." in html and "\ue000" not in html


def test_plotly_js_is_inlined_exactly_once():
    """One copy of plotly.js for any number of figures, and no <script src>."""
    html = report()
    assert html.count(get_plotlyjs()[:300]) == 1
    assert len(html) < len(get_plotlyjs()) + 200_000
    assert not [s for s in Parsed(html).named("script") if "src" in s]


def test_nothing_but_the_view_link_points_outside():
    """No src=, href=, url() or @import names a web address; the one <a> is the view link."""
    html = without_plotly(report())
    addresses = re.findall(r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", html)
    assert addresses == [LINK.replace("&", "&amp;")]
    assert not re.search(r"url\(|@import|<link", html, re.IGNORECASE)
    assert [a["href"] for a in Parsed(html).named("a")] == [LINK]


def test_a_link_that_is_not_a_web_address_is_not_clickable():
    """A javascript: link is shown as text, never as an <a> someone could click."""
    parsed = Parsed(report(link="javascript:alert(1)"))
    assert not parsed.named("a")
    assert "javascript:alert(1)" in "".join(parsed.text)


def test_dates_in_english_and_finnish():
    """English shows the ISO date; Finnish shows day.month.year, with Finnish labels."""
    english = "".join(Parsed(report()).text)
    assert "2026-11-26" in english and "Dataset" in english
    finnish = report(lang="fi", labels={"dataset": "Aineisto", "made": "Tehty", "link": "Linkki"})
    assert '<html lang="fi">' in finnish
    text = "".join(Parsed(finnish).text)
    assert "26.11.2026" in text and "Aineisto" in text and "Dataset" not in text


def test_figures_lose_their_fixed_width_and_keep_a_height():
    """A figure made 1400 px wide follows the page instead; its height stays."""
    scatter_layout, bars_layout = (f["layout"] for f in figures(report()))
    assert "width" not in scatter_layout and "width" not in bars_layout
    assert scatter_layout["height"] == 460 and bars_layout["height"] > 200


def test_a_figure_made_under_streamlits_template_gets_real_colours():
    """Importing streamlit makes plotly's default template one of placeholder colours (its
    page swaps them for the theme's); the report draws such a figure in plotly_white."""
    import plotly.io as pio
    import streamlit  # noqa: F401  (sets plotly's default template, as in the app)

    assert pio.templates.default == "streamlit"
    (layout,) = (f["layout"] for f in figures(report(sections=[Section(figure=bars())])))
    white = pio.templates["plotly_white"].layout
    assert layout["template"]["layout"]["colorway"] == list(white.colorway)
    assert layout["template"]["layout"]["plot_bgcolor"] == white.plot_bgcolor


@pytest.fixture
def chromium():
    """Debian's Chromium through Playwright, as the other browser tests launch it."""
    from playwright.sync_api import sync_playwright

    from .live import CHROMIUM, FLAGS  # skips this test where the browser is not installed

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


def test_the_report_opens_offline_and_prints_to_a_clean_a4(chromium, tmp_path):
    """Opened from disk nothing is fetched and no script runs; both charts draw; printed to A4
    each chart fits the printable width on one page and the table keeps its last column."""
    path = tmp_path / "report.html"
    path.write_text(report(), encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    outside, dialogs, errors = [], [], []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    charts = page.locator(".js-plotly-plot")
    charts.nth(1).locator(".main-svg").first.wait_for(timeout=20_000)
    assert charts.first.locator(".scatterlayer .point").count() == 30
    assert charts.nth(1).locator(".barlayer .point").count() == 4

    page.emulate_media(media="print")
    page.wait_for_function(
        "document.querySelector('.main-svg').getBoundingClientRect().width < 700"
    )
    boxes = page.eval_on_selector_all(
        ".report-figure",
        """boxes => boxes.map(box => ({
            avoid: getComputedStyle(box).breakInside,
            right: Math.max(...[...box.querySelectorAll('.main-svg')]
                .map(svg => svg.getBoundingClientRect().right)),
            height: box.getBoundingClientRect().height}))""",
    )
    assert [b["avoid"] for b in boxes] == ["avoid", "avoid"]
    assert all(b["right"] <= A4_PRINTABLE_PX and b["height"] < 900 for b in boxes), boxes
    table_fits = page.eval_on_selector(".cx-table", "t => t.scrollWidth <= t.clientWidth + 1")
    assert table_fits and page.locator(".modebar-container").first.is_hidden()

    pdf = pypdfium2.PdfDocument(page.pdf(format="A4"))
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in pdf)
    first = pdf[0].render(scale=2).to_pil().convert("RGB")
    first.save("/tmp/report_page1.png")
    pixels = np.asarray(first).astype(int)
    assert (pixels.min(axis=2) < 200).mean() > 0.01  # ink on the page, not a blank sheet
    blue = np.argwhere(abs(pixels - (99, 110, 250)).sum(axis=2) < 40)  # plotly's markers
    assert len(blue) > 500  # the scatter is drawn on the first page
    assert blue[:, 1].max() < first.width * 195 / 210  # and none of it past the right margin
    assert LAST_COLUMN in text and "Too few" in text and "Company 3" in text
    assert SCRIPT in text and not outside and not dialogs and not errors, (outside, errors)
