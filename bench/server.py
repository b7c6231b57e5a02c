"""The app served for measurement: `streamlit run app.py` on a free local port.

Used by the browser and memory tests, the screenshot script and the benchmarks that need the
real server (one copy of the start-up and the bounded wait).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's (browser downloads are impossible here); CXEX_BROWSER names another build of it, as
# /usr/bin/chromium-headless-shell, to see what the browser's own shell costs (issue 9).
CHROMIUM = os.environ.get("CXEX_BROWSER", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Debian's Chromium, headless, with nothing reaching for hosts this machine cannot reach."""
READER_PAGES = ("overview", "industries", "linkage", "drivers", "over_time", "data")
"""The pages bench.load's readers visit (app.py's page ids; its bare peer has these alone)."""


@contextlib.contextmanager
def streamlit_server(
    timeout: float = 90,
    cpus: str | None = None,
    secrets: Path | None = None,
    script: str = "app.py",
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield (url, process) once the server answers its health check; stop it afterwards.
    cpus: the CPUs the server may run on (taskset list, e.g. "0"), to keep clients off them.
    secrets: a secrets.toml to serve with (a deployment's [data] cube, say).
    script: the app to serve, from the repository's root (bench/bare_app.py: the load
    benchmark's bare peer)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    if script != "app.py":  # the config hides the navigation until app.py shows it (see there)
        command += ["--client.showSidebarNavigation", "true"]
    if cpus is not None:
        command = ["taskset", "-c", cpus, *command]
    log = os.environ.get("CXEX_SERVER_LOG")  # where the server's log goes (else nowhere)
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:  # bounded wait for the server to come up
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start within {timeout:.0f} s") from None
                time.sleep(0.5)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)
        if log:
            output.close()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
