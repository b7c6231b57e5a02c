"""The real server and browser for the tests that need them (not a test module).

Tests that import this are skipped on a machine without /usr/bin/chromium, except in CI (which
installs it), where a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.server import CHROMIUM_FLAGS as FLAGS
from bench.server import rss_mb, streamlit_server

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True
    )

__all__ = ["CHROMIUM", "FLAGS", "rss_mb", "streamlit_server"]
