"""The sample generator: byte-identical regeneration, the promised shape, published calibration."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats

import cxlib
from cxlib.sample import write_examples, write_sample
from cxlib.sample.panel import BENCHMARK_YEAR, INDUSTRIES

from .conftest import EXAMPLES

PUBLISHED_R = {"high": 0.31, "low": 0.23}  # 2018, 345 US companies: n=125 and n=220


def test_regeneration_is_byte_identical(tmp_path):
    """`python -m cxlib.sample` rewrites exactly the shipped files."""
    written = write_sample(tmp_path / "sample")
    assert {p.name for p in written} == {p.name for p in cxlib.SAMPLE_DIR.iterdir()}
    for path in written:
        assert path.read_bytes() == (cxlib.SAMPLE_DIR / path.name).read_bytes(), path.name


def test_documented_examples_are_regenerated_identically(tmp_path):
    for path in write_examples(tmp_path / "examples"):
        assert path.read_bytes() == (EXAMPLES / path.name).read_bytes(), path.name


def test_sample_stays_small():
    size = sum(p.stat().st_size for p in cxlib.SAMPLE_DIR.iterdir())
    assert size < 20 * 1024 * 1024


def latest(sample: cxlib.Dataset, year: int) -> pl.DataFrame:
    touch = sample.industries.select("industry", "touch")
    return sample.companies.filter(pl.col("year") == year).join(touch, on="industry")


def test_panel_shape_matches_the_published_study(sample):
    """345 companies, 2015-2019; 125 in high-touch and 220 in low-touch industries."""
    assert sorted(sample.companies["year"].unique()) == [2015, 2016, 2017, 2018, 2019]
    counts = latest(sample, 2019).group_by("touch").len().sort("touch")
    assert counts.rows() == [("high", 125), ("low", 220)]


def test_some_low_touch_industry_companies_run_a_high_touch_strategy(sample):
    strategic = latest(sample, 2019).filter(pl.col("strategy") == "high")
    assert 5 <= strategic.height <= 15
    assert set(strategic["touch"]) == {"low"}


@pytest.mark.parametrize("year", [BENCHMARK_YEAR, 2019])
@pytest.mark.parametrize("touch", ["high", "low"])
def test_company_correlation_is_within_sampling_error_of_published(sample, year, touch):
    """Fisher z distance of the sample's r from the published r is below 1.96 standard errors."""
    group = latest(sample, year).filter(pl.col("touch") == touch)
    r = stats.pearsonr(group["employee_rating"], group["customer_score"]).statistic
    z = (math.atanh(r) - math.atanh(PUBLISHED_R[touch])) * math.sqrt(group.height - 3)
    assert abs(z) < 1.96, f"{touch} {year}: r={r:.3f}"


def test_strategy_companies_behave_like_high_touch_firms(sample):
    """Applying strategies moves the low-touch correlation down visibly (issue: reclassify)."""
    year = latest(sample, BENCHMARK_YEAR)
    by_industry = year.filter(pl.col("touch") == "low")
    by_strategy = year.filter(pl.coalesce("strategy", "touch") == "low")

    def r(frame):
        return stats.pearsonr(frame["employee_rating"], frame["customer_score"]).statistic

    assert r(by_industry) - r(by_strategy) > 0.04


def test_industry_means_match_published_acsi_levels(sample):
    """Each industry's 2019 mean is within sampling error of its ACSI level (|t| < 3, 20 tests)."""
    target = {i.name: i.acsi_2019 for i in INDUSTRIES}
    means = (
        latest(sample, 2019)
        .group_by("industry")
        .agg(
            pl.col("customer_score").mean().alias("mean"), pl.col("customer_score").std(), pl.len()
        )
        .sort("industry")
    )
    t = [
        (row["mean"] - target[row["industry"]]) / (row["customer_score"] / math.sqrt(row["len"]))
        for row in means.to_dicts()
    ]
    assert means.height == len(INDUSTRIES)
    assert max(abs(v) for v in t) < 3.0
    for name, level in (("Internet service providers", 65), ("Food manufacturing", 82)):
        assert abs(means.filter(pl.col("industry") == name)["mean"].item() - level) < 2.0


def test_linkage_study_has_the_promised_size(sample):
    touch = sample.industries.select("industry", "touch")
    units = sample.units.join(touch, on="industry")
    assert units["industry"].n_unique() >= 5
    assert set(units["touch"]) == {"high", "low"}
    assert units.height >= 600 and len(sample.periods) >= 6
    assert 48_000 <= sample.employee.height <= 58_000
    assert 460_000 <= sample.customer.height <= 540_000
    assert set(sample.customer["channel"]) == {"in-person", "phone", "digital"}


def test_a_few_units_fall_below_the_privacy_threshold(sample):
    """Some unit-periods have fewer than 5 staff respondents, in a minority of units."""
    per_cell = sample.employee.group_by("unit_id", "period").len()
    small = per_cell.filter(pl.col("len") < 5)
    assert small.height > 0
    assert small["unit_id"].n_unique() < 0.15 * sample.units.height


def test_segments_differ_in_level(sample):
    """Segment mean satisfaction differs beyond chance (one-way ANOVA, scipy)."""
    groups = sample.customer.partition_by("segment")
    f = stats.f_oneway(*(np.asarray(g["satisfaction"], dtype=float) for g in groups))
    assert f.pvalue < 1e-6


def test_the_planted_effects_in_the_docs_are_the_generators():
    """docs/data.md's table of planted effects states the generator's own parameters."""
    from cxlib.sample.linkage import PLANTED

    from .conftest import ROOT

    docs = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith("| theme weights"))
    for theme, weight in PLANTED["theme_weights"].items():
        assert f"{theme.lower()} {weight:.2f}" in row
    gains = next(line for line in docs.splitlines() if line.startswith("| channel gain"))
    for channel, gain in PLANTED["channel_gain"].items():
        assert f"{channel} {gain:g}" in gains
