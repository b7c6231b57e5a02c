"""Overview: what the dataset holds, in headline numbers."""

import streamlit as st

import cxlib
from cxlib.strings import TEXT

data: cxlib.Dataset = st.session_state["dataset"]
summary = cxlib.summarize(data)

st.title(TEXT["app_title"])
st.caption(TEXT["tagline"])
if summary.synthetic:
    st.info(TEXT["synthetic_notice"].format(description=summary.description))

if summary.panel is not None:
    panel = summary.panel
    st.subheader(TEXT["panel_heading"])
    st.caption(TEXT["panel_caption"].format(overrides=panel.strategy_overrides))
    row = st.columns(4)
    row[0].metric(TEXT["metric_companies"], f"{panel.companies:,}")
    row[1].metric(TEXT["metric_industries"], panel.industries)
    row[2].metric(TEXT["metric_years"], f"{panel.first_year}–{panel.last_year}")
    row[3].metric(
        TEXT["metric_mean_score"].format(year=panel.last_year), f"{panel.mean_customer_score:.1f}"
    )
    row = st.columns(4)
    row[0].metric(TEXT["metric_high_touch"], panel.high_touch_industry)
    row[1].metric(TEXT["metric_low_touch"], panel.low_touch_industry)
    row[2].metric(
        TEXT["metric_mean_rating"].format(year=panel.last_year),
        f"{panel.mean_employee_rating:.2f}",
    )

if summary.linkage is not None:
    link = summary.linkage
    st.subheader(TEXT["linkage_heading"])
    st.caption(
        TEXT["linkage_caption"].format(
            periods=len(link.periods),
            first=link.periods[0],
            last=link.periods[-1],
            themes=len(link.common_themes),
            theme_list=", ".join(link.common_themes),
        )
    )
    row = st.columns(4)
    row[0].metric(TEXT["metric_units"], f"{link.units:,}")
    row[1].metric(TEXT["metric_periods"], len(link.periods))
    row[2].metric(TEXT["metric_employee_responses"], f"{link.employee_responses:,}")
    row[3].metric(TEXT["metric_customer_responses"], f"{link.customer_responses:,}")

if summary.panel is None and summary.linkage is None:
    st.warning(TEXT["no_data"])

if data.notes:
    with st.expander(TEXT["load_notes"]):
        st.markdown("\n".join(f"- {note}" for note in data.notes))
