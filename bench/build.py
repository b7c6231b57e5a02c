"""python -m bench.build: build the cube from Parquet on disk with polars and with DuckDB, then
serve it from the cube folder.

Writes the benchmark study (bench/scale.py) as a dataset folder, then runs each step in a fresh
child process so that its peak memory (ru_maxrss) is its own:
    polars   load_dataset (read + validate in memory) + build + seal, as the app does on upload
    duckdb   cxlib.warehouse: small tables + a validated slice, SQL checks over every row,
             GROUP BY out of core, seal
    open     open_cube + Linkage.from_sealed, then the benchmarked query (median of 20)
Both builds' cubes are compared cell for cell before any figure is printed. Prints a table and
one line 'BENCH_JSON {...}'.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from .scale import Scale, generate, query_state

ROOT = Path(__file__).resolve().parent.parent
RESULT = "RESULT "
JSON_PREFIX = "BENCH_JSON "
STEPS = ("polars", "duckdb", "open")


def write_study(scale: Scale, folder: Path) -> dict:
    """The benchmark study as files: small tables as CSV, responses as Parquet with ids."""
    data = generate(scale)
    folder.mkdir(parents=True, exist_ok=True)
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
    for name, frame, key in (
        ("employee_responses", data.employee, "respondent_id"),
        ("customer_responses", data.customer, "response_id"),
    ):
        frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(key)).write_parquet(
            folder / f"{name}.parquet", row_group_size=1_000_000
        )
    size = sum(p.stat().st_size for p in folder.iterdir())
    return {
        "study_mb": size / 1e6,
        "staff": data.employee.height,
        "customers": data.customer.height,
    }


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

        stored = build_with_duckdb(Sources.of(study), temp_directory=str(out.parent / "spill"))
        write_cube(stored, out)
    else:
        linkage = open_cube(out).linkage()
        result["open_s"] = time.perf_counter() - start
        view = query_state(scale)
        times = []
        for _ in range(20):
            begin = time.perf_counter()
            linkage.unit_table(view, full=False)
            times.append(time.perf_counter() - begin)
        result["query_ms"] = statistics.median(times) * 1000
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


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


def run(scale: Scale, keep: Path | None = None) -> dict:
    base = Path(keep or tempfile.mkdtemp(prefix="cxlib-build-"))
    study = base / "study"
    try:
        print("writing the study ...", file=sys.stderr, flush=True)
        result = {"scale": scale.as_dict(), **write_study(scale, study)}
        for name in STEPS[:2]:
            print(f"building with {name} ...", file=sys.stderr, flush=True)
            result[name] = child(name, study, base / f"cube-{name}", scale)
        if not same_cells(base / "cube-polars", base / "cube-duckdb"):
            raise RuntimeError("the polars and DuckDB cubes differ")
        result["cube_mb"] = sum(p.stat().st_size for p in (base / "cube-duckdb").iterdir()) / 1e6
        print("opening the cube ...", file=sys.stderr, flush=True)
        result["open"] = child("open", study, base / "cube-duckdb", scale)
        return result
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def table(result: dict) -> str:
    lines = [
        f"study on disk: {result['study_mb']:.0f} MB ({result['customers']:,} customer, "
        f"{result['staff']:,} staff responses); cube folder {result['cube_mb']:.1f} MB",
        f"{'step':<10}{'seconds':>10}{'peak MB':>10}",
    ]
    for name in STEPS:
        lines.append(f"{name:<10}{result[name]['seconds']:>10.2f}{result[name]['peak_mb']:>10.0f}")
    opened = result["open"]
    lines.append(f"open {opened['open_s']:.2f} s; query median {opened['query_ms']:.1f} ms")
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
    args = parser.parse_args(argv)
    scale = Scale(**{k: getattr(args, k) for k in default.as_dict()})
    if args.step:
        print(RESULT + json.dumps(step(args.step, args.study, args.out, scale)), flush=True)
        return 0
    result = run(scale, args.keep)
    print(table(result))
    print(JSON_PREFIX + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
