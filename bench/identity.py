"""The identity benchmark, inside Django: Rapport and two baselines on the same records.

After the heavy user's files are imported, identity.vcf (bench/strata.py) is imported too.
Every record (the heavy user's and the strata's) is then grouped three ways: by the Person
Rapport made of it, by union-find over exact normalised keys, and by Splink (DuckDB).
Each grouping is scored by pairs of records overall and stratum by stratum; for Rapport,
the pairs it left to the user (the review queue) are counted too.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django.core.management import call_command

from bench import quality, strata
from bench.generate import Dataset
from bench.identity_baselines import RecordKeys, splink_clusters, union_find_clusters
from bench.importing import people_by_source_key
from rapport.accounts.models import User
from rapport.imports.match import email_key, name_parts, phone_key
from rapport.imports.match.keys import profile_key
from rapport.imports.models import CandidateStatus, MergeCandidate
from rapport.imports.parse import parse
from rapport.imports.parse.records import ContactRecord
from rapport.imports.session import company_key_of

CURRENT = "current"  # the heavy user's data: the generator's cases from before the strata
Clusters = Mapping[str, Hashable]


def truth_of(root: Path) -> quality.Truth:
    """Every record of the heavy user's files and of the strata, each with its stratum."""
    data = Dataset.at(root)
    current: quality.Truth = json.loads(data.truth.read_text(encoding="utf-8"))["records"]
    hard: quality.Truth = json.loads((root / strata.TRUTH_FILE).read_text(encoding="utf-8"))[
        "records"
    ]
    return [{**r, "stratum": CURRENT} for r in current] + hard


def files_of(root: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every file, in the order they are imported."""
    return [*Dataset.at(root).imports(), ("vcard", root / strata.CARDS_FILE)]


def import_strata(root: Path) -> dict[str, Any]:
    out = io.StringIO()
    call_command("import", "vcard", str(root / strata.CARDS_FILE), "--json", stdout=out)
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def records_read(
    root: Path, truth: quality.Truth
) -> tuple[dict[quality.Location, int | None], dict[str, RecordKeys]]:
    """Every file parsed once: (file, line) -> the Person Rapport made of the record, and
    record id -> what the record says, normalised the way Rapport normalises it."""
    ids = {(r["file"], r["line"]): r["id"] for r in truth}
    person_by_key = people_by_source_key()
    people: dict[quality.Location, int | None] = {}
    found: dict[str, RecordKeys] = {}
    for kind, path in files_of(root):
        for contact in parse(kind, path).contacts:
            people[(contact.file, contact.line)] = person_by_key.get((kind, contact.source_key))
            record_id = ids.get((contact.file, contact.line))
            if record_id is not None:
                found[record_id] = _keys(contact)
    return people, found


def _keys(contact: ContactRecord) -> RecordKeys:
    parts = name_parts(contact.full_name, contact.first_name, contact.last_name)
    links = (profile_key(u) for u in [contact.linkedin_url, *contact.urls])
    return RecordKeys(
        first=parts.first if parts else "",
        last=parts.last if parts else "",
        emails=sorted({k for k in map(email_key, contact.emails) if k}),
        phones=sorted({k for k in (phone_key(p, "US") for p in contact.phones) if k}),
        linkedin=next((k for k in links if k), ""),
        company=company_key_of(contact.company) if contact.company else "",
    )


def review_pairs(owner: User) -> set[frozenset[int]]:
    """The pairs of people in the user's review queue."""
    pending = MergeCandidate.objects.filter(owner=owner, status=CandidateStatus.PENDING)
    return {frozenset(pair) for pair in pending.values_list("person_a_id", "person_b_id")}


def _pairs_of(records: list[dict[str, Any]]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    for index, one in enumerate(records):
        for other in records[index + 1 :]:
            yield one, other


def sent_to_review(
    truth: quality.Truth, clusters: Clusters, queue: set[frozenset[int]]
) -> dict[str, dict[str, int]]:
    """Per stratum: pairs of records (of one scene or person) left apart but in review,
    true (one person) and false (two)."""
    by_stratum: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in truth:
        if record["stratum"] != CURRENT:
            by_stratum[record["stratum"]].append(record)
    result: dict[str, dict[str, int]] = {}
    for stratum, records in by_stratum.items():
        counts = {"true": 0, "false": 0}
        for one, other in _pairs_of(records):
            a, b = clusters[one["id"]], clusters[other["id"]]
            if a != b and frozenset((a, b)) in queue:
                counts["true" if one["entity"] == other["entity"] else "false"] += 1
        result[stratum] = counts
    return result


def score_strata(truth: quality.Truth, clusters: Clusters) -> dict[str, dict[str, float]]:
    """Precision, recall and wrong pairs overall and for each stratum's own records."""
    groups: dict[str, quality.Truth] = defaultdict(list)
    for record in truth:
        groups[record["stratum"]].append(record)
    scores = {"overall": quality.pair_scores(truth, clusters)}
    for stratum, records in sorted(groups.items()):
        scores[stratum] = quality.pair_scores(records, clusters)
    for figures in scores.values():
        figures["wrong_pairs"] = figures["predicted_pairs"] - figures["correct_pairs"]
    return scores


def identity_quality(root: Path) -> dict[str, Any]:
    """Import the strata, then score Rapport and both baselines; the last line of a worker."""
    report = import_strata(root)
    truth = truth_of(root)
    owner = User.objects.order_by("pk").first()
    assert owner is not None
    people, keys = records_read(root, truth)
    mine = quality.person_clusters(truth, people)
    union = union_find_clusters(keys)
    result: dict[str, Any] = {
        "records": len(truth),
        "import_review": report.get("review", 0),
        "rapport": score_strata(truth, mine),
        "review": sent_to_review(truth, mine, review_pairs(owner)),
        "union_find": score_strata(truth, union),
        "mistakes": quality.mistakes([r for r in truth if r["stratum"] != CURRENT], mine, limit=10),
    }
    try:
        result["splink"] = score_strata(truth, splink_clusters(keys))
    except ImportError as error:  # the optional [bench] extra is not installed
        result["splink_missing"] = str(error)
    return result
