"""Chart style shared by the pages: colours, fonts, ticks rounded to what a scale resolves.

Not a page. Figures are built in one go from plain dicts (layout, shapes): plotly validates
each update_layout or add_vline again, and that cost ten times the build on every rerun.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl

from cxlib.metrics import Scale, decimals
from cxlib.strings import TEXT, language, number
from pages import common

HIGH, LOW = "#D55E00", "#0072B2"  # high / low touch on every page (colour-blind safe pair)
TOUCH_COLOURS = {"high": HIGH, "low": LOW}
STAFF, CUSTOMERS, NEUTRAL, GUIDE = "#7A7A7A", "#009E73", "#444444", "#888888"
TICKS = "#555866"  # axis numbers: 7:1 against white
UNSETTLED = "#B0B0B0"  # a result the data cannot separate (a "not separable" driver)
HALO = "0 0 3px white, 0 0 3px white"  # behind a name on the plot: lines under it stay behind
FONT = {"size": 16}  # labels written on the plot (names, cells); Streamlit sizes the axes
NAME_SIZE = 14  # points' names: long Finnish theme names at 16 px found no room on a phone
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
    phone a long axis title or row label is otherwise cut at the chart's edge."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= width or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) // 2))
    return text[:cut] + "<br>" + text[cut + 1 :]


def stacked(labels: list[str]) -> list[str]:
    """Period names in two lines at their first '-' or space ("2023<br>Q1"): eight of them fit
    a phone's axis side by side, where whole ones were turned and ran into each other."""
    return [re.sub(r"^(\d{4})[- ]", r"\1<br>", label) for label in labels]


LEGEND_ABOVE = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
"""Above the plot: under it, a phone's rotated ticks would run into it."""
PHONE_PLOT = (290, 330)  # px: the plot area of a chart on a 390 px phone, where names crowd
CLEAR = 24  # px: another point at least this much further from a name than its own point


def name_font() -> dict:
    """The font of points' names: haloed (readable where a name crosses a guide), and smaller
    than the plot's other text except on a projector, where there is room."""
    return {"shadow": HALO} | ({} if common.presenting() else {"size": NAME_SIZE})


def name_places(
    xs: list[float],
    ys: list[float],
    names: list[str],
    x_range: list[float],
    y_range: list[float],
    guides: tuple[list[float], list[float]] = ([], []),
    corners: tuple[int, int] = (0, 0),
) -> list[str | tuple[float, float]]:
    """Where each point's name goes, so that no two names overlap on a phone and each reads
    as its own point's: the highest point first, each takes the first of its places beside
    the point (plotly textposition: above, then below; leaning inwards, so none is cut at the
    plot's edge) whose box, estimated for a phone-sized plot, has no other point nearer than
    its own and meets no name placed before, no point, no guide line (`guides`: the x of
    each vertical one, the y of each horizontal one; a dotted line had run through a name) and
    no corner's words (`corners`: their longest line in characters, and their lines).
    Where no such place is beside the point, the name goes further out with a line to its
    point: an offset (ax, ay) in pixels, for an annotation. Failing that too, the place beside
    the point that meets least."""
    width, height = PHONE_PLOT
    size = NAME_SIZE

    def point(i: int) -> tuple[float, float]:  # in the phone plot's pixels, from its top left
        return (
            (xs[i] - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (y_range[1] - ys[i]) / (y_range[1] - y_range[0]) * height,
        )

    def name_box(i: int, place: str) -> tuple[float, float, float, float]:
        x, y = point(i)
        # 0.5 em a character: Chromium drew Finnish and English names at 0.44, and 1.3 em tall
        w, h, gap = 0.5 * size * len(names[i]), 1.3 * size, 9  # gap: the marker's radius, +1
        vertical, side = place.split()
        beside = gap  # plotly keeps a name to a side clear of the marker, above or beside it
        left = {"left": x - w - beside, "center": x - w / 2, "right": x + beside}[side]
        top = {"top": y - gap - h, "middle": y - h / 2, "bottom": y + gap}[vertical]
        return left, top, left + w, top + h

    def met(a, b) -> float:
        wide = min(a[2], b[2]) - max(a[0], b[0])
        tall = min(a[3], b[3]) - max(a[1], b[1])
        return max(0.0, wide) * max(0.0, tall)

    def reach(box, at: tuple[float, float]) -> float:  # from a point to a name's box
        dx = max(box[0] - at[0], 0.0, at[0] - box[2])
        dy = max(box[1] - at[1], 0.0, at[1] - box[3])
        return (dx * dx + dy * dy) ** 0.5

    def astray(i: int, box) -> float:
        """A name nearer another point than its own reads as that point's: on a phone
        'Service reliability' sat on Wellbeing's point, and Wellbeing's name on its."""
        own = reach(box, point(i))
        return sum(1.0 for j in range(len(xs)) if j != i and reach(box, point(j)) < own + CLEAR)

    taken = [(x - 8, y - 8, x + 8, y + 8) for x, y in map(point, range(len(xs)))]  # the points
    chars, rows = corners  # each corner's words: a box of the plot's small text (12 px)
    cw, ch = 0.5 * 12 * chars, 1.3 * 12 * rows
    words = [(0, 0, cw, ch), (width - cw, 0, width, ch)] if chars else []
    words += (
        [(0, height - ch, cw, height), (width - cw, height - ch, width, height)] if chars else []
    )
    lines = []  # a guide line counts as a strip a few pixels wide
    for gx in guides[0]:
        left = (gx - x_range[0]) / (x_range[1] - x_range[0]) * width
        lines.append((left - 3, 0.0, left + 3, height))
    for gy in guides[1]:
        top = (y_range[1] - gy) / (y_range[1] - y_range[0]) * height
        lines.append((0.0, top - 3, width, top + 3))

    def crosses(start, end, boxes) -> bool:
        """Whether the line from a point to its name runs through a name or point."""
        steps = [k / 12 for k in range(2, 11)]  # along its middle: its ends touch their own
        at = [
            (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])) for t in steps
        ]
        return any(b[0] <= px <= b[2] and b[1] <= py <= b[3] for px, py in at for b in boxes)

    def callout(i: int) -> tuple[tuple[float, float], tuple] | None:
        """A free place further out, its name joined to the point by a line."""
        x, y = point(i)
        w, h = 0.5 * size * len(names[i]), 1.3 * size
        ways = ((0, -1), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1), (-1, 0), (1, 0))
        pad = 4  # clear of its neighbours by a little: a line ending between two names misleads
        # Clear of the guides and the corners' words too if it can be; of the names and points
        # always.
        for avoid in (taken + lines + words, taken + words, taken):
            for reach_out in (30.0, 44.0, 58.0, 76.0, 96.0):
                for dx, dy in ways:
                    ax, ay = dx * (w / 2 + reach_out / 2), dy * reach_out
                    box = (x + ax - w / 2, y + ay - h / 2, x + ax + w / 2, y + ay + h / 2)
                    fits = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
                    wide = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
                    near = any(reach(box, point(j)) < CLEAR for j in range(len(xs)) if j != i)
                    ok = fits and not near and not any(met(wide, b) for b in avoid)
                    if ok and not crosses((x, y), (x + ax, y + ay), taken[:i] + taken[i + 1 :]):
                        return (ax, ay), box
        return None

    places: list[str | tuple[float, float]] = [""] * len(xs)
    for i in sorted(range(len(xs)), key=lambda i: -ys[i]):
        x, _ = point(i)
        lean = "right" if x < width / 3 else "left" if x > 2 * width / 3 else "center"
        candidates = [f"top {lean}", f"bottom {lean}"] + [
            f"{v} {s}" for v in ("top", "bottom") for s in ("right", "left", "center") if s != lean
        ]
        candidates += ["middle left", "middle right"]  # beside the point: last, where no other
        inside = [c for c in candidates if 0 <= name_box(i, c)[0] <= name_box(i, c)[2] <= width]

        def cost(c: str, i: int = i) -> tuple[float, float]:
            box = name_box(i, c)
            return astray(i, box), sum(met(box, b) for b in taken + lines + words)

        best = min(inside or candidates, key=cost)  # min() keeps the first of equals
        far = callout(i) if cost(best) != (0, 0) else None
        if far is None:
            places[i] = best
            taken.append(name_box(i, best))
        else:
            places[i], box = far
            taken.append(box)
    return places


def hover(frame: pl.DataFrame, *columns: str) -> list[tuple[str, ...]]:
    """Per row, the named columns as plain text: a trace's customdata for its hover label."""
    return list(zip(*(plain(frame[c]) for c in columns), strict=True))


def number_format(scale: Scale) -> str:
    """A d3 format with the decimals the scale resolves (trailing zeros dropped)."""
    return f".{decimals(scale)}~f"


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
    drawn = go.Figure(data=data, layout=base | layout)
    # Streamlit's theme draws tick labels at 3.7:1 against white; small text needs 4.5:1.
    drawn.update_xaxes(tickfont_color=TICKS)
    drawn.update_yaxes(tickfont_color=TICKS)
    if presenting:
        # Streamlit's chart theme sizes ticks, axis titles and legends itself, whatever the
        # figure's font: 15 and 17.5 px on a projector. These take the presentation's size.
        small = PRESENT_SIZE - 2
        drawn.update_xaxes(tickfont_size=small, title_font_size=PRESENT_SIZE)
        drawn.update_yaxes(tickfont_size=small, title_font_size=PRESENT_SIZE)
        drawn.update_layout(legend_font_size=small)
        drawn.update_traces(colorbar_tickfont_size=small, selector={"type": "heatmap"})
        for note in drawn.layout.annotations:  # words sized for a screen (the corners' 12 px)
            if note.font.size:
                note.font.size = round(note.font.size * PRESENT_SIZE / FONT["size"])
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
    table: pl.DataFrame, label: str, title: str, colours=None, group: str | None = None
) -> go.Figure:
    """r with its 95% CI per row of a correlation table (columns label, r, ci_low, ci_high, n).
    With `group`, rows stay in blocks of that column (in the table's order of groups), each
    block sorted by r and coloured by `colours[group value]`."""
    rows = table.filter(pl.col("r").is_not_nan())
    key = group or label
    if group:
        order = {g: i for i, g in enumerate(dict.fromkeys(table[group]))}
        rows = rows.sort(pl.col(group).replace_strict(order), "r", descending=[True, False])
    else:
        rows = rows.sort("r")
    colour = [(colours or {}).get(v, NEUTRAL) for v in rows[key]]
    labels = [
        two_lines(text, LABEL_WIDTH)
        for text in plain(
            f"{v} (n={number(n, ',')})" for v, n in zip(rows[label], rows["n"], strict=True)
        )
    ]
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
