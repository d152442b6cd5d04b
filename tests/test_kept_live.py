"""Values kept live in the process (`core.versions.kept_live`): the same object each time,
the last few used only, and gone with `cache_clear`."""

from __future__ import annotations

from collections.abc import Callable

from rapport.core import versions
from rapport.core.versions import cache_clear, kept_live


def _counting() -> tuple[list[str], Callable[[str], object]]:
    made: list[str] = []

    def make(key: str) -> object:
        def compute() -> object:
            made.append(key)
            return {"key": key}

        return kept_live(key, compute)

    return made, make


def test_it_gives_the_very_object_it_kept() -> None:
    cache_clear()
    made, make = _counting()
    first = make("a")
    assert make("a") is first
    assert made == ["a"]


def test_it_keeps_the_last_used_only() -> None:
    cache_clear()
    made, make = _counting()
    keys = [f"k{n}" for n in range(versions._live.size)]
    for key in keys:
        make(key)
    make(keys[0])  # used again: now the most recent
    make("one more")  # pushes out the least recently used, keys[1]
    make(keys[0])
    make(keys[1])
    assert made == [*keys, "one more", keys[1]]


def test_cache_clear_forgets_them() -> None:
    cache_clear()
    made, make = _counting()
    make("a")
    cache_clear()
    make("a")
    assert made == ["a", "a"]
