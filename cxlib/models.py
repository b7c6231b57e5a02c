"""pydantic models for the small things that enter from outside: manifest, theme map, settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .contract import OUTCOMES
from .strings import worded

Word = Annotated[str, Field(min_length=1, max_length=200)]

ALL_ITEMS = "all"
"""The metric name that averages every item of one side ('ex:all', 'cx:all')."""
RESERVED_NAMES = frozenset({ALL_ITEMS, *OUTCOMES})


MIN_GROUP_BOUNDS = (3, 50)  # below 3 a group is nearly an individual; above 50, no view left


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Manifest(Frozen):
    """What a dataset is, written as manifest.json next to its tables (optional for uploads)."""

    name: str = Field(min_length=1)
    description: str = ""
    name_fi: str = ""
    """The name in Finnish, shown to Finnish readers (empty: the name as it is)."""
    description_fi: str = ""
    """The description in Finnish (empty: the description as it is)."""
    names_fi: tuple[tuple[str, Word], ...] = Field(default=(), max_length=2_000)
    """Finnish words for the data's own names (themes, segments, industries), shown to
    Finnish readers; the tables and the cube keep the names themselves. Written as an object
    in manifest.json ({"Engagement": "Työn imu"}); kept as pairs so the manifest stays
    hashable."""
    synthetic: bool = False
    source: str = ""
    generator: str = ""
    seed: int | None = None
    min_group_size: int | None = Field(default=None, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1])
    """The smallest staff group the data's owner allows to be shown; the deployment's floor
    wins when it is stricter."""
    min_customers: int | None = Field(default=None, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1])
    """The same for customers."""

    @field_validator("names_fi", mode="before")
    @classmethod
    def _pairs(cls, value: object) -> object:
        """An object of words (manifest.json), or the pairs a cube folder stores; anything
        else is refused in words that name the field, not pydantic's "a valid tuple"."""
        if isinstance(value, list | tuple) and all(
            isinstance(pair, list | tuple) and len(pair) == 2 for pair in value
        ):
            return value
        if not isinstance(value, dict):
            raise ValueError('names_fi must be an object: {"a name": "its Finnish word"}')
        for name, word in value.items():
            if not isinstance(word, str) or not 1 <= len(word) <= 200:
                raise ValueError(f"names_fi: the word for {name[:40]!r} must be 1-200 characters")
        return tuple(sorted(value.items()))

    @property
    def finnish_names(self) -> dict[str, str]:
        return dict(self.names_fi)

    def shown_name(self) -> str:
        """The name in the language of the current run, where the manifest has it."""
        return worded(self.name, self.name_fi)

    def shown_description(self) -> str:
        """The description in the language of the current run, where the manifest has it."""
        return worded(self.description, self.description_fi)


class Theme(Frozen):
    """A common theme with the items that measure it on each side."""

    name: str = Field(min_length=1)
    employee_items: tuple[str, ...] = ()
    customer_items: tuple[str, ...] = ()
    questions: tuple[tuple[str, str], ...] = ()
    """(item, question text) pairs; a tuple so the model stays hashable."""

    @property
    def is_common(self) -> bool:
        """True when both staff and customers are asked about the theme."""
        return bool(self.employee_items) and bool(self.customer_items)


class ThemeMap(Frozen):
    themes: tuple[Theme, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> ThemeMap:
        names = [t.name for t in self.themes]
        if len(set(names)) != len(names):
            raise ValueError("theme names must be unique")
        taken = sorted(n for n in names if n.strip().lower() in RESERVED_NAMES)
        if taken:
            raise ValueError(
                f"theme names {', '.join(taken)} are reserved (all items, and the outcomes "
                f"{', '.join(OUTCOMES)}): rename the theme"
            )
        for side in ("employee_items", "customer_items"):
            items = [i for t in self.themes for i in getattr(t, side)]
            repeated = sorted({i for i in items if items.count(i) > 1})
            if repeated:
                raise ValueError(f"items belong to more than one theme: {', '.join(repeated)}")
        if not any(t.is_common for t in self.themes):
            # Named, so that a theme spelled one way on each side is seen (a reader had typed
            # the Finnish name on one side and kept the English suggestion on the other).
            staff = ", ".join(t.name for t in self.themes if t.employee_items)[:300] or "none"
            customer = ", ".join(t.name for t in self.themes if t.customer_items)[:300] or "none"
            raise ValueError(
                "no theme has both an employee item and a customer item (staff themes: "
                f"{staff}; customer themes: {customer})"
            )
        return self

    @property
    def employee_items(self) -> tuple[str, ...]:
        return tuple(i for t in self.themes for i in t.employee_items)

    @property
    def customer_items(self) -> tuple[str, ...]:
        return tuple(i for t in self.themes for i in t.customer_items)

    @property
    def common_themes(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes if t.is_common)

    def theme(self, name: str) -> Theme:
        return next(t for t in self.themes if t.name == name)


class Settings(Frozen):
    """Deployment settings with the field's conventional defaults. Whoever runs the app sets
    them (Streamlit secrets, [privacy] section); a viewer can raise the minimums, never lower
    them."""

    min_group_size: int = Field(default=5, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1])
    """Floor: the smallest number of staff respondents behind any aggregate shown or used."""
    min_customers: int = Field(default=5, ge=MIN_GROUP_BOUNDS[0], le=MIN_GROUP_BOUNDS[1])
    """Floor: the smallest number of customer respondents behind any aggregate."""
    min_units: int = Field(default=30, ge=3)
    """Fewer units or companies than this gets a small-sample warning."""
    confidence: float = Field(default=0.95, gt=0.5, lt=1.0)

    @field_validator("confidence")
    @classmethod
    def _round(cls, v: float) -> float:
        return round(v, 4)


DEFAULT_SETTINGS = Settings()
"""The defaults every function uses unless told otherwise: one source for 5, 30 and 95%."""
