"""Read one uploaded or on-disk file (CSV, Parquet, XLSX) into a polars frame of raw columns.

Text formats are read as strings so that types are parsed in one place (validation) with
row-precise messages, and so European exports (semicolons, decimal commas) need no guessing
from polars' schema inference. Whatever a file holds, reading ends in a frame or one Problem:
sizes are checked before anything large is built, and no reader error reaches the reader raw.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

import polars as pl

from .errors import Problem
from .isolated import READER_MEMORY, READER_SECONDS, ReaderError, read_isolated
from .limits import MAX_COLUMNS, MAX_UNZIPPED

COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an encrypted workbook (Excel wraps one in this older container) or an .xls file begins:
not a zip, so it had read "File is not a zip file"."""
ROW = "__row"
"""Column holding each record's row number as the user would find it in the file."""

DELIMITERS = (",", ";", "\t")
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
READABLE = (pl.String, pl.Categorical, pl.Enum, pl.Boolean, pl.Date, pl.Datetime, pl.Time, pl.Null)
"""Parquet column types besides numbers that validation can read as text."""


def _windows_1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (a file pasted together from an
    Excel export and a UTF-8 one keeps both its ö's)."""
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("cxlib-cp1252", _windows_1252)


@dataclass(frozen=True)
class RawTable:
    file: str
    frame: pl.DataFrame
    row_label: str
    notes: tuple[str, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()
    """(column, type) of columns holding neither text nor numbers (lists, structs, bytes): left
    out of the frame; validation says so if the contract needs one of them."""


def read_table(file: str, data: bytes, text: tuple[str, ...] = ()) -> RawTable | Problem:
    """Read a file by its extension; return the raw frame or the one problem that stops it.

    text: columns read as text whatever they hold (ids keep their leading zeros); a CSV's other
    columns are read as numbers where every value is one (8 bytes a cell instead of a string),
    else as text, so that validation can quote a bad value as it stands in the file.
    """
    suffix = PurePath(file).suffix.lower()
    if not data.strip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"):
        return Problem(file, "the file is empty")
    try:
        if suffix == ".csv":
            frame, notes = _read_csv(file, data, text)
            first_row = 2
        elif suffix == ".xlsx":
            frame, notes = read_workbook(file, data)
            first_row = 2
        elif suffix == ".parquet":
            frame, notes = _read_parquet(file, data), ()
            first_row = 1
            unreadable = tuple(
                (_clean_name(name), str(dtype))
                for name, dtype in frame.schema.items()
                if not _readable(dtype)
            )
            frame = frame.drop(name for name, dtype in frame.schema.items() if not _readable(dtype))
        else:
            return Problem(file, f"unsupported file type '{suffix}' (use .csv, .xlsx or .parquet)")
    except UnreadableError as problem:
        return problem.problem
    except Exception as exc:  # every reader failure becomes a message, never a traceback
        kind = suffix.lstrip(".").upper()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Problem(file, f"could not be read as {kind}: {reason[:300]}")

    renamed = {c: _clean_name(c) for c in frame.columns}
    repeated = sorted(name for name, n in Counter(renamed.values()).items() if n > 1)
    if repeated:
        return Problem(file, f"column names appear more than once: {', '.join(repeated[:20])}")
    if frame.height == 0:
        return Problem(file, "the file has a header but no data rows")
    frame = frame.rename(renamed).with_row_index(ROW, offset=first_row)
    label = "row" if suffix != ".parquet" else "record"
    frame, skipped = skip_empty_rows(frame, label)
    notes = (*notes, *skipped)
    if frame.height == 0:
        return Problem(file, "the file has a header but no data rows")
    return RawTable(file, frame, label, notes, unreadable if suffix == ".parquet" else ())


def skip_empty_rows(frame: pl.DataFrame, label: str = "row") -> tuple[pl.DataFrame, list[str]]:
    """The rows with something in them, and a note of the empty ones (a ';;;;' line that a
    spreadsheet leaves): they had been a missing value in every column, or a response left
    out for its missing answers. Row numbers (ROW) stay those of the file."""
    cells = [c for c in frame.columns if c != ROW]
    if not cells:
        return frame, []
    empty = pl.all_horizontal(
        pl.col(c).is_null() | (pl.col(c).cast(pl.String).str.strip_chars() == "") for c in cells
    )
    gone = frame.filter(empty)[ROW]
    if gone.len() == 0:
        return frame, []
    listed = ", ".join(str(r) for r in gone.head(10).to_list()) + (", …" if gone.len() > 10 else "")
    what = (
        f"skipped an empty {label} ({listed})"
        if gone.len() == 1
        else (f"skipped {gone.len():,} empty {label}s ({listed})")
    )
    return frame.filter(~empty), [what]


class UnreadableError(Exception):
    """A file too big (or too wide) to read; carries the Problem that says so."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _clean_name(name: str) -> str:
    return name.replace("\ufeff", "").strip().lower()


def _columns_checked(file: str, count: int) -> None:
    if count > MAX_COLUMNS:
        raise UnreadableError(
            Problem(
                file, f"the file has {count:,} columns; a table may have at most {MAX_COLUMNS:,}"
            )
        )


def _read_csv(
    file: str, data: bytes, text_columns: tuple[str, ...]
) -> tuple[pl.DataFrame, tuple[str, ...]]:
    if _utf8(data):  # most files: handed to polars as they are, with no copy as Python text
        text, notes, raw = data[: data.find(b"\n") + 1 or None].decode("utf-8-sig"), [], data
    else:
        text, notes = decode(data)
        raw = text.encode("utf-8")
    hinted = separator_line(text)
    if hinted:  # Excel's own line: it reads the delimiter from it and does not show it
        raw = raw[raw.find(b"\n") + 1 :] if b"\n" in raw else b""
        if not raw.strip():
            raise UnreadableError(Problem(file, "the file is empty"))
        text = raw[: raw.find(b"\n") + 1 or None].decode("utf-8", "replace")
    separator = hinted or sniff_delimiter(text)
    if separator != ",":
        notes.append(f"columns separated by {separator!r}")
    _columns_checked(file, _header(text).count(separator) + 1)
    header = pl.read_csv(io.BytesIO(raw), separator=separator, n_rows=0, infer_schema=False)
    as_text = {name: pl.String for name in header.columns if _clean_name(name) in text_columns}
    try:  # numbers as numbers where the whole column reads so
        frame = pl.read_csv(
            io.BytesIO(raw),
            separator=separator,
            schema_overrides=as_text,
            infer_schema_length=10_000,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:  # a value that is not a number: all text, as it stands
        frame = pl.read_csv(
            io.BytesIO(raw), separator=separator, infer_schema=False, raise_if_empty=False
        )
    # What polars took for dates or booleans goes back to text, as it stands in the file.
    back = [n for n, t in frame.schema.items() if not t.is_numeric() and t != pl.String]
    # Whole numbers in the smallest type that holds them: answers on a 1-5 or 0-10 scale in
    # one byte instead of eight (190 MB less for a 3M-row export of eight questions).
    whole = [n for n, t in frame.schema.items() if t == pl.Int64]
    narrowed = [frame.get_column(n).shrink_dtype() for n in whole]
    return frame.with_columns(*narrowed, pl.col(back).cast(pl.String)), tuple(notes)


def _utf8(data: bytes) -> bool:
    """Plain UTF-8 (a UTF-8 byte-order mark allowed) without NUL characters."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return False
    try:
        codecs.utf_8_decode(data, "strict", True)
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file: by its byte-order mark, else UTF-8, with bytes that are not UTF-8 read as
    Windows-1252 (Excel's default on Windows); NUL characters are dropped. Notes say what was
    done."""
    notes: list[str] = []
    for mark, encoding in BOMS:
        if data.startswith(mark):
            text = data[len(mark) :].decode(encoding, errors="cxlib-cp1252")
            if encoding != "utf-8":
                notes.append(f"read as {encoding.upper()} (its byte-order mark says so)")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            stray = data.decode("utf-8", errors="replace").count("\ufffd")
            # A few stray bytes in a UTF-8 file: read each as Windows-1252. A whole file of them:
            # read it all so (one call instead of a Python call per byte).
            text = data.decode("utf-8" if stray < 1000 else "cp1252", errors="cxlib-cp1252")
            notes.append("some characters are not UTF-8; read as Windows-1252 (Excel's default)")
    if "\x00" in text:
        notes.append(f"dropped {text.count(chr(0)):,} NUL characters (the file may be damaged)")
        text = text.replace("\x00", "")
    return text, notes


def _header(text: str) -> str:
    end = text.find("\n")
    return text if end < 0 else text[:end]


def read_xlsx(file: str, data: bytes, header: bool = True) -> pl.DataFrame:
    """The table of a workbook's first sheet with cells (read_workbook, without its notes)."""
    return read_workbook(file, data, header)[0]


def read_workbook(
    file: str, data: bytes, header: bool = True
) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """The table of a workbook's first sheet, or of the first with cells when it has none
    (said in a note). An XLSX is a zip: its parts are inflated (with a budget) before the
    spreadsheet reader sees them, so a small file that inflates to gigabytes is refused, not
    read; the reader itself runs in a child process (isolated.py), where a workbook that asks
    it for more memory than it is worth ends the child, not the server."""
    if data.startswith(COMPOUND_FILE):
        raise UnreadableError(
            Problem(
                file,
                "the workbook is password-protected, or an old Excel file (.xls): save it again "
                "as an .xlsx workbook without a password",
            )
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):  # a CSV saved as .xlsx: "File is not a zip file"
        raise UnreadableError(
            Problem(
                file,
                "the file is named .xlsx but is not an Excel workbook: if it is a CSV or text "
                "export, name it .csv",
            )
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        budget = MAX_UNZIPPED
        for member in archive.infolist():
            with archive.open(member) as part:
                while chunk := part.read(1 << 20):
                    budget -= len(chunk)
                    if budget < 0:
                        limit = f"{MAX_UNZIPPED // 1_000_000:,} MB"
                        raise UnreadableError(
                            Problem(file, f"the workbook unpacks to more than {limit}")
                        )
    try:
        frame, found = read_isolated("xlsx", data, header)
    except ReaderError as failed:
        raise UnreadableError(reader_problem(file, "XLSX", failed)) from None
    if not frame.width:
        raise UnreadableError(Problem(file, "the workbook has no cells: put the table on a sheet"))
    _columns_checked(file, frame.width)
    frame = _without_trailing_empty_rows(frame)
    notes = ()
    if found.get("sheet"):
        empty = ", ".join(f"'{name}'" for name in found["empty"])
        notes = (f"read the sheet '{found['sheet']}': the sheets before it are empty ({empty})",)
    return frame, notes


def _without_trailing_empty_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """A sheet's rows up to its last with a value: empty rows below the table (cells once
    formatted or cleared) are no part of it, and not worth a note as the empty rows within
    it are."""
    filled = ~pl.all_horizontal(
        pl.col(c).is_null() | (pl.col(c).cast(pl.String).str.strip_chars() == "")
        for c in frame.columns
    )
    last = frame.select(pl.arg_where(filled).max()).item()
    return frame.head(0 if last is None else last + 1)


def reader_problem(file: str, kind: str, failed: ReaderError) -> Problem:
    """Why a reading child (isolated.py) could not read a file, in words."""
    if failed.cause == "memory":
        mb = READER_MEMORY // 1_000_000
        return Problem(
            file,
            f"could not be read as {kind}: reading it needs more than {mb:,} MB of memory, "
            "far more than its size on disk (cells far from the data, or much repeated text)",
        )
    if failed.cause == "time":
        return Problem(
            file, f"could not be read as {kind}: reading it takes over {READER_SECONDS:.0f} s"
        )
    if failed.cause == "broke off":
        return Problem(
            file,
            f"could not be read as {kind}: the reader broke off on it (the file is damaged, "
            "or not what its name says)",
        )
    return Problem(file, f"could not be read as {kind}: {failed.detail}")


def _read_parquet(file: str, data: bytes) -> pl.DataFrame:
    _columns_checked(file, len(pl.read_parquet_schema(io.BytesIO(data))))
    return pl.read_parquet(io.BytesIO(data))


def _readable(dtype: pl.DataType) -> bool:
    """Numbers, or a type validation can read as text."""
    return dtype.is_numeric() or isinstance(dtype, READABLE)


SEPARATOR_LINE = re.compile(r'\ufeff?"?sep=(.)"?[ \t]*\r?(?:\n|$)', re.IGNORECASE)


def separator_line(text: str) -> str | None:
    """The delimiter a first line such as 'sep=;' names (Excel writes and reads it to say
    which delimiter a CSV uses), else None."""
    found = SEPARATOR_LINE.match(text)
    return found.group(1) if found else None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line most often, quotes respected (comma on ties)."""
    header = _header(text.lstrip("\ufeff"))
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))
