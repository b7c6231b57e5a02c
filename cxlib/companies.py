"""Does the EX–CX link differ between classes of companies, counting companies as the evidence?

A company's units share its touch class, so they are not independent witnesses of the class:
a test that counts units (Fisher's z) said "clear difference" in 22.5% of studies where the
classes did not differ. Two tests count companies instead:

- **Randomisation** (any number of companies): the class labels are dealt to the companies in
  every possible way (9,999 random ways when there are more than MAX_EXACT); p is the share of
  deals whose difference in slope is at least the observed one. It assumes only that, with no
  real difference, any deal of the labels was as likely as the actual one.
- **Multilevel** (at least MIN_MODEL_COMPANIES per class): statsmodels MixedLM of
  cx ~ ex × class with a random intercept and EX slope per company; the EX × class coefficient
  is the difference in slope, tested on companies − 4 degrees of freedom (four fixed effects are
  estimated from companies), not on units.

Both compare the slope (CX points per EX point), not r: a class whose units survey more
customers has more reliable CX means and so a higher r with the same link, and dealing labels
to companies keeps each company's survey sizes, so a test of r would call that a difference.
Either way the unit-level correlations stay as description; the verdict is the company test.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import polars as pl
from scipy import stats as st

from .codes import Caveat

MAX_EXACT = 20_000
"""Deals enumerated exactly up to this many; beyond, RANDOM_DEALS random ones."""
TIES = 1e-9
"""Relative: statistics this close count as equal (their rounding differs by about 1e-12)."""
RANDOM_DEALS = 9_999
MIN_MODEL_COMPANIES = 10
"""Per class, for the multilevel model: with fewer, its variance estimates are unreliable."""
MIN_GENERAL_COMPANIES = 4
"""Per class: with fewer, a result describes these companies, not their class in general."""


class Method(StrEnum):
    RANDOMISATION = "randomisation"
    MULTILEVEL = "multilevel"


@dataclass(frozen=True)
class CompanyTest:
    """A difference between two classes of companies, tested with companies as the evidence."""

    method: Method
    difference: float
    """The first class's EX slope minus the second's (CX points per EX point): of the pooled
    units (randomisation) or the model's EX × class term (multilevel)."""
    ci_low: float
    """Multilevel only (nan for randomisation, which tests but does not estimate)."""
    ci_high: float
    p_value: float
    companies: tuple[int, int]
    """Companies with units (or ratings) in each class."""
    deals: int
    """Randomisation: label deals compared (all of them when exact)."""
    exact: bool
    warnings: tuple[Caveat, ...]
    dealt: str = "company"
    """What the classes were dealt to: "company", or "industry" where companies of one industry
    share its touch class and its link (the company level)."""
    groups: tuple[int, int] | None = None
    """What was dealt, per class (an industry in both classes counts in each); None: companies."""

    @property
    def evidence(self) -> tuple[int, int]:
        """The independent witnesses per class: companies, or the industries dealt."""
        return self.companies if self.groups is None else self.groups

    @property
    def general(self) -> bool:
        """Enough witnesses per class to speak of the classes, not only of these companies."""
        return min(self.evidence) >= MIN_GENERAL_COMPANIES

    @property
    def smallest_p(self) -> float:
        """The smallest p the test can give on these companies when every deal was compared
        (else 0): one deal in all of them, or two when the classes are dealt as many (the
        deal that swaps them has the same gap, turned: 3 + 3 companies, 2 of 20). At or above
        the verdict's 0.05 no gap, however large, can be told from chance."""
        exact = self.method == "randomisation" and self.exact and self.deals
        swapped = 2 if self.evidence[0] == self.evidence[1] else 1
        return swapped / self.deals if exact else 0.0


def company_sums(
    table: pl.DataFrame, pair: tuple[str, str], cluster: str, strata: str | None = None
) -> tuple[pl.DataFrame, tuple[str, ...], np.ndarray]:
    """Per cluster (and stratum): n, Σx, Σy, Σx², Σy², Σxy of the pair, on centred values.

    Returns the clusters (sorted), the strata (sorted, as text) and an array of shape
    (clusters, strata, 6). Centring first keeps the sums of squares free of cancellation.
    """
    x, y = pair
    stratum = pl.col(strata).cast(pl.String) if strata else pl.lit("")
    finite = table.filter(pl.col(x).is_finite() & pl.col(y).is_finite()).with_columns(
        (pl.col(x) - pl.col(x).mean()).alias("_x"),
        (pl.col(y) - pl.col(y).mean()).alias("_y"),
        stratum.alias("_stratum"),
    )
    stat = ["n", "sx", "sy", "sxx", "syy", "sxy"]
    sums = finite.group_by(cluster, "_stratum").agg(
        pl.len().cast(pl.Float64).alias("n"),
        pl.col("_x").sum().alias("sx"),
        pl.col("_y").sum().alias("sy"),
        (pl.col("_x") ** 2).sum().alias("sxx"),
        (pl.col("_y") ** 2).sum().alias("syy"),
        (pl.col("_x") * pl.col("_y")).sum().alias("sxy"),
    )
    clusters = sums.select(cluster).unique().sort(cluster)
    levels = sums.select("_stratum").unique().sort("_stratum")
    # Dense: a cluster without units in a stratum is a row of zeros.
    dense = (
        clusters.join(levels, how="cross")
        .join(sums, on=[cluster, "_stratum"], how="left")
        .sort(cluster, "_stratum")
        .fill_null(0.0)
    )
    values = dense.select(stat).to_numpy().reshape(clusters.height, levels.height, len(stat))
    return clusters, tuple(levels["_stratum"]), values


def pooled_r(sums: np.ndarray) -> np.ndarray:
    """Pearson r from sums (..., 6); nan below 4 pairs or with no variance."""
    n, sx, sy, sxx, syy, sxy = np.moveaxis(sums, -1, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (n * sxy - sx * sy) / np.sqrt((n * sxx - sx**2) * (n * syy - sy**2))
    return np.where(n >= 4, np.clip(r, -1, 1), np.nan)


def pooled_slope(sums: np.ndarray) -> np.ndarray:
    """Least-squares slope of y on x from sums (..., 6); nan below 4 pairs or with no x spread.

    Unlike r, the slope is not weakened by noise in y: groups whose CX means rest on fewer
    customers (a channel a unit rarely serves) keep their slope, and lose only precision.
    """
    n, sx, sy, sxx, _, sxy = np.moveaxis(sums, -1, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (n * sxy - sx * sy) / (n * sxx - sx**2)
    return np.where(n >= 4, slope, np.nan)


STATISTICS = {"r": pooled_r, "slope": pooled_slope}


def randomisation_test(
    sums: np.ndarray,
    first: np.ndarray,
    weights: np.ndarray | None = None,
    seed: int = 0,
    statistic: str = "r",
) -> tuple[float, float, int, bool]:
    """Difference in r or slope (first class − second), averaged over strata with weights,
    and its p.

    sums: (clusters, strata, 6) from company_sums; first: which clusters are in the first
    class. Returns (observed difference, p, deals compared, exact?).
    """
    first = np.asarray(first, dtype=bool)
    clusters, strata = sums.shape[:2]
    k = int(first.sum())
    if k == 0 or k == clusters or strata == 0:
        return math.nan, math.nan, 0, True
    w = np.full(strata, 1 / strata) if weights is None else np.asarray(weights, dtype=float)
    exact = math.comb(clusters, k) <= MAX_EXACT
    if exact:
        deals = np.zeros((math.comb(clusters, k), clusters), dtype=bool)
        for row, chosen in enumerate(itertools.combinations(range(clusters), k)):
            deals[row, list(chosen)] = True  # at most MAX_EXACT small rows
    else:
        rng = np.random.default_rng(seed)
        shuffled = rng.permuted(np.tile(first, (RANDOM_DEALS, 1)), axis=1)
        deals = np.vstack([first[None, :], shuffled])  # the observed deal counts once
    if statistic == "slope":  # compared studentised, reported as the difference
        values = _studentised_slope_gap(sums, deals, w)
        observed = _difference(sums, first[None, :], w, pooled_slope)[0]
    else:
        values = _difference(sums, deals, w, STATISTICS[statistic])
        observed = _difference(sums, first[None, :], w, STATISTICS[statistic])[0]
    # The observed deal's statistic as the batch computed it: computed alone, its rounding
    # differed (a matrix product's sums run in another order), and the deal itself had not
    # counted as extreme: p = 0 from an exact test.
    reference = values[int(np.flatnonzero((deals == first).all(axis=1))[0])]
    if not (np.isfinite(observed) and np.isfinite(reference)):
        return math.nan, math.nan, len(deals), exact
    # Ties within rounding count as extreme (the swapped deal of equal classes has exactly the
    # same |statistic|), and a deal whose statistic cannot be computed does: both only raise p.
    tied = abs(reference) * (1 - TIES) - 1e-12
    extreme = ~np.isfinite(values) | (np.abs(values) >= tied)
    return float(observed), float(extreme.mean()), len(deals), exact


def _studentised_slope_gap(sums: np.ndarray, deals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted slope gap over its cluster-robust standard error, per deal.

    A plain difference is not exchangeable when the classes differ in how precisely their
    slopes are known (one class rarely serves a channel, or surveys fewer customers): the
    actual deal then varies more than the shuffled ones, and the test is too eager. Dividing
    by a standard error that clusters by company (the sandwich, CR0) makes the randomisation
    test hold in that case too (Chung & Romano 2013).

    A company's share of its class's score, Σ (x − mx)(y − my − slope (x − mx)), is a sum of
    its own sums, each times a factor of the class (_score_factors); so the class's sum of
    squared shares is the factors' products times the class's totals of the sums' products.
    Every deal's totals are then one matrix product (deals × companies by companies × 20
    sums), not an array of deals × companies × strata per term: at 10,000 deals of 345
    companies, 12 ms instead of 470. The products stay exact because company_sums sums
    centred values (uncentred, squares of order 1e27 would cancel down to 1e3).
    """
    n, sx, sy, sxx, _, sxy = np.moveaxis(sums, -1, 0)  # each (C, S)
    shares = (sxy, sy, sx, n, sxx)  # in the order of _score_factors
    products = [(k, m) for k in range(len(shares)) for m in range(k, len(shares))]
    per_company = np.stack(
        [n, sx, sy, sxx, sxy, *(shares[k] * shares[m] for k, m in products)], axis=1
    )  # (C, 20, S)
    companies, kinds, strata = per_company.shape
    in_first = (deals.astype(float) @ per_company.reshape(companies, kinds * strata)).reshape(
        len(deals), kinds, strata
    )
    gap = np.zeros(len(deals))
    variance = np.zeros(len(deals))
    for totals, sign in ((in_first, 1.0), (per_company.sum(axis=0)[None] - in_first, -1.0)):
        tn, tx, ty, txx, txy = np.moveaxis(totals[:, :5], 1, 0)  # each (D, S)
        with np.errstate(divide="ignore", invalid="ignore"):
            mx, my = tx / tn, ty / tn
            spread = txx - tx * mx
            slope = (txy - tx * my) / spread
            factors = _score_factors(mx, my, slope)
            squared = sum(
                (1.0 if k == m else 2.0) * factors[k] * factors[m] * totals[:, 5 + i]
                for i, (k, m) in enumerate(products)
            )
            part = squared / spread**2
        slope = np.where(tn >= 4, slope, np.nan)
        gap = gap + sign * (slope @ weights)
        variance = variance + part @ weights**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return gap / np.sqrt(variance)


def _score_factors(mx, my, slope) -> tuple:
    """A company's share of the score, Σ (x − mx)(y − my − slope (x − mx)) over its rows,
    written as factors of its sums (Σxy, Σy, Σx, n, Σx²), each factor set by the class."""
    return (np.ones_like(mx), -mx, 2 * slope * mx - my, mx * my - slope * mx**2, -slope)


def _difference(sums: np.ndarray, deals: np.ndarray, weights: np.ndarray, measure) -> np.ndarray:
    total = sums.sum(axis=0)  # (strata, 6)
    first = np.einsum("dc,csk->dsk", deals.astype(float), sums)
    gap = measure(first) - measure(total[None] - first)  # (deals, strata)
    return gap @ weights


def class_clusters(
    table: pl.DataFrame,
    pair: tuple[str, str],
    cluster: str,
    group: str,
    classes: tuple[str, str],
    strata: str | None = None,
) -> tuple[pl.DataFrame, tuple[str, ...], np.ndarray, np.ndarray]:
    """The rows of the two classes keyed by cluster and class ("_cluster"), the strata, the
    clusters' sums (company_sums) and which clusters are in the first class.

    A company split across classes (a reclassified industry, say) counts once per class.
    """
    rows = table.filter(pl.col(group).is_in(list(classes)) & pl.col(cluster).is_not_null())
    keyed = rows.with_columns(
        pl.concat_str(pl.col(cluster).cast(pl.String), pl.col(group), separator="\x1f").alias(
            "_cluster"
        )
    )
    clusters, levels, sums = company_sums(keyed, pair, "_cluster", strata)
    labels = clusters.join(
        keyed.select("_cluster", group).unique(), on="_cluster", how="left"
    ).sort("_cluster")
    return keyed, levels, sums, (labels[group] == classes[0]).to_numpy()


def compare_companies(
    table: pl.DataFrame,
    pair: tuple[str, str],
    group: str = "touch",
    classes: tuple[str, str] = ("high", "low"),
    cluster: str = "company",
    model: bool = True,
    seed: int = 0,
) -> CompanyTest:
    """The link in the first class minus the second, with companies (cluster) as the evidence.

    The multilevel model is used when each class has MIN_MODEL_COMPANIES companies (and model
    is True) and it converges; otherwise the randomisation test. cluster="industry" deals the
    classes to industries (each industry's part in a class), for rows of companies whose touch
    class their industry sets: companies of one industry share its level and link, so dealing
    companies one by one calls an industry's own link a difference between the classes.
    """
    keyed, _, sums, first = class_clusters(table, pair, cluster, group, classes)
    dealt = (int(first.sum()), int((~first).sum()))
    caveats = [] if min(dealt) >= MIN_GENERAL_COMPANIES else [Caveat.FEW_COMPANIES]
    counts, extra = dealt, {}
    if cluster != "company":
        extra = {"dealt": cluster, "groups": dealt}
        if "company" in keyed.columns:  # the companies behind the groups, as the sums count
            x, y = pair
            finite = keyed.filter(pl.col(x).is_finite() & pl.col(y).is_finite())
            per_class = dict(finite.group_by(group).agg(pl.col("company").n_unique()).iter_rows())
            counts = (per_class.get(classes[0], 0), per_class.get(classes[1], 0))
    if model and min(dealt) >= MIN_MODEL_COMPANIES:
        fitted = multilevel_interaction(keyed, pair, group, classes[0], "_cluster")
        if fitted is not None:
            estimate, low, high, p = fitted
            return CompanyTest(
                Method.MULTILEVEL, estimate, low, high, p, counts, 0, False, tuple(caveats), **extra
            )
    observed, p, deals, exact = randomisation_test(sums, first, seed=seed, statistic="slope")
    if deals == 0:
        caveats.append(Caveat.TOO_FEW)
    return CompanyTest(
        Method.RANDOMISATION,
        observed,
        math.nan,
        math.nan,
        p,
        counts,
        deals,
        exact,
        tuple(caveats),
        **extra,
    )


def multilevel_interaction(
    table: pl.DataFrame,
    pair: tuple[str, str],
    group: str,
    first: str,
    cluster: str,
    confidence: float = 0.95,
) -> tuple[float, float, float, float] | None:
    """EX × class in cx ~ ex × class, random intercept and EX slope per cluster (MixedLM, REML).

    Returns (estimate, CI low, CI high, p) with t on clusters − 4 degrees of freedom, or None
    when the model does not converge (the caller then falls back to randomisation).
    """
    import statsmodels.formula.api as smf  # imported here: a second to load, rarely needed
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    x, y = pair
    frame = (
        table.filter(pl.col(x).is_finite() & pl.col(y).is_finite())
        .select(
            (pl.col(x) - pl.col(x).mean()).alias("ex"),
            pl.col(y).alias("cx"),
            (pl.col(group) == first).cast(pl.Float64).alias("first"),
            pl.col(cluster).alias("cluster"),
        )
        .to_pandas()
    )
    clusters = frame["cluster"].nunique()
    with warnings.catch_warnings():
        # A variance on its boundary (zero) warns but is a valid fit; `converged` and a finite
        # standard error decide.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            fit = smf.mixedlm("cx ~ ex * first", frame, groups="cluster", re_formula="~ex").fit(
                reml=True
            )
        except (np.linalg.LinAlgError, ValueError):
            return None
    if not fit.converged:
        return None
    estimate, se = float(fit.fe_params["ex:first"]), float(fit.bse_fe["ex:first"])
    if not (math.isfinite(se) and se > 0):
        return None
    df = clusters - 4
    half = st.t.ppf((1 + confidence) / 2, df) * se
    p = float(2 * st.t.sf(abs(estimate / se), df))
    return estimate, float(estimate - half), float(estimate + half), p
