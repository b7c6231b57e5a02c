"""The touch gap within channels and adjusted for channel mix: each number against scipy and
sums written here, and a generator where the whole gap is channel mix."""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
import pytest
from scipy import stats

from cxlib.companies import compare_companies
from cxlib.confounding import channel_gaps
from cxlib.filters import FilterState

from .conftest import cluster_slope

SLOPES = {"in-person": 0.9, "phone": 0.5, "digital": 0.1}
"""The EX slope of each channel, the same in both classes."""
MIX = {
    "high": {"in-person": 0.7, "phone": 0.2, "digital": 0.1},
    "low": {"in-person": 0.1, "phone": 0.2, "digital": 0.7},
}
"""Where each class's customers are served: the high class mostly in person."""


@pytest.fixture(scope="module")
def sample_gaps(engine):
    by_channel = engine.unit_table(FilterState(), by="channel", per_period=True, full=False)
    return by_channel, channel_gaps(by_channel)


def test_each_channel_r_is_scipy_on_that_channel_and_class(sample_gaps):
    """r_high and r_low of a channel are scipy.stats.pearsonr over the unit rows of that
    channel and touch class, the slopes scipy.stats.linregress; n_high and n_low count those
    rows; the difference is in slope."""
    by_channel, gaps = sample_gaps
    table = by_channel.table
    assert sorted(gaps.table["channel"]) == sorted(table["channel"].unique())
    for row in gaps.table.iter_rows(named=True):
        for touch in ("high", "low"):
            rows = table.filter((pl.col("channel") == row["channel"]) & (pl.col("touch") == touch))
            expected = stats.pearsonr(rows["ex"], rows["cx"]).statistic
            assert row[f"r_{touch}"] == pytest.approx(expected, abs=1e-10)
            slope = stats.linregress(rows["ex"], rows["cx"]).slope
            assert row[f"slope_{touch}"] == pytest.approx(slope, abs=1e-10)
            assert row[f"n_{touch}"] == rows.height
        assert row["difference"] == pytest.approx(row["slope_high"] - row["slope_low"], abs=1e-15)


def test_shares_are_each_channels_share_of_customer_answers(sample_gaps):
    """A channel's share is its customer answers over all customer answers in the view (both
    classes together); the shares sum to 1."""
    by_channel, gaps = sample_gaps
    table = by_channel.table
    total = table["n_customers"].sum()
    for row in gaps.table.iter_rows(named=True):
        answers = table.filter(pl.col("channel") == row["channel"])["n_customers"].sum()
        assert row["share"] == pytest.approx(answers / total, abs=1e-15)
    assert gaps.table["share"].sum() == pytest.approx(1.0, abs=1e-12)


def test_adjusted_gap_is_the_share_weighted_difference_and_its_p_deals_companies(sample_gaps):
    """adjusted = Σ share × (slope_high − slope_low) over the channels, computed here; its p is
    the share of the 56 deals of the touch labels to the 8 companies whose studentised gap
    (Σ share × slope gap over √Σ share² × the two slopes' company-clustered variances, every
    fit by statsmodels OLS) is at least as large. The crude gap weights each class's slopes by
    its own mix."""
    by_channel, gaps = sample_gaps
    table = by_channel.table
    differences = {}
    for channel in table["channel"].unique():
        rows = table.filter(pl.col("channel") == channel)
        share = rows["n_customers"].sum() / table["n_customers"].sum()
        differences[channel] = share, rows
    companies = sorted(table["company"].unique())
    high = sorted(table.filter(pl.col("touch") == "high")["company"].unique())

    def weighted(chosen) -> tuple[float, float]:
        gap = variance = 0.0
        for share, rows in differences.values():
            inside = rows.filter(pl.col("company").is_in(list(chosen)))
            outside = rows.filter(~pl.col("company").is_in(list(chosen)))
            (b_in, v_in), (b_out, v_out) = (
                cluster_slope(part, "company") for part in (inside, outside)
            )
            gap += share * (b_in - b_out)
            variance += share**2 * (v_in + v_out)
        return gap, gap / np.sqrt(variance)

    observed, t_observed = weighted(high)
    deals = [weighted(d)[1] for d in itertools.combinations(companies, len(high))]
    expected_p = np.mean([abs(d) >= abs(t_observed) - 1e-9 for d in deals])

    by_hand = (gaps.table["share"] * gaps.table["difference"]).sum()
    assert gaps.adjusted == pytest.approx(by_hand, abs=1e-12)
    assert gaps.adjusted == pytest.approx(observed, abs=1e-10)
    assert len(deals) == 56 and gaps.p_value == pytest.approx(expected_p, abs=1e-12)
    assert expected_p == pytest.approx(1 / 56)
    crude = 0.0
    for touch, sign in (("high", 1), ("low", -1)):
        rows = table.filter(pl.col("touch") == touch)
        for channel in rows["channel"].unique():
            inside = rows.filter(pl.col("channel") == channel)
            mix = inside["n_customers"].sum() / rows["n_customers"].sum()
            crude += sign * mix * stats.linregress(inside["ex"], inside["cx"]).slope
    assert gaps.crude == pytest.approx(crude, abs=1e-10)


def test_a_table_not_split_by_channel_is_refused(engine):
    """channel_gaps needs one row per unit and channel."""
    with pytest.raises(ValueError, match="per_period=True"):
        channel_gaps(engine.unit_table(FilterState(), full=False))


# --- a touch gap made only of channel mix ---------------------------------------------------


def mix_study(rng: np.random.Generator, per_class=(5, 5), units=40) -> pl.DataFrame:
    """One row per unit and channel: the unit's EX, that channel's CX (SLOPES[channel] × EX +
    noise, the same in both classes) and its customers (the class's MIX of 60–140 answers)."""
    frames = []
    for touch, count in zip(("high", "low"), per_class, strict=True):
        for c in range(count):
            ex = 0.3 * rng.standard_normal() + rng.standard_normal(units)
            totals = rng.integers(60, 140, units)
            unit = np.arange(units) + len(frames) * units
            for channel, slope in SLOPES.items():
                answers = np.maximum(rng.binomial(totals, MIX[touch][channel]), 1)
                frames.append(
                    pl.DataFrame(
                        {
                            "unit": unit,
                            "company": f"{touch}-{c}",
                            "touch": touch,
                            "channel": channel,
                            "ex": ex,
                            "cx": slope * ex + rng.standard_normal(units),
                            "n_customers": answers,
                        }
                    )
                )
    return pl.concat(frames)


def unit_level(split: pl.DataFrame) -> pl.DataFrame:
    """The same units unsplit: CX is the customer-weighted mean over the channels."""
    weighted = (pl.col("cx") * pl.col("n_customers")).sum() / pl.col("n_customers").sum()
    return split.group_by("unit", "company", "touch").agg(
        pl.col("ex").first(), weighted.alias("cx")
    )


def test_each_class_s_own_mix_is_what_the_data_has(as_unit_table):
    """share_high and share_low are each class's own customer answers per channel over its
    answers: they recover the planted mix (high mostly in person, low mostly digital), so the
    page shows the mix the data has rather than saying the high class meets customers in
    person more. A class the data lacks has no mix (not zeros)."""
    split = mix_study(np.random.default_rng(5))
    table = channel_gaps(as_unit_table(split, by="channel", per_period=True)).table
    for touch in ("high", "low"):
        own = split.filter(pl.col("touch") == touch)
        for row in table.iter_rows(named=True):
            answers = own.filter(pl.col("channel") == row["channel"])["n_customers"].sum()
            share = row[f"share_{touch}"]
            assert share == pytest.approx(answers / own["n_customers"].sum(), abs=1e-15)
            assert share == pytest.approx(MIX[touch][row["channel"]], abs=0.02)
    only_high = split.filter(pl.col("touch") == "high")
    alone = channel_gaps(as_unit_table(only_high, by="channel", per_period=True)).table
    assert alone["share_low"].is_nan().all()
    assert alone["share_high"].sum() == pytest.approx(1.0, abs=1e-12)


def test_a_gap_made_of_channel_mix_vanishes_when_adjusted(as_unit_table):
    """Both classes have the same slope in each channel, but the high class is served mostly
    in person, where the slope is steepest. Over 30 such studies of 10 companies: the raw gap
    (scipy r of the unit-level rows, high − low) is clearly positive in every one and the
    company test finds it in most; the channel-adjusted gap averages about 0 and is
    significant at 0.05 in no more than ~10% of the studies."""
    rng = np.random.default_rng(77)
    raw, raw_p, adjusted, adjusted_p = [], [], [], []
    for _ in range(30):
        split = mix_study(rng)
        whole = unit_level(split)
        high, low = (whole.filter(pl.col("touch") == t) for t in ("high", "low"))
        raw.append(
            stats.pearsonr(high["ex"], high["cx"]).statistic
            - stats.pearsonr(low["ex"], low["cx"]).statistic
        )
        raw_p.append(compare_companies(whole, ("ex", "cx")).p_value)
        gaps = channel_gaps(as_unit_table(split, by="channel", per_period=True))
        adjusted.append(gaps.adjusted)
        adjusted_p.append(gaps.p_value)
        within = gaps.table["share"] * gaps.table["difference"]
        assert gaps.adjusted == pytest.approx(within.sum(), abs=1e-12)
    assert min(raw) > 0.15
    assert np.mean(np.array(raw_p) <= 0.05) >= 0.8
    assert abs(np.mean(adjusted)) < 0.03 and np.max(np.abs(adjusted)) < np.min(raw)
    assert np.mean(np.array(adjusted_p) <= 0.05) <= 0.1
