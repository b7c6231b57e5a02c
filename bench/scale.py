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
TOUCH_GAIN = (0.4, 1.0)  # low, high
CHANNEL_GAIN = np.array([1.0, 0.6, 0.2], dtype=np.float32)  # in CHANNELS order
# Cumulative channel mix (in person; in person or phone) of low- and high-touch units.
CHANNEL_CUTS = np.array([[0.15, 0.5], [0.5, 0.8]], dtype=np.float32)
SEGMENT_SHIFT = (0.0, -0.45, 0.35, -0.7)
SMALL_UNIT_SHARE = 0.01
SMALL_UNIT_STAFF = 5.0  # mean staff respondents per period in a small unit


MILLION = 1_000_000


@dataclass(frozen=True)
class Scale:
    customers: int = 20 * MILLION
    employees: int = 2 * MILLION
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
    touch = units.join(industries, on="industry", how="left", maintain_order="left")
    high = touch.select(pl.coalesce("strategy", "touch") == "high").to_series().to_numpy()
    latent = _latent(rng, scale)
    size = rng.lognormal(0.0, 0.4, scale.units)  # unit size: drives staff and customer counts
    keys = Keys(scale, pl.Series("unit_id", units["unit_id"], dtype=pl.Categorical))
    return cxlib.Dataset(
        manifest=cxlib.Manifest(name="bench", synthetic=True, seed=scale.seed),
        industries=industries,
        companies=None,
        units=units,
        employee=_employee(rng, scale, keys, latent, size),
        customer=_customer(rng, scale, keys, latent, size, high),
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


def _latent(rng: np.random.Generator, scale: Scale) -> np.ndarray:
    """(unit * periods + period, theme): general EX (unit level + period swing) times the
    theme's loading, plus a stable theme profile and period noise."""
    u, t, k = scale.units, scale.periods, len(THEMES)
    general = 0.35 * rng.standard_normal((u, 1, 1)) + 0.3 * rng.standard_normal((u, t, 1))
    loading = np.array([theme.loading for theme in THEMES])
    profile = 0.35 * rng.standard_normal((u, 1, k))
    latent = general * loading + profile + 0.35 * rng.standard_normal((u, t, k))
    return latent.astype(np.float32).reshape(u * t, k)


@dataclass(frozen=True)
class Keys:
    scale: Scale
    unit_ids: pl.Series  # categorical, in unit order

    def columns(self, cell: np.ndarray) -> dict[str, pl.Series]:
        unit, period = np.divmod(cell, self.scale.periods)
        periods = pl.Series("period", self.scale.period_labels, dtype=pl.Categorical)
        # Gathering from a small categorical series keeps 4-byte codes: no millions of strings.
        return {"unit_id": self.unit_ids.gather(unit), "period": periods.gather(period)}


def _cells(rng: np.random.Generator, total: int, rate: np.ndarray, periods: int) -> np.ndarray:
    """Exactly `total` rows spread over unit-periods in proportion to `rate` (per unit): each
    row's cell (unit * periods + period), shuffled so that no engine gets pre-grouped input."""
    p = np.repeat(rate, periods)
    counts = rng.multinomial(total, p / p.sum())
    cell = np.repeat(np.arange(counts.size, dtype=np.int32), counts)
    rng.shuffle(cell)
    return cell


def _likert(value: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(value), low, high).astype(np.int8)


def _noise(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.standard_normal(n, dtype=np.float32)  # float32: half the memory at 20M rows


def _employee(rng, scale: Scale, keys: Keys, latent: np.ndarray, size: np.ndarray):
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
    return pl.DataFrame({**keys.columns(cell), "role": role, **items})


def _customer(rng, scale: Scale, keys: Keys, latent, size, high: np.ndarray) -> pl.DataFrame:
    cell = _cells(rng, scale.customers, size, scale.periods)
    n = cell.size
    unit = cell // scale.periods
    cuts = CHANNEL_CUTS[high.astype(np.intp)][unit]  # (rows, 2)
    draw = rng.random(n, dtype=np.float32)
    channel = (draw > cuts[:, 0]).astype(np.uint8) + (draw > cuts[:, 1])
    del cuts, draw
    shares = 0.5 ** np.arange(scale.segments)
    segment = np.searchsorted(np.cumsum(shares / shares.sum()), rng.random(n, dtype=np.float32))
    segment = np.minimum(segment, scale.segments - 1).astype(np.int8)

    gain = np.array(TOUCH_GAIN, dtype=np.float32)[high.astype(np.intp)][unit]
    gain *= CHANNEL_GAIN[channel]
    unit_cx = (0.45 * rng.standard_normal(scale.units)).astype(np.float32)[unit]
    shift = np.resize(np.array(SEGMENT_SHIFT, dtype=np.float32), scale.segments)[segment]
    weights = np.array([t.weight for t in THEMES], dtype=np.float32)
    core = shift + unit_cx + gain * (latent @ weights)[cell] + 1.5 * _noise(rng, n)
    outcomes = {
        "satisfaction": _likert(7.2 + 1.1 * core, 0, 10),
        "recommend": _likert(6.9 + 1.3 * core + _noise(rng, n), 0, 10),
    }
    del core
    context = 0.7 * unit_cx + 0.5 * shift
    del unit_cx, shift, unit
    items = {}
    for k, theme in enumerate(THEMES):
        value = 3.8 + 0.6 * (context + gain * latent[cell, k]) + 0.8 * _noise(rng, n)
        items[f"cx_{theme.key}"] = _likert(value, 1, 5)
    del context, gain, value
    segments = pl.Series("segment", scale.segment_labels, dtype=pl.Categorical)
    return pl.DataFrame(
        {
            **keys.columns(cell),
            "segment": segments.gather(segment),
            "channel": pl.Series("channel", channel).cat.to(pl.Enum(CHANNELS)),
            **items,
            **outcomes,
        }
    )
