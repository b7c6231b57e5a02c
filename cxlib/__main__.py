"""python -m cxlib build-cube SOURCE -o CUBE: build, seal and write a study's cube folder.

The app then opens CUBE without the raw responses (cxlib.cubefile). Exit status 0 when the cube
is written, 2 when the data or the options are wrong, 1 when anything else stops it, 130 when
interrupted (the reasons are printed in a line, no traceback). CUBE is written whole or not at
all: an earlier cube there stays until the new one replaces it.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import re
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from .errors import DataError
from .files import first_line
from .models import Settings
from .warehouse import DUCKDB_MEMORY

ENGINES = ("auto", "duckdb", "polars", "spark", "ibis")
STEPS = {"duckdb": 7, "polars": 4, "spark": 3, "ibis": 3}


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
        help="duckdb: out of core over Parquet (default when installed); polars: in memory; "
        "spark: PySpark through Ibis; ibis: the tables of any Ibis backend (--ibis-url)",
    )
    build.add_argument(
        "--staff", help="glob of the staff response files (duckdb, spark), or a table (ibis)"
    )
    build.add_argument(
        "--customers", help="glob of the customer response files (duckdb, spark), or a table (ibis)"
    )
    build.add_argument(
        "--ibis-url", help="the warehouse for --engine ibis, such as bigquery://project/dataset"
    )
    build.add_argument("--spark-master", default="local[*]", help="for --engine spark")
    default = Settings()
    build.add_argument(
        "--min-staff",
        type=int,
        default=default.min_group_size,
        help=f"the smallest staff group a number may cover (default {default.min_group_size}; "
        "build at the serving deployment's floor: a deployment with a higher floor refuses the "
        "cube, one with a lower floor serves it at this one)",
    )
    build.add_argument(
        "--min-customers",
        type=int,
        default=default.min_customers,
        help=f"the same for customers (default {default.min_customers})",
    )
    build.add_argument(
        "--memory-limit",
        type=memory_size,
        default=DUCKDB_MEMORY,
        help=f"DuckDB's memory limit (default {DUCKDB_MEMORY}; it spills to disk beyond it)",
    )
    build.add_argument("--temp-directory", help="where DuckDB spills (default: its own)")
    merge = commands.add_parser(
        "merge-cubes",
        help="merge the sealed cube folders of a study's parts into the study's cube folder",
        description="Merge cube folders built on parts of one study that keep unit-periods "
        "whole (by company, unit or period), each built and sealed where its data is, into "
        "the study's sealed cube folder.",
    )
    merge.add_argument("parts", type=Path, nargs="+", help="the parts' cube folders")
    merge.add_argument("-o", "--output", type=Path, required=True, help="the cube folder to write")
    args, extra = parser.parse_known_args(argv)
    if extra:  # most often a glob the shell spread into its files (argparse listed them all)
        shown = " ".join(extra[:3]) + (f" … ({len(extra)} in all)" if len(extra) > 3 else "")
        parser.error(
            f"unrecognized arguments: {shown}. A glob after --staff or --customers needs quotes "
            "(--staff '/lake/ex/*.parquet'), or the shell spreads it into its files."
        )
    return args


MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)


def memory_size(text: str) -> str:
    """A size DuckDB reads ("2GB", "512 MiB"), checked before the build (its parser's error had
    come as a traceback after the first step)."""
    if not MEMORY.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 2GB or 512MB")
    return text.strip()


class Progress:
    """One line per step with the time since the start, on stderr."""

    def __init__(self, steps: int):
        self.start, self.step, self.steps = time.perf_counter(), 0, steps

    def __call__(self, what: str) -> None:
        self.step += 1
        elapsed = time.perf_counter() - self.start
        print(f"[{self.step}/{self.steps}] {elapsed:6.1f} s  {what}", file=sys.stderr, flush=True)


def build_cube_folder(args: argparse.Namespace) -> Path:
    from .cubefile import stored_cube, writable_folder, write_cube

    settings = Settings(min_group_size=args.min_staff, min_customers=args.min_customers)
    writable_folder(args.output, args.source)  # before the build, not after it
    if args.temp_directory:
        try:
            Path(args.temp_directory).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ValueError(f"--temp-directory {args.temp_directory}: {error.strerror}") from error
    engine = args.engine
    if engine == "auto":
        engine = "duckdb" if importlib.util.find_spec("duckdb") else "polars"
    if engine == "polars" and (args.staff or args.customers):
        raise ValueError("--staff and --customers name Parquet globs for --engine duckdb")
    if (engine == "ibis") != bool(args.ibis_url):
        raise ValueError("--engine ibis and --ibis-url go together")
    progress = Progress(STEPS[engine])
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
    elif engine in ("spark", "ibis"):
        progress(f"aggregating in {engine} (Ibis)")
        stored = _build_with_ibis(args, engine, settings)
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


def merge_cube_folders(args: argparse.Namespace) -> Path:
    from .cubefile import open_cube, writable_folder, write_cube
    from .merging import merge_stored

    for part in args.parts:
        writable_folder(args.output, part)  # never over one of the parts
    progress = Progress(len(args.parts) + 3)
    parts = []
    for folder in args.parts:
        progress(f"opening {folder}")
        try:
            parts.append(open_cube(folder))
        except DataError as error:  # its files named within their folder (once)
            raise DataError(
                [
                    p
                    if p.file == str(folder)
                    else dataclasses.replace(p, file=f"{folder}: {p.file}")
                    for p in error.problems
                ]
            ) from error
    progress("merging")
    merged = merge_stored(parts)
    progress(f"writing {args.output}")
    write_cube(merged, args.output)
    cells = merged.cube.employee.height + merged.cube.customer.height
    progress(f"done: {cells:,} cells of {len(parts)} parts")
    return args.output


def _build_with_ibis(args: argparse.Namespace, engine: str, settings: Settings):
    import ibis

    from .ibis_cube import build_with_ibis
    from .warehouse import SIDES, Sources

    if engine == "ibis":
        try:
            con = ibis.connect(args.ibis_url)
        except ImportError as error:  # the backend's extra is not installed: say which
            scheme = args.ibis_url.partition("://")[0]
            raise ImportError(
                f"{first_line(error)} Install it: pip install 'ibis-framework[{scheme}]'"
            ) from error
        staff, customers = (
            con.table(given or SIDES[side])
            for side, given in (("staff", args.staff), ("customers", args.customers))
        )
        return build_with_ibis(staff, customers, args.source, settings)
    from pyspark.sql import SparkSession

    sources = Sources.of(args.source, args.staff, args.customers)  # the files exist
    spark = (
        SparkSession.builder.master(args.spark_master)
        .appName("cxlib build-cube")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # its bars broke our progress lines
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        con = ibis.pyspark.connect(spark)
        staff, customers = (
            con.read_parquet(_spark_path(args.source, side, given, files))
            for side, given, files in (
                ("staff", args.staff, sources.staff),
                ("customers", args.customers, sources.customers),
            )
        )
        return build_with_ibis(staff, customers, args.source, settings, sources.fingerprint())
    except (DataError, ValueError):
        raise
    except Exception as error:  # noqa: BLE001 - Spark's and Py4J's many kinds, said in one line
        raise ValueError(f"Spark could not build the cube: {first_line(error)}") from error
    finally:
        spark.stop()


def _spark_path(folder: Path, side: str, given: str | None, files: tuple[Path, ...]) -> str:
    """What Spark reads: the glob given, the one file, or the table's folder (partitions and
    all)."""
    from .warehouse import SIDES

    if given is not None:
        return given
    return str(files[0]) if len(files) == 1 else str(folder / SIDES[side])


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    merging = args.command == "merge-cubes"
    cannot = "cannot merge the cubes" if merging else "cannot build the cube"
    try:
        (merge_cube_folders if merging else build_cube_folder)(args)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return 2
    except ValidationError as error:  # the minimums, as Settings checks them
        option = {"min_group_size": "--min-staff", "min_customers": "--min-customers"}
        for said in error.errors():
            print(f"{option.get(said['loc'][0], said['loc'][0])}: {said['msg']}", file=sys.stderr)
        return 2
    except OSError as error:  # the output folder cannot be written (a file by that name, ...)
        print(f"cannot write the cube: {error}", file=sys.stderr)
        return 2
    except (ValueError, ImportError) as error:  # options refused; an engine not installed
        print(f"{cannot}: {first_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return _interrupted(args.output)
    except Exception as error:  # noqa: BLE001 - an engine's own (a table not found in a warehouse)
        if type(error).__name__ == "InterruptException":  # DuckDB's Ctrl-C mid-query
            return _interrupted(args.output)
        print(f"{cannot}: {type(error).__name__}: {first_line(error)}", file=sys.stderr)
        return 1
    return 0


def _interrupted(output: Path) -> int:
    print(f"interrupted: {output} was not written or changed", file=sys.stderr)
    return 130


if __name__ == "__main__":
    sys.exit(main())
