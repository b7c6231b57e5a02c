"""cxlib's theme-correlation query computed from the raw responses by pandas, DuckDB and polars.

Each peer has a setup (not timed: format conversion, registration) that returns the timed query.
The query follows cxlib's semantics for the benchmarked view (no role filter, lag 0):
  1. unit touch = coalesce(unit strategy, industry default touch);
  2. EX cells per (unit, period) over all roles: staff count and item sums;
  3. CX cells per (unit, period) in the chosen segments and channels: count, satisfaction sum;
  4. EX and CX cells inner-joined on (unit, period) and on the cells the privacy rule lets the
     view show, then summed per unit over the periods;
  5. theme mean = (sum of its two item sums) / (2 * staff), cx = satisfaction sum / customers;
  6. per touch class and theme: n units and Pearson r.
Every peer returns (touch, theme, n, r) sorted by touch and theme.

The cells the privacy rule lets the view show come from cxlib, at setup (`Query.shown`):
merging small groups into blocks (cxlib/privacy.py) is an algorithm a peer would have to be
written to repeat, which would time its author, not its engine. Peers still aggregate every
raw response of those cells; their agreement with cxlib checks aggregation and correlation, and
tests/test_privacy.py checks the rule itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl

import cxlib
from cxlib.filters import FilterState

RESULT_SCHEMA = {"touch": pl.String, "theme": pl.String, "n": pl.Int64, "r": pl.Float64}


@dataclass(frozen=True)
class Query:
    segments: tuple[str, ...]
    channels: tuple[str, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]  # (theme, employee items)
    shown: pl.DataFrame
    """(unit_id, period) of the cells the view may show, as the data's own dtypes."""

    @classmethod
    def of(cls, data: cxlib.Dataset, state: FilterState, engine: cxlib.Linkage) -> Query:
        themes = tuple(
            (t.name, t.employee_items) for t in data.theme_map.themes if t.employee_items
        )
        cells = engine.unit_table(state, per_period=True, full=False).table
        shown = cells.select(
            pl.col("unit_id").cast(data.employee.schema["unit_id"]),
            pl.col("period").cast(data.employee.schema["period"]),
        )
        return cls(state.segments, state.channels, themes, shown)

    @property
    def items(self) -> list[str]:
        return [item for _, items in self.themes for item in items]


Runner = Callable[[], pl.DataFrame]


def _result(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(pl.col(c).cast(t) for c, t in RESULT_SCHEMA.items()).sort("touch", "theme")


# --- pandas -------------------------------------------------------------------------------------


def pandas_peer(data: cxlib.Dataset, query: Query) -> Runner:
    employee, customer = data.employee.to_pandas(), data.customer.to_pandas()
    # polars hands each frame its own category order; one shared dtype per key lets the
    # (unit, period) join compare codes instead of strings.
    for key in ("unit_id", "period"):
        values = sorted(set(employee[key].cat.categories) | set(customer[key].cat.categories))
        dtype = pd.CategoricalDtype(values)
        employee[key], customer[key] = employee[key].astype(dtype), customer[key].astype(dtype)
    units = data.units.to_pandas()
    shown = query.shown.to_pandas()
    for key in ("unit_id", "period"):
        shown[key] = shown[key].astype(employee[key].dtype)
    shown = shown.set_index(["unit_id", "period"])[[]]
    default_touch = dict(zip(data.industries["industry"], data.industries["touch"], strict=True))
    keys = ["unit_id", "period"]

    def run() -> pl.DataFrame:
        touch = units["strategy"].fillna(units["industry"].map(default_touch))
        touch.index = units["unit_id"]

        staff = employee.groupby(keys, observed=True, sort=False)
        ex = staff[query.items].sum().assign(n_staff=staff.size()).join(shown, how="inner")

        chosen = customer["segment"].isin(query.segments) & customer["channel"].isin(query.channels)
        cx = (
            customer.loc[chosen, [*keys, "satisfaction"]]
            .groupby(keys, observed=True, sort=False)["satisfaction"]
            .agg(n_customers="size", satisfaction="sum")
        )
        per_unit = ex.join(cx, how="inner").groupby(level="unit_id", observed=True).sum()
        table = pd.DataFrame(
            {
                theme: per_unit[list(items)].sum(axis=1) / (per_unit["n_staff"] * len(items))
                for theme, items in query.themes
            }
        )
        table["cx"] = per_unit["satisfaction"] / per_unit["n_customers"]
        table["touch"] = touch.reindex(table.index.astype(str)).to_numpy()
        rows = [
            (t, theme, len(group), group[theme].corr(group["cx"]))
            for t, group in table.groupby("touch")
            for theme, _ in query.themes
        ]
        return _result(pl.DataFrame(rows, schema=list(RESULT_SCHEMA), orient="row"))

    return run


# --- DuckDB -------------------------------------------------------------------------------------


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def duckdb_sql(query: Query) -> str:
    item_sums = ", ".join(f"sum({_ident(i)}) AS {_ident(i)}" for i in query.items)
    theme_means = ", ".join(
        "(" + " + ".join(_ident(i) for i in items) + f") / (n_staff * {len(items)})"
        f" AS {_ident(theme)}"
        for theme, items in query.themes
    )
    themes = ", ".join(_ident(theme) for theme, _ in query.themes)
    return f"""
    WITH ex AS (
        SELECT unit_id, period, count(*) AS n_staff, {item_sums}
        FROM employee GROUP BY unit_id, period
    ), cx AS (
        SELECT unit_id, period, count(*) AS n_customers, sum(satisfaction) AS satisfaction
        FROM customer
        WHERE segment IN ({_sql_list(query.segments)})
          AND channel IN ({_sql_list(query.channels)})
        GROUP BY unit_id, period
    ), per_unit AS (
        SELECT unit_id, sum(COLUMNS(* EXCLUDE (unit_id, period)))
        FROM ex JOIN cx USING (unit_id, period) JOIN shown USING (unit_id, period)
        GROUP BY unit_id
    ), unit_touch AS (
        SELECT u.unit_id, coalesce(u.strategy, i.touch) AS touch
        FROM units u JOIN industries i USING (industry)
    ), metrics AS (
        SELECT t.touch, {theme_means}, satisfaction / n_customers AS cx
        FROM per_unit p JOIN unit_touch t ON p.unit_id = t.unit_id
    )
    SELECT touch, theme, count(*) AS n, corr(ex, cx) AS r
    FROM (UNPIVOT metrics ON {themes} INTO NAME theme VALUE ex)
    GROUP BY touch, theme
    ORDER BY touch, theme
    """


def duckdb_peer(data: cxlib.Dataset, query: Query) -> Runner:
    connection = duckdb.connect()
    # Zero-copy Arrow views of the polars frames; DuckDB scans them in place.
    for name in ("employee", "customer", "units", "industries"):
        connection.register(name, getattr(data, name).to_arrow())
    connection.register("shown", query.shown.to_arrow())
    sql = duckdb_sql(query)
    return lambda: _result(connection.sql(sql).pl())


def duckdb_files_peer(study: Files, query: Query) -> Runner:
    """The same SQL over the study's files, out of core: Parquet responses, CSV small tables."""
    connection = duckdb.connect()
    for name, paths in (("employee", study.staff), ("customer", study.customers)):
        listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
        connection.sql(f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listed}])")
    for name in ("units", "industries"):
        path = str(study.folder / f"{name}.csv").replace("'", "''")
        connection.sql(f"CREATE VIEW {name} AS SELECT * FROM read_csv('{path}')")
    connection.register("shown", query.shown.to_arrow())
    sql = duckdb_sql(query)
    return lambda: _result(connection.sql(sql).pl())


@dataclass(frozen=True)
class Files:
    """A study on disk: its folder (units.csv, industries.csv) and its response files."""

    folder: Path
    staff: tuple[Path, ...]
    customers: tuple[Path, ...]


# --- polars -------------------------------------------------------------------------------------


def polars_peer(data: cxlib.Dataset, query: Query) -> Runner:
    tables = (data.employee, data.customer, data.units, data.industries)
    return polars_query(*(t.lazy() for t in tables), query)


def polars_files_peer(study: Files, query: Query) -> Runner:
    """The same query over the study's files, on polars' streaming engine (out of core)."""
    employee, customer = (pl.scan_parquet(list(paths)) for paths in (study.staff, study.customers))
    units, industries = (pl.scan_csv(study.folder / f"{n}.csv") for n in ("units", "industries"))
    return polars_query(employee, customer, units, industries, query, engine="streaming")


def polars_query(
    employee: pl.LazyFrame,
    customer: pl.LazyFrame,
    units: pl.LazyFrame,
    industries: pl.LazyFrame,
    query: Query,
    engine: str = "auto",
) -> Runner:
    shown = query.shown.lazy()
    industries = industries.select("industry", pl.col("touch").alias("default"))
    keys = ["unit_id", "period"]

    def run() -> pl.DataFrame:
        ex = (
            employee.group_by(keys)
            .agg(pl.len().alias("n_staff"), pl.col(query.items).sum())  # Int8 sums to Int64
            .join(shown, on=keys)
        )
        cx = (
            customer.filter(
                pl.col("segment").is_in(query.segments), pl.col("channel").is_in(query.channels)
            )
            .group_by(keys)
            .agg(pl.len().alias("n_customers"), pl.col("satisfaction").sum())
        )
        per_unit = ex.join(cx, on=keys).group_by("unit_id").agg(pl.exclude(keys).sum())
        touch = units.join(industries, on="industry").select(
            pl.col("unit_id").cast(pl.Categorical),
            pl.coalesce("strategy", "default").alias("touch"),
        )
        themes = [
            (pl.sum_horizontal(items) / (pl.col("n_staff") * len(items))).alias(theme)
            for theme, items in query.themes
        ]
        cx_mean = (pl.col("satisfaction") / pl.col("n_customers")).alias("cx")
        result = (
            per_unit.join(touch, on="unit_id")
            .select("touch", *themes, cx_mean)
            .unpivot(index=["touch", "cx"], variable_name="theme", value_name="ex")
            .group_by("touch", "theme")
            .agg(pl.len().alias("n"), pl.corr("ex", "cx").alias("r"))
        )
        return _result(result.collect(engine=engine))

    return run


PEERS: dict[str, Callable[[cxlib.Dataset, Query], Runner]] = {
    "pandas": pandas_peer,
    "duckdb": duckdb_peer,
    "polars": polars_peer,
}


def cxlib_result(frame: pl.DataFrame) -> pl.DataFrame:
    """cxlib's theme_correlations output reduced to the compared columns."""
    return _result(frame)


def agreement_problems(
    expected: pl.DataFrame, results: dict[str, pl.DataFrame], tolerance: float = 1e-9
) -> list[str]:
    """What differs between cxlib's (touch, theme, n, r) and each peer's: empty when all agree.

    Rows must match one to one, n exactly, r within `tolerance` (both undefined also agrees).
    """
    want = cxlib_result(expected)
    problems = []
    for name, got in results.items():
        joined = want.join(_result(got), on=["touch", "theme"], how="full", suffix="_peer")
        r, r_peer = (pl.col(c).fill_null(np.nan) for c in ("r", "r_peer"))
        same_r = ((r - r_peer).abs() <= tolerance) | (r.is_nan() & r_peer.is_nan())
        bad = joined.filter(~(pl.col("n") == pl.col("n_peer")).fill_null(False) | ~same_r)
        for row in bad.iter_rows(named=True):
            problems.append(
                f"{name}: touch={row['touch'] or row['touch_peer']} "
                f"theme={row['theme'] or row['theme_peer']}: cxlib n={row['n']} r={row['r']}, "
                f"{name} n={row['n_peer']} r={row['r_peer']}"
            )
    return problems
