"""Published results shown beside the data, as given in the product brief (docs/architecture.md).

Each entry says what was measured, on what, and the year. The exact citations are to be
confirmed by the product owner; the app labels them "as given in the brief".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .stats import compare_correlations


@dataclass(frozen=True)
class Reference:
    finding: str
    value: str
    basis: str
    year: int


def published() -> tuple[Reference, ...]:
    split = compare_correlations(math.sqrt(0.096), 125, math.sqrt(0.051), 220)
    return (
        Reference(
            "Company level, high-touch industries",
            "r ≈ 0.31 (R² = 0.096, n = 125)",
            "Employer ratings vs ACSI customer index, 345 US companies",
            2018,
        ),
        Reference(
            "Company level, low-touch industries",
            "r ≈ 0.23 (R² = 0.051, n = 220)",
            "Same study",
            2018,
        ),
        Reference(
            "Is the high/low difference significant?",
            f"No: Fisher z test p = {split.p_value:.2f}",
            "Computed here from the published R² and n",
            2018,
        ),
        Reference(
            "Customer index per employer-review star",
            "+1.3 points overall; +3.2 in high-contact sectors",
            "Employer-review study (ratings vs customer satisfaction)",
            2019,
        ),
        Reference(
            "Unit level, employee vs customer measures",
            "r ≈ 0.3 (meta-analytic)",
            "Linkage research across business units",
            2019,
        ),
    )
