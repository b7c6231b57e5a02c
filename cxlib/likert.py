"""Answers as survey tools write them, turned into numbers: agreement and satisfaction words in
English and Finnish, 0–10 scales with their end labels, "don't know" as missing."""

from __future__ import annotations

import math
import re

import polars as pl

MISSING = None
"""The number of an answer that is no answer ("Don't know", "En osaa sanoa")."""

WORDS: dict[str, float | None] = {
    # agreement, English (Qualtrics, SurveyMonkey, Forms defaults)
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 2,
    "neither agree nor disagree": 3,
    "neither agree or disagree": 3,
    "neutral": 3,
    "somewhat agree": 4,
    "agree": 4,
    "strongly agree": 5,
    # agreement, Finnish (Webropol, Forms in Finnish)
    "täysin eri mieltä": 1,
    "jokseenkin eri mieltä": 2,
    "osittain eri mieltä": 2,
    "eri mieltä": 2,
    "ei samaa eikä eri mieltä": 3,
    "en samaa enkä eri mieltä": 3,
    "jokseenkin samaa mieltä": 4,
    "osittain samaa mieltä": 4,
    "samaa mieltä": 4,
    "täysin samaa mieltä": 5,
    # satisfaction
    "very dissatisfied": 1,
    "dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3,
    "satisfied": 4,
    "very satisfied": 5,
    "erittäin tyytymätön": 1,
    "tyytymätön": 2,
    "ei tyytyväinen eikä tyytymätön": 3,
    "tyytyväinen": 4,
    "erittäin tyytyväinen": 5,
    # no answer
    "don't know": MISSING,
    "do not know": MISSING,
    "dont know": MISSING,
    "not applicable": MISSING,
    "n/a": MISSING,
    "prefer not to say": MISSING,
    "en osaa sanoa": MISSING,
    "ei koske minua": MISSING,
    "": MISSING,
}
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})(?:\s*[-–—:=.)]\s*\S.*|\s*)$")
"""'10 - Extremely likely', '0 = Ei lainkaan todennäköistä', '7': the number an end label
carries (0–10 scales label their ends so)."""


def normalised(text: str) -> str:
    """Lower case, curly quotes straight, spaces collapsed: how WORDS spells an answer."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").lower().split())


def number_of(answer: str) -> float | None | str:
    """The number an answer stands for, None for no answer, or "?" when it is not known."""
    key = normalised(answer)
    if key in WORDS:
        return WORDS[key]
    number = numeral(key)
    return "?" if number is None else number


def numeral(answer: str) -> float | None:
    """The number an answer writes as one ('7', '4,5', '10 - Extremely likely'), None for
    words (and for "NaN", "inf", "1e400": for the reader)."""
    key = normalised(answer)
    match = _LEADING_NUMBER.match(key)
    if match:
        return float(match.group(1))
    try:
        number = float(key.replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


SEVEN_POINT = {
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 3,
    "neither agree nor disagree": 4,
    "neither agree or disagree": 4,
    "somewhat agree": 5,
    "agree": 6,
    "strongly agree": 7,
}
"""Agreement on seven points: "Agree" and "Somewhat agree" side by side."""


def suggest_table(answers: list[str]) -> tuple[dict[str, float | None], list[str]]:
    """For a column's distinct answers: the text-to-number table, and the answers it cannot
    read (for the reader to fill in; never guessed)."""
    table: dict[str, float | None] = {}
    unknown: list[str] = []
    keys = {normalised(a) for a in answers}
    seven = {"agree", "somewhat agree"} <= keys or {"disagree", "somewhat disagree"} <= keys
    for answer in answers:
        value = SEVEN_POINT.get(normalised(answer), "?") if seven else number_of(answer)
        if seven and value == "?":
            value = number_of(answer)
        if value == "?":
            unknown.append(answer)
        else:
            table[answer] = value
    return table, unknown


def scale_of(table: dict[str, float | None]) -> tuple[int, int] | None:
    """The scale a column's answers fit: (1, 5) for agreement, (0, 10) for recommend-style
    ratings, (1, 7) for seven-point agreement; None when the numbers fit none."""
    numbers = {v for v in table.values() if v is not None}
    if not numbers or any(not math.isfinite(v) or v != int(v) for v in numbers):
        return None
    if numbers <= {1, 2, 3, 4, 5}:
        return (1, 5)
    if numbers <= set(range(1, 8)) and any(k in SEVEN_POINT for k in map(normalised, table)):
        return (1, 7)
    if numbers <= set(range(11)):
        return (0, 10)
    return None


def apply(column: pl.Expr, table: dict[str, float | None], reverse: tuple[int, int] | None):
    """The column as numbers by the table (answers not in it become null); reversed on the
    given scale (low + high − x) for a reverse-worded item."""
    keys = list(table)
    values = pl.Series([table[k] for k in keys], dtype=pl.Float64)
    number = column.replace_strict(keys, values, default=None, return_dtype=pl.Float64)
    if reverse is not None:
        number = reverse[0] + reverse[1] - number
    return number
