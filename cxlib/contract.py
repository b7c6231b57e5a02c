"""The data contract: which files a dataset has, their columns, types and allowed values.

This module is the single source of truth: validation reads it, and docs/data.md describes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

ColumnKind = Literal["id", "text", "category", "int", "float"]

# The vocabulary, each word defined once: a Literal for types, its values as a tuple.
Touch = Literal["high", "low"]
Channel = Literal["in-person", "phone", "digital"]
Role = Literal["customer-facing", "back-office"]
Side = Literal["employee", "customer"]
Level = Literal["units", "companies"]
Outcome = Literal["satisfaction", "recommend"]

TOUCH_CLASSES: tuple[Touch, ...] = get_args(Touch)
CHANNELS: tuple[Channel, ...] = get_args(Channel)
ROLES: tuple[Role, ...] = get_args(Role)
SIDES: tuple[Side, ...] = get_args(Side)
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
"""Customer outcomes asked of every customer, besides the theme items (0–10 scale)."""

LIKERT_SCALE = (1, 5)
OUTCOME_SCALE = (0, 10)
RATING_SCALE = (1, 5)
"""The company panel's employer-review rating."""
SCORE_SCALE = (0, 100)
"""The company panel's ACSI-style customer score."""

# Spellings seen in survey exports, mapped to the contract's values (after lower-casing and
# turning spaces and underscores into hyphens).
SYNONYMS: dict[str, str] = {
    "high-touch": "high",
    "low-touch": "low",
    "inperson": "in-person",
    "face-to-face": "in-person",
    "telephone": "phone",
    "online": "digital",
    "customer-facing-staff": "customer-facing",
    "frontline": "customer-facing",
    "front-line": "customer-facing",
    "front-office": "customer-facing",
    "backoffice": "back-office",
    "employees": "employee",
    "staff": "employee",
    "customers": "customer",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    description: str
    required: bool = True
    low: float | None = None
    high: float | None = None
    allowed: tuple[str, ...] | None = None

    @property
    def range_text(self) -> str:
        if self.allowed:
            return ", ".join(self.allowed)
        if self.low is not None and self.high is not None:
            return f"{self.low:g}–{self.high:g}"
        return ""


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    part: Literal["common", "panel", "linkage"]


def scored(name: str, kind: ColumnKind, description: str, scale: tuple[int, int]) -> Column:
    """A number on a scale (low and high allowed)."""
    return Column(name, kind, description, low=scale[0], high=scale[1])


def strategy(description: str) -> Column:
    """The optional touch strategy that overrides an industry's default."""
    return Column(
        description=description,
        name="strategy",
        kind="category",
        required=False,
        allowed=TOUCH_CLASSES,
    )


def item_column(name: str) -> Column:
    """A survey item on a theme: a whole number on the 1–5 Likert scale."""
    return scored(name, "int", "survey item (theme map)", LIKERT_SCALE)


# Columns that refer to another table (checked across files) or recur in several tables.
INDUSTRY_REF = Column("industry", "text", "industry (must appear in industries)")
UNIT_REF = Column("unit_id", "id", "unit (must appear in units)")


INDUSTRIES = Table(
    "industries",
    "One row per industry: its default touch class.",
    (
        Column("industry", "text", "industry name, as used in the other files"),
        Column("touch", "category", "default touch class of the industry", allowed=TOUCH_CLASSES),
        Column("description", "text", "short description", required=False),
    ),
    key=("industry",),
    part="common",
)

COMPANIES = Table(
    "companies",
    "Company panel: one row per company and year (benchmark level).",
    (
        Column("company", "text", "company name"),
        INDUSTRY_REF,
        Column("year", "int", "survey year", low=1900, high=2100),
        scored("employee_rating", "float", "employer-review style rating", RATING_SCALE),
        scored("customer_score", "float", "ACSI-style customer index", SCORE_SCALE),
        strategy("touch strategy that overrides the industry default (empty: none)"),
    ),
    key=("company", "year"),
    part="panel",
)

UNITS = Table(
    "units",
    "Linkage study: one row per business unit (branch, store, team, contact centre).",
    (
        Column("unit_id", "id", "unit identifier, unique"),
        Column("company", "text", "company the unit belongs to"),
        INDUSTRY_REF,
        Column("region", "text", "region"),
        strategy("touch strategy of the unit's company, overriding the industry default"),
    ),
    key=("unit_id",),
    part="linkage",
)

EMPLOYEE_RESPONSES = Table(
    "employee_responses",
    "Linkage study: one row per employee survey response; item columns per the theme map.",
    (
        Column("respondent_id", "id", "response identifier, unique"),
        UNIT_REF,
        Column("period", "text", "survey period; periods sort as text in time order (2024-Q1)"),
        Column("role", "category", "staff role", allowed=ROLES),
    ),
    key=("respondent_id",),
    part="linkage",
)

CUSTOMER_RESPONSES = Table(
    "customer_responses",
    "Linkage study: one row per customer survey response; item columns per the theme map.",
    (
        Column("response_id", "id", "response identifier, unique"),
        UNIT_REF,
        Column("period", "text", "survey period, same labels as the employee survey"),
        Column("segment", "text", "customer segment"),
        Column("channel", "category", "channel of the encounter", allowed=CHANNELS),
        *(
            scored(name, "int", text, OUTCOME_SCALE)
            for name, text in zip(
                OUTCOMES, ("overall satisfaction", "likelihood to recommend"), strict=True
            )
        ),
    ),
    key=("response_id",),
    part="linkage",
)

THEME_MAP = Table(
    "theme_map",
    "Ties each common theme to its employee item(s) and customer item(s).",
    (
        Column("theme", "text", "theme name"),
        Column("side", "category", "which survey the item belongs to", allowed=SIDES),
        Column("item", "text", "column name of the item in that survey's responses"),
        Column("question", "text", "the question as asked", required=False),
    ),
    key=("side", "item"),
    part="linkage",
)

TABLES: tuple[Table, ...] = (
    INDUSTRIES,
    COMPANIES,
    UNITS,
    EMPLOYEE_RESPONSES,
    CUSTOMER_RESPONSES,
    THEME_MAP,
)
LINKAGE_TABLES = tuple(t.name for t in TABLES if t.part == "linkage")

FILE_FORMATS = (".csv", ".parquet", ".xlsx")
MANIFEST_FILE = "manifest.json"
