"""Build the cube where the data lives: DuckDB, embedded, over Parquet larger than memory.

The response tables may be one Parquet file each, a folder of them (hive-partitioned, such as
employee_responses/period=2024-Q1/part-0.parquet) or any glob. DuckDB streams them through one
GROUP BY per side and spills to disk what does not fit its memory limit; only the cells come
back to Python, where they are coded and sealed exactly as the in-memory build does
(tests/test_warehouse.py compares the two cell for cell).

The small tables (units, industries, companies, theme map, manifest) are read and validated by
cxlib as always. The responses are checked in SQL over every row for what would make the cube
wrong (missing keys, units not in the units table, items that are not whole numbers on their
scale, channels outside the contract's three); a first slice of rows also goes through the
full validation, so misnamed columns and the like read as they do on upload.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .contract import (
    CHANNELS,
    CUSTOMER_RESPONSES,
    EMPLOYEE_RESPONSES,
    LIKERT_SCALE,
    MANIFEST_FILE,
    OUTCOME_SCALE,
    OUTCOMES,
)
from .cube import CUSTOMER_KEYS, EMPLOYEE_KEYS, SUM, SUMSQ, Cube, Dimensions, raw_keys
from .cubefile import StoredCube
from .dataset import Dataset, load_dataset
from .errors import DataError, Problem
from .files import first_line
from .limits import study_problems
from .metrics import ex_metrics, items_of
from .models import DEFAULT_SETTINGS, Manifest, Settings
from .privacy import Floors
from .sealing import seal

BAD = "__bad"
SLICE_ROWS = 10_000
"""Rows of each response table that go through cxlib's full validation."""
SIDES = {"staff": EMPLOYEE_RESPONSES.name, "customers": CUSTOMER_RESPONSES.name}
ID = {"staff": EMPLOYEE_RESPONSES.key[0], "customers": CUSTOMER_RESPONSES.key[0]}


@dataclass(frozen=True)
class Sources:
    """Where a study's files are: the small tables' folder and each response table's files."""

    folder: Path
    staff: tuple[Path, ...]
    customers: tuple[Path, ...]

    @classmethod
    def of(cls, folder: str | Path, staff: str | None = None, customers: str | None = None):
        """Response tables as given (a glob), else <table>.parquet or a <table>/ folder."""
        folder = Path(folder)
        if not folder.is_dir():
            raise DataError([Problem(str(folder), "no such folder")])
        found = {}
        for side, given in (("staff", staff), ("customers", customers)):
            table = SIDES[side]
            if given is not None:
                files = sorted(Path(p) for p in _glob(given))
            elif (folder / f"{table}.parquet").is_file():
                files = [folder / f"{table}.parquet"]
            else:
                files = sorted((folder / table).rglob("*.parquet"))
            if not files:
                where = given or f"{table}.parquet or a {table}/ folder of Parquet files"
                raise DataError([Problem(where, f"no Parquet files found for {table}")])
            found[side] = tuple(files)
        return cls(folder, found["staff"], found["customers"])

    def fingerprint(self) -> str:
        """files.fingerprint of these files, read in chunks: a plain folder's equals its
        upload's."""
        return _files_fingerprint(self)


def _glob(pattern: str) -> list[str]:
    path = Path(pattern)
    anchor = Path(path.anchor) if path.is_absolute() else Path()
    return [str(p) for p in anchor.glob(str(path.relative_to(anchor)))]


DUCKDB_MEMORY = "2GB"
"""DuckDB's memory limit unless one is given. The cells need about 1 GB whatever the study's
size; only counting every response id grows with the responses, and DuckDB left to its own
limit (80% of the machine) took 9.2 GB and 24.9 s for 200M ids, against 2.0 GB and 11.7 s when
held to 2 GB (it spills them to its temporary folder)."""


def build_with_duckdb(
    sources: Sources,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    memory_limit: str | None = DUCKDB_MEMORY,
    temp_directory: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> StoredCube:
    """The sealed cube of a study whose responses DuckDB reads from Parquet files."""
    cube, small = cube_with_duckdb(
        sources, memory_limit=memory_limit, temp_directory=temp_directory, progress=progress
    )
    progress("sealing")
    return sealed_study(cube, small, settings, sources.fingerprint())


def cube_with_duckdb(
    sources: Sources,
    *,
    memory_limit: str | None = DUCKDB_MEMORY,
    temp_directory: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[Cube, Dataset]:
    """The full (unsealed) cube, as build_cube makes it, and the validated small tables."""
    import duckdb  # only the builder needs it: the app serves cubes without it

    small = _small_tables(sources)
    con = duckdb.connect()
    if memory_limit:
        con.execute(f"SET memory_limit = '{_literal(memory_limit)}'")
    # Spilled blocks go to the system's temporary folder, not to a .tmp in the working folder.
    spill = Path(temp_directory or Path(tempfile.gettempdir()) / "cxlib-duckdb")
    spill.mkdir(parents=True, exist_ok=True)  # DuckDB makes the last folder only
    con.execute(f"SET temp_directory = '{_literal(str(spill))}'")
    con.execute("SET preserve_insertion_order = false")  # lets the scans stream
    tables = {
        side: f"read_parquet([{', '.join(_quoted(p) for p in files)}], hive_partitioning = true)"
        for side, files in (("staff", sources.staff), ("customers", sources.customers))
    }
    try:
        return _cube_with(con, tables, small, progress), small
    except duckdb.Error as error:  # files that do not fit together (an item missing in one)
        raise DataError([_unreadable(str(sources.folder), error)]) from error


def _cube_with(con, tables: dict[str, str], small: Dataset, progress) -> Cube:
    themes = small.theme_map
    staff_items, customer_items = themes.employee_items, (*themes.customer_items, *OUTCOMES)
    scores = {m: items_of(m, themes) for m in ex_metrics(themes)}
    # One scan per side: the cells, and in them the counts of rows that break the contract.
    progress("aggregating staff responses")
    staff = con.sql(aggregation_sql(tables["staff"], EMPLOYEE_KEYS, staff_items, scores)).pl()
    progress("aggregating customer responses")
    customers = con.sql(aggregation_sql(tables["customers"], CUSTOMER_KEYS, customer_items)).pl()
    progress("counting response ids")
    ids = {side: id_counts(con, tables[side], ID[side]) for side in tables}
    return cube_of_cells(staff, customers, small, ids)


def cube_of_cells(
    staff: pl.DataFrame,
    customers: pl.DataFrame,
    small: Dataset,
    ids: dict[str, tuple[int, int]],
) -> Cube:
    """Cells as any engine returns them (text keys, sums, BAD counts) → the study's Cube,
    coded as build_cube codes it; raises DataError for rows that break the contract.

    ids: per side, (rows without an id, rows whose id another row has too), counted over every
    row by the engine (id_sql). A response read twice (a glob matching a copy, a partition
    written twice) would count its people twice and could lift a small group over the floor."""
    themes = small.theme_map
    _check(small, {"staff": staff, "customers": customers}, ids)
    dims = _dimensions(staff, customers, small)
    employee = _encoded(staff, EMPLOYEE_KEYS, dims)
    customer = _encoded(customers, CUSTOMER_KEYS, dims)
    customer_items = (*themes.customer_items, *OUTCOMES)
    return Cube(dims, employee, customer, themes.employee_items, customer_items)


def sealed_study(cube: Cube, small: Dataset, settings: Settings, fingerprint: str) -> StoredCube:
    """Seal a built cube at the floors of the deployment and the data."""
    responses = (int(cube.employee["n"].sum()), int(cube.customer["n"].sum()))
    return StoredCube(
        seal(cube, Floors.of(settings, small.manifest)),
        small.industries,
        small.companies,
        small.theme_map,
        small.manifest,
        fingerprint,
        responses,
    )


def aggregation_sql(
    table: str,
    keys: tuple[str, ...],
    items: tuple[str, ...],
    scores: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """One GROUP BY: count, sum and sum of squares per item, squared totals per score, and per
    item the rows whose answer is not a whole number on its scale (BAD).

    Items are read as DOUBLE once, in the inner SELECT (whole numbers up to 2^53 add exactly),
    so a text or fractional answer is counted, not cast away; sums come back as BIGINT."""
    columns = raw_keys(keys)
    inner = [f"CAST({_name(k)} AS VARCHAR) AS {_name(k)}" for k in columns]
    inner += [f"TRY_CAST({_name(i)} AS DOUBLE) AS {_name(i)}" for i in items]
    stats = ["count(*) AS n"]
    for item in items:
        x = _name(item)
        stats += [
            f"CAST(sum({x}) AS BIGINT) AS {_name(item + SUM)}",
            f"CAST(sum({x} * {x}) AS BIGINT) AS {_name(item + SUMSQ)}",
        ]
    for name, members in (scores or {}).items():
        total = "(" + " + ".join(_name(i) for i in members) + ")"
        stats.append(f"CAST(sum({total} * {total}) AS BIGINT) AS {_name(name + SUMSQ)}")
    for item in items:
        x, (low, high) = _name(item), scale_of(item)
        wrong = f"{x} IS NULL OR {x} < {low} OR {x} > {high} OR {x} <> round({x})"
        stats.append(f"count(*) FILTER (WHERE {wrong}) AS {_name(item + BAD)}")
    return (
        f"SELECT {', '.join(_name(k) for k in columns)},\n  "
        + ",\n  ".join(stats)
        + "\nFROM (\n  SELECT "
        + ", ".join(inner)
        + f"\n  FROM {table}\n)\nGROUP BY ALL"
    )


DENSE_IDS = 8
"""Whole-number ids spanning at most this many times their count are counted by a bitmap
(one bit per possible id: 25 MB for 200M ids, 0.25 s for 20M) instead of a hash of every id
(1.8 s for 20M; 11.7 s and 2 GB for 200M)."""


def id_counts(con, table: str, key: str) -> tuple[int, int]:
    """(rows without an id, rows whose id another row has too), exact, over every row."""
    rows, present, low, high, kind = con.execute(
        f"SELECT count(*), count({_name(key)}), min({_name(key)}), max({_name(key)}), "
        f"any_value(typeof({_name(key)})) FROM {table}"
    ).fetchone()
    whole = kind in {
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
    }
    if whole and present and high - low + 1 <= DENSE_IDS * present:
        (distinct,) = con.execute(
            f"SELECT bit_count(bitstring_agg({_name(key)}, {low}, {high})) FROM {table}"
        ).fetchone()
        return rows - present, present - distinct
    return con.execute(id_sql(table, key)).fetchone()


def id_sql(table: str, key: str) -> str:
    """Rows without an id, and rows whose id another row has too (exact: every id is counted,
    spilling to disk if the ids do not fit in memory)."""
    return (
        f"SELECT count(*) - count({_name(key)}), count({_name(key)}) - "
        f"count(DISTINCT {_name(key)}) FROM {table}"
    )


def scale_of(item: str) -> tuple[int, int]:
    return OUTCOME_SCALE if item in OUTCOMES else LIKERT_SCALE


# --- the steps -----------------------------------------------------------------------------


def _small_tables(sources: Sources) -> Dataset:
    """Validate the small tables, and a first slice of each response table, the usual way."""
    import duckdb

    slices = {}
    for side, paths in (("staff", sources.staff), ("customers", sources.customers)):
        listing = ", ".join(_quoted(p) for p in paths)
        query = (
            f"SELECT * FROM read_parquet([{listing}], hive_partitioning = true) LIMIT {SLICE_ROWS}"
        )
        try:
            slices[side] = duckdb.sql(query).pl()
        except duckdb.Error as error:
            raise DataError([_unreadable(SIDES[side], error)]) from error
    return small_tables(sources.folder, slices)


def small_tables(folder: Path, slices: dict[str, pl.DataFrame]) -> Dataset:
    """The folder's small tables with a first slice of each response table (staff,
    customers), validated as an upload is: what every builder checks before aggregating."""
    files = {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith((SIDES["staff"], SIDES["customers"]))
    }
    for side, first in slices.items():
        buffer = io.BytesIO()
        first.write_parquet(buffer)
        files[f"{SIDES[side]}.parquet"] = buffer.getvalue()
    data = load_dataset(files)
    if MANIFEST_FILE not in files:  # named after its folder, as load_dataset names a folder
        data = dataclasses.replace(data, manifest=Manifest(name=folder.resolve().name))
    return data


def _check(small: Dataset, cells: dict[str, pl.DataFrame], ids: dict[str, tuple[int, int]]) -> None:
    """Every row's faults, read off the cells: missing keys, unknown units and channels,
    answers off their scale (the BAD counts); and missing or repeated response ids."""
    known = small.units.get_column("unit_id").cast(pl.String).implode()
    problems = []
    for side, (missing, repeated) in ids.items():
        key = ID[side]
        if missing:
            problems.append(Problem(SIDES[side], f"{key} is missing", count=missing))
        if repeated:
            what = f"duplicate id: the same {key} appears on more than one row"
            problems.append(Problem(SIDES[side], what, column=key, count=repeated))
    for side, frame in cells.items():
        keys = raw_keys(EMPLOYEE_KEYS if side == "staff" else CUSTOMER_KEYS)
        faults = {f"{k} is missing": pl.col(k).is_null() for k in keys}
        faults["unit_id is not in the units table"] = ~pl.col("unit_id").is_in(known)
        if side == "customers":
            faults[f"channel is not one of {', '.join(CHANNELS)}"] = ~pl.col("channel").is_in(
                list(CHANNELS)
            )
        counts = frame.select(
            *(
                pl.col("n").filter(fault.fill_null(False)).sum().alias(what)
                for what, fault in faults.items()
            ),
            *(
                pl.col(column)
                .sum()
                .alias(f"{column.removesuffix(BAD)} is not a whole number from {low} to {high}")
                for column in frame.columns
                if column.endswith(BAD)
                for low, high in [scale_of(column.removesuffix(BAD))]
            ),
        ).row(0, named=True)
        problems += [
            Problem(SIDES[side], what, count=count) for what, count in counts.items() if count
        ]
    if problems:
        raise DataError(problems)


def _dimensions(staff: pl.DataFrame, customers: pl.DataFrame, small: Dataset) -> Dimensions:
    """Periods, segments and roles as the cells have them, sorted as Dimensions.of sorts, so
    the codes are the same whichever engine built the cells."""

    def distinct(*columns: pl.Series) -> tuple[str, ...]:
        return tuple(pl.concat(columns).unique().sort().to_list())

    periods = distinct(staff["period"], customers["period"])
    segments, roles = distinct(customers["segment"]), distinct(staff["role"])
    themes = small.theme_map
    too_big = study_problems(
        small.units.height,
        len(periods),
        len(segments),
        len(roles),
        len(themes.employee_items),
        len(themes.customer_items) + len(OUTCOMES),
    )
    if too_big:
        raise DataError([Problem("linkage study", f"too large: {text}") for text in too_big])
    units = (
        small.units.sort("unit_id")
        .with_row_index("unit")
        .with_columns(pl.col("unit").cast(pl.UInt32))
    )
    return Dimensions(units, periods, segments, roles)


def _encoded(cells: pl.DataFrame, keys: tuple[str, ...], dims: Dimensions) -> pl.DataFrame:
    return (
        dims.encode(cells.lazy().select(pl.exclude(f"^.*{BAD}$")))
        .select(*keys, pl.exclude(*keys))
        .with_columns(pl.exclude(*keys).cast(pl.Int64))
        .sort(keys)
        .collect()
    )


def _files_fingerprint(sources: Sources) -> str:
    import hashlib

    digest = hashlib.sha256()
    named = {p.name: p for p in sources.folder.iterdir() if p.is_file()}
    for path in (*sources.staff, *sources.customers):
        named.setdefault(
            str(path.relative_to(sources.folder))
            if path.is_relative_to(sources.folder)
            else str(path),
            path,
        )
    for name in sorted(named):
        digest.update(name.encode())
        with named[name].open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:16]


def _unreadable(where: str, error: Exception) -> Problem:
    return Problem(where, f"the response files could not be read together: {first_line(error)}")


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _quoted(path: Path) -> str:
    return "'" + _literal(str(path)) + "'"


def _literal(text: str) -> str:
    return text.replace("'", "''")
