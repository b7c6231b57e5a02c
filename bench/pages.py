"""python -m bench.pages: a rerun of each app page on the sample after a filter change.

AppTest cannot rerun the entry file of an st.navigation app after its first run (Streamlit
1.67), so two numbers are measured, both for views never computed before (no cache hits):
- shell: a first run of app.py (sidebar, data, Overview) with a new filter choice;
- each page: a rerun of that page after the view changes.
A real rerun costs about shell-without-Overview + page. Target: <= 300 ms per page.
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from cxlib.filters import FilterState

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "industries", "linkage", "drivers", "over_time", "data")
SEGMENTS = ("Consumer", "Corporate", "Public sector", "Small business")
CHANNELS = ("in-person", "phone", "digital")


def fresh_views():
    """Views that differ from each other and from the default: every run is a cache miss."""
    for size in (3, 2, 1):  # 14 segment choices x 6 channel choices = 84 views
        for segments in itertools.combinations(SEGMENTS, size):
            for channels in (*itertools.combinations(CHANNELS, 2), *((c,) for c in CHANNELS)):
                yield {"segment": list(segments), "channel": list(channels)}


def to_state(choice: dict) -> FilterState:
    return FilterState(segments=tuple(choice["segment"]), channels=tuple(choice["channel"]))


def measure(runs: int = 7) -> dict[str, list[float]]:
    views = fresh_views()
    times: dict[str, list[float]] = {"shell": []}
    for _ in range(runs):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        for name, value in next(views).items():
            at.session_state[name] = value
        start = time.perf_counter()
        at.run()
        times["shell"].append(time.perf_counter() - start)
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py").run()
        times[page] = []
        for _ in range(runs):
            at.session_state["view"] = to_state(next(views))
            start = time.perf_counter()
            at.run()
            times[page].append(time.perf_counter() - start)
            assert not at.exception, [e.value for e in at.exception]
    return times


def main() -> None:
    times = measure()
    medians = {page: statistics.median(t) * 1000 for page, t in times.items()}
    print("page rerun after a filter change (AppTest, sample data, median of 7)")
    for page, ms in medians.items():
        verdict = "" if page == "shell" else ("  met" if ms <= 300 else "  NOT met")
        print(f"  {page:12s} {ms:8.1f} ms{verdict}")
    print("PAGES_JSON " + json.dumps({"median_ms": medians, "target_ms": 300}))


if __name__ == "__main__":
    main()
