"""load_dataset: every documented file format loads, and bad input fails with one clear error."""

from __future__ import annotations

import io

import polars as pl
import pytest

import cxlib
from cxlib import DataError

from .conftest import to_bytes


def load_error(files) -> DataError:
    with pytest.raises(DataError) as info:
        cxlib.load_dataset(files)
    return info.value


def set_cell(column: str, row: int, value: str | None):
    """Edit that puts value into column at 0-based data row."""

    def edit(frame: pl.DataFrame) -> pl.DataFrame:
        index = pl.int_range(pl.len())
        replaced = pl.when(index == row).then(pl.lit(value)).otherwise(pl.col(column))
        return frame.with_columns(replaced.alias(column))

    return edit


def test_examples_load_as_a_complete_dataset(example_files):
    """The documented example files are a valid dataset with both levels."""
    data = cxlib.load_dataset(example_files())
    assert data.has_panel and data.has_linkage
    assert data.units.height == 3
    assert data.theme_map.common_themes[:2] == ("Supervisor support", "Enablement")
    assert data.customer.schema["satisfaction"] == pl.Int8


def test_sample_loads_with_both_levels(sample):
    """load_sample returns the shipped data: the company panel and the linkage study."""
    assert sample.manifest.synthetic is True
    assert sample.companies.get_column("company").n_unique() == 345
    assert sample.units.height >= 300
    assert len(sample.periods) >= 6
    assert sample.notes == ()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_each_format_gives_the_same_table(example_files, fmt):
    """A table stored as CSV, Parquet or XLSX loads to identical typed values."""
    reference = cxlib.load_dataset(example_files()).customer
    loaded = cxlib.load_dataset(example_files("customer_responses", fmt=fmt)).customer
    assert loaded.equals(reference)


def test_finnish_excel_csv_semicolons_decimal_comma_and_bom(example_files, example_tables):
    """A Finnish Excel export (BOM, ";", decimal comma, CRLF) reads like a plain CSV."""
    reference = cxlib.load_dataset(example_files()).companies
    frame = example_tables["companies"].with_columns(
        pl.col("employee_rating").str.replace(".", ",", literal=True),
        pl.col("customer_score").str.replace(".", ",", literal=True),
    )
    text = to_bytes(frame, separator=";").decode().replace("\n", "\r\n")
    assert "3,5" in text
    files = example_files()
    files["companies.csv"] = b"\xef\xbb\xbf" + text.encode("utf-8")
    loaded = cxlib.load_dataset(files)
    assert loaded.companies.equals(reference)
    assert any("';'" in note for note in loaded.notes)


def test_excel_s_separator_line_names_the_delimiter(example_files, example_tables):
    """Excel writes, and reads, a first line 'sep=;' to say which delimiter a CSV uses, and
    does not show it: the file reads as Excel shows it, rows numbered as there. The line had
    been read as the header ('found more fields than defined in Schema')."""
    reference = cxlib.load_dataset(example_files()).companies
    text = to_bytes(example_tables["companies"], separator=";").decode()
    files = example_files()
    files["companies.csv"] = ("sep=;\r\n" + text).encode()
    assert cxlib.load_dataset(files).companies.equals(reference)
    files["companies.csv"] = ('"sep=;"\n' + text.replace(";Hotels;", ";Alchemy;", 1)).encode()
    unknown = load_error(files).problems[0]
    assert unknown.what.startswith("unknown industry") and unknown.rows == (2,)
    files["companies.csv"] = b"sep=;\r\n"
    [problem] = load_error(files).problems
    assert problem.what == "the file is empty"


def test_windows_1252_csv_is_read_with_a_note(example_files, example_tables):
    """Excel's ANSI CSV (not UTF-8) keeps its accented names and says how it was read."""
    frame = example_tables["units"].with_columns(pl.lit("Pohjois-Häme").alias("region"))
    files = example_files()
    files["units.csv"] = to_bytes(frame).decode().encode("cp1252")
    loaded = cxlib.load_dataset(files)
    assert set(loaded.units["region"]) == {"Pohjois-Häme"}
    assert any("Windows-1252" in note for note in loaded.notes)


def test_header_case_spaces_and_category_spellings_are_normalised(example_files, example_tables):
    """'Channel ' and 'In person' mean the same as the contract's 'channel' and 'in-person'."""
    frame = example_tables["customer_responses"]
    frame = frame.rename({"channel": " Channel "}).with_columns(
        pl.col(" Channel ").str.replace("in-person", "In person")
    )
    files = example_files()
    files["customer_responses.csv"] = to_bytes(frame)
    loaded = cxlib.load_dataset(files)
    assert set(loaded.customer["channel"]) <= {"in-person", "phone", "digital"}
    assert "in-person" in set(loaded.customer["channel"])


def test_panel_only_and_linkage_only_datasets_load(example_files):
    """Either level alone is a dataset; the other level is simply absent."""
    panel_only = {
        k: v for k, v in example_files().items() if k in ("industries.csv", "companies.csv")
    }
    assert not cxlib.load_dataset(panel_only).has_linkage
    linkage_only = {k: v for k, v in example_files().items() if k != "companies.csv"}
    data = cxlib.load_dataset(linkage_only)
    assert data.has_linkage and not data.has_panel


# --- each kind of error -------------------------------------------------------------------


def test_missing_column_names_file_and_column(example_files):
    error = load_error(example_files("units", lambda f: f.drop("region")))
    [problem] = error.problems
    assert (problem.file, problem.column) == ("units.csv", "region")
    assert "missing column" in str(error) and "unit_id" in problem.what


def test_wrong_type_names_rows_as_a_spreadsheet_shows_them(example_files):
    """A text value in a number column: row 2 is the first data row under the header."""
    error = load_error(example_files("companies", set_cell("customer_score", 0, "good")))
    [problem] = error.problems
    assert problem.column == "customer_score"
    assert problem.what == "wrong type: not a number"
    assert problem.rows == (2,) and problem.values == ("good",)
    assert "companies.csv, column 'customer_score'" in str(error)


def test_whole_numbers_in_a_csv_are_held_in_the_smallest_type_that_holds_them():
    """Answers on a 1-5 scale take one byte a row, not eight: a 3M-row export's eight answer
    columns were 190 MB as 64-bit numbers. Larger values keep a type that holds them."""
    from cxlib.readers import read_table

    csv = b"id,answer,count,big,note\n007,1,300,5000000000,x\n008,5,2,1,y\n"
    raw = read_table("t.csv", csv, text=("id",))
    assert raw.frame.schema["answer"] == pl.Int8
    assert raw.frame.schema["count"] == pl.Int16
    assert raw.frame.schema["big"] == pl.Int64
    assert raw.frame.get_column("big").to_list() == [5_000_000_000, 1]
    assert raw.frame.get_column("id").to_list() == ["007", "008"]


def test_a_decimal_column_of_whole_numbers_is_read_as_decimals(example_files):
    """customer_score is a decimal in the contract: whole numbers in the file (read as small
    integers) still give decimals, and an answer past a byte's range is still out of range,
    quoted as it stands."""
    whole = lambda f: f.with_columns(pl.lit("78").alias("customer_score"))  # noqa: E731
    companies = cxlib.load_dataset(example_files("companies", whole)).companies
    assert companies.schema["customer_score"] == pl.Float64
    assert companies.get_column("customer_score").unique().to_list() == [78.0]
    error = load_error(example_files("customer_responses", set_cell("satisfaction", 0, "300")))
    [problem] = error.problems
    assert problem.what.startswith("value out of range") and problem.values == ("300",)


def test_fractional_value_in_a_whole_number_column(example_files):
    error = load_error(example_files("customer_responses", set_cell("satisfaction", 3, "7.5")))
    [problem] = error.problems
    assert problem.what == "wrong type: not a whole number" and problem.rows == (5,)


def test_value_out_of_range_lists_at_most_five_examples(example_files):
    """Seven bad rows: the message counts all seven and shows five."""
    too_high = lambda f: f.with_columns(  # noqa: E731
        pl.when(pl.int_range(pl.len()) < 7)
        .then(pl.lit("11"))
        .otherwise(pl.col("recommend"))
        .alias("recommend")
    )
    error = load_error(example_files("customer_responses", too_high))
    [problem] = error.problems
    assert problem.count == 7 and len(problem.rows) == 5
    assert problem.rows == (2, 3, 4, 5, 6)
    assert "value out of range (allowed 0–10)" in str(error) and "7 rows" in str(error)


def test_likert_item_out_of_range(example_files):
    error = load_error(example_files("employee_responses", set_cell("ex_enablement_2", 1, "6")))
    assert error.problems[0].column == "ex_enablement_2"
    assert "allowed 1–5" in error.problems[0].what


def test_unknown_category_value(example_files):
    error = load_error(
        example_files("customer_responses", set_cell("channel", 0, "carrier pigeon"))
    )
    [problem] = error.problems
    assert problem.what.startswith("unknown value (allowed: in-person, phone, digital)")


def test_missing_value_in_required_column(example_files):
    error = load_error(example_files("employee_responses", set_cell("period", 2, None)))
    [problem] = error.problems
    assert (problem.column, problem.what, problem.rows) == ("period", "missing value", (4,))


def test_unknown_unit_id(example_files):
    error = load_error(example_files("customer_responses", set_cell("unit_id", 4, "U9999")))
    [problem] = error.problems
    assert problem.what == "unknown unit_id (not in units.csv)"
    assert problem.values == ("U9999",) and problem.rows == (6,)


def test_unknown_industry(example_files):
    error = load_error(example_files("companies", set_cell("industry", 0, "Alchemy")))
    assert error.problems[0].what == "unknown industry (not in industries.csv)"


def test_duplicate_id(example_files):
    error = load_error(example_files("units", set_cell("unit_id", 1, "U0001")))
    [problem] = error.problems
    assert problem.what.startswith("duplicate id") and problem.rows == (2, 3)


def test_duplicate_company_year(example_files):
    error = load_error(example_files("companies", set_cell("year", 1, "2015")))
    assert error.problems[0].what.startswith("duplicate key")
    assert error.problems[0].column == "company, year"


def test_company_with_two_industries(example_files):
    error = load_error(example_files("companies", set_cell("industry", 1, "Airlines")))
    assert error.problems[0].what == "the same company has more than one industry"


def test_empty_file_and_header_only_file(example_files, example_tables):
    files = example_files()
    files["units.csv"] = b""
    assert load_error(files).problems[0].what == "the file is empty"
    files["units.csv"] = to_bytes(example_tables["units"].head(0))
    assert load_error(files).problems[0].what == "the file has a header but no data rows"


def test_unknown_theme_item(example_files):
    """The theme map names an item that the survey file does not have."""
    rename = set_cell("item", 0, "ex_supervisor_support_9")
    error = load_error(example_files("theme_map", rename))
    [problem] = error.problems
    assert problem.file == "employee_responses.csv"
    assert problem.column == "ex_supervisor_support_9"
    assert problem.what.startswith("unknown theme item")


def test_theme_map_without_a_common_theme(example_files):
    """Staff-only themes cannot link EX with CX: the theme map is rejected with the reason."""
    staff_only = lambda f: f.filter(pl.col("side") == "employee")  # noqa: E731
    error = load_error(example_files("theme_map", staff_only))
    [problem] = error.problems
    assert problem.file == "theme_map.csv"
    assert "no theme has both an employee item and a customer item" in problem.what


def test_item_listed_twice_in_the_theme_map(example_files):
    error = load_error(example_files("theme_map", set_cell("item", 1, "ex_supervisor_support_1")))
    assert error.problems[0].what.startswith("duplicate key")
    assert error.problems[0].rows == (2, 3)


def test_missing_files_are_named(example_files):
    files = {k: v for k, v in example_files().items() if k != "theme_map.csv"}
    error = load_error(files)
    assert [p.file for p in error.problems] == [
        "theme_map.csv or theme_map.parquet or theme_map.xlsx"
    ]
    assert load_error({"notes.txt": b"hello"}).problems[0].what.startswith("missing file")


def test_a_failed_load_names_every_file_no_table_reads(example_files):
    """A misnamed table ('toimialat.csv') and a file of another kind are said beside the
    missing table they may explain, with the names and endings a table's file must have;
    when the load succeeds they are a note only."""
    files = {k: v for k, v in example_files().items() if k != "industries.csv"}
    files["toimialat.csv"] = example_files()["industries.csv"]
    files["raportti.pdf"] = b"%PDF-1.4"
    problems = load_error(files).problems
    assert [p.file for p in problems] == [
        "industries.csv or industries.parquet or industries.xlsx",
        "raportti.pdf",
        "toimialat.csv",
    ]
    for problem in problems[1:]:
        assert problem.what.startswith("not read: no table has this name")
        assert "industries, companies, units" in problem.what and ".csv" in problem.what
    with cxlib.strings.speaking("fi"):
        assert problems[1].detail().startswith("ei luettu: tämä ei ole minkään taulun nimi")

    files["industries.csv"] = files.pop("toimialat.csv")
    loaded = cxlib.load_dataset(files)
    assert any("raportti.pdf" in note for note in loaded.notes)


def test_two_files_for_one_table(example_files):
    files = example_files()
    files["units.xlsx"] = b"x"
    assert "more than one file" in load_error(files).problems[0].what


def test_corrupt_parquet_and_xlsx_are_reported_not_raised(example_files):
    for fmt in ("parquet", "xlsx"):
        files = example_files()
        del files["units.csv"]
        files[f"units.{fmt}"] = b"this is not a real file"
        [problem] = load_error(files).problems
        assert problem.file == f"units.{fmt}"
        said = {  # not a zip: 'File is not a zip file' had been the reason given
            "parquet": "could not be read as PARQUET",
            "xlsx": "the file is named .xlsx but is not an Excel workbook",
        }
        assert problem.what.startswith(said[fmt])


def workbook(*sheets: tuple[str, pl.DataFrame | None]) -> bytes:
    """An XLSX of named sheets, each a table or (None) left without a cell."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    for name, frame in sheets:
        sheet = book.add_worksheet(name)
        if frame is not None:
            sheet.write_row(0, 0, frame.columns)
            for row, values in enumerate(frame.iter_rows(), start=1):
                sheet.write_row(row, 0, values)
    book.close()
    return buffer.getvalue()


def test_a_workbook_with_a_blank_cover_sheet_is_read_from_its_table_with_a_note(
    example_files, example_tables
):
    """Exports often open on a cover or instructions sheet; one left blank is passed over,
    and the note says which sheet was read. It had read 'could not be read as XLSX: empty
    Excel sheet'."""
    files = example_files()
    del files["units.csv"]
    files["units.xlsx"] = workbook(
        ("Ohjeet", None), ("Tyhjä", None), ("Yksiköt", example_tables["units"])
    )
    data = cxlib.load_dataset(files)
    assert data.units.height == example_tables["units"].height
    assert (
        "units.xlsx: read the sheet 'Yksiköt': the sheets before it are empty ('Ohjeet', 'Tyhjä')"
        in data.notes
    )
    files["units.xlsx"] = workbook(("Ohjeet", None))
    [problem] = load_error(files).problems
    assert (problem.file, problem.what) == (
        "units.xlsx",
        "the workbook has no cells: put the table on a sheet",
    )


def test_a_workbook_s_rows_keep_the_sheet_s_numbers_past_an_empty_row(
    example_files, example_tables
):
    """An empty row in a sheet had been dropped by the reader before rows were numbered, so a
    fault below it was reported one row too high (the analyst fixed the wrong row)."""
    units = example_tables["units"]
    blank = pl.DataFrame([pl.Series(c, [None], dtype=units.schema[c]) for c in units.columns])
    sheet = pl.concat([units.head(1), blank, units.slice(1)])
    wrong = pl.int_range(pl.len()) == 3  # the sheet's row 5: header, a row, the empty one, …
    sheet = sheet.with_columns(
        pl.when(wrong).then(pl.lit(units["unit_id"][0])).otherwise("unit_id").alias("unit_id")
    )
    files = example_files()
    del files["units.csv"]
    files["units.xlsx"] = workbook(("units", sheet))
    [problem] = load_error(files).problems
    assert problem.file == "units.xlsx" and problem.rows == (2, 5)  # the first id twice


def test_all_problems_are_reported_together(example_files, example_tables):
    """Two broken files: one error lists both, so the analyst fixes everything in one pass."""
    files = example_files("units", lambda f: f.drop("region"))
    files["companies.csv"] = to_bytes(
        set_cell("employee_rating", 2, "9")(example_tables["companies"])
    )
    error = load_error(files)
    assert error.files == ["companies.csv", "units.csv"]
    assert str(error).startswith("The data could not be loaded: 2 problems.")


def test_a_missing_column_does_not_hide_bad_values_in_other_columns(example_files):
    """A renamed column and an 'n/a' elsewhere in the same file: both in the first report."""

    def edit(frame):
        return set_cell("satisfaction", 0, "n/a")(frame).rename({"segment": "segmnet"})

    problems = load_error(example_files("customer_responses", edit)).problems
    said = {(p.column, p.what.split(" (")[0]) for p in problems}
    assert said == {("segment", "missing column"), ("satisfaction", "wrong type: not a number")}


def test_an_unreadable_file_does_not_stop_the_others_being_checked(example_files):
    """A corrupt Parquet file and a bad value in a CSV are reported together."""
    files = example_files("units", set_cell("region", 0, ""))
    files["companies.parquet"] = b"PAR1 not really parquet PAR1"
    del files["companies.csv"]
    assert load_error(files).files == ["companies.parquet", "units.csv"]


def test_checks_across_files_run_where_both_columns_are_sound(example_files):
    """A bad region in units does not stop the unit_id references of the responses from
    being checked; a bad unit_id column would (its values cannot be trusted)."""
    files = example_files("units", set_cell("region", 0, ""))
    files["customer_responses.csv"] = example_files(
        "customer_responses", set_cell("unit_id", 0, "U-GHOST")
    )["customer_responses.csv"]
    said = {(p.file, p.column) for p in load_error(files).problems}
    assert said == {("units.csv", "region"), ("customer_responses.csv", "unit_id")}


def test_invalid_manifest(example_files):
    files = example_files()
    files["manifest.json"] = b'{"name": ""}'
    assert load_error(files).problems[0].file == "manifest.json"


def test_a_failed_load_leaves_nothing_behind(example_files):
    """After a failure, loading the corrected files works and returns fresh, complete data."""
    bad = example_files("units", lambda f: f.drop("region"))
    load_error(bad)
    good = cxlib.load_dataset(example_files())
    assert good.units.columns == ["unit_id", "company", "industry", "region", "strategy"]
    assert (
        good.fingerprint
        != cxlib.load_dataset(example_files("units", set_cell("region", 0, "Lapland"))).fingerprint
    )


def test_an_empty_line_in_a_table_is_skipped_and_said_not_a_problem_per_column(example_files):
    """A ';;;;' line in units.csv had given a 'missing value' problem for each of its four
    columns (and hidden the file's real problems until those were fixed); it is skipped, with
    its row said, and the rest loads."""
    files = example_files()
    name = "units.csv"
    lines = files[name].decode("utf-8").splitlines()
    commas = "," * (lines[0].count(","))
    files[name] = "\n".join([*lines[:3], commas, *lines[3:]]).encode() + b"\n"
    data = cxlib.load_dataset(files)
    assert data.units.height == len(lines) - 1
    assert any("skipped an empty row (4)" in note for note in data.notes), data.notes
