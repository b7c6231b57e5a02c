"""Data: what the dataset is, the contract, templates, own uploads, and this view's aggregates."""

import datetime

import polars as pl
import streamlit as st

import cxlib
from cxlib import method, scope
from cxlib.contract import TABLES
from cxlib.errors import said
from cxlib.export import csv, rounded
from cxlib.files import fingerprint
from cxlib.sample import templates_zip
from cxlib.strings import TEXT, counted, decimal_mark, file_size
from pages import common

bundle, view = common.current()
summary = cxlib.summarize(bundle.data)
level = scope.level_of("data", view)
st.title(TEXT["data_title"])
st.subheader(common.literal(summary.name), anchor=False)
st.text(summary.description)
if bundle.data.notes:
    with st.expander(TEXT["upload_notes"]):
        for note in bundle.data.notes:
            st.text(said(note))


# --- this view's aggregates --------------------------------------------------------------
units = common.units(bundle, view) if level == "units" and bundle.data.has_linkage else None
if units is not None:  # the very rows the charts of this view use
    aggregates, what = rounded(units), TEXT["per_unit"]
elif level == "companies" and bundle.data.has_panel:
    aggregates, what = rounded(common.companies(bundle, view)), TEXT["per_company"]
else:
    aggregates, what = pl.DataFrame(), ""
view_tag = fingerprint({"view": view.model_dump_json().encode()})[:8]
st.download_button(
    TEXT["download_view"],
    csv(aggregates, decimal_mark()),
    # Named by view (a tag of its filters) and day: two views downloaded do not overwrite.
    file_name=f"cx-ex-{level}-{datetime.date.today().isoformat()}-{view_tag}.csv",
    mime="text/csv",
    icon=":material/download:",
    disabled=aggregates.height == 0,
)
st.caption(TEXT["download_caption"].format(what=what) if what else TEXT["download_none"])
if what and common.exploratory(view):  # a filtered file: which rows, said where it is taken
    line = common.view_line(bundle, view, "data")
    st.caption(TEXT["download_view_is"].format(view=common.literal(line)))
if units is not None:
    common.privacy(units)

# --- contract and templates ---------------------------------------------------------------
st.subheader(TEXT["data_contract"])
st.caption(TEXT["data_contract_caption"])
for table in TABLES:
    with st.expander(f"{table.name}: {table.meaning}"):
        st.dataframe(
            pl.DataFrame(
                [
                    (c.name, TEXT[f"kind_{c.kind}"], c.required, c.range_text, c.meaning)
                    for c in table.columns
                ],
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

# --- the method behind the verdicts (the captions on other pages point here) -----------------
st.subheader(TEXT["method_title"], anchor="method")
st.caption(TEXT["method_caption"])
common.document(method.STATISTICS, opening=TEXT["method_opening"])

# --- upload: files gather in a staging area; a file of the same name replaces the old one ----
st.subheader(TEXT["upload"])
st.caption(TEXT["upload_help"])
generation = st.session_state.setdefault(common.DROP_ZONE, 0)
dropped = common.file_uploader(
    TEXT["upload"],
    ["csv", "xlsx", "parquet", "json"],
    accept_multiple_files=True,
    key=f"drop_zone_{generation}",
    label_visibility="collapsed",
)
if dropped:
    staged = st.session_state.get(common.STAGED)
    files = dict(staged.files) if staged else {}
    files |= {f.name: f.getvalue() for f in dropped}  # same name: the new file wins
    st.session_state[common.STAGED] = common.Upload(files)
    st.session_state[common.DROP_ZONE] = generation + 1  # a new key empties the drop zone
    st.rerun()

staged = st.session_state.get(common.STAGED)
if staged:
    file_count = counted("n_files", len(staged.files))
    st.caption(TEXT["staged_files"].format(files=file_count))
    st.dataframe(
        pl.DataFrame(
            {
                TEXT["column_file"]: list(staged.files),
                TEXT["column_size"]: [file_size(len(b)) for b in staged.files.values()],
            }
        ).sort(TEXT["column_file"]),
        hide_index=True,
    )
    if st.button(TEXT["clear_upload"], icon=":material/delete:"):
        for key in (common.STAGED, common.CHECKED, common.PROBLEMS):
            st.session_state.pop(key, None)
        st.rerun()
    if st.session_state.get(common.CHECKED) != staged.fingerprint:
        with st.status(TEXT["validating"].format(files=file_count), expanded=False) as status:
            try:  # parsed once: app.py then finds the bundle in the cache
                common.upload_bundle(staged, common.deployment())
            except cxlib.DataError as error:
                found = counted("n_problems", len(error.problems))
                label = TEXT["checked_bad"].format(files=file_count, problems=found)
                status.update(label=label, state="error")
                st.session_state[common.PROBLEMS] = error.problems
            else:
                status.update(label=TEXT["checked_ok"].format(files=file_count), state="complete")
                st.session_state.pop(common.PROBLEMS, None)
                st.session_state[common.UPLOAD] = staged
                st.session_state[common.NEXT_SOURCE] = TEXT["source_upload"]
        st.session_state[common.CHECKED] = staged.fingerprint
        if common.PROBLEMS not in st.session_state:
            st.rerun()  # app.py switches the data to the upload

    problems = st.session_state.get(common.PROBLEMS)
    if problems:
        common.problem_report(problems)
    elif st.session_state.get(common.UPLOAD) is staged:
        uploaded = cxlib.summarize(common.upload_bundle(staged, common.deployment()).data)
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
