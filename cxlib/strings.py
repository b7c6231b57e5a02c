"""Every text the app shows, in one place, in English and Finnish (strings_fi.py, same keys).

cxlib hands out codes (codes.py); the dicts below word every one of them (a test checks).
TEXT, CAVEATS, ... answer in the language of the current run (use_language), and their texts
format numbers the language's way: 0.31 and 1,234 in English, 0,31 and 1 234 in Finnish.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from numbers import Number
from types import MappingProxyType
from typing import Any

from .codes import Caveat, Inactive, Notice, Quadrant

LANGUAGES = ("en", "fi")
_LANGUAGE: ContextVar[str] = ContextVar("language", default="en")


def use_language(lang: str) -> str:
    """Speak `lang` for the rest of this thread's run (anything else: English); returns it."""
    chosen = lang if lang in LANGUAGES else "en"
    _LANGUAGE.set(chosen)
    return chosen


def language() -> str:
    return _LANGUAGE.get()


def decimal_mark() -> str:
    """The current language's decimal mark: a Finnish reader's spreadsheet reads "2,5"."""
    return "," if language() == "fi" else "."


def worded(english: str, finnish: str) -> str:
    """Data's own words in the run's language: the Finnish where there are some, in a Finnish
    run; else the English."""
    return finnish if language() == "fi" and finnish else english


_NAMES_FI: ContextVar[Mapping[str, str]] = ContextVar("names_fi", default=MappingProxyType({}))


def use_names(names_fi: Mapping[str, str]) -> None:
    """The shown dataset's own Finnish words for its names (its manifest's names_fi), for the
    rest of this thread's run."""
    _NAMES_FI.set(names_fi)


@contextmanager
def naming(names_fi: Mapping[str, str]) -> Iterator[None]:
    """use_names inside the block (building a dataset's controls, say)."""
    token = _NAMES_FI.set(names_fi)
    try:
        yield
    finally:
        _NAMES_FI.reset(token)


def data_names() -> Mapping[str, str]:
    """The run's dataset's names as shown in the run's language (empty in English)."""
    return _NAMES_FI.get() if language() == "fi" else {}


def data_name(name: str) -> str:
    """A name from the data (a theme, segment, industry) in the run's language: in Finnish,
    the dataset's own Finnish word for it where its manifest gives one. Only shown: the data
    keeps the name."""
    return data_names().get(name, name)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (building both languages' controls at once, say)."""
    token = _LANGUAGE.set(lang if lang in LANGUAGES else "en")
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


MINUS = "\u2212"
"""The minus sign plotly's axes write: text and tables write negatives the same way."""


def number(value: Any, spec: str = "") -> str:
    """A number formatted by a format spec, then written the current language's way, a
    negative with the minus sign (−0.10, as on the charts' axes, not -0.10)."""
    text = format(value, spec)
    if isinstance(value, bool) or not isinstance(value, Number):
        return text
    if text.startswith("-"):
        text = MINUS + text[1:]
    if language() != "fi":
        return text
    # Finnish: decimal comma, a (no-break) space between thousands and before a percent sign.
    text = text.translate({ord(","): "\u00a0", ord("."): ","})
    return text[:-1] + "\u00a0%" if spec.endswith("%") else text


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return number(value, format_spec)


_FORMATTER = _Formatter()


class Text(str):
    """A text whose format() writes numbers the current language's way."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        return _FORMATTER.vformat(self, args, kwargs)


class Words(Mapping):
    """One dict per language with the same keys, answering in the current language."""

    def __init__(self, english: dict, finnish: str) -> None:
        self._english = english
        self._finnish = finnish  # the name of its dict in strings_fi (imported on first use)

    def in_language(self, lang: str) -> dict:
        if lang == "fi":
            from . import strings_fi

            return getattr(strings_fi, self._finnish)
        return self._english

    def __getitem__(self, key):
        value = self.in_language(language())[key]
        return Text(value) if isinstance(value, str) else tuple(Text(v) for v in value)

    def __iter__(self):
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


TEXT_EN: dict[str, str] = {
    # shell
    "app_title": "CX–EX Explorer",
    "tagline": (
        "Where does staff experience show up in what customers experience, and through which "
        "of its parts?"
    ),
    "loading_sample": "Loading the sample data…",
    "building_cube": "Checking the data and building the cube…",
    "bootstrapping": "Resampling units for the intervals…",
    "synthetic_notice": "**Synthetic data.** {description}",
    "source": "Data",
    "source_sample": "Sample (synthetic)",
    "source_deployed": "Our data",
    "deployed_caption": "{name}: served from its cube, {staff:,} staff and {customers:,} customer "
    "responses in groups of at least {k}; smaller groups are never shown or counted.",
    "opening_cube": "Opening the data…",
    "deployed_broken": "This deployment's data could not be opened. Tell whoever runs the app:",
    "source_upload": "My upload",
    "sample_caption": "Synthetic: fictional companies and units from a seeded generator, "
    "calibrated to published evidence (Data page).",
    "slope_per_star": "{touch}: {slope:+.1f} points per rating star",
    "hover_company": "rating {x}, score {y}",
    "uploader_button": "Choose a file",
    "uploader_button_many": "Choose files",
    "uploader_note": "up to {mb} MB per file • {types}",
    "contract_headers": "column,type,required,allowed,meaning",
    "kind_id": "identifier",
    "kind_text": "text",
    "kind_category": "category",
    "kind_int": "whole number",
    "kind_float": "number",
    "upload_summary_panel": "{n} companies",
    "upload_summary_linkage": "{units} units, {responses:,} customer responses",
    "level": "Level",
    "level_help": "Units: the linkage study (staff and customer surveys per business unit). "
    "Companies: the benchmark panel (employer ratings and customer index per company).",
    "all": "All",
    "none_chosen": "None",
    "no_matches": "No matches",
    "problems_more": "… and {n:,} more in this file",
    "industries": "Industries",
    "touch": "Touch strategy",
    "touch_help": "High touch: customers meet staff (hotels, retail, banks). Low touch: "
    "customers meet the product (energy, manufacturing). A company's strategy overrides "
    "its industry; you can reclassify below.",
    "segments": "Customer segments",
    "channels": "Channels",
    "roles": "Staff role",
    "roles_help": "Choosing roles hides unit-periods where a role chosen or left out has fewer "
    "staff than the minimum group size, so that no small group can be worked out by subtraction.",
    "periods": "Periods (linkage study)",
    "years": "Years (company panel)",
    "latest_year": "Latest year ({year})",
    "n_units": "{n:,} units",
    "n_units_one": "1 unit",
    "n_unit_periods": "{n:,} unit-periods",
    "n_unit_periods_one": "1 unit-period",
    "years_help": "None selected: the latest year. Several: averaged per company.",
    "ex_metric": "Employee experience (EX)",
    "cx_metric": "Customer experience (CX)",
    "reclassify": "Touch classification",
    "reclassify_help": "Argue it out: move industries and companies between high and low touch. "
    "Every page and the link follow.",
    "high_touch_industries": "High-touch industries",
    "companies_to_high": "Companies counted as high touch",
    "companies_to_low": "Companies counted as low touch",
    "advanced": "Advanced",
    "link_key_named": "'{key}' ({label})",  # a setting as a link spells it, and its label
    "link_key": "'{key}'",
    "link_allowed_range": "It takes a whole number from {low} to {high}.",
    "link_allowed_choices": "Its choices: {choices}.",
    "link_allowed_many": "Pick one of its {n} choices in the sidebar.",
    "link_notes_intro": "Parts of the link you opened could not be used; the view shows the rest:",
    "lag": "Lag (periods CX follows EX)",
    "lag_help": "0 pairs each period's staff survey with the same period's customers; 1 with "
    "the next period's customers. With a period filter, a pair counts only when both its "
    "staff period and its customer period are chosen.",
    "min_group": "Minimum group size",
    "min_group_help": "No staff aggregate of fewer respondents is shown or used (5 is the norm).",
    "reset": "Reset filters",
    "copy_link": "Link to this view (copy it; the address bar holds it too):",
    "copy_link_upload": "Link to this view (copy it; the address bar holds it too). It carries "
    "the view, not your data: uploaded data never leaves this session, so whoever opens the "
    "link is told to upload the same exports to see it:",
    "link_other_data": "**This link was made on other data.** It was made on survey data "
    "uploaded in another session, and uploaded data never travels with a link nor stays on "
    "the server. What you see is {data}. To see this view on that data, upload the same "
    "exports on the page {page}: the link's choices then apply to them.",
    "link_data_sample": "the synthetic sample (fictional companies and units)",
    "link_data_deployed": "this service's own data",
    "sample_marker": "Synthetic sample: fictional companies and units, not your "
    "organisation's. Your own surveys go in on the page {page}.",
    "sample_marker_here": "Synthetic sample in use: fictional companies and units, until your "
    "own surveys are imported on this page.",
    "page_overview": "Overview",
    "page_industries": "Industries",
    "page_linkage": "Linkage",
    "page_drivers": "Drivers",
    "page_over_time": "Over time",
    "page_data": "Data",
    "page_failed": "Something went wrong on this page (reference {reference}). Try another "
    "view or Reset filters; whoever runs this app finds the details in its log under that "
    "reference.",
    "bad_settings": "This app's privacy settings are not valid, so it shows no data. Whoever "
    "runs it should check the [privacy] section of its secrets (minimums from 3 to 50).",
    "hidden_few": "Too few to say anything, because the privacy rule leaves {units} and {cells} "
    "out of this view: groups of fewer than {staff} staff or {customers} customers are never "
    "shown.",
    "hidden_few_widen": "These choices narrow it: {filters}. With fewer of them, more is shown.",
    "hidden_few_data": "No filter narrows this view: this data's groups are too small for it.",
    "hidden_line": "Privacy: this view leaves out {units} and {cells}. "
    "Groups of fewer than {staff} staff or {customers} customers are never shown or used, nor "
    "any group that two views could be subtracted to reveal.",
    # shared
    "caveats": "Read with care:",
    "no_estimate": "not enough data (n = {n})",
    "r_with_ci": "r = {r:.2f} [{low:.2f}, {high:.2f}], n = {n}",
    "r_no_interval": "r = {r:.2f}, n = {n} (too few independent pairs for an interval)",
    "axis_r": "Correlation r (95% CI)",
    "empty_data": "Nothing to show here, with every filter open: no group of this data "
    "reaches the privacy minimum on both sides (staff and customers) in enough units for "
    "this page. More respondents per unit, or more units, fill it.",
    "empty_small": "Nothing to show here, with every filter open: this data has {units} with "
    "answers from both sides above the privacy minimum, too few for this page. More units fill "
    "it.",
    "forest_undrawn": "Not drawn, as there are too few for an interval (an r alone would read "
    "as certain): {rows}.",
    "interval_none": "none: too few",
    "empty_selection": "Nothing matches these filters. Widen the selection in the sidebar, or "
    "press Reset filters.",
    "no_linkage": "This dataset has no linkage study (units, staff and customer surveys). Switch "
    "the level to Companies, or upload a linkage study on the Data page.",
    "no_panel": "This view compares many companies (a company panel: each company's employer "
    "rating and customer score by year, companies.csv), and this dataset has none. Its units "
    "are on the unit-level pages: {pages}. A panel can be added on the Data page.",
    "not_causation": "Correlation, not causation: effects can run both ways, and other "
    "factors can drive both.",
    # overview
    "overview_question": "Does the staff's experience show up in customers' experience more "
    "where customers meet staff?",
    "level_units": "Unit level: {units} in {companies}, EX = {ex}, CX = {cx}.",
    "business_units": "{n:,} business units",
    "business_units_one": "1 business unit",
    "in_companies": "{n:,} companies",
    "in_companies_one": "1 company",
    "level_companies": "Company level: {companies} companies, employer rating × customer index, "
    "{years}.",
    "high_touch": "High touch",
    "low_touch": "Low touch",
    "class_hidden": "Hidden by the touch filter.",
    "class_absent_units": "No units of this class in this view.",
    "class_absent_companies": "No companies of this class in this view.",
    "overview_one_class": "{touch} is set to {shown}, so one class is hidden: this page "
    "compares the two classes. Set {touch} to {both} to see the comparison.",
    "difference_one_class_units": "There is no difference to test: this view has units of "
    "one touch class only.",
    "difference_one_class_companies": "There is no difference to test: this view has "
    "companies of one touch class only.",
    "difference_unknown": "The difference cannot be tested: one of the groups has too few "
    "observations.",
    "primary_overview": "This page's one comparison: is the staff–customer link stronger in "
    "high-touch than in low-touch companies? Companies, not units, are the evidence: a "
    "company's units share its strategy.",
    "primary_overview_one_company": "This page's one comparison, whether the staff–customer "
    "link is stronger in high-touch than in low-touch companies, needs companies of both kinds. "
    "This data holds one company, {company}: the page shows the link across its units, and "
    "cannot say how the touch strategy changes it.",
    "other_level_units": "The company level answers the same question from other data (the "
    "companies panel, by industry), so its answer can differ.",
    "other_level_companies": "The unit level answers the same question from other data (the "
    "linkage study's units, by company), so its answer can differ.",
    "primary_overview_companies": "This page's one comparison: is the staff–customer link "
    "stronger in high-touch than in low-touch companies? Industries, not companies, are the "
    "evidence: an industry's companies share its own link and, mostly, its strategy.",
    "touch_clear": "**A clear difference**: across these {high} high-touch and {low} low-touch "
    "companies, the link is stronger in the {stronger}-touch ones, and chance alone would "
    "rarely sort companies this way.",
    "word_high": "high",
    "word_low": "low",
    "touch_cannot": "**This data cannot show a difference**: {high} high-touch and {low} "
    "low-touch companies can be dealt into the two classes in only {deals:,} ways, so even the "
    "largest gap would have a p of {smallest} at best. A clear answer needs more companies in each "
    "class (four or more).",
    "touch_unclear": "**We cannot tell the two apart with this data**: across {high} high-touch "
    "and {low} low-touch companies, a gap this size or larger {chance}: too often to call it "
    "clear (that needs under 5%).",
    "chance_deals": "arises by chance alone in {share} of the ways the companies could fall "
    "into the two classes (p {p})",
    "chance_deals_industries": "arises by chance alone in {share} of the ways the industries "
    "could fall into the two classes (p {p})",
    "chance_model": "would arise by chance alone with a probability of {share} (p {p}, from a "
    "multilevel model of units within companies)",
    "exploratory": "*Exploratory (the filters differ from the default view; many views can be "
    "tried, so treat a difference here as a lead to check, not a finding):*",
    "these_companies": "With {high} high-touch and {low} low-touch companies, this describes "
    "these companies, not their industries in general (that needs at least 4 companies in "
    "each class).",
    "touch_clear_industries": "**A clear difference**: across these {high} high-touch and "
    "{low} low-touch companies (in {industries_high} and {industries_low}), the link is stronger "
    "in the {stronger}-touch ones, and chance alone would rarely sort the industries this way.",
    "touch_unclear_industries": "**We cannot tell the two apart with this data**: across {high} "
    "high-touch and {low} low-touch companies (in {industries_high} and {industries_low}), a gap "
    "this size or larger {chance}: too often to call it clear (that needs under 5%).",
    "touch_cannot_industries": "**This data cannot show a difference**: the {high} high-touch "
    "and {low} low-touch companies sit in {industries_high} and {industries_low}, which can be "
    "dealt into the two classes in only {deals:,} ways, so even the largest gap would have a p "
    "of {smallest} at best. Companies of one industry share its link and mostly its class, so a "
    "clear answer needs more industries in each class (four or more).",
    "these_industries": "With high-touch companies in {high} and low-touch ones in {low}, this "
    "describes these industries, not touch classes in general (that needs at least 4 "
    "industries in each class).",
    "n_industries": "{n} industries",
    "n_industries_one": "1 industry",
    "method_exact_industries": "Randomisation test over industries: companies of one industry "
    "share its own link and, unless moved, its touch class, so the classes were dealt anew to "
    "the {n} industry groups (an industry with companies in both classes counts once in each) "
    "in all {deals:,} possible ways; the observed difference in slope ({diff:+.2f} CX points per "
    "EX point, measured against its uncertainty) was matched or exceeded in a share p {p} of "
    "them. Companies are not counted as independent witnesses (Data page: Methods §1).",
    "method_random_industries": "Randomisation test over industries: companies of one industry "
    "share its own link and, unless moved, its touch class, so the classes were dealt anew to "
    "the {n} industry groups (an industry with companies in both classes counts once in each) "
    "{deals:,} times at random; the observed difference in slope ({diff:+.2f} CX points per EX "
    "point, measured against its uncertainty) was matched or exceeded in a share p {p} of them "
    "(Data page: Methods §1).",
    "how_tested": "How this was tested",
    "how_worked_out": "How this was worked out",
    "reliability_title": "How precise the units' staff means are",
    "method_exact": "Randomisation test over companies: the {n} companies' touch classes were "
    "dealt anew in all {deals:,} possible ways; the observed difference in slope ({diff:+.2f} CX "
    "points per EX point, measured against its uncertainty) was matched or exceeded in a share "
    "p {p} of them. Units are not counted as independent witnesses (Data page: Methods §1).",
    "method_random": "Randomisation test over companies: the {n} companies' touch classes were "
    "dealt anew {deals:,} times at random; the observed difference in slope ({diff:+.2f} CX "
    "points per EX point, measured against its uncertainty) was matched or exceeded in a share "
    "p {p} of them (Data page: Methods §1).",
    "method_multilevel": "Multilevel model (units within {n} companies, each company with its "
    "own level and slope): high-touch companies' EX slope is {diff:+.2f} CX points per EX "
    "point steeper (95% CI {lo:+.2f} to {hi:+.2f}, p {p}, t on companies − 4 degrees of "
    "freedom; Data page: Methods §1).",
    "companies_fisher": "For comparison, counting every company as an independent witness "
    "(Fisher's z) would give p {p}: too eager when companies of one industry share its link.",
    "units_fisher": "For comparison, counting every unit as an independent witness (Fisher's "
    "z) would give p {p}: far too eager when units sit in a few companies.",
    "channel_title_one": "The link in each channel",
    "channel_title": "Is it the channel mix?",
    "channel_caption": "If one class meets its customers in other channels than the other "
    "(each class's own mix below) and the link differs by channel, the touch gap could be the "
    "channel mix in disguise. The gap within each channel, as a slope (how many CX points go "
    "with one staff point; r shown for reference):",
    "channel_caption_absent": "The touch gap by channel needs both touch classes, and this "
    "view's data has {shown}-touch units only. For them, the link in each channel as a slope "
    "(how many CX points go with one staff point; r shown for reference):",
    "channel_caption_one": "The touch gap by channel needs both touch classes, and the touch "
    "filter shows {shown}-touch units only. For them, the link in each channel as a slope "
    "(how many CX points go with one staff point; r shown for reference):",
    "channel_points": "Here each unit counts once per period (a point per unit and period), "
    "where the cards above and the page Linkage take each unit's mean over its periods: the r "
    "of a channel here differs from theirs for that reason.",
    "channel_adjusted_clear": "With the same channel mix for both classes the slope gap is "
    "{adjusted:+.2f} (each class at its own mix: {crude:+.2f}), and still clear "
    "(randomisation over companies, p {p}): the channel mix does not explain it away.",
    "channel_adjusted_unclear": "With the same channel mix for both classes the slope gap is "
    "{adjusted:+.2f} (each class at its own mix: {crude:+.2f}), and we cannot tell it from "
    "chance (randomisation over companies, p {p}): part of the touch gap may be where "
    "customers meet staff rather than the strategy itself.",
    "column_slope_high": "High-touch slope",
    "column_slope_low": "Low-touch slope",
    "column_channel": "Channel",
    "column_share": "Share of customer answers",
    "column_own_share": "{touch}: share of its customer answers",
    "column_gap": "Slope gap (high − low)",
    "reliability_line": "How noisy are the units' staff means ({ex})? "
    "Reliability ICC(2) (and its 95% interval): {icc2}; "
    "ICC(1) = {icc1:.2f}, the share of a staff answer's variation that lies between units; "
    "about {size:.0f} answers per unit.",
    "reliability_low": "Below 0.70, noise in the staff means weakens every correlation here; "
    "corrected for it (disattenuated) the link would be about r = {high:.2f} high touch and "
    "r = {low:.2f} low touch.",
    "reliability_low_one": "Below 0.70, noise in the staff means weakens every correlation "
    "here; corrected for it (disattenuated) the link would be about r = {r:.2f} {touch}.",
    "references": "Published research, for comparison",
    "references_caption": "Reference values from published research; this app's numbers "
    "above come from the data you are looking at.",
    # industries
    "industries_title": "Industries: employer ratings and customer satisfaction",
    "industries_caption": "Each dot is a company ({years}). Lines: least-squares fit per touch "
    "class. Move industries or companies between touch classes in the sidebar (Touch "
    "classification): the correlations below follow at once.",
    "primary_industries": "This page describes, it does not test: how employer ratings and "
    "customer scores go together in each industry, and how a reclassification moves the two "
    "touch classes (the Overview tests the touch gap at this level).",
    "axis_rating": "Employee rating (1–5, employer-review style)",
    "axis_score": "Customer score (0–100, ACSI style)",
    "forest_industry": "Correlation per industry (95% CI)",
    "forest_industry_none": "No industry has enough companies for a correlation of its own "
    "(each needs at least 3).",
    "reclass_effect": "Effect of the touch classification",
    "as_published": "By industry default (as published)",
    "as_classified": "With strategies and your reclassification",
    "as_strategies": "With the companies' own strategies",
    "column_class": "Classification",
    "column_high": "High touch",
    "column_low": "Low touch",
    # linkage
    "linkage_title": "Linkage: which staff themes go with which customer themes",
    "linkage_caption": "Unit level: each cell is the correlation across units between a staff "
    "theme and a customer theme. * marks cells that stay significant after "
    "Benjamini–Hochberg correction for testing {tests} pairs.",
    "linkage_caption_phone": "Unit level: the {shown} strongest of the {tests} pairs of a staff "
    "theme and a customer theme, each the correlation across units. *Clear* marks a pair that "
    "stays significant after Benjamini–Hochberg correction for testing {tests} pairs. A wider "
    "screen shows every pair as a grid.",
    "axis_ex_theme": "Staff theme (EX)",
    "axis_cx_theme": "Customer theme or outcome (CX)",
    "pick_ex": "Staff theme",
    "pick_cx": "Customer theme or outcome",
    "cell_scatter": "Units: {ex} (staff) × {cx} (customers)",
    "axis_staff_mean": "Staff mean (1–5)",
    "axis_customer_mean": "Customer mean ({low}–{high})",
    "inside_outside": "The same theme, inside and outside",
    "inside_outside_caption": "Staff's and customers' mean score per theme (1–5 items), for "
    "the selected units.",
    "staff_view": "As staff see it",
    "customer_view": "As customers see it",
    "axis_theme_mean": "Mean score (1–5)",
    "compare_splits": "EX–CX correlation by segment, channel and staff role ({ex} × {cx}: "
    "the sidebar's pair)",
    "by_segment": "segment",
    "by_channel": "channel",
    "by_role": "staff role",
    "primary_linkage": "This page's one comparison: which staff themes go with which customer "
    "themes across units (the heatmap, tested together). The splits below are exploratory.",
    "splits_caption": "Exploratory: do segments, channels or roles differ in the link? Each "
    "pair is compared on the units that have both groups, by slope (how many CX points go "
    "with one staff point; r is weakened where a unit has few customers of a group, the slope "
    "is not). The same units appear in both groups, and a company's units share its ways, so "
    "intervals resample companies, then whole units within them, and the p-values are "
    "adjusted together (Benjamini–Hochberg) for the comparisons in this table.",
    "splits_caption_one": "Exploratory: do segments, channels or roles differ in the link? "
    "Each pair is compared on the units that have both groups, by slope (how many CX points go "
    "with one staff point; r is weakened where a unit has few customers of a group, the slope "
    "is not). The same units appear in both groups, so each interval leaves each unit out in "
    "turn, both groups at once, and the p-values are adjusted together (Benjamini–Hochberg) for "
    "the comparisons in this table.",
    "splits_absent": "Not in the chart: {groups}. No unit in this view has enough answers from "
    "them to show (groups of fewer than {staff} staff or {customers} customers are never shown).",
    "reliability_themes": "How reliable are the staff theme means across units (ICC(2), with "
    "its 95% interval; below 0.70 noise weakens their correlations): {themes}.",
    "reliability_pair_none": "The staff means of this theme differ between units no more than "
    "their noise alone would make them (ICC(2) at or below 0): their correlations say little, "
    "and no correction can be made.",
    "not_estimable": "not estimable",
    "reliability_pair": "The staff means of this theme are noisy (ICC(2) = {icc2:.2f}): "
    "corrected for that noise (disattenuated), the correlation would be about r = {r:.2f}.",
    "column_split": "Split",
    "column_pair": "Groups",
    "column_difference": "Difference in slope",
    "column_units": "Units",
    "column_ci": "95% interval (before adjustment)",
    "column_p_adjusted": "p (adjusted)",
    "column_reading": "Reading",
    "split_clear": "clearly different",
    "split_unclear": "cannot tell apart",
    "split_unknown": "too few units to compare",
    # drivers
    "drivers_title": "Drivers: which staff themes matter most for {cx}",
    "drivers_caption": "Relative weights (Johnson): each theme's share of the explained "
    "variance across {n} units (R² = {r2:.2f}), with 95% bias-corrected bootstrap intervals. "
    "Shares, not causal effects. Where a theme's impact cannot be told apart from the middle "
    'theme\'s, its quadrant says "not separable".',
    "axis_share": "Share of explained variance (%)",
    "drivers_few_units": "A first look only: {n} units, where driver weights and ranks need "
    "about 150 to be stable. Treat the order below as a question for the data to come, not an "
    "answer.",
    "primary_drivers": "This page's one question: which staff themes carry the customer "
    "outcome most, and which of them to develop first.",
    "top_clear": "**{theme} is the top driver**: it came first in every plausible resample of "
    "units ({p:.0%} of resamples).",
    "top_tie": "**No settled top driver**: {themes} each came first in some resamples of units "
    "({p}). A theme is named the top driver only when it comes first in nearly all of them "
    "(97.5% or more): treat these as joint first, the first of them as the likelier.",
    "top_tie_rest": "Other themes came first in the remaining resamples ({rest}).",
    "and": "and",
    "dominance_differs": "A second method (general dominance) orders {themes} differently: "
    "their order is not settled.",
    "column_rank_range": "Plausible impact ranks",
    "column_p_top": "Chance of the top impact %",
    "column_dominance": "Dominance %",
    "priority_title": "Priority matrix: impact × current staff score",
    "axis_impact": "Impact (% of explained variance)",
    "axis_score_now": "Current staff score (1–5)",
    "ranked": "Development areas, ranked (impact × room to improve)",
    "column_rank": "Priority rank",
    "column_theme": "Theme",
    "column_impact": "Impact %",
    "column_score": "Staff score",
    "column_quadrant": "Where it sits",
    "column_priority": "Priority (impact × room)",
    "rank_without_develop": "No theme sits under Develop first in this view. {top} ranks "
    "first, as its impact times the room it still has on the scale is the largest, and the "
    "matrix puts it under {quadrant}. A grey theme's impact cannot be told apart from the middle "
    "theme's, so the matrix does not place it, however low staff rate it.",
    "rank_beside_matrix": "{top} ranks first though the matrix does not put it under Develop "
    "first: its impact is so large that the room it still has on the scale weighs more than "
    "{develop}'s, which staff rate below the themes' average. Both are candidates: the rank "
    "orders the themes by impact times the room left, the matrix by where each stands among "
    "the others.",
    "ranked_read": "How to read the columns. Impact: the theme's share of what the staff themes "
    "together explain of the customer outcome. Staff score: how staff rate it now. Plausible "
    "impact ranks: the ranks its impact takes in 95% of resamples of the units. Chance of the "
    "top impact: how often it came first in them. Dominance: its share by a second method "
    "(general dominance), a check on Impact; close numbers mean the two agree. Priority: Impact "
    "times the room left, the share of the scale above the staff score (the rank's order).",
    # over time
    "time_title": "Over time: does EX lead CX, or follow it?",
    "time_caption": "Pairs of consecutive periods within units ({pairs:,} pairs in {units:,} "
    "units), each value less its period's average over the units: what moves every unit at once "
    "is not one unit leading. 'Within units' also removes each unit's average level, so stable "
    "differences between units cannot pass for timing.",
    "time_caption_few": "Pairs of consecutive periods within units ({pairs:,} pairs in {units:,} "
    "units), each value less its period's average over the units. With one pair per unit, "
    "both rows compare units with each other: units whose staff score high tend to have "
    "customers who score high, in either order, so neither row says which moves first.",
    "primary_time": "This page's one comparison: within units, does staff experience move "
    "before customer experience, or after it? Intervals resample companies and then their "
    "units, because the periods of one unit, and the units of one company, move together.",
    "primary_time_one": "This page's one comparison: within units, does staff experience move "
    "before customer experience, or after it? Intervals resample the company's units, because "
    "the periods of one unit move together.",
    "ex_leads": "EX now → CX next period",
    "cx_leads": "CX now → EX next period",
    "pooled": "All pairs",
    "within": "Within units",
    "lead_verdict_ex": "Within units, EX leads CX: the link from EX now to CX next period is "
    "stronger than from CX now to EX next period; the two r differ by {diff:+.2f} (95% "
    "interval {low:+.2f} to {high:+.2f}, {resampled}).",
    "resampled_companies": "resampling companies and their units",
    "resampled_units": "resampling the company's units",
    "lead_verdict_cx": "Within units, CX leads EX: the link from CX now to EX next period is "
    "stronger than from EX now to CX next period (EX to CX minus CX to EX: the two r differ by "
    "{diff:+.2f}, 95% interval {low:+.2f} to {high:+.2f}).",
    "lead_verdict_none": "Within units, neither clearly leads: the link from EX now to CX next "
    "period minus the link from CX now to EX next period; the two r differ by {diff:+.2f} "
    "(95% interval {low:+.2f} to {high:+.2f}).",
    "trend_title": "Both sides per period",
    "trend_caption": "Each axis spans a quarter of its scale (EX 1–5, CX as measured), so equal "
    "heights mean equal shares of the scale; small wiggles are not trends.",
    "outcome_satisfaction": "Satisfaction",
    "outcome_recommend": "Recommend",
    "metric_all": "All themes",
    "axis_period": "Period",
    "axis_ex_mean": "Staff mean, EX ({low}–{high})",
    "axis_cx_mean": "Customer mean, CX ({low}–{high})",
    # data
    "data_title": "Data",
    "data_contract": "The data contract",
    "method_title": "Methods: what each verdict means",
    "method_caption": "For the analyst who wants to know what stands behind a verdict: for "
    "each, the method, the assumption it needs and a reference, and how often it claims "
    "something that is not there (measured by simulation). The pages' method notes point here.",
    "method_opening": "Where the analyses start",
    "method_in_full": "In full, with its tests and references (in English):",
    "data_contract_caption": "A dataset is a set of files named after their tables (CSV, XLSX or "
    "Parquet). Needed: industries, plus companies (company panel) and/or units, "
    "employee_responses, customer_responses and theme_map (linkage study).",
    "templates": "Download example files (a valid dataset)",
    "strength_expected": "**A {band} link**: {where} where staff report a better experience "
    "tend to have customers who report a better one.",
    "strength_reversed": "**A {band} link, the other way round**: {where} where staff report a "
    "better experience tend to have customers who report a worse one.",
    "strength_expected_weak": "**A {band} link**: {where} where staff report a better "
    "experience have customers who report a better one only slightly more often than not.",
    "strength_reversed_weak": "**A {band} link, the other way round**: {where} where staff "
    "report a better experience have customers who report a worse one only slightly more often "
    "than not.",
    "strength_none": "**No link to speak of**: in these {where}, staff and customer experience "
    "move nearly independently.",
    "strength_unclear": "**We cannot tell whether there is a link**: these {where} fit no link "
    "as well as a real one.",
    "strength_unknown": "Not enough data to say.",
    "strength_few": "Too few to say (n = {n}): a verdict on the link needs at least {least}.",
    "band_weak": "weak",
    "band_moderate": "moderate",
    "band_strong": "strong",
    "quadrant_develop_first": "high impact,<br>low score",
    "quadrant_keep_strong": "high impact,<br>high score",
    "quadrant_watch": "lower impact,<br>low score",
    "quadrant_maintain": "lower impact,<br>high score",
    "quadrants_read": "Across: how staff rate the theme now (dotted: the average). Up: how much "
    "of the customer outcome the theme carries (dotted: the middle theme). Develop first: "
    "themes that carry much of the customer outcome where staff rate them low, the place to "
    "look first (a link, not proof that raising them moves customers). Grey: a theme whose impact "
    "cannot be told apart from the middle one's with this data.",
    "present": "Presentation mode",
    "present_help": "Large type, the sidebar folded away and the filters in one line at the "
    "top: for a projector. It is in the link (present=true).",
    "present_moves": "{n} moved between touch classes",
    "page_breaks": "Where the rule breaks",
    "breaks_title": "Where the rule breaks: who is off the EX–CX line",
    "breaks_caption": "Staff and customer experience are not the same thing: a company can run "
    "great CX on poor EX by design. These are the companies or units further from the line "
    "than the scatter of all the others allows (each tested against the line fitted without "
    "it, adjusted for testing every point): discuss them before assuming the link.",
    "breaks_weighted": "A unit with few answers is allowed more scatter: its means rest on "
    "fewer people, so the line and each unit's test weigh it by how far its size lets it "
    "stray.",
    "breaks_found": "{n} of {of} {counted} break the pattern. {kinds}.",
    "breaks_found_one": "1 of {of} {counted} breaks the pattern. {kinds}.",
    "breaks_none": "None of the {of} {what} is further from the line than chance allows: no "
    "break this data can show (with few points only a large one could be told from chance).",
    "breaks_elsewhere": "At the other level, {n} of {of} {counted} break it: set Level to "
    "{option} to see them.",
    "breaks_follow": "Follows the pattern",
    "breaks_line": "The line (fitted)",
    "break_high_cx_low_ex": "High CX, low EX",
    "break_low_cx_high_ex": "Low CX, high EX",
    "break_above": "Above the line",
    "break_below": "Below the line",
    "breaks_axis_cx_units": "Customer mean (CX, {low}–{high})",
    "breaks_axis_ex_companies": "Employer rating (1–5)",
    "breaks_axis_cx_companies": "Customer index (0–100)",
    "breaks_column_ex": "EX",
    "breaks_column_cx": "CX",
    "breaks_column_expected": "CX the line expects",
    "breaks_column_mix": "Customers by channel",
    "breaks_read": "High CX, low EX (above the line, EX below the median of these points): "
    "customers are served well although staff report a poorer experience (by design, or for "
    "now). Low CX, high EX (below the line, EX above the median): staff are doing well but "
    "customers do not feel it. Above or below the line: off the line with EX on the other side "
    "of the median, so only their CX is unusual for their EX.",
    "breaks_read_units": "A whole company off the line shows as several of its units: switch "
    "Level to Companies to see it as one.",
    "column_unit": "Unit",
    "column_company": "Company",
    "channel_in-person": "in person",
    "channel_phone": "phone",
    "channel_digital": "digital",
    "page_surveys": "Your surveys",
    "surveys_title": "Your surveys: import the exports, or design the pair",
    "surveys_caption": "Bring the staff survey and the customer survey in as your survey tool "
    "exports them, or start from paired questionnaires built around common themes. Files stay "
    "in this session's memory: nothing is written to disk.",
    "import_tab": "Import survey exports",
    "kit_tab": "Design the surveys",
    "import_help": "Drop one staff survey export and one customer survey export: Qualtrics, "
    "SurveyMonkey, Microsoft Forms, Google Forms, Webropol or any spreadsheet with one header "
    "row, or SPSS (.sav). The format is recognised; you then check how the columns map.",
    "import_staff_file": "Staff survey export",
    "import_customer_file": "Customer survey export",
    "import_more": "Optional: a units list, or a saved mapping from last time",
    "import_units_file": "Units list (unit_id, company, industry, region)",
    "import_mapping_file": "Saved mapping (.json)",
    "import_in_use": "The import in use, {staff} and {customers}: correct its mapping below and "
    "press Use this data again, or drop other exports above.",
    "import_waiting": "Drop both exports to start. Nothing is analysed until both are in.",
    "import_reading": "Reading the export…",
    "import_unreadable": "A file could not be read:",
    "import_choices_kept": "Your choices on the earlier files are kept for these (columns new "
    "to them are suggested afresh); check them below.",
    "import_saved_used": "Your saved mapping is applied; check it below.",
    "import_company": "Whose data",
    "import_company_name": "Company",
    "import_our_company": "Our company",
    "import_our_industry": "Our industry",
    "import_industry": "Industry",
    "import_mapping": "How the columns map",
    "import_staff": "Staff export",
    "import_customers": "Customer export",
    "import_one_value": "(one value for the whole file)",
    "import_value_for": "The {field} for every response",
    "import_field_unit": "Unit",
    "import_field_period": "Period",
    "import_field_role": "Staff role",
    "import_field_segment": "Customer segment",
    "import_field_channel": "Channel",
    "import_from_date": "A date: use its quarter",
    "import_from_date_help": "Each answer's date becomes its quarter, such as 2024-Q3: the "
    "period its response counts in.",
    "import_answer": "Answer",
    "import_role_word": "Role",
    "import_role_word_help": "Left empty, the answer is a role in its own words.",
    "import_channel_word": "Channel",
    "import_column": "Column",
    "import_question": "Question",
    "import_use": "Use as",
    "import_theme": "Theme",
    "import_reverse": "Reverse-worded",
    "import_scale": "Scale",
    "import_swipe": "On a phone the table goes on to the right: swipe it sideways for {columns}.",
    "import_answers": "Answers as numbers",
    "import_number": "Number",
    "import_unread": "Not read yet: {answers}. Give each its number on the scale, or tick "
    "'no answer'; the import waits until every answer reads.",
    "import_answers_edit": "How answers read as numbers",
    "import_label": "Label",
    "import_no_answer": "No answer",
    "import_not_used": "Not used (listed, not dropped):",
    "unused_context": "left when another column was chosen for its field",
    "unused_empty": "no answers in the export",
    "unused_many": "more than {n} different answers: free text, dates or ids",
    "unused_not_scale": "its answers are not a 1–5 agreement or a 0–10 rating ({answers})",
    "unused_no_theme": "no common theme matched its question: to use it, set it to '{use}' and "
    "name its theme",
    "unused_chosen": "set to not used in the table",
    "import_numbered": "(column {n})",
    "import_preview": "Preview and check",
    "import_download_mapping": "Download this mapping (.json)",
    "import_ready": "All checks passed: {units} units, {staff:,} staff and {customers:,} "
    "customer responses, {themes} common themes.",
    "import_ready_but": "Before you use it, know what was left out or needs a look:",
    "import_use_data": "Use this data",
    "import_table": "{words}, {rows} (as {name} in the documented layout)",
    "table_employee_responses": "Staff answers",
    "table_customer_responses": "Customer answers",
    "table_theme_map": "Themes and their questions",
    "table_units": "Units",
    "table_industries": "Industries and their touch class",
    "n_rows": "{n:,} rows",
    "n_rows_one": "1 row",
    "kit_help": "Pick the common themes; each is asked of staff (2–3 statements) and of "
    "customers (1–2), in English and Finnish, with the column ids the importer recognises.",
    "kit_themes": "Common themes",
    "kit_side": "Survey",
    "kit_side_staff": "staff",
    "kit_side_customers": "customers",
    "kit_scale_answer": "answer",
    "kit_scale_agreement": "1–5 agreement",
    "kit_column_id": "Column id",
    "kit_xlsx": "Questionnaire and theme map (.xlsx)",
    "kit_csv": "Questionnaire (.csv)",
    "kit_language": "Qualtrics file language",
    "kit_qualtrics_staff": "Staff survey for Qualtrics (.txt)",
    "kit_qualtrics_customers": "Customer survey for Qualtrics (.txt)",
    "kit_rules": "**Run them together.** Field both surveys in the same weeks, so staff and "
    "customer answers describe the same period. **Ask for the unit on both**: the link is made "
    "unit by unit. **Keep staff groups of at least 5**: smaller groups are never shown. **Plan "
    "for digital encounters**: about half of customer encounters are digital, so ask the "
    "channel and read the link by channel. The research and the sources are below.",
    "upload": "Upload your own files",
    "upload_help": "Drop the files of your dataset (CSV, XLSX or Parquet, plus an optional "
    "manifest.json). They are checked together, and nothing is used until every check passes. "
    "Drop a corrected file later and it replaces the one of the same name. Employee data "
    "never leave this session.",
    "validating": "Checking {files}…",
    "checked_bad": "Checked {files}: {problems}",
    "checked_ok": "Checked {files}: every check passed",
    "n_files": "{n} files",
    "n_files_one": "1 file",
    "n_problems": "{n} problems",
    "n_chosen": "{n} chosen",
    "n_problems_one": "1 problem",
    "import_failed": "These exports cannot be used yet: {problems}. Most are fixed in the "
    "mapping above (a column's use, theme or answers, where the period comes from); a problem "
    "in the answers themselves is fixed in the file: drop the corrected export in its place "
    "above, and your choices are kept.",
    "upload_failed": "These files cannot be used yet: {problems}. Fix them and drop the "
    "corrected files here; a file with the same name replaces the one above.",
    "upload_ok": "All checks passed: {summary}. The sidebar's Data switch now shows your upload.",
    "upload_notes": "Notes",
    "download_view": "Download the aggregates behind this view (CSV)",
    "download_view_is": "The file holds this view only: {view}.",
    "download_caption": "One row per {what}: the numbers this view's statistics use, rounded to "
    "what the data resolves. Staff aggregates below the minimum group size are not in it.",
    "download_none": "This dataset has no data at this level, so there is nothing to download.",
    "per_unit": "unit",
    "per_company": "company",
    "file_size_kb": "{kb:,.1f} KB",
    "n_bytes": "{n} bytes",
    "n_bytes_one": "1 byte",
    "column_size": "Size",
    "clear_upload": "Remove these files",
    "staged_files": "{files} in this upload (drop more, or corrected ones, above):",
    "column_file": "File",
    "column_column": "Column",
    "column_problem": "Problem",
    "column_rows": "Rows (examples)",
    "column_finding": "Finding",
    "column_value": "Value",
    "column_basis": "Basis",
    "column_year": "Year",
    "industries_with_units": "Unit data (linkage study) for {n} of {total} industries: {names}.",
    "hover_priority": "%{text}: staff score %{x:.2f}, impact %{y:.1f} %<extra></extra>",
    "r_and_n": ": r = {r:.2f}, n = {n}",
    "interval": "{} to {}",
    "chart_numbers": "The numbers in this chart",
    "column_group": "Group",
    "column_industry": "Industry",
    "column_interval_95": "95% interval",
    "column_period": "Period",
    "language": "Language · Kieli",
    "import_use_item": "theme item",
    "import_use_satisfaction": "satisfaction",
    "import_use_recommend": "recommend",
    "import_use_not_used": "not used",
    "views": "Named views",
    "views_name": "Name this view",
    "views_hint": "e.g. Our units as they are",
    "views_save": "Save this view",
    "views_full": "{n} views saved: save under an existing name to replace it.",
    "views_last": "Saved views travel in this view's link and the address bar: a reload keeps "
    "them, and whoever opens the link has them too.",
    "views_open": "Open a view",
    "views_links": "Each view's own link (right-click to copy):",
    "views_default": "View {n}",
    "report_dataset": "Data",
    "report_made": "Made",
    "report_link": "Link to this view",
    "report_download": "Download this view as a report (HTML)",
    "report_help": "One file that opens offline in any browser, with the charts still interactive; "
    "print it from the browser for a PDF.",
    "actions_title": "Action list",
    "actions_dataset": "Data",
    "actions_theme": "Theme",
    "actions_why": "Why",
    "actions_owner": "Owner",
    "actions_due": "Due",
    "actions_notes": "Notes",
    "actions_why_template": "impact {impact}% (95% interval {low}–{high}%), staff score "
    "{score} / 5, {quadrant}",
    "actions_impact": "Impact %",
    "actions_impact_low": "95% interval, low",
    "actions_impact_high": "95% interval, high",
    "actions_score": "Staff score (1–5)",
    "actions_help": "Pick the development areas to act on. Each keeps why it was picked (its "
    "impact with its interval and the staff score now); give it an owner, a due date and notes. "
    "The list stays while you move between pages.",
    "actions_pick": "Development areas to add",
    "actions_pick_hint": "Choose themes",
    "actions_add": "Add to the action list",
    "actions_no_estimate": "{theme} has no estimate in this view, so it was not added.",
    "actions_empty": "The action list is empty: pick development areas above.",
    "actions_load": "Reload a saved action list (.json)",
    "actions_bad_file": "This file is not an action list this app saved:",
    "views_bad_link": "The views in this link could not be read (was it cut short?); they "
    "are not added.",
    "actions_bad_link": "The action list in this link could not be read, so the list starts empty.",
    "actions_remove": "Remove",
    "actions_download_md": "Markdown",
    "actions_download_csv": "CSV",
    "actions_download_json": "File to reload (.json)",
    "actions_too_long": "This list is too long for a link: download the file to reload it.",
    "page_compare": "Compare views",
    "compare_title": "Compare two views",
    "compare_caption": "Two named views side by side: the staff–customer link in each, and how far "
    "apart they are. Save views in the sidebar (Named views) first.",
    "compare_none": "No named views yet. Set the filters, then save the view in the sidebar (Named "
    "views); compare it here with the view you have now or with another saved one.",
    "compare_now": "The view now",
    "compare_first": "First view",
    "compare_second": "Second view",
    "compare_level": "Both views are compared at the level of the first: {level}.",
    "compare_all": "All",
    "compare_group": "Group",
    "compare_splits_elsewhere": "These views differ by {splits}. This page compares the "
    "strength of the link (r) over all units of each view. The page {page} compares such "
    "groups directly, by slope on the units that have both, which r cannot match: r is "
    "weakened where a unit has few customers or staff of a group. The two readings can "
    "disagree; for a difference between these groups, {page}'s is the one to use.",
    "compare_difference": "Difference (second − first)",
    "compare_interval": "95% interval of the difference",
    "compare_clear": "**The two views differ**: the correlation between staff and customer "
    "experience is clearly higher in {higher} than in {lower} ({where}; by {difference:.2f}, 95% "
    "interval {ci_low:.2f} to {ci_high:.2f}).",
    "compare_unclear": "**We cannot tell the two views apart**: the difference ({difference:+.2f}, "
    "95% interval {ci_low:+.2f} to {ci_high:+.2f}) could be chance ({where}).",
    "compare_unknown": "Too few companies or units to say how uncertain the difference is: the two "
    "views cannot be compared.",
    "compare_method": "The two views usually share companies, so they are not independent samples. "
    "Each of the {companies} companies in either view is left out in turn from both views at once "
    "(a paired jackknife); the interval is the difference ± t × its standard error over companies. "
    "In 1,000 simulated datasets with no real difference it called a difference about 5 times in "
    "100 (Data page: Methods §10).",
    "compare_group_absent": "none in either view",
    "compare_row_one_company": "a view of one company",
    "compare_group_one_view": "in one view only",
    "compare_one_company": "{view} rests on the units of one company. The interval leaves "
    "each company out in turn, and without that one nothing is left of the view, so how "
    "uncertain the difference is cannot be said: add industries or companies to the view to "
    "compare it.",
    "compare_method_units": "The two views share units, so they are not independent samples. "
    "This data holds one company, so each of the {units} units in either view is left out in "
    "turn from both views at once (a paired jackknife over units); the interval is the "
    "difference ± t × its standard error over units. In 1,000 simulated datasets of one "
    "company with no real difference it called a difference about 5 times in 100 (Data page: "
    "Methods §10).",
    "heatmap_words": "**{clear} of {tests} pairs of themes show a clear link** (clear even "
    "allowing for testing them all). The strongest pair, the highest of {tests} and so likely a "
    "little overstated, is {ex} (staff) with {cx} (customers).",
    "heatmap_top_unclear": "Its r of {r} is not clear once all {tests} pairs tried are allowed "
    "for: with this data it may be chance.",
    "heatmap_clear": "clear",
    "heatmap_unclear": "not clear",
    "heatmap_clear_column": "Clear link",
    "lead_plain_ex": "**Changes in staff experience come first**: within units, changes in how "
    "staff feel come before changes in customers' experience more than the other way round "
    "(timing, not proof of cause).",
    "lead_plain_cx": "**Changes in customer experience come first**: within units, changes in how "
    "customers feel come before changes in staff experience more than the other way round (timing, "
    "not proof of cause).",
    "time_no_pairs": "Which moves first pairs each period with the next one, so it needs two "
    "or more periods in a row, and the chosen periods ({periods}) have none. Choose periods in "
    "a row (or clear the period filter); each period's means are below.",
    "lead_plain_few_periods": "**This view cannot show which moves first**: that compares each "
    "unit with itself over two or more pairs of consecutive periods, and here fewer than 4 "
    "units have them. "
    "Choose more periods (or clear the period filter). The rows below compare units with each "
    "other only.",
    "lead_plain_few_periods_data": "**This data cannot show which moves first**: that compares "
    "each unit with itself over two or more pairs of consecutive periods, and the data has "
    "{count} periods ({periods}). It needs three in a row; until then the rows below compare "
    "units with each other only.",
    "lead_plain_none": "**We cannot tell which moves first**: within units, neither staff nor "
    "customer experience clearly changes before the other with this data.",
    "splits_differ": "**The link differs between groups in {n} of {of} comparisons**: {pairs}. "
    "Treat these as leads to check: this part of the page explores.",
    "splits_same": "**No group clearly differs**: in none of the {of} comparisons of segments, "
    "channels or roles is the link clearly stronger in one group than the other.",
    "signin_needed": "This deployment shows an organisation's own survey data: sign in to view it.",
    "signin": "Sign in",
    "signin_denied": "You are signed in, but this deployment's data is shared only with certain "
    "organisations, and your e-mail address is not one of them. Ask whoever runs it.",
    "signout": "Sign out",
    "compare_same": "Pick two different views to compare.",
    "compare_filters_idle": "The sidebar's filters change nothing here while both views are "
    "saved ones: pick '{now}' as one of them to compare the filters you set.",
    "compare_levels_differ": "The first view shows {first} and the second {second}: a link across "
    "units and one across companies are not the same measure, so they are not compared. Pick two "
    "views at the same level.",
    "level_on_units": "units",
    "level_on_companies": "companies",
    "actions_private": "This deployment is private: the action list is not put in links (owners "
    "and notes would travel in them as plain text). Download the file to reload it.",
    "actions_in_link": "The view's link carries this list, owners and notes included: share it "
    "only with people who may see them.",
    "actions_bad_edit": "The change to {theme} was not kept: a text is too long.",
    "code_in-person": "in-person",
    "code_phone": "phone",
    "code_digital": "digital",
    "code_customer-facing": "customer-facing",
    "code_back-office": "back-office",
    # control options (they are also the values links carry)
    "level_word_units": "units",
    "level_counted_units": "units",
    "level_counted_companies": "companies",
    "level_word_companies": "companies",
    "option_units": "Units",
    "option_companies": "Companies",
    "option_both": "Both",
    "option_high": "High",
    "option_low": "Low",
}

CAVEATS_EN: dict[Caveat, str] = {
    Caveat.EMPTY: "no rows have both values, so there is nothing to correlate",
    Caveat.TOO_FEW: "fewer than 4 pairs (or a missing correlation): too little data for an "
    "interval or a comparison",
    Caveat.ZERO_VARIANCE: "one of the two variables has the same value in every row, so the "
    "correlation is undefined",
    Caveat.SMALL_SAMPLE: "fewer than 30 units or companies: the interval is wide and the "
    "estimate unstable",
    Caveat.EMPTY_SELECTION: "nothing matches the current filters",
    Caveat.SUPPRESSED: "some unit-periods are hidden: fewer staff respondents than the minimum "
    "group",
    Caveat.THIN_UNITS: "few staff respondents per unit: unit means are noisy and r is attenuated",
    Caveat.COLLINEAR: "two or more staff themes are (almost) perfectly correlated: their "
    "weights are unstable",
    Caveat.REPEATED_UNITS: "pairs of periods come from the same units, so intervals resample "
    "whole units",
    Caveat.FEW_COMPANIES: "fewer than 4 companies in a class: the result describes these "
    "companies, not their industries in general",
    Caveat.FEW_FOR_DRIVERS: "fewer than 150 units: driver weights and ranks are unstable; read "
    "them as a first look",
    Caveat.FEW_FOR_BREAKS: "fewer than 10 points: too few for a line to test any point against",
    Caveat.FEW_PERIODS: "fewer than 4 units with two or more pairs of consecutive periods: a "
    "unit cannot be compared with itself, so which side moves first cannot be asked",
}

QUADRANTS_EN: dict[Quadrant, str] = {
    Quadrant.DEVELOP_FIRST: "develop first",
    Quadrant.KEEP_STRONG: "keep strong",
    Quadrant.WATCH: "watch",
    Quadrant.MAINTAIN: "maintain",
    Quadrant.NOT_SEPARABLE: "not separable",
}

NOTICES_EN: dict[Notice, str] = {
    Notice.BAD_LINK_VALUE: "Ignored '{value}' for {subject}: not a valid value for this data.",
    Notice.BAD_MODE_VALUE: "Ignored '{value}' for {subject}: not one of its values.",
    Notice.REPEATED_LINK_VALUE: "Ignored '{value}' for {subject}: the link gives it more than "
    "one value, and the last counts.",
    Notice.UNKNOWN_LINK_KEY: "Ignored '{subject}': this app has no setting of that name.",
    Notice.UNKNOWN_LINK_KEY_NEAR: "Ignored '{subject}': this app has no setting of that name. "
    "Did you mean {value}?",
    Notice.BELOW_FLOOR: "Ignored '{value}' for {subject}: groups smaller than the minimum set "
    "by whoever runs this app are never shown; a link may raise the minimum, never lower it.",
    Notice.MOVE_ALREADY: "{subject} already counts as {value} touch: moving it changes nothing.",
    Notice.MOVE_ABSENT: "{subject} has no data at this level: moving it changes nothing here.",
    Notice.MOVE_CONFLICT: "{subject} is in both lists: it counts as {value} touch.",
    Notice.NO_UNIT_DATA: "No unit data for {subject}. The linkage study covers {value}: pick one "
    "of those, or switch the level to Companies.",
    Notice.TOUCH_EXCLUDES: "{subject} has no {value}-touch units or companies here: pick Both "
    "under Touch strategy, or move it under Touch classification.",
}

INACTIVE_EN: dict[Inactive, str] = {
    Inactive.UNITS_ONLY: "Unit-level filters: this page shows companies.",
    Inactive.COMPANIES_ONLY: "Company-level filter: this page shows units.",
    Inactive.LEVEL_FIXED: "This page always shows {level}.",
    Inactive.OWN_LAG: "This page pairs consecutive periods itself.",
    Inactive.EVERY_THEME: "This page uses every staff theme at once.",
}

REFERENCES_EN: dict[str, tuple[str, str, str]] = {
    # key: (finding, value, basis)
    "high_touch": (
        "Company level, high-touch industries",
        "r ≈ 0.31 (R² = 0.096, n = 125)",
        "Employer ratings vs ACSI customer index, 345 US companies",
    ),
    "low_touch": (
        "Company level, low-touch industries",
        "r ≈ 0.23 (R² = 0.051, n = 220)",
        "Same study",
    ),
    "split_test": (
        "Is the high/low difference significant?",
        "No: Fisher z test p = {p:.2f}",
        "Computed here from the published R² and n",
    ),
    "per_star": (
        "Customer index per employer-review star",
        "+1.3 points overall; +3.2 in high-contact sectors",
        "Employer-review study (ratings vs customer satisfaction)",
    ),
    "unit_level": (
        "Unit level, employee vs customer measures",
        "r ≈ 0.3 (meta-analytic)",
        "Linkage research across business units",
    ),
}

TEXT = Words(TEXT_EN, "TEXT_FI")
CAVEATS = Words(CAVEATS_EN, "CAVEATS_FI")
QUADRANTS = Words(QUADRANTS_EN, "QUADRANTS_FI")
NOTICES = Words(NOTICES_EN, "NOTICES_FI")
INACTIVE = Words(INACTIVE_EN, "INACTIVE_FI")
REFERENCES = Words(REFERENCES_EN, "REFERENCES_FI")


def counted(key: str, n: int) -> str:
    """A count with its noun: TEXT[key + '_one'] for one ('1 file', '1 tiedosto'), TEXT[key]
    for any other number ('3 files', '3 tiedostoa')."""
    return TEXT[f"{key}_one"] if n == 1 else TEXT[key].format(n=n)


def file_size(size: int) -> str:
    """A file's size for a list of files: bytes under a kilobyte (a 16-byte file had read
    '0.0 KB'), kilobytes with a decimal above."""
    return counted("n_bytes", size) if size < 1024 else TEXT["file_size_kb"].format(kb=size / 1024)
