"""Uploads do not leak: 12 different datasets uploaded in a row to the running server leave its
memory bounded, because Streamlit's caches own the bundles and evict them.

Each upload is the whole shipped sample (about 30,000 staff and 240,000 customer answers) with
its own manifest, so every one is a new fingerprint, a new parse and a new cube. Before the fix
a module-level dict held every bundle for the server's lifetime.
"""

from __future__ import annotations

import json
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright  # noqa: E402, I001

from cxlib.dataset import SAMPLE_DIR

from .live import CHROMIUM, FLAGS, rss_mb, streamlit_server

UPLOADS = 12  # the cache keeps 4: a leak keeps 6 more bundles in the second half


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    """Copies of the sample that differ in their manifest only."""
    folders = []
    for i in range(UPLOADS):
        folder = tmp_path_factory.mktemp(f"upload{i}")
        for path in SAMPLE_DIR.iterdir():
            if path.name != "manifest.json":
                shutil.copy(path, folder / path.name)
        manifest = {"name": f"Upload {i + 1}", "description": "The sample, uploaded again."}
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        folders.append(folder)
    return folders


def test_twelve_uploads_in_a_row_leave_memory_bounded(datasets, capsys):
    with streamlit_server() as (url, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/data")
        expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=60_000)
        before = rss_mb(server.pid)
        after = []
        for i, folder in enumerate(datasets):
            zone = page.locator("input[type=file]")
            expect(zone).to_have_count(1, timeout=30_000)  # the emptied drop zone, redrawn
            zone.set_input_files(sorted(map(str, folder.iterdir())))
            expect(page.get_by_role("heading", name=f"Upload {i + 1}")).to_be_visible(
                timeout=60_000
            )
            after.append(rss_mb(server.pid))
        browser.close()
    early, late = max(after[: UPLOADS // 2]), max(after[UPLOADS // 2 :])
    with capsys.disabled():
        print(
            f"\nserver RSS (MB): before {before:.0f}; after uploads 1-{UPLOADS}: "
            + ", ".join(f"{mb:.0f}" for mb in after)
            + f"; peak of the first half {early:.0f}, of the second {late:.0f}"
        )
    assert after[3] - before > 60, "four uploads must cost memory, or the test shows nothing"
    # The cache keeps 4 uploads. A leak keeps every one: six more bundles of about 40 MB each
    # between the two halves (a kept bundle measured 400+ MB more); bounded, the peaks match.
    assert late - early < 150, after
