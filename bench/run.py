"""The benchmark run: generate a study, check that every peer agrees with cxlib, time, report.

Timings are medians of wall-clock runs after one warm-up each; they are reported, never asserted.
Peak memory is the peak RSS of separate child processes (this one holds every peer's copy of the
data), so the numbers are those of an app that loads the study and builds the cube.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from cxlib.engine import Linkage
from cxlib.themes import theme_correlations

from .measure import own_peak_mb, times_ms
from .peers import PEERS, Query, agreement_problems
from .scale import Scale, generate, query_state

ROOT = Path(__file__).resolve().parent.parent
CUBE_BUILDS = 3
MIN_CXLIB_RUNS = 20
PEAK_PREFIX = "PEAK_KIB "
JSON_PREFIX = "BENCH_JSON "


class PeerMismatchError(RuntimeError):
    """A peer's (touch, theme, n, r) differs from cxlib's: its timing would mean nothing."""


def median_ms(run: Callable[[], object], runs: int) -> float:
    run()  # warm-up: first-call costs (allocations, lazy imports, plan caches) are not measured
    return statistics.median(times_ms(run, runs))


def cxlib_query(linkage: Linkage, state):
    """The interactive query: the view's unit table, then each EX theme × the CX metric per
    touch class (n, r, CI, p). Computed anew each time (kept=False): a click on a view never
    seen before, not a kept result."""
    return theme_correlations(linkage.unit_table(state, full=False, kept=False))


def check_agreement(linkage: Linkage, data, state) -> dict[str, Callable]:
    """Set the peers up, run each once against cxlib, return their runners; raise on a mismatch."""
    expected = cxlib_query(linkage, state)
    query = Query.of(data, state, linkage)
    runners = {name: setup(data, query) for name, setup in PEERS.items()}
    problems = agreement_problems(expected, {name: run() for name, run in runners.items()})
    if problems:
        raise PeerMismatchError("peers disagree with cxlib:\n  " + "\n  ".join(problems))
    return runners


# --- memory (child processes) -------------------------------------------------------------------


def scale_args(scale: Scale) -> list[str]:
    return [f"--{name}={value}" for name, value in scale.as_dict().items() if name != "companies"]


def memory_phase(phase: str, scale: Scale) -> None:
    """Body of a child process: generate, and for 'cxlib-memory' build the cube and query."""
    data = generate(scale)
    if phase == "cxlib-memory":
        cxlib_query(Linkage(data), query_state(scale))
    print(PEAK_PREFIX + str(own_peak_mb() * 1024), flush=True)  # KiB, not the parent's


def child_peak_mb(phase: str, scale: Scale) -> float:
    """Peak RSS (VmHWM, in KiB) of a fresh `python -m bench --phase ...`, in MB."""
    command = [sys.executable, "-m", "bench", "--phase", phase, *scale_args(scale)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith(PEAK_PREFIX))
    return float(line.removeprefix(PEAK_PREFIX)) / 1024


# --- the run ------------------------------------------------------------------------------------


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # stdout stays the table and the JSON line


def run(scale: Scale, repeats: int = 5, skip_memory: bool = False, log=progress) -> dict:
    peaks = {}
    if not skip_memory:  # first, while this process is small and the machine is quiet
        for phase in ("generate-memory", "cxlib-memory"):
            log(f"measuring peak memory: {phase} ...")
            peaks[phase] = child_peak_mb(phase, scale)

    log("generating the study ...")
    start = time.perf_counter()
    data = generate(scale)
    generate_s = time.perf_counter() - start
    state = query_state(scale)

    log(f"building the cube {CUBE_BUILDS} times ...")
    builds = []
    for _ in range(CUBE_BUILDS):
        start = time.perf_counter()
        linkage = Linkage(data)
        builds.append(time.perf_counter() - start)

    log("checking that the peers agree with cxlib ...")
    runners = check_agreement(linkage, data, state)

    cxlib_runs = max(MIN_CXLIB_RUNS, 4 * repeats)
    log(f"timing the cxlib query ({cxlib_runs} runs) ...")
    timings = {"cxlib": median_ms(lambda: cxlib_query(linkage, state), cxlib_runs)}
    for name, runner in runners.items():
        log(f"timing {name} ({repeats} runs) ...")
        timings[name] = median_ms(runner, repeats)
    runs = {"cxlib": cxlib_runs, "peers": repeats, "cube_builds": CUBE_BUILDS}
    build_s = statistics.median(builds)
    return summarize(scale, timings, build_s, peaks, generate_s, linkage, runs)


def summarize(scale, timings, build_s, peaks, generate_s, linkage, runs) -> dict:
    cx = timings["cxlib"]
    fastest = min((n for n in PEERS), key=timings.__getitem__)
    peak = peaks.get("cxlib-memory")
    result = {
        "scale": scale.as_dict(),
        "cxlib_query_ms": cx,
        **{f"{name}_ms": timings[name] for name in PEERS},
        "fastest_raw_peer": fastest,
        "fastest_raw_peer_ms": timings[fastest],
        "speedup_vs_fastest": timings[fastest] / cx,
        "speedup_vs_pandas": timings["pandas"] / cx,
        "cube_build_s": build_s,
        "peak_mb": peak,
        "generate_peak_mb": peaks.get("generate-memory"),
        "generate_s": generate_s,
        "cube_cells": {
            # every built cell has someone in it: occupied grid places are the cells
            "employee": int((linkage.grid.staff_array[0] > 0).sum()),
            "customer": int((linkage.grid.customer_array[0] > 0).sum()),
        },
        "runs": runs,
    }
    result["targets"] = {
        "speedup_vs_fastest>=10": result["speedup_vs_fastest"] >= 10,
        "speedup_vs_pandas>=50": result["speedup_vs_pandas"] >= 50,
        "cube_build_s<=5": build_s <= 5,
        "peak_mb<=2500": None if peak is None else peak <= 2500,
    }
    packages = ("polars", "numpy", "pandas", "duckdb", "pyarrow")
    result["versions"] = {"python": platform.python_version(), **{p: version(p) for p in packages}}
    return result


def table(result: dict) -> str:
    s = result["scale"]
    cx = result["cxlib_query_ms"]
    lines = [
        f"CX-EX benchmark: {s['customers']:,} customer and {s['employees']:,} employee "
        f"responses, {s['units']:,} units, {s['periods']} periods, {s['segments']} segments "
        f"(seed {s['seed']})",
        f"generate study             {result['generate_s']:8.1f} s",
        f"cxlib cube build (median)  {result['cube_build_s']:8.2f} s   cells: "
        + ", ".join(f"{k} {v:,}" for k, v in result["cube_cells"].items()),
        "",
        f"{'theme_correlations':<26} {'median ms':>10} {'runs':>6} {'x cxlib':>9}",
        f"{'cxlib (cube)':<26} {cx:10.1f} {result['runs']['cxlib']:6d} {1:9.1f}",
    ]
    for name in PEERS:
        ms = result[f"{name}_ms"]
        lines.append(
            f"{name + ' (raw)':<26} {ms:10.1f} {result['runs']['peers']:6d} {ms / cx:9.1f}"
        )
    if result["peak_mb"] is not None:
        lines += [
            "",
            f"peak RSS, generate only            {result['generate_peak_mb']:8.0f} MB",
            f"peak RSS, generate + cube + query  {result['peak_mb']:8.0f} MB",
        ]
    lines += ["", "targets:"]
    values = {
        "speedup_vs_fastest>=10": result["speedup_vs_fastest"],
        "speedup_vs_pandas>=50": result["speedup_vs_pandas"],
        "cube_build_s<=5": result["cube_build_s"],
        "peak_mb<=2500": result["peak_mb"],
    }
    for name, met in result["targets"].items():
        shown = "skipped" if met is None else "met" if met else "NOT met"
        value = "" if values[name] is None else f"{values[name]:.2f}"
        lines.append(f"  {name:<24} {value:>10}  {shown}")
    return "\n".join(lines)
