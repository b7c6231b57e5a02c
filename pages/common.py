"""What the pages share: the cached data, cached analyses, chart style and small UI pieces.

Not a page (app.py lists the pages). Analyses are cached by the dataset's fingerprint and the
view's JSON: small, hashable keys. Numbers come from cxlib; this module only shapes and draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import cxlib
from cxlib import drivers, lags, panel
from cxlib.controls import Control, controls
from cxlib.linkage import WARNINGS as LINKAGE_WARNINGS
from cxlib.stats import WARNINGS as STATS_WARNINGS
from cxlib.strings import TEXT

HIGH, LOW = "#D55E00", "#0072B2"  # high / low touch on every page (colour-blind safe pair)
TOUCH_COLOURS = {"high": HIGH, "low": LOW}
FONT = {"size": 16}  # readable on a projector


@dataclass(frozen=True, eq=False)
class Bundle:
    data: cxlib.Dataset
    engine: cxlib.Linkage | None
    specs: dict[str, Control]


_BUNDLES: dict[str, Bundle] = {}  # fingerprint -> bundle, for the cached analyses below


def _bundle(data: cxlib.Dataset) -> Bundle:
    engine = cxlib.Linkage(data) if data.has_linkage else None
    bundle = Bundle(data, engine, controls(data))
    _BUNDLES[data.fingerprint] = bundle
    return bundle


@st.cache_resource(show_spinner=TEXT["loading_sample"])
def sample_bundle() -> Bundle:
    return _bundle(cxlib.load_sample())


@st.cache_resource(max_entries=4, show_spinner=TEXT["building_cube"])
def upload_bundle(fingerprint: str, _files: dict[str, bytes]) -> Bundle:
    return _bundle(cxlib.load_dataset(_files))


def current() -> tuple[Bundle, cxlib.FilterState]:
    """The data and view that app.py set up in this run.

    A shared link can be a server process's very first request. Until st.navigation has run
    once, Streamlit still treats the pages/ folder as auto-discovered pages (its v1 mode) and
    runs the linked page alone, without app.py. Switch that mode off and rerun: app.py then
    runs and st.navigation opens the same page, with the link's query parameters intact.
    """
    if "bundle" not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["bundle"], st.session_state["view"]


# --- cached analyses: (fingerprint, view as JSON) in, cxlib results out -----------------------


def _view(view_json: str) -> cxlib.FilterState:
    return cxlib.FilterState.model_validate_json(view_json)


@st.cache_data(max_entries=256, show_spinner=False)
def touch_gap(fingerprint: str, view_json: str):
    bundle, view = _BUNDLES[fingerprint], _view(view_json)
    if view.level == "companies":
        return panel.panel_touch_gap(bundle.data, view)
    return bundle.engine.touch_gap(view)


@st.cache_data(max_entries=256, show_spinner=False)
def unit_table(fingerprint: str, view_json: str, by: str | None = None, full: bool = True):
    return _BUNDLES[fingerprint].engine.unit_table(_view(view_json), by=by, full=full)


@st.cache_data(max_entries=256, show_spinner=False)
def panel_table(fingerprint: str, view_json: str):
    return panel.panel_table(_BUNDLES[fingerprint].data, _view(view_json))


@st.cache_data(max_entries=256, show_spinner=False)
def panel_by(fingerprint: str, view_json: str, by: str):
    return panel.panel_correlation_by(_BUNDLES[fingerprint].data, _view(view_json), by=by)


@st.cache_data(max_entries=256, show_spinner=False)
def correlation_by(fingerprint: str, view_json: str, by: str):
    return _BUNDLES[fingerprint].engine.correlation_by(_view(view_json), by)


@st.cache_data(max_entries=256, show_spinner=False)
def theme_levels(fingerprint: str, view_json: str):
    return _BUNDLES[fingerprint].engine.theme_levels(_view(view_json))


@st.cache_data(max_entries=256, show_spinner=False)
def theme_matrix(fingerprint: str, view_json: str):
    return _BUNDLES[fingerprint].engine.theme_matrix(_view(view_json))


@st.cache_data(max_entries=64, show_spinner=TEXT["bootstrapping"])
def theme_drivers(fingerprint: str, view_json: str):
    return drivers.theme_drivers(_BUNDLES[fingerprint].engine, _view(view_json), n_boot=500)


@st.cache_data(max_entries=64, show_spinner=TEXT["bootstrapping"])
def cross_lagged(fingerprint: str, view_json: str):
    return lags.cross_lagged(_BUNDLES[fingerprint].engine, _view(view_json), n_boot=300)


@st.cache_data(max_entries=256, show_spinner=False)
def trend(fingerprint: str, view_json: str):
    return lags.trend(_BUNDLES[fingerprint].engine, _view(view_json))


# --- small UI pieces ------------------------------------------------------------------------


def key(bundle: Bundle, view: cxlib.FilterState) -> tuple[str, str]:
    return bundle.data.fingerprint, view.model_dump_json()


def explain(codes) -> None:
    """Warning codes carried by results, shown in plain words (never as codes)."""
    words = {**STATS_WARNINGS, **LINKAGE_WARNINGS}
    shown = [words.get(c, c) for c in dict.fromkeys(codes) if c not in ("repeated_units",)]
    if shown:
        st.caption(TEXT["caveats"] + " " + "; ".join(shown) + ".")


def metric_label(metric: str) -> str:
    """'ex:all' → 'All themes', 'satisfaction' → 'Satisfaction', 'cx:Enablement' → 'Enablement'."""
    name = metric.split(":", 1)[-1]
    if name == "all":
        return TEXT["metric_all"]
    return TEXT.get(f"outcome_{name}", name)


def r_text(c) -> str:
    """'r = 0.52 [0.41, 0.61], n = 202' or a plain 'not enough data'."""
    if c.r != c.r:  # nan
        return TEXT["no_estimate"].format(n=c.n)
    return TEXT["r_with_ci"].format(r=c.r, low=c.ci_low, high=c.ci_high, n=c.n)


def style(fig: go.Figure, height: int = 460, **layout) -> go.Figure:
    fig.update_layout(
        font=FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.18},
        **layout,
    )
    return fig


def ci_bars(centre: pl.Series, low: pl.Series, high: pl.Series) -> dict:
    """Plotly error bars for an interval around each value."""
    return {
        "type": "data",
        "symmetric": False,
        "array": (high - centre).to_list(),
        "arrayminus": (centre - low).to_list(),
    }


def forest(table: pl.DataFrame, label: str, title: str, colours=None) -> go.Figure:
    """r with its 95% CI per row of a correlation table (columns label, r, ci_low, ci_high, n)."""
    rows = table.filter(pl.col("r").is_not_nan()).sort("r")
    colour = [(colours or {}).get(v, "#444444") for v in rows[label]]
    fig = go.Figure(
        go.Scatter(
            x=rows["r"],
            y=[f"{v} (n={n})" for v, n in zip(rows[label], rows["n"], strict=True)],
            mode="markers",
            marker={"size": 12, "color": colour},
            error_x=ci_bars(rows["r"], rows["ci_low"], rows["ci_high"]),
            hovertemplate="r = %{x:.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_dash="dot", line_color="#888888")
    return style(
        fig,
        height=max(260, 60 + 36 * rows.height),
        title=title,
        xaxis_title=TEXT["axis_r"],
        xaxis_range=[-1, 1],
    )


def empty_state(message: str) -> None:
    st.info(message, icon=":material/filter_alt_off:")
