"""Small linkage studies built to test the privacy rule (not a test module).

Three roles, two segments, three channels, three periods, a few units: every staff group and
customer group holds 0 to 6 people, so many sit just under or over the floor, and every
combination of filters overlaps every other. Built from a seeded generator written for the
tests; it loads through cxlib.load_dataset like an upload. one_small_team() is its opposite:
an ordinary study with a single small group, where any total of everyone gives it away.
"""

from __future__ import annotations

import io
import itertools

import numpy as np
import polars as pl

import cxlib

ROLES = ("a-team", "b-team", "c-team")
SEGMENTS = ("Retail", "Business")
CHANNELS = ("in-person", "phone", "digital")
PERIODS = ("2024-Q1", "2024-Q2", "2024-Q3")
UNITS = 6


def crafted(seed: int = 7) -> cxlib.Dataset:
    rng = np.random.default_rng(seed)
    units = [f"U{i}" for i in range(UNITS)]
    staff, customers = [], []
    for u, p in itertools.product(units, PERIODS):
        for role in ROLES:
            staff += [(u, p, role)] * int(rng.integers(0, 7))
        for segment, channel in itertools.product(SEGMENTS, CHANNELS):
            customers += [(u, p, segment, channel)] * int(rng.integers(0, 7))
    return _loaded(*_answers(staff, customers, rng), units)


def one_small_team(seed: int = 11) -> cxlib.Dataset:
    """An ordinary study, not hard on purpose: 12 units, 4 quarters, every unit-period well
    above the floor on both sides but one, where only SMALL_TEAM[2] staff answered (a team just
    reorganised). Whatever counts everyone would count them: one subtraction away."""
    rng = np.random.default_rng(seed)
    units = [f"U{i:02d}" for i in range(1, 13)]
    staff, customers = [], []
    for u, p in itertools.product(units, PERIODS + ("2024-Q4",)):
        if (u, p) == SMALL_TEAM[:2]:
            staff += [(u, p, "customer-facing")] * SMALL_TEAM[2]
        else:
            staff += [(u, p, "customer-facing")] * int(rng.integers(8, 13))
            staff += [(u, p, "back-office")] * int(rng.integers(5, 8))
        for segment, channel in itertools.product(SEGMENTS, CHANNELS):
            customers += [(u, p, segment, channel)] * int(rng.integers(6, 12))
    return _loaded(*_answers(staff, customers, rng), units)


SMALL_TEAM = ("U07", "2024-Q4", 3)


def _answers(staff: list, customers: list, rng) -> tuple[pl.DataFrame, pl.DataFrame]:
    employee = pl.DataFrame(staff, schema=["unit_id", "period", "role"], orient="row")
    employee = employee.with_columns(
        pl.format("E{}", pl.int_range(pl.len())).alias("respondent_id"),
        *(pl.Series(f"ex_{i}", rng.integers(1, 6, employee.height)) for i in (1, 2)),
    )
    customer = pl.DataFrame(
        customers, schema=["unit_id", "period", "segment", "channel"], orient="row"
    ).with_columns(
        pl.format("C{}", pl.int_range(pl.len())).alias("response_id"),
        pl.Series("cx_1", rng.integers(1, 6, len(customers))),
        pl.Series("satisfaction", rng.integers(0, 11, len(customers))),
        pl.Series("recommend", rng.integers(0, 11, len(customers))),
    )
    return employee, customer


def _loaded(employee: pl.DataFrame, customer: pl.DataFrame, units: list[str]) -> cxlib.Dataset:
    """The study's tables as CSV files, loaded as an upload is (two companies, half each)."""
    half = len(units) // 2
    tables = {
        "industries": pl.DataFrame({"industry": ["Retail", "Energy"], "touch": ["high", "low"]}),
        "units": pl.DataFrame(
            {
                "unit_id": units,
                "company": ["Acme"] * half + ["Bolt"] * half,
                "industry": ["Retail"] * half + ["Energy"] * half,
                "region": ["North", "South"] * half,
            }
        ),
        "employee_responses": employee,
        "customer_responses": customer,
        "theme_map": pl.DataFrame(
            {
                "theme": ["Service"] * 3,
                "side": ["employee", "employee", "customer"],
                "item": ["ex_1", "ex_2", "cx_1"],
            }
        ),
    }
    files = {}
    for name, frame in tables.items():
        buffer = io.BytesIO()
        frame.write_csv(buffer)
        files[f"{name}.csv"] = buffer.getvalue()
    return cxlib.load_dataset(files)
