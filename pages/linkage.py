"""Linkage: EX themes × CX themes across units, one pair up close, and comparisons by group."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import cxlib
from cxlib import scope
from cxlib.contract import LIKERT_SCALE
from cxlib.controls import metric_label
from cxlib.engine import SPLITS
from cxlib.markup import html_table
from cxlib.metrics import scale_of
from cxlib.reliability import RELIABLE
from cxlib.strings import TEXT, number
from cxlib.themes import strongest
from pages import charts, common

COMPARED = ("segment", "channel", "role")
SPLIT_COLOURS = (charts.LOW, charts.CUSTOMERS, charts.STAFF)

bundle, view = common.page("linkage_title", needs="linkage")

units = common.units(bundle, view)
if units.table.height < 3:
    common.empty_view(bundle, view, "units", units)
    st.stop()

matrix = cxlib.theme_matrix(units)
labels = {m: charts.plain(metric_label(m)) for m in (*matrix["x"], *matrix["y"])}
matrix = matrix.with_columns(
    pl.col("x").replace_strict(labels).alias("x_label"),
    pl.col("y").replace_strict(labels).alias("y_label"),
)
common.note(TEXT["primary_linkage"])
with common.wide_only("heatmap-caption"):
    common.note(TEXT["linkage_caption"].format(tests=matrix.height))
PHONE_PAIRS = 12  # a phone lists the strongest pairs, not the grid's every cell
with common.narrow_only("heatmap-caption"):  # the list it shows, not the grid's cells and stars
    st.caption(
        TEXT["linkage_caption_phone"].format(
            shown=min(PHONE_PAIRS, matrix.filter(pl.col("r").is_not_nan()).height),
            tests=matrix.height,
        )
    )
cx_labels = list(dict.fromkeys(matrix["y_label"]))
r = matrix.pivot(on="y_label", index="x_label", values="r").select("x_label", *cx_labels)
p = matrix.pivot(on="y_label", index="x_label", values="p_adjusted").select("x_label", *cx_labels)
marks = [
    [
        f"{number(value, '.2f')}{'*' if padj < 0.05 else ''}"
        for value, padj in zip(rv, pv, strict=True)
    ]
    for rv, pv in zip(r.drop("x_label").rows(), p.drop("x_label").rows(), strict=True)
]
heatmap = charts.figure(
    [
        go.Heatmap(
            z=r.drop("x_label").rows(),
            x=cx_labels,
            y=r["x_label"].to_list(),
            text=marks,
            texttemplate="%{text}",
            colorscale="RdBu",
            zmid=0,
            zmin=-1,
            zmax=1,
            colorbar={"title": "r", "tickformat": charts.number_format(charts.R_SCALE)},
            hovertemplate="%{y} × %{x}: r = %{z:.2f}<extra></extra>",
        )
    ],
    height=480,
    xaxis=charts.axis(TEXT["axis_cx_theme"]),
    yaxis=charts.axis(TEXT["axis_ex_theme"], autorange="reversed"),
)
clear = matrix.filter(pl.col("p_adjusted") < 0.05)
first = strongest(matrix, 1)
if first.height:
    top = first.row(0, named=True)
    band = (  # the words only for a pair clear among all tried: 0 of 48 had read "strong"
        common.link_words(
            top["r"], top["ci_low"], top["ci_high"], TEXT["level_word_units"], top["n"]
        )
        if top["p_adjusted"] < 0.05
        else TEXT["heatmap_top_unclear"].format(r=number(top["r"], ".2f"), tests=matrix.height)
    )
    common.say(
        TEXT["heatmap_words"].format(
            clear=clear.height,
            tests=matrix.height,
            ex=common.literal(metric_label(top["x"])),
            cx=common.literal(metric_label(top["y"])),
        )
        + " "
        + band
    )
with common.wide_only("heatmap"):
    common.chart(heatmap)
words = {m: metric_label(m) for m in labels}  # as typed: html_table escapes them
with common.narrow_only("heatmap"):  # a phone: the same cells as a list, strongest first
    st.html(
        html_table(
            strongest(matrix, PHONE_PAIRS).select(
                pl.col("x").replace_strict(words).alias(TEXT["pick_ex"]),
                pl.col("y").replace_strict(words).alias(TEXT["pick_cx"]),
                common.fixed(pl.col("r")).alias("r"),
                pl.when(pl.col("p_adjusted") < 0.05)
                .then(pl.lit(TEXT["heatmap_clear"]))
                .otherwise(pl.lit(TEXT["heatmap_unclear"]))  # a blank read as a missing value
                .alias(TEXT["heatmap_clear_column"]),
            )
        )
    )
reliability = common.reliability(bundle, view).filter(pl.col("metric") != "ex:all")
common.note(
    TEXT["reliability_themes"].format(
        themes="; ".join(
            f"{common.literal(metric_label(m))} {common.reliability_value(v, low, high)}"
            for m, v, low, high in reliability.select(
                "metric", "icc2", "icc2_low", "icc2_high"
            ).iter_rows()
        )
    )
)

# The pair up close: both pickers are in the link (bound), options named as the heatmap's.
left, right = st.columns(2)
pick_ex, pick_cx = bundle.pairs.values()  # the staff theme, then the customer theme
for column, spec, label in ((left, pick_ex, "pick_ex"), (right, pick_cx, "pick_cx")):
    column.selectbox(
        TEXT[label],
        spec.options,
        index=spec.options.index(spec.default),
        key=spec.key,
        bind="query-params",
    )
ex_metric, cx_metric = (
    p.values[p.value_of(st.session_state.get(p.key))] for p in (pick_ex, pick_cx)
)
pair = matrix.filter((pl.col("x") == ex_metric) & (pl.col("y") == cx_metric)).row(0, named=True)
cx_scale = scale_of(cx_metric)
points = []
for touch, colour in charts.TOUCH_COLOURS.items():
    group = units.table.filter(pl.col("touch") == touch)
    points.append(
        go.Scatter(
            x=group[ex_metric],
            y=group[cx_metric],
            mode="markers",
            name=TEXT[f"{touch}_touch"],
            marker={"color": colour, "size": 8, "opacity": 0.7},
            customdata=charts.hover(group, "unit_id", "company"),
            hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
title = TEXT["cell_scatter"].format(
    ex=charts.plain(metric_label(ex_metric)), cx=charts.plain(metric_label(cx_metric))
)
scatter = charts.figure(
    points,
    title={"text": title + TEXT["r_and_n"].format(r=pair["r"], n=pair["n"])},
    xaxis=charts.axis(TEXT["axis_staff_mean"], LIKERT_SCALE),
    yaxis=charts.axis(
        TEXT["axis_customer_mean"].format(low=cx_scale[0], high=cx_scale[1]), cx_scale
    ),
)
common.chart(scatter)
common.say(
    common.link_words(
        pair["r"], pair["ci_low"], pair["ci_high"], TEXT["level_word_units"], pair["n"]
    )
)
noisy = reliability.filter((pl.col("metric") == ex_metric) & (pl.col("icc2") < RELIABLE))
if noisy.height:
    corrected = cxlib.disattenuate(pair["r"], noisy["icc2"][0])
    if corrected == corrected:
        common.note(TEXT["reliability_pair"].format(icc2=noisy["icc2"][0], r=corrected))
    else:  # ICC(2) at or below 0: nothing to correct by ('r = nan' had been printed)
        common.note(TEXT["reliability_pair_none"])

common.heading(TEXT["inside_outside"])
common.note(TEXT["inside_outside_caption"])
levels = common.named(cxlib.theme_levels(units), "theme")
value = f"%{{x:{charts.value_format(LIKERT_SCALE)}}}"
# Bars across, names down the side: upright bars on a phone turned both their values and the
# names 90° (a bar is 18 px wide there), and names of any length read level this way.
themes = [charts.two_lines(t, 18) for t in charts.plain(levels["theme"])]
bars = charts.figure(
    [
        go.Bar(
            y=themes,
            x=levels[side],
            orientation="h",
            name=TEXT[name],
            marker_color=colour,
            texttemplate=value,
            textangle=0,
            # Beside the bar at the figure's size: inside it, plotly shrank the value to the
            # bar's thickness (14 px on a projector, where the names were 22).
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: {value}<extra></extra>",
        )
        for side, name, colour in (
            ("staff", "staff_view", charts.STAFF),
            ("customers", "customer_view", charts.CUSTOMERS),
        )
    ],
    height=140 + 48 * len(themes),
    barmode="group",
    legend=charts.LEGEND_ABOVE,
    yaxis={"automargin": True, "autorange": "reversed"},  # the themes in the table's order
    xaxis=charts.axis(TEXT["axis_theme_mean"], LIKERT_SCALE, range=list(LIKERT_SCALE)),
)
common.chart(bars)

# One chart for the three comparisons: a plotly chart costs every browser a redraw per change.
split_tables = {
    by: cxlib.correlation_by(common.units(bundle, view, by=by, full=False), by) for by in COMPARED
}
by_split = pl.concat(
    split_tables[by].select(
        pl.lit(TEXT[f"by_{by}"]).alias("split"),
        pl.concat_str(
            pl.lit(TEXT[f"by_{by}"].capitalize() + ": "), common.in_words(pl.col(by))
        ).alias("label"),
        "r",
        "ci_low",
        "ci_high",
        "n",
    )
    for by in COMPARED
)
split_colours = {
    TEXT[f"by_{by}"]: colour for by, colour in zip(COMPARED, SPLIT_COLOURS, strict=True)
}
# The sidebar's pair, not the one picked above: named, as the picked pair sat just above it.
sidebar_pair = {
    side: charts.plain(metric_label(metric))
    for side, metric in (("ex", view.ex_metric), ("cx", view.cx_metric))
}
common.chart(
    charts.forest(
        by_split, "label", TEXT["compare_splits"].format(**sidebar_pair), split_colours, "split"
    ),
)
common.forest_numbers(by_split, "label", group="split")
# Segments and roles the view keeps but no unit can show (every one under the privacy minimum):
# they had left the chart and its numbers without a word.
kept = {"segment": view.segments or bundle.data.segments, "role": view.roles or bundle.data.roles}
absent = scope.groups_unshown(kept, split_tables)
if absent:
    named = pl.DataFrame(absent, schema=["by", "group"], orient="row").select(
        pl.concat_str(
            pl.col("by").replace_strict({b: TEXT[f"by_{b}"].capitalize() for b in kept}),
            pl.lit(": "),
            common.in_words(pl.col("group")),
        )
    )
    staff, customers = units.hidden.minimums
    common.note(
        TEXT["splits_absent"].format(
            groups=common.literal(", ".join(named.to_series().to_list())),
            staff=staff,
            customers=customers,
        )
    )


family = common.split_family(bundle, view)
if family.height:
    differ = family.filter(pl.col("p_adjusted") < 0.05)
    # Pairs too small to compare are in the table, not among the comparisons counted.
    compared = family.filter(pl.col("p_adjusted").is_not_nan()).height
    if differ.height:
        pairs = ", ".join(
            f"{common.literal(a)} – {common.literal(b)}"
            for a, b in differ.select(
                common.in_words(pl.col("first")), common.in_words(pl.col("second"))
            ).iter_rows()
        )
        common.say(TEXT["splits_differ"].format(n=differ.height, of=compared, pairs=pairs))
    elif compared:
        common.say(TEXT["splits_same"].format(of=compared))
    common.note(TEXT["splits_caption_one" if common.one_company(bundle) else "splits_caption"])
    common.table(
        family.select(
            pl.col("split")
            .replace_strict({b: TEXT[f"by_{b}"] for b in SPLITS})
            .alias(TEXT["column_split"]),
            pl.format(
                "{} − {}", common.in_words(pl.col("first")), common.in_words(pl.col("second"))
            ).alias(TEXT["column_pair"]),
            common.fixed(pl.col("difference")).alias(TEXT["column_difference"]),
            pl.col("units").alias(TEXT["column_units"]),
            pl.format(
                TEXT["interval"], *(common.fixed(pl.col(c)) for c in ("ci_low", "ci_high"))
            ).alias(TEXT["column_ci"]),
            common.p_column(pl.col("p_adjusted")).alias(TEXT["column_p_adjusted"]),
            pl.when(pl.col("p_adjusted").is_nan() | pl.col("p_adjusted").is_null())
            .then(pl.lit(TEXT["split_unknown"]))
            .when(pl.col("p_adjusted") < 0.05)
            .then(pl.lit(TEXT["split_clear"]))
            .otherwise(pl.lit(TEXT["split_unclear"]))
            .alias(TEXT["column_reading"]),
        )
    )
common.explain([*units.warnings, *(w for ws in matrix["warnings"] for w in ws)])
common.privacy(units)
common.note(TEXT["not_causation"])
