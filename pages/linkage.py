"""Linkage: EX themes × CX themes across units, one pair up close, and comparisons by group."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
st.title(TEXT["linkage_title"])
if not bundle.data.has_linkage:
    common.empty_state(TEXT["no_linkage"])
    st.stop()

fingerprint, view_json = common.key(bundle, view)
units = common.unit_table(fingerprint, view_json)
if units.table.height < 3:
    common.empty_state(TEXT["empty_selection"])
    st.stop()

matrix = common.theme_matrix(fingerprint, view_json).with_columns(
    pl.col("x").map_elements(common.metric_label, return_dtype=pl.String),
    pl.col("y").map_elements(common.metric_label, return_dtype=pl.String),
)
st.caption(TEXT["linkage_caption"].format(tests=matrix.height))
ex_themes = list(dict.fromkeys(matrix["x"]))
cx_columns = list(dict.fromkeys(matrix["y"]))
r = matrix.pivot(on="y", index="x", values="r").select("x", *cx_columns)
p = matrix.pivot(on="y", index="x", values="p_adjusted").select("x", *cx_columns)
marks = [
    [f"{value:.2f}{'*' if padj < 0.05 else ''}" for value, padj in zip(rv, pv, strict=True)]
    for rv, pv in zip(r.drop("x").rows(), p.drop("x").rows(), strict=True)
]
heatmap = go.Figure(
    go.Heatmap(
        z=r.drop("x").rows(),
        x=cx_columns,
        y=r["x"].to_list(),
        text=marks,
        texttemplate="%{text}",
        colorscale="RdBu",
        zmid=0,
        zmin=-1,
        zmax=1,
        colorbar={"title": "r"},
        hovertemplate="%{y} × %{x}: r = %{z:.2f}<extra></extra>",
    )
)
common.style(
    heatmap,
    height=480,
    xaxis_title=TEXT["axis_cx_theme"],
    yaxis_title=TEXT["axis_ex_theme"],
    yaxis_autorange="reversed",
)
st.plotly_chart(heatmap, width="stretch")

first = matrix.sort("r", descending=True, nulls_last=True).row(0, named=True)
left, right = st.columns(2)
ex_pick = left.selectbox(TEXT["pick_ex"], ex_themes, index=ex_themes.index(first["x"]))
cx_pick = right.selectbox(TEXT["pick_cx"], cx_columns, index=cx_columns.index(first["y"]))
pair = matrix.filter((pl.col("x") == ex_pick) & (pl.col("y") == cx_pick)).row(0, named=True)
outcomes = {common.metric_label(o): o for o in ("satisfaction", "recommend")}
cx_column = f"cx:{outcomes.get(cx_pick, cx_pick)}"
scatter = go.Figure()
for touch, colour in common.TOUCH_COLOURS.items():
    group = units.table.filter(pl.col("touch") == touch)
    scatter.add_trace(
        go.Scattergl(
            x=group[f"ex:{ex_pick}"],
            y=group[f"cx:{cx_pick}"],
            mode="markers",
            name=TEXT[f"{touch}_touch"],
            marker={"color": colour, "size": 8, "opacity": 0.7},
            customdata=group.select("unit_id", "company").rows(),
            hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
title = TEXT["cell_scatter"].format(ex=ex_pick, cx=cx_pick)
common.style(
    scatter,
    title=f"{title}: r = {pair['r']:.2f}, n = {pair['n']}",
    xaxis_title=TEXT["axis_staff_mean"],
    yaxis_title=TEXT["axis_customer_mean"],
)
st.plotly_chart(scatter, width="stretch")

st.subheader(TEXT["inside_outside"])
st.caption(TEXT["inside_outside_caption"])
levels = common.theme_levels(fingerprint, view_json)
bars = go.Figure(
    [
        go.Bar(
            x=levels["theme"],
            y=levels["staff"],
            name=TEXT["staff_view"],
            marker_color="#7A7A7A",
            texttemplate="%{y:.2f}",
        ),
        go.Bar(
            x=levels["theme"],
            y=levels["customers"],
            name=TEXT["customer_view"],
            marker_color="#009E73",
            texttemplate="%{y:.2f}",
        ),
    ]
)
common.style(bars, barmode="group", yaxis_title=TEXT["axis_theme_mean"], yaxis_range=[1, 5])
st.plotly_chart(bars, width="stretch")

columns = st.columns(3)
for column, by in zip(columns, ("segment", "channel", "role"), strict=True):
    table = common.correlation_by(fingerprint, view_json, by)
    title = TEXT["compare_by"].format(by=TEXT[f"by_{by}"])
    column.plotly_chart(common.forest(table, by, title), width="stretch")
common.explain([*units.warnings, *(w for ws in matrix["warnings"] for w in ws)])
st.caption(TEXT["not_causation"])
