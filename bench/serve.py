"""python -m bench.serve [--cube FOLDER]: the real server's memory while readers use the app.

Starts `streamlit run app.py` (with a secrets file naming the cube folder as a deployment's
[data] cube, or on the shipped sample) and one Chromium session that opens every page for a few
views each (new segment and channel choices every time, so every view is computed, and cached,
anew). The server's resident memory is read before anyone connects, after each view, and every
0.1 s in between for the peak. Target for a 20M-response study's cube: under 500 MB once each
view has been drawn (the peak while one is computed is reported beside it).

    python -m bench.build --keep /tmp/b20          # the study and its cube folders
    python -m bench.serve --cube /tmp/b20/cube-duckdb

Prints a table, then one line `SERVE_JSON {...}`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from cxlib.scope import PAGES

from .load import NEXT_RUN, WATCH
from .pages import fresh_views
from .server import CHROMIUM, CHROMIUM_FLAGS, rss_mb, streamlit_server

TARGET_MB = 500
QUIET_S = 1.5  # a view is done when no run has finished for this long after the first
SETTLE_S = 15.0  # after the last view, with the session still open


def runs_done(page, finished: int, quiet_s: float, timeout: float = 120) -> None:
    """Wait for a run after the first `finished` to end, then until none ends for quiet_s
    (a shared link may rerun once). The page's context has WATCH as an init script."""
    page.wait_for_function(NEXT_RUN, arg=finished, timeout=timeout * 1000)
    while True:
        seen = page.evaluate("() => window.__runs.finished")
        time.sleep(quiet_s)
        if page.evaluate("() => window.__runs.finished") == seen:
            return


def visit(page, url: str, timeout: float = 120) -> None:
    """Open url and wait for its runs to finish."""
    page.goto(url)
    runs_done(page, 0, QUIET_S, timeout)


def run(cube: Path | None, views: int, settle_s: float = SETTLE_S) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        secrets = None
        if cube is not None:
            secrets = Path(folder) / "secrets.toml"
            secrets.write_text(f"[data]\ncube = {json.dumps(str(cube.resolve()))}\n")
        with streamlit_server(secrets=secrets) as (url, server), sync_playwright() as pw:
            idle = rss_mb(server.pid)
            samples, stop = [idle], threading.Event()

            def sample() -> None:
                while not stop.wait(0.1):
                    samples.append(rss_mb(server.pid))

            watcher = threading.Thread(target=sample, daemon=True)
            watcher.start()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.add_init_script(WATCH)
            page = context.new_page()
            choices, after, during = fresh_views(), [], []
            started = time.perf_counter()
            for name in PAGES:
                for _ in range(views):
                    segments, channels = next(choices)
                    query = "&".join(
                        [f"segment={s}" for s in segments] + [f"channel={c}" for c in channels]
                    )
                    path = "" if name == "overview" else name
                    begun = len(samples)
                    visit(page, f"{url}/{path}?{query}")
                    after.append((name, rss_mb(server.pid)))
                    during.append(max(samples[begun:], default=after[-1][1]))
            seconds = time.perf_counter() - started
            time.sleep(settle_s)  # the allocators give freed memory back after a while
            settled = rss_mb(server.pid)
            browser.close()
            stop.set()
            watcher.join()
    return {
        "data": str(cube) if cube else "sample",
        "idle_mb": idle,
        "first_view_mb": after[0][1],
        "after_views_mb": [mb for _, mb in after],
        "pages": [name for name, _ in after],
        "peak_during_views_mb": during,
        "final_mb": after[-1][1],
        "settled_mb": settled,
        "peak_mb": max(samples),
        "seconds": seconds,
        "largest_after_view_mb": max(mb for _, mb in after),
        "target_mb": TARGET_MB,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__)
    parser.add_argument("--cube", type=Path, help="serve this cube folder instead of the sample")
    parser.add_argument("--views", type=int, default=3, help="views per page (default 3)")
    args = parser.parse_args(argv)
    result = run(args.cube, args.views)
    print(f"server memory serving {result['data']} ({args.views} views per page)")
    print(f"  idle, before any session   {result['idle_mb']:7.0f} MB")
    print(f"  after the first view       {result['first_view_mb']:7.0f} MB")
    last: dict[str, tuple[float, float]] = {}
    columns = ("pages", "after_views_mb", "peak_during_views_mb")
    views = zip(*(result[c] for c in columns), strict=True)
    for name, mb, top in views:
        last[name] = (mb, max(top, last.get(name, (0, 0))[1]))
    for name, (mb, top) in last.items():
        print(f"  after {name:20s} {mb:7.0f} MB  (peak while its views ran {top:5.0f} MB)")
    print(f"  {SETTLE_S:.0f} s after the last view     {result['settled_mb']:7.0f} MB")
    running = max(result["after_views_mb"])
    met = "met" if running < TARGET_MB else "NOT met"
    print(f"  largest after a view       {running:7.0f} MB  (target < {TARGET_MB}: {met})")
    print(f"  peak while a view ran      {result['peak_mb']:7.0f} MB")
    print("SERVE_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
