"""The benchmark's generator: same seed, same bytes; files the parsers read; the duplicates
and look-alikes its ground truth promises, each carrying the evidence it claims."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench.generate import Dataset, counts_for, generate

from rapport.core.text import company_key, fold, linkedin_key
from rapport.imports.parse import parse
from rapport.imports.parse.records import ContactRecord

ROOT = Path(__file__).resolve().parents[2]
SCALE = 0.04  # 1,200 connections, 200 cards, 100 CSV rows: every kind of duplicate occurs
TINY = 0.01
SEED = 7

Truth = list[dict[str, Any]]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return generate(tmp_path_factory.mktemp("bench-data"), scale=SCALE, seed=SEED)


@pytest.fixture(scope="module")
def truth(data: Dataset) -> Truth:
    records: Truth = json.loads(data.truth.read_text(encoding="utf-8"))["records"]
    return records


@pytest.fixture(scope="module")
def parsed(data: Dataset) -> dict[tuple[str, int], ContactRecord]:
    found = {}
    for kind, path in data.imports():
        for contact in parse(kind, path).contacts:
            found[(contact.file, contact.line)] = contact
    return found


def _digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_same_seed_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Set iteration order changes with PYTHONHASHSEED; nothing generated may depend on it.
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-m", "bench.generate", str(out), "--scale", str(TINY)]
        subprocess.run([*command, "--seed", str(SEED)], cwd=ROOT, env=env, check=True)
    assert _digests(tmp_path / "1") == _digests(tmp_path / "2")


def test_another_seed_other_people(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", scale=TINY, seed=SEED)
    other = generate(tmp_path / "b", scale=TINY, seed=SEED + 1)
    assert other.vcard.read_bytes() != first.vcard.read_bytes()


def test_linkedin_export_looks_like_2024(data: Dataset) -> None:
    text = (data.linkedin / "Connections.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "Notes:"
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    blank = [line for line in lines[4:] if re.fullmatch(r",,,,,,\d\d \w{3} \d{4}", line)]
    assert len(blank) == round(counts_for(SCALE)["connections"] * 0.008)
    messages = (data.linkedin / "messages.csv").read_text(encoding="utf-8")
    assert "IS MESSAGE DRAFT" in messages.splitlines()[0]


def test_parsers_read_every_record_where_the_truth_says(
    data: Dataset, truth: Truth, parsed: dict[tuple[str, int], ContactRecord]
) -> None:
    counts = counts_for(SCALE)
    assert len(truth) == len(parsed)  # every parsed contact is labelled, and only those
    for record in truth:
        contact = parsed[(record["file"], record["line"])]
        last_word = fold(record["name"]).replace(",", " ").split()
        assert any(word in fold(contact.full_name) for word in last_word), record
    sources = Counter(record["source"] for record in truth)
    assert sources["vcard"] == counts["vcards"]
    assert sources["csv"] == counts["google"]
    linkedin = parse("linkedin", data.linkedin)
    assert len(linkedin.messages) > 0.9 * counts["messages"]  # drafts and system rows left out
    assert linkedin.positions
    assert linkedin.invitations


def test_truth_labels_every_kind_of_duplicate(truth: Truth) -> None:
    duplicates = [r for r in truth if r["role"] == "duplicate"]
    evidence = Counter(r["evidence"] for r in duplicates)
    assert set(evidence) == {"url", "email", "phone", "company"}
    variations = {v for r in duplicates for v in r["variations"]}
    expected = {"nickname", "no_diacritics", "upper", "lower", "suffix", "middle", "prefix"}
    assert expected <= variations
    first_source: dict[int, str] = {}
    pairs = set()
    for record in truth:
        first = first_source.setdefault(record["entity"], record["source"])
        if record["role"] == "duplicate":
            pairs.add((first, record["source"]))
    assert {("linkedin", "vcard"), ("linkedin", "csv"), ("vcard", "vcard")} <= pairs
    assert any(r["role"] == "lookalike" for r in truth)


def _keys(contact: ContactRecord) -> set[str]:
    emails = {e.casefold() for e in contact.emails}
    gmail = {e.split("@")[0].replace(".", "") + "@gmail" for e in emails if "@gmail." in e}
    phones = {re.sub(r"\D", "", p)[-10:] for p in contact.phones}
    links = {linkedin_key(u) for u in [contact.linkedin_url, *contact.urls] if linkedin_key(u)}
    return emails | gmail | phones | links


def _employer(contact: ContactRecord) -> str:
    return re.sub(r"\W", "", company_key(contact.company)) if contact.company else ""


def _same_employer(a: str, b: str) -> bool:
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def test_each_duplicate_carries_its_evidence(
    truth: Truth, parsed: dict[tuple[str, int], ContactRecord]
) -> None:
    seen: dict[int, list[ContactRecord]] = {}
    for record in truth:
        contact = parsed[(record["file"], record["line"])]
        earlier = seen.setdefault(record["entity"], [])
        if record["role"] == "duplicate":
            if record["evidence"] == "company":
                assert any(_same_employer(_employer(contact), _employer(e)) for e in earlier)
            else:
                assert _keys(contact) & set().union(*map(_keys, earlier)), record
        earlier.append(contact)


def test_lookalikes_share_a_name_and_nothing_else(
    truth: Truth, parsed: dict[tuple[str, int], ContactRecord]
) -> None:
    by_entity: dict[int, list[ContactRecord]] = {}
    for record in truth:
        by_entity.setdefault(record["entity"], []).append(parsed[(record["file"], record["line"])])
    lookalikes = [r for r in truth if r["role"] == "lookalike"]
    assert lookalikes
    for record in lookalikes:
        contact = parsed[(record["file"], record["line"])]
        for original in by_entity[record["lookalike_of"]]:
            assert not _keys(contact) & _keys(original)
            assert not _same_employer(_employer(contact), _employer(original))
            assert fold(contact.last_name) == fold(original.last_name)
