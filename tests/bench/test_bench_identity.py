"""The identity benchmark: strata the parsers read where their truth says, each scene
carrying what its stratum promises; baselines and the table that reports them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench.generate import generate
from bench.identity_baselines import RecordKeys, union_find_clusters
from bench.identity_report import METRICS, below_splink, figures, table

from bench import strata
from rapport.core.text import fold
from rapport.imports.match import email_key, phone_key
from rapport.imports.parse import parse
from rapport.imports.parse.records import ContactRecord

Truth = list[dict[str, Any]]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("identity")
    generate(out, scale=0.01, seed=11)
    return out


@pytest.fixture(scope="module")
def truth(root: Path) -> Truth:
    records: Truth = json.loads((root / strata.TRUTH_FILE).read_text(encoding="utf-8"))["records"]
    return records


@pytest.fixture(scope="module")
def cards(root: Path) -> dict[int, ContactRecord]:
    return {c.line: c for c in parse("vcard", root / strata.CARDS_FILE).contacts}


def _keys(contact: ContactRecord) -> set[str]:
    emails = {email_key(e) for e in contact.emails}
    return emails | {phone_key(p, "US") for p in contact.phones}


def test_every_stratum_has_its_scenes_where_the_truth_says(truth: Truth, cards: Any) -> None:
    scenes = Counter(r["stratum"] for r in truth if r["role"] == "primary")
    assert set(scenes) == set(strata.STRATA)
    assert min(scenes.values()) >= 40
    assert len(cards) == len(truth)
    for record in truth:
        written = fold(cards[record["line"]].full_name).replace(".", "")
        assert written == fold(record["name"]).replace(".", ""), record


def test_each_second_card_carries_the_evidence_it_claims(truth: Truth, cards: Any) -> None:
    first: dict[int, ContactRecord] = {}
    for record in truth:
        card = cards[record["line"]]
        if record["role"] == "primary":
            first.setdefault(record["entity"], card)
            continue
        original = first[record["entity"]]
        shared = _keys(card) & _keys(original)
        if record["evidence"] in {"email", "phone"}:
            assert shared, record
        elif record["evidence"] == "company":
            assert not shared, record
            assert card.company, record
        else:  # a job change: nothing in common but the name
            assert not shared, record
            assert fold(card.company) != fold(original.company), record


def test_the_hard_strata_are_hard_in_the_way_they_say(truth: Truth, cards: Any) -> None:
    for household in _scenes(truth, "family_phone"):
        landlines = set.intersection(*(_keys(cards[r["line"]]) for r in household))
        assert landlines, household  # one number on every card of the household
    namesakes = [
        r for r in truth if r["stratum"] == "namesake_employer" and r["role"] != "duplicate"
    ]
    for one, other in zip(namesakes[::2], namesakes[1::2], strict=True):
        assert one["name"] == other["name"]
        assert one["entity"] != other["entity"]
        a, b = cards[one["line"]], cards[other["line"]]
        assert a.emails != b.emails
        assert a.emails[0].split("@")[1] == b.emails[0].split("@")[1]


def _scenes(truth: Truth, stratum: str) -> list[Truth]:
    """Records of one stratum split into scenes: a scene ends where a duplicate follows."""
    scenes: list[Truth] = []
    current: Truth = []
    for record in (r for r in truth if r["stratum"] == stratum):
        current.append(record)
        if record["role"] == "duplicate":
            scenes.append(current)
            current = []
    return scenes


def test_union_find_joins_whatever_shares_an_exact_key() -> None:
    clusters = union_find_clusters(
        {
            "a": RecordKeys("ana", "souza", emails=["ana@acme.com"]),
            "b": RecordKeys("bruno", "costa", emails=["ana@acme.com"], phones=["+1415"]),
            "c": RecordKeys("carla", "dias", phones=["+1415"]),
            "d": RecordKeys("william", "smith", company="acme"),
            "e": RecordKeys("bill", "smith", company="acme"),
            "f": RecordKeys("bill", "smith", company="globex"),
        }
    )
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] == clusters["e"] != clusters["f"]


def _figures(precision: float, recall: float, wrong: float = 0) -> dict[str, float]:
    return {
        "precision": precision,
        "recall": recall,
        "true_pairs": 10,
        "predicted_pairs": 10,
        "correct_pairs": 10 - wrong,
        "wrong_pairs": wrong,
    }


def test_the_table_shows_each_stratum_and_where_rapport_falls_below_splink() -> None:
    result = {
        "rapport": {"overall": _figures(1, 0.8), "typo": _figures(1, 0.5),
                    "namesake_employer": _figures(1, 1), "family_phone": _figures(1, 1)},
        "union_find": {"overall": _figures(0.4, 0.9)},
        "splink": {"overall": _figures(0.9, 0.7), "typo": _figures(1, 0.9),
                   "namesake_employer": _figures(0.2, 1, 8), "family_phone": _figures(1, 1)},
        "review": {"typo": {"true": 4, "false": 0}},
    }  # fmt: skip
    assert below_splink(result) == ["typo"]
    shown = table(result)
    assert "typo" in shown
    assert "4/0" in shown
    named = {name: (value, baseline) for name, value, _, baseline, _ in figures(result)}
    assert list(named) == list(METRICS)
    assert named["identity_namesake_employer_wrong"] == (0, 8)
    assert named["identity_strata_below_splink"] == (1.0, None)
