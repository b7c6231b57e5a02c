"""Kept results: within the byte budget, least recently used out first, safe across threads."""

from concurrent.futures import ThreadPoolExecutor

from cxlib.kept import Kept


def sized(budget: int) -> Kept[bytes]:
    return Kept(budget, len)


def test_a_kept_result_is_not_computed_again():
    kept, calls = sized(100), []
    for _ in range(3):
        assert kept.get("a", lambda: calls.append(1) or b"x" * 10) == b"x" * 10
    assert calls == [1]


def test_the_budget_holds_and_the_least_recently_used_goes_first():
    kept = sized(100)
    kept.get("a", lambda: b"a" * 40)
    kept.get("b", lambda: b"b" * 40)
    kept.get("a", lambda: b"never")  # a used again: b is now the oldest
    kept.get("c", lambda: b"c" * 40)  # 120 bytes: one must go
    assert kept.used == 80 and len(kept) == 2
    assert kept.get("a", lambda: b"recomputed") == b"a" * 40
    assert kept.get("b", lambda: b"recomputed") == b"recomputed"


def test_a_result_larger_than_the_budget_is_returned_but_not_kept():
    kept = sized(100)
    kept.get("small", lambda: b"s" * 10)
    assert kept.get("big", lambda: b"B" * 150) == b"B" * 150
    assert len(kept) == 1 and kept.used == 10  # the small one was not pushed out for nothing


def test_many_threads_at_once_get_their_own_results_within_the_budget():
    kept = sized(1_000)
    keys = [i % 60 for i in range(2_000)]

    def ask(key: int) -> bytes:
        return kept.get(key, lambda: str(key).encode() * 20)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, keys))
    assert results == [str(k).encode() * 20 for k in keys]
    assert kept.used <= 1_000
    assert kept.used == sum(len(str(k).encode() * 20) for k in kept._entries)
