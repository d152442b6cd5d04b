"""A big address book is written in chunks (importing.CHUNK records at a time, in one
transaction): it must give what the one-write import gives, row for row, and undo alike."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from tests.imports.import_builders import contact

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.imports import importing
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import ImportResult, import_source
from rapport.imports.models import ImportChange, ImportRecord, Merge, MergeCandidate
from rapport.imports.parse.records import ContactRecord, ParsedSource
from rapport.people.models import ContactPoint, Person

_FIRST = ("Ana", "Anna", "Bill", "William", "Maria", "Mario", "Jon", "John", "Li", "Lee")
_LAST = ("Souza", "Sousa", "Smith", "Smyth", "Garcia", "Chen")
_EMPLOYERS = ("Acme", "Acme Inc.", "Globex", "Initech", "")
_TITLES = ("Engineer", "Designer", "")
_LANDLINE = "+44 20 7946 0000"  # on many cards: a switchboard, no one's


def _book(seed: int, rows: int) -> list[ContactRecord]:
    """Cards that repeat people (same address, number or name and employer), share a
    switchboard, repeat whole rows and leave titles for later cards to fill."""
    rng = random.Random(seed)
    cards = []
    for n in range(rows):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        who = rng.randrange(rows // 3)  # about three cards a person
        phones = [f"+44 7700 9{who:05d}"] if rng.random() < 0.5 else []
        if rng.random() < 0.1:
            phones.append(_LANDLINE)
        emails = [f"p{who}@mail.example"] if rng.random() < 0.6 else []
        key = f"c{rng.randrange(rows)}" if rng.random() < 0.05 else f"c{n}"  # a row again
        cards.append(
            contact(
                key,
                f"{first} {last}",
                first_name=first,
                last_name=last,
                emails=emails,
                phones=phones,
                company=rng.choice(_EMPLOYERS),
                title=rng.choice(_TITLES),
                file="contacts.csv",
            )
        )
    cards.append(contact("blank", "", file="contacts.csv"))  # nothing to know anyone by
    return cards


def _import(
    owner: User, cards: list[ContactRecord], digest: str = "", kind: str = "csv"
) -> ImportResult:
    """`digest`: as `rapport import` gives it, which keeps the records (for `again`)."""
    parsed = ParsedSource(kind=kind, files=["contacts.csv"], contacts=[*cards])
    return import_source(owner=owner, parsed=parsed, files=["contacts.csv"], digest=digest)


def _ids(text: str) -> str:
    return re.sub(r"#\d+", "#", text)


def _described(owner: User, result: ImportResult | None) -> dict[str, Any]:
    """The owner's data and the import's report, by names rather than ids."""
    name = dict(Person.objects.filter(owner=owner).values_list("pk", "full_name"))
    company = dict(Company.objects.filter(owner=owner).values_list("pk", "name"))
    person_fields = ("full_name", "first_name", "last_name", "how_we_met", "notes", "name_key")
    found: dict[str, Any] = {
        "people": sorted(Person.objects.filter(owner=owner).values_list(*person_fields)),
        "points": sorted(
            (name[p], kind, value, label)
            for p, kind, value, label in ContactPoint.objects.filter(owner=owner).values_list(
                "person_id", "kind", "value", "label"
            )
        ),
        "companies": sorted(company.values()),
        "aliases": sorted(CompanyAlias.objects.filter(owner=owner).values_list("name", flat=True)),
        "jobs": sorted(
            (name[p], company[c], title, current, str(ended))
            for p, c, title, current, ended in Employment.objects.filter(owner=owner).values_list(
                "person_id", "company_id", "title", "is_current", "ended_on"
            )
        ),
        "merges": sorted(
            (name[s], absorbed, repr(sorted(evidence.items())), repr(filled))
            for s, absorbed, evidence, filled in Merge.objects.filter(owner=owner).values_list(
                "survivor_id", "absorbed_name", "evidence", "filled"
            )
        ),
        "review": sorted(
            (name[a], name[b], score, repr(sorted(evidence.items())))
            for a, b, score, evidence in MergeCandidate.objects.filter(owner=owner).values_list(
                "person_a_id", "person_b_id", "score", "evidence"
            )
        ),
        "records": sorted(
            (key, outcome, name.get(p, ""), title, digest)
            for key, outcome, p, title, digest in ImportRecord.objects.filter(
                owner=owner
            ).values_list("source_key", "outcome", "person_id", "title", "digest")
        ),
        "journal": sorted(
            (model, repr(fields))
            for model, fields in ImportChange.objects.filter(owner=owner).values_list(
                "model", "fields"
            )
        ),
    }
    if result is not None:
        report = result.as_dict()
        del report["batch"]
        found["report"] = _ids(repr(report))
        found["created"] = {label: len(ids) for label, ids in result.batch.created_rows.items()}
    return found


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "CHUNKED_FROM", 1)
    monkeypatch.setattr(importing, "CHUNK", 7)


@pytest.mark.parametrize("digest", ["", "abc"], ids=["records-let-go", "records-kept"])
def test_an_address_book_written_in_chunks_is_the_one_written_at_once(
    owner: User, other: User, monkeypatch: pytest.MonkeyPatch, digest: str
) -> None:
    earlier, book = _book(1, 60), _book(2, 240)
    # People already known to both (some of whom the book merges into or updates).
    for user in (owner, other):
        _import(user, earlier)
    at_once = _import(owner, book, digest)
    monkeypatch.setattr(importing, "CHUNKED_FROM", 1)
    monkeypatch.setattr(importing, "CHUNK", 7)
    in_chunks = _import(other, book, digest)
    assert _described(other, in_chunks) == _described(owner, at_once)
    assert in_chunks.counts["people"]["merged"] > 20
    assert in_chunks.review > 0
    assert in_chunks.counts["people"]["skipped"] > 0


@pytest.mark.parametrize("kind", ["vcard", "linkedin"])
def test_other_kinds_of_contacts_alone_written_in_chunks_are_the_same_too(
    owner: User, other: User, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A LinkedIn connections file alone is written in chunks too: nobody made from it is
    matched with anyone else from it, and rows known from before are moves."""
    earlier, book = _book(1, 60), _book(2, 240)
    for user in (owner, other):
        _import(user, earlier, kind=kind)
    at_once = _import(owner, book, kind=kind)
    monkeypatch.setattr(importing, "CHUNKED_FROM", 1)
    monkeypatch.setattr(importing, "CHUNK", 7)
    in_chunks = _import(other, book, kind=kind)
    assert _described(other, in_chunks) == _described(owner, at_once)
    assert in_chunks.counts["people"]["merged"] + in_chunks.counts["people"]["updated"] > 5


def test_undoing_an_import_written_in_chunks_takes_back_all_it_did(
    owner: User, tiny_chunks: None
) -> None:
    _import(owner, _book(1, 60))
    before = _described(owner, None)
    result = _import(owner, _book(2, 240))
    assert result.counts["people"]["merged"] > 20
    import_undo(batch=result.batch)
    assert _described(owner, None) == before
