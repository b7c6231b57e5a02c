"""Which groups may be shown: the floor a deployment sets, and blocks that no views subtract.

People are counted in atoms: staff by unit × period × role, customers by unit × period ×
segment × channel. Within each unit-period the atoms are grouped into blocks so that every
block with anyone in it holds at least the floor (a small atom is merged with the next-smallest
group, as trusted survey platforms hide the next-smallest group). Customer blocks are products
of segment groups and channel groups, so a view of whole segments and whole channels stays a
union of blocks; where a unit-period cannot keep both, it keeps its channels (the encounter is
what the product is about) unless that costs more views.

A view shows a unit-period's staff (or customers) only when the atoms it selects are a union
of whole blocks holding at least the view's minimum. Every number of every view is then a sum
of whole blocks, so no difference of views, however many, isolates fewer people than the floor.
Blocks are formed at the floor, never at a viewer's higher minimum: views at different minimums
still share one set of blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .filters import FilterState
from .models import DEFAULT_SETTINGS, Manifest, Settings

_NONE = np.iinfo(np.int64).max
CHANNEL_WEIGHT = 2  # a lost channel view costs more than a lost segment view


@dataclass(frozen=True)
class Floors:
    """The smallest groups ever shown or used, as the deployment and the data set them."""

    staff: int
    customers: int

    @classmethod
    def of(cls, settings: Settings = DEFAULT_SETTINGS, manifest: Manifest | None = None) -> Floors:
        """The stricter of the deployment's settings and the dataset's manifest."""
        staff, customers = settings.min_group_size, settings.min_customers
        if manifest is not None:
            staff = max(staff, manifest.min_group_size or 0)
            customers = max(customers, manifest.min_customers or 0)
        return cls(staff, customers)

    def minimums(self, view: FilterState) -> tuple[int, int]:
        """(staff, customers) minimum for a view: a viewer may raise the floor, never lower it."""
        return max(self.staff, view.min_group_size), max(self.customers, view.min_group_size)


@dataclass(frozen=True, eq=False)
class Blocks:
    """The blocks of one side, atom by atom (atoms × grid rows, so that a view's atoms are
    read as contiguous lines): people per atom and the bitmask of the atom's block."""

    people: np.ndarray
    """People per atom (atoms × rows)."""
    covers: np.ndarray
    """Bitmask of the atoms in each atom's block, 0 for an empty atom (atoms × rows)."""
    occupied: np.ndarray
    """Bitmask of the row's atoms with anyone in them (rows)."""

    @classmethod
    def of(cls, counts: np.ndarray, labels: np.ndarray) -> Blocks:
        """From people and block labels per row and atom (rows × atoms)."""
        atoms = counts.shape[1]
        if atoms > 63:
            raise ValueError(f"at most 63 atoms per side, not {atoms}")
        bits = np.left_shift(np.uint64(1), np.arange(atoms, dtype=np.uint64))
        present = counts > 0
        covers = np.zeros((atoms, counts.shape[0]), dtype=np.uint64)
        for atom in range(atoms):  # a few dozen atoms, each a vectorised pass over the rows
            same = (labels == labels[:, [atom]]) & present
            covers[atom] = np.where(present[:, atom], (same * bits).sum(axis=1), 0)
        occupied = (present * bits).sum(axis=1).astype(np.uint64)
        return cls(np.ascontiguousarray(counts.T, dtype=np.int64), covers, occupied)

    @classmethod
    def pooled(cls, counts: np.ndarray, masks: np.ndarray) -> Blocks:
        """Blocks as a stored cube keeps them (sealing.py): each block's people counted on its
        first atom, the masks (rows × atoms) as formed at the floor when the cube was sealed."""
        return cls(
            np.ascontiguousarray(counts.T, dtype=np.int64),
            np.ascontiguousarray(masks.T),
            np.bitwise_or.reduce(masks, axis=1),
        )

    @property
    def masks(self) -> np.ndarray:
        """The block masks, rows × atoms (a view)."""
        return self.covers.T

    def answered(self, chosen: list[int]) -> np.ndarray:
        """Rows where anyone is in the chosen atoms."""
        wanted = np.uint64(sum(1 << atom for atom in chosen))
        return (self.occupied & wanted) != 0

    def shown(self, chosen: list[int], minimum: int) -> np.ndarray:
        """Rows whose chosen atoms are a union of whole blocks with at least `minimum` people."""
        wanted = np.uint64(sum(1 << atom for atom in chosen))
        closure = np.zeros(len(self.occupied), dtype=np.uint64)
        people = np.zeros(len(self.occupied), dtype=np.int64)
        for atom in chosen:  # one contiguous pass per atom
            closure |= self.covers[atom]
            people += self.people[atom]
        return (closure == (wanted & self.occupied)) & (people >= minimum)


def staff_blocks(counts: np.ndarray, floor: int) -> Blocks:
    """Blocks of roles (counts: rows × roles)."""
    return Blocks.of(counts, _merged(counts, floor))


def customer_blocks(counts: np.ndarray, floor: int) -> Blocks:
    """Blocks of segment groups × channel groups (counts: rows × segments × channels); atoms
    are numbered segment by segment (segment * channels + channel)."""
    rows, segments, channels = counts.shape
    by_segments = _product(counts, floor, first=0)
    by_channels = _product(counts, floor, first=1)
    cost = [_lost(labels, segments, channels) for labels in (by_segments, by_channels)]
    labels = np.where((cost[1] < cost[0])[:, None], by_channels, by_segments)
    return Blocks.of(counts.reshape(rows, segments * channels), labels)


def _merged(counts: np.ndarray, floor: int) -> np.ndarray:
    """Labels per atom: the smallest group under the floor joins the next-smallest, until
    every occupied group reaches the floor or one group is left (vectorised over rows)."""
    rows, atoms = counts.shape
    labels = np.tile(np.arange(atoms), (rows, 1))
    for _ in range(atoms - 1):  # at most atoms - 1 merges per row
        totals = _totals(counts, labels, atoms)
        small, other = _small_and_next(totals, floor)
        if not (go := (small >= 0) & (other >= 0)).any():
            break
        labels[go] = np.where(labels[go] == other[go, None], small[go, None], labels[go])
    return labels


def _product(counts: np.ndarray, floor: int, first: int) -> np.ndarray:
    """Labels of segment × channel atoms as products of groups: small blocks merge groups of
    the `first` dimension (0 segments, 1 channels) while it has more than one group."""
    rows, segments, channels = counts.shape
    groups = [np.tile(np.arange(segments), (rows, 1)), np.tile(np.arange(channels), (rows, 1))]
    for _ in range(segments + channels):  # each pass merges one group per row at most
        labels = (groups[0][:, :, None] * channels + groups[1][:, None, :]).reshape(rows, -1)
        totals = _totals(counts.reshape(rows, -1), labels, segments * channels)
        block = np.where((totals > 0) & (totals < floor), totals, _NONE).argmin(axis=1)
        needs = np.take_along_axis(totals, block[:, None], axis=1)[:, 0]
        needs = (needs > 0) & (needs < floor)
        if not needs.any():
            return labels
        merged_any = np.zeros(rows, dtype=bool)
        for dimension in (first, 1 - first):
            target = (block // channels) if dimension == 0 else (block % channels)
            sizes = counts.sum(axis=2 - dimension)  # people per segment (or channel)
            group_totals = _totals(sizes, groups[dimension], sizes.shape[1])
            _, partner = _small_and_next(group_totals, _NONE, given=target)
            go = needs & ~merged_any & (partner >= 0)
            g = groups[dimension]
            g[go] = np.where(g[go] == partner[go, None], target[go, None], g[go])
            merged_any |= go
    return (groups[0][:, :, None] * channels + groups[1][:, None, :]).reshape(rows, -1)


def _totals(counts: np.ndarray, labels: np.ndarray, size: int) -> np.ndarray:
    """People per label (rows × size): one bincount over every row's atoms (np.add.at per
    atom took 0.14 s of the 20M build's sealing); float weights are exact below 2^53."""
    rows = counts.shape[0]
    index = np.arange(rows)[:, None] * size + labels
    totals = np.bincount(index.ravel(), weights=counts.ravel(), minlength=rows * size)
    return totals.reshape(rows, size).astype(np.int64)


def _small_and_next(totals: np.ndarray, floor: int, given: np.ndarray | None = None):
    """Per row: the smallest occupied group under the floor (or the given one), and the
    smallest other occupied group to merge it with; -1 where there is none."""
    rows = np.arange(totals.shape[0])
    occupied = totals > 0
    if given is None:
        small = np.where(occupied & (totals < floor), totals, _NONE).argmin(axis=1)
        has_small = np.take_along_axis(totals, small[:, None], axis=1)[:, 0]
        has_small = (has_small > 0) & (has_small < floor)
    else:
        small, has_small = given, np.ones(len(rows), dtype=bool)
    other = np.where(occupied, totals, _NONE)
    other[rows, small] = _NONE
    partner = other.argmin(axis=1)
    has_partner = other[rows, partner] < _NONE
    return np.where(has_small, small, -1), np.where(has_small & has_partner, partner, -1)


def _lost(labels: np.ndarray, segments: int, channels: int) -> np.ndarray:
    """Views a row loses to its blocks: segments and channels no longer alone in their group."""
    grid = labels.reshape(-1, segments, channels)
    segment_of = grid[:, :, 0] // channels
    channel_of = grid[:, 0, :] % channels
    alone_s = (segment_of[:, :, None] == segment_of[:, None, :]).sum(axis=2) == 1
    alone_c = (channel_of[:, :, None] == channel_of[:, None, :]).sum(axis=2) == 1
    return (~alone_s).sum(axis=1) + CHANNEL_WEIGHT * (~alone_c).sum(axis=1)
