"""Industries: the company panel by touch class, per industry, and the live reclassification."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cxlib import panel
from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
st.title(TEXT["industries_title"])
if not bundle.data.has_panel:
    common.empty_state(TEXT["no_panel"])
    st.stop()

fingerprint, view_json = common.key(bundle, view)
result = common.panel_table(fingerprint, view_json)
table = result.table
st.caption(TEXT["industries_caption"].format(years=", ".join(str(y) for y in result.years)))
if table.height == 0:
    common.empty_state(TEXT["empty_selection"])
    st.stop()

figure = go.Figure()
for touch, colour in common.TOUCH_COLOURS.items():
    group = table.filter(pl.col("touch") == touch)
    figure.add_trace(
        go.Scattergl(
            x=group["employee_rating"],
            y=group["customer_score"],
            mode="markers",
            name=TEXT[f"{touch}_touch"],
            marker={"color": colour, "size": 9, "opacity": 0.75},
            customdata=group.select("company", "industry").rows(),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
            + TEXT["hover_company"].format(x="%{x:.1f}", y="%{y:.0f}")
            + "<extra></extra>",
        )
    )
for line in panel.trend_lines(table).iter_rows(named=True):
    xs = [line["x_min"], line["x_max"]]
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=[line["intercept"] + line["slope"] * x for x in xs],
            mode="lines",
            line={"color": common.TOUCH_COLOURS[line["touch"]], "width": 3},
            name=TEXT["slope_per_star"].format(
                touch=TEXT[line["touch"] + "_touch"], slope=line["slope"]
            ),
        )
    )
common.style(figure, height=520, xaxis_title=TEXT["axis_rating"], yaxis_title=TEXT["axis_score"])
st.plotly_chart(figure, width="stretch")

by_industry = common.panel_by(fingerprint, view_json, "industry")
touch_of = dict(zip(table["industry"], table["touch"], strict=False))
colours = {i: common.TOUCH_COLOURS.get(touch_of.get(i), "#444444") for i in by_industry["industry"]}
st.plotly_chart(
    common.forest(by_industry, "industry", TEXT["forest_industry"], colours=colours),
    width="stretch",
)
common.explain([w for ws in by_industry["warnings"] for w in ws])

st.subheader(TEXT["reclass_effect"])
published = common.panel_by(fingerprint, view_json, "industry_touch")
current = common.touch_gap(
    fingerprint, view.model_copy(update={"level": "companies"}).model_dump_json()
)


def cell(frame: pl.DataFrame, touch: str) -> str:
    row = frame.filter(pl.col("industry_touch") == touch)
    if row.height == 0:
        return "–"
    return TEXT["r_with_ci"].format(
        r=row["r"][0], low=row["ci_low"][0], high=row["ci_high"][0], n=row["n"][0]
    )


st.dataframe(
    pl.DataFrame(
        {
            TEXT["column_class"]: [TEXT["as_published"], TEXT["as_classified"]],
            TEXT["column_high"]: [cell(published, "high"), common.r_text(current.high)],
            TEXT["column_low"]: [cell(published, "low"), common.r_text(current.low)],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(TEXT["not_causation"])
