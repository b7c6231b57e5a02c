"""Every code cxlib hands to a reader: caveats on results, quadrants, notices about a view.

cxlib never words them; strings.py does (a test proves every code has its text). Codes are
StrEnums, so a result's warnings compare and hash as the plain strings they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Caveat(StrEnum):
    """Why a number should be read with care (carried in results, never raised)."""

    EMPTY = "empty"
    """No rows have both values."""
    TOO_FEW = "too_few"
    """Fewer than 4 pairs: no interval, no comparison."""
    ZERO_VARIANCE = "zero_variance"
    SMALL_SAMPLE = "small_sample"
    """Fewer units or companies than Settings.min_units."""
    EMPTY_SELECTION = "empty_selection"
    SUPPRESSED = "suppressed"
    """Some unit-periods are hidden for privacy."""
    THIN_UNITS = "thin_units"
    """Few staff answers per unit: unit means are noisy."""
    COLLINEAR = "collinear"
    """Drivers (almost) perfectly correlated: relative weights are unstable."""
    REPEATED_UNITS = "repeated_units"
    """Pairs of periods of one unit are not independent (handled by resampling units)."""
    FEW_COMPANIES = "few_companies"
    """Fewer than 4 companies in a class: the result describes these companies only."""
    FEW_FOR_BREAKS = "few_for_breaks"
    """Fewer than 10 points: no line worth testing a point against."""
    FEW_FOR_DRIVERS = "few_for_drivers"
    """Fewer than 150 units: driver weights and ranks are unstable."""
    FEW_PERIODS = "few_periods"
    """Fewer than MIN_WITHIN_UNITS units with two pairs of consecutive periods: no within-unit
    lead."""


class Quadrant(StrEnum):
    """Where a driver sits on the priority matrix: impact × current staff score."""

    DEVELOP_FIRST = "develop_first"
    KEEP_STRONG = "keep_strong"
    WATCH = "watch"
    MAINTAIN = "maintain"
    NOT_SEPARABLE = "not_separable"
    """The driver's impact cannot be told apart from the middle driver's."""


class Notice(StrEnum):
    """Something about the view the reader should know (link values dropped, moves inert)."""

    BAD_LINK_VALUE = "bad_link_value"
    """A link parameter's value cannot be used here; it is dropped."""
    BAD_MODE_VALUE = "bad_mode_value"
    """A link's language or presentation mode is none of its values; it is dropped (the data
    has nothing to do with it)."""
    REPEATED_LINK_VALUE = "repeated_link_value"
    """A link gives a one-value control several values; the last counts."""
    UNKNOWN_LINK_KEY = "unknown_link_key"
    """A link parameter names no setting of this app; it is dropped."""
    UNKNOWN_LINK_KEY_NEAR = "unknown_link_key_near"
    """The same, with a setting of a near name (a typing slip), named as the value."""
    BELOW_FLOOR = "below_floor"
    """A link asks for a minimum group under the deployment's floor; the floor stands."""
    MOVE_ALREADY = "move_already"
    """A reclassification moves a company or industry into the class it already has."""
    MOVE_ABSENT = "move_absent"
    """A reclassification names a company with no data at the current level."""
    MOVE_CONFLICT = "move_conflict"
    """A company is moved to both classes; the high-touch move wins."""
    NO_UNIT_DATA = "no_unit_data"
    """The chosen industries have no units in the linkage study."""
    TOUCH_EXCLUDES = "touch_excludes"
    """The touch filter excludes every unit (or company) of the chosen industries."""


class Inactive(StrEnum):
    """Why a control cannot act on the current page or level (it is shown disabled)."""

    UNITS_ONLY = "units_only"
    """A unit-level filter, while the page shows companies."""
    COMPANIES_ONLY = "companies_only"
    """A company-level filter, while the page shows units."""
    LEVEL_FIXED = "level_fixed"
    """The page has one level of its own."""
    OWN_LAG = "own_lag"
    """The page pairs consecutive periods itself."""
    EVERY_THEME = "every_theme"
    """The page uses every staff theme at once."""


@dataclass(frozen=True)
class Note:
    """A notice with what it is about: strings.py words it (NOTICES[code].format(...))."""

    code: Notice
    subject: str = ""
    """The link parameter, company or industry it is about."""
    value: str = ""
    """The offending value, or the touch class."""
