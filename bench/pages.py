"""python -m bench.pages [--cube FOLDER]: each app page rerun after a filter change, on the
sample or served from a cube folder (as a deployment's [data] cube).

A rerun is what a reader waits for after a click: app.py (data, sidebar) and the page, for a
view never computed before (new segment and channel choices, so no cache hits). Each page is
opened once, then the sidebar's segment and channel pickers are set and the app rerun through
AppTest, median of 7. Target: <= 300 ms per page.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import time
from pathlib import Path

import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from cxlib.scope import PAGES

ROOT = Path(__file__).resolve().parent.parent
SEGMENTS = ("Consumer", "Corporate", "Public sector", "Small business")
CHANNELS = ("in-person", "phone", "digital")
RUNS = 7


class _NavigationPages(PagesManager):
    """AppTest resets uses_pages_directory before each run; with a pages/ folder it would then
    rerun the page alone, without app.py. The subclass absorbs the reset (see tests/conftest)."""


def fresh_views():
    """Choices that differ from each other and from the default: every run is a cache miss."""
    for size in (3, 2, 1):  # 14 segment choices x 6 channel choices = 84 views
        for segments in itertools.combinations(SEGMENTS, size):
            for channels in (*itertools.combinations(CHANNELS, 2), *((c,) for c in CHANNELS)):
                yield list(segments), list(channels)


def measure(runs: int = RUNS, cube: Path | None = None) -> dict[str, list[float]]:
    app_test.PagesManager = _NavigationPages
    PagesManager.uses_pages_directory = False
    views = fresh_views()
    times: dict[str, list[float]] = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if cube is not None:
            at.secrets["data"] = {"cube": str(cube)}
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py").run()
        times[page] = []
        for _ in range(runs):
            segments, channels = next(views)
            at.sidebar.multiselect(key="segment").set_value(segments)
            at.sidebar.multiselect(key="channel").set_value(channels)
            start = time.perf_counter()
            at.run()
            times[page].append(time.perf_counter() - start)
            assert not at.exception, [e.value for e in at.exception]
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--cube", type=Path, help="serve this cube folder instead of the sample")
    args = parser.parse_args(argv)
    medians = {page: statistics.median(t) * 1000 for page, t in measure(cube=args.cube).items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data = f"cube {args.cube}" if args.cube else "sample data"
    print(f"page rerun after a filter change (AppTest, {data}, median of {RUNS})")
    for page, ms in medians.items():
        print(f"  {page:12s} {ms:8.1f} ms{'  met' if ms <= 300 else '  NOT met'}")
    print(f"  peak memory of the process (app and AppTest): {peak:.0f} MB")
    result = {"median_ms": medians, "target_ms": 300, "peak_mb": peak}
    print("PAGES_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
