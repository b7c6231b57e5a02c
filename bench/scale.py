"""A linkage study at benchmark scale, generated in memory: vectorised, seeded, no files.

Latent EX per unit u, period t and theme k is a stable unit level, a period swing, a stable
theme profile and noise. Staff items read that latent plus a respondent bias and noise; customer
satisfaction reads the theme-weighted composite, scaled by a touch gain (high > low) and a
channel gain (in person > phone > digital), plus unit, segment and response noise. So unit-level
theme means correlate modestly with CX, more in high-touch units. About 1% of units are small
enough that some unit-periods have fewer than 5 staff respondents (the privacy rule hides them).

Keys are categorical (unit_id, period, segment) or enums (channel, role) and items Int8, so 20M
customer rows fit in about 420 MB.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import polars as pl

import cxlib
from cxlib.contract import CHANNELS, ROLES
from cxlib.filters import FilterState
from cxlib.sample.linkage import SEGMENTS, THEMES
from cxlib.sample.panel import industries_frame

REGIONS = ("North", "South", "East", "West", "Central")
# Company index -> strategy overriding its industry's default touch (a few, both directions).
STRATEGIES = {9: "high", 11: "high", 3: "low"}
TOUCH_GAIN = {"high": 1.0, "low": 0.4}
CHANNEL_GAIN = np.array([1.0, 0.6, 0.2], dtype=np.float32)  # in CHANNELS order
# Cumulative channel mix (in-person, in-person + phone) for high- and low-touch units.
CHANNEL_CUT = {"high": (0.5, 0.8), "low": (0.15, 0.5)}
SEGMENT_SHIFT = (0.0, -0.45, 0.35, -0.7)
SMALL_UNIT_SHARE = 0.01
SMALL_UNIT_STAFF = 5.0  # mean staff respondents per period in a small unit


@dataclass(frozen=True)
class Scale:
    customers: int = 20_000_000
    employees: int = 2_000_000
    units: int = 10_000
    periods: int = 8
    segments: int = 4
    companies: int = 20
    seed: int = 2024

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def period_labels(self) -> tuple[str, ...]:
        return tuple(f"P{t + 1:02d}" for t in range(self.periods))  # sort as text in time order

    @property
    def segment_labels(self) -> tuple[str, ...]:
        extra = tuple(f"Segment {i + 1}" for i in range(len(SEGMENTS), self.segments))
        return (*SEGMENTS, *extra)[: self.segments]


def theme_map() -> cxlib.ThemeMap:
    """The shipped sample's six themes: employee items ex_<key>_1/_2, customer item cx_<key>."""
    return cxlib.ThemeMap(
        themes=tuple(
            cxlib.Theme(
                name=t.name,
                employee_items=(f"ex_{t.key}_1", f"ex_{t.key}_2"),
                customer_items=(f"cx_{t.key}",),
            )
            for t in THEMES
        )
    )


def query_state(scale: Scale) -> FilterState:
    """The benchmarked view: two segments, in-person and phone, everything else default."""
    return FilterState(segments=scale.segment_labels[:2], channels=("in-person", "phone"))


def generate(scale: Scale = Scale()) -> cxlib.Dataset:
    if scale.segments < 2 or scale.units < scale.companies:
        raise ValueError("the benchmark needs at least 2 segments and a unit per company")
    rng = np.random.default_rng(scale.seed)
    industries = industries_frame()
    units = _units(rng, scale, industries)
    high = units.join(industries, on="industry", how="left", maintain_order="left")
    high = high.select(pl.coalesce("strategy", "touch") == "high").to_series().to_numpy()

    n_units, n_periods, n_themes = scale.units, scale.periods, len(THEMES)
    loading = np.array([t.loading for t in THEMES])
    latent = (
        (
            (
                0.35 * rng.standard_normal((n_units, 1, 1))
                + 0.3 * rng.standard_normal((n_units, n_periods, 1))
            )
            * loading
            + 0.35 * rng.standard_normal((n_units, 1, n_themes))
            + 0.35 * rng.standard_normal((n_units, n_periods, n_themes))
        )
        .astype(np.float32)
        .reshape(n_units * n_periods, n_themes)
    )  # row = unit * periods + period
    size = rng.lognormal(0.0, 0.4, n_units)
    unit_ids = pl.Series("unit_id", units["unit_id"], dtype=pl.Categorical)
    keys = {"unit_ids": unit_ids, "periods": scale.period_labels}
    employee = _employee(rng, scale, latent, size, keys)
    customer = _customer(rng, scale, latent, size, high, keys)
    return cxlib.Dataset(
        manifest=cxlib.Manifest(name="bench", synthetic=True, seed=scale.seed),
        industries=industries,
        companies=None,
        units=units,
        employee=employee,
        customer=customer,
        theme_map=theme_map(),
        fingerprint=f"bench-{scale.seed}",
    )


def _units(rng: np.random.Generator, scale: Scale, industries: pl.DataFrame) -> pl.DataFrame:
    n_companies = scale.companies
    # One company per industry in turn, so both touch classes have many units.
    industry = industries["industry"].to_numpy()[np.arange(n_companies) % industries.height]
    share = rng.uniform(0.5, 1.5, n_companies)
    per_company = 1 + rng.multinomial(scale.units - n_companies, share / share.sum())
    company = np.repeat(np.arange(n_companies), per_company)
    width = len(str(scale.units))
    return pl.DataFrame(
        {
            "unit_id": [f"U{i + 1:0{width}d}" for i in range(scale.units)],
            "company": [f"Company {c + 1:02d}" for c in company],
            "industry": industry[company],
            "region": np.array(REGIONS)[rng.integers(0, len(REGIONS), scale.units)],
            "strategy": pl.Series([STRATEGIES.get(c) for c in company], dtype=pl.String),
        }
    )


def _cells(rng: np.random.Generator, total: int, rate: np.ndarray, periods: int) -> np.ndarray:
    """Exactly `total` rows spread over unit-periods in proportion to `rate` (per unit); each
    row's cell index (unit * periods + period), shuffled so no engine gets pre-grouped input."""
    p = np.repeat(rate, periods)
    counts = rng.multinomial(total, p / p.sum())
    cell = np.repeat(np.arange(counts.size, dtype=np.int32), counts)
    rng.shuffle(cell)
    return cell


def _keys(cell: np.ndarray, periods: int, keys: dict) -> dict[str, pl.Series]:
    unit, period = np.divmod(cell, periods)
    labels = pl.Series("period", keys["periods"], dtype=pl.Categorical)
    # Gathering from a small categorical series keeps 4-byte codes: no millions of strings.
    return {"unit_id": keys["unit_ids"].gather(unit), "period": labels.gather(period)}


def _likert(value: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(value), low, high).astype(np.int8)


def _noise(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.standard_normal(n, dtype=np.float32)


def _employee(rng, scale: Scale, latent: np.ndarray, size: np.ndarray, keys) -> pl.DataFrame:
    mean_staff = scale.employees / (scale.units * scale.periods)
    rate = mean_staff * size / size.mean()
    small = rng.choice(scale.units, max(1, int(SMALL_UNIT_SHARE * scale.units)), replace=False)
    rate[small] = min(SMALL_UNIT_STAFF, mean_staff / 2)
    cell = _cells(rng, scale.employees, rate, scale.periods)
    n = cell.size
    role = pl.Series("role", (rng.random(n) < 0.4).astype(np.uint8)).cat.to(pl.Enum(ROLES))
    bias = 0.35 * _noise(rng, n)
    items = {}
    for k, theme in enumerate(THEMES):  # twelve item columns, each vectorised over rows
        base = theme.staff_mean + 0.8 * latent[cell, k] + bias
        for i in (1, 2):
            items[f"ex_{theme.key}_{i}"] = _likert(base + 0.75 * _noise(rng, n), 1, 5)
    return pl.DataFrame({**_keys(cell, scale.periods, keys), "role": role, **items})


def _customer(
    rng, scale: Scale, latent: np.ndarray, size: np.ndarray, high: np.ndarray, keys
) -> pl.DataFrame:
    cell = _cells(rng, scale.customers, size, scale.periods)
    n = cell.size
    unit = cell // scale.periods
    high_row = high[unit]
    draw = rng.random(n, dtype=np.float32)
    cut = {
        i: np.where(high, *(np.float32(CHANNEL_CUT[t][i]) for t in ("high", "low"))) for i in (0, 1)
    }
    channel = (draw > cut[0][unit]).astype(np.uint8) + (draw > cut[1][unit])
    del draw, cut
    shares = 0.5 ** np.arange(scale.segments)
    segment = np.searchsorted(np.cumsum(shares / shares.sum()), rng.random(n), side="right")
    segment = np.minimum(segment, scale.segments - 1).astype(np.int8)

    gain = np.where(high_row, *(np.float32(TOUCH_GAIN[t]) for t in ("high", "low")))
    gain *= CHANNEL_GAIN[channel]
    del high_row
    weights = np.array([t.weight for t in THEMES], dtype=np.float32)
    unit_cx = (0.45 * rng.standard_normal(scale.units)).astype(np.float32)[unit]
    shift = np.resize(np.array(SEGMENT_SHIFT, dtype=np.float32), scale.segments)[segment]
    core = shift + unit_cx + gain * (latent @ weights)[cell] + 1.5 * _noise(rng, n)
    outcomes = {
        "satisfaction": _likert(7.2 + 1.1 * core, 0, 10),
        "recommend": _likert(6.9 + 1.3 * core + _noise(rng, n), 0, 10),
    }
    del core
    context = 0.7 * unit_cx + 0.5 * shift
    items = {
        f"cx_{t.key}": _likert(
            3.8 + 0.6 * (context + gain * latent[cell, k]) + 0.8 * _noise(rng, n), 1, 5
        )
        for k, t in enumerate(THEMES)
    }
    del context, gain, unit_cx, shift
    segments = pl.Series("segment", scale.segment_labels, dtype=pl.Categorical)
    return pl.DataFrame(
        {
            **_keys(cell, scale.periods, keys),
            "segment": segments.gather(segment),
            "channel": pl.Series("channel", channel).cat.to(pl.Enum(CHANNELS)),
            **items,
            **outcomes,
        }
    )
