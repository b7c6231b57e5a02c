"""An action list: development areas picked from the Drivers page, with owner, due date and notes.

The list is small (at most 12 themes) and travels three ways: as a URL-safe token in a view's link
when it fits (to_token, fits_link), as a small JSON file that reloads (to_json, from_json), and
as Markdown and CSV exports for people (to_markdown, to_csv). Reading a token or a file raises
DataError and nothing else. Numbers are stored rounded to 2 decimals, which is finer than the
bootstrap resolves and keeps links short; a round trip gives back equal lists.
"""

from __future__ import annotations

import binascii
import datetime
import json
import re
import zlib
from collections.abc import Mapping
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import tokens
from .codes import Quadrant
from .errors import DataError, Problem
from .export import csv as safe_csv
from .strings import QUADRANTS_EN

MAX_ACTIONS = 12
MAX_FILE_BYTES = 200_000
"""A file or a token's unpacked JSON above this is refused: 12 full notes need under 150 kB."""
MAX_TOKEN_CHARS = 300_000
LINK_LIMIT = 1500
"""Characters of token that still leave a view's link short enough for browsers and chats."""
PLACES = 2
FILE_SOURCE = "action list file"
LINK_SOURCE = "action list in the link"

ENGLISH_LABELS: dict[str, str] = {
    "title": "Action list",
    "dataset": "Data",
    "theme": "Theme",
    "why": "Why",
    "owner": "Owner",
    "due": "Due",
    "notes": "Notes",
    "why_template": "impact {impact}% (95% interval {low}–{high}%), staff score {score} / 5, "
    "{quadrant}",
    "date": "{d:%Y-%m-%d}",
    "impact": "Impact %",
    "impact_low": "95% interval, low",
    "impact_high": "95% interval, high",
    "score": "Staff score (1–5)",
    "quadrant": "Quadrant",
    **{code.value: words for code, words in QUADRANTS_EN.items()},
}
"""Every word the exports use; pass a Mapping with some or all of these keys to change them
(Markdown column names, the why-template, the date format, CSV headers, quadrant words)."""


class Action(BaseModel):
    """One development area: the theme, why it was picked, and who does what by when."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    theme: str = Field(min_length=1, max_length=200)
    impact: float = Field(ge=0, le=100)
    """Share of the explained variance of the CX outcome, %."""
    impact_low: float = Field(ge=0, le=100)
    impact_high: float = Field(ge=0, le=100)
    score: float = Field(ge=1, le=5)
    """Current staff score on the 1–5 scale."""
    quadrant: Quadrant
    owner: str = Field(default="", max_length=200)
    due: datetime.date | None = None
    notes: str = Field(default="", max_length=2000)

    @field_validator("impact", "impact_low", "impact_high", "score")
    @classmethod
    def _round(cls, value: float) -> float:
        return round(value, PLACES)  # rounding keeps order, so the CI check below still holds

    @model_validator(mode="after")
    def _interval_holds_estimate(self) -> Action:
        if not self.impact_low <= self.impact <= self.impact_high:
            raise ValueError("impact must lie within its interval (impact_low ≤ impact ≤ high)")
        return self


_KEEP: Any = object()  # "leave as it is": None is a real value for due (no date)


class ActionList(BaseModel):
    """The picked actions, in the order picked; every change returns a new list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: Literal[1] = 1
    dataset: str = Field(default="", max_length=200)
    """Fingerprint or name of the data the numbers come from."""
    items: tuple[Action, ...] = Field(default=(), max_length=MAX_ACTIONS)

    @model_validator(mode="after")
    def _themes_unique(self) -> ActionList:
        themes = [a.theme for a in self.items]
        if len(set(themes)) != len(themes):
            raise ValueError("each theme can be in the action list once")
        return self

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(a.theme for a in self.items)

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_ACTIONS

    def add(self, action: Action) -> ActionList:
        """The list with action appended. A theme already present is ignored (the list comes
        back unchanged, so what was typed for it is kept); a full list raises ValueError."""
        if action.theme in self.themes:
            return self
        return ActionList(dataset=self.dataset, items=(*self.items, action))

    def remove(self, theme: str) -> ActionList:
        """The list without theme (unchanged when it is absent)."""
        return ActionList(
            dataset=self.dataset, items=tuple(a for a in self.items if a.theme != theme)
        )

    def update(
        self,
        theme: str,
        *,
        owner: str = _KEEP,
        due: datetime.date | None = _KEEP,
        notes: str = _KEEP,
    ) -> ActionList:
        """The list with theme's owner, due date or notes changed (those given); KeyError when
        theme is absent, ValueError when a value is invalid."""
        if theme not in self.themes:
            raise KeyError(theme)
        given = {"owner": owner, "due": due, "notes": notes}
        changes = {name: value for name, value in given.items() if value is not _KEEP}
        items = tuple(
            Action.model_validate(a.model_dump() | changes) if a.theme == theme else a
            for a in self.items
        )
        return ActionList(dataset=self.dataset, items=items)


def action_from_priority(row: Mapping) -> Action:
    """An action for one row of drivers.priority_table (row(i, named=True)); a row without an
    estimate (NaN when there are too few units) raises ValueError."""
    return Action(
        theme=row["driver"],
        impact=row["percent"],
        impact_low=row["percent_low"],
        impact_high=row["percent_high"],
        score=row["score"],
        quadrant=row["quadrant"],
    )


# Markdown -------------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&#])")
"""Characters that could start markup, a link, an image, HTML or a new cell: escaped."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LINE_BREAK = "<br>"


def markdown_text(text: str) -> str:
    """User text as one table cell's literal content: line breaks as <br>, specials escaped."""
    lines = (_CONTROL.sub(" ", line).strip() for line in text.splitlines())
    return LINE_BREAK.join(_SPECIAL.sub(r"\\\1", line) for line in lines)


def _number(value: float, places: int, decimal: str) -> str:
    return f"{value:.{places}f}".replace(".", decimal)


def why(action: Action, labels: Mapping[str, str] | None = None, decimal: str = ".") -> str:
    """Impact with its interval, the staff score and the quadrant, in the labels' words."""
    if decimal not in (".", ","):
        raise ValueError(f"decimal must be '.' or ',', not {decimal!r}")
    words = {**ENGLISH_LABELS, **(labels or {})}
    return words["why_template"].format(
        impact=_number(action.impact, 0, decimal),
        low=_number(action.impact_low, 0, decimal),
        high=_number(action.impact_high, 0, decimal),
        score=_number(action.score, 1, decimal),
        quadrant=words[action.quadrant.value],
    )


def to_markdown(
    actions: ActionList, labels: Mapping[str, str] | None = None, decimal: str = "."
) -> str:
    """A heading and a table Theme | Why | Owner | Due | Notes; user text cannot break the
    table or bring in links, images or HTML. Finnish: Finnish labels and decimal=","."""
    words = {**ENGLISH_LABELS, **(labels or {})}
    columns = ("theme", "why", "owner", "due", "notes")
    lines = [f"# {markdown_text(words['title'])}", ""]
    if actions.dataset:
        lines += [f"{markdown_text(words['dataset'])}: {markdown_text(actions.dataset)}", ""]
    lines.append(_row(markdown_text(words[c]) for c in columns))
    lines.append(_row("---" for _ in columns))
    for action in actions.items:
        due = "" if action.due is None else words["date"].format(d=action.due)
        cells = (action.theme, why(action, words, decimal), action.owner, due, action.notes)
        lines.append(_row(markdown_text(c) for c in cells))
    return "\n".join(lines) + "\n"


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


# CSV ------------------------------------------------------------------------------------------


def to_csv(
    actions: ActionList, labels: Mapping[str, str] | None = None, decimal: str = "."
) -> bytes:
    """One row per action: theme, impact, CI low and high, score, quadrant (in words), owner,
    due (ISO date), notes; UTF-8 with a BOM and formula-like cells neutralised for spreadsheets
    (decimal="," for a Finnish spreadsheet: decimal commas, semicolons between fields)."""
    words = {**ENGLISH_LABELS, **(labels or {})}
    table = pl.DataFrame(
        [
            (
                a.theme,
                a.impact,
                a.impact_low,
                a.impact_high,
                a.score,
                words[a.quadrant.value],
                a.owner,
                None if a.due is None else a.due.isoformat(),
                a.notes,
            )
            for a in actions.items
        ],
        schema={
            words["theme"]: pl.String,
            words["impact"]: pl.Float64,
            words["impact_low"]: pl.Float64,
            words["impact_high"]: pl.Float64,
            words["score"]: pl.Float64,
            words["quadrant"]: pl.String,
            words["owner"]: pl.String,
            words["due"]: pl.String,
            words["notes"]: pl.String,
        },
        orient="row",
    )
    return safe_csv(table, decimal)


# JSON file and link token ---------------------------------------------------------------------

_SHORT = {
    "theme": "t",
    "impact": "i",
    "impact_low": "l",
    "impact_high": "h",
    "score": "s",
    "quadrant": "q",
    "owner": "o",
    "due": "d",
    "notes": "n",
}
_OPTIONAL = ("owner", "due", "notes")
_LONG = {short: long for long, short in _SHORT.items()}


def to_json(actions: ActionList) -> bytes:
    """The list as a small UTF-8 JSON file that from_json reads back."""
    return actions.model_dump_json(indent=2).encode("utf-8")


def from_json(data: bytes) -> ActionList:
    """The list in a file written by to_json; DataError for anything else."""

    def parse() -> object:
        if not isinstance(data, bytes | bytearray):
            raise ValueError("expected the bytes of a file")
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"the file is larger than {MAX_FILE_BYTES // 1000} kB")
        return json.loads(bytes(data).removeprefix(b"\xef\xbb\xbf").decode("utf-8"))

    return _read(parse, FILE_SOURCE)


def to_token(actions: ActionList) -> str:
    """The list as a compact URL-safe token: JSON with short keys, zlib, base64url unpadded."""
    items = [
        {
            _SHORT[name]: value
            for name, value in a.model_dump(mode="json").items()
            if value or name not in _OPTIONAL  # empty owner, notes and due are left out
        }
        for a in actions.items
    ]
    payload: dict[str, object] = {"v": actions.version, "a": items}
    if actions.dataset:
        payload["ds"] = actions.dataset
    return tokens.pack(payload)


def fits_link(actions: ActionList, limit: int = LINK_LIMIT) -> bool:
    """True when the list's token is at most limit characters (else offer the file)."""
    return len(to_token(actions)) <= limit


def from_token(token: str) -> ActionList:
    """The list carried by a token from to_token; DataError for anything else."""

    def parse() -> object:
        payload = tokens.unpack(token, MAX_TOKEN_CHARS, MAX_FILE_BYTES, "an action list")
        if not isinstance(payload, dict) or not isinstance(payload.get("a", []), list):
            raise ValueError("the token is not an action list")
        unknown = set(payload) - {"v", "ds", "a"}
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        return {
            "version": payload.get("v", 1),
            "dataset": payload.get("ds", ""),
            "items": [_expanded(item) for item in payload.get("a", [])],
        }

    return _read(parse, LINK_SOURCE)


def _expanded(item: object) -> dict[str, object]:
    if not isinstance(item, dict) or set(item) - set(_LONG):
        raise ValueError("an action in the token has unknown fields")
    return {_LONG[short]: value for short, value in item.items()}


def _read(parse, source: str) -> ActionList:
    """Validate what parse() returns; every failure becomes one DataError with a clear reason."""
    try:
        payload = parse()
        if isinstance(payload, dict) and payload.get("version", 1) != 1:
            raise ValueError(
                f"version {str(payload['version'])[:20]!r} is not supported: "
                "this app reads version 1 (was it saved by a newer app?)"
            )
        return ActionList.model_validate(payload)
    except ValidationError as error:
        reasons = [
            ".".join(str(p) for p in e["loc"]) + ": " + e["msg"] if e["loc"] else e["msg"]
            for e in error.errors(include_url=False)[:3]
        ]
        raise DataError(
            [Problem(source, "not a valid action list: " + "; ".join(reasons))]
        ) from None
    except json.JSONDecodeError:
        raise DataError([Problem(source, "not an action list (not JSON)")]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(source, "not an action list (not UTF-8 text)")]) from None
    except (zlib.error, binascii.Error):
        raise DataError([Problem(source, "the token is damaged (copy the whole link)")]) from None
    except (ValueError, TypeError, RecursionError) as error:
        raise DataError([Problem(source, str(error)[:300] or "not an action list")]) from None
