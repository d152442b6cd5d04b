"""LinkedIn invitations: how you met someone, in their words or yours.

The invitation's note goes into the person's "how we met" when that is empty or says only
that you are connected. Contacts of the same export pick it up as they are created
(`invitation_hints`); invitations to people known from before (an Invitations.csv imported
after Connections.csv, or the whole export after it) are applied afterwards
(`invitations_apply`). A file of invitations that reaches nobody says why.
"""

from __future__ import annotations

from collections.abc import Callable

from rapport.core.text import fold
from rapport.imports.match import name_parts
from rapport.imports.match.keys import profile_key
from rapport.imports.merge.unchanged import REPEATED, invitation_digest, invitation_key
from rapport.imports.models import ImportRecord, RecordOutcome, RecordType
from rapport.imports.parse.records import InvitationRecord
from rapport.imports.session import Entry, ImportState
from rapport.imports.write.rows import clip, row
from rapport.people.models import Person

CONNECTED = "Connected on LinkedIn"  # what a connection's "how we met" says without a note
_NO_NOTE = "sent without a note, which would tell how you met"
_NOBODY = "nobody among your people has the name it gives (or two do), so its note went nowhere"
CONNECTIONS_FIRST = (
    "{file}: none of its {count} invitations with a note names someone you have in Rapport, "
    "so no note was added: import your Connections first (Connections.csv, or the whole "
    "LinkedIn export), then this file again"
)


def counterpart(invitation: InvitationRecord) -> tuple[str, str]:
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
        name, url = counterpart(invitation)
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


def invitations_apply(
    state: ImportState, invitations: list[InvitationRecord], tick: Callable[[], None]
) -> None:
    noted = found = 0  # invitations with a note, and those that named someone known
    for invitation in invitations:
        tick()
        key = invitation_key(invitation)
        if (RecordType.INVITATION, key) in state.seen:
            state.skip("invitations", REPEATED, invitation.file, invitation.line)
            continue
        state.seen.add((RecordType.INVITATION, key))
        entry, _ = entry_find(state, *counterpart(invitation))
        if invitation_text(invitation):
            noted, found = noted + 1, found + (entry is not None)
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
    if noted and not found and not _has_connections(state):
        _connections_first(state, noted)


def _has_connections(state: ImportState) -> bool:
    """Whether LinkedIn connections were imported, before or in this import."""
    return any(kind == RecordType.CONTACT for kind, _ in (*state.known, *state.seen))


def _connections_first(state: ImportState, noted: int) -> None:
    """The warning for invitations that reach nobody at all (instead of one per file)."""
    nobody = [k for k in state.skip_reasons if k[0] == "invitations" and k[2] == _NOBODY]
    for told in nobody:
        del state.skip_reasons[told]
    file = nobody[0][1] if nobody else "Invitations.csv"
    state.warnings.append(CONNECTIONS_FIRST.format(file=file, count=noted))


def _how_we_met_fill(state: ImportState, entry: Entry | None, invitation: InvitationRecord) -> bool:
    tally = state.tally("invitations")
    text = invitation_text(invitation)
    if not text:
        state.skip("invitations", _NO_NOTE, invitation.file, invitation.line)
        return False
    if entry is None:
        state.skip("invitations", _NOBODY, invitation.file, invitation.line)
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
