"""In a real browser: links reopen views on any page, Reset clears them, uploads work.

Runs `streamlit run app.py` and Debian's Chromium through Playwright. Skipped on a machine
without /usr/bin/chromium, except in CI (which installs it), where a missing browser fails.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
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
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # bounded wait for the server to come up
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 90 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text(timeout=60_000)


def test_a_link_reopens_the_view_on_another_page_and_survives_navigation(server, page):
    page.goto(f"{server}/linkage?channel=digital&touch=High")
    expect(page.get_by_role("heading", name="Linkage")).to_be_visible(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("digital", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("radio", name="High")).to_be_checked()
    sidebar.get_by_role("link", name="Overview").click()
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(r"/(overview)?\?.*channel=digital"), timeout=30_000)
    expect(page).to_have_url(re.compile(r"touch=High"))


def test_reset_clears_the_view_and_the_link(server, page):
    page.goto(f"{server}/?channel=digital")
    digital = metric(page, "High touch")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters").click()
    expect(page).not_to_have_url(re.compile("channel="), timeout=30_000)
    expect(
        page.get_by_test_id("stMetric")
        .filter(has_text="High touch")
        .get_by_test_id("stMetricValue")
    ).not_to_have_text(digital, timeout=30_000)


def test_a_bad_link_says_what_it_dropped(server, page):
    page.goto(f"{server}/?industry=Hotels&industry=Alchemy")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Ignored 'Alchemy' for industry")).to_be_visible(timeout=60_000)


def test_uploading_the_example_files_switches_to_them(server, page):
    page.goto(f"{server}/data")
    chooser = page.locator("input[type=file]")
    chooser.set_input_files([str(p) for p in sorted(EXAMPLES.glob("*.csv"))])
    expect(page.get_by_text("All checks passed")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stSidebar").get_by_role("radio", name="My upload")).to_be_checked()


def test_uploading_a_broken_file_lists_the_problem(server, page, tmp_path):
    page.goto(f"{server}/data")
    broken = tmp_path / "units.csv"
    broken.write_text("unit_id,company\nU1,Acme\n", encoding="utf-8")
    files = [str(p) for p in sorted(EXAMPLES.glob("*.csv")) if p.name != "units.csv"]
    page.locator("input[type=file]").set_input_files([*files, str(broken)])
    expect(page.get_by_text("These files cannot be used yet")).to_be_visible(timeout=60_000)
    # The table is a canvas grid: its accessible cells exist but do not count as visible.
    expect(page.get_by_text("missing column").first).to_be_attached()
