"""What the pages share: session-state keys, the cached data and tables, small UI pieces.

Not a page (app.py lists the pages). Streamlit's caches own everything derived from data: the
bundles (dataset + engine) in st.cache_resource, keyed by the data's fingerprint, so eviction
frees them; the slow analyses in st.cache_data, keyed by data, floors and view; the unit
tables in the engine's own cache, bounded by bytes (cxlib.kept), which goes with its bundle.
Numbers come from cxlib; this module only fetches, caches and shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path

import polars as pl
import streamlit as st

import cxlib
from cxlib import method, panel, scope
from cxlib.access import may_view
from cxlib.codes import Caveat, Note, Notice
from cxlib.contract import CHANNELS, ROLES
from cxlib.controls import (
    Control,
    code_word,
    controls,
    finnish_names,
    metric_label,
    pair_controls,
)
from cxlib.cubefile import META, open_cube
from cxlib.files import fingerprint
from cxlib.markup import css_text, html_table
from cxlib.privacy import Floors
from cxlib.report import LITERAL_STAR, Section
from cxlib.strength import MIN_PAIRS, Strength, strength
from cxlib.strings import (
    CAVEATS,
    LANGUAGES,
    MINUS,
    NOTICES,
    TEXT,
    counted,
    data_name,
    data_names,
    language,
    number,
    speaking,
    use_language,
    use_names,
)

# --- session-state keys, named once ---------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent  # the app's folder: deployed paths start here
BUNDLE = "bundle"  # the Bundle app.py chose for this run
VIEW = "view"  # the FilterState of the sidebar's controls
PAGE = "page"  # the id of the page being shown (cxlib.scope.PAGES)
SOURCE = "source"  # the sidebar's data switch (sample or upload)
NEXT_SOURCE = "next_source"  # set by the Data page after a good upload, applied by app.py
UPLOAD = "upload"  # the Upload in use (it passed every check)
STAGED = "staged"  # the Upload being checked on the Data page (files dropped so far)
CHECKED = "checked"  # fingerprint of the last staged upload that was checked
PROBLEMS = "problems"  # what was wrong with it (a list of cxlib Problems)
DROP_ZONE = "drop_zone"  # generation of the file uploader: a new key empties it
LINK_NOTES = "link_notes"  # notes about the link the session was opened with
LINK = "link"  # the query parameters the session was opened with (opened_link())
RESET_NEXT = "reset_next"  # controls to put back to their defaults on the next run
DATA_SHOWN = "data_shown"  # fingerprint of the dataset the filters were last drawn for
REPORT = "report"  # what the page drew in this run, for its report (a list of Sections)
LANG = "lang"  # the language control, bound to the URL (?lang=fi)
LANG_SHOWN = "lang_shown"  # the language the controls' labels were last drawn in
PRESENT = "present"  # presentation mode: the sidebar's toggle, bound to the URL (?present=true)
PAGE_STYLE = (
    "<style>"
    "[data-testid='stMainMenu']{display:none}"
    # Captions at Streamlit's 60% read 3.9:1 against white; small text needs 4.5:1 (WCAG AA).
    "[data-testid='stCaptionContainer']{opacity:.8}"
    # Keyboard focus on a page link, a radio option or a toggle had been a faint tint
    # (1.1:1): an outline in the theme's colour instead.
    "[data-testid='stSidebarNavLink']:focus-visible{outline:2px solid #1f6f8b;"
    "outline-offset:-2px}"
    # By the attribute the widgets set, not :has(): a :has() rule is checked again on every
    # change of the page, and the load benchmark's browsers slowed with it.
    "[data-testid='stRadioOption'][data-focus-visible],"
    "[data-testid='stCheckbox'] label[data-focus-visible]{outline:2px solid #1f6f8b;"
    "outline-offset:2px;border-radius:4px}"
    # A markdown table wider than a phone (the method documents') scrolls inside its own box;
    # it had made the whole page pan sideways.
    "[data-testid='stMarkdownContainer'] table{display:block;max-width:100%;overflow-x:auto}"
    # A chosen option's chip wraps its name: Finnish industries had read 'Pöyt…' and 'Sair…' in
    # the sidebar, so a room could not tell which were classed high touch.
    "[data-testid='stMultiSelectTagsContainer']>span>span{height:auto;white-space:normal}"
    "[data-testid='stMultiSelectTagsContainer']>span>span>span:first-child{white-space:normal;"
    "overflow-wrap:break-word;text-overflow:clip}"
    "@media (max-width:640px){[class*='st-key-wide-only-']{display:none}"
    "h1{font-size:2rem!important}"
    # A touch screen never hovers, so plotly's tool bar stayed over the data (an estimate),
    # and a table's over the control above it (the mapping's context boxes).
    ".stPlotlyChart .modebar-container,[data-testid='stElementToolbar']{display:none}}"
    "@media (min-width:641px){[class*='st-key-narrow-only-']{display:none}}"
    "@media print{[data-testid='stSidebar'],[data-testid='stHeader'],"
    "[data-testid='stBottom']{display:none}"
    "[data-testid='stMainBlockContainer']{max-width:100%;padding:0}"
    ".stPlotlyChart,.cx-table,[data-testid='stMetric']{break-inside:avoid}"
    ".cx-table{overflow:visible!important}"
    ".cx-table td,.cx-table th{overflow-wrap:break-word;hyphens:auto;padding:.2rem .3rem}}"
    "</style>"
)
"""Streamlit's menu is left out: its items (Print, Record screen, Made with Streamlit) are
English only, and its Print is the browser's own. A phone hides wide-only containers and shows
narrow-only ones (the heatmap becomes a list); print drops the sidebar and keeps charts and
tables whole, every column on the page."""
SIDEBAR_CLOSER = """<script>
if (!window.cxSidebarCloser) {
  window.cxSidebarCloser = true;
  const sidebar = () => window.parent.document.querySelector("[data-testid='stSidebar']");
  let chosenInSidebar = false;
  // On a phone the sidebar covers the page: after a choice there, fold it away so the
  // reader sees what the choice (or the page picked) did. Typing (a view's name) is left be.
  const close = () => {
    if (window.innerWidth > 640) return;
    setTimeout(() => {
      const button = window.parent.document.querySelector(
        "[data-testid='stSidebarCollapseButton'] button");
      if (button) button.click();
    }, 400);
  };
  document.addEventListener("pointerdown", (event) => {
    const bar = sidebar();
    chosenInSidebar = !!(bar && bar.contains(event.target));
    const pick = event.target.closest(
      "label:not([data-testid='stWidgetLabel']), [data-testid='stButtonGroup'] button, "
      + "[data-testid='stSidebarNav'] a");
    const typing = event.target.closest("input[type='text'], textarea, [role='combobox']");
    if (chosenInSidebar && pick && !typing) close();
  }, true);
  document.addEventListener("click", (event) => {
    if (chosenInSidebar && event.target.closest("[role='option']")) close();
  }, true);
}
</script>"""
PRESENT_STYLE = (
    "<style>"
    "[data-testid='stToolbarActions'],[data-testid='stStatusWidget'],"
    "[data-testid='stAppDeployButton'],[data-testid='stDecoration']{display:none}"
    "@media (min-width:641px){"
    "html{font-size:20px}"  # Streamlit's type is in rem: everything grows with it
    "[data-testid='stMainBlockContainer']{max-width:100%;padding:4rem 3rem 1rem 3rem}"
    # Narrower cells: Drivers' nine Finnish columns had run past the table's edge.
    ".cx-table th,.cx-table td{padding:.35rem .4rem}}"
    # On a phone the charts' projector type (set in the figure) goes too: plotly measures its
    # margins in a tester outside the chart, hence every svg's text.
    "@media (max-width:640px){svg text{font-size:12px!important}}"
    "</style>"
)
"""Presentation mode: large type, no running indicator (PAGE_STYLE hides the menu on every
page; the button that opens the sidebar stays), the page's full width. Large type on a screen
wider than a phone only: a presenter's link, opened on the room's phones, had set a page title
over the whole first screen and cut the phone's tables at its edge."""
CHOICE_WORDS = (
    "<style>"
    "[role='listbox'][data-empty='true'] [role='option'] span{{font-size:0}}"
    "[role='listbox'][data-empty='true'] [role='option'] span::after"
    "{{content:{none};font-size:0.875rem}}"
    "</style>"
)
"""A choice list that matches nothing of what was typed says so in the reader's words (Streamlit
writes "No results" in English only)."""
UPLOADER_WORDS = (
    "<style>"
    ".st-key-{key} [data-testid='stFileUploaderDropzone'] button "
    "[data-testid='stMarkdownContainer'],"
    ".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span{{display:none}}"
    ".st-key-{key} [data-testid='stFileUploaderDropzone'] button span[data-has-shortcut]::after"
    "{{content:{button};font-size:0.875rem}}"
    ".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions']>div::after"
    "{{content:{note};font-size:0.875rem}}"
    "</style>"
)
"""Streamlit words a file uploader's button and its size note in English only; these rules
show the reader's words in their place (a screen reader, too, reads only these)."""


@dataclass(frozen=True, eq=False)
class Bundle:
    """A dataset with its engine (cube built) and its controls."""

    data: cxlib.Dataset
    engine: cxlib.Linkage | None
    controls: Mapping[str, tuple[dict[str, Control], dict[str, Control]]]
    """Per language: the global controls and the Linkage page's pair (their labels are the
    values links carry, so each language has its own)."""
    floors: Floors
    """The floors its results are computed at (a sealed cube's may exceed the deployment's)."""
    names_fi: Mapping[str, str]
    """The Finnish words its names are shown in (controls.finnish_names)."""

    @property
    def fingerprint(self) -> str:
        return self.data.fingerprint

    @property
    def key(self) -> str:
        """What its cached results depend on: the data and the floors. A cube built again
        from the same data at a higher floor keeps the data's fingerprint, and the results
        cached at the lower floor used groups the new one leaves out."""
        return f"{self.fingerprint}/{self.floors.staff}/{self.floors.customers}"

    @property
    def specs(self) -> dict[str, Control]:
        return self.controls[language()][0]

    def controls_in(self, lang: str) -> dict[str, Control]:
        """Language `lang`'s global controls and the Linkage page's pair, in one mapping."""
        own, pair = self.controls[lang]
        return {**own, **pair}

    @property
    def pairs(self) -> dict[str, Control]:
        return self.controls[language()][1]


@dataclass(frozen=True, eq=False)
class Upload:
    """Uploaded files, known by the fingerprint of their content (never by name or size)."""

    files: Mapping[str, bytes]
    mapping: str = ""
    """An import: files are named "staff:<name>", "customers:<name>" (and "units:<name>"),
    survey exports read by this mapping (JSON)."""
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        both = {**self.files, "mapping": self.mapping.encode()} if self.mapping else self.files
        object.__setattr__(self, "fingerprint", fingerprint(both))

    def export(self, role: str) -> tuple[str, bytes] | None:
        """The (file name, bytes) of an import's staff, customers or units file."""
        return next(
            ((k.split(":", 1)[1], v) for k, v in self.files.items() if k.startswith(f"{role}:")),
            None,
        )


def speaking_callback(callback):
    """A widget callback in the session's language: Streamlit runs callbacks before app.py,
    in a fresh thread where the language would be English."""

    def run(*args, **kwargs):
        use_language(chosen_language())
        return callback(*args, **kwargs)

    return run


MODE_FROM_LINK = {  # what a link's ?lang= and ?present= mean, as their controls read them
    LANG: lambda given: given[-1] if given[-1] in LANGUAGES else "en",
    PRESENT: lambda given: given[-1].lower() == "true",
}
MODE_CONTROLS = {  # the same two as controls, for what a link may say of them
    LANG: Control(LANG, "single", options=tuple(LANGUAGES), default="en"),
    PRESENT: Control(PRESENT, "single", options=("true", "false"), default="false"),
}


def mode_notes(link: Mapping[str, list[str]]) -> list[Note]:
    """A link's language or presentation mode that means nothing (?lang=sv, ?present=maybe):
    the app had shown English, or no presentation, without a word."""
    return [
        Note(Notice.BAD_MODE_VALUE, key, given[-1][:40])
        for key, spec in MODE_CONTROLS.items()
        if (given := link.get(key)) and given[-1].lower() not in spec.options
    ]


def _mode(key: str, absent: str):
    """A mode control's value; before it is drawn, what the link as opened says."""
    if key in st.session_state:
        return st.session_state[key]
    return MODE_FROM_LINK[key](opened_link().get(key, [absent]))


def chosen_language() -> str:
    """The language control's choice (?lang=fi in a link, read the same way as presenting())."""
    return str(_mode(LANG, "en"))


def presenting() -> bool:
    """Presentation mode is on (the toggle, or ?present=true in a link, which the toggle reads
    when it is drawn; before that, on a link's first run, the link says it)."""
    return bool(_mode(PRESENT, ""))


PRESENT_WORDS = {
    **dict.fromkeys(("true", "1", "yes", "on", "kyllä"), "true"),
    **dict.fromkeys(("false", "0", "no", "off", "ei"), "false"),
}
"""What a link may say for presentation mode: a facilitator's hand-typed ?present=1 had been
refused, and the projector showed no presentation."""


def opened_link() -> dict[str, list[str]]:
    """The query parameters the session was opened with, kept as its first run starts: a page
    left before that run drew the controls opens without them in its address (Streamlit 1.67).
    A presentation mode in other words (?present=1, yes, kyllä) is written as the toggle reads
    it, before the toggle is drawn."""
    if LINK not in st.session_state:
        link = {key: st.query_params.get_all(key) for key in st.query_params}
        given = link.get(PRESENT, [""])[-1]
        meant = PRESENT_WORDS.get(given.strip().lower())
        if meant is not None and meant != given:
            st.query_params[PRESENT] = meant
            link[PRESENT] = [meant]
        st.session_state[LINK] = link
    return st.session_state[LINK]


def view_line(bundle: Bundle, view: cxlib.FilterState, page: str) -> str:
    """The active filters in one line, for a projector: what the room is looking at."""
    shown = scope.level_of(page, view)
    level = TEXT[f"level_word_{shown}"].capitalize()
    view = scope.acting(view, page)  # a segment chosen says nothing of the companies shown
    chosen = [
        (TEXT["industries"], tuple(data_name(i) for i in view.industries)),
        (TEXT["touch"], tuple(TEXT[f"{t}_touch"] for t in view.touch)),
        *_groups_chosen(view),
    ]
    parts = [level] + [
        f"{label}: "
        + (", ".join(values) if len(values) <= 3 else TEXT["n_chosen"].format(n=len(values)))
        for label, values in chosen
        if values
    ]
    if bundle.data.has_linkage and shown == "units":
        parts.append(f"EX: {metric_label(view.ex_metric)}, CX: {metric_label(view.cx_metric)}")
    moves = len(view.reclassify.industries) + len(view.reclassify.companies)
    if moves:
        parts.append(TEXT["present_moves"].format(n=moves))
    return " · ".join(parts)


def _secret(section: str) -> dict:
    try:
        return dict(st.secrets.get(section, {}))
    except FileNotFoundError:  # no secrets file at all
        return {}


def private() -> bool:
    """A private deployment: secrets switch sign-in on ([auth])."""
    return bool(_secret("auth"))


def gate() -> None:
    """Private deployments: with an [auth] section in secrets, only signed-in people whose
    e-mail domain is in [access] allowed_domains see anything (README, Private deployments)."""
    if not private():
        return
    if not st.user.get("is_logged_in", False):  # absent until an [auth] section is read
        st.title(TEXT["app_title"])
        st.info(TEXT["signin_needed"], icon=":material/lock:")
        st.button(TEXT["signin"], on_click=st.login, icon=":material/login:")
        st.stop()
    access = _secret("access")
    domains, trust = access.get("allowed_domains", []), access.get("trust_unverified_email", False)
    if not may_view(st.user.to_dict(), domains, trust_unverified=trust is True):
        st.title(TEXT["app_title"])
        st.error(TEXT["signin_denied"], icon=":material/block:")
        st.button(TEXT["signout"], on_click=st.logout, icon=":material/logout:")
        st.stop()


def deployment() -> cxlib.Settings:
    """The deployment's privacy floors: the [privacy] section of Streamlit secrets (no secrets:
    the defaults). A bad value raises, rather than fall back to a weaker floor."""
    try:
        given = dict(st.secrets.get("privacy", {}))
    except FileNotFoundError:  # no secrets file at all
        given = {}
    return cxlib.Settings(**given)


def _bundle(
    data: cxlib.Dataset, settings: cxlib.Settings, engine: cxlib.Linkage | None = None
) -> Bundle:
    if engine is None and data.has_linkage:
        engine = cxlib.Linkage(data, settings)
    floors = Floors.of(settings, data.manifest)
    per_language, words = {}, finnish_names(data)  # decided once, used by every control
    for lang in LANGUAGES:
        with speaking(lang):
            floor = min(floors.staff, floors.customers)
            per_language[lang] = (controls(data, floor, words), pair_controls(data, words))
    return Bundle(data, engine, per_language, engine.floors if engine else floors, words)


SETTINGS_HASH = {cxlib.Settings: lambda s: s.model_dump_json()}


def on_upload() -> bool:
    """Whether the session shows its own upload (the sidebar's data switch)."""
    return UPLOAD in st.session_state and st.session_state.get(SOURCE) == TEXT["source_upload"]


def sample_bundle(settings: cxlib.Settings) -> Bundle:
    with st.spinner(TEXT["loading_sample"]):  # the cache's own spinner speaks one language
        return _sample_bundle(settings)


@st.cache_resource(show_spinner=False, hash_funcs=SETTINGS_HASH)
def _sample_bundle(settings: cxlib.Settings) -> Bundle:
    return _bundle(cxlib.load_sample(), settings)


def deployed_cube() -> Path | None:
    """The deployment's own study: a cube folder named by [data] cube in secrets (relative
    to the app's folder), built with python -m cxlib build-cube (docs/scale.md)."""
    folder = _secret("data").get("cube")
    return None if not folder else ROOT / str(folder)


def cube_bundle(folder: Path, settings: cxlib.Settings) -> Bundle:
    """The deployment's cube, opened once per change of its files; raises DataError or
    ValueError (a floor above the cube's) with the reason."""
    stamp = (folder / META).stat().st_mtime_ns if (folder / META).is_file() else 0
    with st.spinner(TEXT["opening_cube"]):
        return _cube_bundle(str(folder), stamp, settings)


@st.cache_resource(max_entries=2, show_spinner=False, hash_funcs=SETTINGS_HASH)
def _cube_bundle(folder: str, stamp: int, settings: cxlib.Settings) -> Bundle:
    del stamp  # in the cache key only: new files, a new bundle
    stored = open_cube(folder, lean=True)  # only what the engine serves from
    return _bundle(stored.dataset(), settings, stored.linkage(settings))


def upload_bundle(upload: Upload, settings: cxlib.Settings) -> Bundle:
    """Parse and check an upload once; raises cxlib.DataError (and caches nothing) if bad."""
    with st.spinner(TEXT["building_cube"]):
        return _upload_bundle(upload, settings)


@st.cache_resource(
    max_entries=4,
    show_spinner=False,
    hash_funcs={Upload: lambda u: u.fingerprint, **SETTINGS_HASH},
)
def _upload_bundle(upload: Upload, settings: cxlib.Settings) -> Bundle:
    if upload.mapping:
        data = cxlib.import_exports(
            upload.export("staff"),
            upload.export("customers"),
            upload.mapping,
            upload.export("units"),
        )
        return _bundle(data, settings)
    return _bundle(cxlib.load_dataset(upload.files), settings)


def current() -> tuple[Bundle, cxlib.FilterState]:
    """The data and view that app.py set up in this run.

    A shared link can be a server process's very first request. Until st.navigation has run
    once, Streamlit still treats the pages/ folder as auto-discovered pages (its v1 mode) and
    runs the linked page alone, without app.py. Switch that mode off and rerun: app.py then
    runs and st.navigation opens the same page, with the link's query parameters intact.
    """
    if BUNDLE not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    # app.py did both; again for a page run alone (tests do that)
    use_language(chosen_language())
    use_names(st.session_state[BUNDLE].names_fi)
    return st.session_state[BUNDLE], st.session_state[VIEW]


# --- cached tables and analyses: (fingerprint, view) in, cxlib results out -------------------
# Views are trimmed to what can change the result first, so equal results share one entry.

HASHES = {Bundle: lambda b: b.key, cxlib.FilterState: lambda v: v.model_dump_json()}


def units(
    bundle: Bundle, view: cxlib.FilterState, by=None, per_period=False, full=True
) -> cxlib.UnitTable:
    return _units(bundle, bundle.engine.relevant(view), by, per_period, full)


def periods(bundle: Bundle, view: cxlib.FilterState) -> cxlib.UnitTable:
    """One row per unit and period, EX and CX of the same period (what Over time needs)."""
    return units(bundle, view.model_copy(update={"lag": 0}), per_period=True, full=False)


def companies(bundle: Bundle, view: cxlib.FilterState) -> cxlib.PanelTable:
    return _companies(bundle, panel.relevant(bundle.data, view))


def drivers(bundle: Bundle, view: cxlib.FilterState):
    with st.spinner(TEXT["bootstrapping"]):  # shown only if it takes a while (a cache miss)
        return _drivers(bundle, bundle.engine.relevant(view))


def lags(bundle: Bundle, view: cxlib.FilterState):
    with st.spinner(TEXT["bootstrapping"]):
        return _lags(bundle, bundle.engine.relevant(view.model_copy(update={"lag": 0})))


def touch_test(bundle: Bundle, view: cxlib.FilterState, level: str) -> cxlib.CompanyTest:
    """The primary verdict: touch classes compared with companies as the evidence."""
    if level == "units":
        return _touch_test_units(bundle, bundle.engine.relevant(view))
    return _touch_test_companies(bundle, panel.relevant(bundle.data, view))


def channel_gaps(bundle: Bundle, view: cxlib.FilterState) -> cxlib.ChannelGaps:
    return _channel_gaps(bundle, bundle.engine.relevant(view))


def split_family(bundle: Bundle, view: cxlib.FilterState):
    """Segment, channel and role differences, BH-adjusted together (one family per page)."""
    with st.spinner(TEXT["bootstrapping"]):
        return _split_family(bundle, bundle.engine.relevant(view))


def reliability(bundle: Bundle, view: cxlib.FilterState):
    return _reliability(bundle, bundle.engine.relevant(view))


def exploratory(view: cxlib.FilterState) -> bool:
    """A view other than the default on this page (scope.exploratory: only the controls that
    act here count)."""
    return scope.exploratory(view, st.session_state.get(PAGE, "overview"))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _touch_test_units(bundle, view):
    table = _units(bundle, view, None, False, False)
    return cxlib.compare_companies(table.table, table.pair)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _touch_test_companies(bundle, view):
    table = panel.panel_table(bundle.data, view)
    # An industry's companies share its link and mostly its class: deal classes to industries.
    return cxlib.compare_companies(table.table, table.pair, cluster="industry", model=False)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _channel_gaps(bundle, view):
    return cxlib.channel_gaps(_units(bundle, view, "channel", True, False))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _split_family(bundle, view):
    tables = [
        cxlib.split_differences(_units(bundle, view, by, True, False), n_boot=500)
        for by in ("segment", "channel", "role")
    ]
    return cxlib.adjust_together(*tables)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _reliability(bundle, view):
    shown = _units(bundle, view.model_copy(update={"lag": 0}), None, True, False)  # cached
    return cxlib.staff_reliability(bundle.engine, view, shown)


def _units(bundle, view, by, per_period, full):
    # Kept by the engine itself, within a byte budget (cxlib.kept): a count of entries would
    # bound nothing when one table is 40 MB at 10,000 units.
    return bundle.engine.unit_table(view, by=by, per_period=per_period, full=full)


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=HASHES)
def _companies(bundle, view):
    return panel.panel_table(bundle.data, view)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _drivers(bundle, view):
    return cxlib.theme_drivers(_units(bundle, view, None, False, False), n_boot=500)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=HASHES)
def _lags(bundle, view):
    return cxlib.cross_lagged(_units(bundle, view, None, True, False))  # n_boot: the library's


# --- small UI pieces ------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text: str) -> str:
    """User text (names, values) made safe for a markdown element: shown as typed, never as
    markup. Every ASCII punctuation mark is escaped, and a zero-width space after each colon
    stops emoji and icon shortcodes (:smile:, :material/x:, :red[...])."""
    return _PUNCTUATION.sub(r"\\\1", text).replace(":", ":\u200b")


def named(frame: pl.DataFrame, column: str = "driver") -> pl.DataFrame:
    """A result's names (themes, industries) in the reader's words (the dataset's Finnish
    names, in Finnish): for showing only, as what is kept (the action list) holds the data's
    own names."""
    return frame.with_columns(in_words(pl.col(column)))


TOUCH_NOTES = (Notice.MOVE_ALREADY, Notice.MOVE_CONFLICT, Notice.MOVE_ABSENT, Notice.TOUCH_EXCLUDES)


def note_text(note: Note) -> str:
    """A cxlib Note in words, its names and values shown literally (a name the dataset words
    in the reader's language, or a list of them, in those words)."""
    subject, value = note.subject, note.value
    if note.code in (*TOUCH_NOTES, Notice.NO_UNIT_DATA):
        # a name not in the dataset's words, or one cut at its own comma, stays as it is
        subject, value = (", ".join(data_name(n) for n in t.split(", ")) for t in (subject, value))
    if note.code in TOUCH_NOTES and value in ("high", "low"):  # a code: in the reader's words
        value = TEXT[f"option_{value}"].lower()
    return NOTICES[note.code].format(subject=literal(subject), value=literal(value))


CONTROL_WORDS = {
    "level": "level",
    "industry": "industries",
    "touch": "touch",
    "segment": "segments",
    "channel": "channels",
    "role": "roles",
    "period": "periods",
    "year": "years",
    "ex": "ex_metric",
    "cx": "cx_metric",
    "pair_ex": "pick_ex",
    "pair_cx": "pick_cx",
    "high_touch": "high_touch_industries",
    "company_high": "companies_to_high",
    "company_low": "companies_to_low",
    "lag": "lag",
    "k": "min_group",
    LANG: "language",
    PRESENT: "present",
}
"""Each link parameter's control, by the words its label has: a note had said 'for k'."""
CHOICES_LISTED = 8  # a control with more choices is pointed to, not listed


def link_note_text(note: Note, specs: dict) -> str:
    """A note about a link value, naming the control as its label does and saying what it
    takes (a range, or its few choices)."""
    subject = TEXT[CONTROL_WORDS[note.subject]] if note.subject in CONTROL_WORDS else note.subject
    if note.code is Notice.UNKNOWN_LINK_KEY_NEAR:  # the near setting as a link spells it
        words = TEXT[CONTROL_WORDS[note.value]] if note.value in CONTROL_WORDS else ""
        near = TEXT["link_key_named" if words else "link_key"].format(key=note.value, label=words)
        return note_text(replace(note, value=near))
    text = note_text(replace(note, subject=subject))
    spec = specs.get(note.subject)
    if note.code not in (Notice.BAD_LINK_VALUE, Notice.BAD_MODE_VALUE) or spec is None:
        return text
    if spec.kind == "int":
        allowed = TEXT["link_allowed_range"].format(low=spec.low, high=spec.high)
    elif len(spec.options) <= CHOICES_LISTED:
        shown = ", ".join(spec.options)
        allowed = TEXT["link_allowed_choices"].format(choices=literal(shown))
    else:
        allowed = TEXT["link_allowed_many"].format(n=len(spec.options))
    return f"{text} {allowed}"


QUIET = (Caveat.REPEATED_UNITS, Caveat.SUPPRESSED)  # handled by the method; said by privacy()


def explain(codes: Iterable[str]) -> None:
    """Caveat codes carried by results, shown in plain words (never as codes)."""
    explain_groups([("", codes)])


def explain_groups(groups: Iterable[tuple[str, Iterable[str]]]) -> None:
    """Caveats of results shown side by side (touch groups, industries), each said once and,
    when it holds for some of them only, with their names: the empty group's 'nothing to
    correlate' had read as a caveat of the r shown beside it."""
    held = [(name, [c for c in dict.fromkeys(codes) if c not in QUIET]) for name, codes in groups]
    parts = []
    for code in dict.fromkeys(c for _, codes in held for c in codes):
        names = [name for name, codes in held if code in codes]
        words = CAVEATS[Caveat(code)]
        if len(names) < len(held):
            shown = sorted(data_name(name) for name in names)  # in the reader's alphabet
            words += " (" + ", ".join(literal(name) for name in shown) + ")"
        parts.append(words)
    if parts:
        note(TEXT["caveats"] + " " + "; ".join(parts) + ".")


def privacy(units: cxlib.UnitTable, why_few: bool = False, view=None) -> None:
    """What the privacy rule left out of the view, in numbers (never silently dropped); with
    `why_few`, as the reason the view has too few to say anything, where its numbers are, and
    what narrows the view (`view`): 'choose more periods, channels or segments' had been the
    advice where a staff role narrowed it and those filters were all set to all."""
    hidden = units.hidden
    if hidden.units or hidden.cells:
        staff, customers = hidden.minimums
        said = TEXT["hidden_few" if why_few else "hidden_line"].format(
            units=counted("n_units", hidden.units),
            cells=counted("n_unit_periods", hidden.cells),
            staff=staff,
            customers=customers,
        )
        if why_few:
            narrowing = narrowed_by(view) if view is not None else []
            advice = (
                TEXT["hidden_few_widen"].format(filters="; ".join(narrowing))
                if narrowing
                else TEXT["hidden_few_data"]
            )
            st.info(f"{said} {advice}", icon=":material/lock:")
        else:
            note(said)


def narrowed_by(view: cxlib.FilterState) -> list[str]:
    """The filters set that make a view's groups of people smaller (segments, channels, roles,
    periods, years) or hide more of them (a minimum group size asked above the default), each
    with its choice as the sidebar names it."""
    view = scope.acting(view, st.session_state.get(PAGE, "overview"))
    chosen = _groups_chosen(view)
    if view.min_group_size != cxlib.FilterState().min_group_size:
        chosen.append((TEXT["min_group"], (str(view.min_group_size),)))
    return [f"{label}: {literal(', '.join(values))}" for label, values in chosen]


def _groups_chosen(view: cxlib.FilterState) -> list[tuple[str, tuple[str, ...]]]:
    chosen = [
        (TEXT["segments"], tuple(data_name(s) for s in view.segments)),
        (TEXT["channels"], tuple(code_word(c) for c in view.channels)),
        (TEXT["roles"], tuple(code_word(r) for r in view.roles)),
        (TEXT["periods"], view.periods),
        (TEXT["years"], tuple(str(y) for y in view.years)),
    ]
    return [(label, values) for label, values in chosen if values]


def verdict(test: cxlib.CompanyTest, view: cxlib.FilterState, aside: str = "") -> None:
    """The primary verdict in plain words, then how it was reached (one click away)."""
    if test.p_value != test.p_value:
        say(TEXT["difference_unknown"])
        return
    p = p_text(test.p_value)
    n_high, n_low = test.companies
    g_high, g_low = test.evidence
    by_industry = "_industries" if test.dealt == "industry" else ""
    in_high, in_low = (counted("n_industries", g) for g in (g_high, g_low))
    clear = test.p_value < 0.05
    # Too few companies for any gap to be clear: said so, not that this gap arises by chance.
    key = "touch_clear" if clear else "touch_cannot" if test.smallest_p >= 0.05 else "touch_unclear"
    words = TEXT[key + by_industry].format(
        high=n_high,
        low=n_low,
        industries_high=in_high,
        industries_low=in_low,
        stronger=TEXT["word_high" if test.difference > 0 else "word_low"],
        deals=test.deals,
        smallest=number(test.smallest_p, ".3f"),
        chance=chance_words(test, by_industry, p),
    )
    if exploratory(view):
        words = TEXT["exploratory"] + " " + words
    say(words)
    if not test.general:
        if by_industry:
            note(TEXT["these_industries"].format(high=in_high, low=in_low))
        else:
            note(TEXT["these_companies"].format(high=g_high, low=g_low))
    with st.expander(TEXT["how_tested"]):
        if test.method == "multilevel":
            say(
                TEXT["method_multilevel"].format(
                    diff=test.difference, lo=test.ci_low, hi=test.ci_high, p=p, n=n_high + n_low
                )
            )
        else:
            key = ("method_exact" if test.exact else "method_random") + by_industry
            n = g_high + g_low
            say(TEXT[key].format(diff=test.difference, p=p, deals=test.deals, n=n))
        if aside:  # a statistician's comparison, folded with the method it is set against
            note(aside)


def chance_words(test: cxlib.CompanyTest, by_industry: str, p: str) -> str:
    """How often chance alone gives a gap this size, as the test reached it: the share of the
    deals (randomisation), or the model's p."""
    share = number(test.p_value, ".0%" if test.p_value >= 0.1 else ".1%")
    key = "chance_model" if test.method == "multilevel" else "chance_deals" + by_industry
    return TEXT[key].format(share=share, p=p)


PROBLEMS_SHOWN = 100
"""Problems listed per file: a file with more is wrong throughout (a mapping made for another
survey), and thousands of lines would stall the reader's browser."""


def problem_report(problems, advice: str = "upload_failed") -> None:
    """The problems of an upload or import, grouped by file, as plain text (names literal): all
    of them counted, up to PROBLEMS_SHOWN a file listed; `advice`: the page's own words on
    how to fix them (an import's are fixed in its mapping step as well as in its files)."""
    st.error(TEXT[advice].format(problems=counted("n_problems", len(problems))))
    for file in sorted({p.file for p in problems}):
        group = [p for p in problems if p.file == file]
        with st.container(border=True):
            st.text(group[0].place())  # the file name, or cxlib's word for it translated
            for problem in group[:PROBLEMS_SHOWN]:
                st.text("• " + problem.detail())
            if len(group) > PROBLEMS_SHOWN:
                st.text(TEXT["problems_more"].format(n=len(group) - PROBLEMS_SHOWN))


def table(frame: pl.DataFrame) -> None:
    """A small result table as plain HTML, every cell literal text. Not st.table, which renders
    cells as markdown, nor st.dataframe, whose canvas grid costs every browser a redraw per
    change (what kept a workshop's thirty browsers busy). The report takes it too."""
    st.html(html_table(frame))
    _record(Section(table=frame))


# --- what a page shows, drawn and kept for its report (app.py offers the report) ------------
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _record(section: Section) -> None:
    if REPORT in st.session_state:
        st.session_state[REPORT].append(section)


def report_text(text: str) -> str:
    """Markdown as the page wrote it, as plain text (literal()'s escapes undone; the app's own
    * and ** kept for the report to draw, the data's asterisks marked as literal)."""
    kept = text.replace("\\*", LITERAL_STAR)
    return _ESCAPED.sub(r"\1", kept).replace("\u200b", "")


def heading(text: str) -> None:
    st.subheader(text)
    _record(Section(heading=report_text(text)))


def say(text: str) -> None:
    """A verdict or a finding (markdown)."""
    st.markdown(text)
    _record(Section(paragraphs=(report_text(text),)))


def document(path: Path, opening: str | None = None) -> None:
    """One of the app's own documents (cxlib.method), a section per expander; its opening text
    under `opening`, if given. Where the reader's language has a summary of it, each section
    shows the summary first, then the document's own text. Markdown: the app's words, not the
    data's."""
    first, parts = method.sections(path)
    summary = method.plain(path, language())
    own_first, own_parts = method.sections(summary) if summary else (first, parts)
    shown = [(opening, own_first, first)] if opening and first else []
    # The summary has the document's sections, in order (tests/test_docs.py).
    shown += [(h, text, full) for (h, text), (_, full) in zip(own_parts, parts, strict=True)]
    for heading, text, full in shown:
        with st.expander(heading):
            st.markdown(text)
            if summary:
                st.divider()
                st.caption(TEXT["method_in_full"])
                st.markdown(full)


def card(column, label: str, value: str, words: str = "", caption: str = "") -> None:
    """A headline number in its column (a metric, its words, its caption), kept for the report
    as one paragraph each: the report had gone from the question straight to the verdict."""
    column.metric(label, value)
    if words:
        column.markdown(words)
    if caption:
        column.caption(caption)
    told = (f"**{label}: {value}**", words, caption)
    _record(Section(paragraphs=tuple(report_text(t) for t in told if t)))


def note(text: str) -> None:
    """A caption: how to read, n, intervals, caveats."""
    st.caption(text)
    _record(Section(paragraphs=(report_text(text),)))


def chart(figure) -> None:
    """A figure; its title is drawn above it as text, which wraps on a phone (plotly cuts a
    long title at the plot's edge). The report keeps the title in the figure."""
    title, top = figure.layout.title.text, figure.layout.margin.t
    if title:
        st.markdown("**" + literal(unescape(title)) + "**")
        # Off for the page and back for the report (a copy of the figure validates it all
        # again: 30 ms a chart).
        figure.layout.title.text, figure.layout.margin.t = None, 10
    st.plotly_chart(figure, width="stretch")
    if title:
        figure.layout.title.text, figure.layout.margin.t = title, top
    _record(Section(figure=figure))


def numbers(frame: pl.DataFrame) -> None:
    """The numbers a chart draws, as a table one click away: a screen reader had only the
    chart's tick labels, and a phone reader had to tap each point."""
    with st.expander(TEXT["chart_numbers"], icon=":material/table_rows:"):
        table(frame)


def in_blocks(rows: pl.DataFrame, group: str | None, strongest_first: bool) -> pl.DataFrame:
    """Rows sorted by r, in blocks of `group` (in the order the groups first come) if given:
    the forest plot's order (weakest first, drawn bottom up) or its table's."""
    if not group:
        return rows.sort("r", descending=strongest_first)
    order = {g: i for i, g in enumerate(dict.fromkeys(rows[group]))}
    # Drawn bottom up, a plot lists its first block last; a table lists it first.
    descending = [not strongest_first, strongest_first]
    return rows.sort(pl.col(group).replace_strict(order), "r", descending=descending)


WITH_INTERVAL = (
    pl.col("r").is_not_nan() & pl.col("ci_low").is_finite() & pl.col("ci_high").is_finite()
)
"""The rows a forest plot draws: an r with its interval. A dot without its whisker reads as
certain (a segment of three units had stood at r = 0.94, alone and unqualified); such rows
are in the chart's numbers, said to be too few."""


def forest_numbers(
    rows: pl.DataFrame, label: str, heading: str = "column_group", group: str | None = None
) -> None:
    """A forest plot's rows (label, r, ci_low, ci_high, n) as numbers(), in blocks of `group`
    as the plot draws them (the table had mixed segments, channels and roles), each strongest
    first; n written as the plot's labels write it (4,418)."""
    shown = in_blocks(rows.filter(pl.col("r").is_not_nan()), group, strongest_first=True)
    undrawn = shown.filter(~WITH_INTERVAL)
    if undrawn.height:  # said beside the chart, not left for the reader to miss
        listed = ", ".join(
            f"{literal(name)} (n = {n:,})" for name, n in undrawn.select(label, "n").iter_rows()
        )
        note(TEXT["forest_undrawn"].format(rows=listed))
    numbers(
        shown.select(
            pl.col(label).cast(pl.String).alias(TEXT[heading]),
            fixed(pl.col("r")).alias("r"),
            pl.when(WITH_INTERVAL)
            .then(pl.format(TEXT["interval"], fixed(pl.col("ci_low")), fixed(pl.col("ci_high"))))
            .otherwise(pl.lit(TEXT["interval_none"]))
            .alias(TEXT["column_interval_95"]),
            whole(pl.col("n")).alias("n"),
        )
    )


def wide_only(name: str):
    """A container shown on screens wider than a phone (PAGE_STYLE hides it there)."""
    return st.container(key=f"wide-only-{name}")


def narrow_only(name: str):
    """A container shown on a phone only: the readable form of what wide_only() holds."""
    return st.container(key=f"narrow-only-{name}")


def in_words(column: pl.Expr) -> pl.Expr:
    """A column of contract codes (channels, staff roles) or the data's names (segments) in
    the reader's words: the dataset's Finnish names in Finnish, other values as they are."""
    return column.replace(
        {**data_names(), **{code: code_word(code) for code in (*CHANNELS, *ROLES)}}
    )


def fixed(column: pl.Expr, places: int = 2) -> pl.Expr:
    """A number as text with a fixed number of decimals (0.30, not 0.3 or 0.3000; 0,30 in
    Finnish), negatives with the minus sign the charts' axes use (−0.07, not -0.07); NaN shows
    empty."""
    if places == 0:
        text = column.fill_nan(None).round(0).cast(pl.Int64).cast(pl.String)
    else:
        text = column.fill_nan(None).round(places).cast(pl.Decimal(18, places)).cast(pl.String)
        text = text.str.replace(".", ",", literal=True) if language() == "fi" else text
    return text.str.replace("^-", MINUS)


def p_column(column: pl.Expr) -> pl.Expr:
    """p-values as text, three decimals, '< 0.001' below that, as p_text writes one ('0.000'
    had read as no chance at all)."""
    below = pl.when(column < 0.001).then(pl.lit("< " + number(0.001)))
    return below.otherwise(fixed(column, 3)).alias(column.meta.output_name())


def whole(column: pl.Expr) -> pl.Expr:
    """A count as text with the language's thousands (4,418; 4 418 in Finnish), as number()
    writes them, for counts under a billion."""
    sep = "\u00a0" if language() == "fi" else ","
    count = column.cast(pl.Int64)

    def three(part: pl.Expr) -> pl.Expr:
        return part.cast(pl.String).str.zfill(3)

    millions, thousands, ones = count // 1_000_000, (count // 1000) % 1000, count % 1000
    return (
        pl.when(count >= 1_000_000)
        .then(pl.concat_str(millions.cast(pl.String), three(thousands), three(ones), separator=sep))
        .when(count >= 1000)
        .then(pl.concat_str((count // 1000).cast(pl.String), three(ones), separator=sep))
        .otherwise(count.cast(pl.String))
    )


def p_text(p: float) -> str:
    """'< 0.001' or '= 0.042', in the language's numbers."""
    return "< " + number(0.001) if p < 0.001 else "= " + number(p, ".3f")


def link_words(r: float, ci_low: float, ci_high: float, where: str, n: int) -> str:
    """A correlation of n pairs in plain words (cxlib.strength's bands), for readers who are
    not statisticians (none below cxlib.strength.MIN_PAIRS); r_text gives the numbers beside
    it."""
    band, expected = strength(r, ci_low, ci_high, n)
    if band is Strength.FEW:
        return TEXT["strength_few"].format(n=n, least=MIN_PAIRS)
    if band in (Strength.UNKNOWN, Strength.UNCLEAR, Strength.NONE):
        return TEXT[f"strength_{band.value}"].format(where=where)
    key = "strength_expected" if expected else "strength_reversed"
    key += "_weak" if band is Strength.WEAK else ""  # 'tend to' had overstated r = 0.14
    return TEXT[key].format(band=TEXT[f"band_{band.value}"], where=where)


def reliability_value(icc2: float, low: float | None = None, high: float | None = None) -> str:
    """An ICC(2) as a reader sees it: its value, with its interval where given, or 'not
    estimable' at or below 0 (the units' means differ less than their noise alone would make
    them; '−5.10' had been printed). The interval's low end stops at 0, where the reliability
    of a mean does (three units' '0.72' had stood alone: it could be anything to 0.99)."""
    if icc2 is None or not icc2 > 0:
        return TEXT["not_estimable"]
    if not has_interval(low, high):
        return number(icc2, ".2f")
    bounds = TEXT["interval"].format(number(max(low, 0.0), ".2f"), number(high, ".2f"))
    return f"{number(icc2, '.2f')} ({bounds})"


def has_interval(low, high) -> bool:
    """Whether both ends of an interval are numbers (not None, not NaN): too few independent
    pairs give an r without one."""
    return low is not None and high is not None and low == low and high == high


def r_value(c) -> str:
    """A card's large number: r where it has an interval and MIN_PAIRS pairs, else '–' (three
    units' r = 0.95 had stood as a headline, 'too few for an interval' in small print under
    it; four units' r = −0.99 as 'strong but inverse')."""
    shown = c.r == c.r and has_interval(c.ci_low, c.ci_high) and c.n >= MIN_PAIRS
    return "r = " + number(c.r, ".2f") if shown else "–"


def r_text(c) -> str:
    """'r = 0.52 [0.41, 0.61], n = 202' or a plain 'not enough data'."""
    return r_words(c.r, c.ci_low, c.ci_high, c.n)


def r_words(r, low, high, n) -> str:
    """r with its interval; r alone where too few independent pairs give no interval (three
    units of one company: 'r = −0.95 [nan, nan]' had been shown); no r, 'not enough data'."""
    if r is None or r != r:  # one unit or company
        return TEXT["no_estimate"].format(n=n)
    if not has_interval(low, high):
        return TEXT["r_no_interval"].format(r=r, n=n)
    return TEXT["r_with_ci"].format(r=r, low=low, high=high, n=n)


def empty_state(notes: list[Note] | None = None) -> None:
    """An empty view, with what emptied it when cxlib can tell."""
    message = " ".join(note_text(n) for n in notes) if notes else TEXT["empty_selection"]
    st.info(message, icon=":material/filter_alt_off:")


def empty_view(
    bundle: Bundle, view: cxlib.FilterState, level: str, units: cxlib.UnitTable | None = None
) -> None:
    """An empty view, with its cause: a filter that excludes everything; the privacy rule,
    where it hid the view's units (given `units`: 'nothing matches these filters' had stood
    over a segment with 148 customer answers, every unit of it under the minimum); or (with no
    filter set) data too small for the page, which no filter could help ('press Reset filters'
    had been the advice on the app's own example files)."""
    notes = scope.why_empty(bundle.data, view, level)
    if (
        units is not None
        and units.hidden.units
        and all(n.code == Notice.NO_UNIT_DATA for n in notes)  # no filter excludes them all
        and scope.classes_in(bundle.data, view, level)  # the chosen industries have rows
    ):
        # Industries without unit data beside some with it, whose units the privacy rule hid:
        # the rule is why the page is empty ('no unit data for Hospitals' had stood alone).
        privacy(units, why_few=True, view=view)
        for line in notes:
            note(note_text(line))
    elif not notes and not exploratory(view):
        if units is not None:  # all shown, and still too few: small data, not privacy
            few = counted("business_units", units.table.height)
            st.info(TEXT["empty_small"].format(units=few), icon=":material/filter_alt_off:")
        else:
            st.info(TEXT["empty_data"], icon=":material/filter_alt_off:")
    else:
        empty_state(notes)


def page(title: str, needs: str, **blanks) -> tuple[Bundle, cxlib.FilterState]:
    """A page's start: the data and view, its title (TEXT[title] with the blanks filled in),
    or a stop when the dataset lacks the part the page needs ("linkage" or "panel")."""
    bundle, view = current()
    st.title(TEXT[title].format(**{k: v(view) if callable(v) else v for k, v in blanks.items()}))
    stop_without(bundle, needs)
    return bundle, view


def one_company(bundle: Bundle) -> str | None:
    """The company's name when the linkage study holds one (an HR analyst's own data): the
    pages then speak of its units, not of companies that do not exist."""
    units = bundle.data.units
    if units is None or "company" not in units.columns:
        return None
    companies = units["company"].unique()
    return companies[0] if companies.len() == 1 else None


def stop_without(bundle: Bundle, needs: str) -> None:
    """Say so and stop when the dataset lacks the part shown ("linkage" or "panel")."""
    present = bundle.data.has_linkage if needs == "linkage" else bundle.data.has_panel
    if not present:
        # The pages that show a linkage study's units, as the navigation names them.
        unit_pages = ("overview", "linkage", "drivers", "over_time", "breaks", "compare")
        pages = ", ".join(TEXT[f"page_{p}"] for p in unit_pages)
        st.info(TEXT[f"no_{needs}"].format(pages=pages), icon=":material/filter_alt_off:")
        st.stop()


def multiselect(label: str, options, **more):
    """st.multiselect without Streamlit's own "Select all", which is in English only (an empty
    choice means all on the filters; CHOICE_WORDS says "No results" in the reader's words)."""
    return st.multiselect(label, options, select_all=False, **more)


def file_uploader(label: str, types: list[str], key: str, **options):
    """st.file_uploader with its button and size note in the reader's language. Any file is
    taken: the readers refuse a type they cannot read in the reader's words, where Streamlit's
    own filter marked it with an English tooltip only, and dropped it unsaid beside good ones."""
    file = st.file_uploader(label, key=key, **options)
    many = options.get("accept_multiple_files", False)
    note = TEXT["uploader_note"].format(
        mb=st.get_option("server.maxUploadSize"), types=", ".join(t.upper() for t in types)
    )
    button = TEXT["uploader_button_many" if many else "uploader_button"]
    st.html(UPLOADER_WORDS.format(key=key, button=css_text(button), note=css_text(note)))
    return file
