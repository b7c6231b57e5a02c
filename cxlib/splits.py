"""Is the link different between segments, channels or staff roles of the same units?

The groups are not independent: the same units appear in each (a unit's in-person and digital
customers share its staff). Fisher's test for independent groups would be wrong, so the
difference between two groups is resampled by company: each bootstrap draw takes whole
companies, then whole units within them, with all their groups, and recomputes both. The
p-value is the share of draws, centred on the estimate, at least as far from it as the estimate
is from zero (the bootstrap test of Hall & Wilson 1991). Data of one company leaves each unit
out in turn instead (a paired jackknife, as compare.py): a bootstrap of 5–30 units is too
narrow. Tests shown together on a page are BH-adjusted together (adjust_together).

Groups are compared by their slope (CX points per EX point), with r beside it as description:
a unit's CX mean for a channel it rarely serves rests on few customers, which weakens r there
but not the slope, so comparing r called such channels "different" in 9–16% of null studies.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import numpy as np
import polars as pl
from scipy import stats

from .bootstrap import block_sizes, centred_p, percentile_interval, two_stage_counts
from .engine import SPLITS, UnitTable
from .stats import CONFIDENCE, adjust_p_values

MIN_SHARED = 3
"""Unit-periods both groups of a pair need for their slopes to be compared (two points fit any
line); with fewer the pair's row says so (NaN) and is left out of the family's adjustment."""
DIFFERENCE_SCHEMA = {
    "split": pl.String,
    "first": pl.String,
    "second": pl.String,
    "r_first": pl.Float64,
    "r_second": pl.Float64,
    "slope_first": pl.Float64,
    "slope_second": pl.Float64,
    "difference": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "p_value": pl.Float64,
    "units": pl.Int64,
}


def split_differences(
    source: UnitTable | pl.DataFrame,
    by: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    confidence: float = CONFIDENCE,
    pair: tuple[str, str] = ("ex", "cx"),
) -> pl.DataFrame:
    """Every pair of the split's values: r and slope of each, the difference in slope, its
    CI and p (a bootstrap of companies, or with one company a jackknife of its units).

    `source` is a unit table built with by= a split (segment, channel or role), best with
    per_period=True, or a plain frame with a `unit` column (and `period_index` if per period),
    the `by` column and the `pair` columns. Each pair is compared on the units (and periods)
    both values have (`units` counts the units); draws resample those units. Rows follow the
    values' sorted order (first < second).
    """
    if isinstance(source, UnitTable):
        split, (x, y), table = source.by, source.pair, source.table
        if split not in SPLITS:
            raise ValueError(f"needs a unit table split by one of {SPLITS}, not by={split!r}")
    else:
        split, (x, y), table = by, pair, source
        if split is None or split not in table.columns or "unit" not in table.columns:
            raise ValueError("a frame needs a `unit` column and the split column named by `by`")
    table = table.filter(pl.col(x).is_finite() & pl.col(y).is_finite())
    values = sorted(table[split].unique().to_list())
    rng = np.random.default_rng(seed)
    rows = []
    layout = _Layout(table, split, values, x, y) if len(values) > 1 else None  # pairs
    for (i, first), (j, second) in itertools.combinations(enumerate(values), 2):
        px, py, company = layout.shared(i, j)  # (units, 2) each
        units = px.shape[0]
        if units < MIN_SHARED:  # nothing to compare (the bootstrap of no units had crashed)
            rows.append((split, first, second, *[float("nan")] * 8, units))
            continue
        r, slopes = (v[0] for v in _fit(px[None], py[None]))
        estimate = slopes[0] - slopes[1]
        if company is not None and len(np.unique(company)) > 1:
            boot = _counted_slopes(px, py, _company_draws(rng, n_boot, company))
            replicates = boot[:, 0] - boot[:, 1]
            low, high = percentile_interval(replicates, confidence)
            p = centred_p(replicates, estimate)
        else:
            low, high, p = _unit_jackknife(px, py, estimate, confidence)
        numbers = (*r, *slopes, estimate, low, high, p)
        rows.append((split, first, second, *(float(v) for v in numbers), units))
    return pl.DataFrame(rows, schema=DIFFERENCE_SCHEMA, orient="row")


def adjust_together(*tables: pl.DataFrame) -> pl.DataFrame:
    """The tables stacked, with BH-adjusted p-values over all their rows: one family per page."""
    filled = [t for t in tables if t.height]
    if not filled:
        return pl.DataFrame(schema=DIFFERENCE_SCHEMA | {"p_adjusted": pl.Float64})
    stacked = pl.concat(filled, how="vertical")
    adjusted = adjust_p_values(stacked["p_value"].to_numpy())
    return stacked.with_columns(pl.Series("p_adjusted", adjusted, dtype=pl.Float64))


class _Layout:
    """A split table laid out once as arrays of (unit[, period]) × value, so that each pair
    is a slice: building every pair's rows by a filter, a join and a group-by had cost 80
    polars queries a page (a third of the family's time).

    A pair is compared only on units with both values: otherwise a difference could be one of
    which units qualify for each group (privacy blocks, channels a unit serves), not of the
    link. With one row per unit and period (a per-period table), only the periods both values
    have, summed per unit with the respondents as weights: each group's staff mean then rests
    on the same periods, so neither is noisier for having fewer (noise in EX flattens a slope).
    """

    def __init__(self, table: pl.DataFrame, split: str, values: list, x: str, y: str) -> None:
        keys = ["unit", "period_index"] if "period_index" in table.columns else ["unit"]
        weighted = len(keys) == 2 and {"n_staff", "n_customers"} <= set(table.columns)
        coded = table.select(
            pl.struct(keys).rank("dense").cast(pl.Int64).alias("row") - 1,
            pl.col("unit").rank("dense").cast(pl.Int64).alias("unit_code") - 1,
            pl.col(split).replace_strict(values, range(len(values)), return_dtype=pl.Int64),
            pl.col(x).cast(pl.Float64),
            pl.col(y).cast(pl.Float64),
            *(
                [pl.col(c).cast(pl.Float64) for c in ("n_staff", "n_customers")]
                if weighted
                else [pl.lit(1.0).alias("n_staff"), pl.lit(1.0).alias("n_customers")]
            ),
            *([pl.col("company")] if "company" in table.columns else []),
        )
        row, value = (coded[c].to_numpy().astype(np.int64) for c in ("row", split))
        shape = (int(row.max()) + 1 if len(row) else 0, len(values))

        def grid(column: str) -> np.ndarray:
            out = np.full(shape, np.nan)
            out[row, value] = coded[column].to_numpy()
            return out

        self.x, self.y = grid(x), grid(y)
        self.staff, self.customers = grid("n_staff"), grid("n_customers")
        self.unit_of_row = np.zeros(shape[0], dtype=np.int64)
        self.unit_of_row[row] = coded["unit_code"].to_numpy()
        self.units = int(self.unit_of_row.max()) + 1 if shape[0] else 0
        self.company = None
        if "company" in coded.columns:
            self.company = np.empty(self.units, dtype=object)
            self.company[coded["unit_code"].to_numpy()] = coded["company"].to_numpy()

    def shared(self, i: int, j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """units × 2 arrays of x and y for values i and j on what both have in common (units
        in their order), and each unit's company (None when the table has no company)."""
        both = ~np.isnan(self.x[:, i]) & ~np.isnan(self.x[:, j])
        unit = self.unit_of_row[both]
        present = np.bincount(unit, minlength=self.units) > 0

        def mean(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
            w = weights[both]
            total = np.bincount(unit, values[both] * w, minlength=self.units)[present]
            return total / np.bincount(unit, w, minlength=self.units)[present]

        xs = np.column_stack([mean(self.x[:, k], self.staff[:, k]) for k in (i, j)])
        ys = np.column_stack([mean(self.y[:, k], self.customers[:, k]) for k in (i, j)])
        return xs, ys, None if self.company is None else self.company[present]


def _fit(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pearson r and least-squares slope of y on x per draw and value: xs, ys of shape
    (draws, units, values), NaN = absent. Both nan below 4 units."""
    present = np.isfinite(xs) & np.isfinite(ys)
    n = present.sum(axis=1)
    x0, y0 = np.where(present, xs, 0.0), np.where(present, ys, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mx, my = x0.sum(axis=1) / n, y0.sum(axis=1) / n
        dx = np.where(present, xs - mx[:, None, :], 0.0)
        dy = np.where(present, ys - my[:, None, :], 0.0)
        sxy, sxx, syy = ((a * b).sum(axis=1) for a, b in ((dx, dy), (dx, dx), (dy, dy)))
        r = sxy / np.sqrt(sxx * syy)
        slope = sxy / sxx
    enough = n >= 4
    return np.where(enough, np.clip(r, -1, 1), np.nan), np.where(enough, slope, np.nan)


BOOT_CELLS = 250_000
"""Draws × units counted at a time: 2 MB per array at 10,000 units, not 20 for all 500 draws
(a server's memory is shared; the Linkage page's peak at 10,000 units)."""


def _company_draws(
    rng: np.random.Generator, n_boot: int, company: np.ndarray
) -> Iterator[np.ndarray]:
    """How often each unit is drawn, block by block of draws: companies first, then units
    within them (bootstrap.two_stage_counts). A company's units share its level for a channel
    or role; resampling units alone had called equal slopes different in 17-22% of studies
    where companies have their own level per channel."""
    for size in block_sizes(n_boot, len(company), BOOT_CELLS):
        yield two_stage_counts(rng, company, size)


def _unit_jackknife(
    xs: np.ndarray, ys: np.ndarray, estimate: float, confidence: float
) -> tuple[float, float, float]:
    """Interval and p of the slope difference from leaving each unit out in turn (the paired
    jackknife of compare.py, with its t(units − 1)): data of one company, where the units are
    what varies independently. The percentile interval of a unit bootstrap missed zero in
    8–10% of null studies of 5–30 units (it is too narrow with few units); this one in
    4–6% (tests/test_splits.py). NaN when a unit cannot be left out (fewer than 5 units)."""
    units = xs.shape[0]
    per_unit = _per_unit(xs, ys)
    left_out = _slopes_of_sums(per_unit.sum(axis=0) - per_unit)
    values = left_out[:, 0] - left_out[:, 1]
    if not np.isfinite(values).all() or not np.isfinite(estimate):
        return float("nan"), float("nan"), float("nan")
    se = float(np.sqrt((units - 1) / units * np.sum((values - values.mean()) ** 2)))
    q = stats.t.ppf(0.5 + confidence / 2, units - 1)
    if se == 0:  # every unit tells the same: no spread to test against
        return estimate, estimate, 1.0 if estimate == 0 else 0.0
    p = 2 * stats.t.sf(abs(estimate) / se, units - 1)
    return estimate - q * se, estimate + q * se, float(p)


def _per_unit(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Each unit's terms of the slope sums (count, x, y, x², xy per value), values centred on
    their own mean first, so the one-pass sums lose no precision."""
    present = np.isfinite(xs) & np.isfinite(ys)  # (units, values)
    with np.errstate(invalid="ignore"):
        x = np.where(present, xs - np.nanmean(np.where(present, xs, np.nan), axis=0), 0.0)
        y = np.where(present, ys - np.nanmean(np.where(present, ys, np.nan), axis=0), 0.0)
    return np.concatenate([present.astype(float), x, y, x * x, x * y], axis=1)


def _counted_slopes(xs: np.ndarray, ys: np.ndarray, blocks: Iterable[np.ndarray]) -> np.ndarray:
    """_fit's slopes for each draw, a draw given as how often it took each unit (blocks of
    draws × units counts), from per-unit sums: its sums are counts @ the units' values. Memory
    follows a block of draws × units, not draws × units × every intermediate (gigabytes at
    10,000 units)."""
    per_unit = _per_unit(xs, ys)
    parts = [counts @ per_unit for counts in blocks]  # a handful of blocks, each vectorised
    totals = np.concatenate(parts) if parts else np.empty((0, per_unit.shape[1]))
    return _slopes_of_sums(totals)


def _slopes_of_sums(totals: np.ndarray) -> np.ndarray:
    """The slope of each value from rows of _per_unit's sums (NaN below 4 units, as _fit)."""
    n, sx, sy, sxx, sxy = np.split(totals, 5, axis=1)
    spread = sxx - sx * sx / n
    # A draw whose x are all equal has no slope (_fit: 0/0); its one-pass spread is rounding.
    flat = spread <= 1e-12 * sxx
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (sxy - sx * sy / n) / spread
    return np.where((n >= 4) & ~flat, slope, np.nan)
