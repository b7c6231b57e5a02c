"""A sealed cube kept on disk: a folder of Parquet files the app opens without raw responses.

    cube.json             what it is: format, floors, periods, segments, roles, items, theme
                          map, manifest, the fingerprint of the data it was built from
    units.parquet         unit code, unit_id and the unit's attributes
    industries.parquet    the industries table
    companies.parquet     the company panel, when the data has one
    staff_cells.parquet   sealed staff cells (sealing.py): unit, period, role, n, sums, block
    customer_cells.parquet  sealed customer cells: unit, period, segment, channel, n, sums, block

Only sealed cubes are written: every stored number covers a whole privacy block at the floors
in cube.json. Opening checks that again, so a hand-made or damaged folder is refused with the
reason, not served.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from .contract import CHANNELS, TOUCH_CLASSES
from .cube import CUSTOMER_KEYS, EMPLOYEE_KEYS, SUM, SUMSQ, Cube, Dimensions, build_cube
from .dataset import Dataset, Held
from .engine import Linkage
from .errors import DataError, Problem
from .files import first_line
from .grid import customer_atom, staff_atom
from .metrics import ex_metrics
from .models import DEFAULT_SETTINGS, Manifest, Settings, ThemeMap
from .privacy import Floors
from .sealing import BLOCK, Sealed, block_problems, check_sealed, hidden_sums, people, seal

FORMAT, VERSION = "cxlib-cube", 1
META = "cube.json"
CELLS = {"staff": "staff_cells.parquet", "customers": "customer_cells.parquet"}
MAX_META = 10_000_000
UNIT_COLUMNS = (
    "unit",
    "unit_id",
    "company",
    "industry",
    "region",
)  # bytes: names of periods, segments and themes, never data


@dataclass(frozen=True, eq=False)
class StoredCube:
    """A sealed cube and the small tables the app needs beside it."""

    sealed: Sealed
    industries: pl.DataFrame
    companies: pl.DataFrame | None
    theme_map: ThemeMap
    manifest: Manifest
    fingerprint: str
    """Fingerprint of the data the cube was built from (files.fingerprint)."""
    lean: bool = False
    """Opened with only what the engine serves from (open_cube(..., lean=True))."""

    @property
    def cube(self) -> Cube:
        return self.sealed.cube

    @property
    def responses(self) -> tuple[int, int]:
        """Staff and customers in the groups the cube keeps (sealing.people), never the total
        of everyone: the total less what the views show would count the groups under the floor.
        Counted from the cells, so a cube.json written before this rule cannot say otherwise."""
        return people(self.sealed)

    def dataset(self) -> Dataset:
        """The study as a Dataset without responses: what the app's pages read besides the
        engine (units, industries, theme map, the company panel, periods, segments, counts)."""
        dims = self.cube.dimensions
        return Dataset(
            manifest=self.manifest,
            industries=self.industries,
            companies=self.companies,
            units=dims.units.drop("unit"),
            employee=None,
            customer=None,
            theme_map=self.theme_map,
            fingerprint=self.fingerprint,
            held=Held(dims.periods, dims.segments, dims.roles, self.responses),
        )

    def linkage(self, settings: Settings = DEFAULT_SETTINGS) -> Linkage:
        return Linkage.from_sealed(self.sealed, self.industries, self.theme_map, settings)


def stored_cube(data: Dataset, settings: Settings = DEFAULT_SETTINGS) -> StoredCube:
    """Build and seal the cube of a dataset in memory (polars), at the deployment's floors."""
    if not data.has_linkage:
        raise ValueError("the dataset has no linkage study")
    sealed = seal(build_cube(data), Floors.of(settings, data.manifest))
    return StoredCube(
        sealed,
        data.industries,
        data.companies,
        data.theme_map,
        data.manifest,
        data.fingerprint,
    )


def writable_folder(folder: str | Path, source: str | Path | None = None) -> Path:
    """The folder a cube may be written to: new, empty, or an earlier cube (replaced whole).
    Anything else is refused before a build starts: a study's own folder had its units file
    overwritten by the cube's, and a folder of other files had one of them replaced."""
    folder = Path(folder)
    target = folder.resolve()
    if source is not None:
        origin = Path(source).resolve()
        if target == origin or target in origin.parents:
            raise ValueError(f"{folder} holds the data the cube is built from: write elsewhere")
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / META).is_file():
        raise ValueError(f"{folder} holds other files and is not a cube folder: choose a new one")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if existing == target:
        existing = target.parent  # the cube is written beside it, then renamed into place
    try:  # a probe, not os.access: root may 'access' /proc and still not write there
        Path(tempfile.mkdtemp(prefix=".cxlib-probe-", dir=existing)).rmdir()
    except OSError as error:
        raise ValueError(f"{folder} cannot be written: {error.strerror} in {existing}") from error
    return folder


def write_cube(stored: StoredCube, folder: str | Path) -> Path:
    """Write a sealed cube as a folder (new, empty, or an earlier cube, which it replaces).

    The files are written into a folder beside it and put in place by renames at the end, so
    an interrupted or failed write leaves the earlier cube (or nothing) there, never a mix of
    two cubes' files."""
    if stored.lean:
        raise ValueError("a cube opened lean lacks columns the folder needs: open it whole")
    problems = check_sealed(stored.sealed)
    if problems:
        raise ValueError("only sealed cubes are written: " + "; ".join(problems))
    folder = writable_folder(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.partial-", dir=folder.parent))
    try:
        # A folder as mkdir makes one (mkdtemp's is its owner's alone): an app serving the
        # cube as another user had been unable to read it.
        partial.chmod(0o777 & ~_umask())
        _write_files(stored, partial)
        _replace(folder, partial)
    except BaseException:  # KeyboardInterrupt too: no half-written folder is left behind
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def _umask() -> int:
    """The process's umask (read by setting it, the only way, and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(folder: Path, partial: Path) -> None:
    """Put the written folder in place of an earlier cube (or of nothing)."""
    if not folder.exists():
        partial.rename(folder)
        return
    earlier = Path(tempfile.mkdtemp(prefix=f".{folder.name}.earlier-", dir=folder.parent))
    earlier.rmdir()
    folder.rename(earlier)
    try:
        partial.rename(folder)
    except BaseException:
        earlier.rename(folder)  # the earlier cube back where it was
        raise
    shutil.rmtree(earlier, ignore_errors=True)


def _write_files(stored: StoredCube, folder: Path) -> None:
    cube, dims = stored.cube, stored.cube.dimensions
    dims.units.write_parquet(folder / "units.parquet")
    stored.industries.write_parquet(folder / "industries.parquet")
    if stored.companies is not None:
        stored.companies.write_parquet(folder / "companies.parquet")
    _narrowed(cube.employee, EMPLOYEE_KEYS).write_parquet(folder / CELLS["staff"])
    _narrowed(cube.customer, CUSTOMER_KEYS).write_parquet(folder / CELLS["customers"])
    floors = stored.sealed.floors
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": stored.fingerprint,
        "floors": {"staff": floors.staff, "customers": floors.customers},
        "periods": list(dims.periods),
        "segments": list(dims.segments),
        "roles": list(dims.roles),
        "employee_items": list(cube.employee_items),
        "customer_items": list(cube.customer_items),
        "cells": {"staff": cube.employee.height, "customers": cube.customer.height},
        "company_panel": stored.companies is not None,  # a lost companies file is then seen
        "responses": {"staff": stored.responses[0], "customers": stored.responses[1]},
        "manifest": stored.manifest.model_dump(mode="json"),
        "theme_map": stored.theme_map.model_dump(mode="json"),
    }
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def open_cube(folder: str | Path, lean: bool = False) -> StoredCube:
    """Open a cube folder; raises DataError saying what is wrong with it.

    lean: read only what the engine serves from (counts, item sums, the staff theme scores'
    squares and the blocks), not the items' sums of squares. The whole folder is checked
    either way, the rest of it on disk in a streaming pass, so a deployment's app holds about
    half the cells it would otherwise, and only while its engine is built.
    """
    folder = Path(folder)
    meta = _meta(folder)
    try:
        floors = Floors(int(meta["floors"]["staff"]), int(meta["floors"]["customers"]))
        periods, segments, roles = (
            tuple(map(str, meta[k])) for k in ("periods", "segments", "roles")
        )
        employee_items = tuple(map(str, meta["employee_items"]))
        customer_items = tuple(map(str, meta["customer_items"]))
        manifest = Manifest.model_validate(meta["manifest"])
        theme_map = ThemeMap.model_validate(meta["theme_map"])
        fingerprint = str(meta["fingerprint"])
    except KeyError as exc:  # an older or hand-written cube.json
        raise DataError([Problem(META, f"not a valid cube description: no {exc}")]) from exc
    except (TypeError, ValueError, OverflowError, ValidationError) as exc:  # "Infinity", say
        raise DataError(
            [Problem(META, f"not a valid cube description: {first_line(exc)}")]
        ) from exc
    if not employee_items or not customer_items:
        raise DataError([Problem(META, "not a valid cube description: a side has no items")])

    units = _read(folder, "units.parquet")
    missing = [c for c in UNIT_COLUMNS if c not in units.columns]
    if missing:
        raise DataError([Problem("units.parquet", f"missing columns: {', '.join(missing)}")])
    blank = [c for c in ("unit_id", "company", "industry") if units[c].null_count()]
    if blank:
        raise DataError([Problem("units.parquet", f"empty values in: {', '.join(blank)}")])
    units = units.with_columns(pl.col("unit").cast(pl.UInt32))
    dims = Dimensions(units, periods, segments, roles)
    enums = {"role": roles, "segment": segments, "channel": CHANNELS}
    scores = tuple(m + SUMSQ for m in ex_metrics(theme_map))  # what reliability reads
    problems = []
    employee, customer = (
        _cells(folder, CELLS[side], keys, items, extra, enums, floor, lean, problems)
        for side, keys, items, extra, floor in (
            ("staff", EMPLOYEE_KEYS, employee_items, scores, floors.staff),
            ("customers", CUSTOMER_KEYS, customer_items, (), floors.customers),
        )
    )
    cells = meta.get("cells", {})
    for side, frame in (("staff", employee), ("customers", customer)):
        if isinstance(cells, dict) and side in cells and cells[side] != frame.height:
            problems.append(
                Problem(
                    CELLS[side],
                    f"{frame.height:,} cells where {META} says {cells[side]:,}: a damaged or "
                    "replaced file",
                )
            )
    for name, frame in ((CELLS["staff"], employee), (CELLS["customers"], customer)):
        if frame.height and (
            frame["unit"].max() >= units.height or frame["period"].max() >= len(periods)
        ):
            problems.append(Problem(name, "cells refer to units or periods the cube does not have"))
    if units.height and not units["unit"].equals(pl.Series("unit", range(units.height), pl.UInt32)):
        problems.append(Problem("units.parquet", "unit codes are not 0, 1, 2, ... in order"))
    sealed = Sealed(Cube(dims, employee, customer, employee_items, customer_items), floors)
    if problems:
        raise DataError(problems)
    panel = meta.get("company_panel")  # not said by cubes written before it was recorded
    companies = (
        _read(folder, "companies.parquet")
        if panel or (panel is None and (folder / "companies.parquet").is_file())
        else None
    )
    industries = _read(folder, "industries.parquet")
    if (
        not {"industry", "touch"} <= set(industries.columns)
        or set(units["industry"]) - set(industries["industry"])
        or not industries["touch"].is_in(TOUCH_CLASSES).all()
    ):
        raise DataError(
            [
                Problem(
                    "industries.parquet",
                    "every unit's industry needs one row here, with touch high or low",
                )
            ]
        )
    return StoredCube(sealed, industries, companies, theme_map, manifest, fingerprint, lean)


def _narrowed(cells: pl.DataFrame, keys: tuple[str, ...]) -> pl.DataFrame:
    """Counts and sums in the narrowest integer type that holds them (most fit 16 bits): a
    quarter of the bytes for the app to read when it opens the cube."""
    if cells.height == 0:
        return cells
    stats = [c for c in cells.columns if c not in (*keys, BLOCK)]
    largest = cells.select(pl.col(stats).abs().max()).row(0)
    return cells.with_columns(
        pl.col(c).cast(next(t for t, top in WIDTHS if (big or 0) <= top))
        for c, big in zip(stats, largest, strict=True)
    )


WIDTHS = ((pl.Int16, 2**15 - 1), (pl.Int32, 2**31 - 1), (pl.Int64, 2**63 - 1))


def _meta(folder: Path) -> dict:
    path = folder / META
    if not path.is_file():
        raise DataError([Problem(str(folder), f"not a cube folder: no {META}")])
    if path.stat().st_size > MAX_META:
        raise DataError([Problem(META, f"larger than {MAX_META // 1_000_000} MB")])
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:
        raise DataError([Problem(META, f"not valid JSON: {first_line(exc)}")]) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise DataError([Problem(META, f"not a cube description (format is not {FORMAT!r})")])
    if meta.get("version") != VERSION:
        raise DataError(
            [
                Problem(
                    META, f"cube format version {meta.get('version')!r}; this cxlib reads {VERSION}"
                )
            ]
        )
    return meta


def _read(folder: Path, name: str) -> pl.DataFrame:
    return _parquet(name, lambda: pl.read_parquet(folder / name))


def _parquet(name: str, read):
    """read() of one file of the folder; a missing or damaged file raises DataError naming it."""
    try:
        return read()
    except FileNotFoundError as exc:
        raise DataError([Problem(name, "missing file of the cube folder")]) from exc
    except Exception as exc:  # noqa: BLE001 - polars raises several kinds for a damaged file
        raise DataError([Problem(name, f"not a readable Parquet file: {first_line(exc)}")]) from exc


def _cells(folder, name, keys, items, extra, enums, floor, lean, problems) -> pl.DataFrame:
    """One side's cells, their keys coded in the cube's vocabulary (lean: the served columns
    only); what makes them unfit to serve added to problems, sums checked on disk."""
    scan = pl.scan_parquet(folder / name)
    columns = _parquet(name, lambda: scan.collect_schema().names())
    served = ["n", *(item + SUM for item in items), *extra]
    missing = [c for c in (*keys, *served, BLOCK) if c not in columns]
    if missing:
        raise DataError([Problem(name, f"missing columns: {', '.join(missing)}")])
    scan = scan.with_columns(
        pl.col("unit").cast(pl.UInt32),
        pl.col("period").cast(pl.UInt16),
        pl.col(BLOCK).cast(pl.UInt64),
        *(pl.col(k).cast(pl.String).cast(pl.Enum(enums[k])) for k in keys if k in enums),
    )
    if not lean:  # the canonical Int64 of a built cube (files keep the narrowest type)
        stats = [c for c in columns if c not in (*keys, BLOCK)]
        scan = scan.with_columns(pl.col(stats).cast(pl.Int64))
    try:
        frame = (scan.select(*keys, *served, BLOCK) if lean else scan).collect()
    except pl.exceptions.PolarsError as exc:
        raise DataError(
            [Problem(name, f"keys outside the cube's vocabulary: {first_line(exc)}")]
        ) from exc
    side = "staff" if "role" in keys else "customer"
    # One number per key (unit < 2^32, period < 2^16, atom < 2^6): hashing it costs a tenth
    # of hashing the key columns together.
    atom = staff_atom() if side == "staff" else customer_atom()
    place = pl.col("unit").cast(pl.Int64) * 2**22 + pl.col("period").cast(pl.Int64) * 2**6 + atom
    repeated = frame.height - frame.select(place.n_unique()).item()
    if repeated:  # a cell twice would be added twice, and the grid could not place it
        raise DataError(
            [Problem(name, f"cells repeat a key (unit, period and the rest): {repeated}")]
        )
    found = block_problems(side, frame, floor) + hidden_sums(side, pl.scan_parquet(folder / name))
    problems += [Problem(name, what) for what in found]
    return frame
