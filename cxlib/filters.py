"""The whole view in one frozen, hashable model, and its round trip through URL query parameters.

An empty selection means "all". Values are kept sorted so that equal views are equal (and hash
equally as cache keys) whatever order the user picked them in. Parsing never raises: what cannot
be used is dropped and reported as a notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .contract import CHANNELS, ROLES, TOUCH_CLASSES
from .dataset import Dataset
from .models import MIN_GROUP_BOUNDS, Settings
from .touch import Reclassification

Level = Literal["companies", "units"]
Channel = Literal["in-person", "phone", "digital"]
Role = Literal["customer-facing", "back-office"]
Touch = Literal["high", "low"]

ALL_ITEMS = "all"
OUTCOMES = ("satisfaction", "recommend")
MAX_LAG = 4


class FilterState(BaseModel):
    """Everything that defines a view. Empty tuples select everything."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level = "units"
    industries: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    touch: tuple[Touch, ...] = ()
    segments: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    roles: tuple[Role, ...] = ()
    periods: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    """Company panel years; empty selects the latest year, several are averaged per company."""
    ex_metric: str = f"ex:{ALL_ITEMS}"
    """'ex:all' (every employee item) or 'ex:<theme>'."""
    cx_metric: str = "satisfaction"
    """'satisfaction', 'recommend', 'cx:all' or 'cx:<theme>'."""
    lag: int = Field(default=0, ge=0, le=MAX_LAG)
    """Periods by which CX follows EX (0: same period)."""
    min_group_size: int = Field(
        default=Settings().min_group_size, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1]
    )
    reclassify: Reclassification = Reclassification()

    @field_validator(
        "industries", "companies", "touch", "segments", "channels", "roles", "periods", "years"
    )
    @classmethod
    def _canonical(cls, values: tuple) -> tuple:
        return tuple(sorted(set(values)))

    @field_validator("ex_metric")
    @classmethod
    def _ex_metric(cls, value: str) -> str:
        if not value.startswith("ex:") or value == "ex:":
            raise ValueError("an EX metric is 'ex:all' or 'ex:<theme>'")
        return value

    @field_validator("cx_metric")
    @classmethod
    def _cx_metric(cls, value: str) -> str:
        if value not in OUTCOMES and (not value.startswith("cx:") or value == "cx:"):
            raise ValueError("a CX metric is satisfaction, recommend, 'cx:all' or 'cx:<theme>'")
        return value

    # --- URL round trip ---------------------------------------------------------------------

    def to_query(self) -> dict[str, str | list[str]]:
        """Query parameters for this view; defaults are left out to keep links short."""
        default = FilterState()
        out: dict[str, str | list[str]] = {}
        for field, key in QUERY_KEYS.items():
            value = getattr(self, field)
            if value == getattr(default, field):
                continue
            if field == "reclassify":
                if value.industries:
                    out["move_industry"] = [f"{n}:{t}" for n, t in value.industries]
                if value.companies:
                    out["move_company"] = [f"{n}:{t}" for n, t in value.companies]
            elif isinstance(value, tuple):
                out[key] = [str(v) for v in value]
            else:
                out[key] = str(value)
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, str | Sequence[str]]) -> tuple[FilterState, list[str]]:
        """Parse query parameters; unknown keys and invalid values are dropped with a notice."""
        notices: list[str] = []
        values: dict[str, object] = {}
        known = set(QUERY_KEYS.values()) | {"move_industry", "move_company"}
        for key in sorted(set(params) - known):
            notices.append(f"Ignored the unknown link parameter '{key}'.")
        for field, key in QUERY_KEYS.items():
            if field == "reclassify" or key not in params:
                continue
            raw = _as_list(params[key])
            if field in _MULTI_FIELDS:
                kept = [v for v in raw if _valid(field, [v])]
                notices += [
                    f"Ignored '{v}' for {key}: not a valid value." for v in raw if v not in kept
                ]
                values[field] = tuple(kept)
            elif raw and _valid(field, raw[-1]):
                values[field] = raw[-1]
            else:
                notices.append(f"Ignored '{raw[-1] if raw else ''}' for {key}: not a valid value.")
        moves, bad = _parse_moves(params)
        notices += bad
        if moves is not None:
            values["reclassify"] = moves
        return cls.model_validate(values), notices

    # --- against a dataset ------------------------------------------------------------------

    def restrict_to(self, vocabulary: Vocabulary) -> tuple[FilterState, list[str]]:
        """Drop values the dataset does not have (e.g. a link made on other data), with notices."""
        notices: list[str] = []
        update: dict[str, object] = {}
        for field, allowed in (
            ("industries", vocabulary.industries),
            ("companies", vocabulary.companies),
            ("segments", vocabulary.segments),
            ("periods", vocabulary.periods),
            ("years", vocabulary.years),
        ):
            current = getattr(self, field)
            kept = tuple(v for v in current if v in allowed)
            if kept != current:
                dropped = ", ".join(str(v) for v in current if v not in allowed)
                notices.append(f"Ignored {field} not in this dataset: {dropped}.")
                update[field] = kept
        if self.ex_metric not in vocabulary.ex_metrics:
            notices.append(f"Ignored the EX metric '{self.ex_metric}': not in this dataset.")
            update["ex_metric"] = FilterState().ex_metric
        if self.cx_metric not in vocabulary.cx_metrics:
            notices.append(f"Ignored the CX metric '{self.cx_metric}': not in this dataset.")
            update["cx_metric"] = FilterState().cx_metric
        moves = self.reclassify
        kept_i = tuple(p for p in moves.industries if p[0] in vocabulary.industries)
        kept_c = tuple(p for p in moves.companies if p[0] in vocabulary.companies)
        if (kept_i, kept_c) != (moves.industries, moves.companies):
            notices.append(
                "Ignored reclassifications of industries or companies not in this dataset."
            )
            update["reclassify"] = Reclassification(industries=kept_i, companies=kept_c)
        return self.model_copy(update=update), notices


QUERY_KEYS = {
    "level": "level",
    "industries": "industry",
    "companies": "company",
    "touch": "touch",
    "segments": "segment",
    "channels": "channel",
    "roles": "role",
    "periods": "period",
    "years": "year",
    "ex_metric": "ex",
    "cx_metric": "cx",
    "lag": "lag",
    "min_group_size": "k",
    "reclassify": "move",
}
_MULTI_FIELDS = {
    "industries",
    "companies",
    "touch",
    "segments",
    "channels",
    "roles",
    "periods",
    "years",
}


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _valid(field: str, value: object) -> bool:
    try:
        FilterState.model_validate({field: value})
    except ValidationError:
        return False
    return True


def _parse_moves(
    params: Mapping[str, str | Sequence[str]],
) -> tuple[Reclassification | None, list[str]]:
    pairs: dict[str, list[tuple[str, str]]] = {"industries": [], "companies": []}
    notices = []
    for key, field in (("move_industry", "industries"), ("move_company", "companies")):
        for raw in _as_list(params.get(key, [])):
            name, _, touch = raw.rpartition(":")
            if name and touch in TOUCH_CLASSES:
                pairs[field].append((name, touch))
            else:
                notices.append(f"Ignored '{raw}' for {key}: expected name:high or name:low.")
    if not pairs["industries"] and not pairs["companies"]:
        return None, notices
    return Reclassification(**pairs), notices


@dataclass(frozen=True)
class Vocabulary:
    """What a dataset offers to filter on."""

    industries: frozenset[str]
    companies: frozenset[str]
    segments: tuple[str, ...]
    periods: tuple[str, ...]
    years: tuple[int, ...]
    ex_metrics: tuple[str, ...]
    cx_metrics: tuple[str, ...]
    channels: tuple[str, ...] = CHANNELS
    roles: tuple[str, ...] = ROLES

    @classmethod
    def of(cls, data: Dataset) -> Vocabulary:
        industries = set(data.industries["industry"])
        companies: set[str] = set()
        years: tuple[int, ...] = ()
        segments: tuple[str, ...] = ()
        ex_metrics, cx_metrics = [f"ex:{ALL_ITEMS}"], list(OUTCOMES)
        if data.companies is not None:
            companies |= set(data.companies["company"])
            years = tuple(sorted(set(data.companies["year"])))
        if data.has_linkage:
            companies |= set(data.units["company"])
            segments = tuple(
                data.customer.select(pl.col("segment").unique().sort()).to_series().to_list()
            )
            themes = data.theme_map.themes
            ex_metrics += [f"ex:{t.name}" for t in themes if t.employee_items]
            cx_metrics += [f"cx:{ALL_ITEMS}"] + [f"cx:{t.name}" for t in themes if t.customer_items]
        return cls(
            industries=frozenset(industries),
            companies=frozenset(companies),
            segments=segments,
            periods=data.periods,
            years=years,
            ex_metrics=tuple(ex_metrics),
            cx_metrics=tuple(cx_metrics),
        )


def parse_view(
    params: Mapping[str, str | Sequence[str]], data: Dataset
) -> tuple[FilterState, list[str]]:
    """Query parameters → a view valid for this dataset, with notices of what was dropped."""
    state, notices = FilterState.from_query(params)
    state, more = state.restrict_to(Vocabulary.of(data))
    return state, notices + more
