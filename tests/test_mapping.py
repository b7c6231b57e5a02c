"""The mapping step's edits, as the app makes them: a reader re-themes a column, reverses an
item, numbers an answer no table knew, or marks it no answer; each edit reaches the import."""

import polars as pl
import pytest

from cxlib import importer
from cxlib.exports import read_export
from cxlib.mapping import (
    answer_numbers,
    answer_rows,
    item_rows,
    suggest,
    unread_answers,
    why_not_used,
    with_answers,
    with_item_rows,
)

STAFF = (
    "Timestamp,Which unit do you work in?,My supervisor helps me solve problems,"
    "Hyvä palvelu huomataan täällä\n"
    + "".join(
        f"2/{d}/2024 10:00:00,U{u},{a},{b}\n"
        for u in (1, 2, 3)
        for d, (a, b) in enumerate(
            [
                ("Agree", "Samaa mieltä"),
                ("Mostly", "En osaa sanoa"),
                ("Strongly agree", "Täysin samaa mieltä"),
                ("Disagree", "Eri mieltä"),
                ("Agree", "Samaa mieltä"),
            ],
            start=1,
        )
    )
).encode()
CUSTOMERS = (
    "Timestamp,Which unit served you?,How were you served?,"
    "Staff were empowered to sort out my issue,"
    "Overall how satisfied are you? (0-10),How likely are you to recommend us? (0-10)\n"
    + "".join(
        f"2/{d}/2024 11:00:00,U{u},Online,Agree,{d + 4},{d + 3}\n"
        for u in (1, 2, 3)
        for d in range(1, 6)
    )
).encode()


@pytest.fixture
def exports():
    return read_export("staff.csv", STAFF), read_export("customers.csv", CUSTOMERS)


def test_an_unknown_answer_waits_for_the_reader(exports):
    staff, customers = exports
    mapping = suggest(staff, customers)
    assert unread_answers(mapping.staff, staff) == ["Mostly"]
    rows = answer_rows(mapping.staff, staff)
    assert rows.filter(pl.col("answer") == "En osaa sanoa")["no_answer"].item() is True
    problems = importer.build(staff, customers, mapping).problems
    assert any(p.values == ("Mostly",) * 3 and p.rows == (3, 8, 13) for p in problems)


def test_numbering_it_lets_the_import_through_with_that_number(exports):
    staff, customers = exports
    mapping = suggest(staff, customers)
    rows = answer_rows(mapping.staff, staff).with_columns(
        number=pl.when(pl.col("answer") == "Mostly").then(4.0).otherwise(pl.col("number"))
    )
    side = with_answers(mapping.staff, staff, answer_numbers(rows))
    result = importer.build(staff, customers, mapping.model_copy(update={"staff": side}))
    assert result.problems == ()
    rows = result.tables["employee_responses"]
    # Row 3 ("Mostly", "En osaa sanoa") is left out for its don't-know; "Mostly" was read.
    assert rows["ex_supervisor_support_1"].to_list()[:4] == [4, 5, 2, 4]
    assert "staff.csv: 3 of 15 staff responses left out" in " ".join(result.notes)


def test_marking_it_no_answer_leaves_the_response_out_and_says_so(exports):
    staff, customers = exports
    mapping = suggest(staff, customers)
    rows = answer_rows(mapping.staff, staff).with_columns(
        no_answer=pl.col("no_answer") | (pl.col("answer") == "Mostly")
    )
    side = with_answers(mapping.staff, staff, answer_numbers(rows))
    result = importer.build(staff, customers, mapping.model_copy(update={"staff": side}))
    assert result.problems == ()
    assert result.tables["employee_responses"].height == 12  # the 3 don't-know rows out, said
    assert any("3 of 15 staff responses left out" in n for n in result.dataset.notes)


def test_retheming_and_reversing_a_column(exports):
    staff, customers = exports
    mapping = suggest(staff, customers)
    rows = item_rows(mapping.staff, staff)
    assert dict(rows.select("question", "theme").rows())["Hyvä palvelu huomataan täällä"] == (
        "Recognition"
    )
    edited = rows.with_columns(
        theme=pl.when(pl.col("theme") == "Recognition").then(pl.lit("Arvostus")).otherwise("theme"),
        reverse=pl.col("theme") == "Recognition",
    )
    side = with_item_rows(mapping.staff, edited)
    item = side.item("Hyvä palvelu huomataan täällä")
    assert item.theme == "Arvostus" and item.reverse


def spss_ratings() -> bytes:
    """A customer export as SPSS writes one: a 1–5 item whose 9 is labelled 'En osaa sanoa',
    and 0–10 satisfaction and recommend ratings where 9 is a rating (only the ends labelled)."""
    import tempfile
    from pathlib import Path

    import pandas as pd
    import pyreadstat

    agree = {1.0: "Täysin eri mieltä", 5.0: "Täysin samaa mieltä", 9.0: "En osaa sanoa"}
    ends = {0.0: "Ei lainkaan", 10.0: "Erittäin todennäköisesti"}
    rows = 24
    table = pd.DataFrame(
        {
            "unit_id": [f"U{i % 3}" for i in range(rows)],
            "period": ["2024-Q1"] * rows,
            "cx_care_1": [float(1 + i % 5) if i % 6 else 9.0 for i in range(rows)],
            "satisfaction": [float(i % 11) for i in range(rows)],
            "recommend": [float((i * 7) % 11) for i in range(rows)],
        }
    )
    labels = ["Unit", "Period", "The staff cared about my needs", "Overall satisfaction (0-10)"]
    labels.append("How likely are you to recommend us? (0-10)")
    values = {"cx_care_1": agree, "satisfaction": ends, "recommend": ends}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "asiakkaat.sav"
        pyreadstat.write_sav(table, path, column_labels=labels, variable_value_labels=values)
        return path.read_bytes()


def test_a_code_means_no_answer_on_its_own_scale_only():
    """SPSS's 9 is 'don't know' on a 1–5 item and a 9 on a 0–10 rating. The answer table had
    one row per code, so marking 9 no answer (as suggested) emptied every 9 of the ratings:
    recommend's mean fell from 4.87 to 4.29 and nothing said why. The table has a row per
    scale, and each applies to its own scale's columns."""
    customers = read_export("asiakkaat.sav", spss_ratings())
    side = suggest(read_export("staff.csv", STAFF), customers).customers
    uses = {i.column: i.use for i in side.items}
    assert uses == {"cx_care_1": "item", "satisfaction": "satisfaction", "recommend": "recommend"}
    rows = answer_rows(side, customers).filter(pl.col("answer") == "9")
    assert sorted(rows.select("scale", "label", "number", "no_answer").rows()) == [
        ("0–10", "", 9.0, False),
        ("1–5", "En osaa sanoa", None, True),
    ]
    side = with_answers(side, customers, answer_numbers(answer_rows(side, customers)))
    read = {i.column: i.answers.get("9", "unread") for i in side.items}
    assert read == {"cx_care_1": None, "satisfaction": 9.0, "recommend": 9.0}


def test_a_statement_is_never_taken_for_a_context_field_and_no_column_goes_unlisted():
    """'Työtehtäväni ovat selkeät' (agreement answers) had been suggested as the staff role
    for its word 'tehtävä', while 'Henkilöstöryhmä' was not recognised; picked by the reader,
    the real role then left the statement in neither the item table nor the list of columns
    not used. A column of scale answers is never a context field, 'henkilöstöryhmä' is a
    role's word, and every column is used or listed."""
    text = "Yksikkö;Henkilöstöryhmä;Työtehtäväni ovat selkeät;Esihenkilöni tukee minua\n" + "".join(
        f"U{i % 3};{('Asiakaspalvelu', 'Tukitoiminnot')[i % 2]};"
        f"{('Samaa mieltä', 'Eri mieltä', 'Täysin samaa mieltä')[i % 3]};"
        f"{('Samaa mieltä', 'Täysin eri mieltä')[i % 2]}\n"
        for i in range(12)
    )
    export = read_export("henkilosto.csv", text.encode("utf-8"))
    side = suggest(export, read_export("customers.csv", CUSTOMERS)).staff
    assert side.context["role"].column == "Henkilöstöryhmä"
    assert "Työtehtäväni ovat selkeät" in {i.column for i in side.items}
    # A mapping from before (the statement as the role), then the real role picked: the
    # statement, in no row, is listed as not used instead of vanishing.
    from cxlib.mapping import Source, suggest_side, unmatched

    old = suggest_side(export, "staff").model_copy(
        update={
            "items": tuple(i for i in side.items if i.column != "Työtehtäväni ovat selkeät"),
        }
    )
    picked = old.model_copy(
        update={"context": old.context | {"role": Source(column="Henkilöstöryhmä")}}
    )
    assert "Työtehtäväni ovat selkeät" in unmatched(picked, export)
    assert "Henkilöstöryhmä" not in unmatched(picked, export)


def test_spss_channel_codes_are_suggested_by_their_labels_and_labelled_ends_by_their_codes():
    """Through the library, an SPSS customer export failed: its channel codes '1', '2', '3'
    were matched against channel words (the labels 'Kasvokkain', 'Puhelin' say them), and the
    0–10 ratings' labelled ends ('Ei lainkaan' on 0, 'Erittäin todennäköisesti' on 10) were
    read by their labels only, so unread. Codes are read by their labels, and a label that is
    no scale word leaves the code its own number."""
    import tempfile
    from pathlib import Path

    import pandas as pd
    import pyreadstat

    rows = 24
    table = pd.DataFrame(
        {
            "unit_id": [f"U{i % 3}" for i in range(rows)],
            "kanava": [float(1 + i % 3) for i in range(rows)],
            "recommend": [float(i % 11) for i in range(rows)],
        }
    )
    values = {
        "kanava": {1.0: "Kasvokkain", 2.0: "Puhelin", 3.0: "Verkkopalvelu"},
        "recommend": {0.0: "Ei lainkaan", 10.0: "Erittäin todennäköisesti"},
    }
    labels = ["Unit", "Asiointikanava", "How likely are you to recommend us? (0-10)"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "asiakkaat.sav"
        pyreadstat.write_sav(table, path, column_labels=labels, variable_value_labels=values)
        customers = read_export("asiakkaat.sav", path.read_bytes())
    side = suggest(read_export("staff.csv", STAFF), customers).customers
    assert side.context["channel"].column == "kanava"
    assert side.context["channel"].values == {
        "Kasvokkain": "in-person",
        "Puhelin": "phone",
        "Verkkopalvelu": "digital",
    }
    recommend = side.item("recommend")
    assert recommend.use == "recommend" and recommend.scale == (0, 10)
    assert recommend.answers["0"] == 0.0 and recommend.answers["10"] == 10.0


def test_the_import_speaks_finnish_of_its_own_defaults_and_outcomes():
    """A Finnish reader's import had English inside Finnish: the one-value role and segment
    the mapping suggests ('all staff', 'all customers') became filter choices among Finnish
    words, and a missing outcome was named 'satisfaction' in a Finnish sentence. The dataset
    carries their Finnish words, and the problems name the outcomes in Finnish."""
    from cxlib.problems_fi import translate

    staff, customers = read_export("staff.csv", STAFF), read_export("customers.csv", CUSTOMERS)
    mapping = suggest(staff, customers)
    assert mapping.staff.context["role"].value == "all staff"
    rows = answer_rows(mapping.staff, staff).with_columns(
        number=pl.when(pl.col("answer") == "Mostly").then(4.0).otherwise(pl.col("number"))
    )
    side = with_answers(mapping.staff, staff, answer_numbers(rows))
    result = importer.build(staff, customers, mapping.model_copy(update={"staff": side}))
    words = result.dataset.manifest.finnish_names
    assert words["all staff"] == "koko henkilöstö"
    assert words["all customers"] == "kaikki asiakkaat"
    missing = (
        "no column is mapped as 'satisfaction' (0–10): every customer is asked it; map the "
        "question that asks it"
    )
    assert "mittariin tyytyväisyys (0–10)" in translate(missing)
    rated = (
        "'recommend' is rated 0–10, this column 1–5: number its answers from 0 to 10 under 'How "
        "answers read as numbers' (the lowest 0, the highest 10)"
    )
    assert translate(rated).startswith("Suositteluhalukkuus arvioidaan")
    # The way on names the page's own expander, in each language.
    from cxlib.strings import TEXT_EN
    from cxlib.strings_fi import TEXT_FI

    assert f"'{TEXT_EN['import_answers_edit']}'" in rated
    assert f"'{TEXT_FI['import_answers_edit']}'" in translate(rated)


def test_a_repeated_title_alone_does_not_show_every_question_twice():
    """A Webropol-style export with 'Arvio' twice: its keys are 'Arvio (column 3)' and
    'Arvio (column 4)', and the mapping table then showed a Column beside the Question for
    every row, the same words twice, pushing Theme off the screen. Only keys that say more
    than their question (an export's ids) bring the Column in."""
    repeated = read_export("w.csv", "Yksikkö;Arvio;Arvio\nU1;Samaa mieltä;Eri mieltä\n".encode())
    assert [c.key for c in repeated.columns][1:] == ["Arvio (column 2)", "Arvio (column 3)"]
    assert not repeated.keyed_apart
    assert not read_export("staff.csv", STAFF).keyed_apart
    from cxlib.exports import Export, ExportColumn

    columns = (ExportColumn("Q1", "Which unit?"), ExportColumn("Q2", "My supervisor helps me"))
    ids = Export("q.csv", "Qualtrics", 3, columns, pl.DataFrame({"Q1": ["U1"], "Q2": ["4"]}))
    assert ids.keyed_apart


def test_the_item_table_says_no_answer_in_the_readers_language(exports):
    """A Finnish reader's item table listed 'En osaa sanoa = no answer' in English among
    Finnish words; it now says 'ei vastausta', and 'no answer' in English."""
    from cxlib.strings import speaking

    staff, customers = exports
    mapping = suggest(staff, customers)
    question = "Hyvä palvelu huomataan täällä"
    with speaking("fi"):
        finnish = dict(item_rows(mapping.staff, staff).select("question", "answers").rows())
    english = dict(item_rows(mapping.staff, staff).select("question", "answers").rows())
    assert "En osaa sanoa = ei vastausta" in finnish[question]
    assert "no answer" not in finnish[question]
    assert "En osaa sanoa = no answer" in english[question]


def test_a_finnish_reader_sees_the_kits_themes_in_finnish_and_they_stay_the_kits(exports):
    """The Finnish mapping step listed the kit's suggested themes in English ('Recognition')
    among Finnish questions. They now show in Finnish; kept as shown, or another kit theme
    typed in Finnish, each stays the kit's theme (its own name), as the English step keeps
    it; a theme of the reader's own is kept as typed."""
    from cxlib.design_kit import theme_by_name
    from cxlib.strings import speaking

    staff, customers = exports
    mapping = suggest(staff, customers)
    question = "Hyvä palvelu huomataan täällä"
    recognition, other = theme_by_name("Recognition"), design_kit_other("Recognition")
    with speaking("fi"):
        rows = item_rows(mapping.staff, staff)
        assert dict(rows.select("question", "theme").rows())[question] == recognition.name_fi
        assert with_item_rows(mapping.staff, rows) == mapping.staff
        retyped = rows.with_columns(
            theme=pl.when(pl.col("question") == question)
            .then(pl.lit(other.name_fi))
            .otherwise("theme")
        )
        assert with_item_rows(mapping.staff, retyped).item(question).theme == other.name
        own = rows.with_columns(
            theme=pl.when(pl.col("question") == question)
            .then(pl.lit("Oma teema"))
            .otherwise("theme")
        )
        assert with_item_rows(mapping.staff, own).item(question).theme == "Oma teema"


def design_kit_other(name: str):
    """A design kit theme other than `name`, with a Finnish name of its own."""
    from cxlib.design_kit import THEMES

    return next(t for t in THEMES if t.name != name and t.name_fi != t.name)


def test_a_suggested_one_value_segment_reads_in_finnish_and_is_kept_as_one_value(exports):
    """A Finnish reader's mapping step showed 'all customers' in the segment's box. The box
    now shows 'kaikki asiakkaat', and keeps the default's one value whichever language the
    step was done in (the filters name it in Finnish already); anything else as typed."""
    from cxlib.mapping import kept_value, shown_value
    from cxlib.strings import speaking

    staff, customers = exports
    suggested = suggest(staff, customers).customers.context["segment"].value
    assert suggested == "all customers"
    with speaking("fi"):
        assert shown_value(suggested) == "kaikki asiakkaat"
        assert kept_value("kaikki asiakkaat") == suggested
        assert kept_value("Yritysasiakkaat") == "Yritysasiakkaat"
    assert shown_value(suggested) == suggested and kept_value("kaikki asiakkaat") == (
        "kaikki asiakkaat"
    )


def test_the_answer_table_lists_a_scale_in_its_order():
    """The answer table had listed answers as the export first gave them: a 0–10 rating read
    7, 3, 10, 0, 9, … and agreement words out of their order, so checking that every step of
    a scale reads right meant searching the table. Each scale now lists its numbered answers
    by number, then the no-answers, then what is not read yet."""
    answers = [
        ("Agree", "7"),
        ("Strongly disagree", "3"),
        ("Whatever", "10"),
        ("Strongly agree", "0"),
        ("Disagree", "9"),
        ("Agree", "En osaa sanoa"),
        ("Neutral", "1"),
    ]
    customers = (
        "Timestamp,Which unit served you?,How were you served?,"
        "Staff were empowered to sort out my issue,Overall how satisfied are you? (0-10)\n"
        + "".join(
            f"2/{d}/2024 11:00:00,U{d % 3},Online,{word},{rating}\n"
            for d, (word, rating) in enumerate(answers, start=1)
        )
    ).encode()
    export = read_export("customers.csv", customers)
    side = suggest(read_export("staff.csv", STAFF), export).customers
    rows = answer_rows(side, export)
    by_scale = {s: rows.filter(pl.col("scale") == s)["answer"].to_list() for s in ("1–5", "0–10")}
    assert by_scale == {
        "1–5": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "Whatever"],
        "0–10": ["0", "1", "3", "7", "9", "10", "En osaa sanoa"],
    }
    assert rows["scale"].to_list()[:6] == ["1–5"] * 6  # the scales as the export first has them


def test_each_column_not_used_says_why():
    """A column set to 'not used' had nothing beside it to say why, so a reader could not tell
    a date or a comment box (rightly left out) from a statement the app failed to match to a
    theme (one to set right). Each now says which, quoting its answers."""
    rows = 70
    staff = (
        "Timestamp,Which unit do you work in?,Comments,Empty,Tenure band,"
        "My supervisor helps me solve problems,The coffee machine works\n"
        + "".join(
            f"2/{1 + i % 28}/2024 10:{i % 60:02d}:00,U{i % 3},comment {i},,{1 + i % 3} years,"
            f"{('Agree', 'Disagree')[i % 2]},{('Agree', 'Neutral')[i % 2]}\n"
            for i in range(rows)
        )
    ).encode()
    export = read_export("staff.csv", staff)
    side = suggest(export, read_export("customers.csv", CUSTOMERS)).staff
    reasons = dict(why_not_used(side, export))
    assert reasons == {
        "Comments": "more than 60 different answers: free text, dates or ids",
        "Empty": "no answers in the export",
        "Tenure band": "its answers are not a 1–5 agreement or a 0–10 rating "
        "(1 years, 2 years, 3 years)",
        "The coffee machine works": "no common theme matched its question: to use it, set it "
        "to 'theme item' and name its theme",
    }
    edited = item_rows(side, export).with_columns(
        use=pl.when(pl.col("column").str.starts_with("My supervisor"))
        .then(pl.lit("not used"))
        .otherwise("use")
    )
    reasons = dict(why_not_used(with_item_rows(side, edited), export))
    assert reasons["My supervisor helps me solve problems"] == "set to not used in the table"
