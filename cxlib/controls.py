"""The app's controls as data: keys (= URL parameters), options, defaults, and the view they make.

A bound widget writes its option's label into the URL and reads only that label back, so labels
are the URL values: readable links, no label/value mismatch. This module turns any control
values into a FilterState (anything invalid falls back to its default), and says which values
of a link cannot be used, before the widgets drop them without a word.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import polars as pl

from .codes import Note, Notice
from .contract import CHANNELS, OUTCOMES, ROLES
from .dataset import Dataset
from .filters import MAX_LAG, FilterState
from .metrics import CX, CX_ALL, EX_ALL, cx_metrics, ex_metrics, metric, name_of
from .models import ALL_ITEMS, MIN_GROUP_BOUNDS
from .strings import TEXT, data_name, naming, speaking
from .touch import Reclassification

DEFAULT = FilterState()
WHOLE_NUMBER = re.compile(r"[0-9]{1,4}")  # ASCII only: int() also takes '٣' and 5,000 digits
SHOWN = 40  # characters of a bad link value quoted back in a notice


@dataclass(frozen=True)
class Control:
    key: str
    kind: Literal["multi", "single", "int"]
    options: tuple[str, ...] = ()
    default: object = None
    low: int = 0
    high: int = 0
    values: Mapping[str, object] = field(default_factory=dict)
    """Option label → the value it stands for in the view (single choices, and multiple
    choices of contract codes: channels, roles)."""
    below: Notice = Notice.BAD_LINK_VALUE
    """What a link asking for less than `low` is told (the floor of a minimum, say)."""

    @cached_property
    def known(self) -> frozenset[str]:
        """The options as a set: a dataset's thousands of industries are checked against them
        value by value, on every run."""
        return frozenset(self.options)

    def offers(self, value: object) -> bool:
        """Whether a value (whatever a widget handed over) is one of the options."""
        return isinstance(value, Hashable) and value in self.known

    def accepts(self, raw: str) -> bool:
        """Whether a link value can be used as it is."""
        if self.kind == "int":
            return bool(WHOLE_NUMBER.fullmatch(raw)) and self.low <= int(raw) <= self.high
        return raw in self.known

    def from_link(self, raw: Sequence[str]) -> object:
        """The widget value a link's values stand for (what cannot be used is left out)."""
        if self.kind == "multi":
            return [v for v in dict.fromkeys(raw) if self.accepts(v)]
        if not raw or not self.accepts(raw[-1]):
            return self.default
        return int(raw[-1]) if self.kind == "int" else raw[-1]

    def meant(self, labels: Sequence[str]) -> tuple[str, ...]:
        """What a multiple choice's labels stand for (the data's names: Hotellit → Hotels)."""
        return tuple(self.values.get(label, label) for label in labels)

    def value_of(self, chosen: object) -> object:
        """The control's value, whatever a widget or link handed over: invalid → default."""
        if self.kind == "multi":
            if not isinstance(chosen, list | tuple):
                return tuple(self.default)
            return tuple(dict.fromkeys(v for v in chosen if self.offers(v)))
        if self.kind == "int":
            valid = type(chosen) is int and self.low <= chosen <= self.high
            return chosen if valid else self.default
        return chosen if self.offers(chosen) else self.default


def metric_label(name: str) -> str:
    """'ex:all' → 'All themes', 'cx:satisfaction' → 'Satisfaction', 'cx:Enablement' →
    'Enablement': the words a reader sees (and the link carries) for a metric."""
    short = name_of(name)
    if short == ALL_ITEMS:
        return TEXT["metric_all"]
    if name.startswith(f"{CX}:") and f"outcome_{short}" in TEXT:
        return TEXT[f"outcome_{short}"]
    return data_name(short)  # a theme, in the dataset's Finnish where it has some


def code_word(code: str) -> str:
    """A contract code (a channel, a staff role) in the reader's words; English keeps the
    codes themselves, so links made before there were two languages still open."""
    return TEXT.get(f"code_{code}", code)


def roles_of(data: Dataset) -> tuple[str, ...]:
    """The data's staff roles, whatever their labels (the contract allows any): the contract's
    own first, in its order, then the rest sorted."""
    return (
        *(r for r in ROLES if r in data.roles),
        *(r for r in data.roles if r not in ROLES),
    )


def finnish_names(data: Dataset) -> dict[str, str]:
    """The manifest's Finnish words the app shows: each for a theme, segment or industry the
    data has, and none that two names share or that is another name or an outcome's word. Two
    options would read alike, and results grouped or joined by the words shown would merge
    two themes (a review found Linkage failing and Drivers' table doubling its rows)."""
    themes = [t.name for t in data.theme_map.themes] if data.theme_map else []
    names = {*themes, *data.segments, *data.industries["industry"]}
    with speaking("fi"):
        taken = names | {TEXT["metric_all"], *(TEXT[f"outcome_{o}"] for o in OUTCOMES)}
    given = {
        name: word
        for name, word in data.manifest.finnish_names.items()
        if name in names and (word == name or word not in taken)
    }
    shared = Counter(given.values())
    return {name: word for name, word in given.items() if shared[word] == 1}


def _named(key: str, names: Sequence[str], words: Mapping[str, str], chosen=()) -> Control:
    """A choice among the data's own names (industries, segments), labelled by `words` (its
    finnish_names) in a Finnish run and sorted as shown; `chosen`: the names chosen by
    default."""
    with naming(words):
        labels = dict(sorted((data_name(name), name) for name in names))
    by_default = set(chosen)
    default = tuple(label for label, name in labels.items() if name in by_default)
    return Control(key, "multi", tuple(labels), default, values=labels)


def _coded(key: str, codes: Sequence[str]) -> Control:
    labels = {code_word(c): c for c in codes}
    return Control(key, "multi", tuple(labels), (), values=labels)


def _choice(key: str, metrics: Sequence[str], default: str, words: Mapping[str, str]) -> Control:
    """A choice of metrics, themes labelled by `words` (its finnish_names) in a Finnish run."""
    with naming(words):
        labels = {metric_label(m): m for m in metrics}
        return Control(key, "single", tuple(labels), metric_label(default), values=labels)


def controls(
    data: Dataset, floor: int = MIN_GROUP_BOUNDS[0], words: Mapping[str, str] | None = None
) -> dict[str, Control]:
    """Every global filter for this dataset, keyed by its URL parameter. `floor`: the smallest
    minimum group a viewer may ask for (the deployment's and the data's, privacy.Floors);
    `words`: its finnish_names, if the caller has them already."""
    industries = data.industries["industry"].to_list()
    default_high = data.industries.filter(pl.col("touch") == "high")["industry"].to_list()
    companies = set(_distinct(data.units, "company")) | set(_distinct(data.companies, "company"))
    years = tuple(str(y) for y in _distinct(data.companies, "year"))
    segments = data.segments
    words = finnish_names(data) if words is None else words
    ex, cx = ex_metrics(data.theme_map), cx_metrics(data.theme_map)
    levels = {TEXT["option_units"]: "units", TEXT["option_companies"]: "companies"}
    touch = {TEXT["option_both"]: (), TEXT["option_high"]: ("high",), TEXT["option_low"]: ("low",)}
    level = TEXT["option_units"] if data.has_linkage else TEXT["option_companies"]
    items = [
        Control("level", "single", tuple(levels), level, values=levels),
        _named("industry", industries, words),
        Control("touch", "single", tuple(touch), TEXT["option_both"], values=touch),
        _named("segment", segments, words),
        _coded("channel", CHANNELS),
        _coded("role", roles_of(data)),
        Control("period", "multi", data.periods, ()),
        Control("year", "multi", years, ()),
        _choice("ex", ex, DEFAULT.ex_metric, words),
        _choice("cx", cx, DEFAULT.cx_metric, words),
        _named("high_touch", industries, words, default_high),
        Control("company_high", "multi", tuple(sorted(companies)), ()),
        Control("company_low", "multi", tuple(sorted(companies)), ()),
        Control("lag", "int", (), DEFAULT.lag, 0, MAX_LAG),
        Control(
            "k",
            "int",
            (),
            max(floor, DEFAULT.min_group_size),
            floor,
            MIN_GROUP_BOUNDS[1],
            below=Notice.BELOW_FLOOR,
        ),
    ]
    return {c.key: c for c in items}


def pair_controls(data: Dataset, words: Mapping[str, str] | None = None) -> dict[str, Control]:
    """The Linkage page's own pickers: one staff theme and one customer theme or outcome."""
    if not data.has_linkage:
        return {}
    ex = [m for m in ex_metrics(data.theme_map) if m != EX_ALL]
    cx = [m for m in cx_metrics(data.theme_map) if m != CX_ALL]
    same = metric(CX, name_of(ex[0]))  # the first theme as customers see it, if they are asked
    words = finnish_names(data) if words is None else words
    return {
        "pair_ex": _choice("pair_ex", ex, ex[0], words),
        "pair_cx": _choice("pair_cx", cx, same if same in cx else DEFAULT.cx_metric, words),
    }


def relabel(chosen: object, before: Control, after: Control) -> object:
    """A widget value under `before`'s labels as `after`'s labels, by what the labels stand
    for (Units → Yksiköt; a channel's code stays the same channel): a language switch."""

    if after.kind == "multi":
        given = chosen if isinstance(chosen, list | tuple) else []
        meant = {before.values[label] for label in given if label in before.values}
        # In the new labels' order, as the defaults are: a bound widget whose value differs
        # from its default by order alone writes every label to the address.
        return [label for label, value in after.values.items() if value in meant]
    label_of = {value: label for label, value in after.values.items()}
    return label_of.get(before.values.get(chosen), after.default)


FORMER_LABELS: dict[str, dict[str, object]] = {"touch": {"Korkea": ("high",), "Matala": ("low",)}}
"""Labels that links once carried and no language uses now: Finnish named the touch classes
Korkea and Matala before its sidebar used the results' words."""


def in_language(
    params: Mapping[str, Sequence[str]],
    specs: Mapping[str, Control],
    elsewhere: Sequence[Mapping[str, Control]],
) -> dict[str, list[str]]:
    """A link's values as this language's labels: a label of another language (elsewhere: its
    controls) or a former label stands for the same value, so an English link opened in
    Finnish, or a link made before a label changed, keeps its choices. A control of one value
    keeps only the link's last (the one that counts: its widget would take the first). Values
    this language takes, values of controls without labels (periods, years, companies) and
    values nothing knows are left as they are."""
    out: dict[str, list[str]] = {}
    for key, raw in params.items():
        values = [raw] if isinstance(raw, str) else list(raw)
        spec = specs.get(key)
        if spec is None:
            out[key] = values
            continue
        read = _reading(key, spec, elsewhere)
        out[key] = [read(v) for v in (values if spec.kind == "multi" else values[-1:])]
    return out


def _reading(
    key: str, spec: Control, elsewhere: Sequence[Mapping[str, Control]]
) -> Callable[[str], str]:
    """How this language reads one link value of control `key` (in_language); a label spelt
    otherwise ('high', 'UNITS', '2023Q1') is read as the label it spells (_folded)."""
    folded = {_folded(label): label for label in spec.options} if spec.kind != "int" else {}
    meaning = dict(FORMER_LABELS.get(key, {}))
    for other in elsewhere:
        if key in other:
            meaning |= other[key].values
    own = {value: label for label, value in spec.values.items()}

    def read(value: str) -> str:
        if spec.accepts(value):
            return value
        if value in meaning:
            return own.get(meaning[value], value)
        return folded.get(_folded(value), value)

    return read


def _folded(label: str) -> str:
    """A label as a link may spell it: letter case, spaces, dashes and underscores aside
    ('high', '2023Q1' and 'in person' read as High, 2023-Q1 and in-person)."""
    return re.sub(r"[\s_\-–]+", "", label.casefold())


def chosen(values: Mapping[str, object], specs: Mapping[str, Control]) -> dict[str, object]:
    """Each control's value, valid for its control (missing or invalid: the default)."""
    return {key: spec.value_of(values.get(key, spec.default)) for key, spec in specs.items()}


def view_of(values: Mapping[str, object], specs: Mapping[str, Control]) -> FilterState:
    """The FilterState of the current control values."""
    v = chosen(values, specs)
    high = specs["high_touch"]
    defaults, now = set(high.meant(high.default)), set(high.meant(v["high_touch"]))
    moved = [(i, "high") for i in sorted(now - defaults)]
    moved += [(i, "low") for i in sorted(defaults - now)]
    companies = [(c, "high") for c in v["company_high"]]
    companies += [(c, "low") for c in v["company_low"] if c not in v["company_high"]]
    return FilterState(
        level=specs["level"].values[v["level"]],
        industries=specs["industry"].meant(v["industry"]),
        touch=specs["touch"].values[v["touch"]],
        segments=specs["segment"].meant(v["segment"]),
        channels=tuple(specs["channel"].values[c] for c in v["channel"]),
        roles=tuple(specs["role"].values[r] for r in v["role"]),
        periods=v["period"],
        years=tuple(int(y) for y in v["year"]),
        ex_metric=specs["ex"].values[v["ex"]],
        cx_metric=specs["cx"].values[v["cx"]],
        lag=v["lag"],
        min_group_size=v["k"],
        reclassify=Reclassification(industries=tuple(moved), companies=tuple(companies)),
    )


def link_notes(
    params: Mapping[str, Sequence[str]],
    specs: Mapping[str, Control],
    elsewhere: Sequence[Mapping[str, Control]] = (),
) -> list[Note]:
    """What in a link cannot be used (the bound widgets then drop it without a word). A label
    of another language (elsewhere: its controls) counts as its meaning (in_language), and a
    note quotes what the link said."""
    notes = []
    for key, raw in params.items():
        spec = specs.get(key)
        if spec is None:
            continue  # not ours (Streamlit's own, or another page's): leave it alone
        said = [raw] if isinstance(raw, str) else list(raw)
        read = _reading(key, spec, elsewhere)
        pairs = [(v, read(v)) for v in said]  # (as the link said it, as this language reads it)
        if spec.kind == "multi":
            bad = [v for v, meant in pairs if v and not spec.accepts(meant)]
        else:  # one value counts, the last
            last = pairs[-1][1] if pairs else None
            repeated = [v for v, meant in pairs[:-1] if meant != last]
            notes += [Note(Notice.REPEATED_LINK_VALUE, key, _shown(v)) for v in repeated]
            bad = [said[-1]] if pairs and not spec.accepts(last) else []
        notes += [Note(_why(spec, v), key, _shown(v)) for v in dict.fromkeys(bad)]
    return notes


def stray_keys(params: Mapping[str, Sequence[str]], known: Collection[str]) -> list[Note]:
    """Link parameters this app has no setting for: a mistyped 'segmnet=Consumer' had left the
    view unfiltered without a word. A note names the nearest known parameter when one is near
    (its value), so the reader can mend the link."""
    notes = []
    for key in params:
        if key in known:
            continue
        near = difflib.get_close_matches(key.casefold(), sorted(known), n=1, cutoff=0.6)
        code = Notice.UNKNOWN_LINK_KEY_NEAR if near else Notice.UNKNOWN_LINK_KEY
        notes.append(Note(code, _shown(key), near[0] if near else ""))
    return notes


def _why(spec: Control, value: str) -> Notice:
    """A whole number under the control's lowest value gets its own reason (a floor)."""
    if spec.kind == "int" and WHOLE_NUMBER.fullmatch(value) and int(value) < spec.low:
        return spec.below
    return Notice.BAD_LINK_VALUE


def unusable(params: Mapping[str, Sequence[str]], specs: Mapping[str, Control]) -> list[str]:
    """Single-valued controls whose link value cannot be used: they go back to their default
    (a widget would otherwise take '٣' as 3, or clamp 9 to 4, after the notice said it was
    ignored)."""
    out = []
    for key, raw in params.items():
        spec = specs.get(key)
        values = [raw] if isinstance(raw, str) else list(raw)
        if spec is not None and spec.kind != "multi" and values and not spec.accepts(values[-1]):
            out.append(key)
    return out


def link_query(values: Mapping[str, object], specs: Mapping[str, Control]) -> dict[str, object]:
    """The query parameters of the current view (defaults left out), for a shareable link."""
    out: dict[str, object] = {}
    for key, value in chosen(values, specs).items():
        spec = specs[key]
        if spec.kind == "multi":
            if set(value) != set(spec.default):
                # An emptied list is a choice too (no industry high touch): 'key=' as the
                # address bar has it; an empty list is left out of a query altogether.
                out[key] = list(value) or [""]
        elif value != spec.default:
            out[key] = str(value)
    return out


def _distinct(frame: pl.DataFrame | None, column: str) -> tuple:
    """The sorted distinct values of a column (none when the table is absent)."""
    if frame is None:
        return ()
    values = frame.get_column(column).unique()
    values = values if values.dtype.is_numeric() else values.cast(pl.String)
    return tuple(values.sort().to_list())


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN else value[:SHOWN] + "…"
