"""Confidentiality by mechanism: floors only a deployment lowers, blocks no views subtract.

The attack: read two views of the same unit and subtract (counts, and means times counts). A
small group leaks when one view's people are a subset of the other's and the rest is smaller
than the floor. The test reads every view reachable through the filters, rebuilds from the raw
responses which people each displayed number covers, checks that the number is exactly theirs,
and that no two displayed groups differ by fewer than the floor.

Every displayed number of a view is a sum over the unit-periods it shows (checked below), and
units and periods hold different people; so a difference of two views is a sum of per-period
differences and whole per-period groups. Checking every pair of displayed per-period groups,
and that every per-period group reaches the floor, therefore covers every pair of views. On the
crafted study the pairs of whole-view groups are checked directly as well.
"""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
import pytest

import cxlib
from cxlib.filters import FilterState
from cxlib.models import Manifest, Settings
from cxlib.privacy import Floors, staff_blocks

from .crafted import CHANNELS, PERIODS, ROLES, SEGMENTS, crafted

FLOOR = 5


def subsets(values) -> list[tuple]:
    """Every non-empty subset (the empty choice means all, which is the full subset)."""
    return [c for r in range(1, len(values) + 1) for c in itertools.combinations(values, r)]


def raw_atoms(data: cxlib.Dataset) -> tuple[dict, dict]:
    """People per atom from the raw responses: (unit, period, role) and (unit, period,
    segment, channel) → (count, sum of the first EX item or satisfaction)."""
    staff = (
        data.employee.with_columns(pl.col("role").cast(pl.String))
        .group_by("unit_id", "period", "role")
        .agg(pl.len().alias("n"), pl.col(data.theme_map.employee_items[0]).sum().alias("s"))
    )
    customers = (
        data.customer.with_columns(pl.col("segment", "channel").cast(pl.String))
        .group_by("unit_id", "period", "segment", "channel")
        .agg(pl.len().alias("n"), pl.col("satisfaction").cast(pl.Int64).sum().alias("s"))
    )

    def table(frame, keys):
        return {tuple(row[:keys]): (row[keys], row[keys + 1]) for row in frame.iter_rows()}

    return table(staff, 3), table(customers, 4)


class Audit:
    """Displayed per-period groups, rebuilt from raw atoms and checked as they come in."""

    def __init__(self, data: cxlib.Dataset):
        self.staff, self.customers = raw_atoms(data)
        self.periods = data.periods
        self.groups: dict[tuple, set[frozenset]] = {}
        self.cells = 0

    def add(self, units: cxlib.UnitTable, roles, segments, channels) -> None:
        """Check each displayed unit-period: exact people, at least the view's minimums."""
        view, (k_staff, k_customers) = units.view, units.hidden.minimums
        for row in units.table.iter_rows(named=True):
            unit, period = row["unit_id"], row["period"]
            later = self.periods[self.periods.index(period) + view.lag]
            staff = frozenset(
                (period, r) for r in roles if self.staff.get((unit, period, r), (0, 0))[0]
            )
            customers = frozenset(
                (later, s, c)
                for s in segments
                for c in channels
                if self.customers.get((unit, later, s, c), (0, 0))[0]
            )
            n_staff = sum(self.staff[(unit, p, r)][0] for p, r in staff)
            n_customers = sum(self.customers[(unit, *a)][0] for a in customers)
            satisfaction = sum(self.customers[(unit, *a)][1] for a in customers)
            assert row["n_staff"] == n_staff and row["n_customers"] == n_customers, row
            assert row["cx:satisfaction"] * n_customers == pytest.approx(satisfaction), row
            assert n_staff >= k_staff and n_customers >= k_customers, row
            self.groups.setdefault(("staff", unit), set()).add(staff)
            self.groups.setdefault(("customers", unit), set()).add(customers)
            self.cells += 1

    def size(self, side: str, unit: str, atoms) -> int:
        table = self.staff if side == "staff" else self.customers
        return sum(table[(unit, *a)][0] for a in atoms)

    def subtractions(self, floor: int) -> list[tuple]:
        """Pairs of displayed groups, one inside the other, that differ by 1..floor-1 people."""
        leaks = []
        for (side, unit), sets in self.groups.items():
            for a, b in itertools.permutations(sets, 2):
                if a < b and 0 < self.size(side, unit, b - a) < floor:
                    leaks.append((side, unit, sorted(a), sorted(b)))
        return leaks


def per_period(engine, roles, segments, channels, lag=0, k=FLOOR, by=None) -> cxlib.UnitTable:
    view = FilterState(roles=roles, segments=segments, channels=channels, lag=lag)
    return engine.unit_table(view.model_copy(update={"min_group_size": k}), by, per_period=True)


# --- the crafted study: every view -----------------------------------------------------------


@pytest.fixture(scope="module")
def hard():
    data = crafted()
    return data, cxlib.Linkage(data)


def test_every_view_of_the_crafted_study_is_safe(hard):
    data, engine = hard
    audit = Audit(data)
    for roles, segments, channels in itertools.product(
        subsets(ROLES), subsets(SEGMENTS), subsets(CHANNELS)
    ):
        for lag, k in itertools.product((0, 1, 2), (FLOOR, FLOOR + 1)):
            audit.add(
                per_period(engine, roles, segments, channels, lag, k), roles, segments, channels
            )
    assert audit.cells > 500  # the views show something: safety is not bought by showing nothing
    assert audit.subtractions(FLOOR) == []


def test_whole_views_are_sums_of_their_periods_and_never_subtract(hard):
    """Every period choice: a unit's numbers are the sum of the unit-periods shown for it, and
    no two whole-view groups of a unit differ by fewer than the floor."""
    data, engine = hard
    audit = Audit(data)
    people: dict[str, set[frozenset]] = {}
    for roles, segments, channels in itertools.product(
        subsets(ROLES), subsets(SEGMENTS), subsets(CHANNELS)
    ):
        cells = per_period(engine, roles, segments, channels)
        audit.add(cells, roles, segments, channels)
        for periods in subsets(PERIODS):
            view = FilterState(roles=roles, segments=segments, channels=channels, periods=periods)
            whole = engine.unit_table(view).table
            parts = cells.table.filter(pl.col("period").is_in(list(periods)))
            expected = parts.group_by("unit_id").agg(pl.col("n_staff", "n_customers").sum())
            got = whole.select("unit_id", "n_staff", "n_customers")
            assert got.sort("unit_id").equals(expected.sort("unit_id").select(got.columns))
            for unit, part in parts.group_by("unit_id"):
                group = frozenset(
                    (p, r)
                    for p in part["period"]
                    for r in roles
                    if audit.staff.get((unit[0], p, r), (0, 0))[0]
                )
                people.setdefault(unit[0], set()).add(group)
    for unit, groups in people.items():
        for a, b in itertools.permutations(groups, 2):
            if a < b:
                assert audit.size("staff", unit, b - a) >= FLOOR, (unit, sorted(a), sorted(b))


def test_splits_show_what_the_single_choice_views_show(hard):
    """By role (segment, channel): each split value's rows are that single choice's view."""
    data, engine = hard
    for by, values in (("role", ROLES), ("segment", SEGMENTS), ("channel", CHANNELS)):
        split = per_period(engine, (), (), (), by=by).table
        for value in values:
            choice = [(value,) if d == by else () for d in ("role", "segment", "channel")]
            alone = per_period(engine, *choice).table
            mine = split.filter(pl.col(by) == value).drop(by)
            assert mine.select(alone.columns).equals(alone), (by, value)


# --- the shipped sample ------------------------------------------------------------------------


def test_every_filter_choice_on_the_sample_is_safe(sample, engine):
    """Every choice of roles, segments and channels, at lag 0 and 1 (a lag moves customers to a
    later period, the same cells: lags 0 to 2 are all checked on the crafted study)."""
    audit = Audit(sample)
    roles, segments = engine.dimensions.roles, engine.dimensions.segments
    for r, s, c in itertools.product(subsets(roles), subsets(segments), subsets(CHANNELS)):
        audit.add(per_period(engine, r, s, c), r, s, c)
    for r, c in itertools.product(subsets(roles), subsets(CHANNELS)):
        audit.add(per_period(engine, r, segments, c, lag=1), r, segments, c)
    assert audit.cells > 50_000  # most cells stay visible: 2,528 of 2,640 in the default view
    assert audit.subtractions(FLOOR) == []


# --- floors: set by the deployment and the data, raised by a viewer, never lowered ------------


def test_a_viewer_may_raise_the_minimum_but_never_lower_it():
    floors = Floors.of(Settings(min_group_size=7, min_customers=6))
    assert floors.minimums(FilterState(min_group_size=3)) == (7, 6)
    assert floors.minimums(FilterState(min_group_size=9)) == (9, 9)


def test_the_data_owner_can_raise_the_floor_not_lower_it():
    strict = Manifest(name="x", min_group_size=10)
    lax = Manifest(name="x", min_group_size=3, min_customers=3)
    assert Floors.of(Settings(), strict) == Floors(10, 5)
    assert Floors.of(Settings(), lax) == Floors(5, 5)


def test_the_engine_applies_the_deployment_floor_to_every_view(sample):
    engine = cxlib.Linkage(sample, Settings(min_group_size=8, min_customers=12))
    for view in (FilterState(min_group_size=3), FilterState(roles=("back-office",))):
        table = engine.unit_table(view, per_period=True).table
        assert table["n_staff"].min() >= 8 and table["n_customers"].min() >= 12
        assert engine.unit_table(view).hidden.minimums == (8, 12)


def test_hidden_groups_are_counted_not_silently_dropped(engine):
    everyone = engine.unit_table(FilterState())
    facing = engine.unit_table(FilterState(roles=("customer-facing",)))
    assert everyone.hidden.cells > 0 and "suppressed" in everyone.warnings
    assert facing.hidden.cells > everyone.hidden.cells  # splitting costs cells, said so
    assert facing.hidden.units >= 0 and facing.hidden.minimums == (FLOOR, FLOOR)


def test_small_groups_join_the_next_smallest_until_every_block_reaches_the_floor():
    """By hand: roles of 6, 2, 4 and 0 people, floor 5: the 2 joins the 4 (6 people), the 6
    stands alone; a row of 1, 2 becomes one block of 3 that no view may show."""
    counts = np.array([[6, 2, 4, 0], [1, 2, 0, 0]])
    blocks = staff_blocks(counts, 5)
    assert blocks.shown([0], 5).tolist() == [True, False]
    assert blocks.shown([1, 2], 5).tolist() == [True, False]
    assert blocks.shown([1], 5).tolist() == [False, False]  # would split the block {2, 4}
    assert blocks.shown([0, 1, 2, 3], 5).tolist() == [True, False]
