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
    TABLES_BY_NAME,
)
from .cube import (
    CUSTOMER_KEYS,
    EMPLOYEE_KEYS,
    SUM,
    SUMSQ,
    Cube,
    Dimensions,
    raw_keys,
    side_items,
    sorted_cells,
    staff_scores,
)
from .cubefile import StoredCube
from .dataset import Dataset, load_dataset
from .errors import DataError, Problem
from .files import first_line
from .limits import study_problems
from .models import DEFAULT_SETTINGS, Manifest, Settings
from .privacy import Floors
from .sealing import seal
from .validation import parsed

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
        if folder.is_file():
            raise DataError([Problem(str(folder), "a file: give the dataset's folder")])
        if not folder.is_dir():
            raise DataError([Problem(str(folder), "no such folder")])
        if (folder / "cube.json").is_file():
            raise DataError([Problem(str(folder), "a built cube folder, not a dataset folder")])
        found = {}
        for side, given in (("staff", staff), ("customers", customers)):
            table = SIDES[side]
            flag = "--staff" if side == "staff" else "--customers"
            if given is not None and not given.strip():
                raise DataError([Problem(flag, "empty: give a glob of Parquet files or a folder")])
            if given is not None and Path(given).is_dir():  # a folder, as a table's folder
                files = sorted(Path(given).rglob("*.parquet"))
            elif given is not None:
                files = sorted(Path(p) for p in _glob(given))
            else:
                files = _table_files(folder, table)
            if not files:
                where = given or f"{table}.parquet or a folder {table}/ of Parquet files"
                other = [p.name for p in folder.glob(f"{table}.*") if p.suffix != ".parquet"]
                hint = (
                    f" ({', '.join(sorted(other))} is there: this engine reads Parquet; "
                    "--engine polars reads CSV and XLSX, in memory)"
                    if other and given is None
                    else ""
                )
                raise DataError([Problem(where, f"no Parquet files found for {table}{hint}")])
            found[side] = tuple(files)
        return cls(folder, found["staff"], found["customers"])

    def fingerprint(self) -> str:
        """files.fingerprint of these files, read in chunks: a plain folder's equals its
        upload's."""
        return _files_fingerprint(self)


def _table_files(folder: Path, table: str) -> list[Path]:
    """<table>.parquet or the Parquet files of a <table>/ folder, names in any case (as the
    polars load matches them); both at once is refused: a stale file would hide fresh
    partitions."""
    named = [p for p in sorted(folder.iterdir()) if p.name.lower() in (f"{table}.parquet", table)]
    files = [p for p in named if p.is_file()]
    if len(files) > 1:  # names that differ in case only: neither is taken for the other
        where = ", ".join(p.name for p in files)
        raise DataError([Problem(where, f"more than one file for the table {table}")])
    entries = {p.name.lower(): p for p in named}
    file, tree = entries.get(f"{table}.parquet"), entries.get(table)
    parts = sorted(tree.rglob("*.parquet")) if tree is not None and tree.is_dir() else []
    if file is not None and file.is_file() and parts:
        raise DataError(
            [
                Problem(
                    str(folder),
                    f"both {file.name} and the folder {tree.name}/ of Parquet files: keep one",
                )
            ]
        )
    return [file] if file is not None and file.is_file() else parts


def _glob(pattern: str) -> list[str]:
    path = Path(pattern)
    anchor = Path(path.anchor) if path.is_absolute() else Path()
    return [str(p) for p in anchor.glob(str(path.relative_to(anchor)))]


DUCKDB_MEMORY = "2GB"
"""DuckDB's memory limit unless one is given. The cells are aggregated in as many passes as
keep each within a share of it (PASS_SHARE); counting every response id by hashing grows with
the responses, and DuckDB left to its own limit (80% of the machine) took 9.2 GB and 24.9 s
for 200M ids, against 2.0 GB and 11.7 s when held to 2 GB (it spills them to its temporary
folder)."""


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
    except duckdb.InterruptException as error:  # Ctrl-C inside a query: not the data's fault
        raise KeyboardInterrupt from error
    except RuntimeError as error:  # the same, met while a result is fetched
        if str(error).startswith("Query interrupted"):
            raise KeyboardInterrupt from error
        raise
    except duckdb.Error as error:  # files that do not fit together (an item missing in one)
        raise DataError([_unreadable(str(sources.folder), error)]) from error
    finally:
        con.close()  # closed already unless the build stopped early


def _cube_with(con, tables: dict[str, str], small: Dataset, progress) -> Cube:
    items = side_items(small.theme_map)
    # Every row is checked first, in one ungrouped scan per side: the cells then carry no
    # fault counts, and an answer off its scale never reaches a sum.
    progress("checking every response (ids, answers on their scales)")
    faults = {side: faults_of(con, tables[side], ID[side], items[side]) for side in tables}
    items, scores = summed(faults, items, staff_scores(small.theme_map))
    units = _unit_ids(small).sort().to_list()
    pass_bytes = max(1, limit_bytes(con) // PASS_SHARE)
    cells = {}
    for side, keys, what, label in (
        ("staff", EMPLOYEE_KEYS, scores, "staff"),
        ("customers", CUSTOMER_KEYS, {}, "customer"),
    ):
        progress(f"aggregating {label} responses")
        bound = cell_bound(con, tables[side], keys, len(units))
        stats = 1 + 2 * len(items[side]) + len(what)
        slices = unit_slices(units, -(-bound * CELL_BYTES * (len(keys) + stats) // pass_bytes))
        cells[side] = pl.concat(
            con.sql(aggregation_sql(tables[side], keys, items[side], what, where)).pl()
            for where in slices
        )
    con.close()  # DuckDB keeps its freed blocks until closed: about 0.8 GB at 20M responses
    return cube_of_cells(cells, small, faults)


PASS_SHARE = 4
"""One pass's groups may take this share of DuckDB's memory limit: a study with more cells is
aggregated in slices of its units, one pass each, so that the build as a whole stays within
half the limit (at 20M responses and the 2 GB default: three passes, 0.9 GB, against 1.5 GB in
one; a larger --memory-limit means fewer passes; docs/performance.md)."""
CELL_BYTES = 64
"""DuckDB's memory per cell, per key or statistic (measured: 1.1 GB for 949,154 cells of 4 keys
and 17 statistics; each cell's partial sums are held about five times over by the threads)."""


def limit_bytes(con) -> int:
    """DuckDB's memory limit in bytes, as it reports it ('1.8 GiB'); 2 GiB if unreadable."""
    (text,) = con.execute("SELECT current_setting('memory_limit')").fetchall()[0]
    number, _, unit = text.partition(" ")
    powers = {"bytes": 0, "KiB": 1, "MiB": 2, "GiB": 3, "TiB": 4, "PiB": 5}
    try:
        return int(float(number) * 1024 ** powers[unit])
    except (KeyError, ValueError):
        return 2 * 1024**3


def cell_bound(con, table: str, keys: tuple[str, ...], units: int) -> int:
    """At most this many cells: no more than rows, nor than units × the other keys' values."""
    others = [k for k in raw_keys(keys) if k != "unit_id"]
    rows, *values = con.execute(
        f"SELECT count(*), {', '.join(f'count(DISTINCT {_name(k)})' for k in others)} FROM {table}"
    ).fetchall()[0]
    product = max(units, 1)
    for count in values:
        product *= max(count, 1)
    return min(rows, product)


def unit_slices(units: list[str], slices: int) -> list[str | None]:
    """WHERE conditions that part the rows by their unit_id (as text, in byte order) into
    `slices` runs of the sorted units; every row falls in exactly one, one without a unit or
    with an unknown one too. One slice: no condition."""
    slices = max(1, min(slices, len(units)))
    if slices == 1:
        return [None]
    u = "CAST(unit_id AS VARCHAR)"
    cuts = [_quoted_text(units[len(units) * i // slices]) for i in range(1, slices)]
    return (
        [f"{u} IS NULL OR {u} < {cuts[0]}"]
        + [f"{u} >= {low} AND {u} < {high}" for low, high in zip(cuts, cuts[1:], strict=False)]
        + [f"{u} >= {cuts[-1]}"]
    )


def summed(
    faults: dict[str, Faults],
    items: dict[str, tuple[str, ...]],
    scores: dict[str, tuple[str, ...]],
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """What the cells sum: every item and score, or nothing when an answer is off its scale
    (the build is refused then; the keys and counts still give the keys' faults)."""
    if any(f.off_scale_rows for f in faults.values()):
        return {side: () for side in items}, {}
    return items, scores


@dataclass(frozen=True)
class Faults:
    """What one response table's rows break, counted over every row by the engine: rows
    without an id, rows whose id another row has too, and per item the rows whose answer is
    not a whole number on its scale.

    A response read twice (a glob matching a copy, a partition written twice) would count its
    people twice and could lift a small group over the floor."""

    missing_ids: int
    repeated_ids: int
    off_scale: dict[str, int]

    @property
    def off_scale_rows(self) -> int:
        return sum(self.off_scale.values())


def cube_of_cells(
    cells: dict[str, pl.DataFrame], small: Dataset, faults: dict[str, Faults]
) -> Cube:
    """Cells as any engine returns them (staff and customers: text keys, counts, sums) → the
    study's Cube, coded as build_cube codes it; raises DataError for rows that break the
    contract: the faults each side's rows have (counted by the engine over every row) and the
    keys' faults, read off the cells.

    Each side's text cells leave `cells` as it is coded (190 MB at 20M responses)."""
    for side in cells:
        cells[side] = keys_as_loaded(cells[side], side)
    _check(small, cells, faults)
    dims = _dimensions(cells["staff"], cells["customers"], small)
    employee = _encoded(cells.pop("staff"), EMPLOYEE_KEYS, dims)
    customer = _encoded(cells.pop("customers"), CUSTOMER_KEYS, dims)
    items = side_items(small.theme_map)
    return Cube(dims, employee, customer, items["staff"], items["customers"])


def keys_as_loaded(cells: pl.DataFrame, side: str) -> pl.DataFrame:
    """The cells' keys read as the polars load reads them (validation.parsed: ids a
    spreadsheet made numbers, `1017.0`, as `1017`; categories in any case or a common
    spelling, `In person`, `Frontline`; text trimmed), and the cells whose keys then meet
    summed (every statistic of a cell is a sum). The engines had built other cells from the
    same files: `Frontline` a role of its own, `In person` or float ids refused.

    Each key's distinct values are read, not every cell's (a million cells at 20M)."""
    columns = {c.name: c for c in TABLES_BY_NAME[SIDES[side]].columns}
    keys = raw_keys(EMPLOYEE_KEYS if side == "staff" else CUSTOMER_KEYS)
    changed = {}
    for key in keys:
        raw = cells.get_column(key).drop_nulls().unique().sort()
        read = pl.DataFrame({key: raw}).select(parsed(columns[key], pl.col(key))).to_series()
        if allowed := columns[key].allowed:  # a wrong word is named as the file has it
            read = pl.select(pl.when(read.is_in(allowed)).then(read).otherwise(raw)).to_series()
        if not read.equals(raw):
            changed[key] = pl.col(key).replace_strict(raw, read, default=None)
    if not changed:
        return cells
    return cells.with_columns(**changed).group_by(keys).agg(pl.exclude(keys).sum())


def sealed_study(cube: Cube, small: Dataset, settings: Settings, fingerprint: str) -> StoredCube:
    """Seal a built cube at the floors of the deployment and the data."""
    return StoredCube(
        seal(cube, Floors.of(settings, small.manifest)),
        small.industries,
        small.companies,
        small.theme_map,
        small.manifest,
        fingerprint,
    )


def aggregation_sql(
    table: str,
    keys: tuple[str, ...],
    items: tuple[str, ...],
    scores: dict[str, tuple[str, ...]] | None = None,
    where: str | None = None,
) -> str:
    """One GROUP BY: count, sum and sum of squares per item, and squared totals per score, of
    the rows `where` holds (all when None).

    Items are read as DOUBLE once, in the inner SELECT (whole numbers up to 2^53 add exactly;
    faults_of has checked every answer is one); sums come back as BIGINT."""
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
    return (
        f"SELECT {', '.join(_name(k) for k in columns)},\n  "
        + ",\n  ".join(stats)
        + "\nFROM (\n  SELECT "
        + ", ".join(inner)
        + f"\n  FROM {table}"
        + (f"\n  WHERE {where}" if where else "")
        + "\n)\nGROUP BY ALL"
    )


DENSE_IDS = 8
"""Whole-number ids spanning at most this many times their count are counted by a bitmap
(one bit per possible id: 25 MB for 200M ids, 0.25 s for 20M) instead of a hash of every id
(1.8 s for 20M; 11.7 s and 2 GB for 200M)."""
WHOLE = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


def faults_of(con, table: str, key: str, items: tuple[str, ...]) -> Faults:
    """The faults of a response table, exact, over every row.

    One ungrouped scan counts rows and ids and reads each item stored as whole numbers by its
    count, lowest and highest answer (0.7 s for 20M rows, against 1.3 s for testing every
    answer); only items stored otherwise, or whose range or count shows a fault, have their
    wrong answers counted one by one."""
    kinds = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()}
    whole = [i for i in items if kinds.get(i) in WHOLE]
    other = [i for i in items if i not in whole]
    k = _name(key)
    stats = [f"count(*), count({k}), min({k}), max({k})"]
    stats += [f"count({_name(i)}), min({_name(i)}), max({_name(i)})" for i in whole]
    stats += [_off_scale_count(i) for i in other]
    rows, present, low, high, *read = con.execute(
        f"SELECT {', '.join(stats)} FROM {table}"
    ).fetchall()[0]
    ranges = {i: read[3 * n : 3 * n + 3] for n, i in enumerate(whole)}
    counted = dict(zip(other, read[3 * len(whole) :], strict=True))
    doubtful = [
        i
        for i, (answered, lowest, highest) in ranges.items()
        if answered < rows
        or (answered and not scale_of(i)[0] <= lowest <= highest <= scale_of(i)[1])
    ]
    if doubtful:
        exact = con.execute(
            f"SELECT {', '.join(_off_scale_count(i) for i in doubtful)} FROM {table}"
        ).fetchall()[0]
        counted |= dict(zip(doubtful, exact, strict=True))
    if kinds.get(key) in WHOLE and present and high - low + 1 <= DENSE_IDS * present:
        (distinct,) = con.execute(
            f"SELECT bit_count(bitstring_agg({k}, {low}, {high})) FROM {table}"
        ).fetchall()[0]
    else:
        (distinct,) = con.execute(id_sql(table, key)).fetchall()[0]
    off_scale = {i: counted.get(i, 0) for i in items}
    return Faults(rows - present, present - distinct, off_scale)


def _off_scale_count(item: str) -> str:
    """The rows whose answer to `item` is missing, off its scale or not a whole number."""
    x, (low, high) = f"TRY_CAST({_name(item)} AS DOUBLE)", scale_of(item)
    return (
        f"count(*) FILTER (WHERE {x} IS NULL OR {x} < {low} OR {x} > {high} OR {x} <> round({x}))"
    )


def id_sql(table: str, key: str) -> str:
    """Distinct ids, every one counted (spilling to disk if they do not fit in memory)."""
    return f"SELECT count(DISTINCT {_name(key)}) FROM {table}"


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
    try:
        return small_tables(sources.folder, slices)
    except DataError as error:
        if not any(p.file.startswith(tuple(SIDES.values())) for p in error.problems):
            raise
        # Only a first slice was read: rows further on may have other faults (the polars
        # engine, reading all, had listed four where this listed one), said so.
        note = (
            f"The response tables' problems above are from their first {SLICE_ROWS:,} rows; "
            "every row is checked once these are fixed (--engine polars reads them all now, "
            "from one file per table)."
        )
        raise DataError(error.problems, note=note) from error


def small_tables(folder: Path, slices: dict[str, pl.DataFrame]) -> Dataset:
    """The folder's small tables with a first slice of each response table (staff,
    customers), validated as an upload is: what every builder checks before aggregating."""
    files = {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.lower().startswith((SIDES["staff"], SIDES["customers"]))
    }
    for side, first in slices.items():
        buffer = io.BytesIO()
        first.write_parquet(buffer)
        files[f"{SIDES[side]}.parquet"] = buffer.getvalue()
    data = load_dataset(files)
    if MANIFEST_FILE not in files:  # named after its folder, as load_dataset names a folder
        data = dataclasses.replace(data, manifest=Manifest(name=folder.resolve().name))
    return data


EXAMPLES = 3
"""Wrong key values named in a warehouse build's problem (its rows have no numbers)."""


def _check(small: Dataset, cells: dict[str, pl.DataFrame], faults: dict[str, Faults]) -> None:
    """Every row's faults: missing or repeated response ids and answers off their scales (as
    the engine counted them); missing keys, unknown units and channels (read off the cells)."""
    known = _unit_ids(small).implode()
    problems = []
    for side, fault in faults.items():
        key = ID[side]
        if fault.missing_ids:
            problems.append(Problem(SIDES[side], f"{key} is missing", count=fault.missing_ids))
        if fault.repeated_ids:
            what = f"duplicate id: the same {key} appears on more than one row"
            problems.append(Problem(SIDES[side], what, column=key, count=fault.repeated_ids))
    for side, frame in cells.items():
        keys = raw_keys(EMPLOYEE_KEYS if side == "staff" else CUSTOMER_KEYS)
        wrong = {f"{k} is missing": pl.col(k).is_null() for k in keys}
        # Keys whose values must be among the allowed ones; their wrong values are named, where
        # the cells hold them: "(51,741 rows)" alone had left a data team to search a lake for
        # the unit it did not know.
        allowed = {"unit_id is not in the units table": ("unit_id", known)}
        if side == "customers":
            allowed[f"channel is not one of {', '.join(CHANNELS)}"] = ("channel", list(CHANNELS))
        wrong |= {what: ~pl.col(key).is_in(kept) for what, (key, kept) in allowed.items()}
        counts = frame.select(
            pl.col("n").filter(fault.fill_null(False)).sum().alias(what)
            for what, fault in wrong.items()
        ).row(0, named=True)
        values = {
            what: tuple(
                frame.filter(wrong[what].fill_null(False))
                .get_column(key)
                .unique()
                .sort()
                .head(EXAMPLES)
                .to_list()
            )
            for what, (key, _) in allowed.items()
            if counts[what]
        }
        counts |= {
            f"{item} is not a whole number from {low} to {high}": count
            for item, count in faults[side].off_scale.items()
            for low, high in [scale_of(item)]
        }
        problems += [
            Problem(SIDES[side], what, count=count, values=values.get(what, ()))
            for what, count in counts.items()
            if count
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
    coded = (
        dims.encode(cells.lazy())
        .select(*keys, pl.exclude(*keys))
        .with_columns(pl.exclude(*keys).cast(pl.Int64))
        .collect()
    )
    del cells  # the caller has let go of it: the text is freed before the sort copies
    return sorted_cells(coded, keys)


def _unit_ids(small: Dataset) -> pl.Series:
    """The units table's ids as text, as the cells' keys are read."""
    return small.units.get_column("unit_id").cast(pl.String)


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
    return _quoted_text(str(path))


def _quoted_text(text: str) -> str:
    return "'" + _literal(text) + "'"


def _literal(text: str) -> str:
    return text.replace("'", "''")
