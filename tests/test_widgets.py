"""Every widget state runs: each option of every choice widget, on every page and in the
sidebar, alone and cleared; toggles flipped; buttons pressed. No exception anywhere.

A disabled widget cannot be clicked, but a link or another page can give it a value: those
states are set through session state, as a link's value would be.

The two company lists hold every company (353 on the sample). All of them are swept on the
Industries page, where each one moves a company between the fitted lines; elsewhere the sweep
takes the linkage study's companies (the only ones that move units) and every 25th other one,
and test_every_company_moves_on_both_levels moves every company through the library.
"""

from __future__ import annotations

import pytest

from cxlib.controls import controls, view_of
from cxlib.groups import touch_gap
from cxlib.panel import panel_table
from cxlib.scope import PAGES

from .conftest import failures, open_app

CHOICES = ("selectbox", "radio", "multiselect", "segmented_control", "pills")
FLIPS = ("checkbox", "toggle")
COMPANY_LISTS = ("company_high", "company_low")
SWEEPS = [(page, "Units") for page in PAGES] + [("overview", "Companies"), ("data", "Companies")]


def states(widget, study_companies: set[str], every_company: bool) -> list:
    """Each single option, and the empty choice where the widget has one."""
    kind = widget.type
    if kind in FLIPS:  # no options: flipped once
        return [not widget.value]
    options = list(widget.options)
    if widget.key in COMPANY_LISTS and not every_company:
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
        for state in (*states(widget, study, page == "industries"), default):
            if widget.disabled:
                at.session_state[key] = state
                at.run()
            else:
                keyed(at)[key].set_value(state).run()
            assert not failures(at), (page, key, state, failures(at))
            swept += 1
    for button in at.button:
        if button.disabled:  # a browser cannot press it either
            continue
        button.click().run()
        assert not failures(at), (page, button.label, failures(at))
    assert swept >= 100, swept


def test_every_company_moves_on_both_levels(sample, engine):
    """Each company option, moved to either class, gives a view both levels can compute."""
    specs = controls(sample)
    for company in specs["company_high"].options:
        for key in COMPANY_LISTS:
            view = view_of({key: [company]}, specs)
            assert engine.unit_table(engine.relevant(view), full=False).table.height > 300
            assert touch_gap(panel_table(sample, view)).high.n > 100
