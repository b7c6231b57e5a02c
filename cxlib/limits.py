"""How big a file, and a study, the product reads and serves interactively.

Anything bigger is refused up front with a message that says the limit, rather than taking
minutes or gigabytes to fail (a file of 100,000 columns, a study of 20,000 periods).
"""

from __future__ import annotations

MAX_COLUMNS = 2_000
"""Columns per table: the contract's, plus the theme items and some to spare."""
MAX_UNZIPPED = 200_000_000
"""Bytes an XLSX workbook may unpack to (a zip bomb unpacks to gigabytes)."""
MAX_PERIODS = 60
"""Survey periods of a linkage study: fifteen years of quarters."""
MAX_SEGMENTS = 20
"""Customer segments: each is a column block of the interactive grid (and 3 privacy atoms)."""
MAX_ROLES = 20
"""Staff roles: each is a column block of the interactive grid (and a privacy atom)."""
MAX_MAPPING_BYTES = 5_000_000
"""A saved import mapping: 2,000 columns with their answer tables take well under 1 MB."""
MAX_INDUSTRIES = 1_000
"""Industries: each is a choice in the sidebar, checked and drawn on every run (a fine national
classification has about 700)."""
MAX_GRID_CELLS = 60_000_000
"""Units × periods × grid columns: the interactive grid in memory (about 0.5 GB at most)."""


def study_problems(
    units: int, periods: int, segments: int, roles: int, employee_items: int, customer_items: int
) -> list[str]:
    """What about a linkage study's size the engine cannot serve, in words (empty: it can)."""
    said = []
    for count, limit, what in (
        (periods, MAX_PERIODS, "survey periods"),
        (segments, MAX_SEGMENTS, "customer segments"),
        (roles, MAX_ROLES, "staff roles"),
    ):
        if count > limit:
            said.append(f"{count:,} {what}; the explorer serves at most {limit:,}")
    columns = roles * (employee_items + 1) + segments * 3 * (customer_items + 1)
    if not said and units * periods * columns > MAX_GRID_CELLS:
        said.append(
            f"{units:,} units × {periods:,} periods × {columns:,} grid columns is more than the "
            f"explorer holds in memory ({MAX_GRID_CELLS:,} cells): fewer periods or segments"
        )
    return said
