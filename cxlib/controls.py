"""The app's global filters as data: keys (= URL parameters), options, defaults, and the view.

A bound widget writes its option's label into the URL, so labels are the URL values: readable
links, and no label/value mismatch. This module turns control values into a FilterState and
explains, before the widgets drop them silently, which URL values could not be used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .contract import CHANNELS, ROLES
from .dataset import Dataset
from .filters import ALL_ITEMS, MAX_LAG, FilterState, Vocabulary
from .models import MIN_GROUP_BOUNDS
from .touch import Reclassification

LEVELS = {"Units": "units", "Companies": "companies"}
TOUCH = {"Both": (), "High": ("high",), "Low": ("low",)}
ALL_THEMES = "All themes"
OUTCOME_LABELS = {"Satisfaction": "satisfaction", "Recommend": "recommend"}
DEFAULT = FilterState()


@dataclass(frozen=True)
class Control:
    key: str
    kind: Literal["multi", "single", "int"]
    options: tuple[str, ...] = ()
    default: object = None
    low: int = 0
    high: int = 0


def controls(data: Dataset) -> dict[str, Control]:
    """Every global filter for this dataset, keyed by its URL parameter."""
    vocab = Vocabulary.of(data)
    industries = tuple(sorted(vocab.industries))
    default_high = tuple(
        sorted(data.industries.filter(data.industries["touch"] == "high")["industry"])
    )
    ex = (ALL_THEMES, *(m.removeprefix("ex:") for m in vocab.ex_metrics[1:]))
    cx = (*OUTCOME_LABELS, ALL_THEMES, *(m.removeprefix("cx:") for m in vocab.cx_metrics[3:]))
    companies = tuple(sorted(vocab.companies))
    items = [
        Control("level", "single", tuple(LEVELS), "Units" if data.has_linkage else "Companies"),
        Control("industry", "multi", industries, ()),
        Control("touch", "single", tuple(TOUCH), "Both"),
        Control("segment", "multi", vocab.segments, ()),
        Control("channel", "multi", CHANNELS, ()),
        Control("role", "multi", ROLES, ()),
        Control("period", "multi", vocab.periods, ()),
        Control("year", "multi", tuple(str(y) for y in vocab.years), ()),
        Control("ex", "single", ex, ALL_THEMES),
        Control("cx", "single", cx, "Satisfaction"),
        Control("high_touch", "multi", industries, default_high),
        Control("company_high", "multi", companies, ()),
        Control("company_low", "multi", companies, ()),
        Control("lag", "int", (), DEFAULT.lag, 0, MAX_LAG),
        Control("k", "int", (), DEFAULT.min_group_size, *MIN_GROUP_BOUNDS),
    ]
    return {c.key: c for c in items}


def url_notices(params: Mapping[str, Sequence[str]], specs: Mapping[str, Control]) -> list[str]:
    """What in the URL cannot be used (the bound widgets then drop it without a word)."""
    notices = []
    for key, raw in params.items():
        spec = specs.get(key)
        if spec is None:
            continue  # not ours (Streamlit's own, or a page's): leave it alone
        values = [raw] if isinstance(raw, str) else list(raw)
        if spec.kind == "int":
            bad = [v for v in values if not (v.isdigit() and spec.low <= int(v) <= spec.high)]
        else:
            bad = [v for v in values if v and v not in spec.options]
        notices += [f"Ignored '{v}' for {key}: not a valid value for this data." for v in bad]
    return notices


def view_of(values: Mapping[str, object], specs: Mapping[str, Control]) -> FilterState:
    """The FilterState of the current control values (missing keys take their defaults)."""

    def get(key: str):
        return values.get(key, specs[key].default)

    ex = get("ex")
    cx = get("cx")
    defaults = set(specs["high_touch"].default)
    chosen = set(get("high_touch"))
    moved = [(i, "high") for i in sorted(chosen - defaults)]
    moved += [(i, "low") for i in sorted(defaults - chosen)]
    companies = [(c, "high") for c in get("company_high")]
    companies += [(c, "low") for c in get("company_low") if c not in get("company_high")]
    return FilterState(
        level=LEVELS[get("level")],
        industries=tuple(get("industry")),
        touch=TOUCH[get("touch")],
        segments=tuple(get("segment")),
        channels=tuple(get("channel")),
        roles=tuple(get("role")),
        periods=tuple(get("period")),
        years=tuple(int(y) for y in get("year")),
        ex_metric="ex:" + (ALL_ITEMS if ex == ALL_THEMES else ex),
        cx_metric=OUTCOME_LABELS.get(cx) or "cx:" + (ALL_ITEMS if cx == ALL_THEMES else cx),
        lag=int(get("lag")),
        min_group_size=int(get("k")),
        reclassify=Reclassification(industries=tuple(moved), companies=tuple(companies)),
    )


def link_query(values: Mapping[str, object], specs: Mapping[str, Control]) -> dict[str, object]:
    """The query parameters of the current view (defaults left out), for a shareable link."""
    out: dict[str, object] = {}
    for key, spec in specs.items():
        value = values.get(key, spec.default)
        if spec.kind == "multi":
            value = tuple(value)
            if set(value) != set(spec.default):
                out[key] = list(value)
        elif value != spec.default:
            out[key] = str(value)
    return out
