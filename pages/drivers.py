"""Drivers: which staff themes carry the CX outcome, and where development serves customers most."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
cx = common.metric_label(view.cx_metric)
st.title(TEXT["drivers_title"].format(cx=cx))
if not bundle.data.has_linkage:
    common.empty_state(TEXT["no_linkage"])
    st.stop()

fingerprint, view_json = common.key(bundle, view)
result, priorities = common.theme_drivers(fingerprint, view_json)
if result.r_squared != result.r_squared:  # nan: too few units or no variation
    common.empty_state(TEXT["empty_selection"])
    common.explain(result.warnings)
    st.stop()

st.caption(TEXT["drivers_caption"].format(n=result.n, r2=result.r_squared))
shares = result.table.sort("percent")
bars = go.Figure(
    go.Bar(
        x=shares["percent"],
        y=shares["driver"],
        orientation="h",
        marker_color="#0072B2",
        error_x=common.ci_bars(shares["percent"], shares["percent_low"], shares["percent_high"]),
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
)
st.plotly_chart(common.style(bars, xaxis_title=TEXT["axis_share"]), width="stretch")

st.subheader(TEXT["priority_title"])
matrix = go.Figure(
    go.Scatter(
        x=priorities["score"],
        y=priorities["percent"],
        mode="markers+text",
        text=priorities["driver"],
        textposition="top center",
        marker={"size": 16, "color": "#D55E00"},
        hovertemplate="%{text}: score %{x:.2f}, impact %{y:.1f}%<extra></extra>",
    )
)
matrix.add_vline(x=priorities["score"].mean(), line_dash="dot", line_color="#888888")
matrix.add_hline(y=priorities["percent"].mean(), line_dash="dot", line_color="#888888")
st.plotly_chart(
    common.style(matrix, xaxis_title=TEXT["axis_score_now"], yaxis_title=TEXT["axis_impact"]),
    width="stretch",
)

st.subheader(TEXT["ranked"])
st.dataframe(
    priorities.select(
        pl.col("rank").alias(TEXT["column_rank"]),
        pl.col("driver").alias(TEXT["column_theme"]),
        pl.col("percent").round(1).alias(TEXT["column_impact"]),
        pl.col("score").round(2).alias(TEXT["column_score"]),
        pl.col("quadrant").alias(TEXT["column_quadrant"]),
    ),
    hide_index=True,
    width="stretch",
)
common.explain(result.warnings)
st.caption(TEXT["not_causation"])
