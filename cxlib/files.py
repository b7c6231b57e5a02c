"""Which files make a dataset: a folder or uploaded files in, each table's file named.

Missing, ambiguous and stray files become problems or notes; the manifest is read here too.
The fingerprint (a hash of every byte) is the small, stable cache key of everything derived.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path, PurePath

from pydantic import ValidationError

from .contract import (
    COMPANIES,
    FILE_FORMATS,
    INDUSTRIES,
    LINKAGE_TABLES,
    MANIFEST_FILE,
    TABLES,
    TABLES_BY_NAME,
)
from .errors import DataError, Problem
from .models import Manifest

Source = str | Path | Mapping[str, bytes]
MAX_MANIFEST = 64_000  # bytes: a manifest is a name, a description and a few settings


def collect(source: Source) -> dict[str, bytes]:
    if isinstance(source, Mapping):
        return {PurePath(name).name: bytes(data) for name, data in source.items()}
    folder = Path(source)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), "no such folder")])
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def table_of(name: str) -> str | None:
    """The table a file's name gives it ('Units.CSV': units), if its ending is one cxlib reads."""
    path = PurePath(name)
    stem = path.stem.lower()
    return stem if path.suffix.lower() in FILE_FORMATS and stem in TABLES_BY_NAME else None


def stray_files(files: Mapping[str, bytes]) -> list[str]:
    """The files no table reads (the manifest aside)."""
    return sorted(name for name in files if name != MANIFEST_FILE and table_of(name) is None)


def unread(files: Mapping[str, bytes]) -> list[Problem]:
    """Beside a failed load, each file no table read: a misnamed file ('toimialat.csv') or one
    of another kind is often why a table is missing."""
    names = ", ".join(table.name for table in TABLES)
    endings = ", ".join(FILE_FORMATS)
    return [
        Problem(
            name, f"not read: no table has this name (the tables: {names}; the endings: {endings})"
        )
        for name in stray_files(files)
    ]


def choose_files(
    files: Mapping[str, bytes], problems: list[Problem], notes: list[str]
) -> dict[str, str]:
    """Which file holds which table; missing, ambiguous and stray files become problems/notes."""
    chosen: dict[str, str] = {}
    for table in TABLES:
        candidates = sorted(name for name in files if table_of(name) == table.name)
        if len(candidates) > 1:
            problems.append(
                Problem(", ".join(candidates), f"more than one file for the table {table.name}")
            )
        elif candidates:
            chosen[table.name] = candidates[0]
    stray = stray_files(files)
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


UNNAMED = Manifest(name="Dataset", name_fi="Aineisto")
"""The manifest of a dataset whose own cannot be read, or that has none and no folder name."""


def read_manifest(files: Mapping[str, bytes], source: Source, problems: list[Problem]) -> Manifest:
    if MANIFEST_FILE not in files:
        if isinstance(source, Mapping):
            return Manifest(name="Uploaded data", name_fi="Ladattu aineisto")
        folder = Path(source).name  # a folder's name reads the same in both languages
        return Manifest(name=folder) if folder else UNNAMED
    if len(files[MANIFEST_FILE]) > MAX_MANIFEST:
        problems.append(Problem(MANIFEST_FILE, f"larger than {MAX_MANIFEST // 1000} KB"))
        return UNNAMED
    try:
        return Manifest.model_validate(json.loads(files[MANIFEST_FILE].decode("utf-8-sig")))
    except (ValueError, ValidationError, RecursionError) as exc:  # nested 100,000 deep: Recursion
        problems.append(Problem(MANIFEST_FILE, f"not a valid manifest: {first_line(exc)}"))
        return UNNAMED


def fingerprint(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


def first_line(exc: Exception) -> str:
    text = str(exc).strip()
    if isinstance(exc, ValidationError):
        return "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
    return text.splitlines()[0] if text else type(exc).__name__
