"""Industries: the company panel by touch class, per industry, and the live reclassification."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import cxlib
from cxlib import panel
from cxlib.contract import RATING_SCALE, SCORE_SCALE
from cxlib.strings import TEXT, data_name
from pages import charts, common

bundle, view = common.page("industries_title", needs="panel")

result = common.companies(bundle, view)
table = result.table
common.note(TEXT["primary_industries"])
common.note(TEXT["industries_caption"].format(years=", ".join(str(y) for y in result.years)))
if table.height == 0:
    common.empty_view(bundle, view, "companies")
    st.stop()

score = f"%{{y:{charts.value_format(SCORE_SCALE)}}}"
traces = []
for touch, colour in charts.TOUCH_COLOURS.items():
    group = table.filter(pl.col("touch") == touch)
    traces.append(
        go.Scatter(
            x=group["employee_rating"],
            y=group["customer_score"],
            mode="markers",
            name=TEXT[f"{touch}_touch"],
            marker={"color": colour, "size": 9, "opacity": 0.75},
            customdata=charts.hover(common.named(group, "industry"), "company", "industry"),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
            + TEXT["hover_company"].format(x=f"%{{x:{charts.value_format(RATING_SCALE)}}}", y=score)
            + "<extra></extra>",
        )
    )
for line in panel.trend_lines(table).iter_rows(named=True):
    xs = [line["x_min"], line["x_max"]]
    traces.append(
        go.Scatter(
            x=xs,
            y=[line["intercept"] + line["slope"] * x for x in xs],
            mode="lines",
            line={"color": charts.TOUCH_COLOURS[line["touch"]], "width": 3},
            name=TEXT["slope_per_star"].format(
                touch=TEXT[line["touch"] + "_touch"], slope=line["slope"]
            ),
        )
    )
figure = charts.figure(
    traces,
    height=520,
    xaxis=charts.axis(TEXT["axis_rating"], RATING_SCALE),
    yaxis=charts.axis(TEXT["axis_score"], SCORE_SCALE),
)
common.chart(figure)

by_industry = cxlib.correlation_by(result, "industry")
touch_of = dict(zip(table["industry"], table["touch"], strict=False))
colours = {  # keyed by the names as the rows show them
    data_name(i): charts.TOUCH_COLOURS.get(touch_of.get(i), charts.NEUTRAL)
    for i in by_industry["industry"]
}
shown = common.named(by_industry, "industry")
if shown["r"].is_not_nan().any():
    common.chart(charts.forest(shown, "industry", TEXT["forest_industry"], colours=colours))
    common.forest_numbers(shown, "industry", "column_industry")
else:  # an empty chart had been drawn, its axis running from -1 to 4
    st.info(TEXT["forest_industry_none"], icon=":material/info:")
common.explain_groups(by_industry.select("industry", "warnings").rows())

common.heading(TEXT["reclass_effect"])
published = cxlib.correlation_by(result, "industry_touch")
current = cxlib.touch_gap(result)


def cell(frame: pl.DataFrame, touch: str) -> str:
    row = frame.filter(pl.col("industry_touch") == touch)
    if row.height == 0:
        return "–"
    return common.r_words(row["r"][0], row["ci_low"][0], row["ci_high"][0], row["n"][0])


common.table(
    pl.DataFrame(
        {
            TEXT["column_class"]: [
                TEXT["as_published"],
                # "your reclassification" only where there is one: a reader took the row's other
                # numbers for a change of their own, when the companies' strategies made them
                TEXT[
                    "as_classified"
                    if view.reclassify.industries or view.reclassify.companies
                    else "as_strategies"
                ],
            ],
            TEXT["column_high"]: [cell(published, "high"), common.r_text(current.high)],
            TEXT["column_low"]: [cell(published, "low"), common.r_text(current.low)],
        }
    ),
)
common.note(TEXT["not_causation"])
