"""Records imported before and unchanged since: counted as unchanged and left out.

A record's provenance keeps a fingerprint (digest) of what it said. When the same record
comes again saying the same, there is nothing to match, fill or open, so the import does not
even read the owner's people: importing the same export twice costs little the second time.
It also means an import never brings back a value the user has cleared since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import replace

from rapport.imports.models import ImportRecord, RecordOutcome, RecordType
from rapport.imports.parse.records import (
    ContactRecord,
    InvitationRecord,
    MessageRecord,
    ParsedSource,
)
from rapport.imports.session import ImportState
from rapport.imports.write.rows import clip

REPEATED = "the same record again, further down the file (the first one counts)"
NOTHING_TO_GO_BY = "nothing to know anyone by: no name, e-mail address, phone or profile"


def _digest(*values: object) -> str:
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def contact_digest(record: ContactRecord) -> str:
    """What the record says (not where it is: a newer export moves every line); worked out
    once a record (records are not changed once read)."""
    if not record.digest:
        record.digest = _digest(
            *(record.full_name, record.first_name, record.last_name, record.emails),
            *(record.phones, record.urls, record.linkedin_url, record.company, record.title),
            *(record.headline, record.location, record.notes, record.connected_on),
        )
    return record.digest


def invitation_key(invitation: InvitationRecord) -> str:
    sent = invitation.sent_at.isoformat() if invitation.sent_at else ""
    parts = (invitation.direction, invitation.from_name, invitation.to_name, sent)
    urls = (invitation.inviter_url, invitation.invitee_url)
    return clip(ImportRecord, "source_key", "|".join((*parts, *urls)))


def invitation_digest(invitation: InvitationRecord) -> str:
    return _digest(invitation.message, invitation.inviter_url, invitation.invitee_url)


def thread_day_key(conversation_id: str, day: dt.date) -> str:
    return clip(ImportRecord, "source_key", f"{conversation_id}/{day.isoformat()}")


def message_day(message: MessageRecord) -> dt.date:
    return message.sent_at.astimezone(dt.UTC).date()


def contact_is_empty(record: ContactRecord) -> bool:
    """Nothing to know anyone by: no name, address, number or profile."""
    if record.full_name.replace("\x00", "").strip():  # most records: their name tells at once
        return False
    values = [record.full_name, record.first_name, record.last_name, record.linkedin_url]
    values += record.emails + record.phones
    return not any(v.replace("\x00", "").strip() for v in values)


def unchanged_skip(state: ImportState, parsed: ParsedSource) -> ParsedSource:
    """The records that need work; the others are counted (unchanged or skipped) here."""
    return replace(
        parsed,
        contacts=_contacts(state, parsed.contacts),
        messages=_messages(state, parsed.messages),
        invitations=_invitations(state, parsed.invitations),
    )


def _contacts(state: ImportState, records: list[ContactRecord]) -> list[ContactRecord]:
    seen: set[str] = set()
    return [record for record in records if contact_todo(state, record, seen)]


def contact_todo(state: ImportState, record: ContactRecord, seen: set[str]) -> bool:
    """Whether the record needs work; if not, it is counted (unchanged or skipped) here.

    `seen`: the keys of the file's records before it (this adds the record's)."""
    key = clip(ImportRecord, "source_key", record.source_key)
    todo = False
    if key in seen:
        state.skip("people", REPEATED, record.file, record.line)
        state.list_person("skipped", record.full_name, REPEATED)
    elif contact_is_empty(record):
        state.skip("people", NOTHING_TO_GO_BY, record.file, record.line)
        state.list_person("skipped", record.full_name or f"line {record.line}", NOTHING_TO_GO_BY)
    elif (known := state.known.get((RecordType.CONTACT, key))) and (
        known.person_id and known.digest == contact_digest(record)
    ):
        state.tally("people").unchanged += 1
    else:
        todo = True
    seen.add(key)
    return todo


def _messages(state: ImportState, messages: list[MessageRecord]) -> list[MessageRecord]:
    """Whole threads that have a day not imported yet (the others are counted here)."""
    threads: dict[str, list[MessageRecord]] = defaultdict(list)
    for message in messages:
        threads[message.conversation_id].append(message)
    todo: list[MessageRecord] = []
    for conversation_id, thread in threads.items():
        days = {message_day(m) for m in thread}
        known = [
            state.known.get((RecordType.THREAD_DAY, thread_day_key(conversation_id, d)))
            for d in days
        ]
        done = [k for k in known if k and (k.conversation_id or k.outcome == RecordOutcome.SKIPPED)]
        if len(done) < len(days):
            todo += thread
            continue
        created = sum(1 for k in done if k.conversation_id)
        state.tally("conversations").unchanged += created
        if skipped := len(done) - created:
            reason = "imported before with nobody to add them to (see that import)"
            state.skip("conversations", reason, thread[0].file, thread[0].line, skipped)
    return todo


def _invitations(state: ImportState, invitations: list[InvitationRecord]) -> list[InvitationRecord]:
    tally, seen, todo = state.tally("invitations"), set(), []
    for invitation in invitations:
        key = invitation_key(invitation)
        known = state.known.get((RecordType.INVITATION, key))
        if key in seen:
            state.skip("invitations", REPEATED, invitation.file, invitation.line)
        elif (
            known
            and known.digest == invitation_digest(invitation)
            and (known.person_id or not invitation.message.strip())
        ):
            tally.unchanged += 1  # a note that reached nobody is tried again (Connections)
        else:
            todo.append(invitation)
        seen.add(key)
    return todo
