"""cxlib's statistics work on plain numpy arrays and polars frames, without a Dataset.

An analyst with a notebook and a frame of unit means can call every method the app uses; each
test feeds a generated frame and checks the result against scipy on the same numbers.
"""

import numpy as np
import polars as pl
import pytest
from scipy import stats

import cxlib


def units_frame(seed=0, units=120, periods=4):
    """Units × periods of EX and CX, in companies, with two channels per unit."""
    rng = np.random.default_rng(seed)
    unit = np.repeat(np.arange(units), periods)
    period = np.tile(np.arange(periods), units)
    ex = rng.standard_normal(units)[unit] + 0.5 * rng.standard_normal(units * periods)
    cx = 0.4 * ex + rng.standard_normal(units * periods)
    return pl.DataFrame(
        {
            "unit": unit,
            "period_index": period,
            "company": (unit % 8).astype(str),
            "touch": np.where(unit % 8 < 5, "high", "low"),
            "ex": ex,
            "cx": cx,
        }
    )


def test_every_method_is_exported():
    """The methods the app prints verdicts with are importable from cxlib itself."""
    for name in (
        "correlation",
        "compare_correlations",
        "relative_weights",
        "dominance_weights",
        "icc",
        "disattenuate",
        "cross_lagged",
        "compare_companies",
        "split_differences",
        "bca_interval",
        "adjust_p_values",
    ):
        assert callable(getattr(cxlib, name)), name
        assert name in cxlib.__all__


def test_correlation_on_arrays_equals_scipy():
    frame = units_frame()
    result = cxlib.correlation(frame["ex"].to_numpy(), frame["cx"].to_numpy())
    reference = stats.pearsonr(frame["ex"], frame["cx"])
    assert result.r == pytest.approx(reference.statistic)
    assert result.p_value == pytest.approx(reference.pvalue)


def test_cross_lagged_on_a_plain_frame():
    """A frame with unit, period_index, ex and cx: EX(t)→CX(t+1) is the Pearson r of the
    consecutive pairs built here by hand, each value less its period's mean over the units."""
    frame = units_frame(1)
    result = cxlib.cross_lagged(frame, n_boot=50)
    ex = frame["ex"].to_numpy().reshape(-1, 4)
    cx = frame["cx"].to_numpy().reshape(-1, 4)
    ex, cx = ex - ex.mean(axis=0), cx - cx.mean(axis=0)
    reference = stats.pearsonr(ex[:, :-1].ravel(), cx[:, 1:].ravel()).statistic
    assert result.ex_leads.r == pytest.approx(reference)
    assert result.pairs == 120 * 3
    with pytest.raises(ValueError, match="period_index"):
        cxlib.cross_lagged(frame.drop("period_index"))


def test_split_differences_on_a_plain_frame():
    """One row per unit and channel: r per channel equals scipy's on that channel's rows."""
    frame = units_frame(2).filter(pl.col("period_index") < 2)
    split = frame.drop("period_index").with_columns(
        pl.when(frame["period_index"] == 0)
        .then(pl.lit("phone"))
        .otherwise(pl.lit("web"))
        .alias("channel")
    )
    table = cxlib.split_differences(split, by="channel", n_boot=100)
    row = table.row(0, named=True)
    for value, column in (("phone", "r_first"), ("web", "r_second")):
        rows = split.filter(pl.col("channel") == value)
        assert row[column] == pytest.approx(stats.pearsonr(rows["ex"], rows["cx"]).statistic)
    with pytest.raises(ValueError, match="split column"):
        cxlib.split_differences(split)


def test_company_comparison_and_icc_on_plain_inputs():
    """compare_companies takes any frame with company and class columns; icc takes arrays."""
    frame = units_frame(3).filter(pl.col("period_index") == 0)
    result = cxlib.compare_companies(frame, ("ex", "cx"))
    assert result.companies == (5, 3) and result.deals == 56
    scores = np.array([1.0, 2, 3, 4, 5, 6])
    groups = np.array([0, 0, 0, 1, 1, 1])
    f = stats.f_oneway(scores[:3], scores[3:]).statistic  # MSB / MSW
    assert cxlib.icc(scores, groups).icc2 == pytest.approx(1 - 1 / f)
