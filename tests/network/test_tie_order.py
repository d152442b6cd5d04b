"""Paths of equal rank come in one order, whatever the order the links were read in (a
set's order changes with PYTHONHASHSEED from one process to the next)."""

from __future__ import annotations

from datetime import date

from tests.network.warm_network import Network

from rapport.network.explain import PathKind

PAIRS = 12


def test_of_two_links_between_the_same_people_the_introduction_is_shown_first(
    net: Network,
) -> None:
    # Each colleague both gave the user a name and introduced them: two equal paths to each
    # named person, one per link. With one pair, a random order would pass half the time.
    for n in range(PAIRS):
        colleague = net.person(f"Colleague {n:02d}")
        net.job(colleague, "Stripe", "Engineer")
        net.talk(colleague, on=date(2026, 10, 1))
        named = net.person(f"Named {n:02d}", introduced_by=colleague)
        net.job(named, "Stripe", "Engineer")
        net.introduce(colleague, named)

    result = net.paths("Stripe")

    named_paths = [path for path in result if path.target.full_name.startswith("Named")]
    assert len(named_paths) == PAIRS
    assert {path.kind for path in named_paths} == {PathKind.INTRODUCTION}
    assert {tuple(other.kind for other in path.others) for path in named_paths} == {
        (PathKind.INTRODUCED_BY,)
    }
