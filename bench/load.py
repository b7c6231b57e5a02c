"""python -m bench.load: a workshop's load on the real server, in real browser sessions.

Starts `streamlit run app.py` and N Chromium sessions. They join first, one after another, by
opening a shared link (each join timed to its first finished run: the first view). Once all are
in, each changes filters and pages for a bounded time, like a reader: a touch class, the level,
another page, then five to fifteen seconds to read what changed. A change is timed inside the
page, from the click event to the moment the page receives the server's message that the run
has finished (so the benchmark's own driver, busy with thirty sessions, does not add its delays);
a change not finished within 30 s of the click is a stall. Reports errors, stalls, p50/p95
change-to-idle, the first views, peak server memory, and the CPU the server and the browsers
took.

The browsers share this machine's two cores with the server (in a workshop each has its own
computer): a Streamlit page costs its browser about 4 CPU-seconds to open and 0.2 to 0.6 to
redraw, the server 0.05 to 0.09 a run. So sessions join in turn before they work; the time from
the page's request to the finished run is reported beside the time from the click (which
waits for a busy browser to handle the click); and --no-charts spares the browsers the plotly
charts, to see the server when the cores are more nearly its own.

--bare serves bench/bare_app.py instead: the same page names and sidebar controls and nothing
else, to the same browsers, a peer measured on the same machine; --browser-work N makes every
page do N million steps of arithmetic each time a run finishes (a fixed amount of CPU, not of
time), to find how much of the browsers' work per change the target can afford.

    python -m bench.load --sessions 30 --seconds 120

Prints a table, then one line `LOAD_JSON {...}`. Target (2 cores): 30 sessions, 0 errors,
0 stalls, p95 < 2 s, memory bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright

from cxlib.strings import TEXT

from .server import CHROMIUM, CHROMIUM_FLAGS, READER_PAGES, rss_mb, streamlit_server

LINK = "/?channel=in-person&channel=phone"
STALL_S = 30.0
JOIN_EVERY_S = 2.0
SETTLE_S = 10.0
READ_S = (5.0, 15.0)
TARGET = {"sessions": 30, "errors": 0, "stalls": 0, "p95_s": 2.0}
ACTIONS = ("touch", "level", "page")
PAGES = tuple(TEXT[f"page_{page}"] for page in READER_PAGES)  # as the navigation shows them


WATCH = """
(() => {
  // Times a reader's changes inside the page, in the page's own clock: from the click event
  // (its timeStamp is when the input arrived) to the server's message that the run finished
  // (ForwardMsg field 6, script_finished, read off the websocket). The benchmark's driver
  // never sees the traffic, so its own work neither slows nor times the sessions.
  const runs = (window.__runs = { finished: 0, at: 0, sent: [], clicks: [], waiters: [] });
  const DONE = new Set([0, 1]); // FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR
  function varint(bytes, i) {
    let value = 0, shift = 0, byte;
    do { byte = bytes[i++]; value += (byte & 127) * 2 ** shift; shift += 7; } while (byte & 128);
    return [value, i];
  }
  function finishedRun(bytes) {
    let i = 0, tag, value;
    while (i < bytes.length) {
      [tag, i] = varint(bytes, i);
      const wire = tag & 7;
      if (wire === 0) { [value, i] = varint(bytes, i); if (tag >> 3 === 6) return DONE.has(value); }
      else if (wire === 2) { [value, i] = varint(bytes, i); i += value; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  }
  const Native = window.WebSocket;
  function Watched(...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer && finishedRun(new Uint8Array(event.data))) {
        window.__work?.();  // --browser-work: extra work per change, before it counts as done
        runs.finished += 1;
        runs.at = performance.now();
        runs.waiters.splice(0).forEach((resolve) => resolve());
      }
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => { runs.sent.push(performance.now()); send(data); };
    return socket;
  }
  Watched.prototype = Native.prototype;
  Object.assign(Watched, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Watched;
  document.addEventListener("click", (event) => runs.clicks.push(event.timeStamp), true);
})();
"""
WORK = """steps => { window.__work = () => {
    let a = 0;
    for (let i = 0; i < steps; i++) a = (a * 1103515245 + i) % 2147483647;
    window.__worked = a;
}; }"""
NEXT_RUN = """count => window.__runs.finished > count ||
    new Promise(resolve => window.__runs.waiters.push(resolve))"""
LAST_CHANGE = """() => {
    const runs = window.__runs, click = runs.clicks.at(-1);
    return [runs.at - click, runs.at - (runs.sent.find(t => t >= click) ?? click)];
}"""


class Reader:
    """One browser session: joins on the shared link, then clicks and reads."""

    def __init__(
        self, browser, url: str, seed: int, results: dict, charts: bool, browser_work: int = 0
    ) -> None:
        self.browser, self.url, self.results, self.charts = browser, url, results, charts
        self.browser_work = browser_work
        self.rng = random.Random(seed)
        self.current, self.touch, self.level = "Overview", "Both", "Units"

    async def join(self) -> None:
        context = await self.browser.new_context(viewport={"width": 1400, "height": 900})
        await context.add_init_script(WATCH)
        if self.browser_work:
            await context.add_init_script(f"({WORK})({self.browser_work * 1_000_000})")
        if not self.charts:  # the server's traffic stays the same; the browser draws no chart
            await context.route("**/PlotlyChart.*.js", lambda route: route.abort())
        self.page = await context.new_page()
        await self.page.goto(self.url + LINK)
        await self.after(0, 120)
        first_view = await self.page.evaluate("() => window.__runs.at")  # from navigation start
        self.results["first_views"].append(first_view / 1000)

    async def finished(self) -> int:
        return await self.page.evaluate("() => window.__runs.finished")

    async def after(self, count: int, timeout: float) -> None:
        """Wait until more than `count` runs have finished, at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while await self.finished() <= count:
            remaining = max(0.01, deadline - time.monotonic())
            await asyncio.wait_for(self.page.evaluate(NEXT_RUN, count), remaining)

    def target(self, action: str, page: str | None = None):
        """What the reader clicks for `action`: the touch class, the level, or a page (another
        one at random unless named)."""
        sidebar = self.page.get_by_test_id("stSidebar")
        if action == "touch":
            self.touch = self.rng.choice([t for t in ("Both", "High", "Low") if t != self.touch])
            group = sidebar.get_by_role("radiogroup", name="Touch strategy")
            return group.get_by_text(self.touch, exact=True)
        if action == "level":
            self.level = "Companies" if self.level == "Units" else "Units"
            return sidebar.get_by_test_id("stButtonGroup").get_by_text(self.level, exact=True)
        self.current = page or self.rng.choice([p for p in PAGES if p != self.current])
        return sidebar.get_by_role("link", name=self.current)

    async def work(self, deadline: float) -> None:
        await asyncio.sleep(self.rng.uniform(*READ_S))  # everyone does not click at once
        while time.monotonic() < deadline:
            action = self.rng.choice(ACTIONS)
            before = await self.finished()
            try:
                await self.target(action).click(timeout=STALL_S * 1000)
                await self.after(before, STALL_S)
            except Exception as error:  # no finished run within 30 s of the click: a stall
                self.results["stalls"] += 1
                self.results["stalled"].append(f"{action}: {type(error).__name__}")
                continue
            change, request = await self.page.evaluate(LAST_CHANGE)
            self.results["changes"].append((change / 1000, request / 1000, self.current, action))
            self.results["latencies"].append(change / 1000)
            self.results["server_latencies"].append(request / 1000)
            await self.page.wait_for_timeout(300)  # the page shows what the run sent
            failed = self.page.get_by_test_id("stException").or_(
                self.page.get_by_text("Something went wrong")
            )
            if await failed.count():
                self.results["errors"] += 1
                text = await failed.first.inner_text()
                self.results["failed"].append(f"{self.current}, {action}: {text[:300]}")
            await asyncio.sleep(self.rng.uniform(*READ_S))


def chromium(nice: int) -> str:
    """The browser to launch: Debian's Chromium, at a lower CPU priority when nice > 0.

    In a workshop the readers' browsers run on their own computers; here they share the
    server's two cores. A load generator at lower priority (nice) keeps the system under test
    from waiting behind its own load; the browsers still get every cycle the server leaves.
    """
    if nice <= 0:
        return CHROMIUM
    wrapper = Path(tempfile.mkdtemp()) / "chromium"
    wrapper.write_text(f'#!/bin/sh\nexec nice -n {nice} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


async def drive(
    url: str, sessions: int, seconds: float, charts: bool, nice: int = 0, browser_work: int = 0
) -> dict:
    results = {"latencies": [], "server_latencies": [], "first_views": [], "errors": 0}
    results |= {
        "stalls": 0,
        "stalled": [],
        "failed": [],
        "changes": [],
        "browser_cpu": cpu_seconds(b"chromium"),
    }
    results["driver_cpu"] = cpu_seconds(b"run-driver") + time.process_time()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium(nice), args=CHROMIUM_FLAGS
        )
        readers = [
            Reader(browser, url, seed, results, charts, browser_work) for seed in range(sessions)
        ]
        for reader in readers:  # one after another, as people open a link in a room
            await asyncio.gather(reader.join(), asyncio.sleep(JOIN_EVERY_S))
        await asyncio.sleep(SETTLE_S)
        start, before = time.monotonic(), cpu_seconds(b"chromium")
        await asyncio.gather(*(reader.work(start + seconds) for reader in readers))
        browser_cpu = cpu_seconds(b"chromium")
        working = browser_cpu - before
        results["working_browser_cores"] = working / (time.monotonic() - start)
        results["browser_cpu_per_change"] = working / max(1, len(results["latencies"]))
        results["browser_cpu"] = browser_cpu - results["browser_cpu"]
        driver_cpu = cpu_seconds(b"run-driver") + time.process_time()
        results["driver_cpu"] = driver_cpu - results["driver_cpu"]
        await browser.close()
    return results


def cpu_seconds(pattern: bytes) -> float:
    """CPU time so far of this process's descendants whose command line holds `pattern`
    (Linux /proc). Only its own: a Chromium or a server another test runs on the same machine
    meanwhile is not this benchmark's load."""
    stats, parents = {}, {}
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(folder.name)
        stats[pid], parents[pid] = fields, int(fields[1])
    ours, total = {os.getpid()}, 0
    for pid in sorted(stats):  # a child's pid is mostly above its parent's; else walk up
        chain = [pid]
        while chain[-1] not in ours and parents.get(chain[-1], 0) > 1:
            chain.append(parents[chain[-1]])
        if chain[-1] not in ours:
            continue
        ours.update(chain)
        try:
            if pattern in Path(f"/proc/{pid}/cmdline").read_bytes():
                total += int(stats[pid][11]) + int(stats[pid][12])
        except OSError:
            continue
    return total / os.sysconf("SC_CLK_TCK")


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


def run(
    sessions: int,
    seconds: float,
    charts: bool = True,
    nice: int = 0,
    bare: bool = False,
    browser_work: int = 0,
) -> dict:
    script = "bench/bare_app.py" if bare else "app.py"
    with streamlit_server(script=script) as (url, server):
        memory, stop = [rss_mb(server.pid)], threading.Event()

        def sample() -> None:
            while not stop.wait(0.5):
                memory.append(rss_mb(server.pid))

        threading.Thread(target=sample, daemon=True).start()
        start = time.monotonic()
        server_cpu = cpu_seconds(b"streamlit\x00run")
        results = asyncio.run(drive(url, sessions, seconds, charts, nice, browser_work))
        wall = time.monotonic() - start
        server_cpu = cpu_seconds(b"streamlit\x00run") - server_cpu
        stop.set()
        browser_cores = results["browser_cpu"] / wall
    latencies = results["latencies"]
    return {
        "sessions": sessions,
        "seconds": seconds,
        "changes": len(latencies),
        "errors": results["errors"],
        "stalls": results["stalls"],
        "p50_s": statistics.median(latencies) if latencies else float("nan"),
        "p95_s": quantile(latencies, 0.95),
        "max_s": max(latencies, default=float("nan")),
        "request_p50_s": statistics.median(results["server_latencies"] or [float("nan")]),
        "request_p95_s": quantile(results["server_latencies"], 0.95),
        "first_view_p50_s": statistics.median(results["first_views"]),
        "first_view_max_s": max(results["first_views"]),
        "server_mb_start": memory[0],
        "server_mb_peak": max(memory),
        "server_mb_end": memory[-1],
        "server_cores": server_cpu / wall,
        "browser_cores": browser_cores,
        "working_browser_cores": results["working_browser_cores"],
        "browser_cpu_per_change": results["browser_cpu_per_change"],
        "driver_cores": results["driver_cpu"] / wall,
        "charts_drawn": charts,
        "app": script,
        "browser_work": browser_work,
        "browser_nice": nice,
        "stalled": results["stalled"][:10],
        "failed": results["failed"][:10],
        "slowest": sorted(results["changes"], reverse=True)[:12],
        "by_page": {
            page: round(quantile([c[0] for c in results["changes"] if c[2] == page], 0.95), 2)
            for page in PAGES
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=TARGET["sessions"])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument(
        "--no-charts",
        action="store_true",
        help="browsers do not draw the plotly charts (the server's work and traffic are the same): "
        "what the server can serve when the readers' browsers are not on its two cores",
    )
    parser.add_argument(
        "--browser-nice",
        type=int,
        default=0,
        help="run the browsers at this nice level (0: same priority as the server)",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="serve bench/bare_app.py (the page names and sidebar controls, nothing else)",
    )
    parser.add_argument(
        "--browser-work",
        type=int,
        default=0,
        help="every page does this many million steps of arithmetic per finished run",
    )
    args = parser.parse_args(argv)
    r = run(
        args.sessions,
        args.seconds,
        charts=not args.no_charts,
        nice=args.browser_nice,
        bare=args.bare,
        browser_work=args.browser_work,
    )
    met = (
        r["sessions"] >= TARGET["sessions"]
        and r["errors"] == 0
        and r["stalls"] == 0
        and r["p95_s"] < TARGET["p95_s"]
    )
    print(
        f"{r['sessions']} sessions on {r['app']}, {r['seconds']:.0f} s of work: "
        f"{r['changes']} changes"
    )
    if r["browser_work"]:
        print(f"  every page does {r['browser_work']} million extra steps a change")
    print(f"  errors {r['errors']}, stalls {r['stalls']}")
    for line in r["failed"]:
        print(f"    error on {line}")
    print(
        f"  change to idle: p50 {r['p50_s']:.2f} s, p95 {r['p95_s']:.2f} s, max {r['max_s']:.2f} s"
    )
    print(
        f"  request to idle (the server and the wire): p50 {r['request_p50_s']:.2f} s, "
        f"p95 {r['request_p95_s']:.2f} s"
    )
    print(f"  first view: p50 {r['first_view_p50_s']:.2f} s, max {r['first_view_max_s']:.2f} s")
    print(
        f"  server memory: {r['server_mb_start']:.0f} MB at start, {r['server_mb_peak']:.0f} MB "
        f"at peak, {r['server_mb_end']:.0f} MB at the end"
    )
    print(
        f"  CPU: server {r['server_cores']:.2f} cores, browsers {r['browser_cores']:.2f} cores "
        f"({r['working_browser_cores']:.2f} while the readers work: "
        f"{r['browser_cpu_per_change']:.2f} CPU-s a change), "
        f"benchmark driver {r['driver_cores']:.2f} cores"
    )
    print(f"  target (30 sessions, 0 errors, 0 stalls, p95 < 2 s): {'met' if met else 'NOT met'}")
    print("LOAD_JSON " + json.dumps(r | {"target_met": met}))


if __name__ == "__main__":
    main()
