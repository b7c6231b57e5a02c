"""Read one uploaded or on-disk file (CSV, Parquet, XLSX) into a polars frame of raw columns.

Text formats are read as strings so that types are parsed in one place (validation) with
row-precise messages, and so European exports (semicolons, decimal commas) need no guessing
from polars' schema inference.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

import polars as pl

from .errors import Problem

ROW = "__row"
"""Column holding each record's row number as the user would find it in the file."""

DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RawTable:
    file: str
    frame: pl.DataFrame
    row_label: str
    notes: tuple[str, ...] = ()


def read_table(file: str, data: bytes) -> RawTable | Problem:
    """Read a file by its extension; return the raw frame or the one problem that stops it."""
    suffix = PurePath(file).suffix.lower()
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        return Problem(file, "the file is empty")
    try:
        if suffix == ".csv":
            frame, notes = _read_csv(data)
            first_row = 2
        elif suffix == ".xlsx":
            frame, notes = pl.read_excel(io.BytesIO(data), infer_schema_length=0), ()
            first_row = 2
        elif suffix == ".parquet":
            frame, notes = pl.read_parquet(io.BytesIO(data)), ()
            first_row = 1
        else:
            return Problem(file, f"unsupported file type '{suffix}' (use .csv, .xlsx or .parquet)")
    except Exception as exc:  # every reader failure becomes a message, never a traceback
        kind = suffix.lstrip(".").upper()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Problem(file, f"could not be read as {kind}: {reason}")

    renamed = {c: _clean_name(c) for c in frame.columns}
    cleaned = list(renamed.values())
    repeated = sorted({c for c in cleaned if cleaned.count(c) > 1})
    if repeated:
        return Problem(file, f"column names appear more than once: {', '.join(repeated)}")
    if frame.height == 0:
        return Problem(file, "the file has a header but no data rows")
    frame = frame.rename(renamed).with_row_index(ROW, offset=first_row)
    label = "row" if suffix != ".parquet" else "record"
    return RawTable(file, frame, label, notes)


def _clean_name(name: str) -> str:
    return name.replace("\ufeff", "").strip().lower()


def _read_csv(data: bytes) -> tuple[pl.DataFrame, tuple[str, ...]]:
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; read it rather than refuse it.
        text = data.decode("cp1252", errors="replace")
        notes.append("not valid UTF-8; read as Windows-1252 (Excel's default on Windows)")
    separator = sniff_delimiter(text)
    if separator != ",":
        notes.append(f"columns separated by {separator!r}")
    frame = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        separator=separator,
        infer_schema=False,
        raise_if_empty=False,
    )
    return frame, tuple(notes)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line most often, quotes respected (comma on ties)."""
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))
