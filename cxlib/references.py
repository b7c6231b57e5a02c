"""Published results shown beside the data, as given in the product brief (docs/architecture.md).

Each entry names its finding by a key (strings.REFERENCES words it) and carries the numbers and
the year. The exact citations are to be confirmed by the product owner; the app labels them "as
given in the brief".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .stats import compare_correlations


@dataclass(frozen=True)
class Reference:
    key: str
    """Key of strings.REFERENCES: the finding, its value and its basis in words."""
    year: int
    numbers: dict[str, float] = field(default_factory=dict)
    """Numbers computed here that the value text shows."""


def published() -> tuple[Reference, ...]:
    split = compare_correlations(math.sqrt(0.096), 125, math.sqrt(0.051), 220)
    return (
        Reference("high_touch", 2018),
        Reference("low_touch", 2018),
        Reference("split_test", 2018, {"p": split.p_value}),
        Reference("per_star", 2019),
        Reference("unit_level", 2019),
    )
