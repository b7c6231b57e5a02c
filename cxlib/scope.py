"""Which controls act on this page, and which choices do nothing here, and why.

A control that cannot change what a page shows is disabled with its reason; a reclassification
that moves nothing, or an empty view, says so in words instead of leaving the reader guessing.
"""

from __future__ import annotations

import polars as pl

from .codes import Inactive, Note, Notice
from .dataset import Dataset
from .filters import FilterState
from .touch import inert_moves, touch_expr

PAGES = (
    "overview",
    "industries",
    "linkage",
    "drivers",
    "over_time",
    "breaks",
    "compare",
    "data",
    "surveys",
)
FIXED_LEVEL = {
    "industries": "companies",
    "linkage": "units",
    "drivers": "units",
    "over_time": "units",
}
"""Pages with a level of their own; the others follow the level control."""
UNIT_CONTROLS = ("segment", "channel", "role", "period", "ex", "cx", "lag", "k")
COMPANY_CONTROLS = ("year",)


def level_of(page: str, view: FilterState) -> str:
    """The level a page shows: its own, or the level control's."""
    return FIXED_LEVEL.get(page, view.level)


def inactive(key: str, page: str, level: str) -> Inactive | None:
    """Why the control `key` cannot act on `page` at `level` (None: it acts)."""
    shown = FIXED_LEVEL.get(page, level)
    if key == "level" and page in FIXED_LEVEL:
        return Inactive.LEVEL_FIXED
    if key in UNIT_CONTROLS and shown == "companies":
        return Inactive.UNITS_ONLY
    if key in COMPANY_CONTROLS and shown == "units":
        return Inactive.COMPANIES_ONLY
    if key == "lag" and page == "over_time":
        return Inactive.OWN_LAG
    if key == "ex" and page == "drivers":
        return Inactive.EVERY_THEME
    return None


FIELDS = {
    "segment": "segments",
    "channel": "channels",
    "role": "roles",
    "period": "periods",
    "ex": "ex_metric",
    "cx": "cx_metric",
    "lag": "lag",
    "k": "min_group_size",
    "year": "years",
}
"""The FilterState field each control that can be idle sets."""


def acting(view: FilterState, page: str) -> FilterState:
    """The view with every control that cannot act on this page (at its level) back at its
    default, and the level aside: what the page's numbers depend on."""
    level = level_of(page, view)
    idle = [field for key, field in FIELDS.items() if inactive(key, page, level)]
    return view.without(("level", *idle))


def exploratory(view: FilterState, page: str) -> bool:
    """A view other than the default on this page: its verdicts are one of many a reader could
    have tried. Controls that cannot act here do not count: a segment chosen on Units had
    called the Overview's company-level verdict exploratory, its numbers the default's."""
    return acting(view, page) != acting(FilterState(level=view.level), page)


def move_notes(data: Dataset, view: FilterState, level: str, conflicts=()) -> list[Note]:
    """Reclassifications that change nothing at this level, and companies moved both ways."""
    rows = data.units if level == "units" else data.companies
    if rows is None:
        return []
    notes = [Note(Notice.MOVE_CONFLICT, name, "high") for name in conflicts]
    notes += [
        Note(move.reason, move.name, move.touch)
        for move in inert_moves(rows, data.industries, view.reclassify)
    ]
    return notes


def classes_in(data: Dataset, view: FilterState, level: str) -> set[str]:
    """The touch classes the view's industries hold at this level, as classified now, before
    any other filter or the privacy rule: a class missing here has nothing to show (hotels are
    all high touch), where one thinned by privacy has rows the view may not show."""
    rows = data.units if level == "units" else data.companies
    if rows is None:
        return set()
    if view.industries:
        rows = rows.filter(pl.col("industry").is_in(list(view.industries)))
    return set(rows.select(touch_expr(data.industries, view.reclassify)).to_series().drop_nulls())


def groups_unshown(
    kept: dict[str, tuple[str, ...]], shown: dict[str, pl.DataFrame]
) -> list[tuple[str, str]]:
    """(split, group) of each group a view keeps (`kept`: per split, the groups chosen or all
    the data has) that its split table (`shown`: per split, a frame with that column) has no
    row of: every unit of it under the privacy minimum. Such groups had left a chart without a
    word."""
    present = {by: set(shown[by].get_column(by).to_list()) for by in kept}
    return [
        (by, group) for by, groups in kept.items() for group in groups if group not in present[by]
    ]


def why_empty(data: Dataset, view: FilterState, level: str) -> list[Note]:
    """What emptied a view: chosen industries without data at this level, or a touch filter
    that excludes them. Empty list: no single cause (a combination of filters)."""
    rows = data.units if level == "units" else data.companies
    if rows is None:
        return []
    covered = rows.get_column("industry").unique().sort().to_list()
    notes = []
    if view.industries:
        missing = [i for i in view.industries if i not in covered]
        if missing and level == "units":
            notes.append(Note(Notice.NO_UNIT_DATA, ", ".join(missing), ", ".join(covered)))
            if len(missing) == len(view.industries):
                return notes
    if view.touch:
        held = classes_in(data, view, level)  # every industry has a class: none is null
        if held and not held & set(view.touch):
            # With no industry chosen, the data's own (the note had read ': has no ...').
            held_by = view.industries or tuple(covered)
            notes.append(Note(Notice.TOUCH_EXCLUDES, ", ".join(held_by), view.touch[0]))
    return notes
