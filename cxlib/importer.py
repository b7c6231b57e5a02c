"""Two survey exports and a mapping in, a validated Dataset out: the documented tables built
from the exports, checked by the same validation as uploaded files, with every problem
pointing at the row of the original export.

    data = cxlib.import_exports("staff.csv", "customers.xlsx", "mapping.json")
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from . import design_kit
from .contract import (
    CUSTOMER_RESPONSES,
    EMPLOYEE_RESPONSES,
    INDUSTRIES,
    OUTCOMES,
    THEME_MAP,
    UNITS,
)
from .dataset import Dataset, from_tables
from .errors import DataError, Problem
from .exports import Export, read_export
from .files import fingerprint, first_line
from .likert import apply, numeral
from .limits import MAX_MAPPING_BYTES
from .mapping import (
    CONTEXT,
    DEFAULTS_FI,
    ImportMapping,
    ItemMapping,
    SideMapping,
    Source,
    suggest,
)
from .models import Manifest
from .problems_fi import translate
from .readers import ROW, RawTable, decode, read_table

ITEM_SCALE = (1, 5)
OUTCOME_SCALE = (0, 10)
NOT_GIVEN = "–"
"""A unit's region when no units list says it."""
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",  # fractions of a second, and ISO's Z for UTC (API exports)
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
    "%Y-%m-%d",
    "%m/%d/%y %H:%M:%S",  # two-digit years first: %Y would read "24" as the year 24
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d.%m.%y %H.%M.%S",  # Finnish, two-digit years first for the same reason
    "%d.%m.%y %H.%M",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y %H.%M",  # Finnish spreadsheets write times with a dot and often no seconds
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y klo %H.%M",  # '17.3.2024 klo 14.05', as Finnish tools write a time too
    "%d.%m.%Y klo %H:%M",
    "%d.%m.%Y",
)
"""Dates as Qualtrics, SurveyMonkey, Forms, Google Forms (US) and Finnish exports write them."""

Input = Export | str | Path | tuple[str, bytes]


@dataclass(frozen=True)
class Imported:
    """What an import made: the tables in the documented layout (for the preview) and the
    Dataset, or the problems that stop it."""

    staff: Export
    customers: Export
    mapping: ImportMapping
    tables: dict[str, pl.DataFrame]
    problems: tuple[Problem, ...]
    dataset: Dataset | None
    notes: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    """The notes that change what the analysis rests on (responses left out, units named two
    ways or in one export only): said before the data is used, not beside it."""


def import_exports(
    staff: Input,
    customers: Input,
    mapping: ImportMapping | str | Path | None = None,
    units: str | Path | tuple[str, bytes] | None = None,
) -> Dataset:
    """Import a staff export and a customer export by a mapping (a model, its JSON text or a
    JSON file; None: the suggested mapping). Raises DataError listing every problem."""
    result = build(_export(staff), _export(customers), _mapping(mapping), _units(units))
    if result.dataset is None:
        raise DataError(list(result.problems))
    return result.dataset


def build(
    staff: Export,
    customers: Export,
    mapping: ImportMapping | None = None,
    units: tuple[str, bytes] | None = None,
) -> Imported:
    """The import as the app's preview needs it: tables, problems and (when clean) a Dataset."""
    mapping, spelled = one_spelling(mapping or suggest(staff, customers))
    problems: list[Problem] = []
    tables: dict[str, pl.DataFrame] = {}
    raws: dict[str, RawTable] = {}
    theme_rows: list[dict] = []
    sources: dict[str, dict[str, str]] = {}
    notes = [f"{e.file}: {n}" for e in (staff, customers) for n in e.notes] + spelled
    cautions: list[str] = []
    for side, export, table in (
        ("staff", staff, EMPLOYEE_RESPONSES),
        ("customers", customers, CUSTOMER_RESPONSES),
    ):
        frame, themes = _responses(export, mapping.side(side), side, problems)
        items = {t["item"]: t["column"] for t in themes}  # the export's column of each code
        sources[export.file] = _export_columns(mapping.side(side), items)
        # Named as the mapping step's table shows them: an SPSS or Qualtrics id alone
        # ('cx_care_1') had said nothing to a reader who sees the questions.
        shown = {
            code: f"{export.question(column)} ({column})" if export.keyed_apart else column
            for code, column in items.items()
        }
        one_short = one_question_short(frame, shown)
        frame, left_out = complete_responses(frame, list(items), side)
        cautions += [f"{export.file}: {n}" for n in (left_out, one_short) if n]
        raws[table.name] = RawTable(export.file, frame, "row")
        theme_rows += themes
    given = _units_file(units, problems)
    listed = _unit_names(given.frame) if given else set()
    respelled = one_unit_spelling(raws, listed)
    cautions += respelled + unit_notes(raws) + period_notes(raws) + short_scales(mapping.customers)
    notes += cautions
    if not problems:
        problems += unlinked(raws)
    raws[THEME_MAP.name] = RawTable(
        "theme map (from the mapping)",
        pl.DataFrame(
            theme_rows, schema=["theme", "side", "item", "question"], orient="row"
        ).with_row_index(ROW, offset=1),
        "row",
    )
    raws[UNITS.name] = given or _unit_table(raws, mapping)
    raws[INDUSTRIES.name] = RawTable(
        "industries (from the mapping)",
        pl.DataFrame(
            list(({mapping.industry: mapping.touch} | mapping.industries).items()),
            schema=["industry", "touch"],
            orient="row",
        ).with_row_index(ROW, offset=1),
        "row",
    )
    tables = {name: raw.frame.drop(ROW) for name, raw in raws.items()}

    def imported(found: list[Problem] | tuple[Problem, ...], dataset: Dataset | None) -> Imported:
        said = (tuple(notes), tuple(cautions))
        return Imported(staff, customers, mapping, tables, tuple(found), dataset, *said)

    if problems:
        return imported(problems, None)
    manifest = Manifest(
        name=f"{mapping.company}: {Path(staff.file).name} + {Path(customers.file).name}",
        description=f"Imported: {staff.describe()}; {customers.describe()}.",
        # The Data page of a Finnish reader had read "Imported: Spreadsheet ... 2,657 responses".
        description_fi=f"Tuotu: {translate(staff.describe(), notes=True)}; "
        f"{translate(customers.describe(), notes=True)}.",
        names_fi=_kit_words(theme_rows) + DEFAULTS_FI,  # the kit's words in Finnish too
    )
    key = fingerprint(
        {
            "staff": staff.frame.hash_rows().to_numpy().tobytes(),
            "customers": customers.frame.hash_rows().to_numpy().tobytes(),
            "mapping": mapping.to_json().encode(),
        }
    )
    try:
        dataset = from_tables(raws, manifest, key, notes=notes)
    except DataError as error:
        found = tuple(_in_export_terms(p, sources) for p in error.problems)
        return imported(found, None)
    return imported((), dataset)


def _export_columns(side: SideMapping, items: dict[str, str]) -> dict[str, str]:
    """The export's column behind each column of the documented layout that one came from."""
    context = {
        "unit_id" if field == "unit" else field: source.column
        for field, source in side.context.items()
        if source.column
    }
    ids = {"response_id": side.response_id} if side.response_id else {}
    outcomes = {i.use: i.column for i in side.items if i.use in OUTCOMES}
    return context | ids | outcomes | items


def _in_export_terms(problem: Problem, sources: dict[str, dict[str, str]]) -> Problem:
    """A validation problem named by the export's column ('Henkilöstöryhmä'), not by the
    documented layout's ('role'), which the reader never saw."""
    column = sources.get(problem.file, {}).get(problem.column or "")
    return replace(problem, column=column) if column else problem


def _export(source: Input) -> Export:
    if isinstance(source, Export):
        return source
    if isinstance(source, tuple):
        return read_export(*source)
    path = Path(source)
    return read_export(path.name, path.read_bytes())


def _mapping(source: ImportMapping | str | Path | None) -> ImportMapping | None:
    if source is None or isinstance(source, ImportMapping):
        return source
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return read_mapping(source)
    return read_mapping(Path(source).read_bytes())  # decoded as an editor may have saved it


def read_mapping(saved: str | bytes) -> ImportMapping:
    """A saved mapping back from its JSON (as bytes: in UTF-8, UTF-16 or Windows-1252, as an
    editor may save it again); DataError says what is wrong with it."""
    if len(saved) > MAX_MAPPING_BYTES:  # 60 MB of JSON took 3.5 GB and 30 s to be read
        raise DataError([Problem("mapping", f"larger than {MAX_MAPPING_BYTES // 1_000_000} MB")])
    text = decode(saved)[0] if isinstance(saved, bytes) else saved
    try:
        data = json.loads(text)
        json.dumps(data, ensure_ascii=False).encode()  # "\ud800" parses, but is no character
        if isinstance(data, dict) and data.get("version") not in (None, 1):
            what = f"mapping version {data.get('version')!r}; this version of the app reads 1"
            raise DataError([Problem("mapping", what)])
        return ImportMapping.model_validate(data)
    except (ValueError, ValidationError, RecursionError) as error:
        raise DataError([Problem("mapping", f"not a valid mapping: {first_line(error)}")]) from None


def _units(source: str | Path | tuple[str, bytes] | None) -> tuple[str, bytes] | None:
    if source is None or isinstance(source, tuple):
        return source
    path = Path(source)
    return path.name, path.read_bytes()


def _context(export: Export, source: Source, field: str, problems: list[Problem]) -> pl.Expr:
    if source.column and source.column not in export.keys:
        problems.append(
            Problem(
                export.file,
                f"the mapping takes {field} from a column the export does not have",
                column=source.column,
            )
        )
        return pl.lit(None, dtype=pl.String)
    if source.column and source.from_date:
        _unread_dates(export, source.column, problems)
        return quarter(pl.col(source.column))
    if source.column:
        # SPSS codes read as their value labels (roles '1' and '2' had been the roles), each
        # then as the mapping says (a channel's word); a mapping keyed by the code still holds.
        labels = export.value_labels.get(source.column, {})
        table = {code: source.values.get(word, word) for code, word in labels.items()}
        table |= source.values
        return pl.col(source.column).replace(table) if table else pl.col(source.column)
    if source.value:
        return pl.lit(source.value)
    problems.append(
        Problem(
            export.file,
            f"the mapping does not say where {field} comes from: pick a column, or give one "
            "value for the whole file",
        )
    )
    return pl.lit(None, dtype=pl.String)


def quarter(column: pl.Expr) -> pl.Expr:
    """The quarter (2024-Q3) of a date written in any of the exports' formats."""
    read = (column.str.strptime(pl.Datetime, f, strict=False) for f in DATE_FORMATS)
    # A year before 1900 is a format read wrongly ("8.1.24" as the year 24), not a survey date:
    # left unread, it is said with its rows instead of making a period of its own.
    dates = pl.coalesce(pl.when(d.dt.year() >= 1900).then(d) for d in read)
    return pl.format("{}-Q{}", dates.dt.year(), dates.dt.quarter())


UNREAD_DATES = (
    "dates the importer cannot read (it reads dates such as 2024-03-31, 3/31/2024 and "
    "31.3.2024, with or without a time): correct them, or take the period from another column"
)


def _unread_dates(export: Export, column: str, problems: list[Problem]) -> None:
    """Dates no format reads: said with their rows as written. Left to validation they were a
    missing period, quoted as '' and nothing said of the date."""
    values = pl.col(column)
    written = values.is_not_null() & (values.str.strip_chars() != "")
    bad = export.frame.select(ROW, column).filter(written & quarter(values).is_null())
    if bad.height:
        problems.append(Problem(export.file, UNREAD_DATES, **_examples(bad, column)))


def _theme_key(theme: str) -> str:
    """What makes two spellings one theme: the slug, a kit theme's Finnish name standing for
    its English one ('Esihenkilön tuki' typed beside the suggested 'Supervisor support')."""
    kit = design_kit.theme_by_name(theme.strip())
    return slug(kit.name if kit else theme)


def _kit_words(theme_rows: list[dict]) -> tuple[tuple[str, str], ...]:
    """The design kit's Finnish word for each kit theme the import names in English."""
    named = dict.fromkeys(r["theme"] for r in theme_rows)
    kit = (design_kit.theme_by_name(name) for name in named)
    return tuple((t.name, t.name_fi) for t in kit if t and t.name in named and t.name_fi != t.name)


def _canonical(written: list[str]) -> str:
    """The spelling a theme is kept under: a kit theme's own name where one of them is it (its
    Finnish name is then shown to Finnish readers), else the first."""
    kit = design_kit.theme_by_name(written[0])
    return kit.name if kit and kit.name in written else written[0]


def one_spelling(mapping: ImportMapping) -> tuple[ImportMapping, list[str]]:
    """Themes written in more than one way ("Well-being", "well being"; a kit theme in English
    and in Finnish) read as one, under the first spelling (or the kit's own name where it is
    one of them), with a note: two would be two themes a chart cannot tell apart, and would
    give their items the same code."""
    spellings: dict[str, list[str]] = {}
    items = [i for side in (mapping.staff, mapping.customers) for i in side.items]
    for item in items:
        if item.use == "item" and item.theme.strip():
            spellings.setdefault(_theme_key(item.theme), []).append(item.theme.strip())
    first = {key: _canonical(written) for key, written in spellings.items()}
    spelled = {
        i.theme.strip(): first[_theme_key(i.theme)]
        for i in items
        if i.use == "item" and i.theme.strip() and first[_theme_key(i.theme)] != i.theme.strip()
    }
    if not spelled:
        return mapping, []

    def respelled(side: SideMapping) -> SideMapping:
        items = tuple(
            i.model_copy(update={"theme": spelled[i.theme.strip()]})
            if i.use == "item" and i.theme.strip() in spelled
            else i
            for i in side.items
        )
        return side.model_copy(update={"items": items})

    listed = ", ".join(f"'{a}' → '{b}'" for a, b in spelled.items())
    note = f"themes written in more than one way are read as one: {listed}"
    both = {"staff": respelled(mapping.staff), "customers": respelled(mapping.customers)}
    return mapping.model_copy(update=both), [note]


def slug(theme: str) -> str:
    return re.sub(r"\W+", "_", theme.strip().lower()).strip("_") or "theme"


def _responses(
    export: Export, side: SideMapping, name: str, problems: list[Problem]
) -> tuple[pl.DataFrame, list[dict]]:
    """One side's responses in the contract's columns, with ROW from the export."""
    table = EMPLOYEE_RESPONSES if name == "staff" else CUSTOMER_RESPONSES
    if side.response_id and side.response_id not in export.keys:
        what = "the mapping takes response ids from a column the export does not have"
        problems.append(Problem(export.file, what, column=side.response_id))
        side = side.model_copy(update={"response_id": None})
    response_id = (
        pl.col(side.response_id).cast(pl.String)
        if side.response_id
        else pl.format(("E" if name == "staff" else "C") + "{}", pl.col(ROW))
    )
    columns = [response_id.alias(table.columns[0].name)]
    for field in CONTEXT[name]:
        source = side.context.get(field, Source())
        target = "unit_id" if field == "unit" else field
        columns.append(_context(export, source, field, problems).alias(target))
    themes: list[dict] = []
    per_theme: dict[str, int] = {}
    outcomes: set[str] = set()
    for item in side.items:
        if item.use == "not used":
            continue
        if item.column not in export.keys:
            what = "the mapping names a column the export does not have"
            problems.append(Problem(export.file, what, column=item.column))
            continue
        _unknown_answers(export, item.column, item.answers, problems)
        what = _misfit(item, name, outcomes)
        if what:
            problems.append(Problem(export.file, what, column=item.column))
            continue
        if item.use != "item":
            outcomes.add(item.use)
            columns.append(apply(pl.col(item.column), item.answers, None).alias(item.use))
            continue
        per_theme[item.theme] = per_theme.get(item.theme, 0) + 1
        code = item_code(item.theme, name, per_theme[item.theme])
        reverse = ITEM_SCALE if item.reverse else None
        columns.append(apply(pl.col(item.column), item.answers, reverse).alias(code))
        themes.append(
            {
                "theme": item.theme.strip(),
                "side": "employee" if name == "staff" else "customer",
                "item": code,
                "question": export.question(item.column),
                "column": item.column,  # for problems only: the theme map has no such column
            }
        )
    if not themes:
        problems.append(
            Problem(
                export.file,
                "no column is mapped as a theme item: give each statement the theme it measures",
            )
        )
    if name == "customers":
        problems += [
            Problem(
                export.file,
                f"no column is mapped as '{outcome}' (0–10): every customer is asked it; "
                "map the question that asks it",
            )
            for outcome in OUTCOMES
            if outcome not in outcomes
        ]
    return export.frame.select(pl.col(ROW), *columns), themes


def one_question_short(frame: pl.DataFrame, columns: dict[str, str], shown: int = 3) -> str | None:
    """Which questions alone cost the most responses, and how many each: a response left out
    for one question only is kept if that question is marked not used (a reader had lost 45%
    of the staff to a few 'don't know's, with nothing to say where). `columns`: the export's
    column of each item code; a missing outcome counts as a question short, never as one to
    drop (every customer is asked them)."""
    if not columns:
        return None
    asked = [*columns, *(o for o in OUTCOMES if o in frame.columns)]
    missing = pl.sum_horizontal(pl.col(c).is_null() for c in asked)
    alone = frame.filter(missing == 1).select(
        pl.col(c).is_null().sum().alias(columns[c]) for c in columns
    )
    counts = sorted(
        ((n, column) for column, n in alone.row(0, named=True).items() if n),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if not counts:
        return None
    listed = ", ".join(f"'{column}' {n:,}" for n, column in counts[:shown])
    return f"responses left out for one question only, kept if it is marked not used: {listed}"


def complete_responses(
    frame: pl.DataFrame, items: list[str], side: str
) -> tuple[pl.DataFrame, str | None]:
    """Responses with every theme item (and outcome) answered, and a note of how many were
    left out. The engine's means divide by the responses of a group, so an item left as
    "don't know" cannot stay in; leaving the response out keeps every mean exact and is said."""
    numbers = [*items, *(o for o in OUTCOMES if o in frame.columns)]
    if not numbers:
        return frame, None
    complete = frame.filter(pl.all_horizontal(pl.col(numbers).is_not_null()))
    dropped = frame.height - complete.height
    if not dropped:
        return frame, None
    who = "staff" if side == "staff" else "customer"  # each reads as its own Finnish note
    return complete, (
        f"{dropped:,} of {frame.height:,} {who} responses left out: 'don't know' or no answer "
        "on a theme item or outcome (the means here need every item answered)"
    )


def _misfit(item: ItemMapping, side: str, outcomes: set[str]) -> str | None:
    """Why a column cannot be used as mapped, or None."""
    low, high = item.scale
    if item.use == "item":
        if not item.theme.strip():
            return "a theme item needs its theme (or mark it not used)"
        if tuple(item.scale) != ITEM_SCALE:
            return (
                f"a theme item on a {low}–{high} scale: theme items are answered on 1–5 "
                "(mark it not used, or recode it in the survey tool)"
            )
        return None
    if side == "staff":
        return f"'{item.use}' is a customer outcome, not a staff question"
    if item.use in outcomes:
        return f"'{item.use}' is asked once: another column is already mapped to it"
    if tuple(item.scale) != OUTCOME_SCALE:
        # What to do, not only what is wrong: an analyst with a 1–5 satisfaction question had
        # found no way on (a 1–5 CSAT is common; its words can be numbered 0 to 10).
        return (
            f"'{item.use}' is rated 0–10, this column {low}–{high}: number its answers from 0 "
            "to 10 under 'How answers read as numbers' (the lowest 0, the highest 10)"
        )
    return None


def item_code(theme: str, side: str, n: int) -> str:
    """The column name of a theme's n-th item, as the design kit names them."""
    if side == "staff":
        return f"ex_{slug(theme)}_{n}"
    return f"cx_{slug(theme)}" + (f"_{n}" if n > 1 else "")


def _unknown_answers(export: Export, column: str, answers: dict, problems: list[Problem]) -> None:
    """Answers the mapping's table does not know: said with their rows, never made missing."""
    if not answers:
        return
    values = pl.col(column)
    bad = export.frame.select(ROW, column).filter(  # the two columns first: exports are wide
        values.is_not_null() & (values.str.strip_chars() != "") & ~values.is_in(list(answers))
    )
    if bad.height:
        labels = export.value_labels.get(column, {})
        problems.append(
            Problem(
                export.file,
                "answers the mapping cannot turn into numbers (add them to its answer table, "
                "as a number or as no answer)",
                **_examples(bad, column, lambda v: labels.get(v, v)),
            )
        )


def _examples(bad: pl.DataFrame, column: str, shown_as=lambda value: value) -> dict:
    """A Problem's column, count and first five rows of an export's offending rows (ROW and
    column), their values as written (or as `shown_as` words them)."""
    shown = bad.head(5)
    return {
        "column": column,
        "rows": tuple(shown[ROW].to_list()),
        "values": tuple(shown_as(v) for v in shown[column].to_list()),
        "count": bad.height,
    }


def unlinked(raws: dict[str, RawTable]) -> list[Problem]:
    """A problem when no unit has staff and customer answers in the same period: the import
    had passed every check and then every page was empty, blaming privacy (a staff export's
    period typed as 'kevät 2024' against the customers' '2024-Q1')."""
    keys = ["unit_id", "period"]
    staff, customers = (
        raws[table.name]
        .frame.select(pl.col(k).cast(pl.String).str.strip_chars() for k in keys)
        .drop_nulls()
        .unique()
        for table in (EMPLOYEE_RESPONSES, CUSTOMER_RESPONSES)
    )
    if not staff.height or not customers.height or staff.join(customers, on=keys).height:
        return []

    def periods(frame: pl.DataFrame) -> str:
        named = frame.get_column("period").unique().sort().to_list()
        return ", ".join(f"'{p}'" for p in named[:6]) + (", …" if len(named) > 6 else "")

    if staff.join(customers, on="unit_id").height:  # the units meet, their periods do not
        return [
            Problem(
                "the two exports",
                "no unit has staff and customer answers in the same period, so nothing links "
                f"them (staff periods: {periods(staff)}; customer periods: {periods(customers)})"
                ": name the periods the same way in both, e.g. 2024-Q1",
            )
        ]
    return [
        Problem(
            "the two exports",
            "no unit is named in both exports, so nothing links them: check the unit columns",
        )
    ]


def _spelling_key(unit: pl.Expr) -> pl.Expr:
    """A unit name as its spellings share it: case and runs of spaces aside."""
    return unit.str.strip_chars().str.to_lowercase().str.replace_all(r"\s+", " ")


def one_unit_spelling(raws: dict[str, RawTable], listed: set[str]) -> list[str]:
    """Units written in ways that differ only in case or spaces ('Helsinki keskusta', 'helsinki
    Keskusta ') read as one, in both exports, under the spelling the units list gives, else the
    one most responses use; said in a note. Free-typed units are written so, and each spelling
    had been a unit of its own: five staff with no customers, out of every result, until the
    reader edited the export. Where the units list names two of the spellings, they are its
    units and stay apart (unit_notes says so)."""
    sides = [t.name for t in (EMPLOYEE_RESPONSES, CUSTOMER_RESPONSES)]
    written = [
        raws[t].frame.select(pl.col("unit_id").cast(pl.String))
        for t in sides
        if "unit_id" in raws[t].frame.columns
    ]
    if not written:
        return []
    spellings = (
        pl.concat(written)
        .filter(pl.col("unit_id").str.strip_chars() != "")
        .group_by("unit_id")
        .len()
        .with_columns(
            key=_spelling_key(pl.col("unit_id")),
            listed=pl.col("unit_id").is_in(pl.Series(sorted(listed), dtype=pl.String).implode()),
        )
        # Per key: the listed spelling, else the most used; ties by name (the same every run).
        .sort(["key", "listed", "len", "unit_id"], descending=[False, True, True, False])
        .with_columns(
            spellings=pl.len().over("key"),
            lists=pl.col("listed").sum().over("key"),
            canonical=pl.col("unit_id").first().over("key"),
        )
        .filter((pl.col("spellings") > 1) & (pl.col("lists") < 2))
        .filter(pl.col("unit_id") != pl.col("canonical"))
    )
    if not spellings.height:
        return []
    old, new = spellings["unit_id"], spellings["canonical"]
    for table in sides:
        raw = raws[table]
        if "unit_id" in raw.frame.columns:
            unit = pl.col("unit_id").cast(pl.String)
            merged = unit.replace(old, new)
            raws[table] = replace(raw, frame=raw.frame.with_columns(merged.alias("unit_id")))
    pairs = [f"'{a}' → '{b}'" for a, b in zip(old, new, strict=True)]
    listed_pairs = ", ".join(pairs[:10]) + (", …" if len(pairs) > 10 else "")
    return [f"units written in more than one way are read as one: {listed_pairs}"]


def unit_notes(raws: dict[str, RawTable]) -> list[str]:
    """Units a reader should check before trusting the link: names that differ only in case or
    spaces (read as two units; five staff who typed 'Helsinki keskusta' had become a unit of
    their own, with no customers, and dropped out of every result), and units that only one
    export names (their answers link to nothing)."""
    named = {
        side: _unit_names(raws[table.name].frame)
        for side, table in (("staff", EMPLOYEE_RESPONSES), ("customer", CUSTOMER_RESPONSES))
    }
    notes = []
    # Spellings one_unit_spelling left apart (a units list names both): the same key as there.
    names = pl.DataFrame(
        {"unit": sorted(named["staff"] | named["customer"])}, schema={"unit": pl.String}
    )
    alike = (
        names.group_by(_spelling_key(pl.col("unit")).alias("key"), maintain_order=True)
        .agg("unit")
        .filter(pl.col("unit").list.len() > 1)
    )
    twice = [" / ".join(f"'{u}'" for u in units) for units in alike["unit"].to_list()]
    if twice:
        notes.append(
            "units written in more than one way are read as different units (correct the "
            f"spelling in the export if they are one): {'; '.join(twice[:10])}"
        )
    return notes + one_side_only(named, "units")


def short_scales(side: SideMapping) -> list[str]:
    """Outcomes answered in words whose numbers stop short of 0–10's ends. An analyst typed 0
    for the lowest of five satisfaction words and kept 2, 3, 4, 5 for the others: numbers
    within 0–10, so the import passed, with the top answer at 5 on a 0–10 scale."""
    notes = []
    for item in side.items:
        worded = {k: v for k, v in item.answers.items() if numeral(k) is None and v is not None}
        if item.use not in OUTCOMES or len(worded) < 2:
            continue
        low, high = min(worded.values()), max(worded.values())
        if (low, high) != OUTCOME_SCALE:
            notes.append(
                f"'{item.column}' has its answers numbered {low:g}–{high:g} on a 0–10 scale: "
                "its lowest answer is usually 0 and its highest 10 (check them under 'How "
                "answers read as numbers')"
            )
    return notes


def period_notes(raws: dict[str, RawTable]) -> list[str]:
    """Periods only one export names: their answers meet none of the other side's. An analyst's
    customer export wrote 'Q2/2025' where the staff export wrote '2025 Q2'; the import had passed
    without a word, and the period's units then read as hidden by privacy."""
    named = {
        side: _names(raws[table.name].frame, "period")
        for side, table in (("staff", EMPLOYEE_RESPONSES), ("customer", CUSTOMER_RESPONSES))
    }
    return one_side_only(named, "periods", "; write a period alike in both")


def one_side_only(named: dict[str, set[str]], what: str, advice: str = "") -> list[str]:
    """The names (units, periods) only one export has, each side's, when the other has any."""
    notes = []
    for side, other in (("staff", "customer"), ("customer", "staff")):
        alone = sorted(named[side] - named[other])
        if alone and named[other]:
            listed = ", ".join(f"'{n}'" for n in alone[:10]) + (", …" if len(alone) > 10 else "")
            notes.append(
                f"{what} only in the {side} export (their answers are linked to no {other} "
                f"answers{advice}): {listed}"
            )
    return notes


def _unit_names(frame: pl.DataFrame) -> set[str]:
    return _names(frame, "unit_id")


def _names(frame: pl.DataFrame, column: str) -> set[str]:
    if column not in frame.columns:
        return set()
    names = frame.get_column(column).cast(pl.String).drop_nulls().str.strip_chars()
    return set(names.unique().to_list()) - {""}


def _units_file(units: tuple[str, bytes] | None, problems: list[Problem]) -> RawTable | None:
    """The units list when given (the documented units file), read once; its problem, if any,
    among the import's."""
    if units is None:
        return None
    raw = read_table(units[0], units[1], tuple(c.name for c in UNITS.columns))
    if isinstance(raw, Problem):
        problems.append(raw)
        return None
    return raw


def _unit_table(raws: dict[str, RawTable], mapping: ImportMapping) -> RawTable:
    """One row per unit seen in either export (no units list given): the mapping's company
    and industry, region not given."""
    seen = pl.concat(
        [
            raws[t.name].frame.select(pl.col("unit_id").cast(pl.String))
            for t in (EMPLOYEE_RESPONSES, CUSTOMER_RESPONSES)
            if "unit_id" in raws[t.name].frame.columns
        ]
        or [pl.DataFrame(schema={"unit_id": pl.String})]
    )
    frame = (
        seen.filter(pl.col("unit_id").is_not_null() & (pl.col("unit_id").str.strip_chars() != ""))
        .unique(maintain_order=True)
        .sort("unit_id")
        .with_columns(
            company=pl.lit(mapping.company),
            industry=pl.lit(mapping.industry),
            region=pl.lit(NOT_GIVEN),
        )
        .with_row_index(ROW, offset=1)
    )
    return RawTable("units (from the exports)", frame, "unit")
