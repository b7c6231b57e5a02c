"""Over time: lagged and cross-lagged correlations, and both sides per period."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
st.title(TEXT["time_title"])
if not bundle.data.has_linkage:
    common.empty_state(TEXT["no_linkage"])
    st.stop()

fingerprint, view_json = common.key(bundle, view)
lags = common.cross_lagged(fingerprint, view_json)
if lags.pairs < 4:
    common.empty_state(TEXT["empty_selection"])
    st.stop()

st.caption(TEXT["time_caption"].format(pairs=lags.pairs, units=lags.units))
rows = pl.DataFrame(
    [
        {
            "label": f"{TEXT[direction]} · {TEXT[kind]}",
            "r": c.r,
            "ci_low": c.ci_low,
            "ci_high": c.ci_high,
            "n": c.n,
        }
        for direction, kind, c in (
            ("ex_leads", "pooled", lags.ex_leads),
            ("cx_leads", "pooled", lags.cx_leads),
            ("ex_leads", "within", lags.ex_leads_within),
            ("cx_leads", "within", lags.cx_leads_within),
        )
    ]
)
leads = ["ex", "cx", "ex", "cx"]  # the order of the rows above
colours = {
    label: "#D55E00" if lead == "ex" else "#0072B2"
    for label, lead in zip(rows["label"], leads, strict=True)
}
st.plotly_chart(common.forest(rows, "label", TEXT["axis_r"], colours=colours), width="stretch")
low, high = lags.difference_ci
verdict = "lead_verdict_ex" if low > 0 else "lead_verdict_cx" if high < 0 else "lead_verdict_none"
st.markdown(TEXT[verdict].format(diff=lags.difference_within, low=low, high=high))

st.subheader(TEXT["trend_title"])
trend = common.trend(fingerprint, view_json)
figure = make_subplots(specs=[[{"secondary_y": True}]])
figure.add_trace(
    go.Scatter(
        x=trend["period"],
        y=trend["ex"],
        name=TEXT["axis_ex_mean"],
        line={"color": "#7A7A7A", "width": 3},
    ),
    secondary_y=False,
)
figure.add_trace(
    go.Scatter(
        x=trend["period"],
        y=trend["cx"],
        name=TEXT["axis_cx_mean"],
        line={"color": "#009E73", "width": 3},
    ),
    secondary_y=True,
)
common.style(figure, xaxis_title=TEXT["axis_period"])
ex_mid, cx_mid = trend["ex"].mean(), trend["cx"].mean()
cx_span = 2.5 if view.cx_metric in ("satisfaction", "recommend") else 1.0  # 0–10 or 1–5 scale
figure.update_yaxes(
    title_text=TEXT["axis_ex_mean"], secondary_y=False, range=[ex_mid - 0.5, ex_mid + 0.5]
)
figure.update_yaxes(
    title_text=TEXT["axis_cx_mean"],
    secondary_y=True,
    range=[cx_mid - cx_span / 2, cx_mid + cx_span / 2],
)
st.plotly_chart(figure, width="stretch")
st.caption(TEXT["trend_caption"])
st.caption(TEXT["not_causation"])
