"""How much of the explained variance does each driver carry, however the others are combined?

General dominance (Budescu 1993; Azen & Budescu 2003): fit the outcome on every subset of the p
drivers; a driver's weight is, averaged over model sizes, its average gain in R² when added to
the models of that size that lack it. The weights sum to the full model's R² and, unlike squared
betas, do not depend on the order drivers enter. Every subset's R² comes from the correlation
matrix (R² = r_yS' R_SS^-1 r_yS), so the data are read once, not refitted 2^p times.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import polars as pl

MAX_DRIVERS = 12
"""2^12 = 4096 subset models; beyond that the exhaustive method gets slow and unstable."""


def subset_r_squared(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R² of the least-squares fit (with intercept) of y on every subset of the columns of x.

    Entry `mask` holds the R² for the columns whose bits are set in mask (bit j = column j), so
    entry 0 (no drivers) is 0 and entry 2^p - 1 is the full model. x: (n, p); y: (n,); no NaN.
    A constant column explains nothing; a constant outcome gives NaN throughout.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    p = x.shape[1]
    if p > MAX_DRIVERS:
        raise ValueError(f"at most {MAX_DRIVERS} drivers, not {p}")
    r_xx, r_xy = _correlations(x, y)
    r_squared = np.zeros(1 << p)
    if not np.all(np.isfinite(r_xy)):
        return np.full(1 << p, np.nan)
    bit_values = 1 << np.arange(p)
    for size in range(1, p + 1):
        # All subsets of one size are solved in one batched call.
        members = np.array(list(combinations(range(p), size)))
        blocks = r_xx[members[:, :, None], members[:, None, :]]
        targets = r_xy[members]
        r_squared[bit_values[members].sum(axis=1)] = _explained(blocks, targets)
    return r_squared


def general_dominance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """General dominance weights of the columns of x for y, in column order; they sum to R²."""
    r_squared = subset_r_squared(x, y)
    p = np.asarray(x).shape[1]
    masks = np.arange(1 << p)
    sizes = np.bitwise_count(masks)
    weights = np.empty(p)
    for driver in range(p):
        bit = 1 << driver
        without = masks[(masks & bit) == 0]
        gains = r_squared[without | bit] - r_squared[without]
        # Each model size counts once, however many models there are of that size.
        per_size = np.bincount(sizes[without], weights=gains) / np.bincount(sizes[without])
        weights[driver] = per_size.mean()
    return weights


def dominance_weights(frame: pl.DataFrame, outcome: str, drivers: list[str]) -> pl.DataFrame:
    """One row per driver, in the order given: weight, percent of R², rank (1 = largest).

    Rows with a null or NaN in the outcome or any driver are dropped first.
    """
    complete = frame.select([outcome, *drivers]).cast(pl.Float64).drop_nulls().drop_nans()
    if complete.height < 2 or not drivers:
        weights = np.full(len(drivers), np.nan)
    else:
        weights = general_dominance(complete.select(drivers).to_numpy(), complete[outcome])
    with np.errstate(invalid="ignore", divide="ignore"):
        percent = 100.0 * weights / weights.sum()
    return pl.DataFrame(
        {"driver": drivers, "weight": weights, "percent": percent},
        schema={"driver": pl.String, "weight": pl.Float64, "percent": pl.Float64},
    ).with_columns(
        pl.col("weight").fill_nan(None).rank("min", descending=True).cast(pl.Int64).alias("rank")
    )


def _correlations(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Correlations among the drivers and with the outcome; constant drivers correlate 0."""
    data = np.column_stack([x, y])
    centred = data - data.mean(axis=0)
    scale = np.sqrt((centred**2).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        standard = np.where(scale > 0, centred / scale, 0.0)
    matrix = standard.T @ standard
    np.fill_diagonal(matrix, 1.0)
    if scale[-1] == 0:  # constant outcome: nothing to explain, so R² is undefined
        matrix[:, -1] = np.nan
    return matrix[:-1, :-1], matrix[:-1, -1]


def _explained(blocks: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """r' R^-1 r for a stack of correlation blocks; pseudo-inverse if a block is singular."""
    try:
        coefficients = np.linalg.solve(blocks, targets[..., None])[..., 0]
    except np.linalg.LinAlgError:
        # Perfectly collinear drivers: the pseudo-inverse gives the R² of the span they share.
        coefficients = (np.linalg.pinv(blocks, hermitian=True) @ targets[..., None])[..., 0]
    return np.clip((coefficients * targets).sum(axis=-1), 0.0, 1.0)
