"""The Dataset object and the loaders: a folder (or uploaded files) in, a validated Dataset out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from .contract import (
    COMPANIES,
    CUSTOMER_RESPONSES,
    EMPLOYEE_RESPONSES,
    INDUSTRIES,
    OUTCOMES,
    TABLES,
    TABLES_BY_NAME,
    THEME_MAP,
    UNITS,
)
from .errors import DataError, Problem
from .files import (
    Source,
    choose_files,
    collect,
    fingerprint,
    first_line,
    read_manifest,
    unread,
)
from .limits import MAX_INDUSTRIES, study_problems
from .models import Manifest, Theme, ThemeMap
from .readers import ROW, RawTable, read_table
from .validation import Parsed, inconsistent_within, parse_table, unknown_references

NUMBERS = ("int", "float")
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
    held: Held | None = None
    """A study served from its cube folder has no responses: what they held is kept here."""

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
        if self.held is not None:
            return self.held.periods
        labels = [
            frame.select(pl.col("period").unique().cast(pl.String))
            for frame in (self.employee, self.customer)
        ]
        return tuple(pl.concat(labels).unique().sort("period").get_column("period").to_list())

    @property
    def segments(self) -> tuple[str, ...]:
        """Customer segments of the linkage study, sorted."""
        return self.held.segments if self.held else _labels(self.customer, "segment")

    @property
    def roles(self) -> tuple[str, ...]:
        """Staff roles of the linkage study, sorted: any labels the data uses."""
        return self.held.roles if self.held else _labels(self.employee, "role")

    @property
    def responses(self) -> tuple[int, int]:
        """Staff and customer responses of the linkage study: all of them when they are here;
        from a cube folder, those in the groups it keeps."""
        if self.held is not None:
            return self.held.responses
        if self.employee is None or self.customer is None:
            return (0, 0)
        return (self.employee.height, self.customer.height)


def _labels(responses: pl.DataFrame | None, column: str) -> tuple[str, ...]:
    if responses is None:
        return ()
    return tuple(responses.get_column(column).unique().cast(pl.String).sort())


@dataclass(frozen=True)
class Held:
    """What a study's responses held, for a Dataset whose responses stay in its cube folder."""

    periods: tuple[str, ...]
    segments: tuple[str, ...]
    roles: tuple[str, ...]
    responses: tuple[int, int]
    """Staff and customers in the groups the cube keeps (never those under the floor)."""


def load_sample() -> Dataset:
    """The shipped synthetic sample (see docs/data.md for how it was made)."""
    return load_dataset(SAMPLE_DIR)


def load_dataset(source: Source) -> Dataset:
    """Load a folder of the documented files, or a mapping of file name to bytes (uploads).

    Raises DataError listing every problem found, in every file at once; nothing is returned
    half-loaded.
    """
    files = collect(source)
    problems: list[Problem] = []
    notes: list[str] = []
    chosen = choose_files(files, problems, notes)
    manifest = read_manifest(files, source, problems)
    raws: dict[str, RawTable] = {}
    for table, file in chosen.items():
        text = tuple(c.name for c in TABLES_BY_NAME[table].columns if c.kind not in NUMBERS)
        raw = read_table(file, files[file], text)
        if isinstance(raw, Problem):
            problems.append(raw)
        else:
            raws[table] = raw
            notes += [f"{file}: {note}" for note in raw.notes]

    try:
        return from_tables(raws, manifest, fingerprint(files), problems, notes)
    except DataError as error:
        raise DataError([*error.problems, *unread(files)]) from None


def from_tables(
    raws: dict[str, RawTable],
    manifest: Manifest,
    fingerprint: str,
    problems: list[Problem] | None = None,
    notes: list[str] | None = None,
) -> Dataset:
    """Validate tables already read (by file or by the importer, whose rows keep the numbers
    of the original export) into a Dataset; raise DataError with every problem found."""
    problems, notes = list(problems or ()), list(notes or ())
    theme_map = None
    if THEME_MAP.name in raws:
        theme_map = _theme_map(raws[THEME_MAP.name], problems)
    items = {
        EMPLOYEE_RESPONSES.name: theme_map.employee_items if theme_map else (),
        CUSTOMER_RESPONSES.name: theme_map.customer_items if theme_map else (),
    }
    parsed: dict[str, Parsed] = {}
    for table in TABLES:
        if table.name in raws and table is not THEME_MAP:
            parsed[table.name] = parse_table(table, raws[table.name], items.get(table.name, ()))
            problems += parsed[table.name].problems
    problems += _cross_checks(parsed, raws)
    industries = parsed.get(INDUSTRIES.name)
    if industries is not None and (count := industries.frame.height) > MAX_INDUSTRIES:
        problems.append(  # each industry is a choice the sidebar checks and draws on every run
            Problem(
                raws[INDUSTRIES.name].file,
                f"too large: {count:,} industries; the explorer serves at most {MAX_INDUSTRIES:,}",
            )
        )
    if not problems and theme_map is not None:
        problems += _size_checks(parsed, theme_map)
    if problems:
        raise DataError(problems)
    if theme_map is not None:
        notes += _unused_columns(raws, theme_map)

    def final(name: str) -> pl.DataFrame | None:
        if name not in parsed:
            return None
        frame = parsed[name].frame
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
        fingerprint=fingerprint,
        notes=tuple(notes),
    )


def _theme_map(raw: RawTable, problems: list[Problem]) -> ThemeMap | None:
    parsed = parse_table(THEME_MAP, raw)
    problems += parsed.problems
    if parsed.problems:
        return None
    frame = parsed.frame
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
        problems.append(Problem(raw.file, f"not a valid theme map: {first_line(exc)}"))
        return None


def _cross_checks(parsed: dict[str, Parsed], raws: dict[str, RawTable]) -> list[Problem]:
    """Checks across files, on the columns that passed their own checks in both files."""

    def clean(name: str, column: str) -> bool:
        return (
            name in parsed
            and column in parsed[name].frame.columns
            and (column not in parsed[name].bad_columns)
        )

    references = [
        (COMPANIES.name, "industry", INDUSTRIES.name),
        (UNITS.name, "industry", INDUSTRIES.name),
        (EMPLOYEE_RESPONSES.name, "unit_id", UNITS.name),
        (CUSTOMER_RESPONSES.name, "unit_id", UNITS.name),
    ]
    found = [
        unknown_references(
            raws[name], parsed[name].frame, column, parsed[ref].frame, raws[ref].file
        )
        for name, column, ref in references
        if clean(name, column) and clean(ref, column)
    ]
    consistency = [(COMPANIES.name, "company", "industry"), (UNITS.name, "company", "industry")]
    consistency += [(UNITS.name, "company", "strategy")]
    found += [
        inconsistent_within(raws[name], parsed[name].frame, group, column)
        for name, group, column in consistency
        if clean(name, group) and clean(name, column)
    ]
    return [p for p in found if p is not None]


def _size_checks(parsed: dict[str, Parsed], theme_map: ThemeMap) -> list[Problem]:
    """A linkage study bigger than the explorer serves is refused here, not minutes later."""
    staff, customers = parsed[EMPLOYEE_RESPONSES.name].frame, parsed[CUSTOMER_RESPONSES.name].frame
    periods = pl.concat([staff.select("period"), customers.select("period")]).n_unique()
    said = study_problems(
        units=parsed[UNITS.name].frame.height,
        periods=periods,
        segments=customers.get_column("segment").n_unique(),
        roles=staff.get_column("role").n_unique(),
        employee_items=len(theme_map.employee_items),
        customer_items=len(theme_map.customer_items) + len(OUTCOMES),
    )
    return [Problem("linkage study", f"too large: {text}") for text in said]


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
