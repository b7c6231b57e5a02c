"""What a workshop keeps: named views, the action list, the report. Not a page.

A named view is the page and the controls' values (their labels, in the language they were
saved in) with its own link; the sidebar lists them and opens one in a click. The action list
lives in the session (it survives page switches) and rides in the view's link when it is short
enough. The report is what the page drew in this run (common.REPORT), as one HTML file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import polars as pl
import streamlit as st

import cxlib
from cxlib import actions, linked_views
from cxlib.controls import in_language, link_query, relabel, view_of
from cxlib.errors import DataError
from cxlib.linked_views import LinkedView
from cxlib.report import Section, report_html
from cxlib.strings import QUADRANTS, TEXT, data_name, decimal_mark, language
from pages import common
from pages.common import Bundle

MAX_VIEWS = linked_views.MAX_VIEWS
VIEWS = "views"  # the named views of this session (a list of SavedView)
ACTIONS = "actions"  # the action list (cxlib.actions.ActionList); also its link parameter
NEXT_PAGE = "next_page"  # a view's page, opened by app.py on the run after its click
VALUES = "view_values"  # the controls' values of this run (what "save" keeps)
PICK, NAME = "view_pick", "view_name"  # the switcher and the name box
DATA = "data"  # link parameter: a mark of the uploaded data a link was made on (not the data)
LINK_DATA = "link_data"  # session: the mark of the data the link it opened was made on
MARK = re.compile(r"[0-9a-f]{12}")
COMPARED = "cmp"  # link parameter: the saved views, a Compare link's two first (linked_views)
FIRST, SECOND = "compare_first", "compare_second"  # the Compare page's two pickers


@dataclass(frozen=True)
class SavedView:
    name: str
    page: str
    lang: str
    values: dict = field(hash=False)
    link: str = ""
    fingerprint: str = ""
    """The dataset it was saved on."""


def view_link(values: dict, specs: dict, page_url: str, tokens: dict | None = None) -> str:
    """The link of the current view: the controls (defaults left out), the language and
    presentation mode when set, and `tokens` (link_tokens: the action list when it fits a
    link, on the Compare page the saved views it compares)."""
    carried = {key: token for key, token in (tokens or {}).items() if token}
    return _address(page_url, link_query(values, specs), carried)


def _address(page_url: str, query: dict, carried: dict | None = None) -> str:
    """A page's address with a view's query, in the reader's language and mode, then what the
    link carries besides (`carried`: the tokens)."""
    query = query | ({"lang": language()} if language() != "en" else {})
    query |= {"present": "true"} if common.presenting() else {}
    encoded = urlencode(query | (carried or {}), doseq=True)
    if page_url and not urlsplit(page_url).path:  # the main page: 'host/?…', not 'host?…'
        page_url += "/"
    return f"{page_url}?{encoded}" if encoded else page_url


def link_tokens(bundle: Bundle, page: str) -> dict[str, str | None]:
    """What a link carries beside the controls, made once a run: the action list, the saved
    views and the mark of uploaded data (None where there is none)."""
    return {ACTIONS: link_token(), COMPARED: views_token(bundle, page), DATA: data_mark(bundle)}


def data_mark(bundle: Bundle) -> str | None:
    """What a link says of its data: the start of this session's upload's fingerprint (the
    data never travels, nor stays on the server), or, while the data a link opened here was
    made on is not here, that link's mark (a link passed on says the same); None on the
    sample or the deployment's data, which whoever opens the link sees too."""
    if common.on_upload():
        return bundle.fingerprint[:12]
    opened = st.session_state.get(LINK_DATA)
    return opened if opened and not made_on(bundle) else None


def read_link_data(raw: dict[str, list[str]]) -> None:
    """The mark of the data the opened link was made on, if it carries a well-formed one."""
    given = raw.get(DATA, [])
    if given and MARK.fullmatch(given[-1]):
        st.session_state.setdefault(LINK_DATA, given[-1])


def made_on(bundle: Bundle) -> bool:
    """Whether the opened link was made on this data (or says nothing of its data)."""
    opened = st.session_state.get(LINK_DATA)
    return not opened or bundle.fingerprint.startswith(opened)


def other_data_note(bundle: Bundle) -> str | None:
    """What a reader is told above every page when the link opened was made on uploaded data
    that is not here: an executive had read the sample's drivers as the company's own. None
    on the reader's own upload of other data: what they see is theirs, not the sample."""
    if made_on(bundle) or common.on_upload():
        return None
    data = TEXT["link_data_sample" if bundle.data.manifest.synthetic else "link_data_deployed"]
    return TEXT["link_other_data"].format(data=data, page=TEXT["page_surveys"])


def link_token() -> str | None:
    """The action list as links carry it, or None: no list, too long for a link, or a private
    deployment (owners and notes would travel in the link in clear text)."""
    listed = st.session_state.get(ACTIONS)
    if listed and listed.items and actions.fits_link(listed) and not common.private():
        return actions.to_token(listed)
    return None


def address_tokens(tokens: dict[str, str | None]) -> None:
    """The address bar holds the action list and a comparison's views as the sidebar's link
    does (the sidebar says the address bar holds the link; a facilitator who copied it had
    sent no list, and a Compare link no views). Written only when it differs: the filters'
    widgets write their own keys."""
    for key, token in tokens.items():
        if st.query_params.get(key) == token:
            continue
        if token:
            st.query_params[key] = token
        elif key in st.query_params:
            del st.query_params[key]


# --- a comparison in a link -----------------------------------------------------------------


def compared_names(bundle: Bundle) -> tuple[str, str]:
    """The views the Compare page shows: the reader's picks, else the first two saved views
    (or the first and the current view)."""
    names = [v.name for v in views_of(bundle)] + [TEXT["compare_now"]]
    defaults = (names[0], names[1] if len(names) > 2 else names[-1])
    picked = (st.session_state.get(FIRST), st.session_state.get(SECOND))
    return tuple(p if p in names else d for p, d in zip(picked, defaults, strict=True))


def views_token(bundle: Bundle, page: str) -> str | None:
    """The saved views as a link carries them, on the Compare page the two it compares first
    (the link opens on them); None when there is none or they are too many for a link. Every
    page's link carries them, so a reload keeps them and a shared link shares them (they had
    lasted only while the tab was open, and only a Compare link carried two)."""
    saved = {v.name: v for v in views_of(bundle)}
    if not saved:
        return None
    pair = compared_names(bundle) if page == "compare" else ()
    first = [n for n in dict.fromkeys(pair) if n in saved]
    order = list(dict.fromkeys([*first, *saved]))
    chosen = [saved[name] for name in order]
    linked = [
        LinkedView(name=v.name, page=v.page, lang=v.lang, query=_query(bundle, v)) for v in chosen
    ]
    # Which two are compared, the current view among them (the link's own filters carry it).
    places = tuple(order.index(n) if n in saved else linked_views.CURRENT for n in pair)
    token = linked_views.to_token(linked, places or None)
    return token if len(token) <= linked_views.MAX_TOKEN_CHARS else None


def _query(bundle: Bundle, view: SavedView) -> dict[str, list[str]]:
    chosen = link_query(view.values, bundle.controls_in(view.lang))
    return {k: [v] if isinstance(v, str) else [str(x) for x in v] for k, v in chosen.items()}


def _page_link(root: str, page: str, query: dict) -> str:
    """A page's link under the app's address `root`, in the reader's language (and mode)."""
    return _address(f"{root}/{'' if page == 'overview' else page}", query)


def read_link_views(raw: dict[str, list[str]], bundle: Bundle, page_url: str) -> None:
    """The views a Compare link carries (first run only): saved in this session under their
    names, read in this language as any link is (what the data does not know is dropped),
    and picked on the Compare page; a bad token is said, not used."""
    token = (raw.get(COMPARED) or [""])[-1]
    if not token:
        return
    try:
        linked, pair = linked_views.read_token(token)
    except DataError:
        st.sidebar.warning(TEXT["views_bad_link"], icon=":material/link_off:")
        return
    specs = bundle.controls_in(language())
    elsewhere = [bundle.controls_in(lang) for lang in bundle.controls if lang != language()]
    root = page_url.rsplit("/", 1)[0]
    arrived = []
    for view in linked:
        spoken = in_language(view.query, specs, elsewhere)
        values = {
            key: spec.from_link(spoken[key]) if key in spoken else spec.default
            for key, spec in specs.items()
        }
        link = _page_link(root, view.page, link_query(values, specs))
        arrived.append(
            SavedView(view.name, view.page, language(), values, link, bundle.fingerprint)
        )
    names = {v.name for v in arrived}
    kept = [
        v
        for v in st.session_state.get(VIEWS, [])
        if not (v.name in names and v.fingerprint == bundle.fingerprint)
    ]
    st.session_state[VIEWS] = (kept + arrived)[-MAX_VIEWS:]
    pair = pair or (0, 1 if len(arrived) > 1 else linked_views.CURRENT)  # an older link
    st.session_state[FIRST], st.session_state[SECOND] = (
        TEXT["compare_now"] if place == linked_views.CURRENT else arrived[place].name
        for place in pair
    )


def read_link_actions(raw: dict[str, list[str]]) -> None:
    """An action list that came in a link (first run only); a bad one is said, not used."""
    token = (raw.get(ACTIONS) or [""])[-1]
    if not token or ACTIONS in st.session_state:
        return
    try:
        st.session_state[ACTIONS] = actions.from_token(token)
    except DataError:
        st.session_state[ACTIONS] = actions.ActionList()
        st.sidebar.warning(TEXT["actions_bad_link"], icon=":material/link_off:")


# --- named views ----------------------------------------------------------------------------


def views_panel(bundle: Bundle, page: str, values: dict, link: str) -> None:
    """The sidebar's named views: save the current one, open one in a click, each's link."""
    st.session_state[VALUES] = (page, language(), dict(values), link, bundle.fingerprint)
    saved = views_of(bundle)
    with st.expander(TEXT["views"], icon=":material/bookmarks:", expanded=bool(saved)):
        st.text_input(TEXT["views_name"], key=NAME, max_chars=60, placeholder=TEXT["views_hint"])
        full = len(saved) >= MAX_VIEWS and st.session_state.get(NAME, "") not in _names(saved)
        st.button(
            TEXT["views_save"],
            on_click=_save,
            disabled=full,
            icon=":material/bookmark_add:",
            width="stretch",
        )
        if full:
            st.caption(TEXT["views_full"].format(n=MAX_VIEWS))
        st.caption(TEXT["views_last"])  # a reload had emptied the list without a word
        if saved:
            st.pills(
                TEXT["views_open"],
                _names(saved),
                key=PICK,
                format_func=common.literal,  # a label is markdown: names are shown as typed
                on_change=_open,
                args=(bundle,),
            )
            st.caption(TEXT["views_links"])
            # In the reader's language: a view saved in English had kept an English link.
            root, specs = link.split("?")[0].rsplit("/", 1)[0], bundle.controls_in(language())
            for view in saved:
                query = link_query(values_in(bundle, view, language()), specs)
                url = _page_link(root, view.page, query) if root else view.link
                st.markdown(f"[{common.literal(view.name)}](<{url}>)")


def views_of(bundle: Bundle) -> list[SavedView]:
    """The named views saved on this dataset (another dataset's choices mean nothing here)."""
    return [v for v in st.session_state.get(VIEWS, []) if v.fingerprint == bundle.fingerprint]


def _names(saved: list[SavedView]) -> list[str]:
    return [v.name for v in saved]


@common.speaking_callback
def _save() -> None:
    page, lang, values, link, fingerprint = st.session_state[VALUES]
    everything: list[SavedView] = st.session_state.setdefault(VIEWS, [])
    saved = [v for v in everything if v.fingerprint == fingerprint]
    name = st.session_state.get(NAME, "").strip() or TEXT["views_default"].format(n=len(saved) + 1)
    if name == TEXT["compare_now"]:  # the Compare page's word for the current view
        name += " (1)"
    kept = [v for v in everything if not (v.name == name and v.fingerprint == fingerprint)]
    if len([v for v in kept if v.fingerprint == fingerprint]) >= MAX_VIEWS:
        return
    st.session_state[VIEWS] = [*kept, SavedView(name, page, lang, values, link, fingerprint)]
    st.session_state[NAME] = ""


@common.speaking_callback
def _open(bundle: Bundle) -> None:
    """Put a named view's choices back (in today's language) and go to its page."""
    name = st.session_state.get(PICK)
    st.session_state[PICK] = None
    view = next((v for v in views_of(bundle) if v.name == name), None)
    if view is None:
        return
    for key, value in values_in(bundle, view, language()).items():
        st.session_state[key] = value
    st.session_state[NEXT_PAGE] = view.page


def values_in(bundle: Bundle, view: SavedView, lang: str) -> dict:
    """A view's control values with each single choice's label in language `lang`."""
    before, now = bundle.controls_in(view.lang), bundle.controls_in(lang)
    out = {}
    for key, value in view.values.items():
        spec = now.get(key)
        if spec is None:
            continue
        if key in before and spec.values:
            value = relabel(value, before[key], spec)
        out[key] = list(value) if spec.kind == "multi" else value
    return out


def filter_state(bundle: Bundle, view: SavedView) -> cxlib.FilterState:
    return view_of(view.values, bundle.controls[view.lang][0])


# --- the report -----------------------------------------------------------------------------


def report_button(bundle: Bundle, view: cxlib.FilterState, page: str, title: str) -> None:
    """One click: the page as drawn in this run, as an HTML file that opens offline."""
    sections = list(st.session_state.get(common.REPORT, []))
    if not sections:
        return
    line = common.report_text(common.view_line(bundle, view, page))
    head = [] if page == "compare" else [Section(paragraphs=(line,))]  # Compare says its own
    listed = st.session_state.get(ACTIONS)
    if page == "drivers" and listed and listed.items:
        sections.append(Section(heading=TEXT["actions_title"], table=actions_table(listed)))
    lang = language()
    document = {
        "title": f"{title} · {TEXT['app_title']}",
        "dataset": bundle.data.manifest.shown_name(),
        "link": st.session_state.get(VALUES, ("", "", {}, "", ""))[3],
        "made": datetime.datetime.now(datetime.UTC),
        "sections": [*head, *sections],
        "lang": lang,
        "labels": {k: TEXT[f"report_{k}"] for k in ("dataset", "made", "link")},
    }
    st.divider()
    st.download_button(
        TEXT["report_download"],
        data=lambda: report_html(**document),  # built on the click, not on every rerun
        file_name=f"cx-ex-{page}-{document['made']:%Y-%m-%d}.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(TEXT["report_help"])


# --- the action list ------------------------------------------------------------------------


def labels() -> dict[str, str]:
    """The action list's words in the current language (cxlib.actions' keys)."""
    keys = ("title", "dataset", "theme", "why", "owner", "due", "notes", "why_template")
    words = {k: TEXT[f"actions_{k}"] for k in keys}
    words |= {k: TEXT[f"actions_{k}"] for k in ("impact", "impact_low", "impact_high")}
    words |= {"score": TEXT["actions_score"], "quadrant": TEXT["column_quadrant"]}
    words |= {code.value: QUADRANTS[code] for code in QUADRANTS}
    if language() == "fi":
        words["date"] = "{d.day}.{d.month}.{d.year}"
    return words


COLUMNS = ("theme", "why", "owner", "due", "notes")


def action_rows(listed: actions.ActionList, words: dict[str, str]) -> pl.DataFrame:
    """One row per action: theme, why (in words), owner, due (a date), notes."""
    return pl.DataFrame(
        {
            "theme": [data_name(a.theme) for a in listed.items],  # shown in the reader's words
            "why": [actions.why(a, words, decimal_mark()) for a in listed.items],
            "owner": [a.owner for a in listed.items],
            "due": [a.due for a in listed.items],
            "notes": [a.notes for a in listed.items],
        },
        schema={c: pl.Date if c == "due" else pl.String for c in COLUMNS},
    )


def actions_table(listed: actions.ActionList) -> pl.DataFrame:
    """The list as a table for the report: the language's headers and dates."""
    words = labels()
    date = words.get("date", "{d:%Y-%m-%d}")
    dates = ["" if a.due is None else date.format(d=a.due) for a in listed.items]
    return (
        action_rows(listed, words)
        .with_columns(pl.Series("due", dates, dtype=pl.String))
        .rename({c: words[c] for c in COLUMNS})
    )


def action_panel(bundle: Bundle, priorities) -> None:
    """Drivers: pick development areas into the action list, give each an owner, a due date
    and notes, and take the list away (Markdown, CSV, or a file that reloads)."""
    listed: actions.ActionList = st.session_state.get(ACTIONS) or actions.ActionList(
        dataset=bundle.data.manifest.name[:200]  # the data's own name: shown in words
    )
    st.subheader(TEXT["actions_title"])  # not in the report as drawn: report_button adds it
    st.caption(TEXT["actions_help"])
    rows = {r["driver"]: r for r in priorities.iter_rows(named=True)}
    open_themes = [t for t in rows if t not in listed.themes]
    picked = common.multiselect(
        TEXT["actions_pick"],
        open_themes,
        key="actions_pick",
        max_selections=max(actions.MAX_ACTIONS - len(listed.items), 1),
        placeholder=TEXT["actions_pick_hint"],
        format_func=data_name,  # picked and kept by the data's own name
    )
    if st.button(TEXT["actions_add"], disabled=not picked or listed.full, icon=":material/add:"):
        for theme in picked:
            try:
                listed = listed.add(actions.action_from_priority(rows[theme]))
            except ValueError:
                shown = common.literal(data_name(theme))
                st.warning(TEXT["actions_no_estimate"].format(theme=shown))
        st.session_state[ACTIONS] = listed
        st.session_state.pop("actions_pick", None)
        st.rerun()
    if listed.items:
        edited = _edit(listed)
        st.session_state[ACTIONS] = edited
        # A row ticked Remove: redraw without it. An owner, date or note typed: the link and
        # the address bar, made before this panel ran, carry the list as it was; once more,
        # and they carry the edit (a shared link had lost the last one).
        if edited != listed:
            st.rerun()
        _exports(edited, bundle.data.manifest)
    else:
        st.info(TEXT["actions_empty"], icon=":material/checklist:")
    loaded = common.file_uploader(TEXT["actions_load"], ["json"], "actions_file")
    if loaded is not None and st.session_state.get("actions_loaded") != loaded.file_id:
        try:
            st.session_state[ACTIONS] = actions.from_json(loaded.getvalue())
            st.session_state["actions_loaded"] = loaded.file_id
            st.rerun()
        except DataError as error:
            st.error(TEXT["actions_bad_file"])
            for problem in error.problems:
                st.text("• " + str(problem))


def _edit(listed: actions.ActionList) -> actions.ActionList:
    """Owner, due date and notes typed in a table; a ticked row leaves the list."""
    words = labels()
    frame = action_rows(listed, words).with_columns(remove=pl.lit(False))
    edited = st.data_editor(
        frame,
        column_config={
            "theme": st.column_config.TextColumn(words["theme"], disabled=True),
            # Wider: it had read '… luottamusväli 1–'. Last, so that the checkbox to remove a
            # row stays on the screen however long the basis is.
            "why": st.column_config.TextColumn(words["why"], disabled=True, width="large"),
            "owner": st.column_config.TextColumn(words["owner"], max_chars=200),
            "due": st.column_config.DateColumn(
                words["due"], format="D.M.YYYY" if language() == "fi" else "YYYY-MM-DD"
            ),
            "notes": st.column_config.TextColumn(words["notes"], max_chars=2000, width="medium"),
            "remove": st.column_config.CheckboxColumn(TEXT["actions_remove"]),
        },
        # What a reader types first, after the theme: on a phone the grid shows about two
        # columns, and the read-only reason had pushed owner and due date off the screen.
        column_order=("theme", "owner", "due", "notes", "remove", "why"),
        hide_index=True,
        placeholder="",  # an empty cell, not the word "None"
        width="stretch",
        key=f"actions_table_{len(listed.items)}_{hash(listed.themes)}",
    )
    # The basis in full: a grid cell cuts it at the screen's edge ('…, henkilöstön…').
    with st.expander(words["why"], icon=":material/info:"):
        for row in frame.iter_rows(named=True):
            st.caption(f"**{common.literal(row['theme'])}**: {common.literal(row['why'])}")
    # Rows stay in the list's order (none added or deleted); a row's theme is shown in words.
    for theme, row in zip(listed.themes, edited.iter_rows(named=True), strict=True):
        if row["remove"]:
            listed = listed.remove(theme)
            continue
        try:
            listed = listed.update(
                theme, owner=row["owner"] or "", due=row["due"], notes=row["notes"] or ""
            )
        except ValueError:  # pydantic refuses it (too long): keep what was there, say so
            st.warning(TEXT["actions_bad_edit"].format(theme=common.literal(row["theme"])))
    return listed


def _in_words(listed: actions.ActionList, manifest: cxlib.Manifest) -> actions.ActionList:
    """The list with its themes and dataset in the reader's words, for the files people read.
    A list started on this dataset in either language names it in the current one; another
    dataset's name is shown as it was kept."""
    items = tuple(a.model_copy(update={"theme": data_name(a.theme)}) for a in listed.items)
    ours = listed.dataset in {manifest.name[:200], (manifest.name_fi or manifest.name)[:200]}
    dataset = manifest.shown_name()[:200] if ours else listed.dataset
    return listed.model_copy(update={"items": items, "dataset": dataset})


def _exports(listed: actions.ActionList, manifest: cxlib.Manifest) -> None:
    words, read = labels(), _in_words(listed, manifest)  # the reloading file keeps the names
    day = datetime.date.today().isoformat()
    columns = st.columns([1, 1, 2])  # the reloading file's label is the long one (Finnish)
    files = (
        ("md", "text/markdown", actions.to_markdown(read, words, decimal_mark()).encode("utf-8")),
        ("csv", "text/csv", actions.to_csv(read, words, decimal_mark())),
        ("json", "application/json", actions.to_json(listed)),
    )
    for column, (kind, mime, data) in zip(columns, files, strict=True):
        column.download_button(
            TEXT[f"actions_download_{kind}"],
            data=data,
            file_name=f"action-list-{day}.{kind}",
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
    if common.private():
        st.caption(TEXT["actions_private"])
    elif not actions.fits_link(listed):
        st.caption(TEXT["actions_too_long"])
    else:
        st.caption(TEXT["actions_in_link"])
