"""A survey tool's export, read as it comes: which tool wrote it, its header rows, each column's
question text, and the answers as text with the row numbers of the original file.

Formats (from each tool's documentation of its exports):
- Qualtrics CSV/TSV: three header rows: column ids (Q1_2), question text, {"ImportId": ...}.
- SurveyMonkey CSV/XLSX: two header rows: the question (once, over all its columns), then the
  sub-question or choice ("Response" for a single answer).
- Microsoft Forms XLSX: one header row: ID, Start time, Completion time, Email, Name, then one
  column per question, titled with its text.
- Google Forms CSV: one header row, Timestamp first; grid questions as "Question [Row]".
- Webropol and other spreadsheets: one header row of question texts.
- SPSS .sav: variable names, their labels (question text) and value labels (answers as words).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

import polars as pl

from .errors import DataError, Problem
from .isolated import ReaderError, read_isolated
from .limits import MAX_COLUMNS
from .readers import (
    ROW,
    UnreadableError,
    decode,
    read_xlsx,
    reader_problem,
    separator_line,
    skip_empty_rows,
    sniff_delimiter,
)
from .strings import TEXT

QUALTRICS, SURVEYMONKEY, FORMS, GOOGLE, SPREADSHEET, SPSS = (
    "Qualtrics",
    "SurveyMonkey",
    "Microsoft Forms",
    "Google Forms",
    "Spreadsheet (Webropol or similar)",
    "SPSS",
)
SURVEYMONKEY_MARKS = ("respondent id", "collector id")
FORMS_MARKS = ("id", "start time", "completion time")
GOOGLE_MARKS = ("timestamp", "aikaleima")
SINGLE_ANSWER = ("response", "open-ended response", "vastaus")
"""SurveyMonkey's second header row under a question with one answer column."""


@dataclass(frozen=True)
class ExportColumn:
    key: str
    """Unique name of the column in this export (the tool's id, else its header text)."""
    question: str
    """The question as asked (with the grid row or choice for a matrix column)."""


NUMBERED = re.compile(r" \(column (\d+)\)$")
"""The suffix _unique gives a repeated title."""


def shown_key(key: str) -> str:
    """A column's key as the reader reads it: a repeated title's place, '(column 15)', in the
    reader's language (the key itself stays as saved mappings hold it)."""
    return NUMBERED.sub(lambda m: " " + TEXT["import_numbered"].format(n=m.group(1)), key)


@dataclass(frozen=True)
class Export:
    file: str
    tool: str
    header_rows: int
    columns: tuple[ExportColumn, ...]
    frame: pl.DataFrame
    """Answers as text, one column per key, and ROW: each response's row in the original file."""
    notes: tuple[str, ...] = ()
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """SPSS: per column, code (as text) to the answer's words."""

    @property
    def responses(self) -> int:
        return self.frame.height

    def describe(self) -> str:
        """'Qualtrics export, 3 header rows, 1,204 responses'."""
        answered = "1 response" if self.responses == 1 else f"{self.responses:,} responses"
        if self.tool == SPSS:
            return f"SPSS data file, {len(self.columns)} variables, {answered}"
        rows = "1 header row" if self.header_rows == 1 else f"{self.header_rows} header rows"
        return f"{self.tool} export, {rows}, {answered}"

    @cached_property
    def keys(self) -> frozenset[str]:
        """The answer columns' keys (the frame also holds ROW)."""
        return frozenset(c.key for c in self.columns)

    def question(self, key: str) -> str:
        """A column's question; empty for a column the export does not have (a saved mapping's
        column renamed since)."""
        return next((c.question for c in self.columns if c.key == key), "")

    @cached_property
    def keyed_apart(self) -> bool:
        """Whether some column's key says more than its question (an export's ids, Q1, beside
        its texts); a title told apart by its column number only does not count, or a file
        with one repeated title had shown every question twice, in two columns."""
        return any(NUMBERED.sub("", c.key) != c.question for c in self.columns)


def read_export(file: str, data: bytes) -> Export:
    """Read one export; raise DataError with one clear Problem when it cannot be read."""
    suffix = PurePath(file).suffix.lower()
    if not data.strip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"):
        raise DataError([Problem(file, "the file is empty")])
    try:
        if suffix == ".sav":
            return _read_sav(file, data)
        if suffix in (".csv", ".tsv", ".txt"):
            grid, notes = _csv_grid(file, data)
        elif suffix == ".xlsx":
            grid, notes = _xlsx_grid(file, data), ()
        else:
            what = f"unsupported file type '{suffix}' (use .csv, .tsv, .xlsx or .sav)"
            raise DataError([Problem(file, what)])
    except UnreadableError as error:
        raise DataError([error.problem]) from None
    except DataError:
        raise
    except Exception as error:  # every reader failure becomes a message, never a traceback
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DataError([Problem(file, f"could not be read: {reason[:300]}")]) from None
    return _from_grid(file, grid, notes)


def _csv_grid(file: str, data: bytes) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """The file's cells as text, and what decoding it did (read as Windows-1252, say): the
    notes the Data page gives the same file."""
    text, notes = decode(data)
    hinted = separator_line(text)
    if hinted:  # Excel's 'sep=;' line, which it reads and does not show
        text = text[text.find("\n") + 1 :]
    separator = "\t" if file.lower().endswith(".tsv") else hinted or sniff_delimiter(text)
    grid = pl.read_csv(
        io.StringIO(text),
        separator=separator,
        has_header=False,
        infer_schema=False,
        truncate_ragged_lines=True,
        raise_if_empty=False,
    )
    return grid, tuple(notes)


def _xlsx_grid(file: str, data: bytes) -> pl.DataFrame:
    frame = read_xlsx(file, data, header=False)
    return frame.select(pl.all().cast(pl.String))


def _import_ids(row: list[str]) -> bool:
    return any(c.strip().startswith('{"ImportId"') for c in row)


def _tool(rows: list[list[str]]) -> tuple[str, int, str | None]:
    """Which tool wrote the grid, how many header rows it has, and a note when the header is
    not the tool's usual one (a row deleted in a spreadsheet)."""
    first = rows[0]
    lowered = [c.strip().lower() for c in first]
    if len(rows) > 2 and _import_ids(rows[2]):
        return QUALTRICS, 3, None
    if len(rows) > 1 and _import_ids(rows[1]):
        note = "Qualtrics header with 2 rows, not 3 (the question-text row is missing)"
        return QUALTRICS, 2, note
    if all(m in lowered for m in SURVEYMONKEY_MARKS):
        second = rows[1] if len(rows) > 1 else []
        respondent = lowered.index(SURVEYMONKEY_MARKS[0])
        if second and second[respondent].strip().isdigit():  # an answer row: one header row
            return SURVEYMONKEY, 1, "SurveyMonkey header with 1 row, not 2"
        return SURVEYMONKEY, 2, None
    if lowered[: len(FORMS_MARKS)] == list(FORMS_MARKS):
        return FORMS, 1, None
    if lowered and lowered[0] in GOOGLE_MARKS:
        return GOOGLE, 1, None
    return SPREADSHEET, 1, None


def _from_grid(file: str, grid: pl.DataFrame, notes: tuple[str, ...]) -> Export:
    if grid.width > MAX_COLUMNS:
        limit = f"the file has {grid.width:,} columns; an export may have at most {MAX_COLUMNS:,}"
        raise DataError([Problem(file, limit)])
    titles = _title_rows(grid)
    if titles:  # a title (and a blank line) above the header, as a report-style export has
        grid = grid.slice(titles)
        notes = (*notes, f"the header is on row {titles + 1}: the rows above it are not read")
    rows = grid.head(3).rows()
    row = [[("" if v is None else str(v)) for v in r] for r in rows]
    if not row:
        raise DataError([Problem(file, "the file has no rows")])
    tool, header_rows, unusual = _tool(row)
    if grid.height <= header_rows:
        what = f"the file has its header ({header_rows} rows for {tool}) but no responses"
        raise DataError([Problem(file, what)])
    if tool == QUALTRICS:
        keys, questions = row[0], row[1] if header_rows == 3 else row[0]
    elif tool == SURVEYMONKEY and header_rows == 2:
        keys, questions = _surveymonkey(row[0], row[1])
    else:
        keys = questions = row[0]
    keys = [k.replace("\ufeff", "").strip() for k in keys]
    blank = [i + 1 for i, k in enumerate(keys) if not k]
    found = list(notes) + ([unusual] if unusual else [])
    if blank:  # an untitled column: named by its place, never dropped
        keys = [k or f"Column {i + 1}" for i, k in enumerate(keys)]
        if len(blank) == 1:
            found.append(f"column {blank[0]} has no title; named by its place")
        else:
            listed = ", ".join(map(str, blank[:10]))
            found.append(f"columns {listed} have no title; named by place")
    keys, renamed = _unique(keys)
    if renamed:
        listing = ", ".join(f"'{k}'" for k in renamed[:10])
        found.append(f"titles used more than once, told apart by their column number: {listing}")
    frame = (
        grid.slice(header_rows)
        .rename(dict(zip(grid.columns, keys, strict=True)))
        .with_row_index(ROW, offset=titles + header_rows + 1)
        .with_columns(pl.col(keys).str.strip_chars())
    )
    frame, skipped = skip_empty_rows(frame)  # not responses: they had been counted as such
    found += skipped
    if frame.height == 0:
        what = f"the file has its header ({header_rows} rows for {tool}) but no responses"
        raise DataError([Problem(file, what)])
    columns = tuple(ExportColumn(k, (q or k).strip()) for k, q in zip(keys, questions, strict=True))
    return Export(file, tool, header_rows, columns, frame, tuple(found))


TITLE_CELLS = 3
"""A title row above the header holds at most this many cells (title, date, filter), and at
most a third of the header's."""


def _title_rows(grid: pl.DataFrame, looked_at: int = 10) -> int:
    """Rows above the header that are a report's title block (a title, a date, a blank line),
    where a later row of the first ten fills at least half the columns: the header. A title
    row had been read as the header, its columns named 'Column 2', 'Column 3', …; and a title
    of two cells ('Survey 2024' … 'Created 2.7.2024') still was. A SurveyMonkey header's first
    row (its metadata columns filled) is never a title."""
    if grid.width < 3:
        return 0
    filled = [
        sum(1 for v in r if v is not None and str(v).strip()) for r in grid.head(looked_at).rows()
    ]
    header = next((i for i, n in enumerate(filled) if n * 2 >= grid.width), 0)
    most = min(TITLE_CELLS, max(1, filled[header] // 3))
    return header if header and all(n <= most for n in filled[:header]) else 0


def _surveymonkey(questions: list[str], subs: list[str]) -> tuple[list[str], list[str]]:
    """SurveyMonkey writes a question once over all its columns: carried right, then joined
    with the sub-question or choice ("Question - Row")."""
    carried, last = [], ""
    for q in questions:
        last = q if q.strip() else last
        carried.append(last)
    texts = [
        q if not s.strip() or s.strip().lower() in SINGLE_ANSWER else f"{q} - {s}"
        for q, s in zip(carried, subs, strict=True)
    ]
    return texts, texts


def _unique(keys: list[str]) -> tuple[list[str], list[str]]:
    """Keys made unique by their column number where a title repeats, until none clashes: with
    another title ('Q' twice beside a 'Q (column 2)') or with the row column (ROW)."""
    counts = Counter(keys)
    repeated = [k for k, n in counts.items() if n > 1]
    out = list(keys)
    while clash := {k for k, n in Counter(out).items() if n > 1} | ({ROW} & set(out)):
        out = [f"{k} (column {i + 1})" if k in clash else k for i, k in enumerate(out)]
    return out, repeated


def _read_sav(file: str, data: bytes) -> Export:
    try:
        frame, meta = read_isolated("sav", data)
    except ReaderError as failed:
        raise DataError([reader_problem(file, "SPSS", failed)]) from None
    if frame.width > MAX_COLUMNS:
        limit = (
            f"the file has {frame.width:,} variables; an export may have at most {MAX_COLUMNS:,}"
        )
        raise DataError([Problem(file, limit)])
    if frame.height == 0:
        raise DataError([Problem(file, "the file has variables but no responses")])
    labels = {name: dict(pairs) for name, pairs in meta["labels"].items()}
    text = frame.select(
        pl.col(c).cast(pl.String).str.replace(r"\.0$", "")
        if frame[c].dtype.is_float()
        else pl.col(c).cast(pl.String)
        for c in frame.columns
    ).with_row_index(ROW, offset=1)
    names = meta["names"]
    columns = tuple(ExportColumn(c, (names.get(c) or c).strip()) for c in frame.columns)
    return Export(file, SPSS, 0, columns, text, (), labels)
