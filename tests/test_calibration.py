"""The calibration bench runs, and its generator plants what it says it plants (a few studies)."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
from scipy import stats as st

import cxlib
from bench.calibration import CASES_BY_NAME, JSON_PREFIX, VERDICTS, as_files, generate, main, plant


def test_bench_runs_and_reports_every_verdict(capsys):
    """Two studies of the null case, in this process: a table and a parsable JSON line."""
    assert main(["--studies", "2", "--cases", "null-8", "--workers", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    report = json.loads(next(x for x in lines if x.startswith(JSON_PREFIX)).split(" ", 1)[1])
    rows = report["cases"]["null-8"]
    assert set(VERDICTS) - {"touch_randomisation"} <= set(rows)
    assert all(0 <= row["rate"] <= 1 and row["studies"] == 2 for row in rows.values())
    assert all(row["kind"] == "false positive" for row in rows.values())


def test_null_slopes_of_both_classes_share_one_distribution():
    """Under the null, high- and low-touch companies draw slopes alike; under the effect the
    high-touch ones are steeper by the planted amount."""
    rng = np.random.default_rng(1)
    for name, gap in (("null-8", 0.0), ("effect-8", 0.5)):
        case = CASES_BY_NAME[name]
        drawn = [plant(case, rng) for _ in range(300)]
        slope = np.concatenate([p.slope for p in drawn])
        touch = np.concatenate([p.touch for p in drawn])
        high, low = slope[touch == "high"], slope[touch == "low"]
        assert abs(high.mean() - low.mean() - gap) < 0.05
        assert abs(high.std() - low.std()) < 0.03
        if case.null:
            assert st.ks_2samp(high, low).pvalue > 0.01


def test_planted_touch_difference_shows_in_the_unit_level_gap():
    """Under the effect, the unit-level r is higher in high-touch units on average, and the
    files pass the data contract with the planted channel mix."""
    case = CASES_BY_NAME["effect-8"]
    gaps, in_person = [], []
    for seed in range(6):  # six studies: the gap is planted large enough to show on average
        _, frames = generate(case, np.random.default_rng([7, seed]))
        engine = cxlib.Linkage(cxlib.load_dataset(as_files(frames)))
        gap = cxlib.touch_gap(engine.unit_table(cxlib.FilterState(), full=False))
        gaps.append(gap.high.r - gap.low.r)
        customers = frames["customer_responses"].join(
            frames["units"].join(frames["industries"], on="industry"), on="unit_id"
        )
        share = customers.group_by("touch").agg((pl.col("channel") == "in-person").mean())
        in_person.append(dict(share.iter_rows()))
    assert np.mean(gaps) > 0.05
    assert all(s["high"] > 0.4 > 0.2 > s["low"] for s in in_person)
