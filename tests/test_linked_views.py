"""The saved views a link carries: a token round-trips, and anything else a link could hold
is refused with a DataError (never another exception)."""

from __future__ import annotations

import pytest

from cxlib import tokens
from cxlib.errors import DataError
from cxlib.linked_views import CURRENT, LinkedView, from_token, read_token, to_token

HIGH = LinkedView(
    name="Paljon", page="overview", lang="fi", query={"touch": ["Paljon kohtaamisia"]}
)
EVERYTHING = LinkedView(name="Kaikki <b>", page="drivers", lang="en", query={})


def test_two_views_round_trip_through_a_token():
    token = to_token([HIGH, EVERYTHING])
    assert from_token(token) == (HIGH, EVERYTHING)
    assert tokens.ALPHABET.fullmatch(token) and len(token) < 300


def test_the_compared_pair_round_trips_the_current_view_included():
    """A Compare link says which two it compares; the current view (the link's own filters) is
    CURRENT. A link made before links said it compares its first two."""
    assert read_token(to_token([HIGH, EVERYTHING], (1, CURRENT))) == ((HIGH, EVERYTHING), (1, -1))
    assert read_token(to_token([HIGH, EVERYTHING], (0, 1)))[1] == (0, 1)
    assert read_token(to_token([HIGH, EVERYTHING])) == ((HIGH, EVERYTHING), None)


@pytest.mark.parametrize("pair", [[0, 2], [-2, 0], [0], [0, 1, 1], "01", [0.0, 1], [True, 0]])
def test_a_compared_pair_that_is_not_two_of_the_views_is_refused_in_words(pair):
    payload = {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en"}] * 2, "c": pair}
    with pytest.raises(DataError) as refused:
        read_token(tokens.pack(payload))
    assert refused.value.problems[0].what.startswith("not views: ")


@pytest.mark.parametrize(
    "payload",
    [
        [1, 2],
        {"v": 1, "w": [], "x": 1},
        {"v": 2, "w": []},
        {"v": 1, "w": []},
        {"v": 1, "w": [{"n": "a", "p": "nowhere", "l": "en", "q": {}}]},
        {"v": 1, "w": [{"n": "", "p": "overview", "l": "en", "q": {}}]},
        {"v": 1, "w": [{"n": "a" * 61, "p": "overview", "l": "en", "q": {}}]},
        {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en", "q": {"touch": "High"}}]},
        {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en", "q": {"t": ["x" * 301]}}]},
        {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en", "x": 1}]},
        {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en"}] * 13},
        {"v": 1, "w": [{"n": ["a"], "p": "overview", "l": "en"}]},
    ],
)
def test_a_token_that_is_not_views_is_refused_in_words(payload):
    with pytest.raises(DataError) as refused:
        from_token(tokens.pack(payload))
    assert refused.value.problems[0].what.startswith("not views: ")


@pytest.mark.parametrize(
    "token",
    ["", "not a token!", "A" * 20_001, to_token([HIGH])[:-4], "eJwLSS0u0S1KLS7NySxJTQE"],
)
def test_a_damaged_or_foreign_token_is_refused_in_words(token):
    with pytest.raises(DataError):
        from_token(token)


def test_a_token_that_unpacks_to_a_bomb_is_refused():
    bomb = tokens.pack(
        {"v": 1, "w": [{"n": "a", "p": "overview", "l": "en", "q": {"x": ["a" * 60_000]}}]}
    )
    with pytest.raises(DataError) as refused:
        from_token(bomb)
    assert "more than 50 kB" in refused.value.problems[0].what
