"""The cube's aggregation written once as an Ibis expression: any Ibis backend builds it.

The same GROUP BY as warehouse.aggregation_sql (count, sums, sums of squares, squared totals per
EX metric), and the same ungrouped check of every row as warehouse.faults_of (ids, answers off
their scales), as Ibis table expressions, so that the cube is
built inside the warehouse or cluster that holds the responses: DuckDB, PySpark, BigQuery,
Snowflake, Trino, Databricks... Only the cells come back; they are coded, checked and sealed
exactly as the DuckDB build's (warehouse.cube_of_cells), so every backend gives the same cube
(tests/test_ibis_cube.py: DuckDB and PySpark in local mode, cell for cell).

    con = ibis.connect("duckdb://")            # or ibis.pyspark.connect(spark), ibis.bigquery...
    stored = build_with_ibis(con.table("ex_responses"), con.table("cx_responses"), "small/")
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from .cube import (
    CUSTOMER_KEYS,
    EMPLOYEE_KEYS,
    SUM,
    SUMSQ,
    Cube,
    raw_keys,
    side_items,
    staff_scores,
)
from .cubefile import StoredCube
from .dataset import Dataset
from .models import DEFAULT_SETTINGS, Settings
from .warehouse import (
    ID,
    SLICE_ROWS,
    Faults,
    cube_of_cells,
    scale_of,
    sealed_study,
    small_tables,
    summed,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir


def aggregation_expr(
    table: ir.Table,
    keys: tuple[str, ...],
    items: tuple[str, ...],
    scores: dict[str, tuple[str, ...]] | None = None,
) -> ir.Table:
    """One group-by: the cells of a response table (its answers checked by faults_expr)."""
    columns = raw_keys(keys)
    t = table.select(
        *(table[k].cast("string").name(k) for k in columns),
        *(table[i].try_cast("float64").name(i) for i in items),
    )
    metrics = {"n": t.count()}
    for item in items:
        x = t[item]
        metrics[item + SUM] = x.sum().cast("int64")
        metrics[item + SUMSQ] = (x * x).sum().cast("int64")
    for name, members in (scores or {}).items():
        total = sum((t[i] for i in members[1:]), t[members[0]])
        metrics[name + SUMSQ] = (total * total).sum().cast("int64")
    return t.group_by(list(columns)).aggregate(**metrics)


def faults_expr(table: ir.Table, key: str, items: tuple[str, ...]) -> ir.Table:
    """One ungrouped aggregate over every row: rows, ids present, distinct ids, and per item
    the rows whose answer is missing, off its scale or not a whole number."""
    metrics = {
        "__rows": table.count(),
        "__named": table[key].count(),
        "__distinct": table[key].nunique(),
    }
    for item in items:
        x, (low, high) = table[item].try_cast("float64"), scale_of(item)
        wrong = x.isnull() | (x < low) | (x > high) | (x != x.round())
        metrics[item] = wrong.ifelse(1, 0).sum().fill_null(0).cast("int64")  # no rows: 0
    return table.aggregate(**metrics)


def cube_with_ibis(staff: ir.Table, customers: ir.Table, small: Dataset) -> Cube:
    """The full (unsealed) cube of two Ibis tables, given the study's validated small tables."""
    tables = {"staff": staff, "customers": customers}
    items = side_items(small.theme_map)
    faults = {side: _faults(tables[side], ID[side], items[side]) for side in tables}
    items, scores = summed(faults, items, staff_scores(small.theme_map))
    cells = {
        "staff": _polars(aggregation_expr(staff, EMPLOYEE_KEYS, items["staff"], scores)),
        "customers": _polars(aggregation_expr(customers, CUSTOMER_KEYS, items["customers"])),
    }
    return cube_of_cells(cells, small, faults)


def _faults(table: ir.Table, key: str, items: tuple[str, ...]) -> Faults:
    counts = _polars(faults_expr(table, key, items)).row(0, named=True)
    return Faults(
        counts["__rows"] - counts["__named"],
        counts["__named"] - counts["__distinct"],
        {item: counts[item] for item in items},
    )


def build_with_ibis(
    staff: ir.Table,
    customers: ir.Table,
    folder: str | Path,
    settings: Settings = DEFAULT_SETTINGS,
    fingerprint: str = "",
) -> StoredCube:
    """The sealed cube of responses in any Ibis backend; the small tables (units, industries,
    theme map, ...) from a local folder, validated with a first slice of each response table.
    `fingerprint`: what identifies the source data (a snapshot id); by default, a hash of the
    cube's own cells and the small tables (equal cells and tables, equal fingerprint)."""
    small = small_tables(
        Path(folder),
        {
            "staff": _polars(staff.limit(SLICE_ROWS)),
            "customers": _polars(customers.limit(SLICE_ROWS)),
        },
    )
    cube = cube_with_ibis(staff, customers, small)
    return sealed_study(cube, small, settings, fingerprint or _cells_fingerprint(cube, small))


def _cells_fingerprint(cube: Cube, small: Dataset) -> str:
    """The app keeps results by fingerprint: an industry's touch class changed in the small
    tables, with the same responses, must give another one."""
    digest = hashlib.sha256(small.fingerprint.encode())
    for cells in (cube.employee, cube.customer):
        digest.update(cells.write_ipc(None).getvalue())
    return "cells-" + digest.hexdigest()[:16]


def _polars(expr: ir.Table) -> pl.DataFrame:
    return pl.from_arrow(expr.to_pyarrow())
