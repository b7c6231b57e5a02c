"""The real server and browser for the tests that need them (not a test module).

Tests that import this are skipped on a machine without /usr/bin/chromium, except in CI (which
installs it), where a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.serve import runs_done
from bench.server import CHROMIUM_FLAGS as FLAGS
from bench.server import rss_mb, streamlit_server

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True
    )

__all__ = ["CHROMIUM", "FLAGS", "rss_mb", "settle", "streamlit_server"]

# An expectation waits up to 15 s, not Playwright's 5: under two workers a page's run can take
# that long while the other worker's test holds a core, and two tests had read the page mid-run.
# What holds at once still passes at once; only a real failure is reported later.
expect.set_options(timeout=15_000)

# Charts draw after the run ends: their code loads behind placeholders (Streamlit's skeletons),
# then every chart the run sent has its drawing.
CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('.stPlotlyChart')]
        .every(chart => chart.querySelector('svg.main-svg'))"""


def settle(page, finished: int = 0) -> None:
    """Wait until a run after the first `finished` has ended, none follows for a second (a
    page may rerun once, and the charts' code loads after the first run that has one), and
    every chart is drawn. The page's context must have bench.load's WATCH as an init script
    (it counts the runs the server finishes)."""
    runs_done(page, finished, quiet_s=1.0, timeout=60)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
