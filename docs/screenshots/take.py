"""Take the README's screenshots: `python docs/screenshots/take.py` (needs Debian's chromium).

Starts `streamlit run app.py` on a free port, opens each page at 1500 px wide in Chromium, waits
for the charts, and writes docs/screenshots/<page>.png, <page>-fi.png (in Finnish),
<page>-phone.png (390 px) and <page>-present.png (presentation mode, 1920 × 1080). The Compare
views page is shot after saving two named views in the sidebar, as a workshop would.
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
    "compare": "/?touch=High",
    "data": "/data",
    "surveys": "/surveys",
}
SHOTS = {  # suffix: (width, height, extra query)
    "": (1500, 2600, ""),
    "-fi": (1500, 2600, "lang=fi"),
    "-phone": (390, 844, ""),
    "-present": (1920, 1080, "present=true"),
}


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


def compare_two_views(page, finnish: bool) -> None:
    """Save "High touch" and "Everything" in the sidebar, then compare them (in English: the
    walk's helpers know its words; then the language is switched, and the views stay)."""
    from tests import test_workshop as walk

    walk.open_sidebar(page)
    walk.save_view(page, "High touch")
    sidebar = walk.sidebar(page)
    sidebar.get_by_test_id("stRadio").filter(has_text="Touch strategy").get_by_text("Both").click()
    walk.idle(page)
    time.sleep(1.5)  # a phone folds the sidebar away after a choice: let it finish
    walk.open_sidebar(page)
    walk.save_view(page, "Everything")
    sidebar.get_by_role("link", name="Compare views").click()
    walk.idle(page)
    main = page.get_by_test_id("stMain")
    walk.choose(
        page, main.get_by_test_id("stSelectbox").filter(has_text="Second view"), "Everything"
    )
    walk.idle(page)
    if finnish:
        walk.open_sidebar(page)
        sidebar.get_by_test_id("stButtonGroup").get_by_text("fi", exact=True).click()
        walk.idle(page)
    time.sleep(4)


def main(only: set[str] | None = None) -> None:
    """Every shot, or those whose file stem is in `only` (python take.py compare-phone ...)."""
    with streamlit_server() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        for suffix, (width, height, extra) in SHOTS.items():
            for name, path in PAGES.items():
                if only and f"{name}{suffix}" not in only:
                    continue
                page = browser.new_page(viewport={"width": width, "height": height})
                # Compare's views are saved in English and switched to Finnish by hand.
                query = "" if name == "compare" and suffix == "-fi" else extra
                if query:
                    path += ("&" if "?" in path else "?") + query
                if suffix == "-fi":
                    path = path.replace("level=Companies", "level=Yritykset")
                page.goto(url + path)
                page.wait_for_selector("[data-testid=stMain] h1", timeout=120_000)
                time.sleep(8)  # charts draw after the script run ends
                if name == "surveys":
                    drop_exports(page)
                if name == "compare":
                    compare_two_views(page, finnish=suffix == "-fi")
                page.screenshot(path=str(HERE / f"{name}{suffix}.png"))
                page.close()
                print(f"wrote {name}{suffix}.png")
        browser.close()


if __name__ == "__main__":
    main(set(sys.argv[1:]) or None)
