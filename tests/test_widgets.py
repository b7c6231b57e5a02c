"""Every widget state runs: each option of every choice widget, on every page and in the
sidebar, alone and cleared; toggles flipped; buttons pressed. No exception anywhere.

A disabled widget cannot be clicked, but a link or another page can give it a value: those
states are set through session state, as a link's value would be.

The two company lists hold every company (353 on the sample). The sweep takes the linkage
study's companies (the only ones that move units) and every 25th other one; every company is
moved by test_every_company_moves_on_both_levels, through the library calls the pages make
(sweeping all 706 choices through the Industries page took 54 s of the suite, 70 ms a run, for
the same calls).
"""

from __future__ import annotations

import polars as pl
import pytest

from cxlib.controls import controls, view_of
from cxlib.groups import correlation_by, touch_gap
from cxlib.panel import panel_table, trend_lines
from cxlib.scope import PAGES

from .conftest import failures, open_app

CHOICES = ("selectbox", "radio", "multiselect", "segmented_control", "pills")
FLIPS = ("checkbox", "toggle")
COMPANY_LISTS = ("company_high", "company_low")
SWEEPS = [(page, "Units") for page in PAGES] + [("overview", "Companies"), ("data", "Companies")]


def states(widget, study_companies: set[str]) -> list:
    """Each single option, and the empty choice where the widget has one."""
    kind = widget.type
    if kind in FLIPS:  # no options: flipped once
        return [not widget.value]
    options = list(widget.options)
    if widget.key in COMPANY_LISTS:
        options = [o for i, o in enumerate(options) if o in study_companies or i % 25 == 0]
    if kind == "multiselect":
        return [[option] for option in options] + [[]]
    if kind == "button_group":
        return [*options, None]
    return options


def keyed(at) -> dict[str, object]:
    return {w.key: w for kind in (*CHOICES, *FLIPS) for w in getattr(at, kind) if w.key}


@pytest.mark.parametrize(("page", "level"), SWEEPS, ids=[f"{p}-{lv}" for p, lv in SWEEPS])
def test_every_widget_state_runs(page, level, sample):
    at = open_app(page, level=level) if level != "Units" else open_app(page)
    study = set(sample.units["company"])
    swept = 0
    for key, widget in keyed(at).items():
        default = widget.value
        for state in states(widget, study):
            if widget.disabled:
                at.session_state[key] = state
                at.run()
            else:
                keyed(at)[key].set_value(state).run()
            assert not failures(at), (page, key, state, failures(at))
            swept += 1
        # Back to the default, run with the next widget's first state (a run of its own for
        # each had been a third of the sweep's time, and the default view runs anyway).
        if widget.disabled:
            at.session_state[key] = default
        else:
            keyed(at)[key].set_value(default)
    at.run()
    assert not failures(at), (page, "defaults", failures(at))
    for button in at.button:
        if button.disabled:  # a browser cannot press it either
            continue
        button.click().run()
        assert not failures(at), (page, button.label, failures(at))
    assert swept >= 100, swept


def test_every_company_moves_on_both_levels(sample, engine):
    """Each company option, moved to either class, gives a view both levels can compute, and
    the Industries page's fitted lines and per-industry correlations (as published and as
    classified now) for it."""
    specs = controls(sample)
    for company in specs["company_high"].options:
        for key in COMPANY_LISTS:
            view = view_of({key: [company]}, specs)
            assert engine.unit_table(engine.relevant(view), full=False).table.height > 300
            companies = panel_table(sample, view)
            assert touch_gap(companies).high.n > 100
            assert trend_lines(companies.table)["touch"].sort().to_list() == ["high", "low"]
            moved = companies.table.filter(pl.col("company") == company)["touch"].to_list()
            assert moved == [key.removeprefix("company_")], (company, key)
            for by in ("industry", "industry_touch"):
                assert correlation_by(companies, by).height >= 2, (company, by)
