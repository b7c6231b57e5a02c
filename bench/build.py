"""python -m bench.build: build the cube from Parquet on disk with polars, DuckDB and Ibis, then
serve it from the cube folder.

Writes the benchmark study (bench/scale.py) as a dataset folder (with --chunks N, N studies of
the same units with other seeds, as N files per response table: N times the responses), then
runs each step in a fresh child process so that its peak memory (VmHWM) is its own:
    polars    load_dataset (read + validate in memory) + build + seal, as the app does on upload
              (one chunk only: N chunks would not fit this machine's memory)
    streaming polars' streaming engine over the Parquet files: the aggregation alone, no
              checks, no seal (a floor for what polars could do out of core)
    duckdb    cxlib.warehouse: small tables + a validated slice, one scan per side (cells and
              the rows off their scale), seal
    ibis      cxlib.ibis_cube on Ibis' DuckDB backend: the same, written once for any backend
    open      open_cube + Linkage.from_sealed, then the benchmarked query (median of 20)
    peers     the interactive query (bench/peers.py: the view's unit table and theme
              correlations) on the cube, median and p95 of 20, beside DuckDB and polars
              (streaming) running it over the raw responses on disk (median and slowest of 3
              after one untimed run); their answers must equal cxlib's
The cubes are compared cell for cell before any figure is printed. Prints a table and one line
'BENCH_JSON {...}'.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from .measure import own_peak_mb, times_ms
from .scale import Scale, generate, query_state

ROOT = Path(__file__).resolve().parent.parent
RESULT = "RESULT "
JSON_PREFIX = "BENCH_JSON "
STEPS = ("polars", "streaming", "duckdb", "ibis", "open", "peers")
CUBE_RUNS, PEER_RUNS = 20, 3
LIMIT_MS = 2.0  # scanning the 20M study's cube once at memory bandwidth (issue 13)


def write_study(scale: Scale, folder: Path, chunks: int = 1, clustered: bool = False) -> dict:
    """The benchmark study as files: small tables as CSV, responses as Parquet with ids (one
    file per table, or a folder of `chunks` files: the same units, other seeds).

    Rows come in the generator's order, units mixed as a survey tool exports them; clustered,
    each file's rows are sorted by unit and period, as a warehouse table clustered by unit
    holds them (docs/scale.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"staff": 0, "customers": 0}
    for chunk in range(chunks):
        data = generate(dataclasses.replace(scale, seed=scale.seed + chunk))
        if chunk == 0:
            _small(data, folder)
        for name, frame, key, side in (
            ("employee_responses", data.employee, "respondent_id", "staff"),
            ("customer_responses", data.customer, "response_id", "customers"),
        ):
            first = counts[side]
            ids = pl.int_range(first, first + frame.height, dtype=pl.Int64).alias(key)
            if chunks == 1:
                path = folder / f"{name}.parquet"
            else:
                (folder / name).mkdir(exist_ok=True)
                path = folder / name / f"part-{chunk:03d}.parquet"
            frame = frame.with_columns(ids)
            if clustered:
                frame = frame.sort("unit_id", "period")
            frame.write_parquet(path, row_group_size=1_000_000)
            counts[side] += frame.height
        del data
        print(f"  chunk {chunk + 1} of {chunks} written", file=sys.stderr, flush=True)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"study_mb": size / 1e6, **counts}


def _small(data, folder: Path) -> None:
    data.industries.write_csv(folder / "industries.csv")
    data.units.write_csv(folder / "units.csv")
    pl.DataFrame(
        [
            {"theme": t.name, "side": side, "item": item}
            for t in data.theme_map.themes
            for side, items in (("employee", t.employee_items), ("customer", t.customer_items))
            for item in items
        ]
    ).write_csv(folder / "theme_map.csv")


def step(name: str, study: Path, out: Path, scale: Scale) -> dict:
    """Body of a child process: one step, its own time and peak memory."""
    from cxlib.cubefile import open_cube, stored_cube, write_cube

    start = time.perf_counter()
    result: dict = {}
    if name == "polars":
        import cxlib

        stored = stored_cube(cxlib.load_dataset(study))
        write_cube(stored, out)
    elif name == "duckdb":
        from cxlib.warehouse import Sources, build_with_duckdb

        spill = out.parent / "spill"
        stored = build_with_duckdb(Sources.of(study), temp_directory=str(spill))
        result["spill_mb"] = _peak_spill_note(spill)
        write_cube(stored, out)
    elif name == "ibis":
        import ibis

        from cxlib.ibis_cube import build_with_ibis
        from cxlib.warehouse import Sources

        sources = Sources.of(study)
        from cxlib.warehouse import DUCKDB_MEMORY

        con = ibis.duckdb.connect()  # held to the DuckDB build's limit, as a user would set it
        con.raw_sql(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        con.raw_sql(f"SET temp_directory = '{out.parent / 'spill-ibis'}'")
        staff, customers = (
            con.read_parquet([str(p) for p in files])
            for files in (sources.staff, sources.customers)
        )
        write_cube(build_with_ibis(staff, customers, study, fingerprint="bench"), out)
    elif name == "streaming":
        from cxlib.cube import CUSTOMER_KEYS, EMPLOYEE_KEYS, aggregate, raw_keys, side_items
        from cxlib.warehouse import Sources

        from .scale import theme_map

        sources, per_side = Sources.of(study), side_items(theme_map())
        result["cells"] = 0
        for files, keys, items in (
            (sources.staff, EMPLOYEE_KEYS, per_side["staff"]),
            (sources.customers, CUSTOMER_KEYS, per_side["customers"]),
        ):
            lazy = aggregate(pl.scan_parquet([str(p) for p in files]), raw_keys(keys), items)
            result["cells"] += lazy.collect(engine="streaming").height
    elif name == "open":
        linkage = open_cube(out, lean=True).linkage()  # as the app opens it
        result["open_s"] = time.perf_counter() - start
        view = query_state(scale)
        query = lambda: linkage.unit_table(view, full=False, kept=False)  # noqa: E731 (not kept)
        result["query_ms"] = statistics.median(times_ms(query, CUBE_RUNS))
    elif name == "peers":
        result.update(_peers(study, out, scale))
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = own_peak_mb()  # the parent's memory is not this step's
    return result


def _peers(study: Path, cube: Path, scale: Scale) -> dict:
    """The interactive query on the cube and, over the raw responses on disk, on DuckDB and
    on polars' streaming engine (answers checked equal first)."""
    from cxlib.cubefile import open_cube
    from cxlib.themes import theme_correlations
    from cxlib.warehouse import Sources

    from .peers import Files, Query, agreement_problems, duckdb_files_peer, polars_files_peer
    from .scale import theme_map

    linkage = open_cube(cube, lean=True).linkage()
    view = query_state(scale)
    shown = linkage.unit_table(view, per_period=True, full=False).table.select("unit_id", "period")
    themes = tuple((t.name, t.employee_items) for t in theme_map().themes if t.employee_items)
    sources = Sources.of(study)
    files = Files(study, tuple(sources.staff), tuple(sources.customers))

    def cxlib_query():
        return theme_correlations(linkage.unit_table(view, full=False, kept=False))

    expected = cxlib_query()
    timings = {"cxlib": times_ms(cxlib_query, CUBE_RUNS)}
    answers = {}
    for name, peer, keys in (
        ("duckdb", duckdb_files_peer, pl.String),  # DuckDB reads the files' keys as text
        ("polars", polars_files_peer, pl.Categorical),  # as the files hold them
    ):
        query = Query(view.segments, view.channels, themes, shown.cast(keys))
        run = peer(files, query)
        answers[name] = run()  # untimed: the operating system's file cache warmed
        timings[name] = times_ms(run, PEER_RUNS)
    problems = agreement_problems(expected, answers)
    if problems:
        raise RuntimeError("peers disagree with cxlib: " + "; ".join(problems[:5]))
    return {
        name: {
            "median_ms": statistics.median(times),
            "p95_ms": _quantile(times, 0.95),
            "slowest_ms": max(times),
            "runs": len(times),
        }
        for name, times in timings.items()
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _peak_spill_note(spill: Path) -> float:
    """What DuckDB left in its spill folder (it deletes spilled blocks when done: usually 0)."""
    if not spill.exists():
        return 0.0
    return sum(p.stat().st_size for p in spill.rglob("*") if p.is_file()) / 1e6


def child(name: str, study: Path, out: Path, scale: Scale) -> dict:
    command = [sys.executable, "-m", "bench.build", "--step", name, "--study", str(study)]
    command += ["--out", str(out), *scale_args(scale)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"step {name} failed:\n{done.stderr}")
    line = next(x for x in done.stdout.splitlines() if x.startswith(RESULT))
    return json.loads(line.removeprefix(RESULT))


def scale_args(scale: Scale) -> list[str]:
    return [f"--{k}={v}" for k, v in scale.as_dict().items()]


def same_cells(a: Path, b: Path) -> bool:
    return all(
        pl.read_parquet(a / name).equals(pl.read_parquet(b / name))
        for name in ("staff_cells.parquet", "customer_cells.parquet", "units.parquet")
    )


def run(scale: Scale, keep: Path | None = None, chunks: int = 1, clustered: bool = False) -> dict:
    base = Path(keep or tempfile.mkdtemp(prefix="cxlib-build-"))
    study = base / "study"
    builds = (
        ("duckdb", "ibis", "streaming") if chunks > 1 else ("polars", "duckdb", "ibis", "streaming")
    )
    try:
        print("writing the study ...", file=sys.stderr, flush=True)
        written = write_study(scale, study, chunks, clustered)
        result = {"scale": scale.as_dict(), "chunks": chunks, "clustered": clustered, **written}
        for name in builds:
            print(f"building with {name} ...", file=sys.stderr, flush=True)
            result[name] = child(name, study, base / f"cube-{name}", scale)
        cubes = [base / f"cube-{name}" for name in builds if name != "streaming"]
        if not all(same_cells(cubes[0], other) for other in cubes[1:]):
            raise RuntimeError("the cubes of the engines differ")
        result["cube_mb"] = sum(p.stat().st_size for p in (base / "cube-duckdb").iterdir()) / 1e6
        print("opening the cube ...", file=sys.stderr, flush=True)
        result["open"] = child("open", study, base / "cube-duckdb", scale)
        print("timing the query on the cube and on the raw files ...", file=sys.stderr, flush=True)
        result["peers"] = child("peers", study, base / "cube-duckdb", scale)
        return result
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def table(result: dict) -> str:
    lines = [
        f"study on disk: {result['study_mb']:.0f} MB ({result['customers']:,} customer, "
        f"{result['staff']:,} staff responses, "
        f"{'clustered by unit' if result.get('clustered') else 'units mixed'}); "
        f"cube folder {result['cube_mb']:.1f} MB",
        f"{'step':<10}{'seconds':>10}{'peak MB':>10}",
    ]
    for name in ("polars", "streaming", "duckdb", "ibis", "open"):
        if name in result:
            step = result[name]
            lines.append(f"{name:<10}{step['seconds']:>10.2f}{step['peak_mb']:>10.0f}")
    opened = result["open"]
    lines.append(f"open {opened['open_s']:.2f} s; query median {opened['query_ms']:.1f} ms")
    peers = result.get("peers")
    if peers:
        lines.append(f"{'query':<22}{'median ms':>12}{'p95 ms':>10}{'slowest':>10}{'runs':>6}")
        for name, where in (
            ("cxlib", "cube"),
            ("duckdb", "raw, on disk"),
            ("polars", "raw, on disk"),
        ):
            t = peers[name]
            lines.append(
                f"{name + ' (' + where + ')':<22}{t['median_ms']:>12.1f}{t['p95_ms']:>10.1f}"
                f"{t['slowest_ms']:>10.1f}{t['runs']:>6}"
            )
        cube = peers["cxlib"]["median_ms"]
        lines.append(
            f"cxlib is {peers['duckdb']['median_ms'] / cube:.0f}x DuckDB's and "
            f"{peers['polars']['median_ms'] / cube:.0f}x polars' speed; "
            f"{cube / LIMIT_MS:.1f}x the {LIMIT_MS:.0f} ms limit"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    default = Scale()
    parser = argparse.ArgumentParser(prog="python -m bench.build", description=__doc__)
    for key, value in default.as_dict().items():
        parser.add_argument(f"--{key}", type=int, default=value)
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--study", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="keep the study and cubes in this folder")
    parser.add_argument("--chunks", type=int, default=1, help="N times the responses (N files)")
    parser.add_argument(
        "--clustered", action="store_true", help="rows sorted by unit and period in each file"
    )
    args = parser.parse_args(argv)
    scale = Scale(**{k: getattr(args, k) for k in default.as_dict()})
    if args.step:
        print(RESULT + json.dumps(step(args.step, args.study, args.out, scale)), flush=True)
        return 0
    result = run(scale, args.keep, args.chunks, args.clustered)
    print(table(result))
    print(JSON_PREFIX + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
