"""FilterState: one hashable view, a lossless URL round trip, invalid input dropped with notices."""

from cxlib.filters import FilterState, Vocabulary, parse_view
from cxlib.touch import Reclassification


def test_default_view_has_an_empty_query():
    assert FilterState().to_query() == {}


def test_round_trip_through_query_parameters():
    state = FilterState(
        level="companies",
        industries=("Hotels", "Banks"),
        touch=("high",),
        channels=("digital", "in-person"),
        roles=("customer-facing",),
        years=(2018, 2019),
        cx_metric="cx:Enablement",
        lag=1,
        min_group_size=7,
        reclassify=Reclassification(
            industries=(("Energy utilities", "high"),), companies=(("Boreal Energy", "low"),)
        ),
    )
    parsed, notices = FilterState.from_query(state.to_query())
    assert notices == []
    assert parsed == state


def test_equal_views_are_equal_cache_keys_whatever_the_order():
    a = FilterState(industries=("Hotels", "Banks"), channels=("phone", "digital"))
    b = FilterState(industries=("Banks", "Hotels", "Banks"), channels=("digital", "phone"))
    assert a == b and hash(a) == hash(b)


def test_invalid_values_are_dropped_with_a_notice_never_raised():
    params = {
        "level": "galaxy",
        "channel": ["phone", "carrier pigeon"],
        "lag": "9",
        "year": ["2018", "last"],
        "k": "2",
        "colour": "blue",
        "move_company": ["Boreal Energy:high", "nonsense"],
    }
    state, notices = FilterState.from_query(params)
    assert state.level == "units" and state.lag == 0 and state.min_group_size == 5
    assert state.channels == ("phone",) and state.years == (2018,)
    assert state.reclassify.companies == (("Boreal Energy", "high"),)
    text = " ".join(notices)
    for bad in ("galaxy", "carrier pigeon", "'9'", "'last'", "'2'", "colour", "nonsense"):
        assert bad in text
    assert len(notices) == 7


def test_values_not_in_the_dataset_are_dropped(sample):
    """A link made on other data keeps what still applies and says what it dropped."""
    state, notices = parse_view(
        {"industry": ["Hotels", "Alchemy"], "ex": "ex:Telepathy", "period": "1999-Q1"}, sample
    )
    assert state.industries == ("Hotels",)
    assert state.ex_metric == "ex:all" and state.periods == ()
    assert len(notices) == 3 and "Alchemy" in notices[0]


def test_vocabulary_lists_the_dataset_options(sample):
    vocabulary = Vocabulary.of(sample)
    assert "Harbor Bank" in vocabulary.companies and vocabulary.years[-1] == 2019
    assert "ex:Enablement" in vocabulary.ex_metrics and "cx:Wellbeing" in vocabulary.cx_metrics
    assert vocabulary.periods == sample.periods
