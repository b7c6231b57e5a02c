"""Many users at once: every page's work runs in parallel threads without a stall.

A child process runs the pages' work (tests/soak.py) in twelve threads and prints its progress
every second; a process that stops printing for 10 s has stalled (a deadlock stops even the
printer) and fails the test, as does any error or a page that never completes a round.
"""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
import time

import pytest

from .conftest import ROOT

# With two workers nothing else runs meanwhile: a stall is a child silent for 10 s
pytestmark = pytest.mark.alone

SECONDS = 25
SILENCE = 10


def test_every_page_works_in_parallel_without_a_stall(capsys):
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.soak", str(SECONDS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watch = selectors.DefaultSelector()
    watch.register(child.stdout, selectors.EVENT_READ)
    last, report = time.monotonic(), None
    try:
        while child.poll() is None:
            if watch.select(timeout=1):
                line = child.stdout.readline()
                if line:
                    last, report = time.monotonic(), json.loads(line)
            assert time.monotonic() - last < SILENCE + 30 * (report is None), (
                f"stalled: no progress for {SILENCE} s (last: {report})"
            )
    finally:
        child.kill()
        child.wait()
    with capsys.disabled():
        print(f"\nrounds in {SECONDS} s: {report['rounds']}")
    assert report["failures"] == []
    assert all(n >= 2 for n in report["rounds"].values()), report["rounds"]


def test_no_python_callback_runs_inside_polars():
    """A Python function called from polars' thread pool takes the GIL there; with another
    thread in DataFrame.to_pandas (every st.dataframe) the process deadlocked, 3 times in 3
    (../shared/repro/polars_deadlock.py). The serving path calls none."""
    callbacks = ("map_elements", "map_batches", "map_groups", ".apply(", "map_rows")
    for path in [ROOT / "app.py", *(ROOT / "cxlib").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert not [c for c in callbacks if c in source], path
