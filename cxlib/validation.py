"""Check raw tables against the data contract with polars expressions, never a loop over rows.

Each check yields Problems naming file, column, example rows and what is wrong; the caller
raises them together so an analyst can fix a file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .contract import SYNONYMS, Column, Table, item_column
from .errors import MAX_EXAMPLES, Problem
from .readers import ROW, RawTable

NUMERIC_KINDS = ("int", "float")


@dataclass(frozen=True)
class Parsed:
    """A table's typed columns (those present; bad values become null) and what is wrong."""

    frame: pl.DataFrame
    problems: list[Problem]
    bad_columns: frozenset[str]
    """Columns missing or holding bad values: checks across files skip them."""


def parse_table(table: Table, raw: RawTable, items: tuple[str, ...] = ()) -> Parsed:
    """Every problem of one file in one pass: missing columns do not hide bad values in others."""
    frame = raw.frame
    standard = {c.name for c in table.columns}
    missing = [c.name for c in table.columns if c.required and c.name not in frame.columns]
    odd = dict(raw.unreadable)
    problems = [
        Problem(raw.file, f"holds {odd[name]}, not text or numbers: store it as text", column=name)
        if name in odd
        else Problem(raw.file, f"missing column (the file has: {_listing(frame)})", column=name)
        for name in missing
    ]
    problems += [
        Problem(
            raw.file,
            "unknown theme item: theme_map names this item but the file has no such column",
            column=item,
        )
        for item in items
        if item not in frame.columns
    ]
    problems += [
        Problem(raw.file, "theme_map uses a standard column as a theme item", column=item)
        for item in items
        if item in standard
    ]
    columns = [c for c in table.columns if c.name in frame.columns]
    columns += [item_column(i) for i in items if i in frame.columns and i not in standard]
    numeric = [c for c in columns if c.kind in NUMERIC_KINDS]
    schema = frame.schema  # once: polars builds it anew on each call (quadratic in columns)
    plain = _plain_numbers(frame, [c.name for c in numeric], schema)
    parsed = frame.select(
        ROW,
        *(pl.col(c.name).alias(f"__raw_{c.name}") for c in columns),
        *(
            _number(c.name, schema[c.name], c.name in plain).alias(f"__num_{c.name}")
            for c in numeric
        ),
    ).with_columns(_parse(c).alias(c.name) for c in columns)
    checks = [check for c in columns for check in _checks(c, schema[c.name], c.name in plain)]
    flags = parsed.select(*(mask.alias(f"__flag{i}") for i, (_, _, mask) in enumerate(checks)))
    counts = flags.sum().row(0) if checks else ()
    bad = set(missing)
    for i, ((column, what, _), count) in enumerate(zip(checks, counts, strict=True)):
        if count:
            offending = parsed.filter(flags[f"__flag{i}"])
            problems.append(
                rows_problem(raw, offending, _raw_text(f"__raw_{column}"), column, what)
            )
            bad.add(column)

    if not bad & set(table.key) and set(table.key) <= set(frame.columns):
        key = pl.col(table.key[0]) if len(table.key) == 1 else pl.struct(list(table.key))
        # Hashes first, 8 bytes a row (a struct's rows take 3x the key's memory); only the
        # rows whose hashes repeat are compared exactly.
        maybe = parsed.filter(key.hash().is_duplicated())
        offending = maybe.filter(key.is_duplicated())
        if offending.height:
            what = "duplicate id" if len(table.key) == 1 else "duplicate key"
            shown = ", ".join(table.key)
            value = pl.concat_str(table.key, separator=" / ")
            what = f"{what}: the same {shown} appears on more than one row"
            problems.append(rows_problem(raw, offending, value, shown, what))
            bad |= set(table.key)
    typed = parsed.select(ROW, *(c.name for c in columns))
    return Parsed(typed, problems, frozenset(bad))


def _listing(frame: pl.DataFrame) -> str:
    names = [c for c in frame.columns if c != ROW]
    return ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")


def _raw_text(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String)


def _parse(column: Column) -> pl.Expr:
    """The typed value of a column, from its raw (and, for numbers, pre-parsed) form."""
    return parsed(column, pl.col(f"__raw_{column.name}"))


def parsed(column: Column, raw: pl.Expr) -> pl.Expr:
    """The typed value of a column from `raw` (for numbers, the pre-parsed `__num_` column):
    also how a warehouse build reads its cells' text keys, so both builds key cells alike."""
    if column.kind in NUMERIC_KINDS:
        value = pl.col(f"__num_{column.name}")
        if column.kind == "int":
            small = column.high is not None and column.high <= 127
            return value.round(0).cast(pl.Int8 if small else pl.Int32, strict=False)
        return value.cast(pl.Float64)
    text = raw.cast(pl.String).str.strip_chars()
    text = pl.when(text == "").then(None).otherwise(text)
    if column.kind == "id":
        # Spreadsheets turn numeric ids into floats: 1017 comes back as "1017.0".
        return text.str.replace(r"^(\d+)\.0+$", "$1")
    if column.kind == "category":
        normal = text.str.to_lowercase().str.replace_all(r"[\s_]+", "-")
        return normal.replace(SYNONYMS)
    return text


def _plain_numbers(frame: pl.DataFrame, names: list[str], schema: pl.Schema) -> set[str]:
    """Text columns whose every value reads as a number as it is: most exports. Only the others
    pay for trimming spaces and reading decimal commas (a second per million rows and column)."""
    text = [n for n in names if not schema[n].is_numeric()]
    if not text:
        return set()
    fails = frame.select(
        (pl.col(n).is_not_null() & pl.col(n).cast(pl.Float64, strict=False).is_null()).any()
        for n in text
    ).row(0)
    return {n for n, failed in zip(text, fails, strict=True) if not failed}


def _number(name: str, dtype: pl.DataType, plain: bool = False) -> pl.Expr:
    if dtype.is_integer():  # whole numbers as read: no float copy (24 MB per million rows)
        return pl.col(name)
    if dtype.is_numeric() or plain:
        value = pl.col(name).cast(pl.Float64)
    else:
        text = _raw_text(name).str.strip_chars().str.replace_all("[\u00a0 ]", "")
        # Decimal comma (Finnish and other European exports): "4,5" means 4.5.
        text = (
            pl.when(text.str.contains(",", literal=True) & ~text.str.contains(".", literal=True))
            .then(text.str.replace(",", ".", literal=True))
            .otherwise(text)
        )
        value = text.cast(pl.Float64, strict=False)
    return pl.when(value.is_nan()).then(None).otherwise(value)


def _checks(
    column: Column, dtype: pl.DataType, plain: bool = False
) -> list[tuple[str, str, pl.Expr]]:
    """(column, what is wrong, mask of offending rows) for one column. plain: a text column
    whose every value reads as a number (a number is present where it was read)."""
    name, raw = column.name, pl.col(f"__raw_{column.name}")
    if dtype.is_numeric():
        present = raw.is_not_null() & ~(raw.is_nan() if dtype.is_float() else pl.lit(False))
    elif plain:  # "nan" reads as NaN, which _number makes missing, as a blank would be
        present = pl.col(f"__num_{name}").is_not_null()
    else:
        blank = _raw_text(f"__raw_{name}").str.contains(r"^\s*(?i:nan)?\s*$")  # "", "  ", "NaN"
        present = blank.not_().fill_null(False)
    checks: list[tuple[str, str, pl.Expr]] = []
    if column.required:
        checks.append((name, "missing value", ~present))
    if column.kind in NUMERIC_KINDS:
        value = pl.col(f"__num_{name}")
        checks.append((name, "wrong type: not a number", present & value.is_null()))
        if column.kind == "int":
            fractional = (value - value.round(0)).abs() > 1e-9
            checks.append((name, "wrong type: not a whole number", fractional.fill_null(False)))
        if column.low is not None and column.high is not None:
            outside = (value < column.low) | (value > column.high)
            checks.append(
                (
                    name,
                    f"value out of range (allowed {column.range_text})",
                    outside.fill_null(False),
                )
            )
    if column.allowed:
        bad = pl.col(name).is_not_null() & ~pl.col(name).is_in(list(column.allowed))
        checks.append((name, f"unknown value (allowed: {column.range_text})", bad))
    return checks


def rows_problem(
    raw: RawTable, offending: pl.DataFrame, value: pl.Expr, column: str, what: str
) -> Problem:
    """A Problem for the offending rows: their count and the first few rows with their values."""
    examples = offending.sort(ROW).head(MAX_EXAMPLES).select(ROW, value.cast(pl.String).alias("v"))
    return Problem(
        raw.file,
        what,
        column=column,
        rows=tuple(examples.get_column(ROW).to_list()),
        values=tuple("" if v is None else v for v in examples.get_column("v").to_list()),
        count=offending.height,
        row_label=raw.row_label,
    )


def unknown_references(
    raw: RawTable, frame: pl.DataFrame, column: str, reference: pl.DataFrame, reference_file: str
) -> Problem | None:
    """Rows of frame whose column value does not appear in reference (e.g. unit_id not in units)."""
    orphans = frame.join(reference.select(column).unique(), on=column, how="anti")
    if orphans.height == 0:
        return None
    what = f"unknown {column} (not in {reference_file})"
    return rows_problem(raw, orphans, pl.col(column), column, what)


def inconsistent_within(
    raw: RawTable, frame: pl.DataFrame, group: str, column: str
) -> Problem | None:
    """Rows whose group (e.g. company) carries more than one value of column (e.g. industry)."""
    counts = frame.group_by(group).agg(pl.col(column).drop_nulls().n_unique().alias("__n"))
    bad = frame.join(counts.filter(pl.col("__n") > 1).select(group), on=group, how="semi")
    if bad.height == 0:
        return None
    value = pl.concat_str([group, column], separator=": ")
    return rows_problem(raw, bad, value, column, f"the same {group} has more than one {column}")
