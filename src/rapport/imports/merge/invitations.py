"""LinkedIn invitations: how you met someone, in their words or yours.

The invitation's note goes into the person's "how we met" when that is empty or says only
that you are connected. Contacts of the same export pick it up as they are created
(`invitation_hints`); invitations to people known from before (an Invitations.csv imported
after Connections.csv, or the whole export after it) are applied afterwards
(`invitations_apply`). A file of invitations that reaches nobody says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapport.core.text import fold
from rapport.imports.match import name_parts
from rapport.imports.match.keys import profile_key
from rapport.imports.merge.unchanged import invitation_digest, invitation_key
from rapport.imports.models import ImportRecord, RecordOutcome, RecordType
from rapport.imports.parse.records import InvitationRecord
from rapport.imports.session import Entry, ImportState
from rapport.imports.write.rows import clip, row
from rapport.people.models import Person

CONNECTED = "Connected on LinkedIn"  # what a connection's "how we met" says without a note
CONNECTIONS_FIRST = (
    "{file}: none of its {count} invitations with a note names someone you have in Rapport, "
    "so no note was added: import your Connections first (Connections.csv, or the whole "
    "LinkedIn export), then this file again"
)


def _counterpart(invitation: InvitationRecord) -> tuple[str, str]:
    """(name, profile URL) of the other person: the user is on the other end."""
    if invitation.direction.strip().upper() == "INCOMING":
        return invitation.from_name, invitation.inviter_url
    return invitation.to_name, invitation.invitee_url


def invitation_text(invitation: InvitationRecord) -> str:
    incoming = invitation.direction.strip().upper() == "INCOMING"
    when = invitation.sent_at
    dated = f" ({'received' if incoming else 'sent'} {when.day} {when:%b %Y})" if when else ""
    message = " ".join(invitation.message.split())
    text = f"LinkedIn invitation{dated}: {message}" if message else ""
    return clip(Person, "how_we_met", text)


def invitation_hints(invitations: list[InvitationRecord]) -> dict[str, str]:
    """How-we-met texts by identity ("l:<profile key>" and "n:<folded name>")."""
    hints: dict[str, str] = {}
    for invitation in invitations:
        text = invitation_text(invitation)
        if not text:
            continue
        name, url = _counterpart(invitation)
        if key := profile_key(url):
            hints.setdefault(f"l:{key}", text)
        if name.strip():
            hints.setdefault(f"n:{fold(name)}", text)
    return hints


def entry_find(state: ImportState, name: str, url: str) -> tuple[Entry | None, bool]:
    """The one person these name and profile URL point to: (entry, ambiguous)."""
    key = profile_key(url)
    if key and (entry := state.index.by_linkedin(key)) is not None:
        return entry, False
    same = entries_named(state, name)
    if key:
        same = [e for e in same if not e.profile.linkedin]  # another profile: a namesake
    return (same[0] if len(same) == 1 else None), len(same) > 1


def entries_named(state: ImportState, name: str) -> list[Entry]:
    """People with exactly this name, else with the same first and last names."""
    if exact := state.by_name_key.get(fold(clip(Person, "full_name", name))):
        return exact
    parts = name_parts(name)
    if parts is None:
        return []
    return [
        e
        for e in state.index.by_key(f"n:{parts.first}|{parts.last}")
        if e.profile.name is not None
        and (e.profile.name.first, e.profile.name.last) == (parts.first, parts.last)
    ]


@dataclass
class _Reach:
    """Invitations with a note, and how many of them named someone known."""

    noted: int = 0
    found: int = 0
    nobody: int = 0
    file: str = ""
    line: int = 0


def invitations_apply(
    state: ImportState, invitations: list[InvitationRecord], tick: Callable[[], None]
) -> None:
    reach = _Reach()
    for invitation in invitations:
        tick()
        key = invitation_key(invitation)
        if (RecordType.INVITATION, key) in state.seen:
            state.tally("invitations").skipped += 1
            continue
        state.seen.add((RecordType.INVITATION, key))
        entry, _ = entry_find(state, *_counterpart(invitation))
        _reach_count(reach, invitation, entry)
        applied = _how_we_met_fill(state, entry, invitation)
        state.pending.records.append(
            row(
                ImportRecord,
                owner_id=state.owner_id,
                batch_id=state.batch_id,
                source=state.kind,
                record_type=RecordType.INVITATION,
                source_key=key,
                file=clip(ImportRecord, "file", invitation.file),
                line=invitation.line if invitation.line > 0 else None,
                outcome=RecordOutcome.UPDATED if applied else RecordOutcome.SKIPPED,
                person=entry.person if entry else None,
                digest=invitation_digest(invitation),
            )
        )
    state.warnings.extend(_reach_told(reach))


def _reach_count(reach: _Reach, invitation: InvitationRecord, entry: Entry | None) -> None:
    if not invitation_text(invitation):
        return
    reach.noted += 1
    if entry is not None:
        reach.found += 1
    else:
        reach.nobody += 1
        if reach.nobody == 1:
            reach.file, reach.line = invitation.file or "Invitations.csv", invitation.line


def _reach_told(reach: _Reach) -> list[str]:
    if not reach.nobody:
        return []
    if not reach.found:
        return [CONNECTIONS_FIRST.format(file=reach.file, count=reach.noted)]
    count = f"{reach.nobody} invitations" if reach.nobody > 1 else "1 invitation"
    return [
        f"{reach.file}: {count} skipped (first at line {reach.line}): nobody among your "
        "people has that name (or two do), so the note was not added"
    ]


def _how_we_met_fill(state: ImportState, entry: Entry | None, invitation: InvitationRecord) -> bool:
    tally = state.tally("invitations")
    text = invitation_text(invitation)
    if entry is None or not text:
        tally.skipped += 1
        return False
    if entry.person.how_we_met == text and entry.is_new:
        tally.updated += 1  # this import's own connections took it already (as a hint)
        return True
    if entry.person.how_we_met not in ("", CONNECTED):
        tally.unchanged += 1
        return False
    changes = {"how_we_met": [entry.person.how_we_met, text]}
    entry.person.how_we_met = text
    state.person_changed(entry.person, changes)
    state.journal(entry.person, changes)
    tally.updated += 1
    return True
