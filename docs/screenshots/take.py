"""Take the README's screenshots: `python docs/screenshots/take.py` (needs Debian's chromium).

Starts `streamlit run app.py` on a free port, opens each page at 1500 px wide in Chromium, waits
for the charts, and writes docs/screenshots/<page>.png (and <page>-phone.png at 390 px).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run as a script from anywhere

from bench.server import CHROMIUM_FLAGS, streamlit_server  # noqa: E402

PAGES = {
    "overview": "/",
    "industries": "/industries",
    "linkage": "/linkage",
    "drivers": "/drivers",
    "over_time": "/over_time",
    "breaks": "/breaks?level=Companies",
    "data": "/data",
    "surveys": "/surveys",
}
SIZES = {"": (1500, 2600), "-phone": (390, 844)}
PRESENTED = ("overview", "linkage", "breaks")
"""Pages also shot in presentation mode on a 16:9 projector (1920 × 1080)."""


def drop_exports(page) -> None:
    """The import's mapping step, on Qualtrics exports of part of the sample."""
    import tempfile

    import cxlib
    from tests import survey_exports

    tables = survey_exports.study(cxlib.load_sample())
    folder = Path(tempfile.mkdtemp())
    drops = page.get_by_test_id("stFileUploaderDropzoneInput")
    for index, (side, table) in enumerate(
        (("staff", "employee_responses"), ("customers", "customer_responses"))
    ):
        file = folder / f"{side}_qualtrics.csv"
        file.write_bytes(survey_exports.qualtrics(tables[table], side))
        drops.nth(index).set_input_files(file)
        time.sleep(4)
    time.sleep(6)


def main() -> None:
    with streamlit_server() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        for suffix, (width, height) in SIZES.items():
            for name, path in PAGES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url + path)
                page.wait_for_selector("[data-testid=stMain] h1", timeout=120_000)
                time.sleep(8)  # charts draw after the script run ends
                if name == "surveys":
                    drop_exports(page)
                page.screenshot(path=str(HERE / f"{name}{suffix}.png"))
                page.close()
                print(f"wrote {name}{suffix}.png")
        for name in PRESENTED:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            path = PAGES[name]
            page.goto(url + path + ("&" if "?" in path else "?") + "present=true")
            page.wait_for_selector("[data-testid=stMain] h1", timeout=120_000)
            time.sleep(8)
            page.screenshot(path=str(HERE / f"{name}-present.png"))
            page.close()
            print(f"wrote {name}-present.png")
        browser.close()


if __name__ == "__main__":
    main()
