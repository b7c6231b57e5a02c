"""Overview: the headline, high- vs low-touch EX–CX correlation with its test, beside research."""

import polars as pl
import streamlit as st

import cxlib
from cxlib.references import published
from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
summary = cxlib.summarize(bundle.data)
fingerprint, view_json = common.key(bundle, view)

st.title(TEXT["app_title"])
st.caption(TEXT["tagline"])
if summary.synthetic:
    st.info(TEXT["synthetic_notice"].format(description=summary.description))

st.subheader(TEXT["overview_question"])
if view.level == "units" and not bundle.data.has_linkage:
    common.empty_state(TEXT["no_linkage"])
    st.stop()
if view.level == "companies" and not bundle.data.has_panel:
    common.empty_state(TEXT["no_panel"])
    st.stop()

gap = common.touch_gap(fingerprint, view_json)
if view.level == "units":
    table = common.unit_table(fingerprint, view_json, None, False).table
    ex, cx = common.metric_label(view.ex_metric), common.metric_label(view.cx_metric)
    st.caption(
        TEXT["level_units"].format(
            units=table.height, companies=table["company"].n_unique(), ex=ex, cx=cx
        )
    )
else:
    panel = common.panel_table(fingerprint, view_json)
    years = ", ".join(str(y) for y in panel.years)
    st.caption(TEXT["level_companies"].format(companies=panel.table.height, years=years))

if gap.high.n == 0 and gap.low.n == 0:
    common.empty_state(TEXT["empty_selection"])
    st.stop()

left, right = st.columns(2)
for column, result, label in ((left, gap.high, "high_touch"), (right, gap.low, "low_touch")):
    column.metric(TEXT[label], "–" if result.r != result.r else f"r = {result.r:.2f}")
    column.caption(common.r_text(result))

test = gap.comparison
if test.p_value != test.p_value:
    st.markdown(TEXT["difference_unknown"])
else:
    p = "< 0.001" if test.p_value < 0.001 else f"= {test.p_value:.3f}"
    words = "difference_clear" if test.p_value < 0.05 else "difference_unclear"
    st.markdown(TEXT[words].format(diff=test.difference, z=test.z, p=p))

rows = pl.DataFrame(
    {
        "touch": [TEXT["high_touch"], TEXT["low_touch"]],
        "r": [gap.high.r, gap.low.r],
        "ci_low": [gap.high.ci_low, gap.low.ci_low],
        "ci_high": [gap.high.ci_high, gap.low.ci_high],
        "n": [gap.high.n, gap.low.n],
    }
)
colours = {TEXT["high_touch"]: common.HIGH, TEXT["low_touch"]: common.LOW}
figure = common.forest(rows, "touch", TEXT["axis_r"], colours=colours)
st.plotly_chart(figure, width="stretch")
common.explain([*gap.high.warnings, *gap.low.warnings])
st.caption(TEXT["not_causation"])

st.subheader(TEXT["references"])
st.caption(TEXT["references_caption"])
st.dataframe(
    pl.DataFrame([r.__dict__ for r in published()]),
    hide_index=True,
    width="stretch",
    column_config={"year": st.column_config.NumberColumn(format="%d")},
)
