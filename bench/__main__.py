"""python -m bench: time cxlib's interactive query against pandas, DuckDB and polars on raw data.

Prints a table, then one line 'BENCH_JSON {...}'. If a peer's result differs from cxlib's, it
stops with exit code 1 before timing any query.
"""

from __future__ import annotations

import argparse
import json
import sys

from .run import JSON_PREFIX, PeerMismatchError, memory_phase, run, table
from .scale import Scale

PHASES = ("all", "generate-memory", "cxlib-memory")


def parse(argv: list[str] | None) -> argparse.Namespace:
    default = Scale()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--customers", type=int, default=default.customers)
    parser.add_argument("--employees", type=int, default=default.employees)
    parser.add_argument("--units", type=int, default=default.units)
    parser.add_argument("--periods", type=int, default=default.periods)
    parser.add_argument("--segments", type=int, default=default.segments)
    parser.add_argument("--seed", type=int, default=default.seed)
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed runs per raw peer (cxlib: 4x, at least 20)"
    )
    parser.add_argument("--skip-memory", action="store_true", help="no peak-memory children")
    parser.add_argument("--phase", choices=PHASES, default="all", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    scale = Scale(
        customers=args.customers,
        employees=args.employees,
        units=args.units,
        periods=args.periods,
        segments=args.segments,
        companies=min(Scale().companies, args.units),
        seed=args.seed,
    )
    if args.phase != "all":
        memory_phase(args.phase, scale)
        return 0
    try:
        result = run(scale, repeats=args.repeats, skip_memory=args.skip_memory)
    except PeerMismatchError as error:
        print(f"STOPPED: {error}", file=sys.stderr)
        return 1
    print(table(result))
    print(JSON_PREFIX + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
