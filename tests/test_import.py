"""Real survey exports in: each tool's export, mapped by the suggestion (corrected where a reader
would), gives the same analysis as the same answers in the documented layout; a saved mapping
repeats the import; bad exports end in a message that names the column and the original row."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

import cxlib
from bench.calibration import as_files
from cxlib import design_kit, importer
from cxlib.errors import DataError
from cxlib.exports import QUALTRICS, SPSS, SURVEYMONKEY, read_export
from cxlib.filters import FilterState
from cxlib.mapping import ImportMapping, Source, answer_rows, item_rows, suggest, suggest_side
from cxlib.readers import COMPOUND_FILE, ROW
from tests import survey_exports as se

TOOLS = {
    "qualtrics.csv": (QUALTRICS, 3),
    "surveymonkey.csv": (SURVEYMONKEY, 2),
    "surveymonkey.xlsx": (SURVEYMONKEY, 2),
    "forms.xlsx": ("Microsoft Forms", 1),
    "google.csv": ("Google Forms", 1),
    "webropol.xlsx": ("Spreadsheet (Webropol or similar)", 1),
    "spss.sav": (SPSS, 0),
}


@pytest.fixture(scope="module")
def tables(sample):
    return se.study(sample)


@pytest.fixture(scope="module")
def reference(tables):
    """The analysis's table of the same answers in the documented layout."""
    return unit_means(cxlib.load_dataset(as_files(tables)))


def unit_means(data: cxlib.Dataset) -> pl.DataFrame:
    table = cxlib.Linkage(data).unit_table(FilterState()).table
    return table.sort("unit_id").select(sorted(table.columns))


def exports(tables, name: str, **options):
    make = se.FORMATS[name]
    staff = read_export(f"staff_{name}", make(tables["employee_responses"], "staff", **options))
    customers = read_export(f"customers_{name}", make(tables["customer_responses"], "customers"))
    return staff, customers


def with_industries(mapping: ImportMapping, tables) -> ImportMapping:
    """What the reader adds for a units list: each industry's touch class."""
    touch = dict(tables["industries"].select("industry", "touch").rows())
    return mapping.model_copy(update={"industries": touch})


@pytest.mark.parametrize("name", list(se.FORMATS))
def test_each_export_gives_the_same_analysis(name, tables, reference):
    staff, customers = exports(tables, name)
    tool, header_rows = TOOLS[name]
    assert (staff.tool, staff.header_rows) == (tool, header_rows)
    assert staff.responses == tables["employee_responses"].height
    mapping = with_industries(suggest(staff, customers), tables)
    result = importer.build(staff, customers, mapping, se.units_csv(tables))
    assert result.problems == ()
    assert_frame_equal(unit_means(result.dataset), reference, check_dtypes=False)


def test_format_is_said_in_words(tables):
    staff, _ = exports(tables, "qualtrics.csv")
    assert staff.describe() == "Qualtrics export, 3 header rows, 666 responses"


def test_suggestion_lists_metadata_as_not_used(tables):
    staff, customers = exports(tables, "qualtrics.csv")
    mapping = suggest(staff, customers)
    unused = [i.column for i in mapping.staff.items if i.use == "not used"]
    assert {"EndDate", "Status", "Progress", "Finished"} <= set(unused)
    assert mapping.staff.response_id == "ResponseId"
    assert mapping.staff.context["period"] == Source(column="StartDate", from_date=True)
    channels = mapping.customers.context["channel"].values
    assert channels == {"In person": "in-person", "By phone": "phone", "Online": "digital"}


def test_reverse_worded_item_is_turned_back(tables, reference):
    """An item asked the other way round (marked (R)) is suggested reversed: same numbers."""
    staff, customers = exports(tables, "qualtrics.csv", reverse="ex_wellbeing_2")
    mapping = with_industries(suggest(staff, customers), tables)
    assert mapping.staff.item("ex_wellbeing_2").reverse
    result = importer.build(staff, customers, mapping, se.units_csv(tables))
    assert_frame_equal(unit_means(result.dataset), reference, check_dtypes=False)


def test_saved_mapping_repeats_the_import(tables, reference, tmp_path):
    """Finnish Webropol: the reader maps the Finnish role answers and saves the mapping; the
    JSON file and the exports give the same dataset in one call."""
    staff, customers = exports(tables, "webropol.xlsx")
    mapping = with_industries(suggest(staff, customers), tables)
    role = mapping.staff.context["role"].model_copy(
        update={"values": {v: k for k, v in se.ROLE_FI.items()}}
    )
    staff_side = mapping.staff.model_copy(
        update={"context": mapping.staff.context | {"role": role}}
    )
    mapping = mapping.model_copy(update={"staff": staff_side})
    saved = tmp_path / "mapping.json"
    saved.write_text(mapping.to_json(), encoding="utf-8")
    assert ImportMapping.model_validate_json(saved.read_text(encoding="utf-8")) == mapping
    staff_file, customer_file = tmp_path / "staff.xlsx", tmp_path / "customers.xlsx"
    staff_file.write_bytes(se.webropol(tables["employee_responses"], "staff"))
    customer_file.write_bytes(se.webropol(tables["customer_responses"], "customers"))
    units = tmp_path / "units.csv"
    units.write_bytes(se.units_csv(tables)[1])
    data = cxlib.import_exports(staff_file, customer_file, saved, units=units)
    assert_frame_equal(unit_means(data), reference, check_dtypes=False)
    assert set(data.employee["role"].unique()) == {"customer-facing", "back-office"}


def test_the_kits_role_answers_read_as_the_two_roles_without_the_reader(tables):
    """The design kit's role question answered in Finnish ('Palvelen asiakkaita suoraan',
    'Tuen asiakaspalvelijoita'): the suggested mapping left them as they were, so every page
    showed roles spelled 'palvelen-asiakkaita-suoraan', and the mapping step had no table to
    set them in. They are now suggested as customer-facing and back-office, in English too;
    answers that name no role stay roles in their own words."""
    from cxlib.mapping import role_values

    staff, customers = exports(tables, "webropol.xlsx")
    mapping = with_industries(suggest(staff, customers), tables)
    assert mapping.staff.context["role"].values == {v: k for k, v in se.ROLE_FI.items()}
    data = importer.build(staff, customers, mapping).dataset
    assert set(data.employee["role"].unique()) == {"customer-facing", "back-office"}
    english = ["I serve customers directly", "I support those who serve customers directly"]
    assert role_values([*english, "Frontline", "Back office", "Manager", "Kyllä"]) == {
        english[0]: "customer-facing",
        english[1]: "back-office",
        "Frontline": "customer-facing",
        "Back office": "back-office",
    }


def test_mapping_of_another_version_is_refused():
    with pytest.raises(DataError, match="mapping version 2"):
        importer.read_mapping(json.dumps({"version": 2}))
    with pytest.raises(DataError, match="not a valid mapping"):
        importer.read_mapping('{"version": 1, "touch": "medium"}')


def test_a_saved_mapping_reads_as_an_editor_saved_it_and_refuses_what_is_no_mapping(tables):
    """Saved again by a Windows editor (Windows-1252, or UTF-16 with its mark), a mapping reads
    with its letters; numbers that are not finite, and text that is no character, are refused
    with a message instead of failing later in the import."""
    staff, customers = exports(tables, "google.csv")
    mapping = suggest(staff, customers).model_copy(update={"company": "Pörssi Oy"})
    for encoding in ("cp1252", "utf-16"):
        assert importer.read_mapping(mapping.to_json().encode(encoding)) == mapping
    item = json.loads(mapping.to_json())
    item["staff"]["items"][0]["answers"] = {"Agree": float("nan")}
    with pytest.raises(DataError, match="not a valid mapping"):
        importer.read_mapping(json.dumps(item))  # Python writes NaN; JSON has no such number
    with pytest.raises(DataError, match="not a valid mapping"):
        importer.read_mapping(mapping.to_json().replace("Pörssi Oy", "\\ud800"))
    with pytest.raises(DataError, match="larger than 5 MB"):  # 60 MB had taken 3.5 GB
        importer.read_mapping(b" " * 5_000_001)


def test_last_quarters_mapping_on_a_changed_export_says_what_it_misses(tables):
    """A mapping made on a Qualtrics export, used on the Google Forms export of the same survey:
    its response ids and columns are not there. Each is said; nothing fails on the way."""
    q_staff, q_customers = exports(tables, "qualtrics.csv")
    g_staff, g_customers = exports(tables, "google.csv")
    old = suggest(q_staff, q_customers)
    assert old.staff.response_id and old.staff.response_id not in g_staff.keys
    rows = item_rows(old.staff, g_staff)
    assert rows.height == len(old.staff.items) and set(rows["question"]) == {""}
    assert answer_rows(old.staff, g_staff).height == 0
    result = importer.build(g_staff, g_customers, old)
    said = [p.what for p in result.problems]
    assert "the mapping takes response ids from a column the export does not have" in said
    assert "the mapping names a column the export does not have" in said
    assert result.dataset is None


def test_a_corrected_export_keeps_the_reader_s_choices_on_the_columns_it_still_has(tables):
    """The problems ask for a corrected file; dropping it threw away every choice made on the
    earlier one. carry() keeps the company, touch class, context sources, themes, uses and
    answer numbers of every column still there; a column gone is gone, a context column gone
    falls back to the suggestion, and the import of the corrected file uses the choices."""
    from cxlib.mapping import carry

    staff, customers = exports(tables, "google.csv")
    first, second = staff.columns[4].key, staff.columns[5].key  # two theme items
    suggested = with_industries(suggest(staff, customers), tables)
    edited = suggested.model_copy(
        update={
            "company": "Pohjolan Kauppa Oy",
            "touch": "low",
            "staff": suggested.staff.model_copy(
                update={
                    "items": tuple(
                        i.model_copy(update={"theme": "Lähiesihenkilötyö"})
                        if i.column == first
                        else i.model_copy(update={"use": "not used"})
                        if i.column == second
                        else i
                        for i in suggested.staff.items
                    ),
                    "context": suggested.staff.context | {"role": Source(value="Front line")},
                }
            ),
        }
    )
    agreed = next(a for a in edited.staff.item(first).answers)
    edited = edited.model_copy(
        update={
            "staff": edited.staff.model_copy(
                update={
                    "items": tuple(
                        i.model_copy(update={"answers": i.answers | {agreed: 3.0}})
                        if i.column == first
                        else i
                        for i in edited.staff.items
                    )
                }
            )
        }
    )
    dropped = staff.columns[-1].key
    corrected_staff = read_export(
        "staff.csv",
        se.google(
            tables["employee_responses"].drop(tables["employee_responses"].columns[-1]), "staff"
        ),
    )
    assert dropped not in corrected_staff.keys and first in corrected_staff.keys
    moved, where = customers.columns[1].key, "Where were you served?"  # the unit question
    assert edited.customers.context["unit"].column == moved
    corrected_customers = replace(
        customers,
        frame=customers.frame.rename({moved: where}),
        columns=tuple(replace(c, key=where) if c.key == moved else c for c in customers.columns),
    )
    carried = carry(edited, corrected_staff, corrected_customers)
    assert (carried.company, carried.touch, carried.industries) == (
        "Pohjolan Kauppa Oy",
        "low",
        edited.industries,
    )
    kept = carried.staff.item(first)
    assert kept.theme == "Lähiesihenkilötyö" and kept.answers[agreed] == 3.0
    assert carried.staff.item(second).use == "not used" and carried.staff.item(dropped) is None
    assert carried.staff.context["role"] == Source(value="Front line")
    fresh = suggest_side(corrected_customers, "customers")
    assert carried.customers.context["unit"] == fresh.context["unit"]
    assert carry(suggested, staff, customers) == suggested  # nothing chosen: the suggestion
    result = importer.build(corrected_staff, customers, carry(edited, corrected_staff, customers))
    assert not result.problems and result.dataset.units["company"].unique().to_list() == [
        "Pohjolan Kauppa Oy"
    ]
    assert "Lähiesihenkilötyö" in [t.name for t in result.dataset.theme_map.themes]


def test_themes_written_in_two_ways_read_as_one_and_are_said(tables):
    """A reader retypes a staff item's theme "supervisor support" and a customer item's
    "Supervisor-support", beside the suggestion's "Supervisor support": one theme (the first
    spelling), the same items, and a note; it had stopped the import with a duplicate column."""
    staff, customers = exports(tables, "google.csv")
    suggested = with_industries(suggest(staff, customers), tables)

    def retyped(side, typed: str):
        first = next(i for i in side.items if i.theme == "Supervisor support")
        items = tuple(
            i.model_copy(update={"theme": typed}) if i is first else i for i in side.items
        )
        return side.model_copy(update={"items": items})

    staff_side = suggested.staff
    ours = [i for i in staff_side.items if i.theme == "Supervisor support"]
    assert len(ours) >= 2
    items = tuple(
        i.model_copy(update={"theme": "supervisor support"}) if i is ours[1] else i
        for i in staff_side.items
    )
    respelled = suggested.model_copy(
        update={
            "staff": staff_side.model_copy(update={"items": items}),
            "customers": retyped(suggested.customers, "Supervisor-support"),
        }
    )
    result = importer.build(staff, customers, respelled)
    assert not result.problems and result.dataset is not None
    themes = [t.name for t in result.dataset.theme_map.themes]
    assert themes.count("Supervisor support") == 1
    assert not {"supervisor support", "Supervisor-support"} & set(themes)
    as_built = importer.build(staff, customers, suggested).dataset.theme_map
    assert result.dataset.theme_map == as_built  # the same items, under the same theme
    said = " ".join(result.notes)
    assert "read as one: 'supervisor support' → 'Supervisor support', " in said
    assert "'Supervisor-support' → 'Supervisor support'" in said


def test_titles_that_clash_after_numbering_or_with_the_row_column_are_told_apart():
    """'Q' twice beside a title 'Q (column 2)', and a title '__row' (the rows' own column):
    every column kept, each under a key of its own, the rows still numbered."""
    header = "Timestamp,Q,Q,Q (column 2),__row\n"
    body = "2024-01-05,1,2,3,4\n2024-02-05,5,4,3,2\n"
    export = read_export("forms.csv", (header + body).encode())
    keys = [c.key for c in export.columns]
    assert len(keys) == len(set(keys)) == 5 and "__row" not in keys
    assert [c.question for c in export.columns] == ["Timestamp", "Q", "Q", "Q (column 2)", "__row"]
    assert export.frame.select(keys).row(0) == ("2024-01-05", "1", "2", "3", "4")
    assert export.frame["__row"].to_list() == [2, 3]


def test_without_units_list_units_come_from_the_exports(tables):
    staff, customers = exports(tables, "google.csv")
    mapping = suggest(staff, customers).model_copy(
        update={"company": "Kauppa Oy", "industry": "Retail", "touch": "low"}
    )
    data = importer.build(staff, customers, mapping).dataset
    assert data.units.height == tables["units"].height
    assert set(data.units["company"]) == {"Kauppa Oy"}
    assert data.industries.rows() == [("Retail", "low", None)] or data.industries.height == 1


def test_unknown_answer_names_its_original_row(tables):
    """A word the answer table lacks: said with the row of the export file, never made missing."""
    body = se.qualtrics(tables["employee_responses"], "staff").decode("utf-8-sig")
    lines = body.splitlines()
    lines[7] = lines[7].replace(",Agree", ",Mostly", 1)  # file row 8 (3 header rows)
    staff = read_export("staff.csv", "\n".join(lines).encode())
    customers = read_export("c.csv", se.qualtrics(tables["customer_responses"], "customers"))
    result = importer.build(staff, customers, with_industries(suggest(staff, customers), tables))
    problem = next(p for p in result.problems if "cannot turn into numbers" in p.what)
    assert problem.rows == (8,) and problem.values == ("Mostly",)
    assert result.dataset is None


def test_bad_channel_is_reported_by_validation_with_its_row(tables):
    body = se.google(tables["customer_responses"], "customers").decode("utf-8-sig")
    lines = body.splitlines()
    lines[4] = lines[4].replace("Online", "Carrier pigeon").replace("In person", "Carrier pigeon")
    lines[4] = lines[4].replace("By phone", "Carrier pigeon")
    customers = read_export("customers.csv", "\n".join(lines).encode())
    staff = read_export("staff.csv", se.google(tables["employee_responses"], "staff"))
    mapping = with_industries(suggest(staff, customers), tables)
    result = importer.build(staff, customers, mapping)
    channel = mapping.customers.context["channel"].column  # the export's, not the layout's
    problem = next(p for p in result.problems if p.column == channel)
    assert problem.rows == (5,) and problem.file == "customers.csv"


def test_unmapped_outcome_is_said(tables):
    staff, customers = exports(tables, "qualtrics.csv")
    mapping = suggest(staff, customers)
    items = tuple(
        i.model_copy(update={"use": "not used"}) if i.use == "recommend" else i
        for i in mapping.customers.items
    )
    mapping = mapping.model_copy(
        update={"customers": mapping.customers.model_copy(update={"items": items})}
    )
    problems = importer.build(staff, customers, mapping).problems
    assert any("'recommend'" in p.what for p in problems)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("header_only.csv", b'"ResponseId","Q1"\n', "no responses"),
        ("survey.pdf", b"%PDF-1.4", "unsupported file type"),
        ("wide.csv", (",".join(f"Q{i}" for i in range(20_001)) + "\n").encode() * 2, "columns"),
        ("bad.sav", b"not an spss file at all", "could not be read"),
        ("locked.xlsx", COMPOUND_FILE + bytes(504), "password-protected, or an old Excel file"),
        # A CSV export saved under .xlsx had read "could not be read: File is not a zip file".
        ("asiakkaat.xlsx", b"ResponseId,Q1\nR1,4\n", "named .xlsx but is not an Excel workbook"),
    ],
)
def test_hostile_exports_end_in_a_message(name, data, message):
    with pytest.raises(DataError, match=message):
        read_export(name, data)


def test_an_export_saved_with_excel_s_separator_line_reads_as_without_it(tables):
    """A Google Forms CSV saved again from Excel with 'sep=,' on top: the same questions and
    answers, not a one-column export headed 'sep='."""
    data = se.FORMATS["google.csv"](tables["customer_responses"], "customers")
    plain = read_export("customers.csv", data)
    hinted = read_export("customers.csv", b"sep=,\r\n" + data)
    assert hinted.keys == plain.keys
    assert hinted.frame.equals(plain.frame)


def test_two_thousand_columns_read_and_list_as_not_used():
    header = ",".join(f"Question {i}" for i in range(2000))
    row = ",".join("free text" for _ in range(2000))
    export = read_export("wide.csv", f"{header}\n{row}\n{row}\n".encode())
    assert len(export.columns) == 2000
    mapping = suggest(export, export)
    assert all(i.use == "not used" for i in mapping.staff.items)


def test_duplicate_question_texts_are_both_kept_and_said():
    data = b"Timestamp,I like it,I like it\n1/2/2024 10:00:00,Agree,Disagree\n"
    export = read_export("dup.csv", data)
    keys = [c.key for c in export.columns]
    assert keys == ["Timestamp", "I like it (column 2)", "I like it (column 3)"]
    assert any("more than once" in n for n in export.notes)


def test_a_repeated_titles_place_is_said_in_the_readers_language_its_key_kept():
    """A Finnish reader read 'Arvio (column 15)' among Finnish words; shown, it is now
    'Arvio (sarake 15)', while the key (what a saved mapping holds) stays as it was."""
    from cxlib.exports import shown_key
    from cxlib.strings import speaking

    export = read_export("dup.csv", b"Arvio,Arvio\n4,5\n")
    keys = [c.key for c in export.columns]
    assert keys == ["Arvio (column 1)", "Arvio (column 2)"]
    with speaking("fi"):
        assert [shown_key(k) for k in keys] == ["Arvio (sarake 1)", "Arvio (sarake 2)"]
        assert shown_key("Vastaus (column) ID") == "Vastaus (column) ID"  # not a place
    assert [shown_key(k) for k in keys] == keys


def test_merged_header_cells_carry_the_question_right():
    """SurveyMonkey XLSX merges a matrix question's cell over its columns: read as blanks,
    carried right to each row."""
    first = ["Respondent ID", "Collector ID", "Q", "", ""]
    second = ["", "", "a", "b", "c"]
    body = pl.DataFrame([["1", "2", "Agree", "Agree", "Agree"]], schema=list("vwxyz"), orient="row")
    buffer = io.BytesIO()
    pl.concat(
        [pl.DataFrame([first, second], schema=list("vwxyz"), orient="row"), body]
    ).write_excel(buffer, include_header=False)
    export = read_export("sm.xlsx", buffer.getvalue())
    assert [c.question for c in export.columns][2:] == ["Q - a", "Q - b", "Q - c"]


def test_period_is_the_quarter_of_each_date_format():
    dates = pl.Series(
        [
            "2024-02-15 10:30:00",
            "02/15/2024 10:30:00 AM",
            "2/15/24 10:30:00",
            "15.5.2024 10.30.00",
            "11/30/2024 14:00:00",
            "2024-12-01",
        ]
    )
    got = pl.select(importer.quarter(pl.lit(dates))).to_series().to_list()
    assert got == ["2024-Q1", "2024-Q1", "2024-Q1", "2024-Q2", "2024-Q4", "2024-Q4"]


def test_twelve_hour_times_iso_instants_and_finnish_klo_are_read():
    """'3/17/2024 2:05 PM' (a US export without seconds, which the importer's own message
    says it reads), ISO instants with fractions or a Z, and '17.3.2024 klo 14.05' had come
    back as unreadable dates in every row. A day-first '17/03/2024' stays unread (listed with
    its rows): read as a month first, '05/03/2024' would silently be May."""
    dates = pl.Series(
        [
            "3/17/2024 2:05 PM",
            "2024-03-17T14:05:00.000Z",
            "2024-03-17T14:05:00Z",
            "2024-06-17 14:05:00.123",
            "2024-09-17T14:05:00.5",
            "17.3.2024 klo 14.05",
            "17.12.2024 klo 9:05",
            "17/03/2024",
        ]
    )
    got = pl.select(importer.quarter(pl.lit(dates))).to_series().to_list()
    assert got == [*["2024-Q1"] * 3, "2024-Q2", "2024-Q3", "2024-Q1", "2024-Q4", None]


def test_finnish_spreadsheet_times_and_two_digit_years_are_read_and_no_year_is_24():
    """A Finnish export's '8.1.2024 17.19' (a dotted time, no seconds) was unreadable in every
    row, and '8.1.24' became the year 24: a period '24-Q1' that matched nothing and sorted
    first. Both are read as 2024; a date whose year would be before 1900 is left unread (said
    with its rows) rather than made a period."""
    dates = pl.Series(["8.1.2024 17.19", "31.12.2024 9.05", "8.1.24", "8.1.24 17.19", "1/8/24"])
    got = pl.select(importer.quarter(pl.lit(dates))).to_series().to_list()
    assert got == ["2024-Q1", "2024-Q4", "2024-Q1", "2024-Q1", "2024-Q1"]
    assert pl.select(importer.quarter(pl.lit(pl.Series(["8.1.0024"])))).item() is None


def test_a_date_no_format_reads_is_said_as_written_with_its_row(tables):
    """The period comes from the Timestamp column; two dates in it are garbled. The reader is
    told which dates and rows, as written: they had read 'period: missing value (row 2 (''))'."""
    staff_file = se.FORMATS["google.csv"](tables["employee_responses"], "staff")
    lines = se.FORMATS["google.csv"](tables["customer_responses"], "customers").split(b"\n")
    for row, garbled in ((1, b"31/02/2024 25:99"), (3, b"yesterday")):
        lines[row] = garbled + lines[row][lines[row].index(b",") :]
    staff = read_export("staff.csv", staff_file)
    customers = read_export("customers.csv", b"\n".join(lines))
    mapping = with_industries(suggest(staff, customers), tables)
    assert mapping.customers.context["period"].from_date  # the suggestion reads the dates
    result = importer.build(staff, customers, mapping, se.units_csv(tables))
    [problem] = result.problems
    assert problem.file == "customers.csv" and problem.what == importer.UNREAD_DATES
    assert problem.rows == (2, 4) and problem.values == ("31/02/2024 25:99", "yesterday")
    assert result.dataset is None


# --- design kit → survey tools → import: the planted link comes back ---------------------------


def planted_study(rng: np.random.Generator, units: int = 120, rho: float = 0.6):
    """A generator written for this test: per unit a staff climate and a customer experience
    correlated rho (Empowerment), answers drawn around them on the kit's items; returns the
    responses in the contract's form (both sides) and the planted unit-level values."""
    climate = rng.standard_normal(units)
    experience = rho * climate + np.sqrt(1 - rho**2) * rng.standard_normal(units)
    theme = design_kit.theme_by_name("Empowerment")
    unit_ids = [f"T{u:03d}" for u in range(units)]

    def answers(latent, per_unit, items):
        unit = np.repeat(np.arange(units), per_unit)
        columns = {}
        for item in items:
            value = np.clip(np.rint(3 + latent[unit] + 0.8 * rng.standard_normal(unit.size)), 1, 5)
            columns[item.id] = value.astype(int)
        return unit, columns

    s_unit, s_items = answers(climate, 12, theme.staff)
    c_unit, c_items = answers(experience, 30, theme.customers)
    staff = pl.DataFrame(
        {
            "respondent_id": [f"E{i}" for i in range(s_unit.size)],
            "unit_id": [unit_ids[u] for u in s_unit],
            "period": "2025-Q1",
            "role": "customer-facing",
        }
        | s_items
    )
    outcome = np.clip(
        np.rint(7 + 1.5 * experience[c_unit] + rng.standard_normal(c_unit.size)), 0, 10
    )
    customers = pl.DataFrame(
        {
            "response_id": [f"C{i}" for i in range(c_unit.size)],
            "unit_id": [unit_ids[u] for u in c_unit],
            "period": "2025-Q1",
            "segment": "Consumer",
            "channel": "in-person",
            "satisfaction": outcome.astype(int),
            "recommend": outcome.astype(int),
        }
        | c_items
    )
    return staff, customers


def test_kit_to_tools_to_import_returns_the_planted_link():
    """Empowerment asked with the kit's ids (Qualtrics) and its Finnish wording (Webropol):
    both imports give exactly the correlation of the generator's unit means, and that
    correlation is near the planted 0.6."""
    staff, customers = planted_study(np.random.default_rng(7))
    expected = (
        staff.group_by("unit_id")
        .agg(pl.mean("ex_empowerment_1", "ex_empowerment_2"))
        .with_columns(ex=(pl.col("ex_empowerment_1") + pl.col("ex_empowerment_2")) / 2)
        .join(customers.group_by("unit_id").agg(pl.mean("cx_empowerment")), on="unit_id")
        .select(pl.corr("ex", "cx_empowerment"))
        .item()
    )
    for make, suffix in ((se.qualtrics, ".csv"), (se.webropol, ".xlsx")):
        s = read_export("staff" + suffix, make(staff, "staff"))
        c = read_export("customers" + suffix, make(customers, "customers"))
        saved = suggest(s, c).to_json()  # the reader downloads it, and drops it again
        mapping = importer.read_mapping(saved)
        assert {i.theme for i in mapping.staff.items if i.use == "item"} == {"Empowerment"}
        data = importer.build(s, c, mapping).dataset
        units = cxlib.Linkage(data).unit_table(
            FilterState(ex_metric="ex:Empowerment", cx_metric="cx:Empowerment")
        )
        got = (
            cxlib.theme_matrix(units)
            .filter((pl.col("x") == "ex:Empowerment") & (pl.col("y") == "cx:Empowerment"))["r"]
            .item()
        )
        assert got == pytest.approx(expected, abs=1e-9)
    assert expected == pytest.approx(0.6, abs=0.15)


def drop_line(data: bytes, index: int) -> bytes:
    lines = data.decode("utf-8-sig").splitlines()
    return "\n".join(lines[:index] + lines[index + 1 :]).encode()


def test_a_deleted_question_row_is_noticed_and_no_response_is_lost(tables, reference):
    """Qualtrics without its question-text row: read with the tags, said in a note, every
    response kept; the kit's tags still map every column."""
    staff = read_export("s.csv", drop_line(se.qualtrics(tables["employee_responses"], "staff"), 1))
    customers = read_export(
        "c.csv", drop_line(se.qualtrics(tables["customer_responses"], "customers"), 1)
    )
    assert any("question-text row is missing" in n for n in staff.notes)
    assert staff.responses == tables["employee_responses"].height
    mapping = with_industries(suggest(staff, customers), tables)
    result = importer.build(staff, customers, mapping, se.units_csv(tables))
    assert_frame_equal(unit_means(result.dataset), reference, check_dtypes=False)


def test_a_deleted_row_header_keeps_every_response_and_says_what_to_do(tables):
    """SurveyMonkey without its second header row: the statements' wording is gone, so no
    theme can be suggested; no answer row is taken for a header, and the message says what
    the reader must do."""
    staff = read_export(
        "s.csv", drop_line(se.surveymonkey(tables["employee_responses"], "staff"), 1)
    )
    customers = read_export(
        "c.csv", drop_line(se.surveymonkey(tables["customer_responses"], "customers"), 1)
    )
    assert any("header with 1 row, not 2" in n for n in staff.notes)
    assert staff.responses == tables["employee_responses"].height
    problems = importer.build(staff, customers, suggest(staff, customers)).problems
    assert any("give each statement the theme it measures" in p.what for p in problems)


def test_finnish_date_and_id_columns_are_suggested_and_a_chosen_column_is_not_unused():
    """A Finnish export's 'Päivämäärä' was not offered as the period's date, nor 'Vastaus ID'
    as the response id; and a column the reader chose for the period was still listed as
    not used."""
    from cxlib.mapping import suggest_side, unmatched

    text = (
        "Vastaus ID;Päivämäärä;Toimipiste;Lisätieto;Esihenkilöni tukee minua\n"
        "1;8.1.2024;Keskusta;x;4\n2;9.1.2024;Keskusta;y;5\n"
    )
    export = read_export("henkilosto.csv", text.encode())
    side = suggest_side(export, "staff")
    assert side.response_id == "Vastaus ID"
    assert side.context["period"] == Source(column="Päivämäärä", from_date=True)
    chosen = side.model_copy(
        update={"context": side.context | {"role": Source(column="Lisätieto")}}
    )
    assert "Lisätieto" in unmatched(side) and "Lisätieto" not in unmatched(chosen)


def test_an_export_saved_as_windows_1252_says_so_as_an_upload_does():
    """A Finnish staff export saved by Excel on Windows reads right (ä, ö), and now says it
    was read as Windows-1252, as the Data page says of the same file; it said nothing."""
    from cxlib.strings import speaking

    text = "Vastaus ID;Toimipiste;Esihenkilöni tukee minua\n1;Hämeenlinna;4\n2;Hämeenlinna;5\n"
    export = read_export("henkilosto.csv", text.encode("cp1252"))
    assert export.frame["Toimipiste"].to_list() == ["Hämeenlinna"] * 2
    assert export.notes == (
        "some characters are not UTF-8; read as Windows-1252 (Excel's default)",
    )
    with speaking("fi"):
        from cxlib.errors import said

        assert "Windows-1252" in said(export.notes[0]) and "UTF-8" in said(export.notes[0])
        assert said(export.notes[0]) != export.notes[0]


def test_empty_lines_of_an_export_are_skipped_and_said_not_counted_as_responses():
    """Two ';;;;' lines in a staff export had been counted as responses (218 for 216) and then
    reported among the responses left out for missing answers; they are skipped, with their
    rows said."""
    text = "Vastaus ID;Toimipiste;Esihenkilöni tukee minua\n1;A;4\n;;\n2;A;5\n ; ;\n"
    export = read_export("henkilosto.csv", text.encode())
    assert export.responses == 2 and export.frame[ROW].to_list() == [2, 4]
    assert "skipped 2 empty rows (3, 5)" in export.notes
    assert export.describe().endswith(", 2 responses")


def test_a_don_t_know_code_99_is_suggested_as_no_answer_and_the_item_kept():
    """A Finnish export codes 'en osaa sanoa' as 99: the five statements, worded as the kit's,
    had been suggested as not used (99 fits no scale), and once used by hand the 99s were
    read as answers out of range. 99 is now suggested as no answer and the item as a theme
    item on 1-5; on 0-10 the same; 9 stays an answer."""
    from cxlib.mapping import suggest_side

    question = design_kit.THEMES[0].staff[0].fi
    text = f"Vastaus ID;Toimipiste;{question};Suosittelisitko 0-10\n" + "".join(
        f"{i};A;{a};{b}\n" for i, (a, b) in enumerate([(4, 9), (99, 10), (2, 99), (5, 0)])
    )
    side = suggest_side(read_export("henkilosto.csv", text.encode()), "staff")
    item = side.item(question)
    assert (item.use, item.scale, item.theme) == ("item", (1, 5), design_kit.THEMES[0].name)
    assert item.answers["99"] is None and item.answers["4"] == 4
    rating = side.item("Suosittelisitko 0-10")
    assert rating.scale == (0, 10) and rating.answers["99"] is None and rating.answers["9"] == 9


def test_a_unit_spelled_two_ways_is_read_as_one_and_a_unit_on_one_side_is_said(tables):
    """Five staff typed ' helsinki keskusta  ' for 'Helsinki Keskusta': the import had passed
    with one unit more, staff-only, whose answers reached no result; then it named both
    spellings and asked the reader to edit the export. Spellings that differ only in case or
    spaces now read as one unit (the spelling most responses use), said in a caution; a unit
    only one export has is still named."""
    from cxlib.errors import said
    from cxlib.strings import speaking

    staff_rows = tables["employee_responses"]
    unit = staff_rows["unit_id"][0]
    typo = staff_rows.with_columns(
        pl.when(pl.int_range(pl.len()) < 5)
        .then(pl.lit(f" {unit.lower()}  "))
        .otherwise(pl.col("unit_id"))
        .alias("unit_id")
    )
    staff = read_export("staff.csv", se.google(typo, "staff"))
    customers = read_export("customers.csv", se.google(tables["customer_responses"], "customers"))
    mapping = with_industries(suggest(staff, customers), tables)
    result = importer.build(staff, customers, mapping)
    [alike] = [n for n in result.notes if "written in more than one way" in n]
    assert (
        alike == f"units written in more than one way are read as one: '{unit.lower()}' → '{unit}'"
    )
    assert alike in result.cautions  # said with the verdict, not as a caption
    assert not [n for n in result.notes if "only in the staff export" in n]
    employee = result.dataset.employee
    assert employee.filter(pl.col("unit_id") == unit).height == (
        staff_rows.filter(pl.col("unit_id") == unit).height
    )  # the five rows are the unit's again
    assert employee["unit_id"].n_unique() == staff_rows["unit_id"].n_unique()
    with speaking("fi"):
        assert said(alike).startswith("eri tavoin kirjoitetut yksiköt luetaan yhdeksi")

    lone = typo.with_columns(  # a unit no customer names
        pl.when(pl.int_range(pl.len()) == 7)
        .then(pl.lit("Pop-up"))
        .otherwise("unit_id")
        .alias("unit_id")
    )
    staff = read_export("staff.csv", se.google(lone, "staff"))
    [alone] = [n for n in importer.build(staff, customers, mapping).notes if "only in the" in n]
    assert alone.startswith("units only in the staff export") and "'Pop-up'" in alone
    clean = importer.build(
        *exports(tables, "google.csv"),
        with_industries(suggest(*exports(tables, "google.csv")), tables),
    )
    assert not [n for n in clean.notes if "units" in n]
    assert clean.cautions == ()  # a clean import is ready without a but


def test_a_period_written_two_ways_is_said_with_both_spellings(tables):
    """An analyst's customer export wrote 'Q2/2025' where the staff export wrote '2025 Q2':
    the import passed without a word, the quarter's answers met none of the other side's, and
    Over time then blamed privacy. Periods only one export names are said, each side's, with
    the verdict, in the reader's language."""
    from cxlib.errors import said
    from cxlib.strings import speaking

    customers_rows = tables["customer_responses"]
    last = sorted(customers_rows["period"].unique().to_list())[-1]
    year, quarter = last.split("-")
    other = f"{quarter}/{year}"
    moved = customers_rows.with_columns(pl.col("period").replace({last: other}))
    # Webropol: the period is a column of its own, written as the survey was labelled.
    staff = read_export("staff.xlsx", se.webropol(tables["employee_responses"], "staff"))
    customers = read_export("customers.xlsx", se.webropol(moved, "customers"))
    result = importer.build(staff, customers, with_industries(suggest(staff, customers), tables))
    periods = [n for n in result.cautions if n.startswith("periods only in the")]
    assert periods == [
        "periods only in the staff export (their answers are linked to no customer answers; "
        f"write a period alike in both): '{last}'",
        "periods only in the customer export (their answers are linked to no staff answers; "
        f"write a period alike in both): '{other}'",
    ]
    with speaking("fi"):
        assert said(periods[1]).startswith("jaksot vain asiakkaiden vientitiedostossa")
    both = read_export("customers.xlsx", se.webropol(customers_rows, "customers"))
    clean = importer.build(staff, both, with_industries(suggest(staff, both), tables))
    assert not [n for n in clean.notes if "periods" in n]


def test_an_outcome_s_words_numbered_short_of_0_to_10_are_said():
    """Five satisfaction words numbered 0, 2, 3, 4, 5 (an analyst typed 0 for the lowest and
    kept the rest): the numbers lie within 0–10, so the import had passed with the top answer
    at 5. Words numbered to both ends pass without a word; answers that are numbers are the
    survey's own and are not judged; a theme item is not an outcome."""
    from cxlib.errors import said
    from cxlib.mapping import ItemMapping, SideMapping
    from cxlib.strings import speaking

    words = ["Erittäin tyytymätön", "Tyytymätön", "Ei kumpaakaan", "Tyytyväinen", "Erittäin"]
    short = dict(zip(words, [0, 2, 3, 4, 5], strict=True)) | {"En osaa sanoa": None}
    whole = dict(zip(words, [0, 3, 5, 8, 10], strict=True))
    digits = {str(n): n for n in range(6)}
    side = SideMapping(
        items=(
            ItemMapping(column="Tyytyväisyys", use="satisfaction", answers=short, scale=(0, 10)),
            ItemMapping(column="Suosittelu", use="recommend", answers=whole, scale=(0, 10)),
            ItemMapping(column="Arvio", use="recommend", answers=digits, scale=(0, 10)),
            ItemMapping(column="Väittämä", use="item", theme="Care", answers=short),
        )
    )
    notes = importer.short_scales(side)
    assert notes == [
        "'Tyytyväisyys' has its answers numbered 0–5 on a 0–10 scale: its lowest answer is "
        "usually 0 and its highest 10 (check them under 'How answers read as numbers')"
    ]
    with speaking("fi"):
        assert said(notes[0]).startswith("sarakkeen 'Tyytyväisyys' vastaukset on numeroitu 0–5")


def test_a_satisfaction_question_in_words_numbered_0_to_5_is_said_with_the_verdict(tables):
    """The analyst's path: satisfaction asked in five Finnish words, set to 'satisfaction' and
    numbered 0, 2, 3, 4, 5. The import is ready, and says so beside the verdict."""
    words = ["Erittäin tyytymätön", "Tyytymätön", "Ei kumpaakaan", "Tyytyväinen", "Erittäin"]
    worded = pl.col("satisfaction").floordiv(2).clip(0, 4).cast(pl.Int64)
    customers_rows = tables["customer_responses"].with_columns(
        worded.replace_strict(dict(enumerate(words)), return_dtype=pl.String)
    )
    staff = read_export("staff.xlsx", se.webropol(tables["employee_responses"], "staff"))
    customers = read_export("customers.xlsx", se.webropol(customers_rows, "customers"))
    mapping = with_industries(suggest(staff, customers), tables)
    [asked] = [i for i in mapping.customers.items if i.answers and set(i.answers) <= set(words)]
    answers = dict(zip(words, [0.0, 2.0, 3.0, 4.0, 5.0], strict=True))
    numbered = asked.model_copy(
        update={"use": "satisfaction", "scale": (0, 10), "answers": answers}
    )
    items = tuple(numbered if i is asked else i for i in mapping.customers.items)
    mapping = mapping.model_copy(
        update={"customers": mapping.customers.model_copy(update={"items": items})}
    )
    result = importer.build(staff, customers, mapping)
    assert result.dataset is not None, result.problems
    assert any("answers numbered 0–5 on a 0–10 scale" in c for c in result.cautions)


def test_two_spellings_a_units_list_names_apart_stay_two_units(tables):
    """A units list that lists 'U0001' and 'u0001' as two units is the reader's word that they
    are two: the spellings stay apart, and the note says they are read as different units.
    Where the list names one spelling, that one is kept."""
    staff_rows = tables["employee_responses"]
    unit = staff_rows["unit_id"][0]
    typo = staff_rows.with_columns(
        pl.when(pl.int_range(pl.len()) < 5)
        .then(pl.lit(unit.lower()))
        .otherwise("unit_id")
        .alias("unit_id")
    )
    staff = read_export("staff.csv", se.google(typo, "staff"))
    customers = read_export("customers.csv", se.google(tables["customer_responses"], "customers"))
    mapping = with_industries(suggest(staff, customers), tables)
    units = tables["units"]
    both = pl.concat([units, units.head(1).with_columns(unit_id=pl.lit(unit.lower()))])
    result = importer.build(staff, customers, mapping, ("units.csv", both.write_csv().encode()))
    [apart] = [n for n in result.notes if "written in more than one way" in n]
    assert "read as different units" in apart
    assert not [n for n in result.notes if "read as one" in n]
    lower = units.with_columns(  # the list spells it in lower case: the responses follow it
        pl.when(pl.col("unit_id") == unit)
        .then(pl.lit(unit.lower()))
        .otherwise("unit_id")
        .alias("unit_id")
    )
    result = importer.build(staff, customers, mapping, ("units.csv", lower.write_csv().encode()))
    assert f"read as one: '{unit}' → '{unit.lower()}'" in " ".join(result.notes)


def test_spss_codes_of_a_context_column_are_read_as_their_value_labels(tmp_path):
    """An SPSS staff export codes its role question 1 = 'Kyllä', 2 = 'Ei': the roles had been
    '1' and '2'. Context columns read by their value labels, and a channel's answers are
    offered (and mapped) by their words; a mapping keyed by the code still holds."""
    import pandas as pd
    import pyreadstat

    from cxlib.mapping import context_answers

    frame = pd.DataFrame(
        {"unit": ["A", "A", "B"], "rooli": [1.0, 2.0, 1.0], "kanava": [1.0, 2.0, 2.0]}
    )
    labels = {"rooli": {1.0: "Kyllä", 2.0: "Ei"}, "kanava": {1.0: "Kasvokkain", 2.0: "Verkossa"}}
    path = tmp_path / "export.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels=labels)
    export = read_export("export.sav", path.read_bytes())
    assert context_answers(export, "kanava") == ["Kasvokkain", "Verkossa"]
    problems = []

    def read(source: Source, field: str) -> list:
        return export.frame.select(importer._context(export, source, field, problems))[
            source.column
        ].to_list()

    assert read(Source(column="rooli"), "role") == ["Kyllä", "Ei", "Kyllä"]
    words = {"Kasvokkain": "in-person", "Verkossa": "digital"}
    assert read(Source(column="kanava", values=words), "channel") == [
        "in-person",
        "digital",
        "digital",
    ]
    by_code = {"1": "in-person", "2": "digital"}
    assert read(Source(column="kanava", values=by_code), "channel") == [
        "in-person",
        "digital",
        "digital",
    ]
    assert not problems


def test_a_kit_theme_typed_in_finnish_beside_its_english_suggestion_is_one_theme(tables):
    """A Finnish analyst typed 'Esihenkilön tuki' on the staff side where the customer side
    kept the suggested 'Supervisor support': two themes, neither on both sides, and the import
    stopped with 'no theme has both …' naming none. The kit's Finnish name now reads as its
    theme (said in a note), the dataset shows the kit's themes in Finnish to Finnish readers,
    and a theme map with no common theme names each side's themes."""
    staff, customers = exports(tables, "google.csv")
    mapping = with_industries(suggest(staff, customers), tables)
    finnish = mapping.staff.model_copy(
        update={
            "items": tuple(
                i.model_copy(update={"theme": "Esihenkilön tuki"})
                if i.theme == "Supervisor support"
                else i
                for i in mapping.staff.items
            )
        }
    )
    result = importer.build(staff, customers, mapping.model_copy(update={"staff": finnish}))
    assert not result.problems
    assert "'Esihenkilön tuki' → 'Supervisor support'" in " ".join(result.notes)
    words = result.dataset.manifest.finnish_names
    assert words["Supervisor support"] == "Esihenkilön tuki" and words["Engagement"] == "Työn imu"
    apart = mapping.staff.model_copy(
        update={"items": tuple(i.model_copy(update={"theme": "Oma"}) for i in mapping.staff.items)}
    )
    [problem] = importer.build(
        staff, customers, mapping.model_copy(update={"staff": apart})
    ).problems
    assert "(staff themes: Oma; customer themes: Supervisor support, " in problem.what


def test_a_title_row_above_an_export_s_header_is_passed_over_and_said(tables):
    """A workbook with 'Asiakaskysely 2024' above its header, and a CSV with a title and a
    blank line: the title had been read as the header (columns 'Column 2' …, the real header
    a response, every field 'one value'). The header is found below it, the rows keep their
    numbers in the file, and a note says so; the export then reads as without the title."""
    import io

    customers = tables["customer_responses"]
    plain = read_export("asiakkaat.xlsx", se.webropol(customers, "customers"))
    body = pl.read_excel(
        io.BytesIO(se.webropol(customers, "customers")), has_header=False, infer_schema_length=0
    ).cast(pl.String)
    title = pl.DataFrame(
        [["Asiakaskysely 2024", *[None] * (body.width - 1)]],
        schema={c: pl.String for c in body.columns},
        orient="row",
    )
    buffer = io.BytesIO()
    pl.concat([title, body]).write_excel(buffer, include_header=False)
    titled = read_export("asiakkaat.xlsx", buffer.getvalue())
    assert titled.keys == plain.keys and titled.responses == plain.responses
    assert titled.frame[ROW].to_list() == [r + 1 for r in plain.frame[ROW].to_list()]
    assert "the header is on row 2: the rows above it are not read" in titled.notes
    google = se.google(customers, "customers").decode("utf-8-sig")
    commas = "," * (len(plain.columns) - 1)  # a spreadsheet pads every line to the width
    google = f"Asiakaskysely 2024{commas}\n{commas}\n{google}".encode()
    csv = read_export("asiakkaat.csv", google)
    untitled = se.google(customers, "customers")
    assert csv.keys == read_export("a.csv", untitled).keys and csv.frame[ROW][0] == 4
    assert "the header is on row 3: the rows above it are not read" in csv.notes
    # A report's title block of two cells, as a reviewer's export had: still a title.
    block = pl.DataFrame(
        [
            ["Asiakastyytyväisyyskysely 2024", None, "Raportti luotu 2.7.2024"],
            [None, None, None],
        ],
        schema={c: pl.String for c in body.columns[:3]},
        orient="row",
    ).with_columns(pl.lit(None, pl.String).alias(c) for c in body.columns[3:])
    buffer = io.BytesIO()
    pl.concat([block, body]).write_excel(buffer, include_header=False)
    blocked = read_export("asiakkaat.xlsx", buffer.getvalue())
    assert blocked.keys == plain.keys and blocked.responses == plain.responses
    assert "the header is on row 3: the rows above it are not read" in blocked.notes


def test_a_problem_in_an_exports_column_is_named_by_that_column_not_the_layouts():
    """Four staff left 'Henkilöstöryhmä' empty: the problem read "column 'role': missing
    value", a column of the documented layout the reader never saw. It now names the
    export's own column ('Toimipiste' for a customer's missing unit too)."""
    from cxlib.strings import speaking

    staff_question = design_kit.THEMES[0].staff[0].fi
    staff = read_export(
        "henkilosto.csv",
        (
            f"Vastaus ID;Toimipiste;Jakso;Henkilöstöryhmä;{staff_question}\n"
            + "".join(f"{i};A;2024-Q1;{'Esihenkilö' if i % 3 else ''};4\n" for i in range(1, 13))
        ).encode(),
    )
    customer_question = design_kit.THEMES[0].customers[0].fi
    customers = read_export(
        "asiakkaat.csv",
        (
            "Vastaus ID;Toimipiste;Jakso;Kanava;Tyytyväisyys 0-10;Suosittelisitko 0-10;"
            f"{customer_question}\n"
            + "".join(f"{i};{'A' if i > 2 else ''};2024-Q1;Puhelin;8;9;4\n" for i in range(1, 9))
        ).encode(),
    )
    mapping = suggest(staff, customers)
    assert mapping.staff.context["role"].column == "Henkilöstöryhmä"
    result = importer.build(staff, customers, mapping)
    by_place = {(p.file, p.column): p for p in result.problems}
    assert by_place[("henkilosto.csv", "Henkilöstöryhmä")].rows == (4, 7, 10, 13)
    assert by_place[("asiakkaat.csv", "Toimipiste")].rows == (2, 3)
    assert not any(p.column in ("role", "unit_id") for p in result.problems)
    with speaking("fi"):
        role = str(by_place[("henkilosto.csv", "Henkilöstöryhmä")])
    assert "sarake 'Henkilöstöryhmä': arvo puuttuu" in role


def test_the_questions_that_alone_cost_responses_are_named_with_how_many_each():
    """A staff export with 'En osaa sanoa' sprinkled over its statements lost 45% of its
    responses, said only as a count. The import now names the questions that alone left
    responses out, most first, with how many each would keep if marked not used; a response
    short of two answers, or of an outcome, counts for none. Counted here by hand from the
    planted answers."""
    from cxlib.errors import said
    from cxlib.strings import speaking

    kit = design_kit.THEMES
    first, second = kit[0].staff[0].fi, kit[1].staff[0].fi
    rows = [(4, 4)] * 6 + [("En osaa sanoa", 4)] * 3 + [(4, "En osaa sanoa")] * 2
    rows += [("En osaa sanoa", "En osaa sanoa")] * 4  # two short: kept by neither
    staff = read_export(
        "henkilosto.csv",
        (
            f"Vastaus ID;Toimipiste;Jakso;{first};{second}\n"
            + "".join(f"{i};A;2024-Q1;{a};{b}\n" for i, (a, b) in enumerate(rows, 1))
        ).encode(),
    )
    question = kit[0].customers[0].fi
    customers = read_export(
        "asiakkaat.csv",
        (
            "Vastaus ID;Toimipiste;Jakso;Kanava;Tyytyväisyys 0-10;Suosittelisitko 0-10;"
            f"{question}\n"
            + "".join(
                f"{i};A;2024-Q1;Puhelin;8;{r};{a}\n"
                for i, (r, a) in enumerate(
                    [(9, 4)] * 5 + [("", 4)] * 2 + [("", "")] * 1 + [(9, "")] * 3, 1
                )
            )
        ).encode(),
    )
    result = importer.build(staff, customers, suggest(staff, customers))
    notes = list(result.notes)
    assert "henkilosto.csv: 9 of 15 staff responses left out" in " ".join(notes)
    one_short = "responses left out for one question only"
    [short] = [n for n in notes if n.startswith(f"henkilosto.csv: {one_short}")]
    assert short.endswith(f"'{first}' 3, '{second}' 2")
    [customer] = [n for n in notes if n.startswith(f"asiakkaat.csv: {one_short}")]
    assert customer.endswith(f"'{question}' 3")  # the ones short of recommend too: never
    left_out = [n for n in notes if "responses left out" in n]
    assert set(result.cautions) == set(left_out) and len(left_out) == 4  # 2 a side
    assert not [c for c in result.cautions if c in staff.notes or c in customers.notes]
    with speaking("fi"):
        assert said(short).startswith("henkilosto.csv: vain yhden kysymyksen vuoksi")


def test_a_question_short_in_an_spss_export_is_named_by_its_question():
    """An SPSS export's columns are ids (cx_care_1) with the question as their label; the note
    of responses left out for one question named the id alone, which the mapping step shows
    only beside the question. It now says the question, with the id to find it by."""
    from tests.test_mapping import STAFF, spss_ratings

    staff = read_export("staff.csv", STAFF)
    customers = read_export("asiakkaat.sav", spss_ratings())
    result = importer.build(staff, customers, suggest(staff, customers))
    [short] = [n for n in result.notes if "one question only" in n]
    assert short.endswith("'The staff cared about my needs (cx_care_1)' 4"), short


def test_exports_whose_periods_never_meet_are_refused_with_both_periods_named(tables):
    """The staff export has no date: a reader typed 'kevät 2024' as its period, the customers'
    dates gave '2024-Q1' and '2024-Q2': every check passed, and then every page was empty and blamed
    privacy. The import now stops and names both sides' periods, in the reader's language."""
    from cxlib.problems_fi import translate

    staff, customers = exports(tables, "qualtrics.csv")
    mapping = with_industries(suggest(staff, customers), tables)
    typed = mapping.staff.model_copy(
        update={"context": mapping.staff.context | {"period": Source(value="kevät 2024")}}
    )
    result = importer.build(
        staff, customers, mapping.model_copy(update={"staff": typed}), se.units_csv(tables)
    )
    assert result.dataset is None
    [problem] = result.problems
    assert "staff periods: 'kevät 2024'; customer periods: '2024-Q1', '2024-Q2'" in problem.what
    assert "henkilöstön jaksot: 'kevät 2024'" in translate(problem.what)
    fine = importer.build(staff, customers, mapping, se.units_csv(tables))
    assert fine.problems == () and fine.dataset is not None
    elsewhere = mapping.staff.model_copy(
        update={"context": mapping.staff.context | {"unit": Source(value="Nowhere")}}
    )
    apart = importer.build(
        staff, customers, mapping.model_copy(update={"staff": elsewhere}), se.units_csv(tables)
    )
    assert [p.what for p in apart.problems] == [
        "no unit is named in both exports, so nothing links them: check the unit columns"
    ]


def test_an_imports_description_reads_in_finnish_too(tables):
    """The Data page of a Finnish reader had said 'Imported: Spreadsheet (Webropol or similar)
    export, 1 header row, 2,657 responses' (English words, an English thousands comma)."""
    staff, customers = exports(tables, "webropol.xlsx")
    result = importer.build(staff, customers, with_industries(suggest(staff, customers), tables))
    manifest = result.dataset.manifest
    assert manifest.description.startswith("Imported: Spreadsheet (Webropol or similar) export")
    assert manifest.description_fi.startswith("Tuotu: taulukko (Webropol tai vastaava)")
    assert (
        "4\u00a0945 vastausta" in manifest.description_fi
    )  # the customers, spaced the Finnish way
