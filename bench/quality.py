"""Merge quality: the ground truth against the people an import made, by pairs of records.

A predicted pair is two source records that ended up as one Person; a true pair is two
records of one real person. Records the import left out count as people of their own.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

Truth = list[dict[str, Any]]  # truth.json "records"
Location = tuple[str, int]  # (file as the parser names it, line)


def _pairs(groups: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in groups)


def pair_scores(truth: Truth, predicted: Mapping[str, Hashable]) -> dict[str, float]:
    """Precision and recall of `predicted` (record id -> cluster) against the entities."""
    entities = Counter(r["entity"] for r in truth)
    clusters = Counter(predicted[r["id"]] for r in truth)
    both = Counter((r["entity"], predicted[r["id"]]) for r in truth)
    true_pairs, found, right = (
        _pairs(entities.values()),
        _pairs(clusters.values()),
        _pairs(both.values()),
    )
    return {
        "precision": right / found if found else 1.0,
        "recall": right / true_pairs if true_pairs else 1.0,
        "true_pairs": float(true_pairs),
        "predicted_pairs": float(found),
        "correct_pairs": float(right),
    }


def person_clusters(truth: Truth, people: Mapping[Location, int | None]) -> dict[str, Hashable]:
    """Record id -> the Person it became, or the record itself when it became nobody."""
    clusters: dict[str, Hashable] = {}
    for record in truth:
        person = people.get((record["file"], record["line"]))
        clusters[record["id"]] = person if person is not None else f"unmapped:{record['id']}"
    return clusters


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).split()
    ).casefold()


def name_clusters(truth: Truth) -> dict[str, Hashable]:
    """The naive baseline: records whose names read the same (case and accents aside) are
    one person."""
    return {record["id"]: _folded(record["name"]) for record in truth}


def recall_by_evidence(truth: Truth, clusters: Mapping[str, Hashable]) -> dict[str, float]:
    """For duplicates, by the evidence they carry: the share merged with the person's first
    record."""
    first: dict[int, Hashable] = {}
    for record in truth:
        first.setdefault(record["entity"], clusters[record["id"]])
    merged: dict[str, list[bool]] = defaultdict(list)
    for record in truth:
        if record["role"] == "duplicate":
            merged[record["evidence"]].append(clusters[record["id"]] == first[record["entity"]])
    return {kind: sum(hits) / len(hits) for kind, hits in sorted(merged.items())}


def mistakes(truth: Truth, clusters: Mapping[str, Hashable], limit: int = 20) -> dict[str, Any]:
    """A few wrongly merged and wrongly separated groups, by name, for a person to read."""
    by_cluster: dict[Hashable, list[dict[str, Any]]] = defaultdict(list)
    by_entity: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in truth:
        by_cluster[clusters[record["id"]]].append(record)
        by_entity[record["entity"]].append(record)
    merged = [g for g in by_cluster.values() if len({r["entity"] for r in g}) > 1]
    apart = [g for g in by_entity.values() if len({clusters[r["id"]] for r in g}) > 1]

    def show(group: list[dict[str, Any]]) -> list[str]:
        return [f"{r['id']} {r['name']!r} ({r['role']}, {r['evidence'] or '-'})" for r in group]

    return {
        "wrongly_merged": len(merged),
        "wrongly_apart": len(apart),
        "merged_examples": [show(g) for g in merged[:limit]],
        "apart_examples": [show(g) for g in apart[:limit]],
    }
