"""The identity benchmark's two baselines, run on the same records as Rapport.

- Union-find over exact normalised keys: two records are one person when they share an
  email, a phone number or a LinkedIn profile, or a first-name variant (bill -> william)
  with the same last name and company key. Records keep their key's normalisation (Rapport's
  own functions), so the baseline loses nothing to parsing.
- Splink (https://github.com/moj-analytical-services/splink), DuckDB backend: a
  Fellegi-Sunter model over forename/surname (Jaro-Winkler levels), emails and phones (array
  intersection), profile and employer (exact), trained unsupervised (u by random sampling,
  m by expectation maximisation), links at a match probability of 0.9, clustered by
  connected components. Installed by the `[bench]` extra; without it the row says so.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapport.imports.match.keys import first_name_variants

SPLINK_THRESHOLD = 0.9  # match probability at or above which Splink links two records


@dataclass(frozen=True)
class RecordKeys:
    first: str
    last: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin: str = ""
    company: str = ""


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression
            item, self.parent[item] = self.parent[item], root
        return root

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _exact_keys(record: RecordKeys) -> list[str]:
    found = [f"e:{e}" for e in record.emails] + [f"p:{p}" for p in record.phones]
    if record.linkedin:
        found.append(f"l:{record.linkedin}")
    if record.first and record.last and record.company:
        found += [
            f"n:{v}|{record.last}|{record.company}" for v in first_name_variants(record.first)
        ]
    return found


def union_find_clusters(records: Mapping[str, RecordKeys]) -> dict[str, Hashable]:
    """Record id -> its group, joining records that share any exact key."""
    groups = _UnionFind()
    for record_id, record in records.items():
        groups.find(record_id)
        for key in _exact_keys(record):
            groups.union(record_id, key)
    return {record_id: groups.find(record_id) for record_id in records}


def _rows(records: Mapping[str, RecordKeys]) -> list[dict[str, Any]]:
    return [
        {
            "unique_id": record_id,
            "first_name": r.first or None,
            "last_name": r.last or None,
            "emails": r.emails or None,
            "phones": r.phones or None,
            "linkedin": r.linkedin or None,
            "company": r.company or None,
        }
        for record_id, r in records.items()
    ]


def splink_clusters(records: Mapping[str, RecordKeys]) -> dict[str, Hashable]:
    """Record id -> Splink's cluster. Raises ImportError without the [bench] extra."""
    import splink.comparison_library as cl  # optional: only `make bench` installs it
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    emails = block_on("emails", arrays_to_explode=["emails"])
    phones = block_on("phones", arrays_to_explode=["phones"])
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "last_name"),
            cl.ArrayIntersectAtSizes("emails", [1]),
            cl.ArrayIntersectAtSizes("phones", [1]),
            cl.ExactMatch("linkedin"),
            cl.ExactMatch("company"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "last_name"),
            block_on("substr(first_name, 1, 1)", "last_name"),
            block_on("first_name", "company"),
            block_on("last_name", "company"),
            emails,
            phones,
            block_on("linkedin"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db = DuckDBAPI()
    linker = Linker(db.register(_rows(records)), settings)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "company"), block_on("linkedin")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=2_000_000)
    training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "last_name"))
    training.estimate_parameters_using_expectation_maximisation(block_on("company"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=SPLINK_THRESHOLD
    )
    found = clusters.as_dict()
    return dict(zip(found["unique_id"], found["cluster_id"], strict=True))
