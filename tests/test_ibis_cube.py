"""The aggregation as one Ibis expression: DuckDB and PySpark build the polars build's cube."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polars as pl
import pytest

import cxlib
from cxlib.cube import CUSTOMER_KEYS, build_cube
from cxlib.cubefile import stored_cube
from cxlib.dataset import SAMPLE_DIR
from cxlib.ibis_cube import aggregation_expr, build_with_ibis, cube_with_ibis

from .conftest import in_groups_of
from .crafted import crafted
from .test_warehouse import assert_same_cube, build_cube_command, write_study

ibis = pytest.importorskip("ibis")
STAFF, CUSTOMERS = "employee_responses.parquet", "customer_responses.parquet"


def by_ibis(con, folder: Path = SAMPLE_DIR):
    return build_with_ibis(
        con.read_parquet(str(folder / STAFF)), con.read_parquet(str(folder / CUSTOMERS)), folder
    )


def test_ibis_on_duckdb_builds_the_sample_s_sealed_cube_cell_for_cell(sample):
    built = by_ibis(ibis.duckdb.connect())
    assert_same_cube(built.cube, stored_cube(sample).cube)
    assert built.responses == in_groups_of(5, sample)  # never the people under the floor


def test_ibis_on_duckdb_reads_a_hive_partitioned_study_with_three_roles(tmp_path):
    data = crafted()
    folder = write_study(data, tmp_path / "study", responses="hive")
    con = ibis.duckdb.connect()
    tables = [
        con.read_parquet(str(folder / name / "**" / "*.parquet"), hive_partitioning=True)
        for name in ("employee_responses", "customer_responses")
    ]
    small = cxlib.load_dataset(write_study(data, tmp_path / "flat"))
    assert_same_cube(cube_with_ibis(*tables, small), build_cube(small))


def test_rows_off_their_scale_are_refused_by_every_backend(tmp_path):
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    frame = pl.read_parquet(folder / CUSTOMERS)
    last = pl.int_range(pl.len()) == pl.len() - 1
    frame.with_columns(
        pl.when(last).then(11).otherwise(pl.col("satisfaction")).alias("satisfaction")
    ).write_parquet(folder / CUSTOMERS)
    with pytest.raises(cxlib.DataError, match="satisfaction is not a whole number from 0 to 10"):
        by_ibis(ibis.duckdb.connect(), folder)


def test_the_expression_compiles_to_one_group_by_for_a_warehouse():
    """What BigQuery, Snowflake or Spark would run: one GROUP BY over the table, no join."""
    table = ibis.table(
        {
            "unit_id": "string",
            "period": "string",
            "segment": "string",
            "channel": "string",
            "satisfaction": "int8",
        },
        name="cx_responses",
    )
    expr = aggregation_expr(table, CUSTOMER_KEYS, ("satisfaction",))
    assert ibis.pyspark  # loading the backend registers the options its compiler reads
    for dialect in ("pyspark", "databricks", "bigquery", "snowflake", "trino"):
        sql = ibis.to_sql(expr, dialect=dialect).upper()
        assert sql.count("GROUP BY") == 1 and "JOIN" not in sql, dialect


def test_the_command_builds_from_a_warehouse_s_tables(tmp_path):
    """--engine ibis --ibis-url: any Ibis backend's tables (here a DuckDB database file)."""
    import duckdb

    warehouse = tmp_path / "warehouse.ddb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"CREATE TABLE ex AS SELECT * FROM '{SAMPLE_DIR / STAFF}'")
        con.execute(f"CREATE TABLE cx AS SELECT * FROM '{SAMPLE_DIR / CUSTOMERS}'")
    out = tmp_path / "cube"
    done = build_cube_command(
        str(SAMPLE_DIR),
        "-o",
        str(out),
        "--engine",
        "ibis",
        "--ibis-url",
        f"duckdb://{warehouse}",
        "--staff",
        "ex",
        "--customers",
        "cx",
    )
    assert done.returncode == 0, done.stderr
    opened = cxlib.cubefile.open_cube(out)
    assert_same_cube(opened.cube, stored_cube(cxlib.load_sample()).cube)
    assert opened.fingerprint.startswith("cells-")  # no files to hash: the cells are


def test_the_ibis_engine_needs_its_url(tmp_path):
    done = build_cube_command(str(SAMPLE_DIR), "-o", str(tmp_path / "c"), "--engine", "ibis")
    assert done.returncode == 2 and "--ibis-url" in done.stderr and "Traceback" not in done.stderr


def test_a_warehouse_without_the_table_is_said_in_a_line(tmp_path):
    """A table name the warehouse does not have had ended in Ibis's TableNotFound traceback."""
    url = f"duckdb://{tmp_path / 'wh.ddb'}"
    done = build_cube_command(
        str(SAMPLE_DIR), "-o", str(tmp_path / "c"), "--engine", "ibis", "--ibis-url", url,
        "--staff", "nosuchtable",
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nosuchtable" in done.stderr and len(done.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "c").exists()


def test_a_cube_s_own_fingerprint_is_the_same_for_the_same_cells():
    con = ibis.duckdb.connect()
    assert by_ibis(con).fingerprint == by_ibis(con).fingerprint


def test_a_cube_s_own_fingerprint_changes_with_its_small_tables(tmp_path):
    """The same responses, one industry's touch class changed: the app keeps results by the
    fingerprint, so the Industries page must not be answered from the old classes."""
    folder = Path(shutil.copytree(SAMPLE_DIR, tmp_path / "study"))
    industries = pl.read_csv(folder / "industries.csv")
    flipped = pl.when(pl.int_range(pl.len()) == 0).then(
        pl.when(pl.col("touch") == "high").then(pl.lit("low")).otherwise(pl.lit("high"))
    )
    industries.with_columns(flipped.otherwise(pl.col("touch")).alias("touch")).write_csv(
        folder / "industries.csv"
    )
    con = ibis.duckdb.connect()
    before, after = by_ibis(con), by_ibis(con, folder)
    assert_same_cube(after.cube, before.cube)  # the same cells
    assert after.fingerprint != before.fingerprint


@pytest.mark.slow
def test_the_command_builds_with_spark_the_same_sealed_cube(tmp_path, sample):
    """--engine spark (PySpark in local mode): the same cube as the polars build's, from the
    same files, and an engine on it gives the same views. One Spark for the suite: it costs
    about 20 s to start."""
    if not shutil.which("java") and not os.environ.get("CI"):
        pytest.skip("PySpark needs Java (apt-get install -y openjdk-17-jre-headless)")
    out = tmp_path / "cube"
    done = build_cube_command(
        str(SAMPLE_DIR), "-o", str(out), "--engine", "spark", "--spark-master", "local[1]"
    )
    assert done.returncode == 0, done.stderr
    assert "[3/3]" in done.stderr
    assert "[Stage " not in done.stderr  # Spark's own progress bars, drawn over ours
    opened = cxlib.cubefile.open_cube(out)
    assert_same_cube(opened.cube, stored_cube(sample).cube)
    view = cxlib.FilterState(channels=("phone",))
    assert (
        opened.linkage().unit_table(view).table.equals(cxlib.Linkage(sample).unit_table(view).table)
    )


def test_ibis_builds_refuse_a_response_read_twice(tmp_path):
    con = ibis.duckdb.connect()
    staff = con.read_parquet(str(SAMPLE_DIR / STAFF))
    twice = staff.union(staff, distinct=False)
    with pytest.raises(cxlib.DataError, match="duplicate id: the same respondent_id"):
        build_with_ibis(twice, con.read_parquet(str(SAMPLE_DIR / CUSTOMERS)), SAMPLE_DIR)


def test_an_empty_response_table_has_no_faults_in_every_backend():
    """Ungrouped sums over no rows are NULL in SQL: the fault counts must still be numbers."""
    from cxlib.ibis_cube import _faults

    con = ibis.duckdb.connect()
    empty = con.create_table(
        "empty", schema=ibis.schema({"response_id": "int64", "satisfaction": "int8"})
    )
    faults = _faults(empty, "response_id", ("satisfaction",))
    assert (faults.missing_ids, faults.repeated_ids, faults.off_scale) == (
        0,
        0,
        {"satisfaction": 0},
    )
