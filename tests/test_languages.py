"""Finnish and English: the same keys and blanks in both, numbers written each language's way,
and every page drawn in Finnish with no English sentence left in it."""

import json
import re
import string

import pytest

import cxlib
from cxlib import strings, strings_fi
from cxlib.contract import TABLES, item_column
from cxlib.strings import TEXT, counted, file_size, number, speaking

from .conftest import one_action, open_app
from .test_app import PAGES

PAIRS = ["TEXT", "CAVEATS", "QUADRANTS", "NOTICES", "INACTIVE", "REFERENCES"]


def blanks(text: str) -> set[tuple[str, str]]:
    """The {name:spec} blanks of a text."""
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", PAIRS)
def test_both_languages_have_the_same_keys_and_blanks(name):
    """Every English text has a Finnish one with the same blanks (a missing {n} or a changed
    spec would break the page or show another number)."""
    english, finnish = getattr(strings, f"{name}_EN"), getattr(strings_fi, f"{name}_FI")
    assert set(english) == set(finnish)
    for key, text in english.items():
        pieces = (text,) if isinstance(text, str) else text
        shown = (finnish[key],) if isinstance(text, str) else finnish[key]
        for en, fi in zip(pieces, shown, strict=True):
            assert blanks(en) == blanks(fi), key
            assert fi.strip(), key


def test_finnish_numbers_have_a_decimal_comma_and_spaced_thousands():
    """0.31 → 0,31; 12,345 → 12 345; 23% → 23 %; a file of 1,234.6 KB is 1 234,6 kt; English
    unchanged."""
    with speaking("fi"):
        assert number(0.3149, ".2f") == "0,31"
        assert number(12345, ",") == "12\u00a0345"
        assert number(0.234, ".0%") == "23\u00a0%"
        assert number(-1.5, "+.1f") == "\u22121,5"
        assert TEXT["r_with_ci"].format(r=0.52, low=0.41, high=0.61, n=1202) == (
            "r = 0,52 [0,41; 0,61], n = 1202"
        )
        assert TEXT["file_size_kb"].format(kb=1234.56) == "1\u00a0234,6 kt"
        assert [file_size(n) for n in (1, 16, 1023, 1024)] == [
            "1 tavu",
            "16 tavua",
            "1023 tavua",
            "1,0 kt",
        ]
    assert TEXT["file_size_kb"].format(kb=1234.56) == "1,234.6 KB"
    assert [file_size(n) for n in (1, 16, 1536)] == ["1 byte", "16 bytes", "1.5 KB"]
    assert number(0.3149, ".2f") == "0.31"
    assert number(12345, ",") == "12,345"
    assert TEXT["r_with_ci"].format(r=0.52, low=0.41, high=0.61, n=1202) == (
        "r = 0.52 [0.41, 0.61], n = 1202"
    )


def test_a_count_of_one_takes_the_singular_in_both_languages():
    """'1 file', '1 tiedosto', '1 ongelma': the upload had said '1 files' and '1 tiedostoa';
    any other count keeps its plural (the Finnish partitive)."""
    assert [counted("n_files", n) for n in (1, 2, 0)] == ["1 file", "2 files", "0 files"]
    assert counted("n_problems", 1) == "1 problem"
    with speaking("fi"):
        assert [counted("n_files", n) for n in (1, 3)] == ["1 tiedosto", "3 tiedostoa"]
        assert counted("n_problems", 1) == "1 ongelma"
        assert counted("n_problems", 12) == "12 ongelmaa"


def test_an_unknown_language_is_english():
    """?lang=xx cannot break the app: it speaks English."""
    assert strings.use_language("xx") == "en" and TEXT["page_drivers"] == "Drivers"


def page_text(at) -> str:
    """Every text a reader sees in the main area and the sidebar: elements, widget and
    expander labels, HTML tables, and the charts' titles, axes and labels."""
    parts = []
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "success", "metric")
    for kind in (*kinds, "expander", "tab", "selectbox", "multiselect", "radio", "toggle"):
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")) + str(getattr(element, "label", "")))
    parts += [e.proto.body for e in at.get("html")]
    parts += [
        json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart")
    ]
    return "\n".join(parts)


ENGLISH_ONLY = sorted(
    {
        v
        for k, v in strings.TEXT_EN.items()
        if len(v) > 15 and v != strings_fi.TEXT_FI[k] and "{" not in v
    }
)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_finnish_with_no_english_sentence_left(page):
    """?lang=fi: the page runs, its title is Finnish, and no English text of the app is shown
    (but the method documents on the Data and Surveys pages, in English only, as their
    Finnish captions say)."""
    from cxlib.method import STATISTICS, SURVEY_DESIGN, sections

    at = open_app(page, lang="fi")
    shown = page_text(at)
    for document in (STATISTICS, SURVEY_DESIGN):
        opening, parts = sections(document)
        for text in (opening, *(t for part in parts for t in part)):
            shown = shown.replace(text, "")
    finnish_titles = {v.split("{")[0] for v in strings_fi.TEXT_FI.values()}
    assert at.title and any(at.title[0].value.startswith(t) for t in finnish_titles if t)
    left = [v for v in ENGLISH_ONLY if v in shown]
    assert not left, left[:3]


def test_the_same_numbers_in_both_languages_with_a_decimal_comma_in_finnish():
    """The Overview's headline r is the same number, written 0.45 in English and 0,45 in
    Finnish."""
    english = [m.value for m in open_app("overview").metric]
    finnish = [m.value for m in open_app("overview", lang="fi").metric]
    assert len(english) == len(finnish) == 2
    for en, fi in zip(english, finnish, strict=True):
        assert "." in en and fi == en.replace(".", ",")


def test_channels_and_roles_are_words_in_finnish_and_codes_in_the_view():
    """?lang=fi&channel=puhelin shows 'puhelin' and filters the phone channel; an English
    link's channel=phone still opens the same view."""
    finnish = open_app("overview", lang="fi", channel=["puhelin"], role=["taustatoiminnot"])
    english = open_app("overview", channel=["phone"], role=["back-office"])
    for at in (finnish, english):
        view = at.session_state["view"]
        assert view.channels == ("phone",) and view.roles == ("back-office",)
    assert finnish.sidebar.multiselect(key="channel").value == ["puhelin"]


def test_a_language_switch_keeps_every_choice_by_meaning():
    """Units, High touch and the phone channel chosen in English are Yksiköt, Paljon
    kohtaamisia and puhelin after switching to Finnish: the same view, in other words."""
    at = open_app("overview", touch="High", channel=["phone"])
    before = at.session_state["view"]
    at.sidebar.button_group(key="lang").set_value("fi").run()
    after = at.session_state["view"]
    assert after.touch == before.touch == ("high",) and after.channels == ("phone",)
    assert at.sidebar.radio(key="touch").value == "Paljon kohtaamisia"
    assert at.sidebar.multiselect(key="channel").value == ["puhelin"]


def test_a_link_in_the_other_language_keeps_every_choice_by_meaning():
    """An English link opened in Finnish (?lang=fi added by hand, or a reader's own language)
    gives the same view, in Finnish words, and says nothing was ignored: the labels are what
    links carry, and each language's labels stand for the same choices."""
    english = {"touch": "Low", "cx": "Recommend", "channel": ["phone", "digital"]}
    at = open_app("overview", lang="fi", level="Companies", **english)
    same = open_app("overview", level="Companies", **english)
    assert at.session_state["view"] == same.session_state["view"]
    assert at.session_state["view"].touch == ("low",)
    assert at.sidebar.radio(key="touch").value == "Vähän kohtaamisia"
    assert at.sidebar.multiselect(key="channel").value == ["puhelin", "digitaalinen"]
    assert not at.sidebar.warning


def test_a_finnish_link_made_before_the_touch_words_changed_keeps_its_choice():
    """Finnish named the touch classes Korkea and Matala before the sidebar used the results'
    words (Paljon / Vähän kohtaamisia): links shared then still open their class."""
    for old, meant in (("Korkea", ("high",)), ("Matala", ("low",))):
        at = open_app("overview", lang="fi", touch=old)
        assert at.session_state["view"].touch == meant and not at.sidebar.warning


def test_a_link_read_in_this_language_still_gets_the_rest_of_its_first_run():
    """Read in Finnish, an English link is still read whole on its first run: the action list
    it carries is taken in, and a value its notice says was ignored (an Arabic-Indic ٣ for the
    lag) is put back to the default rather than used. A review found both lost when the
    reading ended the first run early."""
    from cxlib.actions import to_token

    token = to_token(one_action(owner="Anna"))
    at = open_app("drivers", lang="fi", touch="High", actions=token, lag="\u0663")
    assert at.session_state["view"].touch == ("high",) and at.session_state["view"].lag == 0
    assert [a.owner for a in at.session_state["actions"].items] == ["Anna"]
    [warning] = [w.value for w in at.sidebar.warning]
    assert warning.startswith("Arvo ”\u0663” ohitettiin kohdassa Viive")  # the slider's label
    assert "Arvoksi käy kokonaisluku 0–" in warning


def test_a_value_repeated_in_a_link_is_quoted_as_the_link_said_it():
    """touch=High&touch=Nonsense read in Finnish: one value counts (the last, unusable), and
    the notes quote High and Nonsense, never the Finnish word the link did not contain."""
    at = open_app("overview", lang="fi", touch=["High", "Nonsense"])
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "”High”" in warnings and "”Nonsense”" in warnings and "”Paljon" not in warnings


def test_a_choice_given_twice_takes_the_last_as_its_note_says():
    """level=Companies&level=Units: the note says Companies was ignored, so the view is at the
    unit level (the bound widget had taken the first, Companies); the same for a lag."""
    at = open_app("overview", level=["Companies", "Units"], lag=["2", "1"])
    assert (at.session_state["view"].level, at.session_state["view"].lag) == ("units", 1)
    assert at.sidebar.button_group(key="level").value == "Units"
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "'Companies'" in warnings and "'2'" in warnings


def test_a_value_no_language_knows_is_still_said_and_dropped():
    at = open_app("overview", lang="fi", touch="Hgh")
    assert at.session_state["view"].touch == ()
    assert "Hgh" in at.sidebar.warning[0].value


def test_every_part_of_the_data_contract_has_its_own_finnish_description():
    """Each table and column of the contract is described in Finnish too, in other words than
    the English (a copied English text would pass a check for presence alone)."""
    described = [*TABLES, *(c for t in TABLES for c in t.columns), item_column("q1")]
    for part in described:
        assert part.description_fi.strip() and part.description_fi != part.description, part
    with speaking("fi"):
        assert all(part.meaning == part.description_fi for part in described)
    assert all(part.meaning == part.description for part in described)


def test_the_data_page_describes_the_contract_in_the_readers_language():
    """?lang=fi on the Data page: every table of the contract is introduced in Finnish, and its
    columns are listed under Finnish headers with Finnish kinds and meanings; without the
    language the same page is in English."""
    finnish, english = open_app("data", lang="fi"), open_app("data")
    for at, lang in ((finnish, "fi"), (english, "en")):
        labels = [e.label for e in at.expander]
        frames = [e.value for e in at.dataframe]
        with speaking(lang):
            headers = TEXT["contract_headers"].split(",")
            for table in TABLES:
                assert f"{table.name}: {table.meaning}" in labels
                shown = next(
                    f for f in frames if list(f.iloc[:, 0]) == [c.name for c in table.columns]
                )
                assert list(shown.columns) == headers
                assert list(shown[headers[4]]) == [c.meaning for c in table.columns]
                assert list(shown[headers[1]]) == [TEXT[f"kind_{c.kind}"] for c in table.columns]
    shown_fi = page_text(finnish)
    assert not [t.description for t in TABLES if t.description in shown_fi]


def test_the_sample_introduces_itself_in_finnish():
    """?lang=fi: the Overview's synthetic-data notice and the Data page's heading and text are
    the sample's Finnish words, with none of its English description left."""
    from cxlib.sample import DESCRIPTION, DESCRIPTION_FI

    overview, data = open_app("overview", lang="fi"), open_app("data", lang="fi")
    notice = overview.info[0].value  # the description as literal text (markdown escaped)
    assert notice.startswith("**Synteettinen aineisto.** " + DESCRIPTION_FI.split(":")[0])
    assert DESCRIPTION.split(":")[0] not in page_text(overview)
    assert data.subheader[0].value == "Synteettinen esimerkki"
    assert DESCRIPTION_FI in [t.value for t in data.text]


def test_the_counts_a_reviewer_found_english_or_ungrouped_are_finnish_and_grouped():
    """The presentation line said '4 chosen' in Finnish; Over time's '4418 paria' had no
    thousands space; one unit read '1 liiketoimintayksikköä'; and 'Lataa' named both the
    upload and the downloads beside it."""
    four = ["Airlines", "Banks", "Hotels", "Supermarkets"]
    presenting = open_app(lang="fi", present="true", industry=four)
    line = presenting.main.caption[0].value
    assert "4 valittu" in line and "chosen" not in line
    over_time = " ".join(c.value for c in open_app("over_time", lang="fi").caption)
    assert re.search(r"\d\u00a0\d{3} paria", over_time), over_time
    with speaking("fi"):
        assert counted("business_units", 1) == "1 liiketoimintayksikkö"
        assert counted("business_units", 1200) == "1\u00a0200 liiketoimintayksikköä"
        assert TEXT["upload"].startswith("Tuo") and TEXT["actions_load"].startswith("Tuo")


def test_english_negatives_use_the_minus_sign_of_the_charts():
    assert number(-0.1, ".2f") == "\u22120.10" and number(0.1, "+.2f") == "+0.10"
    assert TEXT["r_with_ci"].format(r=-0.52, low=-0.61, high=-0.41, n=12) == (
        "r = \u22120.52 [\u22120.61, \u22120.41], n = 12"
    )


SAMPLE_THEMES_FI = {
    "Supervisor support": "Esihenkilön tuki",
    "Enablement": "Työn edellytykset",
    "Engagement": "Työn imu",
    "Customer focus": "Asiakaslähtöisyys",
    "Service reliability": "Palvelun luotettavuus",
    "Wellbeing": "Työhyvinvointi",
}
"""The sample's themes as a Finnish workshop reads them (its manifest's names_fi)."""


@pytest.mark.parametrize("page", ["linkage", "drivers"])
def test_the_sample_s_themes_are_finnish_in_finnish_and_english_in_english(page):
    """Drivers had said 'teemoja Supervisor support ja Enablement' to a Finnish room: every
    theme the pages name (charts, sentences, tables, pickers) is now the manifest's Finnish
    word in Finnish, and the data's own name in English."""
    finnish, english = page_text(open_app(page, lang="fi")), page_text(open_app(page))
    for name, word in SAMPLE_THEMES_FI.items():
        assert word in finnish and name not in finnish, name
        assert name in english and word not in english, word


def test_a_theme_chosen_by_a_link_opens_in_either_language():
    """A link carries the labels it was made with: an English link's staff theme opens as its
    Finnish word in Finnish, a Finnish link's in English, with no notice of anything ignored."""
    at = open_app("linkage", lang="fi", pair_ex="Engagement", ex="Wellbeing")
    assert at.selectbox(key="pair_ex").value == "Työn imu" and not at.sidebar.warning
    assert at.session_state["view"].ex_metric == "ex:Wellbeing"
    back = open_app("linkage", pair_ex="Työn imu", ex="Työhyvinvointi")
    assert back.selectbox(key="pair_ex").value == "Engagement" and not back.sidebar.warning
    assert back.session_state["view"].ex_metric == "ex:Wellbeing"


def test_the_action_list_shows_finnish_theme_words_and_keeps_the_data_s_names():
    """In Finnish the action list names its theme in Finnish, and an owner typed beside that
    word reaches the same action, still kept (and reloaded, and linked) by the data's name;
    the files people read say the Finnish word, the file that reloads the data's name."""
    from cxlib import actions
    from cxlib.strings import naming
    from pages import workshop

    at = open_app("drivers", lang="fi", chosen={"actions": one_action()})
    (editor,) = [d for d in at.dataframe if d.proto.editing_mode]
    assert list(editor.value["theme"]) == ["Työn edellytykset"]
    edits = {"edited_rows": {0: {"owner": "Anna"}}, "added_rows": [], "deleted_rows": []}
    at.session_state[f"actions_table_1_{hash(('Enablement',))}"] = edits
    at.run()
    (kept,) = at.session_state["actions"].items
    assert (kept.theme, kept.owner) == ("Enablement", "Anna") and not at.exception
    with speaking("fi"), naming(SAMPLE_THEMES_FI):
        read = workshop._in_words(one_action(), cxlib.load_sample().manifest)
        assert "Työn edellytykset" in actions.to_markdown(read, workshop.labels(), ",")
    assert '"Enablement"' in actions.to_json(one_action()).decode()


def test_the_action_list_names_its_dataset_in_the_language_it_is_read_in():
    """A list started in Finnish was downloaded in English as 'Synteettinen esimerkki': the
    list keeps the data's own name, and the files people read name the dataset in the
    current language, whichever language the list was started (or saved) in; a list of
    another dataset keeps the name it came with."""
    from cxlib import actions
    from pages import workshop

    manifest = cxlib.load_sample().manifest
    at = open_app("drivers", lang="fi")
    at.multiselect(key="actions_pick").select("Enablement").run()
    (add,) = [b for b in at.button if b.label == strings_fi.TEXT_FI["actions_add"]]
    add.click().run()
    assert at.session_state["actions"].dataset == "Synthetic sample"
    for started in ("Synthetic sample", "Synteettinen esimerkki"):
        listed = one_action().model_copy(update={"dataset": started})
        for lang, shown in (("en", "Synthetic sample"), ("fi", "Synteettinen esimerkki")):
            with speaking(lang):
                read = workshop._in_words(listed, manifest)
                text = actions.to_markdown(read, workshop.labels(), ".")
                assert read.dataset == shown and f": {shown}" in text, (started, lang)
    other = one_action().model_copy(update={"dataset": "Acme 2025"})
    with speaking("fi"):
        assert workshop._in_words(other, manifest).dataset == "Acme 2025"


def test_segments_and_industries_are_finnish_in_finnish_and_read_from_either_language():
    """The sample names its customer segments and industries in Finnish: the sidebar offers
    the Finnish words, an English link opens the same view in Finnish (and a Finnish one in
    English) with nothing said to be ignored, and a reclassification picked in Finnish moves
    the industry by its name."""
    english = {"segment": ["Consumer"], "industry": ["Hotels", "Banks"]}
    finnish = {"segment": ["Kuluttaja-asiakkaat"], "industry": ["Hotellit", "Pankit"]}
    at, same = open_app("linkage", lang="fi", **english), open_app("linkage", **finnish)
    for opened in (at, same):
        view = opened.session_state["view"]
        assert (view.segments, view.industries) == (("Consumer",), ("Banks", "Hotels"))
        assert not opened.sidebar.warning
    segment = at.sidebar.multiselect(key="segment")
    assert segment.value == ["Kuluttaja-asiakkaat"] and "Suuryritykset" in segment.options
    assert same.sidebar.multiselect(key="segment").value == ["Consumer"]
    high = at.sidebar.multiselect(key="high_touch")
    assert "Hotellit" in high.value and "Hotels" not in high.options
    high.unselect("Hotellit").run()
    assert at.session_state["view"].reclassify.industries == (("Hotels", "low"),)


def test_results_and_notices_name_segments_and_industries_in_finnish():
    """Linkage's comparison by segment, the Industries page's correlations and hover, and the
    notices naming industries (no unit data, nothing left in a touch class) use the Finnish
    words; none of the English names is left in them."""
    linkage = page_text(open_app("linkage", lang="fi"))
    assert "Kuluttaja-asiakkaat" in linkage and "Consumer" not in linkage
    industries = page_text(open_app("industries", lang="fi"))
    assert "Hotellit" in industries and "Autonvalmistajat" in industries
    assert '"Automobiles' not in industries and '"Hotels' not in industries  # chart labels
    missing = open_app("linkage", lang="fi", industry=["Automobiles"])
    said = " ".join(i.value for i in missing.info)
    assert "Autonvalmistajat" in said and "Hotellit" in said and "Hotels" not in said
    empty = open_app("overview", lang="fi", industry=["Hotels"], touch="Low")
    assert any("Hotellit" in i.value for i in empty.info)


def test_a_language_switch_leaves_the_default_touch_classes_out_of_the_address():
    """The high-touch industries are listed in each language's alphabetical order; switched
    to English, the Finnish order of the same defaults had read as a choice, and the address
    listed all nine industries (the view and its link were right)."""
    at = open_app("overview", lang="fi")
    at.sidebar.button_group(key="lang").set_value("en").run()
    assert "high_touch" not in at.query_params
    assert at.session_state["view"].reclassify.industries == ()
    assert at.sidebar.multiselect(key="high_touch").value[0] == "Airlines"


def test_an_upload_whose_finnish_words_clash_still_draws_linkage_and_drivers():
    """A review uploaded the sample with names_fi giving Engagement the word "Enablement" (and
    two themes one word): Linkage failed (its matrix was pivoted by the words shown) and
    Drivers' ranked table doubled its rows. Those words are not used now: both pages draw,
    with six themes, each once, and the words that clash nowhere still shown."""
    from cxlib.dataset import SAMPLE_DIR
    from cxlib.strings_fi import TEXT_FI
    from pages.common import Upload

    files = {p.name: p.read_bytes() for p in SAMPLE_DIR.iterdir() if p.is_file()}
    manifest = json.loads(files["manifest.json"])
    manifest["names_fi"] = {  # another theme's name; one word for two themes; a good word
        "Engagement": "Enablement",
        "Wellbeing": "Hyvinvointi",
        "Customer focus": "Hyvinvointi",
        "Service reliability": "Luotettavuus",
    }
    files["manifest.json"] = json.dumps(manifest).encode()
    chosen = {"upload": Upload(files), "next_source": TEXT_FI["source_upload"]}
    linkage = open_app("linkage", lang="fi", chosen=chosen)
    options = linkage.selectbox(key="pair_ex").options
    assert options == [
        "Supervisor support",
        "Enablement",
        "Engagement",
        "Customer focus",
        "Luotettavuus",
        "Wellbeing",
    ]
    drivers = open_app("drivers", lang="fi", chosen=chosen)
    picked = drivers.multiselect(key="actions_pick").options
    assert len(picked) == len(set(picked)) == 6
    ranked = next(h.proto.body for h in drivers.get("html") if "Dominanssi" in h.proto.body)
    assert ranked.count("<tr") == 7  # a header and six themes


def test_finnish_words_a_native_reader_stopped_at_read_as_finnish():
    """A Finnish facilitator stopped at four labels in a workshop: 'Uudelleen tuotava
    tiedosto' (a file to produce again?), 'Todennäköisyys suurimpaan vaikutukseen' (not
    grammatical), and a comparison read 'ei voi erottaa' with no object. Each now says what
    it means, and the method note uses the column's own name."""
    fi = strings_fi.TEXT_FI
    assert fi["actions_download_json"] == "Tiedosto myöhempää latausta varten (.json)"
    assert fi["column_p_top"] == "Todennäköisyys olla suurin vaikutus (%)"
    assert fi["split_unclear"] == "ei selvää eroa"
    notes = " ".join(v for v in fi.values() if isinstance(v, str))
    assert "suurimpaan vaikutukseen" not in notes and "Uudelleen tuotava" not in notes
    assert "Todennäköisyys olla suurin vaikutus:" in notes
