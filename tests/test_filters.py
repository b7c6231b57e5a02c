"""FilterState: one frozen, hashable view; equal choices are equal cache keys."""

import pytest
from pydantic import ValidationError

from cxlib.filters import UNIT_FIELDS, FilterState
from cxlib.touch import Reclassification


def test_equal_views_are_equal_cache_keys_whatever_the_order():
    a = FilterState(industries=("Hotels", "Banks"), channels=("phone", "digital"))
    b = FilterState(industries=("Banks", "Hotels", "Banks"), channels=("digital", "phone"))
    assert a == b and hash(a) == hash(b)
    assert a.model_dump_json() == b.model_dump_json()


def test_values_outside_the_vocabulary_are_refused():
    """Channels and touch classes come from the contract; metrics name their side. (Roles
    are any labels the data has.)"""
    for bad in (
        {"channels": ("fax",)},
        {"touch": ("medium",)},
        {"ex_metric": "cx:Enablement"},
        {"cx_metric": "satisfaction"},
        {"lag": 9},
        {"min_group_size": 2},
    ):
        with pytest.raises(ValidationError):
            FilterState(**bad)


def test_without_puts_fields_back_to_their_defaults():
    view = FilterState(
        channels=("digital",),
        lag=2,
        industries=("Hotels",),
        reclassify=Reclassification(companies=(("Boreal Energy", "low"),)),
    )
    trimmed = view.without(UNIT_FIELDS)
    assert trimmed.channels == () and trimmed.lag == 0
    assert trimmed.industries == ("Hotels",) and trimmed.reclassify == view.reclassify
