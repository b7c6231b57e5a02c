"""Which results to keep for reuse: as many as fit a byte budget, the least recently used out
first.

A count of entries bounds nothing when one result is a few kilobytes on the sample and tens of
megabytes at 10,000 units (a per-period table split by channel); a byte budget bounds memory
whatever the study. Shared by a server's threads: the computation runs outside the lock, so one
session's slow result never holds up another's.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Kept(Generic[T]):
    def __init__(self, budget: int, size: Callable[[T], int]) -> None:
        self.budget = budget
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[T, int]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        """Bytes kept now (never above the budget)."""
        return self._used

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept result for key, or compute it and keep it if it fits."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        value = compute()
        size = self._size(value)
        if size > self.budget:  # kept, it would push out everything else and still not fit
            return value
        with self._lock:
            if key in self._entries:  # another thread computed it meanwhile
                return self._entries[key][0]
            self._entries[key] = (value, size)
            self._used += size
            while self._used > self.budget:
                _, (_, freed) = self._entries.popitem(last=False)
                self._used -= freed
        return value
