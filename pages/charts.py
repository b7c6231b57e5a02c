"""Chart style shared by the pages: colours, fonts, ticks rounded to what a scale resolves.

Not a page. Figures are built in one go from plain dicts (layout, shapes): plotly validates
each update_layout or add_vline again, and that cost ten times the build on every rerun.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl

from cxlib.labels import NAME_SIZE
from cxlib.metrics import Scale, decimals
from cxlib.strings import TEXT, language, number
from pages import common

HIGH, LOW = "#D55E00", "#0072B2"  # high / low touch on every page (colour-blind safe pair)
TOUCH_COLOURS = {"high": HIGH, "low": LOW}
STAFF, CUSTOMERS, NEUTRAL, GUIDE = "#7A7A7A", "#009E73", "#444444", "#888888"
VIEW_COLOURS = (NEUTRAL, "#CC79A7")  # two views compared (Okabe–Ito's, apart from touch's)
TICKS = "#555866"  # axis numbers: 7:1 against white
UNSETTLED = "#B0B0B0"  # a result the data cannot separate (a "not separable" driver)
HALO = "0 0 3px white, 0 0 3px white"  # behind a name on the plot: lines under it stay behind
FONT = {"size": 16}  # labels written on the plot (names, cells); Streamlit sizes the axes
PRESENT_SIZE = 22  # presentation mode: a 16:9 projector seen from the back of a room
TITLE_WIDTH, LABEL_WIDTH = 24, 22  # characters on one line of an axis title, a row label
R_SCALE: Scale = (-1, 1)


def plain(values):
    """User text (names, labels) for a plotly figure, shown as typed: plotly reads <b>, <br>,
    <a href> and entities in text, so &, < and > are written as entities."""
    if isinstance(values, str):
        return values.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return [plain(str(v)) for v in values]


def two_lines(text: str, width: int) -> str:
    """Text longer than `width` characters broken (<br>) at the space nearest its middle: on a
    phone a long axis title or row label is otherwise cut at the chart's edge. A label of two
    parts ("High touch · View B") breaks between them, so that rows of one chart break alike."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= width or not spaces:
        return text
    parts = text.find(" · ")
    cut = parts if parts > 0 else min(spaces, key=lambda i: abs(i - len(text) // 2))
    return text[:cut] + "<br>" + text[cut + 1 :]


def stacked(labels: list[str]) -> list[str]:
    """Period names in two lines at their first '-' or space ("2023<br>Q1"): eight of them fit
    a phone's axis side by side, where whole ones were turned and ran into each other."""
    return [re.sub(r"^(\d{4})[- ]", r"\1<br>", label) for label in labels]


LEGEND_ABOVE = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
"""Above the plot: under it, a phone's rotated ticks would run into it."""


def name_font() -> dict:
    """The font of points' names: haloed (readable where a name crosses a guide), and smaller
    than the plot's other text except on a projector, where there is room."""
    return {"shadow": HALO} | ({} if common.presenting() else {"size": NAME_SIZE})


def hover(frame: pl.DataFrame, *columns: str) -> list[tuple[str, ...]]:
    """Per row, the named columns as plain text: a trace's customdata for its hover label."""
    return list(zip(*(plain(frame[c]) for c in columns), strict=True))


def number_format(scale: Scale) -> str:
    """A d3 format with the decimals the scale resolves (trailing zeros dropped)."""
    return f".{decimals(scale)}~f"


def value_format(scale: Scale) -> str:
    """A d3 format for values read side by side: every value with the scale's decimals
    ('3,00' beside '3,58', where trailing zeros dropped had written '3' and '3,3')."""
    return f".{decimals(scale)}f"


def axis(title: str, scale: Scale | None = None, **more) -> dict:
    """An axis with its title, and ticks rounded to the scale's resolution when given."""
    return {
        "title": {"text": two_lines(title, TITLE_WIDTH), "standoff": 12},
        "automargin": True,  # rotated ticks on a phone push the title down, not under them
        **({"tickformat": number_format(scale)} if scale else {}),
        **more,
    }


def guide(x: float | None = None, y: float | None = None) -> dict:
    """A dotted line across the plot at x (vertical) or y (horizontal), drawn under the points
    and their names (over the grid): a name that crosses it stays readable."""
    line = {"type": "line", "line": {"dash": "dot", "color": GUIDE}, "layer": "between"}
    if x is not None:
        return line | {"x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper"}
    return line | {"y0": y, "y1": y, "yref": "y", "x0": 0, "x1": 1, "xref": "paper"}


AXIS = re.compile(r"[xy]axis\d*")
"""A layout's axis keys: xaxis, yaxis2, …"""


def figure(data, height: int = 460, **layout) -> go.Figure:
    """A figure in the app's style: readable fonts, tight margins, the legend below; larger
    type and height in presentation mode (a 16:9 projector seen from the back of a room)."""
    presenting = common.presenting()
    base = {
        "font": {"size": PRESENT_SIZE} if presenting else FONT,
        "height": int(height * 1.25) if presenting else height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        # Below the x-axis title (on a projector its two lines of 22 px reach further down).
        "legend": {"orientation": "h", "y": -0.27 if presenting else -0.18},
        "separators": ", " if language() == "fi" else ".,",  # decimal, then thousands
    }
    layout = base | layout
    # Streamlit's theme draws tick labels at 3.7:1 against white; small text needs 4.5:1. Set
    # in the layout given, not by update_xaxes (which searched the figure: 3–5 ms a chart).
    for name in {"xaxis", "yaxis", *filter(AXIS.fullmatch, layout)}:
        given = layout.get(name) or {}
        layout[name] = given | {"tickfont": given.get("tickfont", {}) | {"color": TICKS}}
    drawn = go.Figure(data=data, layout=layout)
    if presenting:
        # Streamlit's chart theme sizes ticks, axis titles and legends itself, whatever the
        # figure's font: 15 and 17.5 px on a projector. These take the presentation's size.
        small = PRESENT_SIZE - 2
        drawn.update_xaxes(tickfont_size=small, title_font_size=PRESENT_SIZE)
        drawn.update_yaxes(tickfont_size=small, title_font_size=PRESENT_SIZE)
        drawn.update_layout(legend_font_size=small)
        drawn.update_traces(colorbar_tickfont_size=small, selector={"type": "heatmap"})
        # Words sized small for a screen (the Drivers corners' 12 px) at least as large as the
        # ticks: scaled by the fonts' ratio they were 16 px, the smallest words on a projector.
        for note in drawn.layout.annotations:
            if note.font.size:
                note.font.size = max(small, round(note.font.size * PRESENT_SIZE / FONT["size"]))
    return drawn


def ci_bars(centre: pl.Series, low: pl.Series, high: pl.Series) -> dict:
    """Plotly error bars for an interval around each value."""
    return {
        "type": "data",
        "symmetric": False,
        "array": (high - centre).to_list(),
        "arrayminus": (centre - low).to_list(),
    }


def forest(
    table: pl.DataFrame,
    label: str,
    title: str,
    colours=None,
    group: str | None = None,
    as_listed: bool = False,
) -> go.Figure:
    """r with its 95% CI per row of a correlation table (columns label, r, ci_low, ci_high, n).
    With `group`, rows are coloured by `colours[group value]` and stay in blocks of that column
    (in the table's order of groups), each block sorted by r; `as_listed` keeps the table's
    order instead, top down (a comparison read beside a table in that order)."""
    drawn = table.filter(common.WITH_INTERVAL)
    # plotly draws the first category at the bottom: a listed order goes in reversed.
    rows = drawn.reverse() if as_listed else common.in_blocks(drawn, group, False)
    key = group or label
    colour = [(colours or {}).get(v, NEUTRAL) for v in rows[key]]
    texts = plain(f"{v} (n={number(n, ',')})" for v, n in zip(rows[label], rows["n"], strict=True))
    # One row broken at its ' · ': every row of two parts is, so that the rows read alike.
    width = 0 if any(len(t) > LABEL_WIDTH and " · " in t for t in texts) else LABEL_WIDTH
    labels = [two_lines(text, width if " · " in text else LABEL_WIDTH) for text in texts]
    trace = go.Scatter(
        x=rows["r"].to_list(),
        y=labels,
        mode="markers",
        marker={"size": 12, "color": colour},
        error_x=ci_bars(rows["r"], rows["ci_low"], rows["ci_high"]),
        hovertemplate="r = %{x:.2f}<extra></extra>",
    )
    # A label on two lines needs a taller row; on a projector its 20 px lines need more still.
    row = (56 if common.presenting() else 48) if any("<br>" in t for t in labels) else 36
    return figure(
        [trace],
        height=max(260, 60 + row * rows.height),
        title={"text": title},
        xaxis=axis(TEXT["axis_r"], R_SCALE, range=[-1, 1]),
        shapes=[guide(x=0)],
    )
