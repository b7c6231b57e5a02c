"""Entry point: page set-up, the data source, the global filters (bound to the URL), navigation."""

from urllib.parse import urlencode

import streamlit as st

from cxlib.controls import link_query, url_notices, view_of
from cxlib.strings import TEXT
from pages import common

st.set_page_config(page_title=TEXT["app_title"], page_icon=":material/hub:", layout="wide")

# --- data source: the sample, or this session's upload (never in the URL) -------------------
if "pending_source" in st.session_state:  # set by the Data page after a good upload
    st.session_state["source"] = st.session_state.pop("pending_source")
upload = st.session_state.get("upload")  # (fingerprint, files) from the Data page
sources = [TEXT["source_sample"], *([TEXT["source_upload"]] if upload else [])]
with st.sidebar:
    source = st.radio(TEXT["source"], sources, key="source", horizontal=True)
    if source == TEXT["source_sample"]:
        st.caption(TEXT["sample_caption"])
bundle = (
    common.upload_bundle(upload[0], upload[1])
    if upload and source == TEXT["source_upload"]
    else common.sample_bundle()
)
specs = bundle.specs

# --- what the URL asks for that cannot be used: say so before the widgets drop it ----------
raw = {k: st.query_params.get_all(k) for k in st.query_params}
notices = url_notices(raw, specs)
if notices:
    st.session_state["url_notices"] = notices


def reset() -> None:
    # Write the defaults: a bound widget whose state is merely deleted re-reads the old URL.
    for name, spec in specs.items():
        st.session_state[name] = list(spec.default) if spec.kind == "multi" else spec.default
    st.session_state.pop("url_notices", None)


def multi(name: str, label: str, **kw):
    spec = specs[name]
    return st.multiselect(
        label,
        spec.options,
        default=list(spec.default),
        key=name,
        bind="query-params",
        placeholder=TEXT["all"],
        **kw,
    )


def single(name: str, label: str, **kw):
    spec = specs[name]
    return st.radio(
        label,
        spec.options,
        index=spec.options.index(spec.default),
        key=name,
        bind="query-params",
        **kw,
    )


with st.sidebar:
    level = st.segmented_control(
        TEXT["level"],
        specs["level"].options,
        default=specs["level"].default,
        key="level",
        bind="query-params",
        required=True,
        help=TEXT["level_help"],
    )
    multi("industry", TEXT["industries"])
    single("touch", TEXT["touch"], horizontal=True, help=TEXT["touch_help"])
    if bundle.data.has_linkage:
        multi("segment", TEXT["segments"])
        multi("channel", TEXT["channels"])
        multi("role", TEXT["roles"], help=TEXT["roles_help"])
        multi("period", TEXT["periods"])
    if bundle.data.has_panel:
        multi("year", TEXT["years"], help=TEXT["years_help"])
    if bundle.data.has_linkage:
        st.selectbox(TEXT["ex_metric"], specs["ex"].options, key="ex", bind="query-params")
        st.selectbox(TEXT["cx_metric"], specs["cx"].options, key="cx", bind="query-params")
    with st.expander(TEXT["reclassify"], icon=":material/swap_horiz:"):
        st.caption(TEXT["reclassify_help"])
        multi("high_touch", TEXT["high_touch_industries"])
        multi("company_high", TEXT["companies_to_high"])
        multi("company_low", TEXT["companies_to_low"])
    with st.expander(TEXT["advanced"], icon=":material/tune:"):
        for name, label in (("lag", "lag"), ("k", "min_group")):
            spec = specs[name]
            st.slider(
                TEXT[label],
                spec.low,
                spec.high,
                spec.default,
                key=name,
                bind="query-params",
                help=TEXT[f"{label}_help"],
            )
    st.button(TEXT["reset"], on_click=reset, icon=":material/restart_alt:", width="stretch")
    values = {name: st.session_state.get(name, spec.default) for name, spec in specs.items()}
    query = urlencode(link_query(values, specs), doseq=True)
    base = st.context.url.split("?")[0] if st.context.url else ""
    st.caption(TEXT["copy_link"])
    st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)
    for notice in st.session_state.get("url_notices", []):
        st.warning(notice, icon=":material/link_off:")

st.session_state["bundle"] = bundle
st.session_state["view"] = view_of(values, specs)

pages = [
    st.Page(
        "pages/overview.py", title=TEXT["page_overview"], icon=":material/insights:", default=True
    ),
    st.Page("pages/industries.py", title=TEXT["page_industries"], icon=":material/factory:"),
    st.Page("pages/linkage.py", title=TEXT["page_linkage"], icon=":material/link:"),
    st.Page("pages/drivers.py", title=TEXT["page_drivers"], icon=":material/trending_up:"),
    st.Page("pages/over_time.py", title=TEXT["page_over_time"], icon=":material/timeline:"),
    st.Page("pages/data.py", title=TEXT["page_data"], icon=":material/database:"),
]
st.navigation(pages).run()
