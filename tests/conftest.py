"""Shared datasets for the tests: the shipped sample and the small documented examples."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

import cxlib

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture(scope="session")
def sample() -> cxlib.Dataset:
    return cxlib.load_sample()


@pytest.fixture(scope="session")
def example_tables() -> dict[str, pl.DataFrame]:
    """The example tables, read as text so a test can change any cell."""
    return {p.stem: pl.read_csv(p, infer_schema=False) for p in sorted(EXAMPLES.glob("*.csv"))}


def to_bytes(frame: pl.DataFrame, fmt: str = "csv", separator: str = ",") -> bytes:
    buffer = io.BytesIO()
    if fmt == "csv":
        frame.write_csv(buffer, separator=separator)
    elif fmt == "parquet":
        frame.write_parquet(buffer)
    elif fmt == "xlsx":
        frame.write_excel(buffer)
    else:
        raise ValueError(fmt)
    return buffer.getvalue()


Files = dict[str, bytes]


@pytest.fixture
def example_files(example_tables) -> Callable[..., Files]:
    """Build an upload (file name -> bytes) from the examples, optionally changing one table."""

    def build(
        change: str | None = None,
        edit: Callable[[pl.DataFrame], pl.DataFrame] = lambda f: f,
        fmt: str = "csv",
    ) -> Files:
        files = {f"{name}.csv": to_bytes(frame) for name, frame in example_tables.items()}
        if change is not None:
            del files[f"{change}.csv"]
            files[f"{change}.{fmt}"] = to_bytes(edit(example_tables[change]), fmt)
        return files

    return build


@pytest.fixture(scope="session")
def linkage(sample):
    from cxlib.linkage import Linkage

    return Linkage(sample)
