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
