"""What a metric is: its name, the items it averages, the scale it is on, and how to round it.

A metric is named as its column in the unit table: "ex:all" or "ex:<theme>" for staff,
"cx:all", "cx:<theme>" or "cx:<outcome>" for customers. Names come from the theme map and the
contract's outcomes, never from display labels.
"""

from __future__ import annotations

import math

from .contract import LIKERT_SCALE, OUTCOME_SCALE, OUTCOMES
from .models import ALL_ITEMS, ThemeMap

EX, CX = "ex", "cx"
EX_ALL, CX_ALL = f"{EX}:{ALL_ITEMS}", f"{CX}:{ALL_ITEMS}"
Scale = tuple[float, float]


def metric(side: str, name: str) -> str:
    return f"{side}:{name}"


def name_of(metric_name: str) -> str:
    """'cx:Enablement' → 'Enablement'."""
    return metric_name.split(":", 1)[1]


def ex_metrics(themes: ThemeMap | None) -> tuple[str, ...]:
    """Every staff metric: all items, then each theme that staff are asked about."""
    named = themes.themes if themes else ()
    return (EX_ALL, *(metric(EX, t.name) for t in named if t.employee_items))


def cx_metrics(themes: ThemeMap | None) -> tuple[str, ...]:
    """Every customer metric: the outcomes, all items, then each theme customers are asked."""
    named = themes.themes if themes else ()
    outcomes = tuple(metric(CX, o) for o in OUTCOMES)
    return (*outcomes, CX_ALL, *(metric(CX, t.name) for t in named if t.customer_items))


def items_of(metric_name: str, themes: ThemeMap) -> tuple[str, ...]:
    """The response columns a metric averages."""
    side, name = metric_name.split(":", 1)
    if side == CX and name in OUTCOMES:
        return (name,)
    if name == ALL_ITEMS:
        return themes.employee_items if side == EX else themes.customer_items
    theme = themes.theme(name)
    return theme.employee_items if side == EX else theme.customer_items


def scale_of(metric_name: str) -> Scale:
    """The answer scale of a metric: outcomes 0–10, theme items 1–5."""
    side, name = metric_name.split(":", 1)
    return OUTCOME_SCALE if side == CX and name in OUTCOMES else LIKERT_SCALE


def decimals(scale: Scale) -> int:
    """Decimals a reader needs on a scale: two on 1–5 (and r), one on 0–10, none on 0–100."""
    span = scale[1] - scale[0]
    return 2 if span <= 4 else 1 if span <= 10 else 0


def window(centre: float, scale: Scale, fraction: float = 0.25) -> tuple[float, float, float]:
    """An axis range covering `fraction` of the scale around centre, and its tick step.

    The range starts on a multiple of the step, so every tick is a round number (3.2, not
    3.174), and stays inside the scale. Equal fractions on two axes make equal heights mean
    equal shares of each scale.
    """
    low, high = scale
    span = (high - low) * fraction
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw - 1e-12)
    start = math.floor((centre - span / 2) / step + 1e-9) * step
    start = min(max(start, low), high - span)
    return round(start, 10), round(start + span, 10), step
