"""The out-of-core build: DuckDB over Parquet files makes the in-memory cube, cell for cell."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cxlib
from cxlib.cube import build_cube
from cxlib.cubefile import open_cube, stored_cube
from cxlib.dataset import SAMPLE_DIR
from cxlib.warehouse import Sources, aggregation_sql, build_with_duckdb, cube_with_duckdb

from .conftest import cxlib_command
from .crafted import crafted

ROOT = Path(__file__).resolve().parent.parent


def build_cube_command(*args: str) -> subprocess.CompletedProcess:
    """python -m cxlib build-cube ARGS, as a data team runs it."""
    return cxlib_command("build-cube", *args)


def assert_same_cube(a, b) -> None:
    assert a.dimensions.periods == b.dimensions.periods
    assert a.dimensions.segments == b.dimensions.segments
    assert a.dimensions.roles == b.dimensions.roles
    assert a.dimensions.units.equals(b.dimensions.units)
    for side in ("employee", "customer"):
        x, y = getattr(a, side), getattr(b, side)
        assert x.schema == y.schema, side
        assert x.equals(y), side


def write_study(data: cxlib.Dataset, folder: Path, responses: str = "file") -> Path:
    """A dataset folder: small tables as CSV, responses as one Parquet file each or as a
    hive-partitioned folder per period."""
    folder.mkdir(parents=True, exist_ok=True)
    data.industries.write_csv(folder / "industries.csv")
    data.units.drop("strategy").write_csv(folder / "units.csv")
    rows = [
        {"theme": t.name, "side": side, "item": item}
        for t in data.theme_map.themes
        for side, items in (("employee", t.employee_items), ("customer", t.customer_items))
        for item in items
    ]
    pl.DataFrame(rows).write_csv(folder / "theme_map.csv")
    for name, frame in (
        ("employee_responses", data.employee),
        ("customer_responses", data.customer),
    ):
        if responses == "file":
            frame.write_parquet(folder / f"{name}.parquet")
        else:
            frame.write_parquet(folder / name, partition_by="period")
    return folder


def test_duckdb_builds_the_sample_s_cube_cell_for_cell(sample, cube):
    built, small = cube_with_duckdb(Sources.of(SAMPLE_DIR))
    assert_same_cube(built, cube)
    assert small.theme_map == sample.theme_map


def test_the_sealed_duckdb_cube_is_the_sealed_polars_cube_and_knows_its_data(sample):
    by_duckdb, by_polars = build_with_duckdb(Sources.of(SAMPLE_DIR)), stored_cube(sample)
    assert_same_cube(by_duckdb.cube, by_polars.cube)
    assert by_duckdb.fingerprint == sample.fingerprint  # the same files, hashed the same way


def test_hive_partitioned_folders_and_three_roles_give_the_same_cube(tmp_path):
    data = crafted()
    folder = write_study(data, tmp_path / "study", responses="hive")
    assert (folder / "employee_responses").is_dir()
    cube, _ = cube_with_duckdb(Sources.of(folder))
    assert_same_cube(cube, build_cube(cxlib.load_dataset(write_study(data, tmp_path / "flat"))))
    assert len(cube.dimensions.roles) == 3


def test_keys_spelled_as_exports_spell_them_give_the_polars_load_s_cube(tmp_path):
    """A lake's files spell keys their own way: ids a spreadsheet made numbers (100.0), a
    role 'A Team' on half its rows, channels 'In person', 'Telephone', 'Online', a file named
    'Customer_Responses.parquet'. The polars load reads them as data.md says; the DuckDB
    build had refused the channels and the ids, kept 'A Team' a role of its own, and not
    found the file. Both now build the cube of the plainly spelled study."""
    data = crafted()
    number = pl.col("unit_id").str.slice(1).cast(pl.Int64) + 100
    plain = dataclasses.replace(
        data,
        units=data.units.with_columns(number.cast(pl.String)),
        employee=data.employee.with_columns(number.cast(pl.String)),
        customer=data.customer.with_columns(number.cast(pl.String)),
    )
    expected = build_cube(cxlib.load_dataset(write_study(plain, tmp_path / "plain")))
    folder = write_study(plain, tmp_path / "lake")
    staff = pl.read_parquet(folder / "employee_responses.parquet")
    odd = pl.int_range(pl.len()) % 2 == 1
    staff.with_columns(
        pl.col("unit_id").cast(pl.Float64),
        pl.when(odd & (pl.col("role") == "a-team")).then(pl.lit("A Team")).otherwise("role"),
    ).write_parquet(folder / "employee_responses.parquet")
    spelled = {"in-person": "In person", "phone": "Telephone", "digital": "Online"}
    pl.read_parquet(folder / "customer_responses.parquet").with_columns(
        pl.col("unit_id").cast(pl.Float64), pl.col("channel").replace_strict(spelled)
    ).write_parquet(folder / "Customer_Responses.parquet")
    (folder / "customer_responses.parquet").unlink()
    cube, _ = cube_with_duckdb(Sources.of(folder))
    assert_same_cube(cube, expected)
    assert_same_cube(build_cube(cxlib.load_dataset(folder)), expected)


def test_a_table_both_as_a_file_and_as_a_folder_is_refused(tmp_path):
    """A stale customer_responses.parquet beside fresh partitions in customer_responses/ had
    been built from silently, the partitions left out."""
    folder = write_study(crafted(), tmp_path / "study")
    write_study(crafted(), tmp_path / "hive", responses="hive")
    shutil.copytree(tmp_path / "hive" / "customer_responses", folder / "customer_responses")
    with pytest.raises(cxlib.DataError, match="both customer_responses.parquet and the folder"):
        Sources.of(folder)


def test_a_table_in_two_files_whose_names_differ_in_case_is_refused(tmp_path):
    """With names matched in any case, Customer_Responses.parquet beside
    customer_responses.parquet would have been one taken silently for the other."""
    folder = write_study(crafted(), tmp_path / "study")
    shutil.copy(folder / "customer_responses.parquet", folder / "Customer_Responses.parquet")
    with pytest.raises(cxlib.DataError, match="more than one file for the table customer_resp"):
        Sources.of(folder)


@pytest.mark.parametrize(("staff", "said"), [("", "empty"), ("FOLDER", None)])
def test_staff_given_as_nothing_or_as_a_folder(tmp_path, staff, said):
    """--staff '' had ended in an IndexError; --staff naming a folder had built for a minute,
    then failed writing. Nothing is said as nothing; a folder is read as a table's folder."""
    data = crafted()
    folder = write_study(data, tmp_path / "study")
    lake = write_study(data, tmp_path / "lake", responses="hive") / "employee_responses"
    given = str(lake) if staff == "FOLDER" else staff
    if said:
        with pytest.raises(cxlib.DataError, match=said):
            Sources.of(folder, staff=given)
    else:
        sources = Sources.of(folder, staff=given)
        assert len(sources.staff) > 1 and all(p.is_file() for p in sources.staff)
        assert sources.fingerprint()  # where a folder had failed, after the build
        cube, _ = cube_with_duckdb(sources)
        assert_same_cube(cube, build_cube(data))


def test_globs_name_the_response_files_anywhere(tmp_path):
    data = crafted()
    folder = write_study(data, tmp_path / "study")
    elsewhere = tmp_path / "lake"
    elsewhere.mkdir()
    for name in ("employee_responses", "customer_responses"):
        half = pl.read_parquet(folder / f"{name}.parquet")
        half.head(half.height // 2).write_parquet(elsewhere / f"{name}-1.parquet")
        half.tail(half.height - half.height // 2).write_parquet(elsewhere / f"{name}-2.parquet")
        (folder / f"{name}.parquet").unlink()
    sources = Sources.of(
        folder, str(elsewhere / "employee_responses-*"), str(elsewhere / "customer_responses-*")
    )
    assert len(sources.staff) == 2
    cube, _ = cube_with_duckdb(sources)
    assert_same_cube(cube, build_cube(data))


def test_spilled_blocks_go_to_the_system_s_temporary_folder_not_the_working_one(
    cube, tmp_path, monkeypatch
):
    """DuckDB in memory spills to ./.tmp unless told otherwise: a build run from a data
    team's project folder would leave gigabytes there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    built, _ = cube_with_duckdb(Sources.of(SAMPLE_DIR), memory_limit="30MB")
    assert_same_cube(built, cube)
    assert not (tmp_path / ".tmp").exists()
    assert (tmp_path / "system-temp" / "cxlib-duckdb").is_dir()  # where it was told to spill


def test_a_memory_limit_makes_duckdb_spill_not_differ(cube, tmp_path):
    built, _ = cube_with_duckdb(
        Sources.of(SAMPLE_DIR), memory_limit="30MB", temp_directory=str(tmp_path)
    )
    assert_same_cube(built, cube)


@pytest.mark.parametrize(
    ("table", "change", "said"),
    [
        (
            "customer_responses",
            pl.col("satisfaction") * 0 + 11,
            "satisfaction is not a whole number from 0 to 10",
        ),
        (
            "employee_responses",
            pl.lit("U-nowhere").alias("unit_id"),
            "unit_id is not in the units table (1 row, for example 'U-nowhere')",
        ),
        (
            "customer_responses",
            pl.lit("carrier pigeon").alias("channel"),
            "channel is not one of in-person, phone, digital (1 row, for example 'carrier pigeon')",
        ),
        ("employee_responses", pl.lit(None, dtype=pl.String).alias("role"), "role is missing"),
        ("customer_responses", pl.lit(7.5).alias("recommend"), "recommend is not a whole number"),
    ],
)
def test_bad_rows_past_the_first_slice_are_found_in_every_row(tmp_path, table, change, said):
    """The last row is wrong: the full validation only sees the first slice, SQL sees all."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    path = folder / f"{table}.parquet"
    frame = pl.read_parquet(path)
    last = pl.int_range(pl.len()) == pl.len() - 1
    name = change.meta.output_name()
    frame.with_columns(
        pl.when(last).then(change).otherwise(pl.col(name)).alias(name)
    ).write_parquet(path)
    with pytest.raises(cxlib.DataError, match=re.escape(said)) as caught:
        cube_with_duckdb(Sources.of(folder))
    assert "1 row" in str(caught.value)


def test_missing_response_files_are_named(tmp_path):
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    (folder / "customer_responses.parquet").unlink()
    with pytest.raises(cxlib.DataError, match="no Parquet files found for customer_responses"):
        Sources.of(folder)


def test_item_names_are_quoted_in_the_sql():
    sql = aggregation_sql("t", ("unit", "period"), ('odd "item"; DROP TABLE x',), {})
    assert '"odd ""item""; DROP TABLE x"' in sql


def test_the_command_builds_a_cube_folder_the_app_can_open(tmp_path, sample, engine):
    out = tmp_path / "cube"
    run = build_cube_command(str(SAMPLE_DIR), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "[7/7]" in run.stderr and "sealed at 5 staff and 5 customers" in run.stderr
    served = open_cube(out).linkage()
    view = cxlib.FilterState(channels=("phone",))
    assert served.unit_table(view).table.equals(engine.unit_table(view).table)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["/no/such/folder"], "no such folder"),
        (
            [str(SAMPLE_DIR), "--min-staff", "2"],
            "--min-staff: Input should be greater than or equal to 3",
        ),
        ([str(SAMPLE_DIR), "--engine", "polars", "--staff", "x*"], "--engine duckdb"),
        # A glob left unquoted: argparse had listed its 40 files and said nothing of quotes.
        ([str(SAMPLE_DIR), "--staff", *[f"ex/{i}.parquet" for i in range(5)]], "needs quotes"),
        # A warehouse backend without its extra: the package to install, not only "missing".
        (
            [str(SAMPLE_DIR), "--engine", "ibis", "--ibis-url", "bigquery://p/d"],
            "pip install 'ibis-framework[bigquery]'",
        ),
    ],
)
def test_the_command_says_what_is_wrong_without_a_traceback(tmp_path, args, said):
    run = build_cube_command(*args, "-o", str(tmp_path / "c"))
    assert run.returncode == 2
    assert said in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "c").exists()


def test_a_folder_without_a_manifest_is_named_after_itself(tmp_path):
    """As load_dataset names a folder: the cube's name is what the app's sidebar shows."""
    folder = write_study(crafted(), tmp_path / "Nordic stores 2025")
    assert build_with_duckdb(Sources.of(folder)).manifest.name == "Nordic stores 2025"
    assert cxlib.load_dataset(folder).manifest.name == "Nordic stores 2025"


def test_a_response_read_twice_is_refused_not_counted_twice(tmp_path):
    """A glob matching a copy of a file (or a partition written twice) would count people twice
    and could lift a group of 3 over a floor of 5: every id is counted, over every row."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    lake = tmp_path / "lake"
    lake.mkdir()
    shutil.copy(folder / "employee_responses.parquet", lake / "staff-a.parquet")
    shutil.copy(folder / "employee_responses.parquet", lake / "staff-backup.parquet")
    sources = Sources.of(folder, str(lake / "staff-*"), None)
    with pytest.raises(cxlib.DataError, match="duplicate id: the same respondent_id") as caught:
        cube_with_duckdb(sources)
    assert "53,010 rows" in str(caught.value) or "53010 rows" in str(caught.value)


def test_responses_without_an_id_past_the_first_slice_are_found(tmp_path):
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    path = folder / "customer_responses.parquet"
    frame = pl.read_parquet(path)
    last = pl.int_range(pl.len()) == pl.len() - 1
    frame.with_columns(
        pl.when(last).then(None).otherwise(pl.col("response_id")).alias("response_id")
    ).write_parquet(path)
    with pytest.raises(cxlib.DataError, match="response_id is missing"):
        cube_with_duckdb(Sources.of(folder))


def test_response_files_that_do_not_fit_together_are_said_without_a_traceback(tmp_path):
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    parts = folder / "customer_responses"
    parts.mkdir()
    frame = pl.read_parquet(folder / "customer_responses.parquet")
    frame.head(1000).write_parquet(parts / "a.parquet")
    frame.tail(1000).drop("recommend").write_parquet(parts / "b.parquet")
    (folder / "customer_responses.parquet").unlink()
    with pytest.raises(cxlib.DataError, match="could not be read together"):
        cube_with_duckdb(Sources.of(folder))
    run = build_cube_command(str(folder), "-o", str(tmp_path / "c"))
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_an_output_path_that_is_a_file_is_said_without_a_traceback(tmp_path):
    taken = tmp_path / "cube"
    taken.write_text("not a folder")
    run = build_cube_command(str(SAMPLE_DIR), "-o", str(taken))
    assert run.returncode == 2 and "is a file, not a folder" in run.stderr
    assert "Traceback" not in run.stderr and "[2/" not in run.stderr  # refused before the build


def test_the_study_s_own_folder_is_refused_as_the_output_before_the_build(tmp_path):
    """`-o` the study itself had exited 0 with the study's units.parquet replaced by the
    cube's (a CSV study could no longer load: two units files)."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    before = {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file()}
    run = build_cube_command(str(folder), "-o", str(folder))
    assert run.returncode == 2 and "write elsewhere" in run.stderr
    assert "[2/" not in run.stderr and "Traceback" not in run.stderr
    assert {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file()} == before


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--memory-limit", "lots"], "is not a size such as 2GB"),
        (["--temp-directory", "/proc/nope"], "--temp-directory /proc/nope"),
        (["-o", "/proc/cube"], "/proc/cube cannot be written"),
    ],
)
def test_options_duckdb_would_refuse_are_said_before_the_build(tmp_path, options, said):
    """A memory limit DuckDB cannot parse had ended in its ParserException's traceback; a
    spill folder that cannot be made was called 'cannot write the cube'."""
    run = build_cube_command(str(SAMPLE_DIR), "-o", str(tmp_path / "c"), *options)  # last -o wins
    assert run.returncode == 2 and said in run.stderr and "Traceback" not in run.stderr
    assert "[2/" not in run.stderr and not (tmp_path / "c").exists()


def test_problems_found_in_the_first_slice_say_that_more_rows_are_checked_later(tmp_path):
    """A fault in the first 10,000 rows stopped the build with that fault alone, while the
    polars engine listed the faults further on too: the list now says what it covers."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    frame = pl.read_parquet(folder / "customer_responses.parquet")
    row = pl.int_range(pl.len())
    frame.with_columns(
        pl.when(row == 5).then(pl.lit("fax")).otherwise("channel").alias("channel"),
        pl.when(row == 20_000).then(pl.lit("NOPE")).otherwise("unit_id").alias("unit_id"),
    ).write_parquet(folder / "customer_responses.parquet")
    with pytest.raises(cxlib.DataError) as raised:
        cube_with_duckdb(Sources.of(folder))
    said = str(raised.value)
    assert "channel" in said and "fax" in said
    assert said.endswith(
        "every row is checked once these are fixed (--engine polars reads them all now, "
        "from one file per table)."
    )
    assert "first 10,000 rows" in said


def test_ctrl_c_is_said_in_a_line_and_nothing_is_written(monkeypatch, capsys, tmp_path):
    """Ctrl-C had printed a traceback ending in KeyboardInterrupt."""
    from cxlib import __main__ as command

    def stopped(*_, **__):
        raise KeyboardInterrupt

    monkeypatch.setattr("cxlib.warehouse.build_with_duckdb", stopped)
    assert command.main(["build-cube", str(SAMPLE_DIR), "-o", str(tmp_path / "c")]) == 130
    said = capsys.readouterr().err
    assert "interrupted:" in said and "Traceback" not in said and not (tmp_path / "c").exists()


def test_ctrl_c_inside_a_duckdb_query_is_said_as_an_interruption(monkeypatch, capsys, tmp_path):
    """Ctrl-C while DuckDB aggregated had ended 'cannot build the cube: RuntimeError: Query
    interrupted', status 1, where the command promises status 130 and its line. The query
    here would run for a minute; the connection is interrupted a second in, as Ctrl-C does."""
    import threading

    import duckdb

    from cxlib import __main__ as command

    opened = []

    def connect(*args, **kwargs):
        opened.append(duckdb_connect(*args, **kwargs))
        return opened[-1]

    duckdb_connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", connect)
    long = "SELECT sum(range) AS n FROM range(60000000000)"
    monkeypatch.setattr("cxlib.warehouse.aggregation_sql", lambda *_, **__: long)
    timer = threading.Timer(1.0, lambda: opened[-1].interrupt())
    timer.start()
    try:
        status = command.main(["build-cube", str(SAMPLE_DIR), "-o", str(tmp_path / "c")])
    finally:
        timer.cancel()
    said = capsys.readouterr().err
    assert status == 130, said
    assert "interrupted:" in said and "RuntimeError" not in said
    assert not (tmp_path / "c").exists()


def test_csv_responses_tell_which_engine_reads_them(tmp_path):
    """A study with CSV responses (data.md allows them) was told 'no Parquet files found',
    with no word of the engine that reads CSV."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    frame = pl.read_parquet(folder / "employee_responses.parquet")
    frame.write_csv(folder / "employee_responses.csv")
    (folder / "employee_responses.parquet").unlink()
    run = build_cube_command(str(folder), "-o", str(tmp_path / "c"))
    assert run.returncode == 2 and "employee_responses.csv is there" in run.stderr
    assert "--engine polars" in run.stderr


@pytest.mark.parametrize(("given", "said"), [("file", "a file: give"), ("cube", "a built cube")])
def test_a_file_or_a_cube_given_as_the_study_is_named_as_such(tmp_path, given, said):
    source = SAMPLE_DIR / "units.csv"
    if given == "cube":
        assert build_cube_command(str(SAMPLE_DIR), "-o", str(tmp_path / "cube")).returncode == 0
        source = tmp_path / "cube"
    run = build_cube_command(str(source), "-o", str(tmp_path / "again"))
    assert run.returncode == 2 and said in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "ids",
    [
        [5, 6, 7, 7, None, 9, 5, 5],  # whole numbers, dense: the bitmap
        [10**12, 3, 3, None],  # whole numbers spread far apart: every id hashed
        ["R_a", "R_b", "R_a", None, None],  # text ids: every id hashed
        [None, None],
        [-4, -4, 0, 2],  # negative ids are ids too
    ],
)
def test_ids_are_counted_exactly_however_they_are_counted(ids):
    """(rows without an id, rows whose id another row has too), as polars counts them."""
    import duckdb

    from cxlib.warehouse import faults_of

    frame = pl.DataFrame({"response_id": ids}, strict=False)
    con = duckdb.connect()
    con.register("responses", frame.to_arrow())
    present = frame["response_id"].drop_nulls()
    expected = (frame.height - present.len(), present.len() - present.n_unique())
    faults = faults_of(con, "responses", "response_id", ())
    assert (faults.missing_ids, faults.repeated_ids) == expected


def test_dense_whole_number_ids_take_the_bitmap_not_the_hash(monkeypatch):
    import duckdb

    from cxlib import warehouse

    def hashed(*_):
        raise AssertionError("counted by hashing every id")

    monkeypatch.setattr(warehouse, "id_sql", hashed)
    con = duckdb.connect()
    con.register("responses", pl.DataFrame({"response_id": [1, 2, 2, 4, None]}).to_arrow())
    faults = warehouse.faults_of(con, "responses", "response_id", ())
    assert (faults.missing_ids, faults.repeated_ids) == (1, 1)


def test_a_study_aggregated_in_slices_of_its_units_is_the_same_cube(cube, monkeypatch):
    """With a pass allowed almost no memory, the units are cut into slices, one pass each (here
    held to seven a side; one per unit took 18 s, and the property test below cuts any ids any
    way): the cells must still be the in-memory build's, each once."""
    from cxlib import warehouse

    passes = []
    aggregation, slicer = warehouse.aggregation_sql, warehouse.unit_slices

    def counted(*args, **kwargs):
        passes.append(kwargs.get("where") or (args[4] if len(args) > 4 else None))
        return aggregation(*args, **kwargs)

    def seven(units, slices):
        assert slices >= len(units)  # the memory allowed asks for one pass per unit
        return slicer(units, 7)

    monkeypatch.setattr(warehouse, "PASS_SHARE", 2**60)
    monkeypatch.setattr(warehouse, "aggregation_sql", counted)
    monkeypatch.setattr(warehouse, "unit_slices", seven)
    built, _ = cube_with_duckdb(Sources.of(SAMPLE_DIR))
    assert_same_cube(built, cube)
    assert len(passes) == 2 * 7 and all(passes)


@settings(max_examples=60, deadline=None)
@given(
    units=st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
    strangers=st.lists(st.one_of(st.none(), st.text(max_size=4)), max_size=6),
    slices=st.integers(1, 10),
)
def test_slices_of_units_hold_every_row_exactly_once(units, strangers, slices):
    """Whatever the ids (any text, ids not in the units table, none at all), each row meets
    exactly one slice's condition: Python's order of the cuts is DuckDB's order of text."""
    import duckdb

    from cxlib.warehouse import unit_slices

    rows = pl.DataFrame({"unit_id": [*units, *strangers]}, schema={"unit_id": pl.String})
    con = duckdb.connect()
    con.register("responses", rows.to_arrow())
    conditions = unit_slices(sorted(units), slices)  # one slice: no condition
    met = " + ".join(f"COALESCE(({c or 'true'}), false)::INTEGER" for c in conditions)
    hits = [r[0] for r in con.execute(f"SELECT {met} FROM responses").fetchall()]
    assert hits == [1] * rows.height
    assert len(conditions) == max(1, min(slices, len(units)))


def test_whole_number_unit_ids_are_sliced_as_text(tmp_path, monkeypatch):
    """unit_id stored as numbers in the response files: sliced on its text, the same cells."""
    from cxlib import warehouse

    data = crafted()
    numbered = {f"U{i}": i for i in range(10)}
    folder = write_study(data, tmp_path / "study")
    for name in ("units.csv",):
        frame = pl.read_csv(folder / name)
        frame.with_columns(pl.col("unit_id").replace_strict(numbered)).write_csv(folder / name)
    for name in ("employee_responses", "customer_responses"):
        frame = pl.read_parquet(folder / f"{name}.parquet")
        frame = frame.with_columns(
            pl.col("unit_id").cast(pl.String).replace_strict(numbered, return_dtype=pl.Int64)
        )
        frame.write_parquet(folder / f"{name}.parquet")
    whole, _ = cube_with_duckdb(Sources.of(folder))
    monkeypatch.setattr(warehouse, "PASS_SHARE", 2**60)
    sliced, _ = cube_with_duckdb(Sources.of(folder))
    assert_same_cube(sliced, whole)
    assert whole.employee.height > 0


@pytest.mark.parametrize(
    ("answers", "dtype"),
    [
        ([1, 5, 3, None, 0, 6, -2, 4], pl.Int8),  # whole numbers: one off below, one above
        ([1, 5, 3, 2, 4, 5, 1, 1], pl.Int16),  # clean: no answer is tested one by one
        ([1.0, 2.5, None, 5.0, 5.000001, 1.0, 3.0, 2.0], pl.Float64),
        (["1", "2", "x", "", None, "3", "7", "4"], pl.String),
        ([None] * 8, pl.Int8),
    ],
)
def test_answers_off_their_scale_are_counted_exactly_however_they_are_stored(answers, dtype):
    import duckdb

    from cxlib.warehouse import faults_of

    frame = pl.DataFrame(
        {"item": pl.Series(answers, dtype=dtype), "response_id": range(len(answers))}
    )
    value = pl.col("item").cast(pl.Float64, strict=False)
    wrong = value.is_null() | (value < 1) | (value > 5) | (value != value.round())
    expected = frame.select(wrong.fill_null(True).sum()).item()
    con = duckdb.connect()
    con.register("responses", frame.to_arrow())
    faults = faults_of(con, "responses", "response_id", ("item",))
    assert faults.off_scale == {"item": expected}
    assert (faults.missing_ids, faults.repeated_ids) == (0, 0)


def test_clean_whole_number_answers_are_read_by_their_range_not_one_by_one(monkeypatch):
    """Answers stored as whole numbers inside their scale need only count, lowest, highest."""
    import duckdb

    from cxlib import warehouse

    def one_by_one(item):
        raise AssertionError(f"{item}: every answer tested")

    monkeypatch.setattr(warehouse, "_off_scale_count", one_by_one)
    frame = pl.DataFrame({"a": [1, 5, 2], "recommend": [0, 10, 3], "response_id": [1, 2, 3]})
    con = duckdb.connect()
    con.register("responses", frame.cast({"a": pl.Int8}).to_arrow())
    faults = warehouse.faults_of(con, "responses", "response_id", ("a", "recommend"))
    assert faults.off_scale == {"a": 0, "recommend": 0}


def test_the_cell_bound_is_never_below_the_cells(sample, cube):
    import duckdb

    from cxlib.cube import CUSTOMER_KEYS, EMPLOYEE_KEYS
    from cxlib.warehouse import cell_bound

    con = duckdb.connect()
    units = cube.dimensions.units.height
    for name, keys, cells in (
        ("employee_responses", EMPLOYEE_KEYS, cube.employee.height),
        ("customer_responses", CUSTOMER_KEYS, cube.customer.height),
    ):
        table = f"read_parquet('{SAMPLE_DIR / name}.parquet')"
        rows = getattr(sample, "employee" if name.startswith("employee") else "customer").height
        assert cells <= cell_bound(con, table, keys, units) <= rows


def test_cells_sorted_by_a_packed_key_are_sorted_as_by_their_keys():
    from cxlib.cube import sorted_cells

    rng = np.random.default_rng(3)
    n = 5_000
    cells = pl.DataFrame(
        {
            "unit": rng.permutation(n).astype(np.uint32) % 700,
            "period": rng.integers(0, 9, n).astype(np.uint16),
            "channel": pl.Series(rng.choice(["in-person", "phone", "digital"], n)).cast(
                pl.Enum(["in-person", "phone", "digital"])
            ),
            "n": rng.integers(1, 50, n),
        }
    ).unique(["unit", "period", "channel"])
    chunked = pl.concat([cells.head(1000), cells.tail(cells.height - 1000)], rechunk=False)
    keys = ("unit", "period", "channel")
    assert sorted_cells(chunked, keys).equals(cells.sort(keys))


@pytest.mark.parametrize(
    ("limit", "expected"), [("2GB", 2e9), ("800MB", 8e8), ("1.5GiB", 1.5 * 2**30)]
)
def test_duckdb_s_memory_limit_is_read_in_bytes(limit, expected):
    """DuckDB reports its limit to one decimal of a binary unit: 2 GB reads as 1.8 GiB."""
    import duckdb

    from cxlib.warehouse import limit_bytes

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{limit}'")
    assert limit_bytes(con) == pytest.approx(expected, rel=0.05)


def test_a_larger_memory_limit_takes_fewer_passes(monkeypatch):
    """The sample needs one pass at the default; at 30 MB, more."""
    from cxlib import warehouse

    passes = []
    aggregation = warehouse.aggregation_sql
    monkeypatch.setattr(
        warehouse,
        "aggregation_sql",
        lambda *a, **k: passes.append(1) or aggregation(*a, **k),
    )
    cube_with_duckdb(Sources.of(SAMPLE_DIR))
    assert len(passes) == 2
    passes.clear()
    cube_with_duckdb(Sources.of(SAMPLE_DIR), memory_limit="30MB")
    assert len(passes) > 2
