"""Where the rule breaks: the companies and units that do not follow the EX–CX pattern."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cxlib import scope
from cxlib.breaks import ABOVE, BELOW, HIGH_CX_LOW_EX, LOW_CX_HIGH_EX, channel_mix, pattern_breaks
from cxlib.codes import Caveat
from cxlib.contract import CHANNELS, SCORE_SCALE
from cxlib.metrics import decimals, scale_of
from cxlib.strings import TEXT
from pages import charts, common

bundle, view = common.current()  # first: it sets the language the labels below are in
LABELS = {
    HIGH_CX_LOW_EX: TEXT["break_high_cx_low_ex"],
    LOW_CX_HIGH_EX: TEXT["break_low_cx_high_ex"],
    ABOVE: TEXT["break_above"],
    BELOW: TEXT["break_below"],
}
COLOURS = {  # not the touch classes' orange and blue: the table beside gives each row's class
    HIGH_CX_LOW_EX: charts.CUSTOMERS,
    LOW_CX_HIGH_EX: "#CC79A7",
    ABOVE: "#56B4E9",
    BELOW: charts.NEUTRAL,
}
level = scope.level_of("breaks", view)
st.title(TEXT["breaks_title"])
common.note(TEXT["breaks_caption"])
common.stop_without(bundle, "linkage" if level == "units" else "panel")


def source_at(shown: str):
    """The view's table at a level, and its EX and CX columns."""
    if shown == "units":
        return common.units(bundle, view, full=False), ("ex", "cx")
    companies = common.companies(bundle, view)
    return companies, companies.pair


source, (x, y) = source_at(level)
if level == "units":
    common.note(TEXT["breaks_weighted"])
    name = "unit_id"
    low, high = scale_of(view.cx_metric)
    places = decimals((low, high))
    x_title = TEXT["axis_staff_mean"]
    y_title = TEXT["breaks_axis_cx_units"].format(low=low, high=high)
else:
    name = "company"
    places = decimals(SCORE_SCALE)  # the customer index: whole points ('59.00' had been printed)
    x_title, y_title = TEXT["breaks_axis_ex_companies"], TEXT["breaks_axis_cx_companies"]
result, caveats = pattern_breaks(source.table, x, y)
if result.height == 0:
    common.empty_view(bundle, view, level, source if level == "units" else None)
    common.explain(caveats)
    st.stop()

flagged = result.filter("breaks")
what = TEXT[f"level_word_{level}"]
if flagged.height:
    counts = flagged.group_by("label").len()
    common.say(
        TEXT["breaks_found_one" if flagged.height == 1 else "breaks_found"].format(
            n=flagged.height,
            of=result.height,
            counted=TEXT[f"level_counted_{level}"],
            kinds="; ".join(f"{LABELS[k]}: {n}" for k, n in counts.sort("label").rows()),
        )
    )
else:
    common.say(TEXT["breaks_none"].format(of=result.height, what=what))
    # A workshop planned around the exceptions found none here: say where some are.
    other = "companies" if level == "units" else "units"
    if bundle.data.has_panel if other == "companies" else bundle.data.has_linkage:
        elsewhere, pair = source_at(other)
        found = pattern_breaks(elsewhere.table, *pair)[0]
        if n := found.filter("breaks").height:
            common.note(
                TEXT["breaks_elsewhere"].format(
                    n=n,
                    of=found.height,
                    counted=TEXT[f"level_counted_{other}"],
                    option=TEXT[f"option_{other}"],
                )
            )

ordered = result.sort(x)
traces = [
    go.Scatter(
        x=result.filter(~pl.col("breaks"))[x],
        y=result.filter(~pl.col("breaks"))[y],
        mode="markers",
        name=TEXT["breaks_follow"],
        marker={"color": charts.UNSETTLED, "size": 7, "opacity": 0.6},
        customdata=charts.hover(result.filter(~pl.col("breaks")), name),
        hovertemplate="%{customdata[0]}<extra></extra>",
    ),
    go.Scatter(
        x=ordered[x],
        y=ordered["expected"],
        mode="lines",
        name=TEXT["breaks_line"],
        line={"color": charts.GUIDE},
        hoverinfo="skip",
    ),
]
for label, colour in COLOURS.items():
    group = flagged.filter(pl.col("label") == label)
    if group.height:
        traces.append(
            go.Scatter(
                x=group[x],
                y=group[y],
                mode="markers",
                name=LABELS[label],
                marker={"color": colour, "size": 12},
                customdata=charts.hover(group, name),
                hovertemplate="%{customdata[0]}<extra></extra>",
            )
        )
common.chart(charts.figure(traces, xaxis=charts.axis(x_title), yaxis=charts.axis(y_title)))

if flagged.height:
    columns = [
        pl.col(name).alias(TEXT["column_unit" if level == "units" else "column_company"]),
        *([pl.col("company").alias(TEXT["column_company"])] if level == "units" else []),
        pl.col("label").replace_strict(LABELS).alias(TEXT["column_reading"]),
        pl.col("touch")
        .replace_strict({"high": TEXT["high_touch"], "low": TEXT["low_touch"]})
        .alias(TEXT["column_class"]),
        common.fixed(pl.col(x)).alias(TEXT["breaks_column_ex"]),
        common.fixed(pl.col(y), places).alias(TEXT["breaks_column_cx"]),
        common.fixed(pl.col("expected"), places).alias(TEXT["breaks_column_expected"]),
        common.p_column(pl.col("p_adjusted")).alias(TEXT["column_p_adjusted"]),
    ]
    shown = flagged
    if level == "units":
        mix = channel_mix(common.units(bundle, view, by="channel", full=False).table)
        shown = shown.join(mix, on="unit_id", how="left")
        columns.append(
            pl.concat_str(
                [
                    pl.format(
                        f"{TEXT[f'channel_{c}']} {{}}%", (pl.col(c) * 100).round(0).cast(pl.Int64)
                    )
                    for c in CHANNELS
                ],
                separator=" · ",
            ).alias(TEXT["breaks_column_mix"])
        )
    common.table(shown.select(columns))
    common.note(TEXT["breaks_read"] + (" " + TEXT["breaks_read_units"] if level == "units" else ""))
# Not the caveat of an interval's width: this page draws none, and its verdict says already
# that few points show only large breaks.
held = [w for w in (*caveats, *getattr(source, "warnings", ())) if w != Caveat.SMALL_SAMPLE]
common.explain(held)
if level == "units":
    common.privacy(source)
common.note(TEXT["not_causation"])
