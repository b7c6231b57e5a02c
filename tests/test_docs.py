"""docs/data.md describes the contract that cxlib enforces, column for column."""

import re

import pytest

from cxlib.contract import TABLES

from .conftest import ROOT, open_app

DATA_MD = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def documented_columns(table: str) -> set[str]:
    section = DATA_MD.split(f"### {table} ")[1].split("###")[0]
    return set(re.findall(r"^\| (\w+) \|", section, flags=re.MULTILINE)) - {"column"}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_contract_column_is_documented(table):
    assert documented_columns(table.name) == {c.name for c in table.columns}


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("---")[0]
    assert "pip install -r requirements.txt && streamlit run app.py" in head
    assert "pip install -r requirements-dev.txt && pytest" in head
    assert "pip install -r requirements-dev.txt && pytest" in (ROOT / ".ci" / "run").read_text()


def test_readme_python_example_runs(capsys):
    """The README's "Using cxlib from Python" block runs as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using cxlib from Python")[1].split("```python")[1].split("```")[0]
    exec(compile(block, "README.md", "exec"), {})
    assert "The data could not be loaded" in capsys.readouterr().out


def test_scale_md_s_serving_example_runs_as_written(tmp_path, monkeypatch, sample):
    """The example opening a cube folder lacked `import cxlib` (NameError at its last line)."""
    from cxlib.cubefile import stored_cube, write_cube

    scale = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```python\n(.*?)```", scale, re.DOTALL) if "open_cube(" in b]
    write_cube(stored_cube(sample), tmp_path / "cube")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "scale.md", "exec"), {})  # a fresh namespace, as a new notebook


def test_readme_import_example_runs(tmp_path, monkeypatch, sample):
    """The README's import block runs as written on a Qualtrics staff export and a
    SurveyMonkey customer workbook."""
    from . import survey_exports as se

    tables = se.study(sample)
    (tmp_path / "staff.csv").write_bytes(se.qualtrics(tables["employee_responses"], "staff"))
    (tmp_path / "customers.xlsx").write_bytes(
        se.surveymonkey(tables["customer_responses"], "customers", xlsx=True)
    )
    monkeypatch.chdir(tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Using cxlib from Python")[1].split("```python")[2].split("```")[0]
    assert "import_exports" in block
    exec(compile(block, "README.md", "exec"), {})


def first_look_figures(engine) -> dict[str, str]:
    """docs/data.md's "first look" sentences, with numbers computed here from the engine."""
    import cxlib
    from cxlib import FilterState

    units = engine.unit_table(FilterState(), full=False)
    gap = cxlib.touch_gap(units)
    test = cxlib.compare_companies(units.table, units.pair)
    adjusted = cxlib.channel_gaps(
        engine.unit_table(FilterState(), by="channel", per_period=True, full=False)
    )
    r_by = {
        by: dict(
            cxlib.correlation_by(engine.unit_table(FilterState(), by=by, full=False), by)
            .select(by, "r")
            .iter_rows()
        )
        for by in ("channel", "role")
    }
    lags = cxlib.cross_lagged(engine.unit_table(FilterState(), per_period=True, full=False))
    drivers, _ = cxlib.theme_drivers(units, n_boot=200)
    share = dict(drivers.table.select("driver", "percent").iter_rows())
    fisher = gap.comparison.p_value
    channel, role = r_by["channel"], r_by["role"]
    return {
        "touch": f"r = {gap.high.r:.2f} in high-touch units vs {gap.low.r:.2f} in low-touch",
        "companies": f"(slope gap {test.difference:+.2f} CX points per EX point) the "
        f"randomisation test over the 8 companies' classes p = {test.p_value:.3f} "
        f"({test.deals} deals)",
        "fisher": f"Fisher's z over units p {'< 0.001' if fisher < 0.001 else f'= {fisher:.3f}'}",
        "adjusted": f"adjusted for channel mix the slope gap is {adjusted.adjusted:+.2f} CX "
        f"points per EX point (p = {adjusted.p_value:.3f}; {adjusted.crude:+.2f} at each "
        "class's own mix)",
        "channels": f"in-person {channel['in-person']:.2f}, phone {channel['phone']:.2f}, "
        f"digital {channel['digital']:.2f}",
        "roles": f"customer-facing staff {role['customer-facing']:.2f} vs back-office "
        f"{role['back-office']:.2f}",
        "lags": f"EX(t)→CX(t+1) {lags.ex_leads.r:.2f} vs CX(t)→EX(t+1) {lags.cx_leads.r:.2f} "
        f"(within units {lags.ex_leads_within.r:.2f} vs {lags.cx_leads_within.r:.2f})",
        "drivers": f"supervisor support {share['Supervisor support']:.0f}%, enablement "
        f"{share['Enablement']:.0f}%, ..., wellbeing {share['Wellbeing']:.0f}%",
        "hidden": f"{units.hidden.cells} unit-periods are left out, {units.hidden.units} units "
        "entirely",
        "size": f"{units.table.height} of {engine.dimensions.units.height} units",
    }


def test_first_look_figures_are_the_engines(engine):
    """Every figure of docs/data.md's "first look" is what the engine computes now: the
    sentences are rebuilt here from cxlib results and must appear verbatim."""
    text = " ".join(DATA_MD.split())
    missing = {k: v for k, v in first_look_figures(engine).items() if v not in text}
    assert not missing, missing


def test_the_data_page_shows_the_method_of_every_verdict_where_the_captions_point():
    """Method notes pointed readers to 'docs/statistics.md', a file they cannot open from the
    app. The Data page now shows that document, a section per expander, and every section a
    note points to (Methods §N) is one of its numbered headings, in both languages."""
    from cxlib import strings, strings_fi
    from cxlib.method import STATISTICS, sections

    document = STATISTICS.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", document, flags=re.MULTILINE)
    numbered = {h.split(".")[0] for h in headings if h[0].isdigit()}
    for texts in (strings.TEXT_EN, strings_fi.TEXT_FI):
        cited = re.findall(r"(?:Methods|Menetelmät) §(\d+)", " ".join(texts.values()))
        assert cited and set(cited) <= numbered, cited
        assert not [k for k, v in texts.items() if "docs/statistics.md" in v]
    at = open_app("data")
    shown = [e.label for e in at.expander]
    first = shown.index(headings[0])
    assert shown[first - 1 : first + len(headings)] == ["Where the analyses start", *headings]
    assert any("Multilevel model" in m.value for m in at.markdown)
    assert sections(ROOT / "no-such-file.md") == ("", ())


def numbers(text: str, decimal: str) -> set[float]:
    """The figures a text states (a decimal comma or point, thousands spaced or with commas),
    less the years of its references."""
    thousands = r"(?:[ \u00a0]\d{3})*" if decimal == "," else r"(?:,\d{3})*"
    found = re.findall(rf"\d+{thousands}(?:\{decimal}\d+)?", text)
    separator = {",": ("[ \u00a0]", ","), ".": (",", ".")}[decimal]
    read = {float(re.sub(separator[0], "", f).replace(separator[1], ".")) for f in found}
    return {n for n in read if not 1900 <= n <= 2030}


@pytest.mark.parametrize("name", ["statistics", "survey-design"])
def test_each_finnish_summary_matches_its_document_section_for_section(name):
    """Finnish readers met the method of every verdict, and the research behind the design
    kit, in English only. Each document now has a plain-language Finnish summary with its
    sections one for one (the notes' Menetelmät §N lands on the same method), and the
    summary states no figure its English section does not."""
    from cxlib.method import DOCS, plain, sections

    document = DOCS / f"{name}.md"
    english, finnish = sections(document), sections(plain(document, "fi"))
    assert plain(document, "en") is None and len(finnish[1]) == len(english[1]) >= 4
    for (heading, text), (otsikko, teksti) in zip(english[1], finnish[1], strict=True):
        assert heading.split(".")[0] == otsikko.split(".")[0] or not heading[0].isdigit()
        invented = numbers(teksti, ",") - numbers(text, ".") - numbers(otsikko, ",")
        assert len(teksti) > 40 and not invented, (otsikko, invented)


@pytest.mark.parametrize("page", ["data", "surveys"])
def test_finnish_readers_see_the_summary_above_each_section_s_english_text(page):
    """In Finnish the Data page's Methods and the Surveys page's research show the Finnish
    headings, each section's summary and then its English text; no English heading is left."""
    from cxlib.method import STATISTICS, SURVEY_DESIGN, plain, sections

    document = STATISTICS if page == "data" else SURVEY_DESIGN
    english, finnish = sections(document), sections(plain(document, "fi"))
    at = open_app(page, lang="fi")
    shown = [e.label for e in at.expander]
    headings = [otsikko for otsikko, _ in finnish[1]]
    first = shown.index(headings[0])
    assert shown[first : first + len(headings)] == headings
    if page == "data":
        assert shown[first - 1] == "Mistä analyysit alkavat"
    texts = [m.value for m in at.markdown]
    for (_, text), (_, teksti) in zip(english[1], finnish[1], strict=True):
        assert texts.index(teksti) + 1 == texts.index(text)  # the summary, then the full text
    assert not set(shown) & {heading for heading, _ in english[1]}


def test_the_design_kit_shows_the_research_behind_its_rules():
    """The kit's rules ended 'See docs/survey-design.md for the sources': the Surveys page now
    shows that document's sections, its sources among them, under the rules."""
    from cxlib.method import SURVEY_DESIGN, sections

    _, parts = sections(SURVEY_DESIGN)
    at = open_app("surveys")
    shown = [e.label for e in at.expander]
    assert [heading for heading, _ in parts] == [h for h in shown if h in dict(parts)]
    assert "Sources" in dict(parts) and "docs/survey-design.md" not in " ".join(
        m.value for m in at.markdown
    )


def test_readers_see_the_methods_without_file_names_and_developers_find_every_file():
    """The Data page shows docs/statistics.md to readers, who cannot open `cxlib/companies.py`
    or `tests/test_splits.py`: the sections as shown name no file. The document itself keeps a
    paragraph for developers in each numbered section (an open-source methods appendix is
    checked against its code), and every file one names exists."""
    from cxlib.method import FOR_DEVELOPERS, STATISTICS, sections

    opening, parts = sections(STATISTICS)
    shown = "\n".join([opening, *(text for _, text in parts)])
    assert not re.findall(r"[\w/]+\.py\b", shown)
    assert FOR_DEVELOPERS not in shown
    document = STATISTICS.read_text(encoding="utf-8")
    numbered = r"^## (\d+\.[^\n]+)\n(.*?)(?=^## |\Z)"
    found = re.findall(numbered, document, re.M | re.S)
    assert len(found) == 10
    for heading, body in found:
        notes = [p for p in body.split("\n\n") if p.strip().startswith(FOR_DEVELOPERS)]
        assert len(notes) == 1, heading
        named = re.findall(r"`([\w/]+\.py)`", notes[0])
        assert named and all((ROOT / path).is_file() for path in named), (heading, named)
