"""The benchmark's machinery at a tiny scale: behaviour (agreement, reporting), never timing."""

from __future__ import annotations

import json

import polars as pl
import pytest

from bench.__main__ import main
from bench.peers import PEERS, Query, agreement_problems
from bench.run import JSON_PREFIX, check_agreement, cxlib_query
from bench.scale import Scale, generate, query_state
from cxlib.engine import Linkage

TINY = Scale(customers=80_000, employees=8_000, units=200, periods=4, seed=11)


@pytest.fixture(scope="module")
def study():
    data = generate(TINY)
    state = query_state(TINY)
    engine = Linkage(data)
    return data, state, cxlib_query(engine, state), engine


def test_generated_study_has_the_requested_shape(study):
    """Exact row counts, both touch classes, Int8 items, and some unit-periods under 5 staff."""
    data, *_ = study
    assert data.customer.height == TINY.customers
    assert data.employee.height == TINY.employees
    assert data.units.height == TINY.units
    assert data.periods == ("P01", "P02", "P03", "P04")
    assert data.customer["satisfaction"].dtype == pl.Int8
    staff = data.employee.group_by("unit_id", "period").len()
    assert (staff["len"] < 5).any()
    assert data.units["strategy"].drop_nulls().n_unique() == 2


def test_generation_is_seeded():
    """The same scale and seed give the same study."""
    small = Scale(customers=2_000, employees=800, units=40, periods=2, seed=3)
    assert generate(small).customer.equals(generate(small).customer)


def test_every_peer_agrees_with_cxlib(study):
    """pandas, DuckDB and polars reproduce cxlib's n exactly and r to 1e-9, for both classes."""
    data, state, expected, engine = study
    query = Query.of(data, state, engine)
    results = {name: setup(data, query)() for name, setup in PEERS.items()}
    assert agreement_problems(expected, results) == []
    assert set(expected["touch"]) == {"high", "low"}
    assert expected.height == 12
    assert (expected["r"] > 0.1).sum() >= 6  # the planted effect is visible


def test_a_wrong_peer_is_reported(study):
    """A peer off by a tiny r or by one unit is named in the problems."""
    expected = study[2]
    wrong = expected.with_columns(
        pl.col("r") + 1e-6, pl.col("n") + (pl.col("theme") == "Wellbeing")
    )
    problems = agreement_problems(expected, {"wrong": wrong.head(11)})
    assert len(problems) == 12  # 11 rows off in r, 1 row missing
    assert all(p.startswith("wrong:") for p in problems)


def test_check_agreement_returns_runners(study):
    data, state, *_ = study
    runners = check_agreement(Linkage(data), data, state)
    assert set(runners) == {"pandas", "duckdb", "polars"}


def test_command_line_prints_table_and_json(capsys):
    """python -m bench at a tiny scale prints the table and one parseable BENCH_JSON line."""
    args = ["--customers=30000", "--employees=2000", "--units=60", "--periods=3"]
    assert main([*args, "--repeats=1", "--skip-memory"]) == 0
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if x.startswith(JSON_PREFIX)]
    assert len(lines) == 1 and out.rstrip().endswith(lines[0])
    result = json.loads(lines[0].removeprefix(JSON_PREFIX))
    assert result["scale"]["customers"] == 30000
    assert result["runs"]["cxlib"] >= 20
    assert result["peak_mb"] is None and result["targets"]["peak_mb<=2500"] is None
    assert {"cxlib_query_ms", "pandas_ms", "duckdb_ms", "polars_ms"} <= set(result)
    assert "theme_correlations" in out


def test_command_line_stops_when_a_peer_disagrees(monkeypatch, capsys):
    """A peer with a wrong answer stops the run (exit 1) with a message naming it; no JSON."""

    def wrong_peer(data, query):
        right = PEERS["polars"](data, query)
        return lambda: right().with_columns(pl.col("r") * 0.5)

    monkeypatch.setattr("bench.run.PEERS", {**PEERS, "wrong": wrong_peer})
    args = ["--customers=30000", "--employees=2000", "--units=60", "--periods=3", "--skip-memory"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "STOPPED: peers disagree with cxlib" in captured.err
    assert "wrong: touch=" in captured.err
    assert JSON_PREFIX not in captured.out


def test_the_build_benchmark_runs_every_engine_and_compares_their_cubes(tmp_path, capsys):
    """python -m bench.build at a tiny scale, responses in two files per table: every engine
    builds, their cubes are compared cell for cell (the run stops if not), the cube serves."""
    import json

    from bench.build import JSON_PREFIX as BUILD_JSON
    from bench.build import main as build_main

    args = ["--customers=30000", "--employees=3000", "--units=60", "--periods=3", "--chunks=2"]
    assert build_main([*args, "--keep", str(tmp_path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(BUILD_JSON))
    result = json.loads(line.removeprefix(BUILD_JSON))
    assert result["customers"] == 60_000 and result["staff"] == 6_000
    for step in ("duckdb", "ibis", "streaming", "open"):
        assert result[step]["seconds"] > 0 and result[step]["peak_mb"] > 0, step
    assert "polars" not in result  # two chunks: the in-memory build is left out by design
    assert result["open"]["query_ms"] > 0
    # the query on the files on disk: the run stops if a peer's answer differs from cxlib's
    peers = result["peers"]
    assert {"cxlib", "duckdb", "polars"} <= peers.keys()
    assert peers["cxlib"]["runs"] == 20 and peers["duckdb"]["runs"] == 3
    assert all(
        peers[n]["median_ms"] <= peers[n]["slowest_ms"] for n in ("cxlib", "duckdb", "polars")
    )


def test_the_serving_benchmark_reads_the_real_server_s_memory_on_every_page(monkeypatch):
    """python -m bench.serve on the sample, one view a page: the server's memory grows from
    idle once a page is drawn, each page is visited, and the peak is at least every reading
    (a view done after half a second without a run, read again a second after the last view:
    the benchmark's 1.5 and 15 s time the allocator, which this test does not)."""
    from bench import serve
    from cxlib.scope import PAGES

    monkeypatch.setattr(serve, "QUIET_S", 0.5)
    result = serve.run(None, views=1, settle_s=1)
    assert result["pages"] == list(PAGES)
    assert result["idle_mb"] + 100 < result["first_view_mb"]  # the app's libraries and data
    assert result["peak_mb"] >= max(result["after_views_mb"]) == result["largest_after_view_mb"]
    assert result["settled_mb"] > result["idle_mb"]


def test_the_redraw_benchmark_reports_each_page_and_action_with_the_worst_rebuild():
    """bench.redraw's table: one row per page and action, the CPU averaged over its changes,
    the most elements any of them rebuilt, and the mean over every change."""
    from bench.redraw import summary

    changes = [
        {"page": "Drivers", "action": "touch", "cpu_s": 0.2, "sidebar_rebuilt": (0, 30)}
        | {"page_rebuilt": (2, 20)},
        {"page": "Drivers", "action": "touch", "cpu_s": 0.4, "sidebar_rebuilt": (3, 30)}
        | {"page_rebuilt": (1, 20)},
        {"page": "Data", "action": "page", "cpu_s": 0.9, "sidebar_rebuilt": (0, 30)}
        | {"page_rebuilt": (19, 19)},
    ]
    result = summary(changes)
    assert result["changes"] == [
        {"page": "Drivers", "action": "touch", "cpu_s": pytest.approx(0.3)}
        | {"sidebar_rebuilt": "3/30", "page_rebuilt": "2/20"},
        {"page": "Data", "action": "page", "cpu_s": pytest.approx(0.9)}
        | {"sidebar_rebuilt": "0/30", "page_rebuilt": "19/19"},
    ]
    assert result["mean_cpu_s"] == pytest.approx(0.5)


def test_the_load_benchmark_drives_real_browsers_and_its_extra_work_costs_them(monkeypatch):
    """bench.load on its bare peer (bench/bare_app.py), two browsers reading briefly: every
    change is timed and none fails or stalls, the server's memory is read; with
    --browser-work 20 (20 million steps a change) each change costs the browsers more CPU."""
    from bench import load

    monkeypatch.setattr(load, "JOIN_EVERY_S", 0.2)
    monkeypatch.setattr(load, "SETTLE_S", 0.5)
    monkeypatch.setattr(load, "READ_S", (0.3, 0.6))
    plain, worked = (load.run(2, 6, bare=True, browser_work=work) for work in (0, 20))
    for result in (plain, worked):
        assert result["app"] == "bench/bare_app.py" and result["changes"] >= 6
        assert (result["errors"], result["stalls"], result["failed"]) == (0, 0, [])
        assert 0 < result["p50_s"] <= result["p95_s"] <= result["max_s"] < load.STALL_S
        assert result["server_mb_peak"] >= result["server_mb_start"] > 0
    assert worked["browser_cpu_per_change"] > plain["browser_cpu_per_change"] + 0.15


def test_the_load_benchmark_counts_only_the_cpu_of_its_own_processes(tmp_path):
    """Two processes burn a second of CPU each under one name: the benchmark's own child, and
    one it does not own (its parent exits, as another test's browser beside it). Only the
    child's second counts: the load benchmark no longer needs the machine to itself."""
    import subprocess
    import sys
    import time
    import uuid

    from bench.load import cpu_seconds

    name = f"cxex-burner-{uuid.uuid4().hex}"
    burn = (
        "import sys, time\nt = time.process_time()\nwhile time.process_time() - t < 1: pass\n"
        f"open(sys.argv[1], 'w').close()\ntime.sleep(5)  # {name}"
    )
    done = [tmp_path / "own", tmp_path / "other"]
    own = subprocess.Popen([sys.executable, "-c", burn, done[0]])
    subprocess.run(["sh", "-c", '"$0" -c "$1" "$2" &', sys.executable, burn, done[1]], check=True)
    try:
        deadline = time.monotonic() + 60
        while not all(f.exists() for f in done) and time.monotonic() < deadline:
            time.sleep(0.1)
        counted = cpu_seconds(name.encode())
    finally:
        own.kill()
        own.wait()
    assert all(f.exists() for f in done)
    assert 0.8 <= counted <= 1.4, counted
