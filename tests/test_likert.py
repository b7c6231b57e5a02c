"""Answers as words become the numbers of their scale, in English and Finnish; "don't know" is
no answer; a 0–10 end label keeps its number; what is not known is left to the reader."""

import polars as pl
import pytest

from cxlib.likert import apply, number_of, scale_of, suggest_table


@pytest.mark.parametrize(
    ("answer", "number"),
    [
        ("Strongly disagree", 1),
        ("Disagree", 2),
        ("Neither agree nor disagree", 3),
        ("Agree", 4),
        ("Strongly agree", 5),
        ("  STRONGLY   agree ", 5),
        ("Täysin eri mieltä", 1),
        ("Jokseenkin eri mieltä", 2),
        ("Ei samaa eikä eri mieltä", 3),
        ("Jokseenkin samaa mieltä", 4),
        ("Täysin samaa mieltä", 5),
        ("Don\u2019t know", None),
        ("En osaa sanoa", None),
        ("0 - Not at all likely", 0),
        ("10 = Erittäin todennäköisesti", 10),
        ("7", 7),
    ],
)
def test_words_and_labels(answer, number):
    assert number_of(answer) == number


def test_unknown_words_are_left_to_the_reader():
    table, unknown = suggest_table(["Agree", "Mostly", "Disagree"])
    assert table == {"Agree": 4, "Disagree": 2} and unknown == ["Mostly"]


def test_numbers_that_are_not_finite_are_left_to_the_reader():
    """'NaN', 'inf' and '1e400' in an answer column read as numbers to Python, but stand for
    no answer on any scale: the reader is asked, and no scale fits them."""
    assert [number_of(a) for a in ("NaN", "inf", "-Infinity", "1e400")] == ["?"] * 4
    assert scale_of({"a": float("nan"), "b": 3.0}) is None
    assert scale_of({"a": float("inf")}) is None


def test_seven_point_agreement_is_not_squeezed_into_five():
    answers = [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ]
    table, unknown = suggest_table(answers)
    assert [table[a] for a in answers] == [1, 2, 3, 4, 5, 6, 7] and not unknown
    assert scale_of(table) == (1, 7)


def test_scales():
    assert scale_of({"a": 1, "b": 5, "c": None}) == (1, 5)
    assert scale_of({"0": 0, "10": 10}) == (0, 10)
    assert scale_of({"x": 2.5}) is None


def test_reverse_worded_item_turns_around_on_its_scale():
    frame = pl.DataFrame({"a": ["Agree", "Strongly disagree", "En osaa sanoa", None]})
    table = {"Agree": 4, "Strongly disagree": 1, "En osaa sanoa": None}
    got = frame.select(apply(pl.col("a"), table, (1, 5))).to_series().to_list()
    assert got == [2, 5, None, None]
