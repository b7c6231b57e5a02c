"""python -m cxlib build-cube SOURCE -o CUBE: build, seal and write a study's cube folder.

The app then opens CUBE without the raw responses (cxlib.cubefile). Exit status 0 when the cube
is written, 2 when the data or the options are wrong (the reasons are printed, no traceback).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from .errors import DataError
from .models import Settings

ENGINES = ("auto", "duckdb", "polars")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m cxlib", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build-cube",
        help="build a sealed cube folder from a dataset folder",
        description="Build the cube of a dataset folder (small tables as CSV/XLSX/Parquet, "
        "responses as Parquet files, folders or globs) and write it, sealed, to a cube folder.",
    )
    build.add_argument("source", type=Path, help="the dataset folder")
    build.add_argument("-o", "--output", type=Path, required=True, help="the cube folder to write")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="duckdb: out of core over Parquet (default when installed); polars: in memory",
    )
    build.add_argument("--staff", help="glob of the staff response files (duckdb)")
    build.add_argument("--customers", help="glob of the customer response files (duckdb)")
    default = Settings()
    build.add_argument("--min-staff", type=int, default=default.min_group_size)
    build.add_argument("--min-customers", type=int, default=default.min_customers)
    build.add_argument("--memory-limit", help="DuckDB's memory limit, such as 4GB (it spills)")
    build.add_argument("--temp-directory", help="where DuckDB spills (default: its own)")
    return parser.parse_args(argv)


class Progress:
    """One line per step with the time since the start, on stderr."""

    def __init__(self, steps: int):
        self.start, self.step, self.steps = time.perf_counter(), 0, steps

    def __call__(self, what: str) -> None:
        self.step += 1
        elapsed = time.perf_counter() - self.start
        print(f"[{self.step}/{self.steps}] {elapsed:6.1f} s  {what}", file=sys.stderr, flush=True)


def build_cube_folder(args: argparse.Namespace) -> Path:
    from .cubefile import stored_cube, write_cube

    settings = Settings(min_group_size=args.min_staff, min_customers=args.min_customers)
    engine = args.engine
    if engine == "auto":
        engine = "duckdb" if importlib.util.find_spec("duckdb") else "polars"
    if engine == "polars" and (args.staff or args.customers):
        raise ValueError("--staff and --customers name Parquet globs for --engine duckdb")
    progress = Progress(7 if engine == "duckdb" else 4)
    if engine == "duckdb":
        from .warehouse import Sources, build_with_duckdb

        progress("reading the small tables and a first slice of responses (duckdb)")
        stored = build_with_duckdb(
            Sources.of(args.source, args.staff, args.customers),
            settings,
            memory_limit=args.memory_limit,
            temp_directory=args.temp_directory,
            progress=progress,
        )
    else:
        from .dataset import load_dataset

        progress("reading and checking the dataset (polars, in memory)")
        data = load_dataset(args.source)
        progress("aggregating and sealing")
        stored = stored_cube(data, settings)
    progress(f"writing {args.output}")
    write_cube(stored, args.output)
    cells = stored.cube.employee.height + stored.cube.customer.height
    progress(
        f"done: {cells:,} cells, sealed at {stored.sealed.floors.staff} staff and "
        f"{stored.sealed.floors.customers} customers"
    )
    return args.output


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        build_cube_folder(args)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return 2
    except ValidationError as error:  # the minimums, as Settings checks them
        option = {"min_group_size": "--min-staff", "min_customers": "--min-customers"}
        for said in error.errors():
            print(f"{option.get(said['loc'][0], said['loc'][0])}: {said['msg']}", file=sys.stderr)
        return 2
    except ValueError as error:  # options the builder refuses
        print(f"cannot build the cube: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
