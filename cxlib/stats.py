"""Correlations with confidence intervals, comparisons between groups, and multiple testing.

Every function returns numbers even for degenerate input: problems are reported as Caveat codes
so the caller decides how to show them; nothing here prints or raises for data that is merely
too small or too flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import special
from scipy import stats as st

from .codes import Caveat
from .models import DEFAULT_SETTINGS

METHODS = ("pearson", "spearman")
CONFIDENCE = DEFAULT_SETTINGS.confidence
MIN_N = DEFAULT_SETTINGS.min_units

_NAN = float("nan")


@dataclass(frozen=True)
class Correlation:
    n: int
    """Pairs used: rows where both x and y are finite."""
    r: float
    """nan when undefined."""
    ci_low: float
    """Lower end of the interval (at `confidence`); nan when undefined."""
    ci_high: float
    p_value: float
    """Two-sided, H0: rho = 0."""
    method: str
    """Either "pearson" or "spearman"."""
    confidence: float
    """Of the interval: 0.95 unless asked otherwise."""
    warnings: tuple[Caveat, ...]
    n_effective: float = _NAN
    """The independent pairs the interval and p stand for (effective_n) when the rows come in
    clusters; n when they do not, nan when there was nothing to count."""


@dataclass(frozen=True)
class Comparison:
    """Fisher's z test that two independent correlations are equal."""

    difference: float
    """r1 - r2."""
    z: float
    """The test statistic: the difference of Fisher's z over its standard error."""
    p_value: float
    """Two-sided."""
    warnings: tuple[Caveat, ...]


def correlation(
    x, y, method="pearson", confidence=CONFIDENCE, min_n=MIN_N, clusters=None
) -> Correlation:
    """Correlation of x and y with a confidence interval and a two-sided p-value.

    Pairs where either value is null, NaN or infinite are dropped first.

    clusters (one label per row, such as each unit's company): rows of a cluster share its
    level on each side, so they are fewer independent pairs than rows. The interval and p then
    use effective_n in place of n (r is the same); without clusters they are the textbook ones.

    Pearson: the p-value comes from the t distribution with n - 2 degrees of freedom and the
    interval from Fisher's z, atanh(r) +- z_crit / sqrt(n - 3); both equal scipy.stats.pearsonr.

    Spearman: r is the Pearson r of the average ranks and the p-value uses the same t
    approximation as scipy.stats.spearmanr. The interval uses Fisher's z with the Bonett & Wright
    (2000) standard error sqrt((1 + r**2 / 2) / (n - 3)): ranks are not bivariate normal, and the
    plain 1 / sqrt(n - 3) gives intervals that are too narrow for Spearman's r.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    xs, ys, cs = _finite_pairs(x, y, clusters)

    def result(r=_NAN, ci=(_NAN, _NAN), p=_NAN, warnings=(), m=_NAN) -> Correlation:
        return Correlation(n, r, ci[0], ci[1], p, method, confidence, tuple(warnings), m)

    n = len(xs)

    if n == 0:
        return result(warnings=[Caveat.EMPTY])
    # r needs 3 pairs (1 degree of freedom for p); the Fisher z interval needs n > 3.
    size = [Caveat.TOO_FEW] if n <= 3 else [Caveat.SMALL_SAMPLE] if n < min_n else []
    if n < 3:
        return result(warnings=size)
    if np.all(xs == xs[0]) or np.all(ys == ys[0]):
        return result(warnings=[*size, Caveat.ZERO_VARIANCE])

    if method == "spearman":
        xs, ys = st.rankdata(xs), st.rankdata(ys)
    r = _pearson_r(xs, ys)
    m = float(n) if cs is None else effective_n(xs, ys, cs)
    p = _p_value(r, m) if m > 2 else _NAN
    if m <= 3:
        return result(r, p=p, warnings=size, m=m)
    se = 1 / math.sqrt(m - 3)
    if method == "spearman":
        se *= math.sqrt(1 + r**2 / 2)
    return result(r, _fisher_interval(r, se, confidence), p, size, m)


def effective_n(x: np.ndarray, y: np.ndarray, clusters: np.ndarray) -> float:
    """How many independent pairs n rows in clusters are worth for a correlation.

    Dutilleul's (1993) modified t test (after Clifford, Richardson & Hémon 1989): for rows whose
    values on each side are correlated within a cluster (an exchangeable correlation, the
    intraclass correlation rho), n_eff = n^2 / trace(Rx Ry) = n^2 / (n + rho_x rho_y
    sum_c m_c (m_c - 1)) over clusters of m_c rows. Each rho is the one-way ANOVA ICC(1) for
    unequal cluster sizes, 0 where negative. Independent rows, or clusters that share nothing
    on one side, give n; companies with their own levels of both EX and CX give fewer, and the
    pooled r's interval widens to what the companies' spread allows (docs/statistics.md)."""
    return float(_effective_ns(np.asarray(x, dtype=float)[:, None], y, clusters)[0])


def _effective_ns(xs: np.ndarray, y: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """effective_n of each column of xs with y: the clusters coded once and every column's ICC
    in one pass (per column, the coding had taken 19 ms of a 23 ms query at 10,000 units)."""
    n = len(y)
    codes = np.unique(clusters, return_inverse=True)[1]
    sizes = np.bincount(codes)
    pairs_within = float((sizes * (sizes - 1)).sum())
    if len(sizes) < 2 or pairs_within == 0:
        return np.full(xs.shape[1], float(n))
    rho = intraclasses(np.column_stack([xs, y]), codes, sizes)
    return n * n / (n + rho[:-1] * rho[-1] * pairs_within)


def intraclasses(values: np.ndarray, codes: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """ICC(1) of each column of values (rows in clusters: codes 0..k-1 of sizes), one-way ANOVA
    with unequal sizes (Shrout & Fleiss 1979; n0 by Snedecor & Cochran), 0 where the estimate
    is negative or the clusters leave no freedom within. Columns are centred first, so the
    sums of squares lose nothing to cancellation."""
    n, k = values.shape[0], len(sizes)
    if n - k < 1:
        return np.zeros(values.shape[1])
    centred = values - values.mean(axis=0)
    order = np.argsort(codes, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    sums = np.add.reduceat(centred[order], starts, axis=0)  # (clusters, columns)
    explained = (sums**2 / sizes[:, None]).sum(axis=0)
    between = explained / (k - 1)
    within = ((centred**2).sum(axis=0) - explained) / (n - k)
    n0 = (n - float((sizes**2).sum()) / n) / (k - 1)
    denominator = between + (n0 - 1) * within
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (between - within) / denominator
    return np.where(denominator > 0, np.maximum(rho, 0.0), 0.0)


def correlations(
    xs: np.ndarray, y: np.ndarray, confidence=CONFIDENCE, min_n=MIN_N, clusters=None
) -> list[Correlation]:
    """Pearson correlation of each column of xs with y: correlation() column by column, in one
    pass when every value is finite and every r is inside (-1, 1) (the usual unit table), else
    column by column. clusters: as correlation()'s."""
    xs, y = np.asarray(xs, dtype=float), np.asarray(y, dtype=float).ravel()
    n = len(y)

    def one_by_one() -> list[Correlation]:
        return [
            correlation(x, y, confidence=confidence, min_n=min_n, clusters=clusters) for x in xs.T
        ]

    if n <= 3 or not (np.isfinite(xs).all() and np.isfinite(y).all()):
        return one_by_one()
    xm, ym = xs - xs.mean(axis=0), y - y.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.clip((xm.T @ ym) / np.sqrt(np.einsum("ij,ij->j", xm, xm) * (ym @ ym)), -1.0, 1.0)
    if not (np.abs(r) < 1).all():  # constant columns, perfect fits: the careful path
        return one_by_one()
    m = np.full(len(r), float(n))
    if clusters is not None:
        m = _effective_ns(xs, y, np.asarray(clusters).ravel())
        if (m <= 3).any():
            return one_by_one()
    df = m - 2
    p = 2 * special.stdtr(df, -np.abs(r * np.sqrt(df / (1 - r**2))))
    half = special.ndtri((1 + confidence) / 2) / np.sqrt(m - 3)
    z = np.arctanh(r)
    low, high = np.tanh(z - half), np.tanh(z + half)
    size = (Caveat.SMALL_SAMPLE,) if n < min_n else ()
    return [
        Correlation(
            n,
            float(r[j]),
            float(low[j]),
            float(high[j]),
            float(p[j]),
            "pearson",
            confidence,
            size,
            float(m[j]),
        )
        for j in range(len(r))
    ]


def compare_correlations(r1, n1, r2, n2) -> Comparison:
    """Fisher's z test that two correlations from independent groups are equal.

    z = (atanh r1 - atanh r2) / sqrt(1 / (n1 - 3) + 1 / (n2 - 3)); p = 2 * (1 - Phi(|z|)).
    """
    values = (r1, n1, r2, n2)
    if any(v is None or not math.isfinite(v) for v in values) or min(n1, n2) <= 3:
        return Comparison(_NAN, _NAN, _NAN, (Caveat.TOO_FEW,))
    if abs(r1) > 1 or abs(r2) > 1:
        raise ValueError(f"correlations must lie in [-1, 1], not {r1!r} and {r2!r}")
    with np.errstate(divide="ignore", invalid="ignore"):
        # |r| == 1 maps to an infinite z; two perfect correlations of the same sign give nan.
        diff_z = np.arctanh(r1) - np.arctanh(r2)
    z = float(diff_z / math.sqrt(1 / (n1 - 3) + 1 / (n2 - 3)))
    p = float(2 * special.ndtr(-abs(z)))  # the normal tail, without distribution overhead
    return Comparison(float(r1 - r2), z, p, ())


def adjust_p_values(p_values) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values, in the input order.

    NaN entries (tests that could not be run) stay NaN and do not count towards m, so an
    undefined correlation does not make the others look less significant.
    """
    p = np.asarray(p_values, dtype=float).ravel()
    adjusted = np.full(p.shape, np.nan)
    present = ~np.isnan(p)
    if present.any():
        adjusted[present] = st.false_discovery_control(p[present], method="bh")
    return adjusted


CORRELATION_SCHEMA = {
    "n": pl.Int64,
    "r": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "p_value": pl.Float64,
    "warnings": pl.List(pl.String),
}
"""The columns of a correlation in a table (one row per group or pair)."""


def correlation_row(c: Correlation) -> dict:
    """A Correlation as one row of CORRELATION_SCHEMA."""
    row = {name: getattr(c, name) for name in CORRELATION_SCHEMA}
    return row | {"warnings": [str(w) for w in c.warnings]}


def correlation_table(
    frame: pl.DataFrame,
    pairs: list[tuple[str, str]],
    method="pearson",
    confidence=CONFIDENCE,
    min_n=MIN_N,
    clusters: str | None = None,
) -> pl.DataFrame:
    """One row per (x, y) column pair, in the order given, with BH-adjusted p-values.

    The adjustment is across the rows of this table only: it is the family of tests the reader
    sees side by side. clusters: a column of frame naming each row's cluster (correlation()).
    """
    labels = None
    if clusters:  # coded once: sorting the names again for every pair took 40% of a matrix
        labels = np.unique(frame.get_column(clusters).to_numpy(), return_inverse=True)[1]
    results = [
        correlation(frame.get_column(x), frame.get_column(y), method, confidence, min_n, labels)
        for x, y in pairs
    ]
    # Rows are built in order from a list, so the table keeps the order of `pairs`.
    table = pl.DataFrame(
        [{"x": x, "y": y, **correlation_row(c)} for (x, y), c in zip(pairs, results, strict=True)],
        schema={"x": pl.String, "y": pl.String, **CORRELATION_SCHEMA},
        orient="row",
    )
    adjusted = adjust_p_values([c.p_value for c in results])
    return table.insert_column(-1, pl.Series("p_adjusted", adjusted, dtype=pl.Float64))


def _finite_pairs(x, y, clusters=None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    # Going through float turns polars nulls and Python None into NaN, so one mask drops both.
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same length, not {xs.size} and {ys.size}")
    keep = np.isfinite(xs) & np.isfinite(ys)
    if clusters is None:
        return xs[keep], ys[keep], None
    cs = np.asarray(clusters).ravel()
    if cs.shape != xs.shape:
        raise ValueError(f"clusters must have one label per row, not {cs.size} for {xs.size}")
    return xs[keep], ys[keep], cs[keep]


def _pearson_r(x: np.ndarray, y: np.ndarray) -> float:
    xm, ym = x - x.mean(), y - y.mean()
    # One square root of the product (not a product of roots) makes r exactly +-1 for an exact
    # linear relation such as identical ranks; the clip removes rounding just past 1.
    r = np.dot(xm, ym) / math.sqrt(np.dot(xm, xm) * np.dot(ym, ym))
    return float(np.clip(r, -1.0, 1.0))


def _p_value(r: float, n: float) -> float:
    if abs(r) == 1:
        return 0.0
    df = n - 2  # a clustered correlation's effective n is a real number: so is its df
    t = r * math.sqrt(df / (1 - r**2))
    return float(2 * special.stdtr(df, -abs(t)))  # Student t tail, as scipy.stats.t.sf


def _fisher_interval(r: float, se: float, confidence: float) -> tuple[float, float]:
    if abs(r) == 1:
        # atanh(+-1) is infinite: the interval collapses onto r.
        return r, r
    half = special.ndtri((1 + confidence) / 2) * se
    z = math.atanh(r)
    return math.tanh(z - half), math.tanh(z + half)
