"""The sidebar: the data switch and the global filters, bound to the URL. Not a page.

app.py calls source() and filters() before it runs the chosen page, so every page finds the
bundle and the view in st.session_state. A control that cannot act on the page or level shown
is dimmed under a one-line reason; notes say what a link or a reclassification could not do.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

import cxlib
from cxlib import scope
from cxlib.controls import in_language, link_notes, relabel, stray_keys, unusable, view_of
from cxlib.strings import INACTIVE, LANGUAGES, TEXT, data_name, language, speaking
from pages import common, workshop
from pages.common import Bundle


def source(page: str) -> Bundle:
    """The data switch: the sample (or the deployment's own cube), or this session's upload
    (never in the URL)."""
    # the language and presentation mode, as the filters (race: ?present=true&lang=fi was lost)
    _keep(common.MODE_FROM_LINK, moved=_moved(page))
    if common.NEXT_SOURCE in st.session_state:  # the Data page accepted an upload
        st.session_state[common.SOURCE] = st.session_state.pop(common.NEXT_SOURCE)
    upload = st.session_state.get(common.UPLOAD)
    cube = common.deployed_cube()
    first = TEXT["source_deployed"] if cube else TEXT["source_sample"]
    options = [first, *([TEXT["source_upload"]] if upload else [])]
    with st.sidebar:
        st.segmented_control(
            TEXT["language"],
            LANGUAGES,
            default="en",
            key=common.LANG,
            bind="query-params",
            required=True,  # no format_func: a bound widget's link value is its label (fi)
        )
        st.toggle(
            TEXT["present"], key=common.PRESENT, bind="query-params", help=TEXT["present_help"]
        )
        was = st.session_state.get(common.SOURCE)
        if was is not None and was not in options:  # the language changed: keep the meaning
            uploads = set()
            for lang in LANGUAGES:
                with speaking(lang):
                    uploads.add(TEXT["source_upload"])
            st.session_state[common.SOURCE] = options[-1] if was in uploads else first
        st.radio(TEXT["source"], options, key=common.SOURCE, horizontal=True)
        caption = st.empty()
    if common.on_upload():  # the radio just drawn chose the upload
        return common.upload_bundle(upload, common.deployment())
    if cube is None:
        caption.caption(TEXT["sample_caption"])
        return common.sample_bundle(common.deployment())
    return _deployed(cube, caption)


def _deployed(cube, caption) -> Bundle:
    """The deployment's cube, or the reason it cannot be opened (and nothing else shown: a
    broken deployment must not pass the sample off as the organisation's data)."""
    try:
        bundle = common.cube_bundle(cube, common.deployment())
    except (cxlib.DataError, ValueError, OSError, pl.exceptions.PolarsError) as error:
        problems = error.problems if isinstance(error, cxlib.DataError) else [str(error)]
        st.error(TEXT["deployed_broken"], icon=":material/error:")
        for problem in problems:
            st.text(str(problem))  # the deployer's paths and names: literal text
        st.stop()
    staff, customers = bundle.data.responses  # counted once, of the groups the cube keeps
    floors = bundle.engine.floors
    caption.caption(
        TEXT["deployed_caption"].format(
            name=common.literal(bundle.data.manifest.shown_name()),
            staff=staff,
            customers=customers,
            k=min(floors.staff, floors.customers),
        )
    )
    return bundle


def filters(bundle: Bundle, page: str) -> cxlib.FilterState:
    """Draw the filters for this page; return the view they make."""
    specs = bundle.specs | (bundle.pairs if page == "linkage" else {})
    address = {k: st.query_params.get_all(k) for k in st.query_params}
    for key in st.session_state.pop(common.RESET_NEXT, []):
        st.session_state[key] = specs[key].default
    shown_before = st.session_state.get(common.DATA_SHOWN)
    if shown_before is not None and shown_before != bundle.fingerprint:
        # Another dataset: the old one's choices (its industries in the touch classes, its
        # periods) mean nothing here, and kept they would misclassify the new data.
        # The data a link opened here was made on, uploaded now: the link's choices, not the
        # defaults (its recipient was told to upload the same exports to see its view).
        arrived = st.session_state.get(workshop.LINK_DATA) and workshop.made_on(bundle)
        link = common.opened_link() if arrived else {}
        for key, spec in specs.items():
            st.session_state[key] = spec.from_link(link[key]) if link.get(key) else spec.default
    st.session_state[common.DATA_SHOWN] = bundle.fingerprint
    _speak_choices(bundle)
    moved, st.session_state[common.PAGE] = _moved(page), page
    first_run = common.LINK_NOTES not in st.session_state  # the link as opened, not edited
    # On the first run the link as opened: this page's address lacks it if the first was left.
    raw = common.opened_link() if first_run else address
    translated = _first_read(bundle, specs, raw) if first_run else False
    if moved or raw != address:
        # specs: on Linkage its pair too, bound there alone (a link opened on another page
        # loses it from the address on the way, so it comes from the link as opened)
        _keep({key: spec.from_link for key, spec in specs.items()}, moved=True)
    with st.sidebar:
        level = _level(bundle, page)
        _draw(bundle, page, level)
        st.button(
            TEXT["reset"],
            on_click=_reset,
            args=(bundle,),
            icon=":material/restart_alt:",
            width="stretch",
        )
        values = {key: _value(key, spec, raw) for key, spec in specs.items()}
        view = view_of(values, bundle.specs)
        _forget_link_notes(view)
        page_url = st.context.url.split("?")[0] if st.context.url else ""
        if first_run:
            workshop.read_link_data(raw)
            workshop.read_link_actions(raw)
            workshop.read_link_views(raw, bundle, page_url)
        tokens = workshop.link_tokens(bundle, page)
        link = workshop.view_link(values, specs, page_url, tokens)
        st.caption(TEXT["copy_link_upload" if common.on_upload() else "copy_link"])
        st.code(link, language=None, wrap_lines=True)
        workshop.address_tokens(tokens)
        workshop.views_panel(bundle, page, values, link)
        for note in st.session_state.get(common.LINK_NOTES, []):
            told = common.link_note_text(note, specs | common.MODE_CONTROLS)
            st.warning(told, icon=":material/link_off:")
    if first_run and unusable(raw, specs):
        # A widget takes '٣' as 3 or clamps 9 to 4 after the notice said it was ignored: put
        # such controls back to their default on one more run, before the widgets exist.
        st.session_state[common.RESET_NEXT] = unusable(raw, specs)
        st.rerun()
    if translated:
        st.rerun()
    st.session_state.setdefault(LINK_VIEW, view)  # the link's, settled (_forget_link_notes)
    return view


IDLED = ("level", "segment", "ex", "year", "lag", "k")
"""The controls (or groups of controls) that can be idle: drawn dimmed under their reason."""


def _reason(key: str, page: str, level: str):
    """Why `key` cannot act here, said once: the EX picker sits in the unit-level group and
    says nothing its group has said already."""
    if key == "level":
        return scope.inactive(key, page, "units")  # the level control acts at either level
    reason = scope.inactive(key, page, level)
    if key == "ex" and reason == scope.inactive("segment", page, level):
        return None
    return reason


def _idle_style(page: str, level: str) -> str:
    """One rule that dims the idle controls of this page and level (the containers stay)."""
    idle = [key for key in IDLED if _reason(key, page, level) is not None]
    if not idle:
        return "<style></style>"
    return "<style>" + ", ".join(f".st-key-control-{k}" for k in idle) + " {opacity: 0.45;}</style>"


def _idle(key: str, page: str, level: str):
    """Where control `key` is drawn: dimmed under its reason when it cannot act here.

    The reason's slot and the container are drawn on every page and level, so the sidebar
    keeps one shape: a caption inserted above them shifted every later control, and the
    browser rebuilt them all (18 of 27 on a page switch) instead of updating them.
    Not disabled: a disabled widget bound to the URL loses its value when the reader moves
    to another page while the run is still going (Streamlit 1.67), and the choice must wait
    for a page where it acts.
    """
    reason, slot = _reason(key, page, level), st.empty()
    if reason is not None:
        shown = TEXT[f"level_word_{scope.level_of(page, cxlib.FilterState(level=level))}"]
        slot.caption(INACTIVE[reason].format(level=shown))
    return st.container(key=f"control-{key}")


def _speak_choices(bundle: Bundle) -> None:
    """After a language switch, each single choice takes its label in the new language (the
    labels are what the widgets and the link hold: Units ↔ Yksiköt)."""
    before, now = st.session_state.get(common.LANG_SHOWN), language()
    st.session_state[common.LANG_SHOWN] = now
    if before is None or before == now:
        return
    old = bundle.controls_in(before)
    for key, spec in (bundle.specs | bundle.pairs).items():
        if not spec.values or key not in st.session_state:
            continue
        st.session_state[key] = relabel(st.session_state[key], old[key], spec)


def _first_read(bundle: Bundle, specs: dict, raw: dict[str, list[str]]) -> bool:
    """The link's notes, said about the link as opened. A link in the other language's labels
    (an English link opened in Finnish), or one made before a label changed, is first read in
    this language's: kept as the link the session opened with, written to the address before
    any widget is bound, and the run starts again as the session's first, so that the bound
    widgets read their own labels and the rest of the first run (the action list, the values
    to put back) reads the link as if it had come so. True on that second first run: one more
    run then writes the labels to the browser's address (Streamlit 1.67 keeps the old)."""
    elsewhere = [bundle.controls_in(lang) for lang in bundle.controls if lang != language()]
    said = st.session_state.pop(LINK_SAID, None)
    if said is None:
        notes = link_notes(raw, specs, elsewhere) + common.mode_notes(raw)
        notes += stray_keys(raw, link_keys(bundle))
    else:
        notes = said
    spoken = in_language(raw, bundle.specs | bundle.pairs, elsewhere)
    if spoken != raw:
        st.session_state[common.LINK] = spoken
        st.query_params.update({k: v for k, v in spoken.items() if v != raw[k]})
        st.session_state[LINK_SAID] = notes
        st.rerun()
    st.session_state[common.LINK_NOTES] = notes
    return said is not None


STREAMLIT_KEYS = ("embed", "embed_options")  # Streamlit's own link parameters


def link_keys(bundle: Bundle) -> set[str]:
    """Every parameter a link of this app may carry: the controls (Linkage's pair on any page:
    a link opened there may be read elsewhere), the modes, the action list and compared views."""
    return {
        *bundle.specs,
        *bundle.pairs,
        *common.MODE_CONTROLS,
        workshop.ACTIONS,
        workshop.COMPARED,
        workshop.DATA,
        *STREAMLIT_KEYS,
    }


LINK_VIEW = "link_view"
"""The view the link opened, once its unusable values were put back: the notes are about it."""


def _forget_link_notes(view: cxlib.FilterState) -> None:
    """The notes about the opened link, once the reader has chosen otherwise: 'Ignored High
    for Touch strategy' had stayed above a page the reader had just set to High. The link's
    view is the one of the first run that ran to its end (filters() keeps it): the runs
    before may still be putting its unusable values back."""
    opened = st.session_state.get(LINK_VIEW)
    if opened is not None and view != opened and st.session_state.get(common.LINK_NOTES):
        st.session_state[common.LINK_NOTES] = []


LINK_SAID = "link_said"
"""The notes about a link as it was opened, kept over the run that reads it in this language."""


def _moved(page: str) -> bool:
    """Whether this run opens another page than the session's last run drew."""
    return st.session_state.get(common.PAGE) not in (None, page)


def _keep(from_link: dict, moved: bool) -> None:
    """Moving to another page keeps every choice. Opened from a link and left at once, a page's
    rerun request can arrive before the browser has taken the link's values in, and the bound
    widgets would fall back to their defaults (Streamlit 1.67): on a move, re-assert each value;
    and a control never drawn takes the link's own (from_link: key -> its parser)."""
    link = common.opened_link()
    for key, parse in from_link.items():
        if key in st.session_state:
            if moved:
                st.session_state[key] = st.session_state[key]
        elif link.get(key):
            st.session_state[key] = parse(link[key])


def _value(key: str, spec, raw: dict[str, list[str]]) -> object:
    """A control's value: its widget's, or (for a page's own control, drawn after the link is
    written) the link's value it will take."""
    if key in st.session_state:
        return st.session_state[key]
    given = raw.get(key, [])
    return (
        given[-1] if given and spec.kind == "single" and spec.accepts(given[-1]) else spec.default
    )


def _level(bundle: Bundle, page: str) -> str:
    spec = bundle.specs["level"]
    with _idle("level", page, "units"):
        chosen = st.segmented_control(
            TEXT["level"],
            spec.options,
            default=spec.default,
            key=spec.key,
            bind="query-params",
            required=True,
            help=TEXT["level_help"],
        )
    return scope.level_of(page, cxlib.FilterState(level=spec.values[spec.value_of(chosen)]))


def _draw(bundle: Bundle, page: str, level: str) -> None:
    data, specs = bundle.data, bundle.specs
    st.html(_idle_style(page, level))

    def multi(key: str, label: str, placeholder: str = TEXT["all"], **kw) -> None:
        common.multiselect(
            label,
            specs[key].options,
            default=list(specs[key].default),
            key=key,
            bind="query-params",
            placeholder=placeholder,
            **kw,
        )

    def single(key: str, label: str, widget=st.radio, **kw) -> None:
        widget(label, specs[key].options, key=key, bind="query-params", **kw)

    multi("industry", TEXT["industries"])
    covered_note = st.empty()  # on every level: the controls below keep their places
    if data.has_linkage and level == "units":
        covered = data.units["industry"].unique().sort().to_list()
        covered_note.caption(
            TEXT["industries_with_units"].format(
                n=len(covered),
                total=len(specs["industry"].options),
                names=common.literal(", ".join(sorted(data_name(i) for i in covered))),
            )
        )
    single("touch", TEXT["touch"], horizontal=True, help=TEXT["touch_help"])
    if data.has_linkage:
        with _idle("segment", page, level):  # the unit-level group: one reason for all
            multi("segment", TEXT["segments"])
            multi("channel", TEXT["channels"])
            multi("role", TEXT["roles"], help=TEXT["roles_help"])
            multi("period", TEXT["periods"])
            with _idle("ex", page, level):
                single("ex", TEXT["ex_metric"], st.selectbox)
            single("cx", TEXT["cx_metric"], st.selectbox)
    if data.has_panel:
        with _idle("year", page, level):
            # None chosen means the latest year (a cross-section), not every year: say which.
            latest = max(specs["year"].options, default="")
            shown = TEXT["latest_year"].format(year=latest) if latest else TEXT["all"]
            multi("year", TEXT["years"], placeholder=shown, help=TEXT["years_help"])
    with st.expander(TEXT["reclassify"], icon=":material/swap_horiz:"):
        st.caption(TEXT["reclassify_help"])
        # Empty means none here, not all: no industry high touch, no company moved.
        for key, label in (
            ("high_touch", "high_touch_industries"),
            ("company_high", "companies_to_high"),
            ("company_low", "companies_to_low"),
        ):
            multi(key, TEXT[label], placeholder=TEXT["none_chosen"])
        _move_notes(bundle, level)
    with st.expander(TEXT["advanced"], icon=":material/tune:"):
        for key, label in (("lag", "lag"), ("k", "min_group")):
            spec = specs[key]
            with _idle(key, page, level):
                st.slider(
                    TEXT[label],
                    spec.low,
                    spec.high,
                    spec.default,
                    key=key,
                    bind="query-params",
                    help=TEXT[f"{label}_help"],
                )


def _move_notes(bundle: Bundle, level: str) -> None:
    values = {key: st.session_state.get(key, spec.default) for key, spec in bundle.specs.items()}
    view = view_of(values, bundle.specs)
    both = sorted(set(values["company_high"]) & set(values["company_low"]))
    for note in scope.move_notes(bundle.data, view, level, both):
        st.caption(common.note_text(note))


@common.speaking_callback
def _reset(bundle: Bundle) -> None:
    # Write the defaults: a bound widget whose state is merely deleted re-reads the old URL.
    for key, spec in (bundle.specs | bundle.pairs).items():
        st.session_state[key] = list(spec.default) if spec.kind == "multi" else spec.default
    st.session_state[common.LINK_NOTES] = []
