"""Data: what the dataset is, the contract, templates, own uploads, and this view's aggregates."""

import polars as pl
import streamlit as st

import cxlib
from cxlib.contract import TABLES
from cxlib.sample import templates_zip
from cxlib.strings import TEXT
from pages import common

bundle, view = common.current()
summary = cxlib.summarize(bundle.data)
st.title(TEXT["data_title"])
st.markdown(f"**{summary.name}**. {summary.description}")
if bundle.data.notes:
    with st.expander(TEXT["upload_notes"]):
        st.markdown("\n".join(f"- {note}" for note in bundle.data.notes))

# --- this view's aggregates --------------------------------------------------------------
fingerprint, view_json = common.key(bundle, view)
if view.level == "units" and bundle.data.has_linkage:
    aggregates, what = common.unit_table(fingerprint, view_json).table.drop("unit"), "unit"
elif bundle.data.has_panel:
    aggregates, what = common.panel_table(fingerprint, view_json).table, "company"
else:
    aggregates, what = pl.DataFrame(), "row"
st.download_button(
    TEXT["download_view"],
    aggregates.write_csv(),
    file_name="cx-ex-view.csv",
    mime="text/csv",
    icon=":material/download:",
    disabled=aggregates.height == 0,
)
st.caption(TEXT["download_caption"].format(what=what))

# --- contract and templates ---------------------------------------------------------------
st.subheader(TEXT["data_contract"])
st.caption(TEXT["data_contract_caption"])
for table in TABLES:
    with st.expander(f"{table.name}: {table.description}"):
        st.dataframe(
            pl.DataFrame(
                [(c.name, c.kind, c.required, c.range_text, c.description) for c in table.columns],
                schema=TEXT["contract_headers"].split(","),
                orient="row",
            ),
            hide_index=True,
            width="stretch",
        )
st.download_button(
    TEXT["templates"],
    templates_zip(),
    file_name="cx-ex-templates.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
)

# --- upload ------------------------------------------------------------------------------
st.subheader(TEXT["upload"])
files = st.file_uploader(
    TEXT["upload"],
    type=["csv", "xlsx", "parquet", "json"],
    accept_multiple_files=True,
    help=TEXT["upload_help"],
    label_visibility="collapsed",
)
if files:
    contents = {f.name: f.getvalue() for f in files}
    signature = tuple(sorted((name, len(data)) for name, data in contents.items()))
    if st.session_state.get("checked_upload") != signature:
        with st.status(TEXT["validating"].format(n=len(contents)), expanded=False) as status:
            try:
                data = cxlib.load_dataset(contents)
            except cxlib.DataError as error:
                status.update(state="error")
                st.session_state["upload_error"] = error.problems
            else:
                status.update(state="complete")
                st.session_state.pop("upload_error", None)
                st.session_state["upload"] = (data.fingerprint, contents)
                st.session_state["pending_source"] = TEXT["source_upload"]
                st.session_state["checked_upload"] = signature
                st.rerun()
        st.session_state["checked_upload"] = signature
    problems = st.session_state.get("upload_error")
    if problems:
        st.error(TEXT["upload_failed"])
        st.dataframe(
            pl.DataFrame(
                [
                    {
                        TEXT["column_file"]: p.file,
                        TEXT["column_column"]: p.column or "",
                        TEXT["column_problem"]: p.what,
                        TEXT["column_rows"]: ", ".join(
                            f"{r} ({v!r})" for r, v in zip(p.rows, p.values, strict=False)
                        ),
                    }
                    for p in problems
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    elif "upload" in st.session_state:
        uploaded = cxlib.summarize(common.upload_bundle(*st.session_state["upload"]).data)
        parts = []
        if uploaded.panel:
            parts.append(TEXT["upload_summary_panel"].format(n=uploaded.panel.companies))
        if uploaded.linkage:
            parts.append(
                TEXT["upload_summary_linkage"].format(
                    units=uploaded.linkage.units, responses=uploaded.linkage.customer_responses
                )
            )
        st.success(TEXT["upload_ok"].format(summary=", ".join(parts)))
