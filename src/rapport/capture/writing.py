"""What a read found, written as one import batch: touches, meetings and suggestions.

All or nothing, and idempotent: every row has a stable key (the mail's Message-ID, the
event's UID and RECURRENCE-ID, the thread, the address, the opportunity and stage), so a
second read of the same file or account creates nothing. The rows a batch makes are listed
in `ImportBatch.created_rows`, so it is undone like any import.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.capture.calendar.ics import Occurrence
from rapport.capture.known import KnownPeople
from rapport.capture.mail.ats import StageFound
from rapport.capture.mail.rules import Exchange, MailFound, TouchFound, exchanges_both_ways
from rapport.capture.models import Source, Suggestion, SuggestionKind
from rapport.capture.text import (
    meeting_reason,
    newcomer_reason,
    stage_reason,
    thread_reason,
    thread_title,
)
from rapport.conversations.models import Channel, Meeting, Touch
from rapport.core.versions import data_version_held
from rapport.imports.history.snapshot import jsonable
from rapport.imports.importing import ImportResult
from rapport.imports.models import ImportBatch, ImportChange
from rapport.imports.write.bulk import rows_insert
from rapport.imports.write.rows import row

CHUNK = 500
BLOCKS = ("touches", "meetings", "suggestions")


@dataclass
class Found:
    """Everything one read of a source found, ready to be written."""

    kind: str  # an ImportKind
    read_label: str  # "messages" or "events"
    read: int = 0
    touches: list[TouchFound] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    mail: MailFound | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Write:
    owner: User
    batch: ImportBatch
    source: Source | None
    known: KnownPeople
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    created: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def found_write(
    *, owner: User, source: Source | None, found: Found, files: list[str], known: KnownPeople
) -> ImportResult:
    """Write what was found in one transaction; returns the import's result."""
    # The owner's data version is bumped once for the whole batch, not row by row.
    with transaction.atomic(), data_version_held(owner.pk):
        batch = ImportBatch.objects.create(owner=owner, kind=found.kind, files=files)
        write = _Write(owner, batch, source, known)
        _touches(write, found.touches or (found.mail.touches if found.mail else []))
        meetings = _meetings(write, found.occurrences)
        _meeting_suggestions(write, found.occurrences, meetings)
        if found.mail is not None:
            _thread_suggestions(write, found.mail)
            _newcomer_suggestions(write, found.mail)
            _stage_suggestions(write, found.mail.stages)
        counts = _counts(write, found)
        batch.created_rows = {label: ids for label, ids in write.created.items() if ids}
        batch.counts = counts
        batch.finished_at = timezone.now()
        batch.save(update_fields=["created_rows", "counts", "finished_at", "updated_at"])
        if source is not None:
            source.batches.add(batch)
    return ImportResult(batch=batch, counts=counts, warnings=found.warnings)


def _counts(write: _Write, found: Found) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {
        found.read_label: {"read": found.read, "skipped": sum(found.skipped.values())}
    }
    for block in BLOCKS:
        tally = write.counts[block]
        counts[block] = {k: tally[k] for k in ("created", "updated", "unchanged")}
    counts["skipped"] = dict(sorted(found.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return counts


def _existing(model: type[models.Model], owner: User, keys: Iterable[str]) -> dict[str, Any]:
    ordered = sorted(set(keys))
    found: dict[str, Any] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = model._base_manager.filter(owner=owner, key__in=ordered[start : start + CHUNK])
        found.update({row.key: row for row in rows})  # type: ignore[attr-defined]
    return found


def _touches(write: _Write, touches: list[TouchFound]) -> None:
    keys = {t.key for t in touches}
    stored: set[tuple[int, str]] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        rows = Touch.objects.filter(owner=write.owner, key__in=ordered[start : start + CHUNK])
        stored.update(rows.values_list("person_id", "key"))
    new: dict[tuple[int, str], Touch] = {}
    for t in touches:
        pair = (t.person, t.key)
        if pair in stored or pair in new:
            write.counts["touches"]["unchanged"] += pair in stored
            continue
        new[pair] = row(
            Touch,
            owner_id=write.owner.pk,
            person_id=t.person,
            occurred_at=t.at,
            direction=t.direction,
            subject=t.subject,
            key=t.key,
        )
    made = list(new.values())
    rows_insert(made)
    write.counts["touches"]["created"] += len(made)
    write.created["conversations.Touch"] += [t.pk for t in made]


def _meetings(write: _Write, occurrences: list[Occurrence]) -> dict[str, Meeting]:
    stored: dict[str, Meeting] = _existing(Meeting, write.owner, (o.key for o in occurrences))
    new: dict[str, tuple[Meeting, Occurrence]] = {}
    for occurrence in occurrences:
        meeting = stored.get(occurrence.key)
        if meeting is None:
            if occurrence.key not in new:
                made = row(
                    Meeting,
                    owner_id=write.owner.pk,
                    starts_at=occurrence.starts_at,
                    all_day=occurrence.all_day,
                    title=occurrence.title,
                    key=occurrence.key,
                )
                new[occurrence.key] = (made, occurrence)
            continue
        changes = _changed(meeting, starts_at=occurrence.starts_at, title=occurrence.title)
        write.counts["meetings"]["updated" if changes else "unchanged"] += 1
        if changes:
            _journal(write, meeting, changes)
            meeting.save(update_fields=[*changes, "updated_at"])
    rows_insert([meeting for meeting, _ in new.values()])
    through = Meeting.people.through
    rows_insert(
        [row(through, meeting_id=m.pk, person_id=p) for m, o in new.values() for p in o.people],
        with_pks=False,
    )
    write.created["conversations.Meeting"] += [meeting.pk for meeting, _ in new.values()]
    write.counts["meetings"]["created"] += len(new)
    stored.update({key: meeting for key, (meeting, _) in new.items()})
    return stored


def _changed(row: models.Model, **values: Any) -> dict[str, list[Any]]:
    changes = {}
    for name, value in values.items():
        if getattr(row, name) != value:
            changes[name] = [getattr(row, name), value]
            setattr(row, name, value)
    return changes


def _journal(write: _Write, row: models.Model, changes: dict[str, list[Any]]) -> None:
    ImportChange.objects.create(
        owner=write.owner,
        batch=write.batch,
        model=row._meta.label,
        object_id=row.pk,
        fields=jsonable(changes),
    )


@dataclass(frozen=True)
class _Proposal:
    kind: str
    key: str
    title: str
    at: datetime
    reason: str
    people: tuple[int, ...] = ()
    channel: str = ""
    snippet: str = ""
    meeting: int | None = None
    opportunity: int | None = None
    stage: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def _propose(write: _Write, proposals: list[_Proposal]) -> None:
    stored: dict[str, Suggestion] = _existing(Suggestion, write.owner, (p.key for p in proposals))
    new: dict[str, tuple[Suggestion, _Proposal]] = {}
    for p in proposals:
        suggestion = stored.get(p.key)
        if suggestion is None:
            new.setdefault(p.key, (_suggestion(write, p), p))
            continue
        changes = {}
        if suggestion.is_pending:  # what the user decided stays decided
            changes = _changed(suggestion, occurred_at=p.at, title=p.title[:300], reason=p.reason)
        write.counts["suggestions"]["updated" if changes else "unchanged"] += 1
        if changes:
            _journal(write, suggestion, changes)
            suggestion.save(update_fields=[*changes, "updated_at"])
    rows_insert([suggestion for suggestion, _ in new.values()])
    through = Suggestion.people.through
    rows_insert(
        [row(through, suggestion_id=s.pk, person_id=k) for s, p in new.values() for k in p.people],
        with_pks=False,
    )
    write.created["capture.Suggestion"] += [suggestion.pk for suggestion, _ in new.values()]
    write.counts["suggestions"]["created"] += len(new)


def _suggestion(write: _Write, p: _Proposal) -> Suggestion:
    return row(
        Suggestion,
        owner_id=write.owner.pk,
        kind=p.kind,
        key=p.key,
        source_id=write.source.pk if write.source else None,
        title=p.title[:300],
        occurred_at=p.at,
        channel=p.channel,
        reason=p.reason,
        snippet=p.snippet[:300],
        meeting_id=p.meeting,
        opportunity_id=p.opportunity,
        stage=p.stage,
        payload=p.payload,
    )


def _meeting_suggestions(
    write: _Write, occurrences: list[Occurrence], meetings: dict[str, Meeting]
) -> None:
    proposals = [
        _Proposal(
            kind=SuggestionKind.CONVERSATION,
            key=o.key,
            title=o.title,
            at=o.starts_at,
            reason=meeting_reason(o, [write.known.names.get(p, "") for p in o.people]),
            people=o.people,
            channel=o.channel,
            meeting=meetings[o.key].pk,
        )
        for o in occurrences
    ]
    _propose(write, proposals)


def _thread_suggestions(write: _Write, mail: MailFound) -> None:
    proposals = []
    for thread, exchanges in exchanges_both_ways(mail):
        people = {
            pk: e for a, e in exchanges.items() if (pk := write.known.by_address(a)) is not None
        }
        if not people:
            continue
        latest = max(people.values(), key=lambda e: e.last or datetime.min)
        assert latest.last is not None
        names = [write.known.names.get(pk, "") for pk in people]
        proposals.append(
            _Proposal(
                kind=SuggestionKind.CONVERSATION,
                key=f"mail-thread:{thread}",
                title=thread_title(latest.subject, names),
                at=latest.last,
                reason=thread_reason(names, list(people.values())),
                people=tuple(people),
                channel=Channel.EMAIL,
                snippet=latest.snippet,
            )
        )
    _propose(write, proposals)


def _newcomer_suggestions(write: _Write, mail: MailFound) -> None:
    newcomers: dict[str, list[Exchange]] = defaultdict(list)
    for _, both in exchanges_both_ways(mail):
        for address, exchange in both.items():
            if write.known.by_address(address) is None:
                newcomers[address].append(exchange)
    proposals = []
    for address, exchanges in newcomers.items():
        name = mail.names.get(address, "")
        last = max(e.last for e in exchanges if e.last is not None)
        proposals.append(
            _Proposal(
                kind=SuggestionKind.NEW_PERSON,
                key=f"new-person:{address}",
                title=f"Add {name} ({address})" if name else f"Add {address}",
                at=last,
                reason=newcomer_reason(name or address, exchanges),
                payload={"name": name, "email": address},
            )
        )
    _propose(write, proposals)


def _stage_suggestions(write: _Write, stages: list[StageFound]) -> None:
    latest: dict[tuple[int, str], StageFound] = {}
    for found in stages:
        pair = (found.opportunity, found.stage)
        when = found.mail.sent_at
        if pair not in latest or (when and when > (latest[pair].mail.sent_at or when)):
            latest[pair] = found
    proposals = []
    for (opportunity, stage), found in latest.items():
        assert found.mail.sent_at is not None
        proposals.append(
            _Proposal(
                kind=SuggestionKind.STAGE,
                key=f"stage:{opportunity}:{stage}",
                title=f"{found.label}: {stage.title()}",
                at=found.mail.sent_at,
                reason=stage_reason(found),
                snippet=found.mail.snippet,
                opportunity=opportunity,
                stage=stage,
            )
        )
    _propose(write, proposals)
