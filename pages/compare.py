"""Compare two views: the EX–CX link in each, side by side, and the difference with its CI."""

import polars as pl
import streamlit as st

import cxlib
from cxlib import scope
from cxlib.compare import GROUPS, compare_views
from cxlib.strings import TEXT
from pages import charts, common, workshop

bundle, now = common.current()
st.title(TEXT["compare_title"])
common.note(TEXT["compare_caption"])
saved = workshop.views_of(bundle)  # those saved on this dataset
if not saved:
    st.info(TEXT["compare_none"], icon=":material/bookmarks:")
    st.stop()

NOW = TEXT["compare_now"]
names = [v.name for v in saved] + [NOW]


def picker(column, label: str, key: str, default: str) -> str:
    """A view picker: its value the reader's, a link's (set in the session before it is
    drawn: no default then, or Streamlit warns), else the first views."""
    if st.session_state.get(key) not in names:
        st.session_state.pop(key, None)  # a view since removed, or none picked yet
    start = {} if key in st.session_state else {"index": names.index(default)}
    return column.selectbox(label, names, key=key, **start)


left, right = st.columns(2)
first_default, second_default = workshop.compared_names(bundle)  # the link's, or the first two
first_name = picker(left, TEXT["compare_first"], workshop.FIRST, first_default)
second_name = picker(right, TEXT["compare_second"], workshop.SECOND, second_default)


if first_name == second_name:
    st.info(TEXT["compare_same"], icon=":material/compare_arrows:")
    st.stop()
if NOW not in (first_name, second_name):  # a reader flipped a filter and nothing moved
    common.note(TEXT["compare_filters_idle"].format(now=NOW))


def chosen(name: str) -> tuple[str, cxlib.FilterState, str]:
    """A view's label, FilterState (a saved one read in the language it was saved in) and
    the level it shows (its page's, as the page showed it)."""
    if name == NOW:
        return NOW, now, scope.level_of(st.session_state.get(common.PAGE, "overview"), now)
    view = next(v for v in saved if v.name == name)
    state = workshop.filter_state(bundle, view)
    return view.name, state, scope.level_of(view.page, state)


(first_label, first, level), (second_label, second, second_level) = (
    chosen(first_name),
    chosen(second_name),
)
common.stop_without(bundle, "linkage" if level == "units" else "panel")
if second_level != level:  # units against companies: no difference to speak of
    st.info(
        TEXT["compare_levels_differ"].format(
            first=TEXT[f"level_on_{level}"], second=TEXT[f"level_on_{second_level}"]
        ),
        icon=":material/compare_arrows:",
    )
    st.stop()


def table(view: cxlib.FilterState):
    if level == "units":
        return common.units(bundle, view, full=False)
    return common.companies(bundle, view)


tables = table(first), table(second)
result = compare_views(*tables)
group_words = {
    "all": TEXT["compare_all"],
    "high": TEXT["high_touch"],
    "low": TEXT["low_touch"],
}
for column, label, view, links in (
    (left, first_label, first, result.first),
    (right, second_label, second, result.second),
):
    with column, st.container(border=True):
        common.say("**" + common.literal(label) + "**")
        common.note(common.literal(common.view_line(bundle, view, "overview")))
        shown = links["all"]
        common.card(st, TEXT["compare_all"], common.r_value(shown), caption=common.r_text(shown))

where = TEXT[f"level_word_{level}"]
differences = result.table()
whole = differences.row(0, named=True)
numbers = {k: whole[k] for k in ("difference", "ci_low", "ci_high")}
# Views of one company each (of many in the data): leaving it out leaves that view empty.
alone = [
    label
    for label, shown in zip((first_label, second_label), tables, strict=True)
    if level == "units" and shown.table["company"].n_unique() == 1
]
if whole["ci_low"] != whole["ci_low"] and alone and not result.units:
    words = TEXT["compare_one_company"].format(view=common.literal(" · ".join(alone)))
elif whole["ci_low"] != whole["ci_low"]:
    words = TEXT["compare_unknown"]
elif whole["ci_low"] > 0 or whole["ci_high"] < 0:
    # Said as the higher view less the lower: a minus beside "higher" had read as its opposite.
    higher, lower = (
        (second_label, first_label) if whole["difference"] > 0 else (first_label, second_label)
    )
    if whole["difference"] < 0:
        numbers = {
            "difference": -numbers["difference"],
            "ci_low": -numbers["ci_high"],
            "ci_high": -numbers["ci_low"],
        }
    words = TEXT["compare_clear"].format(
        higher=common.literal(higher), lower=common.literal(lower), where=where, **numbers
    )
else:
    words = TEXT["compare_unclear"].format(where=where, **numbers)
# Views are picked after looking at them, and can be compared many times: a lead to check.
common.say(TEXT["exploratory"] + " " + words)
apart = [
    TEXT[f"by_{by}"]
    for by in ("segment", "channel", "role")
    if getattr(first, f"{by}s") != getattr(second, f"{by}s")
]
if apart and level == "units":
    # Linkage had called digital and in-person clearly different where this page could not
    # tell them apart, and neither said why: r over each view's units against slopes on the
    # units both groups share.
    common.note(
        TEXT["compare_splits_elsewhere"].format(splits=", ".join(apart), page=TEXT["page_linkage"])
    )

# In the table's order, each group's two views together: the difference is read between them.
rows = pl.DataFrame(
    [
        {
            "label": f"{group_words[g]} · {name}",
            "view": name,
            "r": links[g].r,
            "ci_low": links[g].ci_low,
            "ci_high": links[g].ci_high,
            "n": links[g].n,
        }
        for g in GROUPS
        for name, links in ((first_label, result.first), (second_label, result.second))
    ],
    schema={
        "label": pl.String,
        "view": pl.String,
        **dict.fromkeys(("r", "ci_low", "ci_high"), pl.Float64),
        "n": pl.Int64,
    },
)
# Not the touch classes' colours: the groups include high and low touch themselves.
colours = dict(zip((first_label, second_label), charts.VIEW_COLOURS, strict=True))
common.chart(
    charts.forest(rows, "label", TEXT["axis_r"], colours=colours, group="view", as_listed=True)
)

common.table(
    differences.select(
        pl.col("group").replace_strict(group_words).alias(TEXT["compare_group"]),
        common.fixed(pl.col("r_first")).alias("r · " + first_label),
        common.fixed(pl.col("r_second")).alias("r · " + second_label),
        common.fixed(pl.col("difference")).alias(TEXT["compare_difference"]),
        pl.format(
            TEXT["interval"], common.fixed(pl.col("ci_low")), common.fixed(pl.col("ci_high"))
        ).alias(TEXT["compare_interval"]),
        pl.when((pl.col("n_first") == 0) & (pl.col("n_second") == 0))  # not "too few"
        .then(pl.lit(TEXT["compare_group_absent"]))
        .when((pl.col("n_first") == 0) | (pl.col("n_second") == 0))  # a class in one only
        .then(pl.lit(TEXT["compare_group_one_view"]))
        .when(pl.col("ci_low").is_nan() | pl.col("ci_low").is_null())
        .then(pl.lit(TEXT["compare_row_one_company" if alone else "split_unknown"]))
        .when((pl.col("ci_low") > 0) | (pl.col("ci_high") < 0))
        .then(pl.lit(TEXT["split_clear"]))
        .otherwise(pl.lit(TEXT["split_unclear"]))
        .alias(TEXT["column_reading"]),
    )
)
with st.expander(TEXT["how_tested"]):
    if result.units:  # one company: its units are left out instead
        st.markdown(TEXT["compare_method_units"].format(units=result.units))
    else:
        st.markdown(TEXT["compare_method"].format(companies=result.companies))
