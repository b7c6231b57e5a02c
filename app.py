"""Entry point: page set-up, the dataset, and navigation over the pages in pages/."""

import streamlit as st

import cxlib
from cxlib.strings import TEXT

st.set_page_config(page_title=TEXT["app_title"], page_icon=":material/hub:", layout="wide")


@st.cache_resource(show_spinner=TEXT["loading_sample"])
def sample_dataset() -> cxlib.Dataset:
    return cxlib.load_sample()


st.session_state["dataset"] = sample_dataset()

pages = [
    st.Page(
        "pages/overview.py",
        title=TEXT["page_overview"],
        icon=":material/insights:",
        default=True,
    ),
]
st.navigation(pages).run()
