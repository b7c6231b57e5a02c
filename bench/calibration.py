"""How often does each verdict the app prints claim an effect that is not there, and how often
does it find one that is?

Studies are simulated with the structure real linkage data has (units nested in companies, the
same units in every split, the periods of a unit moving together), written as the documented
files and loaded through cxlib exactly as the app loads an upload. Under the null nothing
differs: each company draws its EX→CX slope from one distribution whatever its touch class,
that slope holds in every channel, segment and role, EX and CX move together within the period
only, and the six themes carry equal weight. Under the effect, high-touch companies' slopes are
steeper. The share of studies in which a verdict says "clear" is its false-positive rate under
the null (and the touch verdicts' power under the effect).

    python -m bench.calibration [--studies 400] [--seed 0] [--cases null-8,effect-8,...]

Prints a table, then one line 'CALIBRATION_JSON {...}'. The generator is written here, apart
from cxlib/sample, so the library is checked against data it was not built around.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np
import polars as pl
from scipy import stats as st

import cxlib
from cxlib import FilterState
from cxlib.companies import compare_companies
from cxlib.confounding import channel_gaps
from cxlib.lags import N_BOOT
from cxlib.splits import adjust_together, split_differences

JSON_PREFIX = "CALIBRATION_JSON"
TARGET = 0.06
"""Highest false-positive rate accepted for a verdict at 5% (at 400 studies)."""
ALPHA = 0.05
SPLIT_BOOT = 500  # the app's resamples for split differences
LAG_BOOT = N_BOOT  # the app's resamples for the lag verdict (the library default)
DRIVER_BOOT = 500  # the app's resamples for the driver ranking

THEMES = (
    ("Supervisor support", "supervisor_support"),
    ("Enablement", "enablement"),
    ("Engagement", "engagement"),
    ("Customer focus", "customer_focus"),
    ("Service reliability", "service_reliability"),
    ("Wellbeing", "wellbeing"),
)
PERIODS = ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")
ROLES = ("customer-facing", "back-office")
SEGMENTS = ("Consumer", "Business")
CHANNELS = ("in-person", "phone", "digital")
# Channel mix as in real data: high-touch units meet customers in person far more.
CHANNEL_MIX = {"high": (0.5, 0.2, 0.3), "low": (0.1, 0.3, 0.6)}
REGIONS = ("North", "South", "East", "West")

UNITS_PER_COMPANY = 25
STAFF_PER_PERIOD = 8.0
CUSTOMERS_PER_PERIOD = 20.0
# Latent EX (on the scale of a staff item, before the 0.8 read-out):
COMPANY_EX_SD = 0.15
UNIT_EX_SD = 0.35
SWING_SD, SWING_PERSISTENCE = 0.3, 0.5  # AR(1) over periods, stationary from the first
PROFILE_SD = 0.25  # stable theme profile of a unit
THEME_NOISE_SD = 0.25  # theme × period noise
# Customers:
COMPANY_CX_SD = 0.3
UNIT_CX_SD = 0.35  # unit CX unrelated to staff
SEGMENT_SHIFT = (0.0, -0.3)  # Business customers are harder to please, in both classes alike
CUSTOMER_NOISE_SD = 1.5
SLOPE_SD = 0.3
"""Company-to-company spread of the EX→CX slope: what makes a unit-level test too eager."""


@dataclass(frozen=True)
class Case:
    name: str
    companies: int
    high: int
    """Companies in the high-touch class (the first ones)."""
    slope_high: float
    slope_low: float
    slope_sd: float = SLOPE_SD
    even_mix: bool = False
    """Diagnostic: every unit meets a third of its customers in each channel."""

    @property
    def null(self) -> bool:
        return self.slope_high == self.slope_low


CASES = (
    Case("null-8", 8, 5, 0.5, 0.5),
    Case("effect-8", 8, 5, 1.0, 0.5),
    Case("null-24", 24, 12, 0.5, 0.5),
    Case("effect-24", 24, 12, 1.0, 0.5),
)
DIAGNOSTIC_CASES = (
    # Each removes one feature of the null-8 study, to tell which one a verdict reacts to.
    Case("null-8-even-mix", 8, 5, 0.5, 0.5, even_mix=True),
    Case("null-8-one-slope", 8, 5, 0.5, 0.5, slope_sd=0.0),
)
CASES_BY_NAME = {case.name: case for case in (*CASES, *DIAGNOSTIC_CASES)}


# --- the generator ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """What a study's companies were dealt: their class and their EX→CX slope."""

    touch: np.ndarray
    """'high' / 'low' per company."""
    slope: np.ndarray
    """CX points (latent) per EX point (latent), per company."""


def plant(case: Case, rng: np.random.Generator) -> Planted:
    """Classes and slopes per company: one slope distribution per class, equal under the null."""
    touch = np.where(np.arange(case.companies) < case.high, "high", "low")
    mean = np.where(touch == "high", case.slope_high, case.slope_low)
    return Planted(touch, mean + case.slope_sd * rng.standard_normal(case.companies))


def generate(case: Case, rng: np.random.Generator) -> tuple[Planted, dict[str, pl.DataFrame]]:
    """One study: the planted companies and the five tables of a linkage study."""
    planted = plant(case, rng)
    companies, periods, themes = case.companies, len(PERIODS), len(THEMES)
    units = companies * UNITS_PER_COMPANY
    company = np.repeat(np.arange(companies), UNITS_PER_COMPANY)

    # Latent EX per unit, period and theme: one general factor (company + unit + AR(1) swing)
    # shared by all themes with equal loadings, so no theme is privileged.
    swing = np.empty((units, periods))
    swing[:, 0] = SWING_SD * rng.standard_normal(units)
    innovation = SWING_SD * math.sqrt(1 - SWING_PERSISTENCE**2)
    for t in range(1, periods):  # four periods
        swing[:, t] = SWING_PERSISTENCE * swing[:, t - 1] + innovation * rng.standard_normal(units)
    general = (
        COMPANY_EX_SD * rng.standard_normal(companies)[company][:, None]
        + UNIT_EX_SD * rng.standard_normal(units)[:, None]
        + swing
    )
    latent = (
        general[:, :, None]
        + PROFILE_SD * rng.standard_normal((units, 1, themes))
        + THEME_NOISE_SD * rng.standard_normal((units, periods, themes))
    ).reshape(units * periods, themes)  # row = unit * periods + period
    # CX reads this period's EX only, every theme with the same weight, through the company's
    # slope (the same in every channel, segment and role).
    composite = latent.mean(axis=1)
    unit_cx = COMPANY_CX_SD * rng.standard_normal(companies)[
        company
    ] + UNIT_CX_SD * rng.standard_normal(units)
    cell_unit = np.repeat(np.arange(units), periods)
    cell_cx = unit_cx[cell_unit] + planted.slope[company][cell_unit] * composite

    cells = np.arange(units * periods)
    staff_cell = np.repeat(cells, rng.poisson(STAFF_PER_PERIOD, cells.size))
    customer_cell = np.repeat(cells, rng.poisson(CUSTOMERS_PER_PERIOD, cells.size))
    frames = {
        "industries": pl.DataFrame(
            {"industry": _ids("Industry ", companies, 2), "touch": planted.touch}
        ),
        "units": pl.DataFrame(
            {
                "unit_id": _ids("U", units, 4),
                "company": _ids("Company ", companies, 2).gather(company),
                # One industry per company: the touch class is the industry's default.
                "industry": _ids("Industry ", companies, 2).gather(company),
                "region": np.array(REGIONS)[rng.integers(0, len(REGIONS), units)],
            }
        ),
        "employee_responses": _staff(rng, staff_cell, latent, units),
        "customer_responses": _customers(
            rng, customer_cell, latent, cell_cx, unit_cx, _mix(case, planted)[company], units
        ),
        "theme_map": _theme_map(),
    }
    return planted, frames


def _mix(case: Case, planted: Planted) -> np.ndarray:
    """Channel shares per company (companies × channels)."""
    mix = np.array([CHANNEL_MIX[t] for t in planted.touch])
    return np.full(mix.shape, 1 / len(CHANNELS)) if case.even_mix else mix


def _ids(prefix: str, n: int, width: int) -> pl.Series:
    """prefix + 1..n, zero-padded to width digits (so ids sort as numbers)."""
    number = pl.int_range(1, n + 1, eager=True).cast(pl.String).str.zfill(width)
    return prefix + number


def _keys(cell: np.ndarray, units: int, prefix: str, id_column: str) -> dict[str, pl.Series]:
    unit, period = np.divmod(cell, len(PERIODS))
    return {
        id_column: _ids(prefix, cell.size, 6),
        "unit_id": _ids("U", units, 4).gather(unit),
        "period": pl.Series(PERIODS).gather(period),
    }


def _likert(value: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(value), low, high).astype(np.int64)


def _staff(rng, cell: np.ndarray, latent: np.ndarray, units: int) -> pl.DataFrame:
    """Staff of both roles read the same unit latent: role makes no difference to the link."""
    n = cell.size
    role = np.array(ROLES)[(rng.random(n) < 0.5).astype(int)]
    bias = 0.35 * rng.standard_normal(n)
    items = {}
    for k, (_, key) in enumerate(THEMES):  # twelve item columns, each vectorised over rows
        for i in (1, 2):
            value = 3.5 + 0.8 * latent[cell, k] + bias + 0.75 * rng.standard_normal(n)
            items[f"ex_{key}_{i}"] = _likert(value, 1, 5)
    return pl.DataFrame({**_keys(cell, units, "E", "respondent_id"), "role": role, **items})


def _customers(rng, cell, latent, cell_cx, unit_cx, unit_mix, units) -> pl.DataFrame:
    n = cell.size
    unit = cell // len(PERIODS)
    cuts = np.cumsum(unit_mix[unit], axis=1)[:, :-1]  # (rows, 2): in person; in person or phone
    channel = (rng.random(n)[:, None] > cuts).sum(axis=1)
    segment = (rng.random(n) < 0.5).astype(int)
    core = cell_cx[cell] + np.array(SEGMENT_SHIFT)[segment]
    core = core + CUSTOMER_NOISE_SD * rng.standard_normal(n)
    outcomes = {
        "satisfaction": _likert(7.3 + 1.1 * core, 0, 10),
        "recommend": _likert(6.9 + 1.3 * core + rng.standard_normal(n), 0, 10),
    }
    items = {}
    for k, (_, key) in enumerate(THEMES):
        value = 3.8 + 0.6 * (unit_cx[unit] + latent[cell, k]) + 0.8 * rng.standard_normal(n)
        items[f"cx_{key}"] = _likert(value, 1, 5)
    return pl.DataFrame(
        {
            **_keys(cell, units, "C", "response_id"),
            "segment": np.array(SEGMENTS)[segment],
            "channel": np.array(CHANNELS)[channel],
            **items,
            **outcomes,
        }
    )


def _theme_map() -> pl.DataFrame:
    rows = [
        (name, side, item)
        for name, key in THEMES
        for side, item in (
            ("employee", f"ex_{key}_1"),
            ("employee", f"ex_{key}_2"),
            ("customer", f"cx_{key}"),
        )
    ]
    return pl.DataFrame(rows, schema=["theme", "side", "item"], orient="row")


def as_files(frames: dict[str, pl.DataFrame]) -> dict[str, bytes]:
    """The tables as Parquet files in memory: what an upload hands to cxlib.load_dataset."""
    files = {}
    for name, frame in frames.items():
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        files[f"{name}.parquet"] = buffer.getvalue()
    return files


# --- the verdicts, as the app prints them ---------------------------------------------------------


def verdicts(files: dict[str, bytes], randomise_too: bool) -> dict[str, float]:
    """Every verdict of one study (1.0 = the app says "clear", 0.0 = it does not, nan = no
    verdict printed), plus a few descriptive numbers (prefixed with '_')."""
    engine = cxlib.Linkage(cxlib.load_dataset(files))
    view = FilterState()
    units = engine.unit_table(view, full=False)
    company = compare_companies(units.table, units.pair)
    fisher = cxlib.touch_gap(units)
    out = {
        "touch_companies": _claim(company.p_value),
        # as the first release counted it: every unit independent (the contrast documented)
        "touch_units_fisher": _claim(
            cxlib.compare_correlations(
                fisher.high.r, fisher.high.n, fisher.low.r, fisher.low.n
            ).p_value
        ),
        "_multilevel": float(company.method == "multilevel"),
        "_r_gap": fisher.high.r - fisher.low.r,
    }
    if randomise_too:  # the randomisation test on the same table, for contrast
        out["touch_randomisation"] = _claim(
            compare_companies(units.table, units.pair, model=False).p_value
        )
    by_channel = engine.unit_table(view, by="channel", per_period=True, full=False)
    out["touch_channel_adjusted"] = _claim(channel_gaps(by_channel).p_value)

    # As the Linkage page: per-period split tables, so each pair shares its periods.
    tables = {
        by: split_differences(
            engine.unit_table(view, by=by, per_period=True, full=False), n_boot=SPLIT_BOOT
        )
        for by in ("segment", "channel", "role")
    }
    family = adjust_together(*tables.values())
    adjusted = family["p_adjusted"].to_numpy()
    out["splits_any"] = float((adjusted < ALPHA).any()) if np.isfinite(adjusted).any() else math.nan
    for by in tables:  # which split raised the family's claim (for the diagnosis)
        mine = adjusted[(family["split"] == by).to_numpy()]
        out[f"_split_{by}"] = float((mine < ALPHA).any()) if mine.size else math.nan
        out[f"_units_{by}"] = float(tables[by]["units"].max() or 0)

    periods = engine.unit_table(view, per_period=True, full=False)
    low, high = cxlib.cross_lagged(periods, n_boot=LAG_BOOT).difference_ci
    defined = np.isfinite([low, high]).all()
    out["lag_direction"] = float(low > 0 or high < 0) if defined else math.nan

    result, _ = cxlib.theme_drivers(units, n_boot=DRIVER_BOOT)
    top = result.table.row(0, named=True)
    out["top_driver"] = math.nan if top["rank_high"] is None else float(top["rank_high"] == 1)
    return out


def _claim(p: float) -> float:
    return float(p < ALPHA) if p == p else math.nan


VERDICTS = {
    "touch_companies": "Touch gap, companies as evidence (primary)",
    "touch_randomisation": "Touch gap, randomisation test (model=False)",
    "touch_units_fisher": "Touch gap, unit-level Fisher z (contrast)",
    "touch_channel_adjusted": "Touch gap adjusted for channel mix",
    "splits_any": "Segment/channel/role differences (any, BH)",
    "lag_direction": "Lag asymmetry (difference CI excludes 0)",
    "top_driver": "Clear top driver (rank interval [1, 1])",
}
TOUCH_VERDICTS = ("touch_companies", "touch_randomisation", "touch_units_fisher")
TOUCH_VERDICTS += ("touch_channel_adjusted",)
"""Verdicts on the touch gap: under the effect case their rate is power."""
DIAGNOSTICS = ("_split_segment", "_split_channel", "_split_role")


def kind(case: Case, verdict: str) -> str:
    """What a verdict's rate means in a case: a false-positive rate, power, or neither."""
    if case.null:
        return "false positive"
    if verdict in TOUCH_VERDICTS:
        return "power"
    if verdict in ("splits_any", *DIAGNOSTICS):
        # Under the effect, channels are not a null: low-touch units rarely show an in-person
        # view, so the in-person r comes mostly from steeper high-touch companies.
        return "not a null"
    return "false positive"


# --- running and reporting ----------------------------------------------------------------------


def study(task: tuple[str, int, int]) -> dict[str, float]:
    """One simulated study of a case, seeded by (seed, case, index): rerunnable on its own."""
    name, index, seed = task
    case = CASES_BY_NAME[name]
    started = time.perf_counter()
    rng = np.random.default_rng([seed, list(CASES_BY_NAME).index(name), index])
    _, frames = generate(case, rng)
    out = verdicts(as_files(frames), randomise_too=case.companies >= 20)
    return out | {"_seconds": time.perf_counter() - started}


def run(tasks: list[tuple[str, int, int]], workers: int) -> Iterator[dict[str, float]]:
    if workers <= 1:
        yield from map(study, tasks)
        return
    # One thread each: the workers share the machine's cores, not each a pool of threads.
    for variable in ("POLARS_MAX_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = "1"
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        yield from pool.map(study, tasks, chunksize=4)


def interval(claims: int, studies: int) -> tuple[float, float]:
    """Clopper–Pearson 95% interval of a rate (exact binomial)."""
    if studies == 0:
        return math.nan, math.nan
    ci = st.binomtest(claims, studies).proportion_ci(0.95, method="exact")
    return float(ci.low), float(ci.high)


def summarise(case: Case, results: list[dict[str, float]]) -> dict[str, dict]:
    rows = {}
    for verdict in (*VERDICTS, *DIAGNOSTICS):
        values = np.array([r[verdict] for r in results if verdict in r], dtype=float)
        if not values.size:
            continue
        printed = values[np.isfinite(values)]
        claims, studies = int(printed.sum()), int(values.size)
        # A study without a printed verdict made no claim: it counts, as a non-claim.
        low, high = interval(claims, studies)
        rows[verdict] = {
            "rate": claims / studies,
            "low": low,
            "high": high,
            "claims": claims,
            "studies": studies,
            "no_verdict": int(values.size - printed.size),
            "kind": kind(case, verdict),
        }
    return rows


def table(summary: dict[str, dict[str, dict]]) -> str:
    header = f"{'case':<16} {'verdict':<46} {'rate':>6}  {'95% CI':<15} {'n':>5} {'none':>5}  kind"
    lines = [header, "-" * len(header)]
    for case, rows in summary.items():
        for verdict, row in rows.items():
            label = VERDICTS.get(verdict, f"  of which {verdict.removeprefix('_split_')}")
            ci = f"[{row['low']:.3f}, {row['high']:.3f}]"
            flag = " !" if row["kind"] == "false positive" and row["rate"] > TARGET else ""
            lines.append(
                f"{case:<16} {label:<46} {row['rate']:>6.3f}  {ci:<15} {row['studies']:>5} "
                f"{row['no_verdict']:>5}  {row['kind']}{flag}"
            )
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.calibration", description=__doc__)
    parser.add_argument("--studies", type=int, default=400, help="studies per case")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cases",
        default=",".join(case.name for case in CASES),
        help=f"comma-separated, of {list(CASES_BY_NAME)} (the last two are diagnostics)",
    )
    parser.add_argument("--workers", type=int, default=2, help="processes (1: run in this one)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.cases.split(",")) - set(CASES_BY_NAME))
    if unknown:
        parser.error(f"unknown cases {unknown}: choose from {list(CASES_BY_NAME)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    names = [name for name in CASES_BY_NAME if name in args.cases.split(",")]
    started = time.perf_counter()
    summary, details = {}, {}
    for name in names:
        tasks = [(name, i, args.seed) for i in range(args.studies)]
        case_started = time.perf_counter()
        results = list(run(tasks, args.workers))
        summary[name] = summarise(CASES_BY_NAME[name], results)
        seconds = np.array([r["_seconds"] for r in results])
        details[name] = {
            "wall_seconds": time.perf_counter() - case_started,
            "seconds_per_study": float(seconds.mean()),
            "multilevel_share": float(np.mean([r["_multilevel"] for r in results])),
            "mean_r_gap": float(np.nanmean([r["_r_gap"] for r in results])),
            **{
                f"mean_units_{by}": float(np.mean([r[f"_units_{by}"] for r in results]))
                for by in ("segment", "channel", "role")
            },
        }
        wall = details[name]["wall_seconds"]
        print(f"{name}: {args.studies} studies in {wall:.0f} s", flush=True)
    print()
    print(table(summary))
    failed = sorted(
        f"{case}/{verdict}"
        for case, rows in summary.items()
        for verdict, row in rows.items()
        if verdict in VERDICTS
        and verdict != "touch_units_fisher"  # shown as the contrast it is, not as a verdict
        and row["kind"] == "false positive"
        and row["rate"] > TARGET
    )
    report = {
        "studies": args.studies,
        "seed": args.seed,
        "target": TARGET,
        "cases": summary,
        "details": details,
        "total_seconds": time.perf_counter() - started,
        "above_target": failed,
    }
    print(f"{JSON_PREFIX} {json.dumps(report, sort_keys=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
