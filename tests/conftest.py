"""Shared datasets for the tests: the shipped sample and the small documented examples."""

from __future__ import annotations

import fcntl
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
import streamlit.testing.v1.app_test as app_test
import streamlit.testing.v1.local_script_runner as local_script_runner
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

import cxlib
from cxlib.cube import Cube, build_cube

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture(scope="session")
def sample() -> cxlib.Dataset:
    return cxlib.load_sample()


@pytest.fixture(scope="session")
def one_company(sample) -> dict:
    """One company's own data, as an HR analyst brings it (the product's main real use): the
    sample's first 15 units (all Northwind Hotels), their staff and customer answers in two
    periods, no companies panel. As session state for open_app(chosen=...)."""
    return company_upload(sample, 15)


def company_upload(sample: cxlib.Dataset, units: int) -> dict:
    """The sample's first `units` units (Northwind Hotels up to 80) in 2024-Q1 and 2024-Q2, as
    an upload in session state for open_app(chosen=...)."""
    from cxlib.strings import TEXT
    from pages.common import Upload

    units = sample.units.sort("unit_id").head(units)
    keep = pl.col("unit_id").is_in(units["unit_id"].implode()) & pl.col("period").is_in(
        ["2024-Q1", "2024-Q2"]
    )
    tables = {
        "units": units,
        "industries": sample.industries.filter(pl.col("industry") == "Hotels"),
        "employee_responses": sample.employee.filter(keep),
        "customer_responses": sample.customer.filter(keep),
        "theme_map": pl.read_csv(cxlib.SAMPLE_DIR / "theme_map.csv"),
    }
    files = {f"{name}.csv": to_bytes(frame) for name, frame in tables.items()}
    return {"upload": Upload(files), "next_source": TEXT["source_upload"]}


@pytest.fixture(scope="session")
def example_tables() -> dict[str, pl.DataFrame]:
    """The example tables, read as text so a test can change any cell."""
    return {p.stem: pl.read_csv(p, infer_schema=False) for p in sorted(EXAMPLES.glob("*.csv"))}


def to_bytes(frame: pl.DataFrame, fmt: str = "csv", separator: str = ",") -> bytes:
    buffer = io.BytesIO()
    if fmt == "csv":
        frame.write_csv(buffer, separator=separator)
    elif fmt == "parquet":
        frame.write_parquet(buffer)
    elif fmt == "xlsx":
        frame.write_excel(buffer)
    else:
        raise ValueError(fmt)
    return buffer.getvalue()


Files = dict[str, bytes]


@pytest.fixture
def example_files(example_tables) -> Callable[..., Files]:
    """Build an upload (file name -> bytes) from the examples, optionally changing one table."""

    def build(
        change: str | None = None,
        edit: Callable[[pl.DataFrame], pl.DataFrame] = lambda f: f,
        fmt: str = "csv",
    ) -> Files:
        files = {f"{name}.csv": to_bytes(frame) for name, frame in example_tables.items()}
        if change is not None:
            del files[f"{change}.csv"]
            files[f"{change}.{fmt}"] = to_bytes(edit(example_tables[change]), fmt)
        return files

    return build


@pytest.fixture(scope="session")
def engine(sample) -> cxlib.Linkage:
    """The sample's linkage study with its cube built (once per test session)."""
    return cxlib.Linkage(sample)


@pytest.fixture(scope="session")
def cube(sample) -> Cube:
    """The sample's cube (the engine spreads one over its grid and does not keep it)."""
    return build_cube(sample)


class _NavigationPages(PagesManager):
    """AppTest resets PagesManager.uses_pages_directory to None before every run; with a
    pages/ folder beside app.py, Streamlit then takes the app for a v1 multipage app and reruns
    the last page alone, without app.py (its sidebar never changes). A subclass absorbs the
    reset, so every AppTest run goes through app.py and st.navigation as a browser's does."""


LONGEST_FIRST = (
    "test_browser.py",
    "test_widgets.py",
    "test_hostile.py",
    "test_app.py",
    "test_bench.py",
    "test_ibis_cube.py",
    "test_workshop.py",
    "test_injection.py",
    "test_memory.py",
    "test_warehouse.py",
)
"""Files that take 40 s or more of the suite's 23 minutes of work (the two browser and widget
files nearly 5 minutes each), handed out first so that the two workers end together. Handed
out by their count of tests, the widget sweep (12 tests) came after thirty other files and the
memory and injection walks (one test each) last, while the other worker had run out."""


def pytest_collection_modifyitems(config, items):
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as found


LOCKS = pytest.StashKey[tuple]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """With two workers (pytest-xdist), a test marked `alone` runs its call while no other test
    runs: it times a load against a limit, or a stall by silence, which another worker's test
    would slow. Its setup (writing the files it loads) shares the machine, as do the other
    tests (a test's own server's memory and its own browsers' CPU are its own).

    Two file locks: `turn` is held shared by every running test and exclusive by a test's call
    alone; `gate` is crossed by every test before it takes its turn, and held by a test alone
    until it has its turn, so the other worker starts nothing new while it waits (without the
    gate, one worker's tests one after another could keep it waiting for ever)."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return (yield)
    folder = Path(tempfile.gettempdir())
    with (
        open(folder / f"cxex-{run}.gate", "a") as gate,
        open(folder / f"cxex-{run}.turn", "a") as turn,
    ):
        item.stash[LOCKS] = (gate, turn)
        _take_turn(gate, turn, fcntl.LOCK_SH)
        try:
            return (yield)
        finally:
            fcntl.flock(turn, fcntl.LOCK_UN)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    locks = item.stash.get(LOCKS, None)
    if locks is None or item.get_closest_marker("alone") is None:
        return (yield)
    gate, turn = locks
    # Let go of the shared turn before queueing at the gate: two tests alone at once, each
    # holding it shared while waiting for the other's, would wait for ever.
    fcntl.flock(turn, fcntl.LOCK_UN)
    _take_turn(gate, turn, fcntl.LOCK_EX)
    try:
        return (yield)
    finally:
        fcntl.flock(turn, fcntl.LOCK_SH)  # the teardown shares again


def _take_turn(gate, turn, mode: int) -> None:
    fcntl.flock(gate, fcntl.LOCK_EX)
    if mode == fcntl.LOCK_SH:
        fcntl.flock(gate, fcntl.LOCK_UN)
    fcntl.flock(turn, mode)
    if mode == fcntl.LOCK_EX:
        fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture(autouse=True, scope="session")
def _apptest_runs_the_entry_file():
    app_test.PagesManager = _NavigationPages
    PagesManager.uses_pages_directory = False
    # AppTest compiles app.py and the page again for every run (a new ScriptCache each time:
    # 7% of the widget sweep's time); the scripts do not change during a test session, and a
    # served app compiles each once too.
    compiled = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: compiled
    yield
    app_test.PagesManager = PagesManager
    app_test.ScriptCache = local_script_runner.ScriptCache = ScriptCache


def open_app(
    page: str = "overview",
    chosen: dict | None = None,
    secrets: dict | None = None,
    stops: bool = False,
    **query,
) -> AppTest:
    """The app as a browser opens it: query = the link opened, chosen = what the user set
    before (session state), secrets = the deployment's; then the page, if not the Overview.
    Fails on any exception, unless the run is meant to stop with an error (stops)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for section, values in (secrets or {}).items():
        at.secrets[section] = values
    for name, value in query.items():
        at.query_params[name] = value
    for name, value in (chosen or {}).items():
        at.session_state[name] = value
    at.run()
    if stops:
        return at
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not failures(at), failures(at)
    return at


def failures(at: AppTest) -> list[str]:
    """What went wrong in the last run: exceptions, and the short message with a reference the
    app shows readers in their place (app.py catches what a page raises)."""
    failed = [e.value for e in at.exception]
    said = ("(reference ", "(viite ")  # the page_failed text in either language
    return failed + [e.value for e in at.error if any(word in e.value for word in said)]


@pytest.fixture
def as_unit_table() -> Callable[..., cxlib.UnitTable]:
    """Wrap a frame made by a test's generator as an engine UnitTable (split by a dimension, or
    one row per unit and period), so analyses that take a unit table run on planted data."""
    from cxlib.engine import Hidden

    def wrap(table: pl.DataFrame, by: str | None = None, per_period: bool = False):
        hidden = Hidden(units=0, cells=0, minimums=(5, 5))
        return cxlib.UnitTable(table, cxlib.FilterState(), by, per_period, False, hidden, ())

    return wrap


def in_groups_of(k: int, data: cxlib.Dataset) -> tuple[int, int]:
    """Staff and customers in unit-periods with at least k of them on their side, counted from
    the raw responses: the people some view may show."""
    return tuple(
        int(
            responses.group_by("unit_id", "period")
            .len()
            .filter(pl.col("len") >= k)
            .get_column("len")
            .sum()
        )
        for responses in (data.employee, data.customer)
    )


def cluster_slope(frame: pl.DataFrame, cluster: str, x: str = "ex", y: str = "cx"):
    """(slope, variance) of y on x by statsmodels OLS with a CR0 sandwich clustered by
    `cluster`: the independent reference for cxlib's studentised company tests."""
    import numpy as np
    import statsmodels.api as sm

    codes = np.unique(frame[cluster].to_numpy(), return_inverse=True)[1]
    design = sm.add_constant(frame[x].to_numpy())
    fit = sm.OLS(frame[y].to_numpy(), design).fit(
        cov_type="cluster", cov_kwds={"groups": codes, "use_correction": False}
    )
    return fit.params[1], fit.cov_params()[1, 1]


def one_action(**fields):
    """An action list of one development area, as the Drivers page adds it (fields: owner,
    due, notes as a reader types them)."""
    from cxlib.actions import Action, ActionList

    item = Action(
        theme="Enablement",
        quadrant="develop_first",
        impact=23.4,
        impact_low=15.2,
        impact_high=31.0,
        score=3.24,
        **fields,
    )
    return ActionList(items=(item,))


def keyed_texts(at: AppTest, key: str) -> list[str]:
    """The texts drawn inside the container keyed `key` (e.g. narrow-only-heatmap: what a phone
    shows in place of a wide chart), found in the app's element tree."""
    found: list[str] = []

    def walk(node, inside: bool) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):  # a block; Streamlit ids end with the container's key
            here = inside or str(getattr(getattr(node, "proto", None), "id", "")).endswith(key)
            for child in children.values():
                walk(child, here)
        elif inside and isinstance(getattr(node, "value", None), str):
            found.append(node.value)

    walk(at.main, False)
    return found


def run_module(
    module: str, *args: str, timeout: float = 300, check: bool = False
) -> subprocess.CompletedProcess:
    """python -m MODULE ARGS from the repository's folder, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def cxlib_command(*args: str) -> subprocess.CompletedProcess:
    """python -m cxlib ARGS, as a data team runs it."""
    return run_module("cxlib", *args)
