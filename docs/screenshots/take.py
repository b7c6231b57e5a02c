"""Take the README's screenshots: `python docs/screenshots/take.py` (needs Debian's chromium).

Starts `streamlit run app.py` on a free port, opens each page at 1500 px wide in Chromium, waits
for the charts, and writes docs/screenshots/<page>.png (and <page>-phone.png at 390 px).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "overview": "/",
    "industries": "/industries",
    "linkage": "/linkage",
    "drivers": "/drivers",
    "over_time": "/over_time",
    "data": "/data",
}
SIZES = {"": (1500, 2600), "-phone": (390, 844)}


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(180):  # bounded wait for the server
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for suffix, (width, height) in SIZES.items():
                for name, path in PAGES.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(url + path)
                    page.wait_for_selector("[data-testid=stMain] h1", timeout=120_000)
                    time.sleep(8)  # charts draw after the script run ends
                    page.screenshot(path=str(HERE / f"{name}{suffix}.png"))
                    page.close()
                    print(f"wrote {name}{suffix}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
