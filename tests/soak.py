"""Every page's work in parallel threads, as a server under a workshop's load runs it (not a
test module; tests/test_concurrency.py runs it in a child process and watches its output).

    python -m tests.soak SECONDS     prints a JSON line of completed rounds per page each second

A Python callback inside polars (map_elements) once deadlocked against another thread's
to_pandas (every st.dataframe does one): the whole process stopped, this printer with it.
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time

import plotly.graph_objects as go

import cxlib
from cxlib.export import csv, rounded
from cxlib.panel import panel_table
from cxlib.themes import theme_levels, theme_matrix

DATA = cxlib.load_sample()
ENGINE = cxlib.Linkage(DATA)
SEGMENTS = ENGINE.dimensions.segments
ROLES = ENGINE.dimensions.roles
CHANNELS = ("in-person", "phone", "digital")


def a_view(rng: random.Random) -> cxlib.FilterState:
    def some(values):
        return tuple(v for v in values if rng.random() < 0.6)

    return cxlib.FilterState(
        segments=some(SEGMENTS),
        channels=some(CHANNELS),
        roles=some(ROLES),
        touch=rng.choice([(), ("high",), ("low",)]),
        lag=rng.choice([0, 0, 1]),
    )


def shown(frame) -> None:
    """What st.dataframe and st.plotly_chart do with results: pandas, Arrow, JSON."""
    frame.to_pandas()
    frame.to_arrow()
    go.Figure(go.Scatter(x=list(range(frame.height)), y=list(range(frame.height)))).to_json()


def overview(view):
    units = ENGINE.unit_table(view, full=False)
    cxlib.touch_gap(units)
    shown(units.table)


def linkage(view):
    units = ENGINE.unit_table(view)
    shown(theme_matrix(units))
    shown(theme_levels(units))
    for by in ("segment", "channel", "role"):
        shown(cxlib.correlation_by(ENGINE.unit_table(view, by=by, full=False), by))


def drivers(view):
    _, priorities = cxlib.theme_drivers(ENGINE.unit_table(view, full=False), n_boot=40)
    shown(priorities)


def over_time(view):
    periods = ENGINE.unit_table(view.model_copy(update={"lag": 0}), per_period=True, full=False)
    cxlib.cross_lagged(periods, n_boot=40)
    shown(cxlib.trend(periods))


def industries(view):
    companies = panel_table(DATA, view)
    shown(cxlib.correlation_by(companies, "industry"))


def data(view):
    table = rounded(ENGINE.unit_table(view))
    csv(table)
    shown(table)


PAGES = {f.__name__: f for f in (overview, linkage, drivers, over_time, industries, data)}


def main(seconds: float) -> None:
    rounds = dict.fromkeys(PAGES, 0)
    failures: list[str] = []

    def worker(name: str, seed: int) -> None:
        rng = random.Random(seed)
        while True:
            try:
                PAGES[name](a_view(rng))
            except Exception as error:  # reported, and the test fails on it
                failures.append(f"{name}: {type(error).__name__}: {error}")
            rounds[name] += 1

    for seed, name in enumerate([*PAGES, *PAGES]):  # two sessions per page at once
        threading.Thread(target=worker, args=(name, seed), daemon=True).start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(1)
        print(json.dumps({"rounds": rounds, "failures": failures[:5]}), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
    # The workers are daemon threads, often inside numpy or polars when the time is up; an
    # interpreter shutting down around them can hang, which the watcher would read as a stall.
    sys.stdout.flush()
    os._exit(0)
