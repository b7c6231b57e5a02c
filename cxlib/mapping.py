"""How two survey exports map to the data contract: a small, versioned model the reader saves
as JSON and drops again with next quarter's exports, and the suggestion that starts it.

Suggestions come from the column ids of the design kit, the question texts (English and
Finnish) and the answers themselves; every column is either used or listed as not used.
"""

from __future__ import annotations

import re
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from .contract import CHANNELS, ROLES, SYNONYMS, Touch
from .design_kit import OUTCOME_ITEMS, THEMES, theme_by_name
from .exports import Export
from .likert import WORDS, normalised, number_of, scale_of, suggest_table
from .strings import TEXT, language

VERSION = 1
Use = Literal["item", "satisfaction", "recommend", "not used"]
SIDES = ("staff", "customers")
CONTEXT = {
    "staff": ("unit", "period", "role"),
    "customers": ("unit", "period", "segment", "channel"),
}
MAX_DISTINCT = 60
"""A column with more distinct answers than this is free text or an id, not a scale."""

CONTEXT_WORDS = {
    "unit": (
        "unit_id",
        "unit",
        "branch",
        "store",
        "team",
        "office",
        "location",
        "site",
        "yksikkö",
        "toimipiste",
        "myymälä",
        "tiimi",
        "konttori",
    ),
    "period": ("period", "quarter", "wave", "jakso", "kvartaali", "kierros"),
    "role": (
        "role",
        "position",
        "job type",
        "serve customers directly",
        "rooli",
        "henkilöstöryhmä",
        "staff group",
        "employee group",
        "tehtävä",
        "palveletko",
    ),
    "segment": (
        "segment",
        "customer type",
        "describes you",
        "asiakasryhmä",
        "asiakassegmentti",
        "kuvaa sinua",
    ),
    "channel": (
        "channel",
        "how were you served",
        "contact",
        "kanava",
        "miten sinua palveltiin",
        "asiointitapa",
    ),
}
MISSING_CODES = {99.0, 999.0, 9999.0, -1.0, -9.0, -99.0}
"""Numbers survey exports use for "don't know" or no answer, outside every scale (never 9: it
is an answer on 0-10)."""
DATE_COLUMNS = (
    "startdate",
    "enddate",
    "recordeddate",
    "start date",
    "end date",
    "start time",
    "completion time",
    "timestamp",
    "aikaleima",
    "vastausaika",
    "vastauspäivä",
    "päivämäärä",
    "pvm",
    "date",
)
ID_COLUMNS = (
    "responseid",
    "respondent id",
    "id",
    "response id",
    "respondent_id",
    "vastaajan id",
    "vastaus id",
    "vastaus-id",
    "vastauksen id",
    "vastaajan tunnus",
)
ROLE_WORDS = {  # back-office first: "I support those who serve customers directly"
    "back-office": ("back office", "back-office", "support", "tuen ", "tuki", "tausta"),
    "customer-facing": (
        "customer-facing",
        "customer facing",
        "front",
        "directly",
        "serve customers",
        "suoraan",
        "palvelen asiakkaita",
        "asiakasrajapin",
    ),
}
CHANNEL_WORDS = {
    "in-person": (
        "in person",
        "in-person",
        "face",
        "branch",
        "store",
        "kasvokkain",
        "toimipiste",
        "myymälä",
        "paikan päällä",
    ),
    "phone": ("phone", "telephone", "call", "puhelin", "puhelimessa"),
    "digital": (
        "online",
        "digital",
        "web",
        "chat",
        "app",
        "email",
        "e-mail",
        "verkko",
        "verkossa",
        "sovellus",
        "sähköposti",
    ),
}
OUTCOME_WORDS = {
    "recommend": ("recommend", "suosittel"),
    "satisfaction": ("satisf", "tyytyv"),
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Source(Frozen):
    """Where a context value comes from: a column (its answers translated by `values` where
    given), the quarter of a date column, or one value for the whole file."""

    column: str | None = None
    value: str | None = None
    from_date: bool = False
    values: dict[str, str] = Field(default_factory=dict)


class ItemMapping(Frozen):
    """One answer column: a theme item (1–5), a 0–10 outcome, or not used; its answers'
    numbers (text to number; None: no answer) and whether it is worded in reverse."""

    column: str
    use: Use = "item"
    theme: str = ""
    reverse: bool = False
    answers: dict[str, float | None] = Field(default_factory=dict)
    scale: tuple[int, int] = (1, 5)


class SideMapping(Frozen):
    file_hint: str = ""
    """The export's tool and columns when the mapping was made (said back if they change)."""
    response_id: str | None = None
    context: dict[str, Source] = Field(default_factory=dict)
    items: tuple[ItemMapping, ...] = ()

    def item(self, column: str) -> ItemMapping | None:
        return next((i for i in self.items if i.column == column), None)


class ImportMapping(Frozen):
    """The whole mapping of a staff export and a customer export; saved as JSON."""

    version: Literal[1] = VERSION
    company: str = "Our company"
    industry: str = "Our industry"
    touch: Touch = "high"
    industries: dict[str, Touch] = Field(default_factory=dict)
    """Touch class of each industry a units list names (besides `industry`)."""
    staff: SideMapping = SideMapping()
    customers: SideMapping = SideMapping()

    def side(self, name: str) -> SideMapping:
        return self.staff if name == "staff" else self.customers

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)


def suggest(staff: Export, customers: Export) -> ImportMapping:
    """A first mapping for the reader to correct."""
    return ImportMapping(
        staff=suggest_side(staff, "staff"), customers=suggest_side(customers, "customers")
    )


def suggest_side(export: Export, side: str) -> SideMapping:
    taken: set[str] = set()
    context: dict[str, Source] = {}
    for field in CONTEXT[side]:
        source = _context_source(export, field, taken)
        if source.column:
            taken.add(source.column)
        context[field] = source
    response_id = next(
        (
            c.key
            for c in export.columns
            if c.key.strip().lower() in ID_COLUMNS and c.key not in taken
        ),
        None,
    )
    taken |= {response_id} if response_id else set()
    items = tuple(
        _item(export, column.key, column.question, side)
        for column in export.columns
        if column.key not in taken
    )
    return SideMapping(
        file_hint=export.describe(), response_id=response_id, context=context, items=items
    )


def _matches(text: str, words: tuple[str, ...]) -> bool:
    lowered = normalised(text)
    return any(w in lowered for w in words)


def _context_source(export: Export, field: str, taken: set[str]) -> Source:
    for column in export.columns:
        if column.key in taken or _agreement_answers(export, column.key):
            continue
        if normalised(column.key) in CONTEXT_WORDS[field][:1] or _matches(
            f"{column.key} {column.question}", CONTEXT_WORDS[field]
        ):
            if field in VALUE_WORDS:
                # By the answers' words: SPSS codes '1', '2', '3' say nothing, their labels do.
                answers = context_answers(export, column.key)
                return Source(column=column.key, values=VALUE_WORDS[field](answers))
            return Source(column=column.key)
    if field == "period":
        dated = next((c.key for c in export.columns if normalised(c.key) in DATE_COLUMNS), None)
        if dated:
            return Source(column=dated, from_date=True)
    if field == "role":
        return Source(value="all staff")
    if field == "segment":
        return Source(value="all customers")
    return Source()


DEFAULTS_FI = (("all staff", "koko henkilöstö"), ("all customers", "kaikki asiakkaat"))
"""The one-value role and segment the mapping suggests, as Finnish readers see them (the
filters had offered 'all staff' among Finnish words)."""


def shown_value(value: str) -> str:
    """A one-value context as the mapping step shows it: a suggested default in the reader's
    language (a Finnish reader's box had read 'all customers')."""
    return dict(DEFAULTS_FI).get(value, value) if language() == "fi" else value


def kept_value(typed: str) -> str:
    """What a one-value box keeps: the default's own value for its Finnish words (so the data
    keeps one value whichever language the step was done in), else what was typed."""
    if language() != "fi":
        return typed
    return next((value for value, fi in DEFAULTS_FI if typed == fi), typed)


def _agreement_answers(export: Export, column: str) -> bool:
    """Whether a column's answers are words of a scale ('Samaa mieltä', 'Agree'): a statement,
    never a context field, whatever its words ('Työtehtäväni ovat selkeät' had been taken as
    the role for its 'tehtävä', and left the item list)."""
    words = _labelled(export, column, distinct(export, column))
    return sum(1 for w in words if WORDS.get(normalised(w)) is not None) >= 2


def distinct(export: Export, column: str, limit: int = MAX_DISTINCT + 1) -> list[str]:
    """A column's distinct non-empty answers, in first-seen order (at most `limit`); none for a
    column the export does not have (a saved mapping's, renamed since)."""
    if column not in export.keys:
        return []
    values = (
        export.frame.select(pl.col(column).drop_nulls().unique(maintain_order=True).head(limit))
        .get_column(column)
        .to_list()
    )
    return [v for v in values if v.strip()]


def channel_values(answers: list[str]) -> dict[str, str]:
    """Each channel answer's contract word, where its words say it (else left for the reader)."""
    return _coded(answers, CHANNELS, CHANNEL_WORDS)


def role_values(answers: list[str]) -> dict[str, str]:
    """Each staff role answer's contract word (customer-facing, back-office), where its words
    say it: the kit's own Finnish answers had become roles of their own, spelled
    'palvelen-asiakkaita-suoraan' on every page. Others stay roles in their own words."""
    return _coded(answers, ROLES, ROLE_WORDS)


def _coded(answers: list[str], codes: tuple[str, ...], words: dict) -> dict[str, str]:
    out = {}
    for answer in answers:
        key = normalised(answer)
        word = SYNONYMS.get(key.replace(" ", "-"), key if key in codes else None)
        word = word or next((c for c, ws in words.items() if any(w in key for w in ws)), None)
        if word in codes:
            out[answer] = word
    return out


VALUE_WORDS = {"channel": channel_values, "role": role_values}
"""The context fields whose answers are read as the contract's words, and how."""


def context_answers(export: Export, column: str) -> list[str]:
    """A context column's distinct answers as the reader knows them: SPSS codes by their
    value labels (the import reads them so)."""
    return list(dict.fromkeys(_labelled(export, column, distinct(export, column))))


def _labelled(export: Export, column: str, answers: list[str]) -> list[str]:
    """SPSS answers are codes; their value labels are the words."""
    labels = export.value_labels.get(column, {})
    return [labels.get(a, a) for a in answers]


def _item(export: Export, column: str, question: str, side: str) -> ItemMapping:
    answers = distinct(export, column)
    if not answers or len(answers) > MAX_DISTINCT:
        return ItemMapping(column=column, use="not used")
    words = _labelled(export, column, answers)
    table, unknown = suggest_table(words)
    by_code = {a: table.get(w) for a, w in zip(answers, words, strict=True) if w in table}
    # An SPSS code whose label is no scale word is its own number: a 0–10 rating labels its
    # ends ('10' as 'Erittäin todennäköisesti'), and those answers had been left unread.
    coded_ends = {a: number_of(a) for a, w in zip(answers, words, strict=True) if w != a}
    by_code |= {a: n for a, n in coded_ends.items() if a not in by_code and isinstance(n, float)}
    unknown = [w for a, w in zip(answers, words, strict=True) if a not in by_code]
    if unknown and len(unknown) * 2 > len(answers):  # mostly not scale answers: free text, ids
        return ItemMapping(column=column, use="not used")
    scale = scale_of(by_code)
    coded = {a: None for a, v in by_code.items() if v in MISSING_CODES}
    if scale is None and coded:
        # 99 for "don't know" (a common export code): suggested as no answer, shown so in the
        # answer table for the reader to check. The item had been left unused.
        scale = scale_of(by_code | coded)
        by_code = by_code | coded if scale else by_code
    if scale is None:
        return ItemMapping(column=column, use="not used", answers=by_code)
    theme = theme_of(column, question, side)
    outcome = next(
        (o for o, ws in OUTCOME_WORDS.items() if _matches(f"{column} {question}", ws)), None
    )
    if (
        side == "customers"
        and scale == (0, 10)
        and (outcome or column in {i.id for i in OUTCOME_ITEMS})
    ):
        return ItemMapping(column=column, use=outcome or column, answers=by_code, scale=scale)
    reverse = _reverse_hint(question)
    return ItemMapping(
        column=column,
        use="item" if theme else "not used",
        theme=theme,
        reverse=reverse,
        answers=by_code,
        scale=scale,
    )


def _reverse_hint(question: str) -> bool:
    """A question marked reverse-worded by its export text, e.g. '(R)' or '(reversed)'."""
    return bool(re.search(r"\((r|reversed|käänteinen)\)\s*$", question.strip().lower()))


def theme_of(column: str, question: str, side: str) -> str:
    """The kit theme a column measures: by its column id, then by the kit's wording of the
    question (English or Finnish), then by the theme's words; '' when none fits."""
    prefix = "ex_" if side == "staff" else "cx_"
    key = column.strip().lower()
    for theme in THEMES:
        ids = {i.id for i in (theme.staff if side == "staff" else theme.customers)}
        slug = prefix + theme.name.lower().replace(" ", "_")
        if key in ids or re.fullmatch(re.escape(slug) + r"(_\d+)?", key):
            return theme.name
    text = normalised(question)
    for theme in THEMES:
        items = theme.staff if side == "staff" else theme.customers
        if any(normalised(i.en) in text or normalised(i.fi) in text for i in items):
            return theme.name
    for theme in THEMES:
        if _matches(question, theme.words):
            return theme.name
    return ""


def unmatched(mapping: SideMapping, export: Export | None = None) -> list[str]:
    """Columns the mapping does not use (listed to the reader, never dropped silently); a
    column the reader chose for a context field or as the response id is used. With the
    export, its columns in no row of the mapping too: one suggested for a context field,
    and then left for another, had been listed nowhere."""
    used = {s.column for s in mapping.context.values()} | {mapping.response_id}
    rows = {i.column for i in mapping.items}
    left = [c.key for c in export.columns if c.key not in rows] if export else []
    listed = [i.column for i in mapping.items if i.use == "not used"]
    return [c for c in [*listed, *left] if c not in used]


def why_not_used(mapping: SideMapping, export: Export) -> list[tuple[str, str]]:
    """Each column `unmatched` lists with the reason it is not used, in the reader's words: a
    column had been set to 'not used' with nothing to say why (dates, free text, a scale of
    its own, or a question no common theme matches), and a reader could not tell which
    to set right. The reasons quote up to three of the column's answers."""
    reasons = []
    for column in unmatched(mapping, export):
        item = mapping.item(column)
        answers = distinct(export, column)
        if item is None:  # suggested for a context field, then another column taken for it
            reason = TEXT["unused_context"]
        elif not answers:
            reason = TEXT["unused_empty"]
        elif len(answers) > MAX_DISTINCT:
            reason = TEXT["unused_many"].format(n=MAX_DISTINCT)
        elif scale_of(item.answers) is None:
            examples = ", ".join(_labelled(export, column, answers[:3]))
            examples += ", …" if len(answers) > 3 else ""
            reason = TEXT["unused_not_scale"].format(answers=examples)
        elif not item.theme and item.use == "not used":
            reason = TEXT["unused_no_theme"].format(use=TEXT["import_use_item"])
        else:
            reason = TEXT["unused_chosen"]
        reasons.append((column, reason))
    return reasons


# --- editing: the app's mapping step works on plain rows, and gets a mapping back ----------

ITEM_FIELDS = ("column", "question", "use", "theme", "reverse", "scale", "answers")


def item_rows(side: SideMapping, export: Export) -> pl.DataFrame:
    """One row per answer column for an editable table: its use, theme, reverse, scale and
    how its answers read as numbers (no answer, and the design kit's themes, said in the
    reader's language)."""
    no_answer = TEXT["import_no_answer"].lower()
    shown = {t.name: t.name_fi for t in THEMES} if language() == "fi" else {}
    return pl.DataFrame(
        [
            {
                "column": i.column,
                "question": export.question(i.column),
                "use": i.use,
                "theme": shown.get(i.theme, i.theme),
                "reverse": i.reverse,
                "scale": "–".join(map(str, scale_of(i.answers) or ())),
                "answers": ", ".join(
                    f"{k} = {no_answer if v is None else f'{v:g}'}" for k, v in i.answers.items()
                ),
            }
            for i in side.items
        ],
        schema={f: pl.Boolean if f == "reverse" else pl.String for f in ITEM_FIELDS},
    )


def with_item_rows(side: SideMapping, rows: pl.DataFrame) -> SideMapping:
    """The side with each column's use, theme and reverse as edited in `rows`; a design kit
    theme shown to a Finnish reader by its Finnish name is kept under its own (the name its
    Finnish one is looked up by, so the theme reads right in both languages)."""
    edits = {r["column"]: r for r in rows.to_dicts()}
    items = tuple(
        i.model_copy(
            update={
                "use": edits[i.column]["use"] or "not used",
                "theme": _kit_name((edits[i.column]["theme"] or "").strip()),
                "reverse": bool(edits[i.column]["reverse"]),
            }
        )
        if i.column in edits
        else i
        for i in side.items
    )
    return side.model_copy(update={"items": items})


def _kit_name(theme: str) -> str:
    """For a Finnish reader (shown the kit's themes in Finnish), a kit theme's own name for
    its Finnish one; any other theme, or any theme an English reader types, as written."""
    kit = theme_by_name(theme) if language() == "fi" else None
    return kit.name if kit and theme == kit.name_fi else theme


def scale_words(item: ItemMapping) -> str:
    """An item's scale as the answer table groups by it: '1–5', '0–10'."""
    return "–".join(map(str, item.scale))


def answer_rows(side: SideMapping, export: Export) -> pl.DataFrame:
    """Every answer in the used columns with how it reads, per scale: a number, no answer, or
    (both empty) not read yet. Per scale, because one code means different things on two:
    SPSS's 9 is 'don't know' on a 1–5 item and a 9 on a 0–10 rating (marked no answer once,
    it had emptied every 9 of the ratings). SPSS answers are codes: their value label beside."""
    rows: dict[tuple[str, str], dict] = {}
    for item in side.items:
        if item.use == "not used" or item.column not in export.keys:
            continue
        labels = export.value_labels.get(item.column, {})
        scale = scale_words(item)
        for answer in distinct(export, item.column, limit=MAX_DISTINCT):
            if (scale, answer) in rows:
                continue
            known = answer in item.answers
            value = item.answers.get(answer)
            rows[scale, answer] = {
                "scale": scale,
                "answer": answer,
                "label": labels.get(answer, ""),
                "number": value,
                "no_answer": known and value is None,
            }
    schema = {
        "scale": pl.String,
        "answer": pl.String,
        "label": pl.String,
        "number": pl.Float64,
        "no_answer": pl.Boolean,
    }
    # In the scale's order: the numbered answers by their number (a 0–10 rating had read
    # 7, 3, 10, 0 as the export first gave them), then no answer, then those not read yet.
    return (
        pl.DataFrame(list(rows.values()), schema=schema)
        .with_row_index("seen")
        .sort(
            pl.col("seen").min().over("scale"),
            pl.when(pl.col("number").is_not_null()).then(0).when("no_answer").then(1).otherwise(2),
            "number",
            pl.col("answer").cast(pl.Float64, strict=False),
            "seen",
            nulls_last=True,
            maintain_order=True,
        )
        .drop("seen")
    )


def answer_numbers(rows: pl.DataFrame) -> dict[tuple[str, str], float | None]:
    """The reader's answer table, by (scale, answer): a number, or None where marked no
    answer; answers with neither stay unread (the import then says so)."""
    return {
        (r["scale"], r["answer"]): None if r["no_answer"] else r["number"]
        for r in rows.to_dicts()
        if r["no_answer"] or r["number"] is not None
    }


def unread_answers(side: SideMapping, export: Export) -> list[str]:
    """Answers in the used columns that no answer table turns into a number (first seen first)."""
    return unread(answer_rows(side, export))


def unread(rows: pl.DataFrame) -> list[str]:
    """The answers of answer_rows that read as neither a number nor no answer (each once)."""
    answers = rows.filter(pl.col("number").is_null() & ~pl.col("no_answer"))["answer"]
    return list(dict.fromkeys(answers))


def with_answers(
    side: SideMapping, export: Export, numbers: dict[tuple[str, str], float | None]
) -> SideMapping:
    """The side with the reader's answer table (by scale and answer → number, None: no
    answer) applied to every used column of that scale that holds the answer; its scale read
    again."""
    items = []
    for item in side.items:
        held = (
            set(distinct(export, item.column, limit=MAX_DISTINCT))
            if item.use != "not used"
            else set()
        )
        scale = scale_words(item)
        added = {a: n for (s, a), n in numbers.items() if s == scale and a in held}
        if any(item.answers.get(a, "?") != n for a, n in added.items()):
            table = item.answers | added
            item = item.model_copy(
                update={"answers": table, "scale": scale_of(table) or item.scale}
            )
        items.append(item)
    return side.model_copy(update={"items": tuple(items)})


# --- a corrected export: the reader's choices carried over ---------------------------------


def carry(previous: ImportMapping, staff: Export, customers: Export) -> ImportMapping:
    """The mapping for new exports (a corrected file, dropped as the problems ask) that keeps
    the reader's choices made on the earlier ones: company, industry, touch, and on each side
    every context source, response id and column still there. Columns new to the export get
    the suggestion, and answers new to a column the suggestion's reading of them."""
    return previous.model_copy(
        update={
            "staff": _carry_side(previous.staff, staff, "staff"),
            "customers": _carry_side(previous.customers, customers, "customers"),
        }
    )


def _carry_side(previous: SideMapping, export: Export, side: str) -> SideMapping:
    fresh, keys = suggest_side(export, side), export.keys
    context = {}
    for field, suggested in fresh.context.items():
        source = previous.context.get(field, suggested)
        context[field] = source if source.column is None or source.column in keys else suggested
    response_id = previous.response_id if previous.response_id in keys else fresh.response_id
    taken = {s.column for s in context.values() if s.column} | {response_id}
    items = []
    for column in export.columns:
        if column.key in taken:
            continue
        item = fresh.item(column.key) or _item(export, column.key, column.question, side)
        before = previous.item(column.key)
        if before is not None:
            answers = item.answers | before.answers  # the reader's numbers win
            item = before.model_copy(
                update={"answers": answers, "scale": scale_of(answers) or before.scale}
            )
        items.append(item)
    return fresh.model_copy(
        update={"context": context, "response_id": response_id, "items": tuple(items)}
    )
