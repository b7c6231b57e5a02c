"""The whole view in one frozen, hashable model: what the reader has chosen to look at.

An empty selection means "all". Values are kept sorted so that equal views are equal (and hash
equally as cache keys) whatever order the user picked them in.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .contract import OUTCOMES, Channel, Level, Touch
from .metrics import CX, EX, EX_ALL, metric
from .models import DEFAULT_SETTINGS, MIN_GROUP_BOUNDS
from .touch import Reclassification

MAX_LAG = 4
UNIT_FIELDS = ("segments", "channels", "roles", "periods", "ex_metric", "cx_metric", "lag")
"""Fields that only the unit level (the linkage study) uses."""
PANEL_FIELDS = ("years",)
"""Fields that only the company level (the panel) uses."""


class FilterState(BaseModel):
    """Everything that defines a view. Empty tuples select everything."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level = "units"
    industries: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    touch: tuple[Touch, ...] = ()
    segments: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    roles: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    """Company panel years; empty selects the latest year, several are averaged per company."""
    ex_metric: str = EX_ALL
    """'ex:all' (every employee item) or 'ex:<theme>'."""
    cx_metric: str = metric(CX, OUTCOMES[0])
    """'cx:satisfaction', 'cx:recommend', 'cx:all' or 'cx:<theme>'."""
    lag: int = Field(default=0, ge=0, le=MAX_LAG)
    """Periods by which CX follows EX (0: same period)."""
    min_group_size: int = Field(
        default=DEFAULT_SETTINGS.min_group_size, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1]
    )
    reclassify: Reclassification = Reclassification()

    @field_validator(
        "industries", "companies", "touch", "segments", "channels", "roles", "periods", "years"
    )
    @classmethod
    def _canonical(cls, values: tuple) -> tuple:
        return tuple(sorted(set(values)))

    @field_validator("ex_metric", "cx_metric")
    @classmethod
    def _metric(cls, value: str, info) -> str:
        side = EX if info.field_name == "ex_metric" else CX
        if not value.startswith(f"{side}:") or value == f"{side}:":
            raise ValueError(f"a metric of this side is '{side}:<name>', not {value!r}")
        return value

    def without(self, fields: tuple[str, ...]) -> FilterState:
        """The same view with fields back at their defaults (a cache key that ignores them)."""
        return self.model_copy(update={f: FilterState.model_fields[f].default for f in fields})
