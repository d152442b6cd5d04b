"""Import provenance, merge history, the playbook and network notes travel with the export.

Their journals hold primary keys as plain values; in the file those become ids, and an
import points them at the new rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from tests.exports.exports_helpers import network_populate, rows_backup

from rapport.accounts.models import User
from rapport.companies.merges import company_merge
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.conversations.models import Conversation
from rapport.exports.backup import backup_restore
from rapport.exports.selectors import export_document, export_json
from rapport.exports.services import json_import
from rapport.imports.models import (
    ChangeEvent,
    ImportBatch,
    ImportChange,
    ImportRecord,
    KeepApart,
    Merge,
    MergeCandidate,
    Position,
)
from rapport.network.models import Acquaintance, IntroductionRequest
from rapport.people.models import ContactPoint, Person
from rapport.playbook.models import FollowUp, NudgeState, PlaybookSettings


def _people(owner: User) -> dict[str, Person]:
    return {p.full_name.split()[0]: p for p in Person.objects.filter(owner=owner)}


def history_add(owner: User) -> None:
    """One of each provenance, merge, playbook and network row, pointing at the network."""
    people = _people(owner)
    ana, jane, zoe, bo = people["Ana"], people["Doe,"], people["Zoë"], people["Bo"]
    acme = Company.objects.get(owner=owner, name="Acme, Inc.")
    talk = Conversation.objects.get(owner=owner)
    point = ContactPoint.objects.filter(person=ana).first()
    assert point is not None
    batch = ImportBatch.objects.create(
        owner=owner,
        kind="linkedin",
        files=["Connections.csv"],
        counts={"people": {"created": 2}},
        created_rows={"people.Person": [ana.pk, zoe.pk], "people.Person_tags": [99]},
    )
    record = ImportRecord.objects.create(
        owner=owner,
        batch=batch,
        source="linkedin",
        record_type="contact",
        source_key="linkedin.com/in/ana-souza",
        line=2,
        outcome="created",
        person=ana,
        company=acme,
    )
    ImportChange.objects.create(
        owner=owner,
        batch=batch,
        model="people.Person",
        object_id=jane.pk,
        fields={"headline": ["", "-1"], "introduced_by_id": [None, ana.pk]},
    )
    ChangeEvent.objects.create(
        owner=owner, person=ana, batch=batch, occurred_on=dt.date(2024, 6, 1), new_company=acme
    )
    low, high = sorted([jane, zoe], key=lambda p: p.pk)
    KeepApart.objects.create(owner=owner, person_a=low, person_b=high)
    candidate = MergeCandidate.objects.create(
        owner=owner, person_a=ana, person_b=bo, batch=batch, score=87.5, evidence={"name": 0.9}
    )
    Position.objects.create(owner=owner, company=acme, title="Teacher", source_key="position:1")
    FollowUp.objects.create(owner=owner, person=ana, kind="thank_you", due_on=dt.date(2024, 5, 3))
    NudgeState.objects.create(
        owner=owner,
        key=f"thank-you:conversation:{talk.pk}:person:{ana.pk}",
        dismissed_at=timezone.now(),
    )
    PlaybookSettings.objects.create(owner=owner, feed_token="a-secret-calendar-token")
    low, high = sorted([ana, zoe], key=lambda p: p.pk)
    Acquaintance.objects.create(owner=owner, person_a=low, person_b=high, note="flatmates")
    IntroductionRequest.objects.create(
        owner=owner, introducer=ana, target=bo, company=acme, asked_on=dt.date(2024, 5, 5)
    )
    merge = Merge.objects.create(
        owner=owner,
        survivor=ana,
        absorbed_pk=10_000_000,  # the absorbed person is gone
        absorbed_name="Ana S.",
        absorbed={"full_name": "Ana S.", "introduced_by_id": zoe.pk, "notes": ""},
        moved={"people.ContactPoint.person": [point.pk], "people.Person_tags.person": [5]},
        dropped=[
            {
                "model": "imports.keepapart",
                "pk": 77,
                "fields": {"owner": owner.pk, "person_a": jane.pk, "person_b": bo.pk},
            }
        ],
        filled={"introduced_by_id": [None, zoe.pk]},
        batch=batch,
    )
    ImportRecord.objects.filter(pk=record.pk).update(merge=merge)
    MergeCandidate.objects.filter(pk=candidate.pk).update(merge=merge, status="merged")
    # Two names of one company the user merged (rapport.companies.merges).
    labs = Company.objects.create(
        owner=owner, name="Acme Labs", name_key="acme labs", phone="+1 555 0100"
    )
    Employment.objects.create(owner=owner, person=bo, company=labs, title="Chemist")
    CompanyAlias.objects.create(owner=owner, company=labs, name="ACME Laboratories")
    company_merge(survivor=acme, absorbed=labs)


@pytest.fixture
def copied(owner: User, other: User, tmp_path: Path) -> dict[str, Any]:
    # Someone else's rows first, so the owner's keys and the copy's keys differ.
    network_populate(other, prefix="Other ")
    network_populate(owner)
    history_add(owner)
    path = tmp_path / "export.json"
    path.write_bytes(export_json(owner=owner))
    fresh = User.objects.create_user(username="fresh")
    json_import(owner=fresh, path=path)
    return {"owner": owner, "fresh": fresh, "path": path}


def test_every_kind_of_history_round_trips_byte_for_byte(copied: dict[str, Any]) -> None:
    assert export_json(owner=copied["fresh"]) == copied["path"].read_bytes()
    document = export_document(owner=copied["fresh"])
    for name in [
        "import_batches", "import_records", "import_changes", "change_events", "keep_apart",
        "merge_candidates", "positions", "follow_ups", "nudge_states", "playbook_settings",
        "acquaintances", "introduction_requests", "merges", "company_merges",
    ]:  # fmt: skip
        assert len(document[name]) == 1, name


def test_journals_in_the_file_name_rows_by_id(copied: dict[str, Any]) -> None:
    document = export_document(owner=copied["owner"])
    batch = document["import_batches"][0]
    assert batch["created_rows"] == {"people.Person": ["person:1", "person:3"]}
    change = document["import_changes"][0]
    assert change["object_id"] == "person:2"
    assert change["fields"]["introduced_by_id"] == [None, "person:1"]
    assert document["nudge_states"][0]["key"] == "thank-you:conversation:1:person:1"
    merge = document["merges"][0]
    assert merge["absorbed_pk"] is None
    assert merge["moved"] == {"people.ContactPoint.person": ["contact_point:1"]}
    assert merge["dropped"][0]["pk"] is None
    assert merge["dropped"][0]["fields"]["owner"] == "owner"


def test_the_copys_journals_point_at_the_copys_rows(copied: dict[str, Any]) -> None:
    fresh = copied["fresh"]
    people = _people(fresh)
    ana, jane, zoe, bo = people["Ana"], people["Doe,"], people["Zoë"], people["Bo"]
    batch = ImportBatch.objects.get(owner=fresh)
    assert batch.created_rows == {"people.Person": [ana.pk, zoe.pk]}
    change = ImportChange.objects.get(owner=fresh)
    assert change.object_id == jane.pk
    assert change.fields["introduced_by_id"] == [None, ana.pk]
    talk = Conversation.objects.get(owner=fresh)
    assert (
        NudgeState.objects.get(owner=fresh).key
        == f"thank-you:conversation:{talk.pk}:person:{ana.pk}"
    )
    merge = Merge.objects.get(owner=fresh)
    assert merge.absorbed["introduced_by_id"] == zoe.pk
    assert merge.filled == {"introduced_by_id": [None, zoe.pk]}
    point = ContactPoint.objects.filter(person=ana).first()
    assert point is not None
    assert merge.moved == {"people.ContactPoint.person": [point.pk]}
    dropped = merge.dropped[0]
    assert dropped["fields"] == {"owner": fresh.pk, "person_a": jane.pk, "person_b": bo.pk}
    assert ImportRecord.objects.get(owner=fresh).merge == merge
    assert MergeCandidate.objects.get(owner=fresh).merge == merge


def test_the_calendar_feed_token_stays_behind(copied: dict[str, Any]) -> None:
    assert PlaybookSettings.objects.get(owner=copied["fresh"]).feed_token == ""
    assert "a-secret-calendar-token" not in copied["path"].read_text()


def test_a_row_backup_keeps_the_history_exactly(owner: User, other: User, tmp_path: Path) -> None:
    network_populate(owner)
    history_add(owner)
    before = export_json(owner=owner)
    backup = rows_backup(tmp_path / "backup.zip")
    Merge.objects.filter(owner=owner).delete()
    backup_restore(path=backup, replace=True)
    assert export_json(owner=owner) == before
    assert PlaybookSettings.objects.get(owner=owner).feed_token == "a-secret-calendar-token"
