"""A result table as plain HTML: every header and cell reads back as exactly the text given,
whatever markup it holds; rows keep their order; numbers are aligned right."""

from html.parser import HTMLParser

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from cxlib.markup import css_text, html_table

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "![x](http://some.host/t.png)",
    "**bold** & <b>tags</b>",
    '=HYPERLINK("http://x")',
    "'quoted' \"double\"",
]


class Cells(HTMLParser):
    """Reads a table back: the text of every th/td, the classes of td, and any other tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers, self.rows, self.classes, self.tags, self._cell = [], [], [], set(), None
        self.labels = []  # each td's data-label: its column's name, shown beside it on a phone

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td"):
            self._cell = []
            if tag == "td":
                self.classes.append(dict(attrs).get("class"))
                self.labels.append(dict(attrs).get("data-label"))

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            text = "".join(self._cell)
            (self.headers if tag == "th" else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read(markup: str) -> Cells:
    cells = Cells()
    cells.feed(markup)
    cells.rows = [r for r in cells.rows if r]
    return cells


def test_markup_in_names_reads_back_as_text():
    frame = pl.DataFrame({"name <i>": HOSTILE, "n": list(range(len(HOSTILE)))})
    cells = read(html_table(frame))
    assert cells.headers == ["name <i>", "n"]
    assert [r[0] for r in cells.rows] == HOSTILE
    assert cells.tags <= {"style", "div", "table", "thead", "tbody", "tr", "th", "td"}


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=8))
def test_any_text_reads_back_exactly(values):
    frame = pl.DataFrame({"value": values})
    # The parser folds \r\n and lone \r as a browser does; compare what a browser shows.
    shown = [v.replace("\r\n", "\n").replace("\r", "\n") for v in values]
    got = [r[0].replace("\r\n", "\n").replace("\r", "\n") for r in read(html_table(frame)).rows]
    assert got == shown


def test_rows_keep_order_nulls_empty_numbers_right():
    frame = pl.DataFrame(
        {"theme": ["b", "a", "c"], "score": ["0.30", None, "−0.12"], "note": ["x", "y", "z"]}
    )
    cells = read(html_table(frame))
    assert cells.rows == [["b", "0.30", "x"], ["a", "", "y"], ["c", "−0.12", "z"]]
    assert cells.classes[:3] == [None, "num", None]


def test_empty_frame_has_headers_only():
    cells = read(html_table(pl.DataFrame(schema={"theme": pl.String})))
    assert cells.headers == ["theme"] and cells.rows == []


def test_each_cell_carries_its_columns_name_as_text_for_a_phone():
    """On a phone each cell is shown after its column's name (the headers are hidden there):
    the name travels in an attribute, and markup in it stays text there too."""
    frame = pl.DataFrame({name: [str(i), ""] for i, name in enumerate(HOSTILE)})
    cells = read(html_table(frame))
    assert cells.headers == HOSTILE
    assert cells.labels == HOSTILE * 2  # row by row, every cell, the empty ones included
    assert cells.tags <= {"style", "div", "table", "thead", "tbody", "tr", "th", "td"}


def test_a_css_string_keeps_the_text_and_cannot_end_the_rule_or_the_style():
    """content: strings hold the text as CSS reads it: quotes and backslashes escaped (CSS 2.1
    §4.3.7), a line break as \\a, and no "<" left to close the <style> element early."""
    assert css_text("Valitse tiedostot") == '"Valitse tiedostot"'
    assert css_text('say "hi"') == '"say \\"hi\\""'
    assert css_text("a\\b") == '"a\\\\b"'
    assert css_text("one\ntwo") == '"one\\a two"'
    hostile = css_text('x"}</style><script>alert(1)</script>')
    assert "<" not in hostile and hostile.count('"') - hostile.count('\\"') == 2
