"""The load benchmark's bare peer: a Streamlit app with only what its readers click.

The same six page names in the navigation, a "Touch strategy" radio and a "Level" control in
the sidebar, one line of text per page. `python -m bench.load --bare` serves it to the same
thirty browsers, so a run shows what Streamlit itself and this machine allow, and
`--browser-work` adds a fixed amount of the browsers' work per change to find how much the
target can afford.
"""

import streamlit as st

from bench.server import READER_PAGES
from cxlib.strings import TEXT


def page() -> None:
    touch = st.session_state.get("touch", "Both")
    level = st.session_state.get("level", "Units")
    st.write(f"{st.context.url}: touch {touch}, level {level}")


navigation = st.navigation(
    [st.Page(page, title=TEXT[f"page_{name}"], url_path=name) for name in READER_PAGES]
)
with st.sidebar:
    st.radio("Touch strategy", ["Both", "High", "Low"], key="touch", horizontal=True)
    st.segmented_control("Level", ["Units", "Companies"], key="level", default="Units")
navigation.run()
