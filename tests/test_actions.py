"""The action list: built from the Drivers page's priorities, validated, exported as Markdown and
CSV that cannot be turned against their readers, and carried in a link or a small file."""

import base64
import contextlib
import datetime
import io
import json
import random
import re
import zlib

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cxlib.actions import (
    MAX_ACTIONS,
    Action,
    ActionList,
    action_from_priority,
    fits_link,
    from_json,
    from_token,
    to_csv,
    to_json,
    to_markdown,
    to_token,
)
from cxlib.drivers import theme_drivers
from cxlib.errors import DataError
from cxlib.filters import FilterState

HOSTILE = (
    "| a | b |",
    "first line\nsecond line",
    "<script>alert(1)</script>",
    "![x](http://t.example/p.png)",
    "[link](javascript:alert(1))",
    "*bold* _it_ `code` back\\slash ~strike~ &lt;",
)
FINNISH = {
    "title": "Toimenpidelista",
    "theme": "Teema",
    "why": "Miksi",
    "owner": "Vastuuhenkilö",
    "due": "Määräaika",
    "notes": "Muistiinpanot",
    "why_template": "vaikutus {impact} % (95 %:n LV {low}–{high}), henkilöstön arvio {score} / 5, "
    "{quadrant}",
    "date": "{d.day}.{d.month}.{d.year}",
    "develop_first": "kehitä ensin",
    "keep_strong": "pidä vahvana",
    "watch": "seuraa",
    "maintain": "ylläpidä",
    "not_separable": "ei erotettavissa",
}


def action(theme="Enablement", notes="", owner="", due=None, **numbers) -> Action:
    values = {"impact": 23.4, "impact_low": 15.2, "impact_high": 31.0, "score": 3.24} | numbers
    return Action(
        theme=theme, quadrant="develop_first", owner=owner, due=due, notes=notes, **values
    )


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every table line, split at unescaped pipes as a GFM renderer splits them."""
    rows = []
    for line in markdown.split("\n"):
        if not line.startswith("|"):
            continue
        cells, cell, escaped = [], "", False
        for char in line:
            if char == "|" and not escaped:
                cells.append(cell)
                cell = ""
            else:
                cell += char
            escaped = char == "\\" and not escaped
        rows.append([c.strip() for c in cells[1:]])  # text before the first pipe is empty
    return rows


def unescaped(cell: str) -> str:
    """A cell's text as a reader sees it: <br> back to line breaks, escapes removed."""
    return "\n".join(re.sub(r"\\(.)", r"\1", part) for part in cell.split("<br>"))


def bare_specials(cell: str) -> str:
    """The markup characters in a cell that no backslash protects (our own <br> aside)."""
    bare, escaped = "", False
    for char in cell.replace("<br>", ""):
        if not escaped and char in "<>[]!*_`|":
            bare += char
        escaped = char == "\\" and not escaped
    return bare


@pytest.fixture(scope="module")
def priorities(engine) -> pl.DataFrame:
    return theme_drivers(engine.unit_table(FilterState()), n_boot=200)[1]


def test_a_priority_row_of_the_sample_becomes_an_action(priorities):
    """Each row's theme, impact share with its interval, score and quadrant carry over."""
    for row in priorities.iter_rows(named=True):
        made = action_from_priority(row)
        assert made.theme == row["driver"]
        assert made.impact == pytest.approx(row["percent"], abs=0.01)
        assert made.impact_low == pytest.approx(row["percent_low"], abs=0.01)
        assert made.impact_high == pytest.approx(row["percent_high"], abs=0.01)
        assert made.score == pytest.approx(row["score"], abs=0.01)
        assert made.quadrant == row["quadrant"]
        assert (made.owner, made.due, made.notes) == ("", None, "")
    top = action_from_priority(priorities.row(0, named=True))
    assert (top.theme, top.quadrant) == ("Enablement", "develop_first")  # docs/data.md


def test_a_row_without_an_estimate_is_refused():
    """Too few units give NaN weights: no action can be built from them."""
    row = {"driver": "A", "percent": float("nan"), "percent_low": float("nan")}
    row |= {"percent_high": float("nan"), "score": 3.0, "quadrant": "not_separable"}
    with pytest.raises(ValueError):
        action_from_priority(row)


@pytest.mark.parametrize(
    "numbers",
    [
        {"impact_low": 24.0},  # interval above the estimate
        {"impact_high": 20.0},  # interval below it
        {"impact": 101.0, "impact_high": 102.0},
        {"impact_low": -1.0},
        {"score": 0.9},
        {"score": 5.1},
        {"score": float("nan")},
    ],
)
def test_invalid_numbers_are_refused(numbers):
    """An interval that misses its estimate, shares outside 0–100, scores outside 1–5 fail."""
    with pytest.raises(ValidationError):
        action(**numbers)


def test_invalid_text_and_codes_are_refused():
    """An empty theme, an unknown quadrant, an extra field or over-long notes fail."""
    with pytest.raises(ValidationError):
        action(theme="")
    with pytest.raises(ValidationError):
        action(notes="x" * 2001)
    with pytest.raises(ValidationError):
        Action.model_validate(action().model_dump() | {"quadrant": "urgent"})
    with pytest.raises(ValidationError):
        Action.model_validate(action().model_dump() | {"colour": "red"})


def test_at_most_twelve_actions():
    """Thirteen actions are refused, both at once and by adding to a full list."""
    twelve = ActionList(items=tuple(action(f"Theme {i}") for i in range(12)))
    assert len(twelve.items) == MAX_ACTIONS == 12 and twelve.full
    with pytest.raises(ValidationError):
        ActionList(items=(*twelve.items, action("Theme 12")))
    with pytest.raises(ValueError):
        twelve.add(action("Theme 12"))


def test_a_theme_is_in_the_list_once():
    """Two actions for one theme are refused; adding a picked theme again keeps the first."""
    with pytest.raises(ValidationError):
        ActionList(items=(action("Enablement"), action("Enablement")))
    first = ActionList().add(action("Enablement", notes="typed before"))
    assert first.add(action("Enablement", notes="new")) == first
    assert first.add(action("enablement")).themes == ("Enablement", "enablement")


def test_add_remove_and_update_return_new_lists():
    """Changes come back as new lists; the old list stays as it was."""
    empty = ActionList(dataset="sample")
    one = empty.add(action("Enablement"))
    two = one.add(action("Wellbeing"))
    assert (empty.themes, one.themes, two.themes) == (
        (),
        ("Enablement",),
        ("Enablement", "Wellbeing"),
    )
    assert two.remove("Enablement").themes == ("Wellbeing",)
    assert two.remove("absent") == two
    due = datetime.date(2025, 6, 30)
    owned = two.update("Wellbeing", owner="Anna", due=due)
    assert (owned.items[1].owner, owned.items[1].due, owned.items[1].notes) == ("Anna", due, "")
    assert two.items[1].owner == ""
    cleared = owned.update("Wellbeing", due=None, notes="pilot")
    assert (cleared.items[1].owner, cleared.items[1].due, cleared.items[1].notes) == (
        "Anna",
        None,
        "pilot",
    )
    assert cleared.dataset == "sample" and cleared.items[0] == two.items[0]
    with pytest.raises(KeyError):
        two.update("absent", owner="Anna")
    with pytest.raises(ValidationError):
        two.update("Wellbeing", owner="x" * 201)


def test_markdown_keeps_hostile_text_inside_its_cells():
    """Pipes, line breaks, HTML, images and links stay literal text in their own cell."""
    items = tuple(
        action(f"Theme {text}", owner=text, notes=text, due=datetime.date(2025, 6, 30))
        for text in HOSTILE
    )
    markdown = to_markdown(ActionList(dataset="<b>data</b>", items=items))
    assert markdown.startswith("# Action list\n") and "\r" not in markdown
    rows = table_rows(markdown)
    assert rows[0] == ["Theme", "Why", "Owner", "Due", "Notes"]
    assert len(rows) == 2 + len(HOSTILE)
    assert all(len(row) == 5 for row in rows)
    for text, (theme, _, owner, due, notes) in zip(HOSTILE, rows[2:], strict=True):
        assert unescaped(theme) == f"Theme {text}"
        assert unescaped(owner) == unescaped(notes) == text
        assert due == "2025-06-30"
        assert bare_specials(theme + owner + notes) == ""
    assert "<b>" not in markdown


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_markdown_table_holds_its_shape_for_any_text(text):
    """Whatever the notes say, the table keeps one line per action and five cells a line."""
    items = (action("A", notes=text, owner=text[:200]), action("B", notes="ok"))
    rows = table_rows(to_markdown(ActionList(items=items)))
    assert len(rows) == 4 and all(len(row) == 5 for row in rows)
    assert rows[3][4] == "ok"
    assert bare_specials(rows[2][4]) == ""


def test_why_reads_impact_interval_score_and_quadrant():
    """English by default: shares as whole percent, the score to one decimal; in words a
    reader without statistics knows (it had said "23 % (95% CI 15–31)", and in Finnish "lv")."""
    why = table_rows(to_markdown(ActionList(items=(action(),))))[2][1]
    assert why == "impact 23% (95% interval 15–31%), staff score 3.2 / 5, develop first"


def test_finnish_labels_and_decimal_comma():
    """Finnish words and dates, and the score with a decimal comma, no decimal point."""
    items = (action(due=datetime.date(2025, 6, 3), owner="Päivi"),)
    markdown = to_markdown(ActionList(items=items), FINNISH, decimal=",")
    assert markdown.startswith("# Toimenpidelista\n")
    rows = table_rows(markdown)
    assert rows[0] == ["Teema", "Miksi", "Vastuuhenkilö", "Määräaika", "Muistiinpanot"]
    assert rows[2][1] == (
        "vaikutus 23 % (95 %:n LV 15–31), henkilöstön arvio 3,2 / 5, kehitä ensin"
    )
    assert rows[2][2:4] == ["Päivi", "3.6.2025"]
    with pytest.raises(ValueError):
        to_markdown(ActionList(items=items), decimal=";")


def test_csv_reads_back_as_the_items_with_formulas_neutralised():
    """Excel's BOM, one row per action, numbers in their own columns; formulas made inert."""
    items = (
        action(
            "Enablement",
            owner="Päivi",
            notes='=HYPERLINK("http://x")',
            due=datetime.date(2025, 6, 30),
        ),
        action("Wellbeing", impact=2.5, impact_low=0.5, impact_high=4.25, score=3.9),
    )
    data = to_csv(ActionList(items=items))
    assert data.startswith("\ufeff".encode())
    table = pl.read_csv(io.BytesIO(data), infer_schema=False)
    assert table.height == 2 and table.width == 9
    expected = [
        ["Enablement", 23.4, 15.2, 31.0, 3.24, "develop first", "Päivi", "2025-06-30"],
        ["Wellbeing", 2.5, 0.5, 4.25, 3.9, "develop first", "", None],  # no due date: empty
    ]
    for row, want in zip(table.rows(), expected, strict=True):
        assert [row[0], *map(float, row[1:5]), *row[5:8]] == want
    assert table.row(0)[8] == "'" + '=HYPERLINK("http://x")'
    assert table.row(1)[8] == ""


def test_csv_takes_column_names_and_quadrant_words_from_labels():
    """Finnish labels name the columns that have words, and word the quadrant."""
    labels = FINNISH | {"quadrant": "Nelikenttä", "score": "Arvio"}
    table = pl.read_csv(io.BytesIO(to_csv(ActionList(items=(action(),)), labels)))
    assert {"Teema", "Nelikenttä", "Arvio", "Vastuuhenkilö", "Muistiinpanot"} <= set(table.columns)
    assert table["Nelikenttä"].to_list() == ["kehitä ensin"]


def test_csv_for_a_finnish_spreadsheet_writes_decimal_commas_between_semicolons():
    items = (action("Wellbeing", impact=2.5, impact_low=0.5, impact_high=4.25, score=3.9),)
    data = to_csv(ActionList(items=items), FINNISH, decimal=",")
    header, row = data.decode("utf-8-sig").splitlines()
    assert header.startswith("Teema;") and row.startswith("Wellbeing;2,5;0,5;4,25;3,9;")
    back = pl.read_csv(io.BytesIO(data), separator=";", decimal_comma=True)
    assert back.row(0)[1:5] == (2.5, 0.5, 4.25, 3.9)


people = st.text(max_size=200)
dates = st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))


@st.composite
def action_lists(draw) -> ActionList:
    themes = draw(st.lists(st.text(min_size=1, max_size=60), max_size=MAX_ACTIONS, unique=True))
    items = []
    for theme in themes:
        low, mid, high = sorted(draw(st.floats(0, 100)) for _ in range(3))
        items.append(
            Action(
                theme=theme,
                impact=mid,
                impact_low=low,
                impact_high=high,
                score=draw(st.floats(1, 5)),
                quadrant=draw(st.sampled_from(["develop_first", "watch", "not_separable"])),
                owner=draw(people),
                due=draw(dates),
                notes=draw(st.text(max_size=400)),
            )
        )
    return ActionList(dataset=draw(st.text(max_size=40)), items=tuple(items))


@settings(max_examples=100, deadline=None)
@given(action_lists())
def test_json_file_round_trip(actions):
    """A saved file reloads as an equal list, any unicode in owners and notes included."""
    assert from_json(to_json(actions)) == actions


@settings(max_examples=100, deadline=None)
@given(action_lists())
def test_token_round_trip(actions):
    """A token reloads as an equal list and only uses characters safe in a URL."""
    token = to_token(actions)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert from_token(token) == actions


def packed(payload) -> str:
    """A token made here by hand: JSON, zlib, unpadded base64url."""
    data = zlib.compress(json.dumps(payload).encode())
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


SHORT_ACTION = {"t": "A", "i": 5, "l": 1, "h": 9, "s": 3, "q": "watch"}


def test_a_hand_made_token_reads_and_a_newer_version_does_not():
    """The documented format reads; version 2 is refused with a reason naming the version."""
    read = from_token(packed({"v": 1, "a": [SHORT_ACTION]}))
    assert read.items == (
        Action(theme="A", impact=5, impact_low=1, impact_high=9, score=3, quadrant="watch"),
    )
    with pytest.raises(DataError, match="version"):
        from_token(packed({"v": 2, "a": [SHORT_ACTION]}))
    with pytest.raises(DataError, match="version"):
        from_json(json.dumps({"version": 2, "items": []}).encode())


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not a token!",
        "AAAA",
        "eJw",  # a zlib header and nothing more
        packed([1, 2]),
        packed({"v": 1, "a": [SHORT_ACTION | {"x": 1}]}),
        packed({"v": 1, "a": [SHORT_ACTION | {"l": 7}]}),  # interval misses the estimate
        packed({"v": 1, "a": [SHORT_ACTION] * 2}),
        packed({"v": 1, "a": "A"}),
        base64.urlsafe_b64encode(zlib.compress(b" " * 10_000_000)).decode(),  # unpacks huge
    ],
)
def test_bad_tokens_raise_data_error(token):
    """Garbage, damaged, invalid or inflating tokens give DataError with one problem."""
    with pytest.raises(DataError) as raised:
        from_token(token)
    assert len(raised.value.problems) == 1


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b"null",
        b'{"items": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
        b'{"version": 1, "items": [], "extra": 1}',
        b'{"items": [{"theme": "A"}]}',
    ],
)
def test_bad_files_raise_data_error(data):
    """Garbage, invalid, incomplete or oversized files give DataError with one problem."""
    with pytest.raises(DataError) as raised:
        from_json(data)
    assert len(raised.value.problems) == 1


def test_a_file_over_200_kb_is_refused_even_when_valid():
    """The size limit holds before parsing: a valid list padded past 200 kB is refused."""
    padded = to_json(full_list()) + b" " * 200_000
    with pytest.raises(DataError, match="200 kB"):
        from_json(padded)


def full_list() -> ActionList:
    return ActionList(
        dataset="sample",
        items=tuple(
            action(
                f"Theme {i}",
                owner="Anna Virtanen",
                notes="kick-off in May",
                due=datetime.date(2025, 5, i + 1),
            )
            for i in range(MAX_ACTIONS)
        ),
    )


def test_every_truncation_of_a_token_or_file_is_refused():
    """A link or file cut anywhere short gives DataError, never a wrong list."""
    token, data = to_token(full_list()), to_json(full_list())
    for end in range(len(token)):
        with pytest.raises(DataError):
            from_token(token[:end])
    for end in range(0, len(data), 7):
        with pytest.raises(DataError):
            from_json(data[:end])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_random_bytes_only_ever_raise_data_error(data):
    """Whatever is uploaded or pasted, the readers answer with a list or DataError."""
    for read in (lambda: from_json(data), lambda: from_token(data.decode("latin-1"))):
        with contextlib.suppress(DataError):
            read()


def test_twelve_short_actions_fit_a_link_and_long_notes_do_not():
    """Short notes on all twelve themes fit the link; twelve different long notes need the file."""
    short = full_list()
    assert fits_link(short) and len(to_token(short)) <= 1500
    words = random.Random(4).choices("abcdefghijklmnopqrstuvwxyzäö ", k=12 * 400)
    long = ActionList(
        items=tuple(
            action(f"Theme {i}", notes="".join(words[i * 400 : (i + 1) * 400]))
            for i in range(MAX_ACTIONS)
        )
    )
    assert not fits_link(long)
    assert fits_link(long, limit=len(to_token(long)))
