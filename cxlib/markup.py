"""Tables as plain HTML whose every cell is literal text: light for a browser to draw (no data
grid on a canvas, no markdown parser per cell), and safe for names from the data."""

from __future__ import annotations

from html import escape

import polars as pl

STYLE = (
    "<style>"
    ".cx-table{overflow-x:auto;margin:0 0 1rem 0}"
    ".cx-table table{border-collapse:collapse;width:100%;font-size:0.9rem}"
    ".cx-table th,.cx-table td{padding:0.35rem 0.6rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid rgba(128,128,128,.25)}"
    ".cx-table th{font-weight:600;opacity:.8}"
    ".cx-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    # A phone: each row a small card, each cell on its own line after its column's name, so no
    # column is cut off at the screen's edge (a wide table scrolled sideways, unnoticed).
    "@media (max-width:640px){.cx-table thead{display:none}"
    ".cx-table tr{display:block;padding:.3rem 0;border-bottom:1px solid rgba(128,128,128,.25)}"
    ".cx-table td,.cx-table td.num{display:flex;justify-content:space-between;gap:1rem;"
    "border:none;padding:.1rem .2rem;text-align:right;white-space:normal}"
    ".cx-table td::before{content:attr(data-label);font-weight:600;opacity:.8;text-align:left}"
    ".cx-table td:empty{display:none}}"
    "</style>"
)
_NUMERIC = r"^[−+-]?\d[\d,.  ]*(%| %)?$"


def _escaped(column: pl.Expr) -> pl.Expr:
    """html.escape in polars: & first, then the characters markup reads."""
    for raw, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#x27;"),
    ):
        column = column.str.replace_all(raw, entity, literal=True)
    return column


def html_table(frame: pl.DataFrame, caption: str | None = None) -> str:
    """The frame as an HTML table: headers and cells escaped (shown exactly as typed), nulls
    empty, numbers (and cells that read as numbers) aligned right. Rows keep the frame's order."""
    text = frame.select(pl.all().cast(pl.String).fill_null(""))
    numeric = [
        frame[c].dtype.is_numeric()
        or bool(text[c].filter(text[c] != "").str.contains(_NUMERIC).all())
        for c in frame.columns
    ]
    cells = [
        pl.concat_str(
            pl.lit(f'<td data-label="{escape(c)}"{" class=num" if n else ""}>'),
            _escaped(pl.col(c)),
            pl.lit("</td>"),
        )
        for c, n in zip(frame.columns, numeric, strict=True)
    ]
    body = text.select(pl.concat_str(pl.lit("<tr>"), *cells, pl.lit("</tr>")).str.join(""))
    head = "".join(
        f"<th{' class=num' if n else ''}>{escape(c)}</th>"
        for c, n in zip(frame.columns, numeric, strict=True)
    )
    label = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'{STYLE}<div class="cx-table"><table>{label}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body.item() if frame.height else ''}</tbody></table></div>"
    )


def css_text(text: str) -> str:
    """A CSS string literal of the text (for content: ...), its quotes, backslashes, line
    breaks and angle brackets escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    escaped = escaped.replace("<", "\\3c ")  # no "</style>" can end the rules early
    return f'"{escaped}"'
