"""How the benchmarks measure: a run's times, and a process's own peak memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def times_ms(run: Callable[[], object], runs: int) -> list[float]:
    """Each of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def own_peak_mb() -> float:
    """This process's peak resident memory since it started its program, in MB: VmHWM, not
    ru_maxrss, which Linux carries over from the parent across fork and exec (a child of a
    2 GB process reports 2 GB having used 9 MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")
