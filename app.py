"""Entry point: page set-up, the data source, the global filters (bound to the URL), navigation."""

import logging
import uuid
from pathlib import Path

import pandas  # noqa: F401 (imported before any page runs, see below)
import streamlit as st
from pydantic import ValidationError

from cxlib import malloc
from cxlib.markup import css_text
from cxlib.strings import TEXT, use_language, use_names
from pages import common, sidebar, workshop

# pandas is imported here, where every session's run starts, because plotly peeks at
# sys.modules for it: while one session's st.dataframe was still importing it, another's chart
# read the half-made module ("partially initialized module 'pandas'"; found under load).
ICON = Path(__file__).resolve().parent / "assets" / "icon.svg"  # shipped: no font host needed
LOG = logging.getLogger("cx_ex_explorer")
malloc.tune()  # a server's memory given back, not kept by the allocator (cxlib/malloc.py)

common.opened_link()  # kept before anything can interrupt the first run
use_language(common.chosen_language())  # before any text: the page title is the first
st.set_page_config(
    page_title=TEXT["app_title"],
    page_icon=str(ICON),
    layout="wide",
    initial_sidebar_state="collapsed" if common.presenting() else "auto",
)

PAGES = {
    "overview": st.Page(
        "pages/overview.py", title=TEXT["page_overview"], icon=":material/insights:", default=True
    ),
    "industries": st.Page(
        "pages/industries.py", title=TEXT["page_industries"], icon=":material/factory:"
    ),
    "linkage": st.Page("pages/linkage.py", title=TEXT["page_linkage"], icon=":material/link:"),
    "drivers": st.Page(
        "pages/drivers.py", title=TEXT["page_drivers"], icon=":material/trending_up:"
    ),
    "over_time": st.Page(
        "pages/over_time.py", title=TEXT["page_over_time"], icon=":material/timeline:"
    ),
    "breaks": st.Page("pages/breaks.py", title=TEXT["page_breaks"], icon=":material/scatter_plot:"),
    "compare": st.Page(
        "pages/compare.py", title=TEXT["page_compare"], icon=":material/compare_arrows:"
    ),
    "data": st.Page("pages/data.py", title=TEXT["page_data"], icon=":material/database:"),
    "surveys": st.Page(
        "pages/surveys.py", title=TEXT["page_surveys"], icon=":material/upload_file:"
    ),
}
page = st.navigation(list(PAGES.values()))
# A fresh server ran app.py as a Streamlit 1.67 "pages folder" app until st.navigation, and
# listed every module in pages/ (common, sidebar...) as a page meanwhile. The config hides that
# list; once st.navigation has been reached (once per server), navigation is shown again.
if not st.get_option("client.showSidebarNavigation"):
    st.set_option("client.showSidebarNavigation", True)
    st.rerun()  # the option reaches the browser as the next run starts
page_id = next(key for key, candidate in PAGES.items() if candidate.url_path == page.url_path)
if st.session_state.get(workshop.NEXT_PAGE):  # a named view was picked: open its page
    target = st.session_state.pop(workshop.NEXT_PAGE)
    if target != page_id and target in PAGES:
        # Query parameters are bound to the sidebar's widgets, which Streamlit will not let
        # switch_page clear; an empty set is replaced, and the widgets (their values in the
        # session, the view's) write the view's link again on the page's first run.
        st.switch_page(PAGES[target], query_params={})
REPORTED = ("overview", "industries", "linkage", "drivers", "over_time", "breaks", "compare")

common.gate()  # a private deployment: signed in and allowed, or nothing at all
try:
    bundle = sidebar.source(page_id)
    use_names(bundle.names_fi)  # its names in the reader's language
    view = sidebar.filters(bundle, page_id)
    st.session_state[common.BUNDLE] = bundle
    st.session_state[common.VIEW] = view
    st.html(common.PAGE_STYLE + common.CHOICE_WORDS.format(none=css_text(TEXT["no_matches"])))
    st.html(common.SIDEBAR_CLOSER, unsafe_allow_javascript=True)  # our script, no data in it
    if common.presenting():
        st.html(common.PRESENT_STYLE)
    line = st.empty()  # one place on every run: the page below keeps its elements' places
    told = st.empty()  # the same: what a link opened could not use, where a phone sees it
    data_note = st.empty()  # the same: data a link was made on that is not here, or the sample
    if other := workshop.other_data_note(bundle):
        data_note.warning(other, icon=":material/database_off:")
    elif bundle.data.manifest.synthetic and page_id != "overview":  # the Overview says more
        here = page_id == "surveys"  # not 'they go in on the page Your surveys', on it
        data_note.caption(
            TEXT["sample_marker_here"]
            if here
            else TEXT["sample_marker"].format(page=TEXT["page_surveys"])
        )
    if notes := st.session_state.get(common.LINK_NOTES):
        specs = bundle.specs | bundle.pairs | common.MODE_CONTROLS
        told.warning(
            "\n".join(
                [TEXT["link_notes_intro"], *("- " + common.link_note_text(n, specs) for n in notes)]
            ),
            icon=":material/link_off:",
        )
    filtered = common.exploratory(view) and page_id != "compare"  # Compare says its views
    if page_id in REPORTED and (common.presenting() or filtered):
        # The room's view in one line; and a filtered link's choices, which a phone's folded
        # sidebar hides (an executive saw other numbers than the default and not why).
        line.caption(common.literal(common.view_line(bundle, view, page_id)))
    st.session_state[common.REPORT] = []
    page.run()
    if page_id in REPORTED:
        workshop.report_button(bundle, view, page_id, page.title)
except ValidationError:  # the deployment's [privacy] secrets: never fall back to a weaker floor
    LOG.exception("invalid [privacy] settings in Streamlit secrets")
    st.error(TEXT["bad_settings"], icon=":material/lock:")
except Exception:  # a reader gets a short message and a reference; the log keeps the details
    reference = uuid.uuid4().hex[:8]
    LOG.exception("page %s failed (reference %s)", page_id, reference)
    st.error(TEXT["page_failed"].format(reference=reference), icon=":material/error:")
