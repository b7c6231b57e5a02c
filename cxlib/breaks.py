"""Which companies and units break the EX–CX pattern: further from the fitted line than the
scatter of the others allows, named "high CX, low EX" or "low CX, high EX" where they are.

The seed's warning: CX and EX are not the same thing; a company can run great CX on poor EX by
design. Each point's distance from the line is tested against the line fitted without it
(externally studentised residual, t with n − 3 df), and the p-values are adjusted together
(Benjamini–Hochberg), so that in data where every point follows the line, a view flags any
point at all about 5% of the time, whatever the number of points.

Units differ in size: a unit's means rest on its own staff and customers, so a unit of six
customers scatters further from the line than one of sixty without breaking any rule. Where
the table has the counts, each point's expected scatter is estimated as a + b / n_customers +
c / n_staff (non-negative least squares on the squared residuals of the plain fit, refitted
with weights 1 / scatter², each squared residual capped at 10.83 times its expected scatter so
that a break cannot raise the scatter expected of it), and the line and residuals are weighted
by it (feasible weighted least squares; docs/statistics.md §9). Without weighting, the
smallest units were flagged in 13% of views where every unit follows the line.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import stats as sps
from scipy.optimize import nnls

from .codes import Caveat
from .contract import CHANNELS
from .stats import adjust_p_values

ALPHA = 0.05
MIN_POINTS = 10
"""Fewer points than this: no line worth breaking (the test has n − 3 degrees of freedom)."""
SIZES = ("n_customers", "n_staff")
"""Counts behind each point's means, where the table has them: they set its expected scatter."""
HIGH_CX_LOW_EX, LOW_CX_HIGH_EX, ABOVE, BELOW = (
    "high_cx_low_ex",
    "low_cx_high_ex",
    "above_line",
    "below_line",
)


def pattern_breaks(table: pl.DataFrame, x: str, y: str) -> tuple[pl.DataFrame, list[str]]:
    """Every row of `table` with its expected y on the line through all the others' fit,
    its gap, t, p, BH-adjusted p, whether it breaks the pattern, and which way (label).
    Rows with x or y missing are left out. Returns the rows sorted by |t| (largest first)
    and caveat codes."""
    rows = table.filter(
        pl.col(x).is_not_null()
        & pl.col(y).is_not_null()
        & pl.col(x).is_not_nan()
        & pl.col(y).is_not_nan()
    )
    n = rows.height
    if n < MIN_POINTS:
        return rows.clear().with_columns(_empty_columns()), [
            Caveat.EMPTY.value if n == 0 else Caveat.FEW_FOR_BREAKS.value
        ]
    xs, ys = rows[x].to_numpy().astype(float), rows[y].to_numpy().astype(float)
    if float(((xs - xs.mean()) ** 2).sum()) == 0:
        return rows.clear().with_columns(_empty_columns()), [Caveat.ZERO_VARIANCE.value]
    weights = np.ones(n)
    sizes = [c for c in SIZES if c in rows.columns]
    if sizes:
        counts = rows.select(pl.col(sizes).cast(pl.Float64)).to_numpy()
        if np.all(counts > 0):
            residual, leverage = _fit(xs, ys, weights)[1:]
            weights = _inverse_scatter(residual**2 / (1 - leverage), 1 / counts)
    expected, residual, leverage = _fit(xs, ys, weights)
    scaled = residual * np.sqrt(weights)  # what each residual is against its own scatter
    sse = float((scaled**2).sum())
    # The scatter without point i: SSE less its own share, over n − 3 degrees of freedom.
    s_without = np.sqrt(np.maximum(sse - scaled**2 / (1 - leverage), 0) / (n - 3))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = scaled / (s_without * np.sqrt(1 - leverage))
    p = 2 * sps.t.sf(np.abs(t), n - 3)
    adjusted = adjust_p_values(p)
    median_x = float(np.median(xs))
    out = rows.with_columns(
        pl.Series("expected", expected),
        pl.Series("gap", residual),
        pl.Series("t", t),
        pl.Series("p", p),
        pl.Series("p_adjusted", adjusted),
    ).with_columns(breaks=pl.col("p_adjusted") < ALPHA)
    label = (
        pl.when(~pl.col("breaks"))
        .then(None)
        .when((pl.col("gap") > 0) & (pl.col(x) < median_x))
        .then(pl.lit(HIGH_CX_LOW_EX))
        .when((pl.col("gap") < 0) & (pl.col(x) > median_x))
        .then(pl.lit(LOW_CX_HIGH_EX))
        .when(pl.col("gap") > 0)
        .then(pl.lit(ABOVE))
        .otherwise(pl.lit(BELOW))
    )
    caveats = [Caveat.SMALL_SAMPLE.value] if n < 30 else []
    return out.with_columns(label=label).sort(pl.col("t").abs(), descending=True), caveats


def _fit(xs: np.ndarray, ys: np.ndarray, weights: np.ndarray):
    """The weighted least-squares line: each point's expected y, residual and leverage."""
    total = weights.sum()
    mean_x, mean_y = (weights * xs).sum() / total, (weights * ys).sum() / total
    sxx = float((weights * (xs - mean_x) ** 2).sum())
    slope = float((weights * (xs - mean_x) * (ys - mean_y)).sum()) / sxx
    expected = mean_y + slope * (xs - mean_x)
    leverage = weights * (1 / total + (xs - mean_x) ** 2 / sxx)
    return expected, ys - expected, leverage


def _inverse_scatter(squared: np.ndarray, inverse_counts: np.ndarray) -> np.ndarray:
    """Weights 1 / (a + Σ b_j / n_j) (mean 1), the coefficients non-negative and fitted to the
    squared residuals, refitted with weights 1 / scatter² (a squared residual's spread grows
    with its scatter: fitted alike, the noisiest points set the fit, and with unit sizes from
    5 to 5,000 customers 17% of null views flagged a unit; weighted and capped, 1.5-4.3%);
    equal weights when the fit says nothing (every coefficient zero).

    From the second fit on, each squared residual counts for at most CAP times the scatter the
    last fit expects of it: a unit far off the line would otherwise raise the fitted scatter of
    units its size, most of all at the smallest unit, which alone sets b, and so explain its
    own break away, and blame other units (planted 1.5 above the line there: found in 6% of
    views and another unit flagged in 9%; capped, 10% and 4%)."""
    design = np.column_stack([np.ones(len(squared)), inverse_counts])
    scatter, capped = np.ones(len(squared)), squared
    for fit in range(REFITS):
        root = 1 / scatter
        coefficients = nnls(design * root[:, None], capped * root)[0]
        scatter = design @ coefficients / (CAPPED_MEAN if fit else 1)
        if not np.all(scatter > 0):
            return np.ones(len(squared))
        capped = np.minimum(squared, CAP * scatter)
    return scatter.mean() / scatter


REFITS = 5
"""Fits of the scatter model: the first unweighted, each next weighted by the last's."""
CAP = float(sps.chi2.ppf(0.999, 1))
"""A squared residual counts for at most this many times its expected scatter (10.83: one
point in a thousand of units on the line is capped). Lower caps (3.84, 6.63) found more
masked breaks but flagged 8-10% of null views of 300 units with skewed answers, more than
the true scatter does (docs/statistics.md §9)."""
CAPPED_MEAN = float(1 - (sps.chi2.sf(CAP, 3) - CAP * sps.chi2.sf(CAP, 1)))
"""E[min(χ²₁, CAP)] (0.998): what capping takes from the mean of squared residuals that follow
the line, given back so that the next cap stands where it should."""


def _empty_columns() -> list[pl.Expr]:
    floats = ("expected", "gap", "t", "p", "p_adjusted")
    return [pl.lit(None, dtype=pl.Float64).alias(c) for c in floats] + [
        pl.lit(None, dtype=pl.Boolean).alias("breaks"),
        pl.lit(None, dtype=pl.String).alias("label"),
    ]


def channel_mix(by_channel: pl.DataFrame) -> pl.DataFrame:
    """Per unit, the share of its customer answers from each channel (columns named by
    channel), from a unit table split by channel."""
    totals = by_channel.group_by("unit_id", "channel").agg(pl.col("n_customers").sum())
    return (
        totals.with_columns(
            share=pl.col("n_customers") / pl.col("n_customers").sum().over("unit_id")
        )
        .pivot(on="channel", index="unit_id", values="share")
        .with_columns(
            pl.lit(None, dtype=pl.Float64).alias(c)
            for c in CHANNELS
            if c not in totals["channel"].cast(pl.String).unique()
        )
        .select("unit_id", *(pl.col(c).fill_null(0.0) for c in CHANNELS))
        .sort("unit_id")
    )
