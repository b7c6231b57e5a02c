"""The vocabulary, and the data contract read from contract.toml: files, columns, kinds,
ranges and allowed values.

This module is the single source of truth: validation reads it, and docs/data.md describes it.
Each word of the vocabulary is defined once, here; the contract file names them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from .strings import worded

ColumnKind = Literal["id", "text", "category", "int", "float"]

# The vocabulary, each word defined once: a Literal for types, its values as a tuple.
Touch = Literal["high", "low"]
Channel = Literal["in-person", "phone", "digital"]
Side = Literal["employee", "customer"]
Level = Literal["units", "companies"]

TOUCH_CLASSES: tuple[Touch, ...] = get_args(Touch)
CHANNELS: tuple[Channel, ...] = get_args(Channel)
ROLES = ("customer-facing", "back-office")
"""The usual staff roles (the sample's); a dataset may have any role labels."""
SIDES: tuple[Side, ...] = get_args(Side)
WORDS = {"touch": TOUCH_CLASSES, "channel": CHANNELS, "side": SIDES}
"""The word lists a contract column may name as its allowed values."""

LIKERT_SCALE = (1, 5)
"""Theme items, on both sides."""
OUTCOME_SCALE = (0, 10)
RATING_SCALE = (1, 5)
"""The company panel's employer-review rating."""
SCORE_SCALE = (0, 100)
"""The company panel's ACSI-style customer score."""
SCALES = {
    "outcome": OUTCOME_SCALE,
    "rating": RATING_SCALE,
    "score": SCORE_SCALE,
    "year": (1900, 2100),
}
"""The scales a contract column may name."""

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
    description_fi: str = ""

    @property
    def meaning(self) -> str:
        """The description in the language of the current run."""
        return worded(self.description, self.description_fi)

    @property
    def range_text(self) -> str:
        if self.allowed:
            return ", ".join(self.allowed)
        if self.low is not None and self.high is not None:
            return f"{self.low:g}–{self.high:g}"
        return ""


@dataclass(frozen=True, kw_only=True)
class Table:
    name: str
    description: str
    description_fi: str
    key: tuple[str, ...]
    part: Literal["common", "panel", "linkage"]
    columns: tuple[Column, ...]

    @property
    def meaning(self) -> str:
        """The description in the language of the current run."""
        return worded(self.description, self.description_fi)


def item_column(name: str) -> Column:
    """A survey item on a theme: a whole number on the 1–5 Likert scale."""
    low, high = LIKERT_SCALE
    return Column(
        name,
        "int",
        "survey item (theme map)",
        low=low,
        high=high,
        description_fi="kyselyn väittämä (teemakartta)",
    )


def _column(spec: dict) -> Column:
    scale = SCALES[spec["scale"]] if "scale" in spec else (None, None)
    return Column(
        name=spec["name"],
        kind=spec["kind"],
        description=spec["description"],
        description_fi=spec["description_fi"],
        required=spec.get("required", True),
        low=scale[0],
        high=scale[1],
        allowed=WORDS[spec["allowed"]] if "allowed" in spec else None,
    )


def _tables() -> tuple[Table, ...]:
    spec = tomllib.loads((Path(__file__).parent / "contract.toml").read_text(encoding="utf-8"))
    return tuple(
        Table(
            name=table["name"],
            description=table["description"],
            description_fi=table["description_fi"],
            key=tuple(table["key"]),
            part=table["part"],
            columns=tuple(_column(c) for c in table["columns"]),
        )
        for table in spec["table"]
    )


TABLES = _tables()
TABLES_BY_NAME = {t.name: t for t in TABLES}
INDUSTRIES, COMPANIES, UNITS = (TABLES_BY_NAME[n] for n in ("industries", "companies", "units"))
EMPLOYEE_RESPONSES, CUSTOMER_RESPONSES = (TABLES_BY_NAME[f"{side}_responses"] for side in SIDES)
THEME_MAP = TABLES_BY_NAME["theme_map"]
OUTCOMES: tuple[str, ...] = tuple(
    c.name for c in CUSTOMER_RESPONSES.columns if (c.low, c.high) == OUTCOME_SCALE
)
"""Customer outcomes asked of every customer, besides the theme items (0–10 scale)."""
LINKAGE_TABLES = tuple(t.name for t in TABLES if t.part == "linkage")

FILE_FORMATS = (".csv", ".parquet", ".xlsx")
MANIFEST_FILE = "manifest.json"
