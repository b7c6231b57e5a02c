"""python -m bench.first_view: how long a shared link takes to show its page, one viewer at a time.

Starts `streamlit run app.py`, then opens each link in a fresh browser context (a new viewer,
no cache of its own) three rounds over: the first round meets a cold server (the first session
loads the sample and builds the cube), the later ones a warm one. A first view is timed inside
the page, from navigation start to the server's message that the first run has finished.
"""

from __future__ import annotations

import asyncio
import json

from playwright.async_api import async_playwright

from .load import WATCH
from .server import CHROMIUM_FLAGS, streamlit_server

LINKS = ("/", "/linkage?channel=phone", "/drivers", "/breaks?level=Companies")
ROUNDS = 3


async def first_views(url: str) -> list[dict[str, float]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        rounds = []
        for _ in range(ROUNDS):
            seconds = {}
            for link in LINKS:
                context = await browser.new_context(viewport={"width": 1440, "height": 900})
                await context.add_init_script(WATCH)
                page = await context.new_page()
                await page.goto(url + link)
                await page.wait_for_function("() => window.__runs.finished > 0", timeout=120_000)
                seconds[link] = await page.evaluate("() => window.__runs.at") / 1000
                await context.close()
            rounds.append(seconds)
        await browser.close()
    return rounds


def main() -> None:
    with streamlit_server() as (url, _):
        rounds = asyncio.run(first_views(url))
    for number, seconds in enumerate(rounds):
        state = "cold server" if number == 0 else "warm server"
        print(
            f"round {number} ({state}): " + ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())
        )
    print("FIRST_VIEW_JSON " + json.dumps(rounds))


if __name__ == "__main__":
    main()
