"""Over time: lagged and cross-lagged correlations, and both sides per period."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import cxlib
from cxlib.codes import Caveat
from cxlib.contract import LIKERT_SCALE
from cxlib.metrics import scale_of, window
from cxlib.strings import TEXT
from pages import charts, common

bundle, view = common.page("time_title", needs="linkage")

lags = common.lags(bundle, view)
periods = common.periods(bundle, view)
if lags.pairs < 4:
    apart = view.periods and not cxlib.any_in_a_row(bundle.data.periods, view.periods)
    if lags.pairs or not (apart and periods.table.height):
        common.empty_view(bundle, view, "units")
        st.stop()
    # Periods chosen with none next to another: nothing to pair, but each period has its means.
    st.info(
        TEXT["time_no_pairs"].format(periods=", ".join(common.literal(p) for p in view.periods)),
        icon=":material/filter_alt:",
    )
else:
    one = common.one_company(bundle) is not None  # its units are what is resampled
    common.note(TEXT["primary_time_one" if one else "primary_time"])
    few_periods = Caveat.FEW_PERIODS in lags.warnings  # one pair per unit: no within-unit rows
    caption = "time_caption_few" if few_periods else "time_caption"
    common.note(TEXT[caption].format(pairs=lags.pairs, units=lags.units))
    if few_periods:
        # Said before the chart: its two rows side by side had read as "EX leads" (one clear
        # of zero, one touching it), which one pair per unit cannot show.
        if len(bundle.data.periods) < 3:  # no filter can help: the data's periods
            shown = ", ".join(common.literal(p) for p in bundle.data.periods)
            common.say(
                TEXT["lead_plain_few_periods_data"].format(
                    count=len(bundle.data.periods), periods=shown
                )
            )
        else:
            common.say(TEXT["lead_plain_few_periods"])
    rows = pl.DataFrame(
        [
            {
                "label": f"{TEXT[direction]} · {TEXT[kind]}",
                "r": c.r,
                "ci_low": c.ci_low,
                "ci_high": c.ci_high,
                "n": c.n,
                "lead": direction.removesuffix("_leads"),
            }
            for direction, kind, c in (
                ("ex_leads", "pooled", lags.ex_leads),
                ("cx_leads", "pooled", lags.cx_leads),
                ("ex_leads", "within", lags.ex_leads_within),
                ("cx_leads", "within", lags.cx_leads_within),
            )
            if not (few_periods and kind == "within")
        ]
    )
    # Each direction in its side's colour, as the trend lines below, not the touch classes'
    # (orange is high touch on every page, and had read as a finding beside "cannot tell");
    # one colour where the rows cannot say which moves first.
    colours = {
        label: charts.NEUTRAL if few_periods else charts.STAFF if lead == "ex" else charts.CUSTOMERS
        for label, lead in rows.select("label", "lead").iter_rows()
    }
    common.chart(charts.forest(rows, "label", TEXT["axis_r"], colours=colours))
    common.forest_numbers(rows, "label")
    low, high = lags.difference_ci
    if not few_periods:
        verdict = (
            "lead_verdict_ex" if low > 0 else "lead_verdict_cx" if high < 0 else "lead_verdict_none"
        )
        plain = TEXT[verdict.replace("lead_verdict", "lead_plain")]
        common.say(f"{TEXT['exploratory']} {plain}" if common.exploratory(view) else plain)
        resampled = TEXT["resampled_units" if one else "resampled_companies"]
        common.note(
            TEXT[verdict].format(
                diff=lags.difference_within, low=low, high=high, resampled=resampled
            )
        )

common.heading(TEXT["trend_title"])
trend = cxlib.trend(periods)
scales = {"ex": LIKERT_SCALE, "cx": scale_of(view.cx_metric)}
traces, axes = [], {}
for side, colour, name in (("ex", charts.STAFF, "yaxis"), ("cx", charts.CUSTOMERS, "yaxis2")):
    low_end, high_end = scales[side]
    title = TEXT[f"axis_{side}_mean"].format(low=low_end, high=high_end)
    start, end, step = window(trend[side].mean(), scales[side])
    traces.append(
        go.Scatter(
            x=charts.plain(trend["period"]),
            y=trend[side].to_list(),
            name=title,
            yaxis="y" if side == "ex" else "y2",
            line={"color": colour, "width": 3},
            hovertemplate=f"%{{x}}: %{{y:{charts.number_format(scales[side])}}}<extra></extra>",
        )
    )
    axes[name] = charts.axis(title, scales[side], range=[start, end], dtick=step, tick0=start)
axes["yaxis2"] |= {"overlaying": "y", "side": "right", "showgrid": False}
names = charts.plain(trend["period"])
figure = charts.figure(
    traces,
    legend=charts.LEGEND_ABOVE,
    xaxis=charts.axis(TEXT["axis_period"], tickvals=names, ticktext=charts.stacked(names)),
    **axes,
)
common.chart(figure)
common.numbers(
    trend.select(
        pl.col("period").cast(pl.String).alias(TEXT["column_period"]),
        *(
            common.fixed(pl.col(side), 2).alias(traces[i].name)
            for i, side in enumerate(("ex", "cx"))
        ),
    )
)
common.note(TEXT["trend_caption"])
common.privacy(periods)
common.note(TEXT["not_causation"])
