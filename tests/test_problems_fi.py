"""Problems in Finnish: every text cxlib writes into a Problem has a Finnish template, real load
and import errors read in Finnish with the user's values untouched, and English stays as it was.
The notes a load or an import leaves (how a file was read, what was left out) read in Finnish.
"""

from __future__ import annotations

import ast
from pathlib import Path

import polars as pl
import pytest

import cxlib
from cxlib import importer
from cxlib.errors import DataError, Problem, said
from cxlib.exports import read_export
from cxlib.problems_fi import NOTE_TEMPLATES, TEMPLATES, placeholders, translate
from cxlib.strings import speaking

from .conftest import to_bytes

CXLIB = Path(cxlib.__file__).parent

# --- the texts of the Problem(...) calls whose `what` is a variable, followed by hand ---------
# actions._read: "not a valid action list: " + reasons, or the ValueError its parse() raised.
ACTIONS_READ = [
    "not a valid action list: {}",
    "not an action list",
    "expected the bytes of a file",
    "the file is larger than {} kB",
    "the token is empty",
    "the token is not an action list (wrong length or characters)",
    "the token unpacks to more than {} kB",
    "the token is cut short (copy the whole link)",
    "the token is not an action list",
    "unknown fields {}",
    "an action in the token has unknown fields",
    "version {} is not supported: this app reads version 1 (was it saved by a newer app?)",
]
# dataset._size_checks: "too large: " + each text of limits.study_problems.
STUDY_SIZE = [
    "too large: {} survey periods; the explorer serves at most {}",
    "too large: {} customer segments; the explorer serves at most {}",
    "too large: {} staff roles; the explorer serves at most {}",
    "too large: {} units × {} periods × {} grid columns is more than the explorer holds in "
    "memory ({} cells): fewer periods or segments",
]
# exports.read_export, _from_grid and _read_sav: `what` and `limit`.
EXPORTS_VARIABLES = [
    "unsupported file type '{}' (use .csv, .tsv, .xlsx or .sav)",
    "the file has {} columns; an export may have at most {}",
    "the file has its header ({} rows for {}) but no responses",
    "the file has {} variables; an export may have at most {}",
]
# importer.read_mapping and _responses (the latter's second `what` comes from _misfit).
IMPORTER_VARIABLES = [
    "mapping version {}; this version of the app reads 1",
    "the mapping names a column the export does not have",
    "a theme item needs its theme (or mark it not used)",
    "a theme item on a {}–{} scale: theme items are answered on 1–5 (mark it not used, or "
    "recode it in the survey tool)",
    "'{}' is a customer outcome, not a staff question",
    "'{}' is asked once: another column is already mapped to it",
    "'{}' is rated 0–10, this column {}–{}: number its answers from 0 to 10 under 'How "
    "answers read as numbers' (the lowest 0, the highest 10)",
    # _unread_dates: UNREAD_DATES
    "dates the importer cannot read (it reads dates such as 2024-03-31, 3/31/2024 and "
    "31.3.2024, with or without a time): correct them, or take the period from another column",
]
# validation.rows_problem: the `what` of parse_table's _checks, duplicates and the cross checks.
ROWS_PROBLEM = [
    "missing value",
    "wrong type: not a number",
    "wrong type: not a whole number",
    "value out of range (allowed {})",
    "unknown value (allowed: {})",
    "duplicate id: the same {} appears on more than one row",
    "duplicate key: the same {} appears on more than one row",
    "unknown {} (not in {})",
    "the same {} has more than one {}",
]
FOLLOWED_BY_HAND = ACTIONS_READ + STUDY_SIZE + EXPORTS_VARIABLES + IMPORTER_VARIABLES
FOLLOWED_BY_HAND += ROWS_PROBLEM
# sealing.block_problems and hidden_sums (read by cubefile._cells and merging.merge_stored)
# and warehouse._check's SQL conditions.
FOLLOWED_BY_HAND += [
    "{} cells have no {} column: the cube is not sealed",
    "{} {} cells hold fewer than {} people",
    "{} {} cells hold sums without people",
    "{} cells whose block does not include their own atom",
    "{} is missing",
    "unit_id is not in the units table",
    "channel is not one of {}",
    "{} is not a whole number from {} to {}",
]
# Where the variable `what`s are: a new one must be followed by hand and added above.
VARIABLE_SITES = {
    ("actions.py", "_read"),
    ("exports.py", "read_export"),
    ("exports.py", "_from_grid"),
    ("exports.py", "_read_sav"),
    ("importer.py", "read_mapping"),
    ("importer.py", "_responses"),
    ("importer.py", "_unread_dates"),
    ("validation.py", "rows_problem"),
    ("cubefile.py", "_cells"),
    ("merging.py", "merge_stored"),
    ("warehouse.py", "_check"),
}

FINNISH_FRAME = ("Aineistoa ei voitu ladata", "sarake '", "riviä", "esimerkiksi", "rivi ")
ENGLISH_FRAME = ("The data could not be loaded", "column '", " rows", "for example", "row ")


# --- finding the Problem(...) calls --------------------------------------------------------------
def problem_calls() -> list[tuple[str, str, ast.expr]]:
    """(file, enclosing function, `what` expression) of every Problem(...) call in cxlib."""
    calls = []
    for path in sorted(CXLIB.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and _called_name(node) == "Problem":
                    calls.append((path.name, function.name, _what(node)))
    return calls


def _called_name(call: ast.Call) -> str | None:
    return getattr(call.func, "id", getattr(call.func, "attr", None))


def _what(call: ast.Call) -> ast.expr:
    if len(call.args) > 1:
        return call.args[1]
    return next(k.value for k in call.keywords if k.arg == "what")


def template_of(node: ast.expr) -> str | None:
    """A literal or f-string as its template (each field as {}); None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def literal_templates() -> set[str]:
    return {t for _, _, what in problem_calls() if (t := template_of(what)) is not None}


def english_fragments() -> set[str]:
    """The words of the English templates (their text between fields, long enough to tell)."""
    parts = (part.strip() for english in TEMPLATES for part in english.split("{}"))
    return {part for part in parts if len(part) >= 6}


# --- coverage of the table -----------------------------------------------------------------------
def test_the_walk_finds_the_problem_calls():
    """The AST walk sees the dozens of Problem(...) calls cxlib makes, most of them literal."""
    calls = problem_calls()
    assert len(calls) >= 40
    assert len(literal_templates()) >= 30


@pytest.mark.parametrize("english", sorted(literal_templates()))
def test_every_literal_what_has_a_finnish_template(english):
    """Each literal or f-string `what` has a Finnish entry with as many fields."""
    assert english in TEMPLATES
    assert placeholders(TEMPLATES[english]) == placeholders(english)


def test_variable_whats_are_the_ones_followed_by_hand():
    """Every `what` held in a variable sits in a function whose texts are listed here by hand."""
    sites = {(file, function) for file, function, what in problem_calls() if not template_of(what)}
    assert sites == VARIABLE_SITES


@pytest.mark.parametrize("english", FOLLOWED_BY_HAND)
def test_every_followed_text_has_a_finnish_template(english):
    """The texts behind the variable `what`s are in the table too, with as many fields."""
    assert english in TEMPLATES
    assert placeholders(TEMPLATES[english]) == placeholders(english)


@pytest.mark.parametrize(
    ("english", "finnish"), sorted(TEMPLATES.items()) + sorted(NOTE_TEMPLATES.items())
)
def test_each_finnish_template_formats_and_differs(english, finnish):
    """A Finnish template, of a problem or of a note, takes its values (no mixed {} and {0})
    and is not the English text."""
    values = [f"<{i}>" for i in range(placeholders(english))]
    filled = finnish.format(*values)
    assert all(value in filled for value in values)
    assert finnish != english


# --- translate() ---------------------------------------------------------------------------------
def test_translate_keeps_values_and_takes_the_most_specific_template():
    """The longer template wins over "too large: {}"; the numbers come through unchanged."""
    said = translate("too large: 61 survey periods; the explorer serves at most 60")
    assert said == "liian suuri: 61 kyselyjaksoa; sovellus käsittelee enintään 60"


def test_translate_reorders_fields_where_finnish_needs_it():
    """The header-only export names the tool first in Finnish; a value with brackets survives."""
    said = translate(
        "the file has its header (1 rows for Spreadsheet (Webropol or similar)) but no responses"
    )
    assert said == (
        "tiedostossa on vain otsikko (Spreadsheet (Webropol or similar): otsikkorivejä 1) "
        "eikä yhtään vastausta"
    )


def test_a_count_written_with_english_thousands_is_spaced_the_finnish_way():
    """'100,000 columns' would read as a hundred in Finnish; other values keep their commas."""
    said = translate("the file has 100,000 columns; a table may have at most 16,384")
    assert said == "tiedostossa on 100\u00a0000 saraketta; taulussa saa olla enintään 16\u00a0384"
    kept = translate("channel is not one of in-person, phone, digital")
    assert kept == "kanava ei ole mikään näistä: in-person, phone, digital"


def test_text_without_a_template_stays_english():
    """A reader's own message, which no template matches, comes back as it was."""
    text = "expected ',' or '}' after object member"
    assert translate(text) == text


def test_a_value_that_looks_like_a_template_is_not_translated():
    """Column names that read as template words ("missing value", "column") stay as written."""
    said = translate("missing column (the file has: missing value, column, the file is empty)")
    assert said == "sarake puuttuu (tiedoston sarakkeet: missing value, column, the file is empty)"


# --- real problems -------------------------------------------------------------------------------
def set_cells(frame: pl.DataFrame, column: str, rows: range, value: str) -> pl.DataFrame:
    """The frame with value in column at the given 0-based data rows."""
    chosen = pl.int_range(pl.len()).is_in(list(rows))
    return frame.with_columns(
        pl.when(chosen).then(pl.lit(value)).otherwise(pl.col(column)).alias(column)
    )


def broken_upload(example_tables, channel: str = "carrier pigeon") -> dict[str, bytes]:
    """The examples with four problems: a missing column, a bad channel, a duplicate id and
    seven values out of range."""
    tables = dict(example_tables)
    units = set_cells(tables["units"], "unit_id", range(1, 2), "U0001")
    tables["units"] = units.drop("region")
    customers = set_cells(tables["customer_responses"], "recommend", range(7), "11")
    tables["customer_responses"] = set_cells(customers, "channel", range(8, 9), channel)
    return {f"{name}.csv": to_bytes(frame) for name, frame in tables.items()}


def load_error(files: dict[str, bytes]) -> DataError:
    with pytest.raises(DataError) as info:
        cxlib.load_dataset(files)
    return info.value


def export_error(file: str, data: bytes) -> DataError:
    with pytest.raises(DataError) as info:
        read_export(file, data)
    return info.value


def assert_finnish(text: str) -> None:
    """No English template words in text, and the Finnish frame around the problems."""
    assert [f for f in english_fragments() if f in text] == []
    assert [w for w in ENGLISH_FRAME if w in text] == []


def test_load_errors_read_in_finnish_with_the_values_kept(example_tables):
    """Four problems of an upload: Finnish words; file and column names, rows, values as given."""
    with speaking("fi"):
        error = load_error(broken_upload(example_tables))
        text = str(error)
    assert_finnish(text)
    assert all(word in text for word in FINNISH_FRAME)
    assert text.startswith("Aineistoa ei voitu ladata: 4 ongelmaa.")
    kept = ["units.csv, sarake 'region'", "units.csv, sarake 'unit_id'", "rivi 3 ('U0001')"]
    kept += ["customer_responses.csv, sarake 'recommend'", "7 riviä, esimerkiksi rivi 2 ('11')"]
    kept += ["rivi 10 ('carrier pigeon')", "(sallittu 0–10)", "in-person, phone, digital"]
    assert [k for k in kept if k not in text] == []


def test_export_errors_read_in_finnish():
    """read_export's problems (bad type, empty, header only) and a mapping's, said in Finnish."""
    with speaking("fi"):
        errors = [
            export_error("survey.pdf", b"%PDF-1.4"),
            export_error("empty.csv", b""),
            export_error("header_only.csv", b'"ResponseId","Q1"\n'),
        ]
        with pytest.raises(DataError) as mapping:
            importer.read_mapping('{"version": 2}')
        texts = [str(e) for e in [*errors, mapping.value]]
    for text in texts:
        assert_finnish(text)
        assert text.startswith("Aineistoa ei voitu ladata: 1 ongelma.")
    assert "survey.pdf: tiedostotyyppiä '.pdf' ei tueta" in texts[0]
    assert "empty.csv: tiedosto on tyhjä" in texts[1]
    assert "header_only.csv: tiedostossa on vain otsikko" in texts[2]
    assert texts[3].endswith(
        "kohdistus: kohdistuksen versio 2; tämä sovelluksen versio lukee versiota 1"
    )


@pytest.mark.parametrize("value", ["column", "missing value", "for example row 3"])
def test_a_bad_value_that_reads_as_a_template_word_stays_as_given(example_tables, value):
    """A channel written as "column" or "missing value" is quoted as it is, not translated."""
    with speaking("fi"):
        text = str(load_error(broken_upload(example_tables, channel=value)))
    assert f"rivi 10 ({value!r})" in text


def test_problems_outside_the_finnish_block_are_english_again(example_tables):
    """The same error object speaks the language of the moment it is shown in."""
    with speaking("fi"):
        error = load_error(broken_upload(example_tables))
    assert str(error).startswith("The data could not be loaded: 4 problems.")
    with speaking("fi"):
        assert str(error).startswith("Aineistoa ei voitu ladata")


def test_a_files_word_is_translated_and_a_file_name_kept():
    """cxlib's words for a file ("linkage study") turn Finnish; a file's own name does not."""
    study = Problem("linkage study", "too large: 21 staff roles; the explorer serves at most 20")
    missing = Problem("units.csv or units.xlsx or units.parquet", "no such folder")
    named = Problem("mapping.csv", "the file is empty")
    with speaking("fi"):
        said = [str(study), str(missing), str(named)]
    assert said == [
        "yksikkötutkimus: liian suuri: 21 henkilöstön roolia; sovellus käsittelee enintään 20",
        "units.csv tai units.xlsx tai units.parquet: kansiota ei ole",
        "mapping.csv: tiedosto on tyhjä",
    ]


# --- English as before ---------------------------------------------------------------------------
def test_english_missing_column_is_as_before(example_tables):
    """The missing column's message, word for word as the English code wrote it."""
    tables = dict(example_tables)
    tables["units"] = tables["units"].drop("region")
    error = load_error({f"{name}.csv": to_bytes(frame) for name, frame in tables.items()})
    assert str(error) == (
        "The data could not be loaded: 1 problem.\n"
        "- units.csv, column 'region': missing column "
        "(the file has: unit_id, company, industry, strategy)"
    )


def test_english_rows_and_examples_are_as_before(example_tables):
    """Seven values out of range: the count, five examples and "for example" as before."""
    tables = dict(example_tables)
    tables["customer_responses"] = set_cells(
        tables["customer_responses"], "recommend", range(7), "11"
    )
    error = load_error({f"{name}.csv": to_bytes(frame) for name, frame in tables.items()})
    assert str(error) == (
        "The data could not be loaded: 1 problem.\n"
        "- customer_responses.csv, column 'recommend': value out of range (allowed 0–10) "
        "(7 rows, for example row 2 ('11'), row 3 ('11'), row 4 ('11'), row 5 ('11'), "
        "row 6 ('11'))"
    )


def test_english_export_error_and_detail_are_as_before():
    """An unsupported export, and a problem's detail with one row, as before."""
    assert str(export_error("survey.pdf", b"%PDF-1.4")) == (
        "The data could not be loaded: 1 problem.\n"
        "- survey.pdf: unsupported file type '.pdf' (use .csv, .tsv, .xlsx or .sav)"
    )
    problem = Problem(
        "units.csv", "missing value", column="period", rows=(4,), values=("",), count=1
    )
    assert problem.detail() == "column 'period': missing value (1 row: row 4 (''))"
    assert str(DataError([problem, problem])).startswith(
        "The data could not be loaded: 2 problems.\n- "
    )


# --- notes ---------------------------------------------------------------------------------------
def note_fragments() -> set[str]:
    parts = (part.strip() for english in NOTE_TEMPLATES for part in english.split("{}"))
    return {part for part in parts if len(part) >= 10}  # not 'responses' of a file's name


def assert_finnish_note(note: str) -> str:
    """The note in Finnish: no English words of a note template left in it."""
    with speaking("fi"):
        finnish = said(note)
    assert finnish != note and [f for f in note_fragments() if f in finnish] == [], finnish
    return finnish


def test_a_loads_notes_read_in_finnish_with_the_files_and_values_kept(
    example_files, example_tables
):
    """A Finnish Excel CSV (BOM, ';'), a Windows-1252 one with NUL characters, a stray file
    and columns the theme map does not name: each note in Finnish, the file names, the
    separator and the counts kept (a count's English thousands comma becomes a space: a
    comma reads as a decimal one)."""
    files = example_files()
    files["companies.csv"] = b"\xef\xbb\xbf" + to_bytes(example_tables["companies"], "csv", ";")
    units = example_tables["units"].with_columns(pl.lit("Pohjois-Häme").alias("region"))
    files["units.csv"] = to_bytes(units).decode().encode("cp1252").replace(b"\n", b"\x00\n", 1)
    staff = example_tables["employee_responses"].with_columns(pl.lit("x").alias("free_text"))
    files["employee_responses.csv"] = to_bytes(staff)
    files["raportti.pdf"] = b"%PDF-1.4"
    notes = cxlib.load_dataset(files).notes
    finnish = [assert_finnish_note(note) for note in notes]
    assert len(finnish) == 5, notes
    expected = [
        "companies.csv: sarakkeet erotettu merkillä ';'",
        "units.csv: osa merkeistä ei ole UTF-8-merkkejä",
        "units.csv: poistettu 1 NUL-merkkiä",
        "ohitetut tiedostot (eivät vastaa mitään taulua): raportti.pdf",
        "employee_responses.csv: sarakkeet, joita teemakartassa ei ole, jätettiin käyttämättä: "
        "free_text",
    ]
    assert [e for e in expected if not any(f.startswith(e) for f in finnish)] == [], finnish
    with speaking("fi"):
        assert said("x.csv: dropped 12,345 NUL characters (the file may be damaged)") == (
            "x.csv: poistettu 12\u00a0345 NUL-merkkiä (tiedosto voi olla vaurioitunut)"
        )


def test_what_an_export_is_and_what_reading_it_did_read_in_finnish(sample):
    """Each tool's description, a Qualtrics export without its question row, a SurveyMonkey one
    without its second header row, untitled and repeated titles: in Finnish."""
    from . import survey_exports as se

    staff = se.study(sample)["employee_responses"]
    exports = [
        read_export(name, data)
        for name, data in [
            ("q.csv", se.qualtrics(staff, "staff")),
            ("w.xlsx", se.webropol(staff, "staff")),
            ("s.sav", se.spss(staff, "staff")),
            ("g.csv", se.google(staff, "staff")),
        ]
    ]
    described = [assert_finnish_note(export.describe()) for export in exports]
    assert described[0].startswith("Qualtrics-vienti, 3 otsikkoriviä, ")
    assert described[1].startswith("taulukko (Webropol tai vastaava), 1 otsikkorivi, ")
    assert described[2].startswith("SPSS-datatiedosto, ")
    assert described[3].startswith("Google Forms-vienti, 1 otsikkorivi, ")
    one = read_export("one.csv", se.google(staff.head(1), "staff"))  # a reviewer's "1 vastausta"
    assert one.describe() == "Google Forms export, 1 header row, 1 response"
    assert assert_finnish_note(one.describe()) == "Google Forms-vienti, 1 otsikkorivi, 1 vastaus"
    sav = read_export("one.sav", se.spss(staff.head(1), "staff")).describe()
    assert sav.endswith(", 1 response") and assert_finnish_note(sav).endswith(", 1 vastaus")
    qualtrics = se.qualtrics(staff, "staff").decode("utf-8-sig").splitlines()
    surveymonkey = se.surveymonkey(staff, "staff").decode("utf-8-sig").splitlines()
    odd = [
        read_export("q2.csv", "\n".join(qualtrics[:1] + qualtrics[2:]).encode()),
        read_export("s1.csv", "\n".join(surveymonkey[:1] + surveymonkey[2:]).encode()),
        read_export("t.csv", b"Timestamp,,I like it,I like it\n1/2/2024,a,Agree,Disagree\n"),
    ]
    notes = [note for export in odd for note in export.notes]
    assert "column 2 has no title; named by its place" in odd[2].notes  # one column: singular
    assert len(notes) == 5, notes  # SurveyMonkey's merged question cells leave untitled ones
    for note in notes:
        assert_finnish_note(note)


@pytest.mark.parametrize(("side", "who"), [("staff", "henkilöstön"), ("customers", "asiakkaiden")])
def test_responses_left_out_of_an_import_are_said_in_finnish(side, who):
    """'Don't know' on a theme item leaves the response out, said with its count."""
    frame = pl.DataFrame({"q1": [1, None, 3, 4], "satisfaction": [5, 6, None, 8]})
    kept, note = importer.complete_responses(frame, ["q1"], side)
    assert kept.height == 2
    assert assert_finnish_note(note).startswith(f"2 / 4 {who} vastausta jätettiin pois")


def test_an_import_s_missing_field_is_named_in_finnish_as_the_mapping_step_names_it():
    """'mistä kenttä period saadaan' left the field's code English in a Finnish sentence, and
    an unread date said 'kausi' where the page says 'Jakso'."""
    from cxlib.errors import Problem
    from cxlib.importer import UNREAD_DATES

    missing = (
        "the mapping does not say where period comes from: pick a column, or give one value "
        "for the whole file"
    )
    gone = "the mapping takes channel from a column the export does not have"
    with speaking("fi"):
        worded = [Problem("x.csv", what).detail() for what in (missing, gone, UNREAD_DATES)]
    assert "mistä jakso saadaan" in worded[0] and "period" not in worded[0]
    assert "kentän kanava" in worded[1] and "channel" not in worded[1]
    assert "ota jakso toisesta sarakkeesta" in worded[2]
