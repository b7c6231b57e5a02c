"""Your surveys: import a staff export and a customer export as they come out of the survey
tools (map, preview, use), and the design kit that writes the paired questionnaires."""

import polars as pl
import streamlit as st

import cxlib
from cxlib import design_kit, importer, method
from cxlib.contract import CHANNELS, ROLES, TOUCH_CLASSES
from cxlib.controls import code_word
from cxlib.errors import DataError, said
from cxlib.export import csv
from cxlib.exports import Export, shown_key
from cxlib.files import fingerprint
from cxlib.mapping import (
    CONTEXT,
    VALUE_WORDS,
    ImportMapping,
    Source,
    answer_numbers,
    answer_rows,
    carry,
    context_answers,
    item_rows,
    kept_value,
    shown_value,
    unread,
    why_not_used,
    with_answers,
    with_item_rows,
)
from cxlib.strings import TEXT, counted, decimal_mark, language, worded
from pages import common

EXPORT_TYPES = ["csv", "tsv", "txt", "xlsx", "sav"]
NONE = "—"
USES = ["item", "satisfaction", "recommend", "not used"]

common.current()  # the sidebar and data switch, as on every page (and the language)
ONE_VALUE = TEXT["import_one_value"]
st.title(TEXT["surveys_title"])
st.caption(TEXT["surveys_caption"])
importing, kit = st.tabs([TEXT["import_tab"], TEXT["kit_tab"]])


@st.cache_data(max_entries=8, show_spinner=False)
def read(name: str, data: bytes) -> Export:
    """An export read once per content (a rerun finds it in the cache)."""
    return cxlib.read_export(name, data)


def drop(label: str, key: str, types: list[str]) -> tuple[str, bytes] | None:
    file = common.file_uploader(label, types, key)
    return (file.name, file.getvalue()) if file else None


def context_source(export: Export, source: Source, side: str, field: str, tag: str) -> Source:
    """Where one context value comes from: a column, a date column's quarter, or one value."""
    columns = [c.key for c in export.columns]
    options = [ONE_VALUE, *columns]
    chosen = st.selectbox(
        TEXT[f"import_field_{field}"],
        options,
        index=options.index(source.column) if source.column in columns else 0,
        format_func=shown_key,
        key=f"{tag}-{side}-{field}-column",
    )
    if chosen == ONE_VALUE:
        value = st.text_input(
            TEXT["import_value_for"].format(field=TEXT[f"import_field_{field}"].lower()),
            value=shown_value(source.value or ""),
            key=f"{tag}-{side}-{field}-value",
        )
        return Source(value=kept_value(value.strip()) or None)
    if field == "period":
        dated = st.checkbox(  # a short label: a quarter column's width had cut it mid-word
            TEXT["import_from_date"],
            value=source.from_date,
            help=TEXT["import_from_date_help"],
            key=f"{tag}-{side}-period-date",
        )
        return Source(column=chosen, from_date=dated)
    if field in VALUE_WORDS:
        return Source(column=chosen, values=dict(source.values))  # words: value_words()
    return Source(column=chosen)


CODES = {"channel": CHANNELS, "role": ROLES}


def value_words(export: Export, source: Source, side: str, tag: str, field: str) -> Source:
    """Each answer of the channel (or staff role) column as the contract's word, in a table the
    page's full width (in a quarter column its header read 'Channe' and its words were cut). A
    role left empty stays a role in its own words; a channel must be one of the three."""
    if not source.column:
        return source
    answers = context_answers(export, source.column)
    values = VALUE_WORDS[field](answers) | dict(source.values)
    table = st.data_editor(
        pl.DataFrame(
            {"answer": answers, "word": [values.get(a) for a in answers]},
            schema={"answer": pl.String, "word": pl.String},
        ),
        column_config={
            "answer": st.column_config.TextColumn(TEXT["import_answer"], disabled=True),
            "word": st.column_config.SelectboxColumn(
                TEXT[f"import_{field}_word"],  # short: a phone's half of the table
                help=TEXT.get(f"import_{field}_word_help"),
                options=list(CODES[field]),
                format_func=code_word,
            ),
        },
        hide_index=True,
        placeholder="",  # an empty cell, not the word "None"
        width="stretch",
        key=f"{tag}-{side}-{field}-values",
    )
    chosen_values = {a: c for a, c in table.select("answer", "word").rows() if c}
    return Source(column=source.column, values=chosen_values)


def side_step(export: Export, mapping: ImportMapping, side: str, tag: str) -> ImportMapping:
    """The mapping step for one export: context columns, then the answer columns."""
    current = mapping.side(side)
    st.markdown(f"**{TEXT[f'import_{side}']}** · {common.literal(said(export.describe()))}")
    for note in export.notes:
        st.caption(common.literal(said(note)))
    context = {}
    columns = st.columns(len(CONTEXT[side]))
    for column, field in zip(columns, CONTEXT[side], strict=True):
        with column:
            context[field] = context_source(
                export, current.context.get(field, Source()), side, field, tag
            )
    for field in VALUE_WORDS.keys() & context.keys():
        context[field] = value_words(export, context[field], side, tag, field)
    current = current.model_copy(update={"context": context})
    with st.container(key=f"narrow-only-{tag}-{side}-swipe"):  # a phone shows the question only
        columns = ", ".join(TEXT[f"import_{c}"] for c in ("use", "theme", "reverse", "scale"))
        st.caption(TEXT["import_swipe"].format(columns=columns))
    edited = st.data_editor(
        item_rows(current, export),
        column_config={
            "column": st.column_config.TextColumn(TEXT["import_column"], disabled=True),
            "question": st.column_config.TextColumn(
                TEXT["import_question"], disabled=True, width="large"
            ),
            "use": st.column_config.SelectboxColumn(
                TEXT["import_use"],
                options=USES,
                required=True,
                width="medium",  # its words whole ("teeman väittämä" had read "teeman väittä")
                format_func=lambda use: TEXT[f"import_use_{use.replace(' ', '_')}"],
            ),
            "theme": st.column_config.TextColumn(TEXT["import_theme"]),
            "reverse": st.column_config.CheckboxColumn(TEXT["import_reverse"]),
            "scale": st.column_config.TextColumn(TEXT["import_scale"], disabled=True),
            "answers": st.column_config.TextColumn(TEXT["import_answers"], disabled=True),
        },
        column_order=[
            *(["column"] if export.keyed_apart else []),
            *("question", "use", "theme", "reverse", "scale", "answers"),
        ],
        hide_index=True,
        placeholder="",  # an empty cell, not the word "None"
        width="stretch",
        key=f"{tag}-{side}-items",
    )
    current = with_item_rows(current, edited)
    table = answer_rows(current, export)
    not_read = unread(table)
    with st.expander(TEXT["import_answers_edit"], expanded=bool(not_read)):
        if not_read:
            st.warning(
                TEXT["import_unread"].format(answers=common.literal(", ".join(not_read[:10]))),
                icon=":material/help:",
            )
        edited_answers = st.data_editor(
            table,
            column_config={
                "scale": st.column_config.TextColumn(TEXT["import_scale"], disabled=True),
                "answer": st.column_config.TextColumn(TEXT["import_answer"], disabled=True),
                "label": st.column_config.TextColumn(TEXT["import_label"], disabled=True),
                "number": st.column_config.NumberColumn(
                    TEXT["import_number"], min_value=0, max_value=10, step=1
                ),
                "no_answer": st.column_config.CheckboxColumn(TEXT["import_no_answer"]),
            },
            column_order=[
                *(["scale"] if table["scale"].n_unique() > 1 else []),  # one code, two meanings
                "answer",
                *(["label"] if export.value_labels else []),
                "number",
                "no_answer",
            ],
            hide_index=True,
            placeholder="",  # an empty cell, not the word "None"
            key=f"{tag}-{side}-answers",
        )
        current = with_answers(current, export, answer_numbers(edited_answers))
    not_used = why_not_used(current, export)
    if not_used:
        listed = "\n".join(
            f"- {common.literal(f'{shown_key(column)}: {reason}')}" for column, reason in not_used
        )
        st.caption(f"{TEXT['import_not_used']}\n\n{listed}")
    return mapping.model_copy(update={side: current})


# The mapping a set of files' step starts from, and the last one drawn (with its edits). A
# comment, not a docstring: Streamlit draws a page script's bare strings on the page.
BASE, LAST = "import-base", "import-last"


def start(staff, customers, saved, chosen: str, tag: str) -> tuple[ImportMapping, bool]:
    """The mapping these files' step starts from, and whether it carries the reader's choices
    from earlier files. Kept per files, so that the step's widgets apply their edits to the
    same rows on every rerun."""
    base = st.session_state.get(BASE)
    if base and base[0] == tag:
        return base[1], base[2]
    last = st.session_state.get(LAST)
    if last and last[0] == chosen:  # new exports, the same saved mapping (or none)
        mapping, carried = carry(last[1], staff, customers), True
    else:
        ours = {"company": TEXT["import_our_company"], "industry": TEXT["import_our_industry"]}
        mapping = saved or cxlib.suggest(staff, customers).model_copy(update=ours)
        carried = False
    st.session_state[BASE] = (tag, mapping, carried)
    return mapping, carried


with importing:
    st.caption(TEXT["import_help"])
    left, right = st.columns(2)
    with left:
        staff_file = drop(TEXT["import_staff_file"], "import-staff", EXPORT_TYPES)
    with right:
        customer_file = drop(TEXT["import_customer_file"], "import-customers", EXPORT_TYPES)
    with st.expander(TEXT["import_more"]):
        units_file = drop(TEXT["import_units_file"], "import-units", ["csv", "xlsx", "parquet"])
        saved_file = drop(TEXT["import_mapping_file"], "import-mapping", ["json"])
    # Back on this page with no file dropped: the import in use, to correct (a reader who had
    # left the company as "Our company" had to find and drop both exports again).
    in_use = st.session_state.get(common.UPLOAD)
    reopened = not (staff_file or customer_file) and in_use is not None and bool(in_use.mapping)
    if reopened:
        staff_file, customer_file = in_use.export("staff"), in_use.export("customers")
        units_file = units_file or in_use.export("units")
        saved_file = saved_file or ("", in_use.mapping.encode())
        st.info(
            TEXT["import_in_use"].format(
                staff=common.literal(staff_file[0]), customers=common.literal(customer_file[0])
            ),
            icon=":material/edit_note:",
        )
    if not (staff_file and customer_file):
        st.info(TEXT["import_waiting"], icon=":material/upload_file:")
    else:
        try:
            with st.spinner(TEXT["import_reading"]):
                staff, customers = read(*staff_file), read(*customer_file)
            saved = importer.read_mapping(saved_file[1]) if saved_file else None
        except DataError as error:
            st.error(TEXT["import_unreadable"])
            for problem in error.problems:
                st.text("• " + str(problem))
            st.stop()
        # Widgets keyed by the files: another export starts a fresh mapping step (an edit of
        # row 5 of one export must not land on row 5 of the next), from the reader's choices
        # so far (a corrected file, dropped as the problems ask, had wiped them all).
        chosen = fingerprint({"m": saved_file[1] if saved_file else b""})[:8]
        tag = chosen + fingerprint({"s": staff_file[1], "c": customer_file[1]})[:8]
        mapping, carried = start(staff, customers, saved, chosen, tag)
        if carried:
            st.info(TEXT["import_choices_kept"], icon=":material/task_alt:")
        elif saved and not reopened:  # the import in use: said above
            st.success(TEXT["import_saved_used"], icon=":material/task_alt:")
        st.subheader(TEXT["import_company"])
        a, b, c = st.columns(3)
        # Keyed by the saved mapping: one dropped after the exports sets these three too.
        company = a.text_input(
            TEXT["import_company_name"], mapping.company, key=f"import-company-{chosen}"
        )
        industry = b.text_input(
            TEXT["import_industry"], mapping.industry, key=f"import-industry-{chosen}"
        )
        touch = c.radio(
            TEXT["touch"],
            TOUCH_CLASSES,
            index=TOUCH_CLASSES.index(mapping.touch),
            format_func=lambda t: TEXT[f"{t}_touch"],
            horizontal=True,
            key=f"import-touch-{chosen}",
        )
        mapping = mapping.model_copy(
            update={
                "company": company.strip() or mapping.company,
                "industry": industry.strip() or mapping.industry,
                "touch": touch,
            }
        )
        st.subheader(TEXT["import_mapping"])
        mapping = side_step(staff, mapping, "staff", tag)
        st.divider()
        mapping = side_step(customers, mapping, "customers", tag)
        st.session_state[LAST] = (chosen, mapping)

        st.subheader(TEXT["import_preview"])
        result = importer.build(staff, customers, mapping, units_file)
        st.download_button(
            TEXT["import_download_mapping"],
            mapping.to_json(),
            file_name="cx-ex-mapping.json",
            mime="application/json",
            icon=":material/download:",
        )
        for note in result.notes:
            if note not in result.cautions:  # those are said with the verdict below
                st.caption(common.literal(said(note)))
        if result.problems:
            common.problem_report(result.problems, "import_failed")
        else:
            data = result.dataset
            ready = TEXT["import_ready"].format(
                units=data.units.height,
                staff=data.employee.height,
                customers=data.customer.height,
                themes=len(data.theme_map.common_themes),
            )
            if result.cautions:  # checks passed, but not all the exports hold is in
                listed = "\n".join(f"- {common.literal(said(c))}" for c in result.cautions)
                st.warning(f"{ready} {TEXT['import_ready_but']}\n\n{listed}")
            else:
                st.success(ready)
            if st.button(TEXT["import_use_data"], type="primary", icon=":material/check:"):
                files = {
                    f"staff:{staff_file[0]}": staff_file[1],
                    f"customers:{customer_file[0]}": customer_file[1],
                }
                if units_file:
                    files[f"units:{units_file[0]}"] = units_file[1]
                upload = common.Upload(files, mapping.to_json())
                common.upload_bundle(upload, common.deployment())  # built once, cached
                st.session_state[common.UPLOAD] = upload
                st.session_state[common.NEXT_SOURCE] = TEXT["source_upload"]
                st.switch_page("pages/overview.py", query_params={})  # see app.py
        for name, frame in result.tables.items():
            with st.expander(
                TEXT["import_table"].format(
                    words=TEXT.get(f"table_{name}", name),  # the reader's words first
                    name=name,
                    rows=counted("n_rows", frame.height),
                )
            ):
                st.dataframe(frame.head(50), hide_index=True, width="stretch")

with kit:
    st.caption(TEXT["kit_help"])
    # Shown in the reader's words; the files keep the English names their theme maps use.
    words = {t.name: worded(t.name, t.name_fi) for t in design_kit.THEMES}
    names = list(words)
    chosen = common.multiselect(
        TEXT["kit_themes"], names, default=names[:6], key="kit-themes", format_func=words.get
    )
    themes = tuple(chosen) or None
    questionnaire = design_kit.questionnaire(themes)
    common.table(
        questionnaire.select(
            pl.col("side")
            .replace({side: TEXT[f"kit_side_{side}"] for side in ("staff", "customers")})
            .alias(TEXT["kit_side"]),
            pl.col("theme").replace(words).alias(TEXT["import_theme"]),
            pl.col("column_id").alias(TEXT["kit_column_id"]),
            pl.col("english").alias("English"),
            pl.col("finnish").alias("Suomi"),
            pl.col("scale")
            .replace(
                {"answer": TEXT["kit_scale_answer"], "1–5 agreement": TEXT["kit_scale_agreement"]}
            )
            .alias(TEXT["import_scale"]),
        )
    )
    a, b, c = st.columns(3)
    a.download_button(
        TEXT["kit_xlsx"],
        lambda: design_kit.xlsx(themes),  # written on the click, not on every rerun
        file_name="cx-ex-surveys.xlsx",
        icon=":material/download:",
        width="stretch",
    )
    b.download_button(
        TEXT["kit_csv"],
        csv(questionnaire, decimal_mark()),
        file_name="cx-ex-surveys.csv",
        mime="text/csv",
        icon=":material/download:",
        width="stretch",
    )
    file_language = c.radio(
        TEXT["kit_language"],
        ["en", "fi"],
        index=["en", "fi"].index(language()),  # the reader's, until they pick another
        format_func=lambda v: {"en": "English", "fi": "Suomi"}[v],
        horizontal=True,
        key="kit-language",
    )
    for side in ("staff", "customers"):
        c.download_button(
            TEXT[f"kit_qualtrics_{side}"],
            design_kit.qualtrics_txt(side, file_language, themes),
            file_name=f"cx-ex-{side}-qualtrics-{file_language}.txt",
            mime="text/plain",
            icon=":material/download:",
            width="stretch",
            key=f"kit-qualtrics-{side}",
        )
    st.markdown(TEXT["kit_rules"])
    common.document(method.SURVEY_DESIGN)  # the rules' research and sources
