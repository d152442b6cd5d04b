"""How the benchmark scores merges and summarises timings (pure functions)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from bench.quality import name_clusters, pair_scores, person_clusters, recall_by_evidence
from bench.stats import percentile


def _record(rid: str, entity: int, name: str, role: str = "primary", evidence: str = "") -> Any:
    return {
        "id": rid,
        "entity": entity,
        "name": name,
        "file": "f",
        "line": int(rid[1:]),
        "role": role,
        "evidence": evidence,
    }


TRUTH = [
    _record("r1", 1, "Ana Souza"),
    _record("r2", 1, "ANA SOUZA", "duplicate", "email"),
    _record("r3", 1, "Ana S.", "duplicate", "company"),
    _record("r4", 2, "Ana Souza", "lookalike"),
    _record("r5", 3, "Bo Lee"),
]


def test_pairs_right_and_wrong() -> None:
    # r1+r2 right, r3 missed, r4 wrongly merged with r1 and r2.
    predicted = {"r1": "p", "r2": "p", "r3": "q", "r4": "p", "r5": "z"}
    scores = pair_scores(TRUTH, predicted)
    assert scores["true_pairs"] == 3  # r1-r2, r1-r3, r2-r3
    assert scores["predicted_pairs"] == 3  # r1-r2, r1-r4, r2-r4
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 3)


def test_records_the_import_left_out_are_nobody_else() -> None:
    clusters = person_clusters(TRUTH, {("f", 1): 10, ("f", 2): 10, ("f", 3): None})
    scores = pair_scores(TRUTH, clusters)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(1 / 3)


def test_naive_baseline_groups_by_name_only() -> None:
    scores = pair_scores(TRUTH, name_clusters(TRUTH))
    assert scores["predicted_pairs"] == 3  # three "ana souza", one of them someone else
    assert scores["correct_pairs"] == 1


def test_recall_by_evidence_counts_duplicates_joined_to_the_first_record() -> None:
    clusters = {"r1": 1, "r2": 1, "r3": 9, "r4": 2, "r5": 3}
    assert recall_by_evidence(TRUTH, clusters) == {"company": 0.0, "email": 1.0}


def test_percentile_is_a_measured_value() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 95) == 95.0
    assert percentile([3.0], 95) == 3.0
    assert math.isnan(percentile([], 95))
