"""Who the user is in their LinkedIn messages, and what the messages call everyone else.

messages.csv has no column for "me": the user is whoever takes part in every thread, which
is certain once the threads are with different people. A file of one thread (a later
messages.csv on its own) has two people who could be the user. So an import that is
certain remembers the user's profile and name on its batch, and later imports rely on it;
failing that, someone in the user's LinkedIn connections (which never list the user) is
not the user. An import still unsure takes its best guess and says so in a warning.

A group message's TO names cannot always be paired with its profile URLs ("Ann Lee, PhD,
Carl Ng" for two URLs): such a profile is called by the name the other rows give it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rapport.core.text import fold
from rapport.imports.match.keys import profile_key
from rapport.imports.merge.invitations import entries_named
from rapport.imports.models import BatchStatus, ImportBatch, RecordType
from rapport.imports.parse.records import MessageRecord, ParsedSource
from rapport.imports.session import ImportState

_NOBODY = {"", "linkedin member", "linkedin"}  # senders LinkedIn does not name


def identity(name: str, url: str) -> str:
    """The key of a participant: "l:<profile key>", "n:<folded name>", or "" for nobody."""
    if key := profile_key(url):
        return f"l:{key}"
    folded = fold(name.replace("\x00", ""))
    return "" if folded in _NOBODY else f"n:{folded}"


def people_of(message: MessageRecord) -> Iterator[tuple[str, str]]:
    """(name, profile URL) of the sender, then of each recipient."""
    yield message.sender_name, message.sender_url
    yield from message.recipients


@dataclass
class Cast:
    """Who is who in an export's messages."""

    me: set[str] = field(default_factory=set)  # the user's identities
    names: dict[str, str] = field(default_factory=dict)  # profile key -> a name rows give it

    def name_of(self, name: str, url: str) -> str:
        """`name`; for a profile written without one, the name other rows give it."""
        if name or not url:
            return name
        return self.names.get(profile_key(url), "")


@dataclass
class _Census:
    threads: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sent: Counter[str] = field(default_factory=Counter)
    stated: dict[str, str] = field(default_factory=dict)  # a sender's, a lone recipient's
    paired: dict[str, str] = field(default_factory=dict)  # paired in order by the parser


def _census(messages: list[MessageRecord]) -> _Census:
    census = _Census()
    threads, stated = census.threads, census.stated
    for message in messages:
        thread = message.conversation_id
        who = identity(message.sender_name, message.sender_url)
        census.sent[who] += 1
        threads[who].add(thread)
        _name(stated, message.sender_name, message.sender_url)
        names = stated if len(message.recipients) == 1 else census.paired
        for name, url in message.recipients:
            threads[identity(name, url)].add(thread)
            _name(names, name, url)
    threads.pop("", None)
    return census


def _name(names: dict[str, str], name: str, url: str) -> None:
    """Note `name` as the name of `url`'s profile, unless one is noted or it names nobody."""
    if name and (key := profile_key(url)) and key not in names and fold(name) not in _NOBODY:
        names[key] = name


def cast_find(state: ImportState, parsed: ParsedSource) -> Cast:
    """The user's identities in all of the export's messages, and the names of profiles.

    The people must be loaded. Remembers the user on the batch when certain; warns (in
    `parsed.warnings`) when not.
    """
    messages = parsed.messages
    census = _census(messages)
    names = {**census.paired, **census.stated}
    if not census.threads:
        return Cast(set(), names)
    me, sure = _user(state, parsed, census)
    spellings = _names_written(messages, {me})[me]
    if sure:
        _remember(state, me, spellings)
    else:
        parsed.warnings.append(_unsure(messages, me, len(census.threads[me]), spellings))
    return Cast(({me} | {identity(n, "") for n in spellings}) - {""}, names)


def _user(state: ImportState, parsed: ParsedSource, census: _Census) -> tuple[str, bool]:
    """The user's identity, and whether that is certain."""
    threads = census.threads
    most = max(map(len, threads.values()))
    top = sorted(who for who, ids in threads.items() if len(ids) == most)
    if len(top) == 1:
        return top[0], True  # the only one in every thread
    if remembered := _remembered(state, parsed.messages, top):
        return remembered, True
    connection = _connections(state, parsed)
    strangers = [who for who in top if not connection(who)]
    if len(strangers) == 1:
        return strangers[0], True
    # A guess: not someone known (from other imports or this one), then who sent the most.
    return max(strangers or top, key=lambda i: (not _known(state, i), census.sent[i], i)), False


def _remembered(state: ImportState, messages: list[MessageRecord], top: list[str]) -> str:
    """Which of `top` an earlier import found to be the user, by profile, else by name."""
    key, name = _stored(state)
    name = fold(name)
    if key and f"l:{key}" in top:
        return f"l:{key}"
    if not name:
        return ""
    written = _names_written(messages, set(top))
    named = [who for who in top if name in {fold(n) for n in written[who]}]
    return named[0] if len(named) == 1 else ""


def _stored(state: ImportState) -> tuple[str, str]:
    """(profile key, name) of the user as the newest import that found them stored them."""
    stored = (
        ImportBatch.objects.filter(
            owner_id=state.owner_id, status=BatchStatus.DONE, user_identity__isnull=False
        )
        .exclude(pk=state.batch_id)
        .order_by("-pk")
        .values_list("user_identity", flat=True)
        .first()
    )
    if not isinstance(stored, dict):
        return "", ""
    return str(stored.get("linkedin") or ""), str(stored.get("name") or "")


def _connections(state: ImportState, parsed: ParsedSource) -> Callable[[str], bool]:
    """Whether an identity is one of the user's LinkedIn connections, in this export or
    imported before (LinkedIn's Connections.csv never lists the user)."""
    keys = {profile_key(c.linkedin_url) for c in parsed.contacts} - {""}
    names = {fold(c.full_name) for c in parsed.contacts} - {""}
    people = {
        known.person_id
        for (record_type, _), known in state.known.items()
        if record_type == RecordType.CONTACT and known.person_id is not None
    }

    def connection(who: str) -> bool:
        if who.startswith("l:"):
            entry = state.index.by_linkedin(who[2:])
            return who[2:] in keys or (entry is not None and entry.pk in people)
        return who[2:] in names or any(e.pk in people for e in entries_named(state, who[2:]))

    return connection


def _known(state: ImportState, who: str) -> bool:
    if who.startswith("l:"):
        return state.index.by_linkedin(who[2:]) is not None
    return bool(entries_named(state, who[2:]))


def _names_written(messages: list[MessageRecord], whos: set[str]) -> dict[str, Counter[str]]:
    """How often each name is written for each of these identities."""
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for message in messages:
        for name, url in people_of(message):
            if name.strip() and (who := identity(name, url)) in whos:
                written[who][name.strip()] += 1
    return written


def _most_written(spellings: Counter[str]) -> str:
    return max(spellings, key=lambda n: (spellings[n], n)) if spellings else ""


def _remember(state: ImportState, me: str, spellings: Counter[str]) -> None:
    key, name = (me[2:], _most_written(spellings)) if me.startswith("l:") else ("", me[2:])
    if not key:  # messages without profile URLs: the profile stored before still holds
        stored_key, stored_name = _stored(state)
        key = stored_key if fold(stored_name) == name else ""
        name = _most_written(spellings) or name
    # Stored as JSON, which PostgreSQL refuses to hold a NUL character in (rows lose theirs
    # when written: imports/write/rows.py).
    value = {"linkedin": key.replace("\x00", ""), "name": name.replace("\x00", "")}
    state.batch.user_identity = value
    ImportBatch.objects.filter(pk=state.batch_id).update(user_identity=value)


def _unsure(messages: list[MessageRecord], me: str, threads: int, spellings: Counter[str]) -> str:
    name = _most_written(spellings) or me[2:]
    what = "this conversation alone does" if threads == 1 else f"these {threads} conversations do"
    return (
        f"{messages[0].file or 'messages.csv'}: {what} not show which person is you; "
        f"{name} was taken as you (their messages are shown as yours, and they were not "
        "added as a person). If that is wrong, undo this import and import your whole "
        "LinkedIn export (the .zip file): its other conversations show who you are."
    )
