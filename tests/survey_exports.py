"""Survey exports made by code, in each tool's documented layout, from data in the contract's
form: the importer must get the same numbers back. No real personal data; names and e-mails are
made up.

Layouts (from the tools' help pages on exporting responses):
- Qualtrics CSV: row 1 export tags (ResponseId, Q ids), row 2 question text ("prompt - row" for
  a matrix), row 3 {"ImportId":"QID1_1"}; metadata first (StartDate, EndDate, Status, ...).
- SurveyMonkey CSV/XLSX: row 1 the question (once, over a matrix's columns), row 2 the matrix
  row or "Response"; Respondent ID, Collector ID, Start Date, End Date, IP Address, ... first.
- Microsoft Forms XLSX: ID, Start time, Completion time, Email, Name, then the questions.
- Google Forms CSV: Timestamp, then questions; a grid as "Question [Row]"; answers as words.
- Webropol XLSX: one header row of question texts (here in Finnish), answers as words.
- SPSS .sav: variables named by the kit's ids, labelled with the question, values labelled.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import polars as pl

from cxlib.design_kit import AGREE_PROMPT, OUTCOME_ITEMS, SCALE_EN, SCALE_FI, THEMES

PERIODS = ("2024-Q1", "2024-Q2")
QUESTION = {i.id: i for t in THEMES for i in (*t.staff, *t.customers)} | {
    i.id: i for i in OUTCOME_ITEMS
}
CONTEXT_EN = {
    "unit_id": "Which unit (branch, store, team) do you work in?",
    "role": "Do you mostly serve customers directly, or support those who do?",
    "segment": "Which best describes you as a customer?",
    "channel": "How were you served: in person, by phone or online?",
}
CONTEXT_FI = {
    "unit_id": "Missä yksikössä (toimipiste, myymälä, tiimi) työskentelet?",
    "role": "Palveletko enimmäkseen asiakkaita suoraan vai tuetko heitä, jotka palvelevat?",
    "segment": "Mikä kuvaa sinua asiakkaana parhaiten?",
    "channel": "Miten sinua palveltiin: kasvokkain, puhelimessa vai verkossa?",
}
CHANNEL_EN = {"in-person": "In person", "phone": "By phone", "digital": "Online"}
CHANNEL_FI = {"in-person": "Kasvokkain", "phone": "Puhelimessa", "digital": "Verkossa"}
ROLE_FI = {
    "customer-facing": "Palvelen asiakkaita suoraan",
    "back-office": "Tuen asiakaspalvelijoita",
}


def study(sample, units: int = 30) -> dict[str, pl.DataFrame]:
    """A small linkage study in the contract's form: the first units of the sample, two
    periods (the equivalent the imports are compared with)."""
    kept = sample.units.sort("unit_id").head(units)
    ids = kept["unit_id"]

    def keep(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter(
            pl.col("unit_id").is_in(ids.implode()) & pl.col("period").is_in(PERIODS)
        )

    industries = sample.industries.filter(pl.col("industry").is_in(kept["industry"].implode()))
    return {
        "units": kept,
        "industries": industries,
        "employee_responses": keep(sample.employee),
        "customer_responses": keep(sample.customer),
        "theme_map": pl.DataFrame(
            [
                {
                    "theme": t.name,
                    "side": "employee" if side == "staff" else "customer",
                    "item": i.id,
                    "question": i.en,
                }
                for t in THEMES[:6]
                for side, items in (("staff", t.staff[:2]), ("customers", t.customers[:1]))
                for i in items
            ]
        ),
    }


def units_csv(tables) -> tuple[str, bytes]:
    buffer = io.BytesIO()
    tables["units"].write_csv(buffer)
    return "units.csv", buffer.getvalue()


def dates(frame: pl.DataFrame, fmt: str) -> pl.Expr:
    """A made-up answer time inside the response's period (the 15th of its middle month)."""
    year = pl.col("period").str.slice(0, 4).cast(pl.Int32)
    month = pl.col("period").str.slice(6, 1).cast(pl.Int32) * 3 - 1
    day = (pl.int_range(pl.len()) % 20 + 1).cast(pl.Int32)
    return pl.datetime(year, month, day, 10, 30, 0).dt.strftime(fmt)


def _items(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith(("ex_", "cx_")) or c in QUESTION]


def _words(column: str, scale: tuple[str, ...]) -> pl.Expr:
    return (
        pl.col(column)
        .cast(pl.Int64)
        .replace_strict(list(range(1, 6)), list(scale), default=None, return_dtype=pl.String)
    )


def _write_csv(header_rows: list[list[str]], body: pl.DataFrame, separator: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerows(header_rows)
    writer.writerows(body.rows())
    return out.getvalue().encode("utf-8-sig")


def _write_xlsx(header_rows: list[list[str]], body: pl.DataFrame) -> bytes:
    headers = pl.DataFrame(header_rows, schema=body.columns, orient="row")
    buffer = io.BytesIO()
    pl.concat([headers, body.cast(pl.String)]).write_excel(buffer, include_header=False)
    return buffer.getvalue()


def _context(side: str) -> list[str]:
    return ["unit_id", "role"] if side == "staff" else ["unit_id", "segment", "channel"]


def _rows_of(frame: pl.DataFrame) -> list[str]:
    return [c for c in _items(frame) if c not in ("satisfaction", "recommend")]


def qualtrics(frame: pl.DataFrame, side: str, reverse: str | None = None) -> bytes:
    """Choice text for items (English), numbers for 0–10; `reverse` written reversed, its
    question marked (R)."""
    items = _items(frame)
    body = frame.select(
        dates(frame, "%Y-%m-%d %H:%M:%S").alias("StartDate"),
        dates(frame, "%Y-%m-%d %H:%M:%S").alias("EndDate"),
        pl.lit("IP Address").alias("Status"),
        pl.lit("100").alias("Progress"),
        pl.lit("True").alias("Finished"),
        pl.format("R_{}", pl.col(frame.columns[0])).alias("ResponseId"),
        *[pl.col(c) for c in _context(side) if c != "channel"],
        *([pl.col("channel").replace_strict(CHANNEL_EN)] if side == "customers" else []),
        *[
            (
                _words(c, SCALE_EN[::-1] if c == reverse else SCALE_EN)
                if c not in ("satisfaction", "recommend")
                else pl.col(c).cast(pl.String)
            )
            for c in items
        ],
    )
    tags = body.columns
    texts = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID"]
    texts += [CONTEXT_EN[c] for c in _context(side)]
    texts += [
        QUESTION[c].en
        if c in ("satisfaction", "recommend")
        else f"{AGREE_PROMPT['en']} - {QUESTION[c].en}" + (" (R)" if c == reverse else "")
        for c in items
    ]
    imports = [json.dumps({"ImportId": f"QID{i}"}) for i in range(len(tags))]
    return _write_csv([tags, texts, imports], body)


def surveymonkey(frame: pl.DataFrame, side: str, xlsx: bool = False) -> bytes:
    items = _rows_of(frame)
    outcomes = [c for c in ("satisfaction", "recommend") if c in frame.columns]
    body = frame.select(
        pl.int_range(pl.len()).add(114_000_000_00).cast(pl.String).alias("Respondent ID"),
        pl.lit("431234567").alias("Collector ID"),
        dates(frame, "%m/%d/%Y %I:%M:%S %p").alias("Start Date"),
        dates(frame, "%m/%d/%Y %I:%M:%S %p").alias("End Date"),
        pl.lit("").alias("IP Address"),
        *[pl.col(c) for c in _context(side) if c != "channel"],
        *([pl.col("channel").replace_strict(CHANNEL_EN)] if side == "customers" else []),
        *[_words(c, SCALE_EN).alias(c) for c in items],
        *[pl.col(c).cast(pl.String) for c in outcomes],
    )
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"]
    first += [CONTEXT_EN[c] for c in _context(side)]
    first += [AGREE_PROMPT["en"]] + [""] * (len(items) - 1)
    first += [QUESTION[c].en for c in outcomes]
    second = [""] * 5 + ["Response"] * len(_context(side)) + [QUESTION[c].en for c in items]
    second += ["Response"] * len(outcomes)
    return (_write_xlsx if xlsx else _write_csv)([first, second], body)


def forms(frame: pl.DataFrame, side: str) -> bytes:
    """Microsoft Forms (English): one header row, metadata first, answers as words."""
    items = _items(frame)
    body = frame.select(
        pl.int_range(1, pl.len() + 1).cast(pl.String).alias("ID"),
        dates(frame, "%-m/%-d/%y %H:%M:%S").alias("Start time"),
        dates(frame, "%-m/%-d/%y %H:%M:%S").alias("Completion time"),
        pl.lit("anonymous").alias("Email"),
        pl.lit("").alias("Name"),
        *[pl.col(c) for c in _context(side) if c != "channel"],
        *([pl.col("channel").replace_strict(CHANNEL_EN)] if side == "customers" else []),
        *[
            _words(c, SCALE_EN)
            if c not in ("satisfaction", "recommend")
            else pl.col(c).cast(pl.String)
            for c in items
        ],
    )
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    header += [CONTEXT_EN[c] for c in _context(side)] + [QUESTION[c].en for c in items]
    return _write_xlsx([header], body)


def google(frame: pl.DataFrame, side: str) -> bytes:
    """Google Forms: Timestamp first, the agreement grid as 'Prompt [Row]'."""
    items = _items(frame)
    body = frame.select(
        dates(frame, "%m/%d/%Y %H:%M:%S").alias("Timestamp"),
        *[pl.col(c) for c in _context(side) if c != "channel"],
        *([pl.col("channel").replace_strict(CHANNEL_EN)] if side == "customers" else []),
        *[
            _words(c, SCALE_EN)
            if c not in ("satisfaction", "recommend")
            else pl.col(c).cast(pl.String)
            for c in items
        ],
    )
    header = ["Timestamp"] + [CONTEXT_EN[c] for c in _context(side)]
    header += [
        QUESTION[c].en
        if c in ("satisfaction", "recommend")
        else f"{AGREE_PROMPT['en']} [{QUESTION[c].en}]"
        for c in items
    ]
    return _write_csv([header], body)


def webropol(frame: pl.DataFrame, side: str) -> bytes:
    """Webropol in Finnish: question texts as the one header row, answers as Finnish words,
    the period as a column of its own ('Jakso'), roles in Finnish words."""
    items = _items(frame)
    body = frame.select(
        pl.col("period"),
        pl.col("unit_id"),
        *([pl.col("role").replace_strict(ROLE_FI)] if side == "staff" else [pl.col("segment")]),
        *([pl.col("channel").replace_strict(CHANNEL_FI)] if side == "customers" else []),
        *[
            _words(c, SCALE_FI)
            if c not in ("satisfaction", "recommend")
            else pl.col(c).cast(pl.String)
            for c in items
        ],
    )
    header = ["Jakso"] + [CONTEXT_FI[c] for c in _context(side)] + [QUESTION[c].fi for c in items]
    return _write_xlsx([header], body)


def spss(frame: pl.DataFrame, side: str) -> bytes:
    """SPSS: variables named by the kit's ids, question labels, items as labelled codes."""
    import pyreadstat

    items = _items(frame)
    table = frame.select(
        pl.col(frame.columns[0]).alias("ResponseId"),
        "period",
        *_context(side),
        *[pl.col(c).cast(pl.Float64) for c in items],
    ).to_pandas()
    labels = (
        {"ResponseId": "Response ID", "period": "Survey period"}
        | {c: CONTEXT_EN[c] for c in _context(side)}
        | {c: QUESTION[c].en for c in items}
    )
    values = {c: {float(n): w for n, w in enumerate(SCALE_EN, start=1)} for c in _rows_of(frame)}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.sav"
        pyreadstat.write_sav(table, path, column_labels=labels, variable_value_labels=values)
        return path.read_bytes()


FORMATS = {
    "qualtrics.csv": qualtrics,
    "surveymonkey.csv": surveymonkey,
    "surveymonkey.xlsx": lambda f, s: surveymonkey(f, s, xlsx=True),
    "forms.xlsx": forms,
    "google.csv": google,
    "webropol.xlsx": webropol,
    "spss.sav": spss,
}
