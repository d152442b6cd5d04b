"""LinkedIn messages become conversations: one per thread per day.

The user (found, remembered or guessed by identity.py) is never made into a Person. The
other people in a thread are its participants, so each person's "last contacted" follows
their messages; someone known so far only by their profile gets the name messages give.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from rapport.conversations.models import Channel, Conversation
from rapport.core.models import Source
from rapport.core.text import fold
from rapport.imports.match import Profile, name_parts
from rapport.imports.match.identity import Cast, cast_find, identity, people_of
from rapport.imports.match.keys import profile_key
from rapport.imports.merge.invitations import entries_named, entry_find
from rapport.imports.merge.unchanged import message_day, thread_day_key
from rapport.imports.models import ImportRecord, RecordOutcome, RecordType
from rapport.imports.parse.linkedin_messages import names_segment
from rapport.imports.parse.linkedin_names import without_credentials
from rapport.imports.parse.records import MessageRecord, ParsedSource
from rapport.imports.session import Entry, ImportState, entry_rename
from rapport.imports.write.rows import clip, row
from rapport.people.models import Person
from rapport.people.services import split_name

NOTES_LIMIT = 500  # characters of a day's messages kept in the conversation's notes
_HIDDEN = '"LinkedIn Member" (an account since closed, or a profile kept private)'
NOBODY_NAMED = f"nobody else takes part but {_HIDDEN}"
YOURS_TO_NOBODY = f"your own messages to {_HIDDEN}, with nobody to add them to"
NAMESAKES = (
    "the other person goes by a name that two or more of your people share, and LinkedIn "
    "gives no profile link to tell which of them it is"
)


def thread_day_notes(messages: list[MessageRecord], me: set[str]) -> str:
    """The day's messages as "Name: text" lines, cut at NOTES_LIMIT characters."""
    lines = []
    subject = next((m.subject.strip() for m in messages if m.subject.strip()), "")
    if subject:
        lines.append(f"Subject: {' '.join(subject.split())}")
    for message in messages:
        text = " ".join(message.content.replace("\x00", "").split())
        if not text:
            continue
        who = "Me" if identity(message.sender_name, message.sender_url) in me else None
        lines.append(f"{who or message.sender_name.strip() or 'Someone'}: {text}")
    notes = "\n".join(lines).replace("\x00", "")  # PostgreSQL refuses NUL in text
    return notes if len(notes) <= NOTES_LIMIT else notes[: NOTES_LIMIT - 1].rstrip() + "…"


def user_identities(state: ImportState, parsed: ParsedSource) -> Cast:
    """Who is who in all of the export's messages (the people must be loaded): the user,
    remembered or warned about (identity.py), and the names of profiles."""
    _recipients_known(state, parsed.messages)
    return cast_find(state, parsed)


def _recipients_known(state: ImportState, messages: list[MessageRecord]) -> None:
    """The names of a group's TO list that the export alone could not explain, read as the
    people already known (one person a name); the rest are nobody, told in a warning."""
    left: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)

    def knows(name: str) -> bool:
        return len(entries_named(state, name)) == 1

    for message in messages:
        if not message.recipients_unknown:
            continue
        people, rest = names_segment(message.recipients_unknown, knows)
        message.recipients.extend((name, "") for name in people)
        message.recipients_unknown = rest
        if rest:
            left[message.file].append((message.line, rest))
    for file, lists in left.items():
        line, example = lists[0]
        state.warnings.append(_unknown_told(file or "messages.csv", len(lists), line, example))


def _unknown_told(file: str, count: int, line: int, example: list[str]) -> str:
    names = ", ".join(example)
    names = names if len(names) <= 120 else names[:119] + "…"
    lists = "1 recipient list names" if count == 1 else f"{count} recipient lists name"
    at = f"line {line}" if count == 1 else f"first at line {line}"
    return (
        f"{file}: {lists} people that nobody in this export or in Rapport goes by "
        f"({at}: {names!r}); LinkedIn joins a group's names with commas, so they could not "
        "be told apart and were not added as people"
    )


def messages_apply(
    state: ImportState, messages: list[MessageRecord], cast: Cast, tick: Callable[[], None]
) -> None:
    """`cast`: who is who, found in all of the export's messages (`user_identities`)."""
    threads: dict[str, list[MessageRecord]] = defaultdict(list)
    for message in messages:
        threads[message.conversation_id].append(message)
    for conversation_id, thread in threads.items():
        thread.sort(key=lambda m: (m.sent_at, m.line))
        people, namesakes = _participants(state, thread, cast)
        for day, day_messages in _by_day(thread).items():
            if not people:
                _thread_day_skip(state, conversation_id, day, day_messages, cast.me, namesakes)
                continue
            _thread_day_apply(state, conversation_id, day, day_messages, people, cast.me)
            for _ in day_messages:
                tick()


def _by_day(thread: list[MessageRecord]) -> dict[dt.date, list[MessageRecord]]:
    days: dict[dt.date, list[MessageRecord]] = defaultdict(list)
    for message in thread:
        days[message_day(message)].append(message)
    return days


def _participants(
    state: ImportState, thread: list[MessageRecord], cast: Cast
) -> tuple[list[Person], bool]:
    """The people of a thread, and whether someone in it was left out for a name that two
    or more people share."""
    found: dict[int, Person] = {}
    namesakes = False
    for message in thread:
        for name, url in people_of(message):
            who = identity(name, url)
            if not who or who in cast.me:
                continue
            entry, ambiguous = _participant(state, who, cast.name_of(name, url), url)
            namesakes = namesakes or ambiguous
            if entry is not None:
                found.setdefault(id(entry.person), entry.person)
    return list(found.values()), namesakes


def _participant(state: ImportState, who: str, name: str, url: str) -> tuple[Entry | None, bool]:
    """The person behind a thread participant, created when nobody matches them; and
    whether their name is that of two or more people (then it is neither of them)."""
    entry, ambiguous = entry_find(state, name, url)
    if entry is not None and name and _called_by_profile(entry):
        _name_fill(state, entry, name)
    if entry is not None or ambiguous:
        return entry, ambiguous
    key = profile_key(url)
    name = clip(Person, "full_name", name)
    full = name or key
    if not full:
        return None, False
    first, last = (clip(Person, "first_name", n) for n in _split(name)) if name else ("", "")
    person = row(
        Person,
        owner_id=state.owner_id,
        first_name=first,
        last_name=last,
        full_name=full,
        name_key=clip(Person, "name_key", fold(full)),
        linkedin_url=clip(Person, "linkedin_url", url.strip()) if key else "",
        linkedin_key=clip(Person, "linkedin_key", key),
        how_we_met="LinkedIn messages",
        source=Source.IMPORT,
        source_record=state.source_record(f"message:{who}"),
    )
    # The same parts as when this person is read back from the database next time.
    parts = name_parts(full, first, last) if first or last else None
    entry = Entry(Profile(name=parts, linkedin=key), person)
    state.pending.people.append(person)
    state.add_entry(entry)
    state.tally("people").created += 1
    return entry, False


def _split(name: str) -> tuple[str, str]:
    """First and last names of a name as LinkedIn writes it, credentials left out."""
    return split_name(without_credentials(name))


def _called_by_profile(entry: Entry) -> bool:
    """Whether a person has no name but their profile's (no row named them before)."""
    key = entry.profile.linkedin
    return bool(key) and entry.profile.name is None and entry.name_key == _name_key(key)


def _name_key(name: str) -> str:
    return clip(Person, "name_key", fold(clip(Person, "full_name", name)))


def _name_fill(state: ImportState, entry: Entry, name: str) -> None:
    """Give someone called by their profile the name that messages now give them."""
    person = entry.person
    full = clip(Person, "full_name", name)
    first, last = _split(full)
    first, last = clip(Person, "first_name", first), clip(Person, "last_name", last)
    changes = entry_rename(state, entry, first=first, last=last, full=full)
    if person.pk is not None:
        state.person_changed(person, changes)
        state.journal(person, changes)
        state.tally("people").updated += 1


def _thread_day_apply(
    state: ImportState,
    conversation_id: str,
    day: dt.date,
    messages: list[MessageRecord],
    people: list[Person],
    me: set[str],
) -> None:
    tally = state.tally("conversations")
    key = thread_day_key(conversation_id, day)
    known = state.known.get((RecordType.THREAD_DAY, key))
    if known is not None and known.conversation_id is not None:
        tally.unchanged += 1
        return
    if (RecordType.THREAD_DAY, key) in state.seen:
        tally.skipped += 1  # cannot happen: messages are grouped by thread and day
        return
    state.seen.add((RecordType.THREAD_DAY, key))
    conversation = _conversation(state, key, day, messages, people, me)
    tally.created += 1
    state.pending.records.append(_thread_day_record(state, key, messages, conversation, people))


def _thread_day_skip(
    state: ImportState,
    conversation_id: str,
    day: dt.date,
    messages: list[MessageRecord],
    me: set[str],
    namesakes: bool,
) -> None:
    """A day of a thread with nobody to add it to: told why, and remembered (as skipped) so
    as not to look again."""
    key = thread_day_key(conversation_id, day)
    if (RecordType.THREAD_DAY, key) in state.seen:
        return
    state.seen.add((RecordType.THREAD_DAY, key))
    reason = NAMESAKES if namesakes else YOURS_TO_NOBODY if _sent_by(messages, me) else NOBODY_NAMED
    state.skip("conversations", reason, messages[0].file, messages[0].line)
    state.pending.records.append(_thread_day_record(state, key, messages, None, []))


def _thread_day_record(
    state: ImportState,
    key: str,
    messages: list[MessageRecord],
    conversation: Conversation | None,
    people: list[Person],
) -> ImportRecord:
    return row(
        ImportRecord,
        owner_id=state.owner_id,
        batch_id=state.batch_id,
        source=state.kind,
        record_type=RecordType.THREAD_DAY,
        source_key=key,
        file=clip(ImportRecord, "file", messages[0].file),
        line=messages[0].line if messages[0].line > 0 else None,
        outcome=RecordOutcome.CREATED if conversation else RecordOutcome.SKIPPED,
        conversation=conversation,
        person=people[0] if people else None,
    )


def _sent_by(messages: list[MessageRecord], me: set[str]) -> bool:
    return any(identity(m.sender_name, m.sender_url) in me for m in messages)


def _conversation(
    state: ImportState,
    key: str,
    day: dt.date,
    messages: list[MessageRecord],
    people: list[Person],
    me: set[str],
) -> Conversation:
    conversation = row(
        Conversation,
        owner_id=state.owner_id,
        occurred_on=day,
        channel=Channel.LINKEDIN,
        notes=thread_day_notes(messages, me),
        source=Source.IMPORT,
        source_record=clip(Conversation, "source_record", f"linkedin:{key}"),
    )
    state.pending.conversations.append(conversation)
    state.pending.participants.extend((conversation, person) for person in people)
    return conversation
