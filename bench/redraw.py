"""python -m bench.redraw: what each change of the load benchmark costs one reader's browser.

Under a workshop's load (bench.load) the thirty browsers, not the server, fill this machine's
two cores, so the lever is what a change costs a browser. One session and nothing else: for
each page of the load benchmark and each action there (open the page, another touch class,
the other level), the CPU seconds Chromium's processes took from the click until 1.5 s after
the run finished, and how many elements the browser rebuilt (a new DOM node) instead of
updating them, in the sidebar and in the page. The first round warms the server's caches;
the later rounds are reported.

    python -m bench.redraw
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics

from playwright.async_api import async_playwright

from .load import PAGES, Reader, cpu_seconds
from .server import CHROMIUM, CHROMIUM_FLAGS, streamlit_server

ACTIONS = ("page", "touch", "touch", "level", "level")
AREAS = {
    "sidebar": "[data-testid=stSidebar] [data-testid=stElementContainer]",
    "page": "[data-testid=stMain] [data-testid=stElementContainer]",
}
MARK = "sel => document.querySelectorAll(sel).forEach(e => { e.__seen = true; })"
REBUILT = "sel => [...document.querySelectorAll(sel)].map(e => !e.__seen)"
TAIL_S = 1.5


async def measure(url: str, rounds: int) -> list[dict]:
    results = {"first_views": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        reader = Reader(browser, url, seed=0, results=results, charts=True)
        await reader.join()
        changes = []
        for round_ in range(rounds):
            for page in (*PAGES[1:], PAGES[0]):  # the link opens Overview: it comes last
                for action in ACTIONS:
                    target = reader.target(action, page)
                    for selector in AREAS.values():
                        await reader.page.evaluate(MARK, selector)
                    cpu, before = cpu_seconds(b"chromium"), await reader.finished()
                    await target.click()
                    await reader.after(before, 60)
                    await asyncio.sleep(TAIL_S)
                    change = {"page": page, "action": action, "round": round_}
                    change["cpu_s"] = cpu_seconds(b"chromium") - cpu
                    for area, selector in AREAS.items():
                        rebuilt = await reader.page.evaluate(REBUILT, selector)
                        change[f"{area}_rebuilt"] = (sum(rebuilt), len(rebuilt))
                    changes.append(change)
        await browser.close()
    return [c for c in changes if c["round"] > 0]


def summary(changes: list[dict]) -> dict:
    rows = {}
    for change in changes:
        row = rows.setdefault((change["page"], change["action"]), [])
        row.append(change)
    table = [
        {
            "page": page,
            "action": action,
            "cpu_s": statistics.mean(c["cpu_s"] for c in row),
            **{
                f"{area}_rebuilt": f"{max(c[f'{area}_rebuilt'][0] for c in row)}"
                f"/{row[0][f'{area}_rebuilt'][1]}"
                for area in AREAS
            },
        }
        for (page, action), row in rows.items()
    ]
    return {"changes": table, "mean_cpu_s": statistics.mean(c["cpu_s"] for c in changes)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="the first only warms the caches")
    args = parser.parse_args(argv)
    with streamlit_server() as (url, _):
        result = summary(asyncio.run(measure(url, max(2, args.rounds))))
    print(f"{'page':12s} {'action':7s} {'CPU-s':>6s}  rebuilt: sidebar  page")
    for row in result["changes"]:
        print(
            f"{row['page']:12s} {row['action']:7s} {row['cpu_s']:6.2f}  "
            f"{row['sidebar_rebuilt']:>16s} {row['page_rebuilt']:>5s}"
        )
    print(f"mean per change: {result['mean_cpu_s']:.2f} CPU-s")
    print("REDRAW_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
