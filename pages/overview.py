"""Overview: the headline, high- vs low-touch EX–CX correlation with its test, beside research."""

import polars as pl
import streamlit as st

import cxlib
from cxlib import scope
from cxlib.controls import metric_label
from cxlib.references import published
from cxlib.reliability import corrected_links
from cxlib.strings import REFERENCES, TEXT, counted
from pages import charts, common

bundle, view = common.current()
summary = cxlib.summarize(bundle.data)
level = scope.level_of("overview", view)

st.title(TEXT["app_title"])
common.note(TEXT["tagline"])
if summary.synthetic:
    st.info(TEXT["synthetic_notice"].format(description=common.literal(summary.description)))

common.heading(TEXT["overview_question"])
common.stop_without(bundle, "linkage" if level == "units" else "panel")

if level == "units":
    units = common.units(bundle, view, full=False)
    gap = cxlib.touch_gap(units)
    ex, cx = (metric_label(m) for m in (view.ex_metric, view.cx_metric))
    common.note(
        TEXT["level_units"].format(
            units=counted("business_units", units.table.height),
            companies=counted("in_companies", units.table["company"].n_unique()),
            ex=common.literal(ex),
            cx=common.literal(cx),
        )
    )
else:
    companies = common.companies(bundle, view)
    gap = cxlib.touch_gap(companies)
    years = ", ".join(str(y) for y in companies.years)
    common.note(TEXT["level_companies"].format(companies=companies.table.height, years=years))

if gap.high.n == 0 and gap.low.n == 0:
    common.empty_view(bundle, view, level, units if level == "units" else None)
    st.stop()

company = common.one_company(bundle) if level == "units" else None
if company is not None:  # an HR analyst's own data: no company of the other class to compare
    common.note(TEXT["primary_overview_one_company"].format(company=common.literal(company)))
else:
    common.note(TEXT["primary_overview" if level == "units" else "primary_overview_companies"])
    if bundle.data.has_panel and bundle.data.has_linkage:  # a reader switching levels had
        common.note(TEXT[f"other_level_{level}"])  # met two answers and no word why
shown = set(view.touch or ("high", "low"))  # the touch classes the reader's filter keeps
if len(shown) == 1:  # the reader's own filter hides one class: say so, not "no data"
    st.info(
        TEXT["overview_one_class"].format(
            touch=TEXT["touch"],
            shown=TEXT[f"option_{view.touch[0]}"],
            both=TEXT["option_both"],
        ),
        icon=":material/filter_alt:",
    )
held = scope.classes_in(bundle.data, view, level)
left, right = st.columns(2)
for column, result, touch in ((left, gap.high, "high"), (right, gap.low, "low")):
    label = f"{touch}_touch"
    if touch not in shown:  # hidden by the filter
        common.card(column, TEXT[label], "–", caption=TEXT["class_hidden"])
        continue
    if touch not in held:  # none in the view (hotels are all high touch): not "too little"
        common.card(column, TEXT[label], "–", caption=TEXT[f"class_absent_{level}"])
        continue
    where = TEXT[f"level_word_{level}"]
    words = common.link_words(result.r, result.ci_low, result.ci_high, where, result.n)
    common.card(column, TEXT[label], common.r_value(result), words, common.r_text(result))

thin = [t for t, r in (("high", gap.high), ("low", gap.low)) if r.n < 4 and t in held]
if level == "units" and set(thin) & shown and units.hidden.units:  # the cause by the cards
    common.privacy(units, why_few=True, view=view)
if len(shown) == 2 and len(held) < 2:  # not "too few observations": none of one class
    common.say(TEXT[f"difference_one_class_{level}"])
elif len(shown) == 2:  # with one class hidden there is no comparison to judge
    # The contrast the note names: every unit as an independent witness (the comparison beside
    # the link words counts effective units instead). Folded under "How this was tested": an
    # executive had stopped at "Fisher's z" in the page's body.
    fisher = cxlib.compare_correlations(gap.high.r, gap.high.n, gap.low.r, gap.low.n).p_value
    aside = TEXT["units_fisher" if level == "units" else "companies_fisher"]
    aside = aside.format(p=common.p_text(fisher)) if fisher == fisher else ""
    common.verdict(common.touch_test(bundle, view, level), view, aside)

rows = pl.DataFrame(
    {
        "touch": [TEXT["high_touch"], TEXT["low_touch"]],
        "r": [gap.high.r, gap.low.r],
        "ci_low": [gap.high.ci_low, gap.low.ci_low],
        "ci_high": [gap.high.ci_high, gap.low.ci_high],
        "n": [gap.high.n, gap.low.n],
    }
)
colours = {TEXT["high_touch"]: charts.HIGH, TEXT["low_touch"]: charts.LOW}
if rows.filter(common.WITH_INTERVAL).height:  # else an empty plot with a stray y-axis
    common.chart(charts.forest(rows, "touch", TEXT["axis_r"], colours=colours))
common.explain_groups(
    [
        (TEXT[f"{touch}_touch"], result.warnings)
        for touch, result in (("high", gap.high), ("low", gap.low))
        if touch in shown & held  # a class hidden or absent has no caveat: its card says so
    ]
)
if level == "units":
    classes = {"high": gap.high, "low": gap.low}
    reliability = common.reliability(bundle, view).row(
        by_predicate=pl.col("metric") == view.ex_metric, named=True
    )
    # ICC and disattenuation folded away, where a reader who asks finds them (an executive had
    # stopped at "ICC(2)" between the chart and the channel table).
    if reliability["icc2"] == reliability["icc2"]:
        with st.expander(TEXT["reliability_title"], icon=":material/troubleshoot:"):
            common.note(
                TEXT["reliability_line"].format(
                    ex=common.literal(ex),
                    icc1=reliability["icc1"],
                    icc2=common.reliability_value(
                        reliability["icc2"], reliability["icc2_low"], reliability["icc2_high"]
                    ),
                    size=reliability["mean_group_size"],
                )
            )
            linked = {t: c.r for t, c in classes.items() if t in shown}
            corrected = corrected_links(linked, reliability["icc2"])
            if len(corrected) == 2:
                common.note(TEXT["reliability_low"].format(**corrected))
            elif corrected:
                [(touch, r)] = corrected.items()
                touch_words = TEXT[f"{touch}_touch"].lower()
                common.note(TEXT["reliability_low_one"].format(r=r, touch=touch_words))

    present = [t for t, c in classes.items() if t in shown and c.n]
    # "Is it the channel mix?" asks after a gap; with one class there is none to explain.
    common.heading(TEXT["channel_title" if len(present) == 2 else "channel_title_one"])
    if len(present) == 2:
        common.note(TEXT["channel_caption"])
    elif len(shown) == 1:  # no gap to split by channel: the table holds the one class's slopes
        common.note(TEXT["channel_caption_one"].format(shown=TEXT[f"word_{view.touch[0]}"]))
    elif present:  # both shown, but the data has units of one class only
        common.note(TEXT["channel_caption_absent"].format(shown=TEXT[f"word_{present[0]}"]))
    # Its numbers are over unit-periods: a reader had set them beside the cards' and Linkage's
    # r over unit means for the same channel (0.50 against 0.65) and found no reason.
    common.note(TEXT["channel_points"])
    channels = common.channel_gaps(bundle, view)
    # The columns of the classes the view has: an absent class's had stood empty, like data
    # missing; the difference needs both.
    kept = [t for t in ("high", "low") if t in present] or ["high", "low"]
    common.table(
        channels.table.select(
            common.in_words(pl.col("channel").cast(pl.String)).alias(TEXT["column_channel"]),
            *(
                common.fixed(pl.col(f"share_{t}") * 100, 0).alias(
                    TEXT["column_own_share"].format(touch=TEXT[f"{t}_touch"]) + " %"
                )
                for t in kept
            ),
            *(common.fixed(pl.col(f"slope_{t}")).alias(TEXT[f"column_slope_{t}"]) for t in kept),
            *([common.fixed(pl.col("difference")).alias(TEXT["column_gap"])] * (len(kept) == 2)),
            *(common.fixed(pl.col(f"r_{t}")).alias(TEXT[f"{t}_touch"] + " r") for t in kept),
        ),
    )
    if channels.adjusted == channels.adjusted:
        p = channels.p_value
        words = "channel_adjusted_clear" if p < 0.05 else "channel_adjusted_unclear"
        common.say(
            TEXT[words].format(
                adjusted=channels.adjusted,
                crude=channels.crude,
                p=common.p_text(p),
            )
        )
    common.privacy(units)
common.note(TEXT["not_causation"])

common.heading(TEXT["references"])
common.note(TEXT["references_caption"])
common.table(
    pl.DataFrame(
        [
            {
                TEXT["column_finding"]: REFERENCES[r.key][0],
                TEXT["column_value"]: REFERENCES[r.key][1].format(**r.numbers),
                TEXT["column_basis"]: REFERENCES[r.key][2],
                TEXT["column_year"]: str(r.year),
            }
            for r in published()
        ]
    ),
)
