"""Drivers: which staff themes carry the CX outcome, and where development serves customers most."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cxlib.codes import Caveat, Quadrant
from cxlib.contract import LIKERT_SCALE
from cxlib.controls import metric_label
from cxlib.drivers import orders_differ, rank_beside_matrix, rank_without_develop
from cxlib.labels import name_places
from cxlib.strings import QUADRANTS, TEXT, data_name, number
from pages import charts, common, workshop

bundle, view = common.page(
    "drivers_title", needs="linkage", cx=lambda v: common.literal(metric_label(v.cx_metric))
)

result, priorities = common.drivers(bundle, view)
if result.r_squared != result.r_squared:  # nan: too few units or no variation
    common.empty_view(bundle, view, "units", common.units(bundle, view, full=False))
    # Only a reason the empty view has not given ('interpret with caution' had stood under it).
    common.explain(c for c in result.warnings if c == Caveat.ZERO_VARIANCE)
    st.stop()

common.note(TEXT["primary_drivers"])
# The method's names (relative weights, R², bootstrap) folded away: an executive had met them
# before the first finding.
with st.expander(TEXT["how_worked_out"], icon=":material/calculate:"):
    common.note(TEXT["drivers_caption"].format(n=result.n, r2=result.r_squared))
if Caveat.FEW_FOR_DRIVERS in result.warnings:  # before the advice, not only in the small print
    st.warning(TEXT["drivers_few_units"].format(n=result.n), icon=":material/warning:")
# Themes as shown (the dataset's Finnish names, in Finnish); the action list keeps the data's.
shown, ranked = common.named(result.table), common.named(priorities)
top = shown.row(0, named=True)


def rest_first(rest: float) -> str:
    """The resamples in which a theme outside the joint first came first: the shares named
    had not added up to all of them, and the table showed others with a chance too."""
    share = number(rest, ".0%")
    return "" if share == number(0.0, ".0%") else " " + TEXT["top_tie_rest"].format(rest=share)


if top["rank_high"] == 1:
    common.say(TEXT["top_clear"].format(theme=common.literal(top["driver"]), p=top["p_top"]))
else:
    # The likelier first, each with its own share ("the first of them as the likelier").
    tied = shown.filter(pl.col("rank_low") == 1).sort("p_top", descending=True, maintain_order=True)
    first = [common.literal(t) for t in tied["driver"]]
    common.say(
        TEXT["top_tie"].format(
            themes=f" {TEXT['and']} ".join([", ".join(first[:-1]), first[-1]])
            if len(first) > 1
            else first[0],
            p=", ".join(number(v, ".0%") for v in tied["p_top"]),
        )
        + rest_first(1 - tied["p_top"].sum())
    )
disagree = orders_differ(shown)
if disagree:
    common.note(
        TEXT["dominance_differs"].format(themes=", ".join(common.literal(t) for t in disagree))
    )
shares = shown.sort("percent")
bars = charts.figure(
    [
        go.Bar(
            x=shares["percent"],
            y=charts.plain(shares["driver"]),
            orientation="h",
            marker_color=charts.LOW,
            error_x=charts.ci_bars(
                shares["percent"], shares["percent_low"], shares["percent_high"]
            ),
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    ],
    xaxis=charts.axis(TEXT["axis_share"], tickformat=".0f"),
)
common.chart(bars)

common.heading(TEXT["priority_title"])


def padded(values: pl.Series, room: float = 0.45) -> list[float]:
    """An axis range with `room` × the values' span free above and below them."""
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    return [low - room * span, high + room * span]


x_range, y_range = padded(ranked["score"], 0.2), padded(ranked["percent"])
CORNERS = {  # each corner's quadrant, where it is (paper: x, y)
    Quadrant.DEVELOP_FIRST: (0, 1),
    Quadrant.KEEP_STRONG: (1, 1),
    Quadrant.WATCH: (0, 0),
    Quadrant.MAINTAIN: (1, 0),
}
corners = {
    q: (QUADRANTS[q].capitalize(), *TEXT[f"quadrant_{q.value}"].split("<br>")) for q in CORNERS
}
names = charts.plain(ranked["driver"])
# Names lean inwards (none cut at the plot's edge), move below their point where they would
# meet another name on a phone, and go further out with a line to their point where no place
# beside it is theirs alone.
places, names = name_places(
    ranked["score"].to_list(),
    ranked["percent"].to_list(),
    names,
    x_range,
    y_range,
    guides=([ranked["score"].mean()], [ranked["percent"].median()]),
    corners=(max(len(line) for lines in corners.values() for line in lines), 3),
)
beside = [isinstance(p, str) for p in places]
callouts = [
    {
        "x": x,
        "y": y,
        "text": name,
        "ax": place[0],
        "ay": place[1],
        "showarrow": True,
        "arrowhead": 0,
        "arrowwidth": 1,
        "arrowcolor": charts.GUIDE,
        "standoff": 9,  # from the marker's edge
        "font": charts.name_font(),
    }
    for x, y, name, place in zip(ranked["score"], ranked["percent"], names, places, strict=True)
    if not isinstance(place, str)
]
matrix = charts.figure(
    [
        go.Scatter(
            x=ranked["score"],
            y=ranked["percent"],
            mode="markers+text",
            text=[name if near else "" for name, near in zip(names, beside, strict=True)],
            textfont=charts.name_font(),
            textposition=[
                p if near else "top center" for p, near in zip(places, beside, strict=True)
            ],
            # Themes whose impact the bootstrap cannot separate from the middle one: grey.
            marker={
                "size": 16,
                "color": [
                    charts.UNSETTLED if q == Quadrant.NOT_SEPARABLE else charts.HIGH
                    for q in ranked["quadrant"]
                ],
            },
            hovertemplate=TEXT["hover_priority"],
        )
    ],
    xaxis=charts.axis(TEXT["axis_score_now"], LIKERT_SCALE, range=x_range),  # room for names
    # Bands of empty room above and below the themes, where the corners' words go.
    yaxis=charts.axis(
        TEXT["axis_impact"],
        tickformat=".0f",
        range=y_range,
        tickvals=list(range(0, int(ranked["percent"].max()) + 10, 10)),  # no share below 0
    ),
    shapes=[
        charts.guide(x=ranked["score"].mean()),
        charts.guide(y=ranked["percent"].median()),
    ],
    # Each corner says what it means, on the chart: a workshop reads the words, not a legend.
    annotations=[
        {
            "text": f"<b>{corners[q][0]}</b><br>" + "<br>".join(corners[q][1:]),
            "xref": "paper",
            "yref": "paper",
            "x": x,
            "y": y,
            "xanchor": "left" if x == 0 else "right",
            "yanchor": "top" if y == 1 else "bottom",
            "showarrow": False,
            "align": "left" if x == 0 else "right",
            "font": {"size": 12, "color": charts.GUIDE},
            "bgcolor": "rgba(255,255,255,0.85)",  # a grid line had run through its words
        }
        for q, (x, y) in CORNERS.items()
    ]
    + callouts,
)
common.chart(matrix)
common.note(TEXT["quadrants_read"])

common.heading(TEXT["ranked"])
quadrants = {q.value: QUADRANTS[q].capitalize() for q in Quadrant}  # as the chart writes them
common.table(
    ranked.select(
        pl.col("rank").alias(TEXT["column_rank"]),
        pl.col("driver").alias(TEXT["column_theme"]),
        common.fixed(pl.col("percent"), 1).alias(TEXT["column_impact"]),
        common.fixed(pl.col("score")).alias(TEXT["column_score"]),
        pl.col("quadrant").replace_strict(quadrants).alias(TEXT["column_quadrant"]),
        common.fixed(pl.col("priority"), 1).alias(TEXT["column_priority"]),
    ).join(
        shown.select(
            pl.col("driver").alias(TEXT["column_theme"]),
            pl.format("{}–{}", "rank_low", "rank_high").alias(TEXT["column_rank_range"]),
            common.fixed(pl.col("p_top") * 100, 0).alias(TEXT["column_p_top"]),
            common.fixed(pl.col("dominance"), 1).alias(TEXT["column_dominance"]),
        ),
        on=TEXT["column_theme"],
        how="left",
        maintain_order="left",
    )
)
if beside := rank_beside_matrix(priorities):
    top, develop = (common.literal(data_name(t)) for t in beside)
    common.say(TEXT["rank_beside_matrix"].format(top=top, develop=develop))
elif alone := rank_without_develop(priorities):
    top, quadrant = alone
    words = TEXT["rank_without_develop"]
    common.say(words.format(top=common.literal(data_name(top)), quadrant=quadrants[quadrant]))
common.note(TEXT["ranked_read"])
common.explain(result.warnings)
common.privacy(common.units(bundle, view, full=False))
common.note(TEXT["not_causation"])
workshop.action_panel(bundle, priorities)
