"""Values kept live in the process (`core.versions.kept_live`): the same object each time,
the last used while their weights fit the budget, and gone with `cache_clear`."""

from __future__ import annotations

from collections.abc import Callable

from rapport.core.versions import ANSWERS_BUDGET, LIVE_BUDGET, cache_clear, kept_live


def _counting(weight: int = 1) -> tuple[list[str], Callable[[str], object]]:
    made: list[str] = []

    def make(key: str) -> object:
        def compute() -> object:
            made.append(key)
            return {"key": key}

        return kept_live(key, compute, weight=lambda _: weight)

    return made, make


def test_it_gives_the_very_object_it_kept() -> None:
    cache_clear()
    made, make = _counting()
    first = make("a")
    assert make("a") is first
    assert made == ["a"]


def test_it_keeps_the_last_used_that_fit_the_budget() -> None:
    cache_clear()
    made, make = _counting(weight=LIVE_BUDGET // 3)
    for key in ("a", "b", "c"):
        make(key)
    make("a")  # used again: now the most recent
    make("d")  # over the budget: the least recently used, b, goes
    make("a")
    make("b")
    assert made == ["a", "b", "c", "d", "b"]


def test_one_value_over_the_budget_is_still_kept() -> None:
    cache_clear()
    made, make = _counting(weight=LIVE_BUDGET * 2)
    make("huge")
    make("huge")
    assert made == ["huge"]


def test_cache_clear_forgets_them() -> None:
    cache_clear()
    made, make = _counting()
    make("a")
    cache_clear()
    make("a")
    assert made == ["a", "a"]


def test_answers_never_push_out_what_answers_read() -> None:
    cache_clear()
    made, make = _counting(weight=LIVE_BUDGET)
    index = make("index")
    for key in ("a", "b", "c"):
        kept_live(key, dict, weight=lambda _: ANSWERS_BUDGET, answer=True)
    assert make("index") is index
    assert made == ["index"]
