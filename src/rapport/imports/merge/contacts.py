"""Contact records (LinkedIn connections, vCards, CSV rows) become people.

Each record is first recognised by its own provenance (the same source record imported
before); otherwise it is matched against everyone known so far, including people created
earlier in the same file, and merged, reviewed or created.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from django.db import models

from rapport.core.models import Source
from rapport.core.text import fold
from rapport.imports.history.snapshot import jsonable, person_snapshot
from rapport.imports.match import Decision, Profile, Verdict, compare, email_key, name_parts
from rapport.imports.match import phone_key as match_phone_key
from rapport.imports.match.crowds import crowded_numbers
from rapport.imports.match.keys import NameParts, profile_key, role_address
from rapport.imports.merge import policy as merge_policy
from rapport.imports.merge.invitations import CONNECTED
from rapport.imports.merge.jobs import JobResult, job_apply
from rapport.imports.merge.unchanged import NOTHING_TO_GO_BY, REPEATED, contact_digest
from rapport.imports.models import (
    ImportKind,
    ImportRecord,
    Merge,
    MergeCandidate,
    RecordOutcome,
    RecordType,
)
from rapport.imports.parse.records import ContactRecord
from rapport.imports.session import (
    Entry,
    ImportState,
    Known,
    PendingMerge,
    company_key_in,
    contact_match_key,
    entry_add_contact,
    entry_renamed,
    pair_of,
)
from rapport.imports.write.rows import clip, row
from rapport.people.models import ContactKind, ContactPoint, Person
from rapport.people.services import contact_key, contact_kind, split_name

MAX_REVIEWS_PER_RECORD = 3


def contacts_apply(
    state: ImportState,
    records: list[ContactRecord],
    hints: dict[str, str],
    tick: Callable[[], None],
    *,
    let_go: bool = False,
) -> None:
    """`hints`: how we met, by identity (see invitations.py), for people met on LinkedIn.

    `let_go`: take each record out of `records` as it is applied, so that it can be freed
    (the caller holds it nowhere else)."""
    cards = [(r, record_phone_keys(state, r)) for r in records]
    state.crowded = crowded_numbers(cards, _name_parts)
    if not let_go:
        for record, phones in cards:  # each record's phone keys, worked out once
            contact_apply(state, record, hints, phones)
            tick()
        return
    numbers = [phones for _, phones in cards]
    del cards  # held nowhere else, each record is freed once applied
    records.reverse()
    numbers.reverse()
    while records:
        contact_apply(state, records.pop(), hints, numbers.pop())
        tick()


def contacts_stream_apply(
    state: ImportState,
    records: Iterable[ContactRecord],
    crowded: set[str],
    hints: dict[str, str],
    tick: Callable[[], None],
) -> None:
    """Records read one by one from a file too big to hold (see importing.py): the numbers
    crowded in the whole file (`crowded_numbers`) are worked out before."""
    state.crowded = crowded
    for record in records:
        contact_apply(state, record, hints)
        tick()


def contact_apply(
    state: ImportState,
    record: ContactRecord,
    hints: dict[str, str],
    phones: set[str] | None = None,
) -> None:
    """`phones`: the record's phone keys (`record_phone_keys`), when the caller has them."""
    # Keys are compared as they are stored (clipped), so that a long one still matches.
    key = clip(ImportRecord, "source_key", record.source_key)
    if key != record.source_key:
        record = replace(record, source_key=key)
    seen = (RecordType.CONTACT, record.source_key)
    incoming = _person_from(state, record, hints)
    if incoming is None or seen in state.seen:
        reason = NOTHING_TO_GO_BY if incoming is None else REPEATED
        state.skip("people", reason, record.file, record.line)
        state.list_person("skipped", record.full_name or f"line {record.line}", reason)
        return
    if not state.deduped:
        state.seen.add(seen)
    known = state.known.get(seen)
    if known is not None and known.entry is not None:
        _apply_known(state, record, incoming, known.entry, known)
        return
    profile = _profile(state, record, incoming, phones)
    connections_file = _connections_file(state, record)
    best, reviews = _match(state, profile, connections_file)
    children: list[models.Model] = []
    merge: Merge | None = None
    if best is None:
        entry = _create(state, incoming, profile, connections_file)
        outcome = RecordOutcome.CREATED
        state.list_person("created", incoming.full_name, "nobody alike among your people")
    else:
        entry = best[0]
        why = _why_merged(entry, best[1])
        merge = _merge_into(state, entry, record, incoming, best[1], children)
        outcome = RecordOutcome.MERGED
        state.list_person("merged", incoming.full_name, why)
    _add_contact_points(state, entry, record, children)
    job = job_apply(state, entry, record, _said_before(state, entry, record), children)
    _provenance(state, record, outcome, entry, job, merge)
    for other, verdict in reviews[:MAX_REVIEWS_PER_RECORD]:
        candidate_propose(state, other, entry, verdict)


def _person_from(state: ImportState, record: ContactRecord, hints: dict[str, str]) -> Person | None:
    """The person this record describes, unsaved; None when it names nobody."""
    first = clip(Person, "first_name", record.first_name)
    last = clip(Person, "last_name", record.last_name)
    name = clip(Person, "full_name", record.full_name or f"{first} {last}")
    urls = [record.linkedin_url, *record.urls]
    keys = [*map(profile_key, urls)]
    linkedin = next((k for k in keys if k), "")
    full = name
    if not full:  # someone known only by an address, a number or a profile is called by it
        other = next((v for v in [*record.emails, *record.phones, linkedin] if v.strip()), "")
        full = clip(Person, "full_name", other)
        if not full:
            return None
    elif not (first or last):
        first, last = (clip(Person, "first_name", n) for n in split_name(name))
    linkedin_url = urls[keys.index(linkedin)] if linkedin else ""  # the first of the profile
    folded = fold(full)
    return row(
        Person,
        owner_id=state.owner_id,
        first_name=first,
        last_name=last,
        full_name=full,
        name_key=clip(Person, "name_key", folded),
        headline=clip(Person, "headline", record.headline),
        location=clip(Person, "location", record.location),
        linkedin_url=clip(Person, "linkedin_url", linkedin_url.strip()) if linkedin else "",
        linkedin_key=clip(Person, "linkedin_key", linkedin),
        how_we_met=clip(Person, "how_we_met", _how_we_met(record, linkedin, folded, hints)),
        connected_on=record.connected_on,
        notes=record.notes.replace("\x00", "").strip(),
        source=Source.IMPORT,
        source_record=state.source_record(record.source_key),
    )


def _how_we_met(record: ContactRecord, linkedin: str, folded: str, hints: dict[str, str]) -> str:
    """`folded`: the person's folded full name, which invitation hints are keyed by."""
    hint = hints.get(f"l:{linkedin}") if linkedin and hints else None
    hint = hint or (hints.get(f"n:{folded}") if hints else None)
    if hint:
        return hint
    return CONNECTED if record.connected_on else ""  # the date has its field


def _name_parts(record: ContactRecord) -> NameParts | None:
    return name_parts(record.full_name, record.first_name, record.last_name)


def record_phone_keys(state: ImportState, record: ContactRecord) -> set[str]:
    return {k for k in (match_phone_key(p, state.region) for p in record.phones) if k}


def _profile(
    state: ImportState, record: ContactRecord, person: Person, phones: set[str] | None = None
) -> Profile:
    named = person.first_name or person.last_name  # not when called by an address
    emails = {k for k in map(email_key, record.emails) if k and not role_address(k)}
    if phones is None:
        phones = record_phone_keys(state, record)
    phones = phones - state.crowded
    return Profile(
        name=name_parts(person.full_name, person.first_name, person.last_name) if named else None,
        emails={k for k in emails if _personal(state, f"e:{k}")},
        phones={k for k in phones if _personal(state, f"p:{k}")},
        linkedin=person.linkedin_key,
        companies={k for k in [company_key_in(state, record.company)] if k},
        connected_on=person.connected_on,
    )


def _said_before(state: ImportState, entry: Entry, record: ContactRecord) -> Known | None:
    """What an earlier export's row for this connection said, when this row has another key.

    Exports before 2024 have no profile URLs, so a row's key changes when a newer export
    adds them: the row merged into the person its older row made is that same row, and a
    new employer or title in it is a move, as if the key had never changed.
    """
    if state.kind != ImportKind.LINKEDIN or entry.is_new or entry.pk is None:
        return None
    known = state.connection_rows.get(entry.pk)
    if known is None or (RecordType.CONTACT, known.source_key) in state.seen:
        return None
    return known


def _connections_file(state: ImportState, record: ContactRecord) -> str:
    """The record's file if it lists LinkedIn connections (one person a row), else ""."""
    return record.file if state.kind == ImportKind.LINKEDIN else ""


# An address or a number that this many people have already is an office's (a switchboard)
# or a family's: with the record's own, three people; it says nothing about who a record is.
SHARED_BY = 2


def _personal(state: ImportState, key: str) -> bool:
    return state.index.holders(key) < SHARED_BY


def _match(
    state: ImportState, profile: Profile, connections_file: str = ""
) -> tuple[tuple[Entry, Verdict] | None, list[tuple[Entry, Verdict]]]:
    """The person to merge with (if any), and the people worth a review next to them.

    Nobody made from the same connections file is a candidate: LinkedIn lists each
    connection once, so two of its rows are two people, however alike (and when everyone
    indexed is from that file, nobody is looked up).
    """
    if connections_file and state.indexed_from == connections_file:
        return None, []
    verdicts = [
        (entry, compare(profile, entry.profile))
        for entry in state.index.candidates(profile)
        if not connections_file or entry.connection_file != connections_file
    ]
    merges = [ev for ev in verdicts if ev[1].decision == Decision.MERGE]
    merges.sort(key=lambda ev: (-ev[1].strength, -ev[1].score, _order(ev[0])))
    reviews = [ev for ev in verdicts if ev[1].decision == Decision.REVIEW]
    reviews.sort(key=lambda ev: -ev[1].score)
    if not merges:
        return None, reviews
    # A second person the record would also merge with is someone to look at, not to join.
    return merges[0], merges[1:] + reviews


def _order(entry: Entry) -> int:
    """People this import made come first (whether written yet or not), then by id."""
    return 0 if entry.is_new else entry.pk or 0


def _create(state: ImportState, person: Person, profile: Profile, connections_file: str) -> Entry:
    owner = state.index.by_linkedin(person.linkedin_key) if person.linkedin_key else None
    if owner is not None:
        _profile_taken(state, person, owner)
        person.linkedin_url = person.linkedin_key = profile.linkedin = ""
    entry = Entry(profile, person)
    entry.connection_file = connections_file
    state.pending.people.append(person)
    state.add_entry(entry)
    state.tally("people").created += 1
    if state.chunked:
        state.held.append(entry)
    return entry


_SHARED = {"linkedin": "LinkedIn profile", "email": "email address", "phone": "phone number"}


def _why_merged(entry: Entry, verdict: Verdict) -> str:
    """ "into Ana Souza (#12): same email address" """
    shared = [_SHARED.get(key, key) for key in (verdict.evidence.get("keys") or {})]
    if not shared:
        shared = ["name", "employer"] if verdict.evidence.get("company") == "agrees" else ["name"]
    why = f"same {' and '.join(shared)}"
    person = entry.person
    into = person.full_name if entry.is_new else f"{person.full_name} (#{person.pk})"
    return f"into {into}: {why}"


def _merge_into(
    state: ImportState,
    entry: Entry,
    record: ContactRecord,
    incoming: Person,
    verdict: Verdict,
    children: list[models.Model],
) -> Merge:
    filled = person_fill(state, entry, incoming)
    state.person_changed(entry.person, filled)
    where = f"{clip(ImportRecord, 'file', record.file)}, line {record.line}".lstrip(", ")
    merge = row(
        Merge,
        owner_id=state.owner_id,
        survivor=entry.person,
        absorbed_name=incoming.full_name,
        absorbed=person_snapshot(incoming),
        filled=jsonable(filled),
        evidence={**verdict.evidence, "score": verdict.score, "record": where},
        batch_id=state.batch_id,
    )
    state.pending.merges.append(PendingMerge(merge=merge, children=children))
    state.tally("people").merged += 1
    return merge


def person_fill(state: ImportState, entry: Entry, incoming: Person) -> dict[str, list[Any]]:
    """Merge the incoming record into the person by the one merge policy; return the changes.

    What the import knows besides the rows follows: the index learns a new name or profile.
    """
    person = entry.person
    taken_by = state.index.by_linkedin(incoming.linkedin_key) if incoming.linkedin_key else None
    profile_free = taken_by is None or taken_by is entry
    if not profile_free and incoming.linkedin_url and not person.linkedin_url:
        assert taken_by is not None
        _profile_taken(state, incoming, taken_by)
    changes = merge_policy.person_fill(survivor=person, other=incoming, profile_free=profile_free)
    if "full_name" in changes:
        entry_renamed(state, entry)
    if "linkedin_key" in changes:
        entry.profile.linkedin = person.linkedin_key
        state.index.add(entry, entry.profile)
    if "connected_on" in changes:
        entry.profile.connected_on = person.connected_on
    return changes


def _profile_taken(state: ImportState, person: Person, owner: Entry) -> None:
    # A LinkedIn profile is one person's (a unique key): the record keeps its other facts.
    state.errors.append(
        f"{person.full_name}: the LinkedIn profile {person.linkedin_key} is already "
        f"{owner.person.full_name}'s; it was not added."
    )


def _apply_known(
    state: ImportState, record: ContactRecord, incoming: Person, entry: Entry, known: Known
) -> None:
    changes = person_fill(state, entry, incoming)
    state.person_changed(entry.person, changes)
    state.journal(entry.person, changes)
    children: list[models.Model] = []
    added = _add_contact_points(state, entry, record, children)
    job = job_apply(state, entry, record, known, children)
    if not (changes or added or job.changed):
        state.tally("people").unchanged += 1
        return
    state.tally("people").updated += 1
    _provenance(state, record, RecordOutcome.UPDATED, entry, job, None)


def _add_contact_points(
    state: ImportState, entry: Entry, record: ContactRecord, children: list[models.Model]
) -> bool:
    values = [
        *((ContactKind.EMAIL, v) for v in record.emails),
        *((ContactKind.PHONE, v) for v in record.phones),
        *((contact_kind(v.strip()), v) for v in record.urls if not profile_key(v)),
    ]
    added = False
    for kind, raw in values:
        value = clip(ContactPoint, "value", raw)
        key = contact_match_key(kind, value, state.region) if value else ""
        if not key or (kind, key) in entry.contact_keys:
            continue  # already theirs, or not an address or a number anyone could use
        entry_add_contact(state, entry, kind, value, key)
        if kind in _INDEXED:  # only the new key: the others are indexed already
            state.index.add_key(entry, f"{_INDEXED[kind]}:{key}")
        point = row(
            ContactPoint,
            owner_id=state.owner_id,
            person=entry.person,
            kind=kind,
            label=clip(ContactPoint, "label", record.labels.get(raw, "")),
            value=value,
            value_key=clip(ContactPoint, "value_key", contact_key(kind, value)),
            source=Source.IMPORT,
        )
        state.pending.contact_points.append(point)
        children.append(point)
        added = True
    return added


_INDEXED: dict[str, str] = {
    ContactKind.EMAIL: "e",
    ContactKind.PHONE: "p",
}  # the kinds of index._slot's keys


def _provenance(
    state: ImportState,
    record: ContactRecord,
    outcome: str,
    entry: Entry,
    job: JobResult,
    merge: Merge | None,
) -> None:
    if not state.chunked:  # read by the other blocks of a LinkedIn export only
        state.known[(RecordType.CONTACT, record.source_key)] = Known(
            entry, job.employment, job.claim
        )
    claim = job.claim
    provenance = row(
        ImportRecord,
        owner_id=state.owner_id,
        batch_id=state.batch_id,
        source=state.kind,
        record_type=RecordType.CONTACT,
        source_key=record.source_key,
        file=clip(ImportRecord, "file", record.file),
        line=record.line if record.line > 0 else None,
        outcome=outcome,
        person=entry.person,
        employment=job.employment,
        # A claimed company that the import did not make (no job opened) is not recorded.
        company=state.companies.get(claim.company_key) if claim else None,
        title=claim.title if claim else "",
        digest=contact_digest(record),
        merge=merge,
    )
    state.pending.records.append(provenance)


def candidate_propose(state: ImportState, known: Entry, incoming: Entry, verdict: Verdict) -> None:
    """Queue the pair for review, unless it is one person, kept apart or already queued."""
    if known is incoming:
        return
    # Someone not written yet is known by their object (a negative number) until they are;
    # someone written, by their id alone (not read back: a review needs no more).
    a, b = _written_or_not(known), _written_or_not(incoming)
    pair = pair_of(a if isinstance(a, int) else -id(a), b if isinstance(b, int) else -id(b))
    if pair in state.proposed or frozenset(pair) in state.keep_apart:
        return
    state.proposed.add(pair)
    if pair[0] < 0:
        state.proposed_unwritten.append(pair)
    state.pending.candidates.append(
        row(
            MergeCandidate,
            owner_id=state.owner_id,
            **{"person_a_id" if isinstance(a, int) else "person_a": a},
            **{"person_b_id" if isinstance(b, int) else "person_b": b},
            batch_id=state.batch_id,
            score=verdict.score,
            evidence=verdict.evidence,
        )
    )


def _written_or_not(entry: Entry) -> Person | int:
    """The person's id if they have one, else their (unsaved) object."""
    pk = entry.pk
    return entry.person if pk is None else pk
