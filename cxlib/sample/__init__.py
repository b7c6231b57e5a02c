"""The seeded generator of the shipped synthetic sample: `python -m cxlib.sample` rewrites it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl

from .linkage import generate_linkage
from .panel import generate_panel, industries_frame

SEED = 20181
DESCRIPTION = (
    "Synthetic data made by cxlib's seeded generator: a panel of 345 fictional companies "
    "(2015-2019) calibrated to published ACSI and employer-rating evidence, and a linkage study "
    "of 330 units in 8 companies with planted EX-to-CX effects. No real company or person."
)
CSV_TABLES = ("industries", "companies", "units", "theme_map")
PARQUET_TABLES = ("employee_responses", "customer_responses")


def generate(seed: int = SEED) -> dict[str, pl.DataFrame]:
    """All tables of the sample, deterministic for a given seed."""
    panel_rng, linkage_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2)
    )
    return {
        "industries": industries_frame(),
        "companies": generate_panel(panel_rng),
        **generate_linkage(linkage_rng),
    }


def manifest(seed: int = SEED) -> dict:
    return {
        "name": "Synthetic sample",
        "description": DESCRIPTION,
        "synthetic": True,
        "source": "python -m cxlib.sample",
        "generator": "cxlib.sample",
        "seed": seed,
    }


def write_sample(folder: Path, seed: int = SEED) -> list[Path]:
    """Write the sample's files into folder; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in generate(seed).items():
        if name in PARQUET_TABLES:
            path = folder / f"{name}.parquet"
            frame.write_parquet(path, compression="zstd", compression_level=9, statistics=False)
        else:
            path = folder / f"{name}.csv"
            frame.write_csv(path)
        written.append(path)
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest(seed), indent=2) + "\n", encoding="utf-8")
    return [*written, path]
