"""The Dataset object and the loaders: a folder (or uploaded files) in, a validated Dataset out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath

import polars as pl
from pydantic import ValidationError

from .contract import (
    COMPANIES,
    CUSTOMER_RESPONSES,
    EMPLOYEE_RESPONSES,
    FILE_FORMATS,
    INDUSTRIES,
    LINKAGE_TABLES,
    MANIFEST_FILE,
    TABLES,
    THEME_MAP,
    UNITS,
)
from .errors import DataError, Problem
from .models import Manifest, Theme, ThemeMap
from .readers import ROW, RawTable, read_table
from .validation import inconsistent_within, parse_table, unknown_references

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset: the company panel and/or the linkage study, one vocabulary."""

    manifest: Manifest
    industries: pl.DataFrame
    companies: pl.DataFrame | None
    units: pl.DataFrame | None
    employee: pl.DataFrame | None
    customer: pl.DataFrame | None
    theme_map: ThemeMap | None
    fingerprint: str
    """Hash of the input bytes: a small, stable cache key for everything derived from the data."""
    notes: tuple[str, ...] = ()

    @property
    def has_panel(self) -> bool:
        return self.companies is not None

    @property
    def has_linkage(self) -> bool:
        return self.units is not None

    @cached_property  # scans both response tables: once per dataset, not per caller
    def periods(self) -> tuple[str, ...]:
        """Survey periods of the linkage study in time order (they sort as text)."""
        if not self.has_linkage:
            return ()
        labels = [
            frame.select(pl.col("period").unique().cast(pl.String))
            for frame in (self.employee, self.customer)
        ]
        return tuple(pl.concat(labels).unique().sort("period").get_column("period").to_list())


Source = str | Path | Mapping[str, bytes]


def load_sample() -> Dataset:
    """The shipped synthetic sample (see docs/data.md for how it was made)."""
    return load_dataset(SAMPLE_DIR)


def load_dataset(source: Source) -> Dataset:
    """Load a folder of the documented files, or a mapping of file name to bytes (uploads).

    Raises DataError listing every problem found; nothing is returned half-loaded.
    """
    files = _collect(source)
    problems: list[Problem] = []
    notes: list[str] = []
    chosen = _choose_files(files, problems, notes)
    manifest = _manifest(files, source, problems)
    raws: dict[str, RawTable] = {}
    for table, file in chosen.items():
        raw = read_table(file, files[file])
        if isinstance(raw, Problem):
            problems.append(raw)
        else:
            raws[table] = raw
            notes += [f"{file}: {note}" for note in raw.notes]
    if problems:
        raise DataError(problems)

    theme_map = None
    if THEME_MAP.name in raws:
        theme_map = _theme_map(raws[THEME_MAP.name], problems)
    items = {
        EMPLOYEE_RESPONSES.name: theme_map.employee_items if theme_map else (),
        CUSTOMER_RESPONSES.name: theme_map.customer_items if theme_map else (),
    }
    frames: dict[str, pl.DataFrame] = {}
    for table in TABLES:
        if table.name in raws and table is not THEME_MAP:
            frame, found = parse_table(table, raws[table.name], items.get(table.name, ()))
            problems += found
            if frame is not None:
                frames[table.name] = frame
    if problems:
        raise DataError(problems)

    problems += _cross_checks(frames, raws)
    if problems:
        raise DataError(problems)
    if theme_map is not None:
        notes += _unused_columns(raws, theme_map)

    def final(name: str) -> pl.DataFrame | None:
        frame = frames.get(name)
        if frame is None:
            return None
        if name in (COMPANIES.name, UNITS.name) and "strategy" not in frame.columns:
            frame = frame.with_columns(strategy=pl.lit(None, dtype=pl.String))
        return frame.drop(ROW)

    return Dataset(
        manifest=manifest,
        industries=final(INDUSTRIES.name),
        companies=final(COMPANIES.name),
        units=final(UNITS.name),
        employee=final(EMPLOYEE_RESPONSES.name),
        customer=final(CUSTOMER_RESPONSES.name),
        theme_map=theme_map,
        fingerprint=_fingerprint(files),
        notes=tuple(notes),
    )


def _collect(source: Source) -> dict[str, bytes]:
    if isinstance(source, Mapping):
        return {PurePath(name).name: bytes(data) for name, data in source.items()}
    folder = Path(source)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), "no such folder")])
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _choose_files(
    files: Mapping[str, bytes], problems: list[Problem], notes: list[str]
) -> dict[str, str]:
    """Which file holds which table; missing, ambiguous and stray files become problems/notes."""
    chosen: dict[str, str] = {}
    claimed = {MANIFEST_FILE}
    for table in TABLES:
        candidates = sorted(
            name
            for name in files
            if PurePath(name).stem.lower() == table.name
            and PurePath(name).suffix.lower() in FILE_FORMATS
        )
        claimed.update(candidates)
        if len(candidates) > 1:
            problems.append(
                Problem(", ".join(candidates), f"more than one file for the table {table.name}")
            )
        elif candidates:
            chosen[table.name] = candidates[0]
    stray = sorted(set(files) - claimed)
    if stray:
        notes.append(f"ignored files that match no table: {', '.join(stray)}")

    expected = " or ".join(f"{{name}}{ext}" for ext in FILE_FORMATS)
    if INDUSTRIES.name not in chosen:
        problems.append(
            Problem(expected.format(name=INDUSTRIES.name), "missing file: industries are required")
        )
    linkage = [t for t in LINKAGE_TABLES if t in chosen]
    if linkage and len(linkage) < len(LINKAGE_TABLES):
        for table in LINKAGE_TABLES:
            if table not in chosen:
                problems.append(
                    Problem(
                        expected.format(name=table),
                        "missing file: the linkage study needs units, employee_responses, "
                        "customer_responses and theme_map together",
                    )
                )
    if COMPANIES.name not in chosen and not linkage:
        problems.append(
            Problem(
                expected.format(name=COMPANIES.name),
                "missing file: a dataset needs the company panel, the linkage study, or both",
            )
        )
    return chosen


def _manifest(files: Mapping[str, bytes], source: Source, problems: list[Problem]) -> Manifest:
    if MANIFEST_FILE not in files:
        name = "Uploaded data" if isinstance(source, Mapping) else Path(source).name
        return Manifest(name=name or "Dataset")
    try:
        return Manifest.model_validate(json.loads(files[MANIFEST_FILE].decode("utf-8-sig")))
    except (ValueError, ValidationError) as exc:
        problems.append(Problem(MANIFEST_FILE, f"not a valid manifest: {_first_line(exc)}"))
        return Manifest(name="Dataset")


def _theme_map(raw: RawTable, problems: list[Problem]) -> ThemeMap | None:
    frame, found = parse_table(THEME_MAP, raw)
    problems += found
    if frame is None:
        return None
    frame = frame.with_columns(pl.col("item").str.to_lowercase())
    if "question" not in frame.columns:
        frame = frame.with_columns(question=pl.col("item"))
    grouped = (
        frame.sort(ROW)
        .group_by("theme", maintain_order=True)
        .agg(
            pl.col("item").filter(pl.col("side") == "employee").alias("employee_items"),
            pl.col("item").filter(pl.col("side") == "customer").alias("customer_items"),
            pl.concat_list("item", pl.col("question").fill_null(pl.col("item"))).alias("q"),
        )
    )
    try:
        return ThemeMap(
            themes=tuple(
                Theme(
                    name=row["theme"],
                    employee_items=tuple(row["employee_items"]),
                    customer_items=tuple(row["customer_items"]),
                    questions=tuple((q[0], q[1]) for q in row["q"]),
                )
                for row in grouped.to_dicts()
            )
        )
    except ValidationError as exc:
        problems.append(Problem(raw.file, f"not a valid theme map: {_first_line(exc)}"))
        return None


def _cross_checks(frames: dict[str, pl.DataFrame], raws: dict[str, RawTable]) -> list[Problem]:
    references = [
        (COMPANIES.name, "industry", INDUSTRIES.name),
        (UNITS.name, "industry", INDUSTRIES.name),
        (EMPLOYEE_RESPONSES.name, "unit_id", UNITS.name),
        (CUSTOMER_RESPONSES.name, "unit_id", UNITS.name),
    ]
    found = [
        unknown_references(
            raws[name],
            frames[name],
            column,
            frames[ref],
            raws[ref].file,
        )
        for name, column, ref in references
        if name in frames
    ]
    consistency = [(COMPANIES.name, "company", "industry"), (UNITS.name, "company", "industry")]
    consistency += [(UNITS.name, "company", "strategy")]
    found += [
        inconsistent_within(raws[name], frames[name], group, column)
        for name, group, column in consistency
        if name in frames and column in frames[name].columns
    ]
    return [p for p in found if p is not None]


def _unused_columns(raws: dict[str, RawTable], theme_map: ThemeMap) -> list[str]:
    notes = []
    for table, items in (
        (EMPLOYEE_RESPONSES, theme_map.employee_items),
        (CUSTOMER_RESPONSES, theme_map.customer_items),
    ):
        known = {c.name for c in table.columns} | set(items) | {ROW}
        unused = [c for c in raws[table.name].frame.columns if c not in known]
        if unused:
            notes.append(
                f"{raws[table.name].file}: columns not in the theme map, not used: "
                + ", ".join(unused)
            )
    return notes


def _fingerprint(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
    return text.splitlines()[0] if text else type(exc).__name__
