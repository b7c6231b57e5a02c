"""A view as one self-contained HTML report: it opens offline (plotly.js is inlined, nothing is
fetched), its charts stay interactive on screen, and the browser's print makes a clean A4 PDF.

Every text comes from the app or the data (names, headings, links), so every text is escaped;
a paragraph may mark words **bold**, and that is the only markup a text can carry. Printing
once cut a chart at its middle and dropped a table's last columns: here each chart is redrawn
at the printable width and never split across pages, and tables wrap instead of overflowing.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from plotly.offline import get_plotlyjs

from .markup import html_table

LABELS = {"dataset": "Dataset", "made": "Made", "link": "Link to this view"}
"""The report's fixed words; the app passes its own (Finnish) through `labels`."""

SCREEN_HEIGHT = 460  # px, the app's chart height when a figure sets none
PRINT_WIDTH_MM = 170  # inside A4's 180 mm between 15 mm margins, with room to spare
PRINT_HEIGHT_MM = 90  # a chart of the app's usual height; two fit a page with their text
TALLEST_PRINT_MM = 240  # a tall chart (a long forest plot) still fits one page
PX_PER_MM = 96 / 25.4  # CSS pixels

CONFIG = {"displaylogo": False, "responsive": True}
STREAMLIT_PLACEHOLDER = "#000001"
"""The first colour of the template importing streamlit makes plotly's default: placeholders its
web page swaps for the theme's colours. Outside Streamlit they draw every chart near black."""
PRINTABLE_TEMPLATE = "plotly_white"
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
ITALIC = re.compile(r"(?<![*\w])\*(?![*\s])(.+?)(?<![*\s])\*(?![*\w])", re.DOTALL)
LITERAL_STAR = "\ue000"
"""An asterisk typed in the data (escaped on the page), kept apart from the app's own markup
until the markup is drawn: a name '**x**' must not turn bold in the report."""
WEB_LINK = re.compile(r"https?://", re.IGNORECASE)

CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)
"""Defence in depth: even a URL that slipped into the page cannot make the browser fetch it."""

STYLE = f"""
body{{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
  max-width:1000px;margin:0 auto;padding:1rem;overflow-wrap:break-word}}
h1{{font-size:1.6rem;margin:0 0 .5rem}} h2{{font-size:1.25rem;margin:1.5rem 0 .5rem}}
header dl{{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}}
header dt{{font-weight:600}} header dd{{margin:0;overflow-wrap:anywhere}}
.report-figure{{margin:0 0 1rem;width:100%}}
@page{{size:A4;margin:15mm}}
@media print{{
  body{{font-size:10pt;max-width:none;padding:0}}
  h2{{break-after:avoid}} p{{orphans:3;widows:3}}
  .report-figure{{width:{PRINT_WIDTH_MM}mm;height:var(--print-height);break-inside:avoid}}
  .modebar-container{{display:none!important}}
  body .cx-table{{overflow:visible}}
  body .cx-table table{{width:100%;table-layout:auto}}
  body .cx-table th,body .cx-table td{{overflow-wrap:break-word;hyphens:auto;padding:.2rem .3rem;
    min-width:min(5em,calc({PRINT_WIDTH_MM}mm / var(--columns) - .6rem))}}
  body .cx-table tr{{break-inside:avoid}}
  a{{color:inherit}}
}}
"""

SCRIPT = f"""
const PRINT_WIDTH = {int(PRINT_WIDTH_MM * PX_PER_MM)};
function drawFigure(id, figure) {{
  Plotly.newPlot(id, figure.data, figure.layout, {json.dumps(CONFIG)});
}}
/* Plotly sizes its SVG in pixels for the screen; print at the printable width instead. */
function fitCharts(printing) {{
  for (const box of document.querySelectorAll(".report-figure")) {{
    const chart = box.querySelector(".js-plotly-plot");
    if (!chart) continue;
    Plotly.relayout(chart, printing
      ? {{width: PRINT_WIDTH, height: Number(box.dataset.printHeight)}}
      : {{width: null, height: Number(box.dataset.screenHeight)}});
  }}
}}
addEventListener("beforeprint", () => fitCharts(true));
addEventListener("afterprint", () => fitCharts(false));
matchMedia("print").addEventListener("change", (query) => fitCharts(query.matches));
"""


@dataclass(frozen=True)
class Section:
    """One block of the report, shown in this order: heading, paragraphs, figure, table."""

    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    figure: go.Figure | None = None
    table: pl.DataFrame | None = None


def report_html(
    *,
    title: str,
    dataset: str,
    link: str,
    made: datetime.datetime,
    sections: Sequence[Section],
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> str:
    """The whole report as one HTML document (UTF-8, no outside requests)."""
    words = LABELS | dict(labels or {})
    day = made.date()
    shown_day = f"{day.day}.{day.month}.{day.year}" if lang == "fi" else day.isoformat()
    header = (
        f"<header><h1>{escape(title)}</h1><dl>"
        f"<dt>{escape(words['dataset'])}</dt><dd>{escape(dataset)}</dd>"
        f"<dt>{escape(words['made'])}</dt>"
        f'<dd><time datetime="{day.isoformat()}">{shown_day}</time></dd>'
        f"<dt>{escape(words['link'])}</dt><dd>{_link(link)}</dd></dl></header>"
    )
    body = "".join(_section(s, f"figure-{i}") for i, s in enumerate(sections, 1))
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>"
        f"<script>{get_plotlyjs()}</script><script>{SCRIPT}</script></head>"
        f"<body>{header}<main>{body}</main></body></html>"
    )


def _link(link: str) -> str:
    """The link as clickable text; only a web address is clickable (never javascript:)."""
    if not WEB_LINK.match(link):
        return escape(link)
    return f'<a href="{escape(link)}">{escape(link)}</a>'


def _paragraph(text: str) -> str:
    """Escaped text; **words** become bold and *words* italic, the markup the app writes into
    paragraphs (a single * had been printed as typed); the data's own asterisks stay."""
    marked = ITALIC.sub(r"<em>\1</em>", BOLD.sub(r"<strong>\1</strong>", escape(text)))
    return "<p>" + marked.replace(LITERAL_STAR, "*") + "</p>"


def _section(section: Section, figure_id: str) -> str:
    parts = [f"<h2>{escape(section.heading)}</h2>" if section.heading else ""]
    parts += [_paragraph(p) for p in section.paragraphs]
    if section.figure is not None:
        parts.append(_figure(section.figure, figure_id))
    if section.table is not None:
        columns = max(1, section.table.width)  # each column's share of the printed width
        parts.append(f'<div style="--columns:{columns}">{html_table(section.table)}</div>')
    return "<section>" + "".join(parts) + "</section>"


def _figure(figure: go.Figure, figure_id: str) -> str:
    """A div Plotly draws into: the figure's width dropped (it follows the page), its height
    kept on screen and scaled into a print height that fits one page; a figure without real
    colours (Streamlit's placeholder template, or none) gets a plain white template."""
    screen_height = int(figure.layout.height or SCREEN_HEIGHT)
    print_height_mm = min(TALLEST_PRINT_MM, PRINT_HEIGHT_MM * screen_height / SCREEN_HEIGHT)
    print_height_mm = max(PRINT_HEIGHT_MM * 0.6, print_height_mm)
    responsive = go.Figure(figure).update_layout(width=None, height=screen_height, autosize=True)
    colours = responsive.layout.template.layout.colorway or (STREAMLIT_PLACEHOLDER,)
    if colours[0] == STREAMLIT_PLACEHOLDER:
        responsive.update_layout(template=PRINTABLE_TEMPLATE)
    # Inside <script>, "</script>" in a name would end the script: JSON escapes cover < > &.
    data = pio.to_json(responsive, validate=False)
    for raw, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(raw, code)
    return (
        f'<figure class="report-figure" data-screen-height="{screen_height}" '
        f'data-print-height="{round(print_height_mm * PX_PER_MM)}" '
        f'style="--print-height:{print_height_mm:.0f}mm">'
        f'<div id="{figure_id}"></div></figure>'
        f'<script>drawFigure("{figure_id}", {data});</script>'
    )
