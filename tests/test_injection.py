"""Names are data, not markup: an upload whose names carry scripts, images, links, markdown and
HTML shows them as typed on every page; nothing runs, renders or fetches.

In a real browser (tests/live.py): a dialog would mean a script ran; a request to evil.test
would mean an image or link in the data was fetched (a tracking pixel in a shared link).
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import polars as pl
import pytest
from playwright.sync_api import expect, sync_playwright  # noqa: E402, I001

from bench.load import WATCH
from cxlib.dataset import SAMPLE_DIR

from .live import CHROMIUM, FLAGS, settle, streamlit_server

HOSTILE = {
    "industry": '<img src="http://evil.test/img.png" onerror="alert(1)">',
    "company": "![pixel](http://evil.test/pixel.png)",
    "theme": "**bold** <b>html</b>",
    "segment": "[click](http://evil.test/link)",
    "region": "<script>alert(2)</script>",
    "unit": ":red[red] $x^2$ :material/home:",
}
NAME = '<img src="http://evil.test/name.png"> **name**'
FINNISH = {  # the manifest's Finnish words for names: shown in other places than the names
    "Engagement": '<img src="http://evil.test/fi.png" onerror="alert(3)">',
    "Banks": "![fi](http://evil.test/fi-pixel.png) **lihava**",
    "Consumer": "[linkki](http://evil.test/fi-link) <b>fi</b>",
}


def swap(frame: pl.DataFrame, column: str, old: str, new: str) -> pl.DataFrame:
    if column not in frame.columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(column).cast(pl.String) == old)
        .then(pl.lit(new))
        .otherwise(pl.col(column).cast(pl.String))
        .alias(column)
    )


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> list[str]:
    """The shipped sample, with one name of each kind replaced by markup."""
    folder = tmp_path_factory.mktemp("hostile")
    swaps = [
        ("industry", "Hotels", HOSTILE["industry"]),
        ("company", "Northwind Hotels", HOSTILE["company"]),
        ("theme", "Wellbeing", HOSTILE["theme"]),
        ("segment", "Corporate", HOSTILE["segment"]),
        ("region", "North", HOSTILE["region"]),
        ("unit_id", "U0001", HOSTILE["unit"]),
    ]
    for path in SAMPLE_DIR.iterdir():
        if path.suffix == ".json":
            continue
        frame = pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path)
        for column, old, new in swaps:
            frame = swap(frame, column, old, new)
        frame.write_csv(folder / f"{path.stem}.csv")
    manifest = {
        "name": NAME,
        "description": "![d](http://evil.test/desc.png) <i>desc</i>",
        "names_fi": FINNISH,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def test_names_with_markup_show_as_typed_and_nothing_runs_or_fetches(hostile_files):
    dialogs, hosts = [], set()
    with streamlit_server() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(WATCH)  # counts the runs the server finishes
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on(
            "Network.requestWillBeSent",
            lambda event: hosts.add(urlparse(event["request"]["url"]).hostname),
        )
        page.goto(f"{url}/data")
        page.locator("input[type=file]").set_input_files(hostile_files)
        expect(page.get_by_text("All checks passed")).to_be_visible(timeout=120_000)
        expect(page.get_by_role("heading", name=NAME)).to_be_visible()  # the name, as typed
        sidebar = page.get_by_test_id("stSidebar")
        seen = {}
        for link in ("Overview", "Industries", "Linkage", "Drivers", "Over time", "Data"):
            finished = page.evaluate("() => window.__runs.finished")
            sidebar.get_by_role("link", name=link).click()
            settle(page, finished)
            html = page.content()
            seen[link] = html
            assert not page.locator('img[src*="evil.test"]').count(), link
            assert not page.get_by_test_id("stMain").locator("strong", has_text="bold").count()
            assert not page.get_by_test_id("stMain").locator("script", has_text="alert").count()
        # In Finnish the manifest's words stand for the names: in pickers, charts, sentences.
        finished = page.evaluate("() => window.__runs.finished")
        sidebar.locator(".st-key-lang button").filter(has_text="fi").first.click()
        settle(page, finished)
        for link in ("Toimialat", "Yhteydet", "Ajurit"):
            finished = page.evaluate("() => window.__runs.finished")
            sidebar.get_by_role("link", name=link).click()
            settle(page, finished)
            seen[link] = page.content()
            assert not page.locator('img[src*="evil.test"]').count(), link
            assert not page.get_by_test_id("stMain").locator("strong", has_text="lihava").count()
            assert not page.get_by_test_id("stMain").locator("a[href*=evil]").count(), link
        browser.close()
    assert dialogs == []
    assert "evil.test" not in hosts and hosts - {None} == {"127.0.0.1"}, hosts
    # The markup is on the pages as text: in chart labels, hovers, options, the data page.
    assert "**bold** &lt;b&gt;html&lt;/b&gt;" in seen["Drivers"]
    assert '&lt;img src="http://evil.test/img.png" onerror="alert(1)"&gt;' in seen["Industries"]
    assert '&lt;img src="http://evil.test/fi.png" onerror="alert(3)"&gt;' in seen["Ajurit"]
    assert "![fi](http://evil.test/fi-pixel.png) **lihava**" in seen["Toimialat"]
    assert "[linkki](http://evil.test/fi-link) &lt;b&gt;fi&lt;/b&gt;" in seen["Yhteydet"]
