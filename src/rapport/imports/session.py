"""The state of one import: the owner's people and companies in memory, and what to write.

Everything an import needs from the database is read once (loading.py); records are then
matched and applied in memory, and flush.py writes the result with bulk inserts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.conversations.models import Conversation
from rapport.core.models import Source
from rapport.core.text import company_key
from rapport.imports.history.snapshot import jsonable
from rapport.imports.match import PersonIndex, Profile, email_key, name_parts, phone_key
from rapport.imports.match.keys import NameParts
from rapport.imports.merge.policy import person_rename
from rapport.imports.models import (
    ChangeEvent,
    ImportBatch,
    ImportChange,
    ImportRecord,
    Merge,
    MergeCandidate,
    Position,
)
from rapport.imports.write.rows import clip, row
from rapport.people.models import ContactKind, ContactPoint, Person


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def _in_model_order(model: type[models.Model], *names: str) -> tuple[str, ...]:
    # Model.from_db expects the values it is given in the model's own field order.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


# What an import reads of rows already stored (the rest stays in the database): the
# tuples that Entry keeps until it needs a model instance.
PEOPLE_LISTED = 50  # people a preview lists of each of created, merged and skipped

PERSON_FIELDS = _in_model_order(
    Person,
    *("id", "owner_id", "first_name", "last_name", "full_name", "name_key", "headline"),
    *("location", "linkedin_url", "linkedin_key", "how_we_met", "connected_on", "notes"),
    # What the merge policy reads besides: loaded with the rest, not one query per merge.
    *("cadence_days", "introduced_by_id"),
)
EMPLOYMENT_FIELDS = _in_model_order(
    Employment,
    *("id", "owner_id", "person_id", "company_id", "title", "is_current", "started_on"),
    "ended_on",
)
PERSON_AT = {name: index for index, name in enumerate(PERSON_FIELDS)}
EMPLOYMENT_AT = {name: index for index, name in enumerate(EMPLOYMENT_FIELDS)}


class Entry:
    """One person as the import sees them: already stored, or new in this import.

    A stored person's model instance (and their jobs') is built on first use: in a big
    import most people are only looked up in the index, and never touched. A person written
    by an import that writes in chunks (see `written`) is read back from the database the
    same way, on first use.
    """

    # Hundreds of thousands of these stay alive until an import ends: no dict each.
    __slots__ = (
        *("_profile", "connection_file", "stored_jobs", "is_new", "_contact_keys"),
        *("_person", "_stored", "_jobs", "_reload"),
    )

    def __init__(
        self,
        profile: Profile,
        person: Person | None = None,
        stored: tuple[Any, ...] = (),
    ) -> None:
        self._profile: Profile | None = profile
        # The LinkedIn connections file this import made them from: every row of one is
        # a different person, so nobody else from that file is matched with them.
        self.connection_file = ""
        self._contact_keys: set[tuple[str, str]] | None = set()
        self.stored_jobs: Sequence[tuple[tuple[Any, ...], Company]] = ()  # until `jobs` is used
        self._person = person
        self._stored = stored  # the person's row, in PERSON_FIELDS order
        self._jobs: list[Employment] | None = None if stored else []
        # Made by this import (written since, in a chunked import, or not yet).
        self.is_new = not stored and (person is None or person.pk is None)
        self._reload: Callable[[Entry], None] | None = None

    @property
    def profile(self) -> Profile:
        """What the person is matched by. Of a person written and not read back since, a
        copy made from what `written` kept: anything that changes a profile reads the
        person back first (their row, contact points or jobs), which keeps it."""
        if self._profile is not None:
            return self._profile
        _, name, linkedin, connected_on, emails, phones, *keys = self._stored
        emails_end = emails
        phones_end = emails + phones
        return Profile(
            name=None if name is None else NameParts(*name.split("\t")),
            emails=set(keys[:emails_end]),
            phones=set(keys[emails_end:phones_end]),
            linkedin=linkedin,
            companies=set(keys[phones_end:]),
            connected_on=connected_on,
        )

    @property
    def person(self) -> Person:
        if self._person is None:
            self._read_back()
            self._person = Person.from_db(DEFAULT_DB_ALIAS, PERSON_FIELDS, self._stored)
        return self._person

    @property
    def pk(self) -> int | None:
        if self._person is not None:
            return self._person.pk
        pk: int = self._stored[0 if self._reload is not None else PERSON_AT["id"]]
        return pk

    @property
    def name_key(self) -> str:
        if self._person is not None:
            return self._person.name_key
        self._read_back()
        return str(self._stored[PERSON_AT["name_key"]])

    @property
    def contact_keys(self) -> set[tuple[str, str]]:
        """(kind, match key) of each of the person's contact points."""
        self._read_back()
        assert self._contact_keys is not None
        return self._contact_keys

    @property
    def jobs(self) -> list[Employment]:
        """Current jobs (the list may be changed in place, or replaced)."""
        if self._jobs is None:
            self._read_back()
            self._jobs = [_employment(values, company) for values, company in self.stored_jobs]
            self.stored_jobs = ()
        return self._jobs

    @jobs.setter
    def jobs(self, jobs: list[Employment]) -> None:
        self._jobs = jobs

    def job(self, pk: int | None) -> Employment | None:
        return next((job for job in self.jobs if pk is not None and job.pk == pk), None)

    def written(self, reload: Callable[[Entry], None]) -> None:
        """The person and their rows are in the database now: let go of the model
        instances, keep the profile (for matching) and the id, and on first use read back
        the rest with `reload` (which calls `read_back`)."""
        p = self.profile
        # Until read back (see `pk`, `profile`): one tuple takes a fifth of the room of the
        # profile's sets; its keys in a row, after how many are emails and how many phones.
        # The name's parts in one string, tab-separated (a part never holds whitespace
        # but the spaces of a last name of several words): a third of their room.
        parts = p.name
        name = None if parts is None else f"{parts.first}\t{parts.last}\t{parts.middle_initials}"
        emails, phones = p.emails, p.phones
        self._stored = (
            *(self.pk, name, p.linkedin, p.connected_on, len(emails), len(phones)),
            *(*emails, *phones, *p.companies),
        )
        self._profile = None
        self._person, self._jobs, self._contact_keys = None, None, None
        self.stored_jobs = ()
        self._reload = reload

    def read_back(
        self,
        values: tuple[Any, ...],
        contact_keys: set[tuple[str, str]],
        jobs: Sequence[tuple[tuple[Any, ...], Company]],
    ) -> None:
        """What `written` let go of, as read from the database."""
        self._profile = self.profile
        self._stored, self._contact_keys, self.stored_jobs = values, contact_keys, jobs

    def _read_back(self) -> None:
        if self._reload is not None:
            self._reload(self)  # `pk` reads the compact tuple until this returns
            self._reload = None


def _employment(values: tuple[Any, ...], company: Company) -> Employment:
    job = Employment.from_db(DEFAULT_DB_ALIAS, EMPLOYMENT_FIELDS, values)
    Employment._meta.get_field("company").set_cached_value(job, company)  # no query later
    return job


@dataclass(frozen=True)
class Claim:
    """What a record said about someone's job: the employer (by company key) and title."""

    company_key: str
    title: str = ""

    def same_as(self, other: Claim) -> bool:
        """Same employer, and no other title (a blank one says nothing new)."""
        titles = {self.title.casefold(), other.title.casefold()} - {""}
        return self.company_key == other.company_key and len(titles) <= 1


@dataclass(slots=True)
class Known:
    """The newest provenance of a source record from an earlier batch (or this one).

    `entry` and `employment` are filled in once the people are loaded (people_load).
    """

    entry: Entry | None = None
    employment: Employment | None = None
    claim: Claim | None = None
    conversation_id: int | None = None
    person_id: int | None = None
    employment_id: int | None = None
    digest: str = ""
    outcome: str = ""
    source_key: str = ""


@dataclass(eq=False)
class PendingMerge:
    merge: Merge
    children: list[models.Model]  # rows made from the absorbed record, now the survivor's


@dataclass
class Pending:
    """Rows to write, in the order flush.py writes them."""

    companies: list[Company] = field(default_factory=list)
    aliases: list[CompanyAlias] = field(default_factory=list)
    companies_changed: dict[int, Company] = field(default_factory=dict)
    company_fields: set[str] = field(default_factory=set)
    people: list[Person] = field(default_factory=list)
    people_changed: dict[int, Person] = field(default_factory=dict)
    person_fields: set[str] = field(default_factory=set)
    contact_points: list[ContactPoint] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    employments_changed: dict[int, Employment] = field(default_factory=dict)
    change_events: list[ChangeEvent] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    participants: list[tuple[Conversation, Person]] = field(default_factory=list)
    merges: list[PendingMerge] = field(default_factory=list)
    candidates: list[MergeCandidate] = field(default_factory=list)
    records: list[ImportRecord] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    positions_changed: dict[int, Position] = field(default_factory=dict)
    journal: list[ImportChange] = field(default_factory=list)


@dataclass
class ImportState:
    owner: User
    batch: ImportBatch
    today: dt.date
    region: str
    index: PersonIndex[Entry] = field(default_factory=PersonIndex)
    entries: dict[int, Entry] = field(default_factory=dict)  # stored people by pk
    by_name_key: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    known: dict[tuple[str, str], Known] = field(default_factory=dict)
    # The newest earlier contact record of this source behind each stored person, by pk.
    connection_rows: dict[int, Known] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)  # by name_key
    aliases: set[tuple[str, str]] = field(default_factory=set)  # (name_key, spelling)
    spellings: dict[str, str] = field(default_factory=dict)  # preferred name of new companies
    positions: dict[str, Position] = field(default_factory=dict)  # by source_key
    keep_apart: set[frozenset[int]] = field(default_factory=set)
    # Pairs already in review (`pair_of`): a tuple, a quarter of a frozenset's room.
    proposed: set[tuple[int, int]] = field(default_factory=set)
    seen: set[tuple[str, str]] = field(default_factory=set)  # source records of this import
    # The records were told from repeats before (a file read twice, see importing.py):
    # `seen` need not keep theirs, a million keys in a big file.
    deduped: bool = False
    crowded: set[str] = field(default_factory=set)  # phone keys this import gives 3+ people
    # The LinkedIn connections file that everyone in the index was made from, if one was
    # (a first export: no row of it is compared with the others, see contacts._match);
    # "" once anyone else is in it, None while nobody is.
    indexed_from: str | None = None
    people_loaded: bool = False
    # Writing in chunks (see importing.py): rows are written every so many records, and
    # this import's people are then held as entries read back on first use.
    chunked: bool = False
    held: list[Entry] = field(default_factory=list)  # entries to let go of at the next write
    # The first id this import gave each model's rows (by label): ids only grow, so a row
    # with one as high was made by this import (`made_here`).
    first_pk: dict[str, int] = field(default_factory=dict)
    company_at: dict[int, Company] = field(default_factory=dict)  # written companies by pk
    # Pairs proposed for review with someone not yet written (keyed by object, see
    # contacts.candidate_propose): keyed again by id once written.
    proposed_unwritten: list[tuple[int, int]] = field(default_factory=list)
    reviews: int = 0  # pairs proposed for review and written already
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    companies_touched: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the import left out, and why
    # Records skipped, by (block, file, reason): [count, first line]; see `skips_told`.
    skip_reasons: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    pending: Pending = field(default_factory=Pending)
    # The first PEOPLE_LISTED people created, merged and skipped, each with why (a preview
    # lists them): {"created": [{"name": …, "why": …}], …}.
    people_listed: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {"created": [], "merged": [], "skipped": []}
    )

    @cached_property  # read for every row built; a batch's kind never changes
    def kind(self) -> str:
        return self.batch.kind

    # Rows are built with ids, not objects: a foreign-key descriptor costs microseconds, and
    # an import builds a hundred thousand rows.
    # Cached: read for every row built, and both are saved before the state is made.
    @cached_property
    def owner_id(self) -> int:
        return self.owner.pk

    @cached_property
    def batch_id(self) -> int:
        return self.batch.pk

    def tally(self, block: str) -> Tally:
        return self.tallies[block]

    def list_person(self, what: str, name: str, why: str) -> None:
        """Note a person created, merged or skipped, for the preview's list (the first few)."""
        listed = self.people_listed[what]
        if len(listed) < PEOPLE_LISTED:
            listed.append({"name": name, "why": why})

    def skip(self, block: str, reason: str, file: str, line: int, count: int = 1) -> None:
        """Count records of `block` left out, and remember why to tell the user."""
        self.tally(block).skipped += count
        noted = self.skip_reasons.setdefault((block, file, reason), [0, line])
        noted[0] += count

    def source_record(self, key: str) -> str:
        return clip(Person, "source_record", f"{self.kind}:{key}")

    def add_entry(self, entry: Entry) -> None:
        pk = entry.pk
        if pk is not None:
            self.entries[pk] = entry
        if not self.chunked:  # read by a LinkedIn export's invitations, never chunked
            self.by_name_key[entry.name_key].append(entry)
        if self.indexed_from != entry.connection_file:
            self.indexed_from = entry.connection_file if self.indexed_from is None else ""
        self.index.add(entry, entry.profile)

    def add_stored(self, entries: list[Entry]) -> None:
        """`add_entry` for people read from the database (`entries` has them already),
        none made from a connections file: the same, in one loop."""
        if not entries:
            return
        if self.indexed_from != "":
            self.indexed_from = ""  # (what add_entry makes of a first "", or of another)
        add = self.index.add
        if self.chunked:
            for entry in entries:
                add(entry, entry.profile)
            return
        by_name_key = self.by_name_key
        for entry in entries:
            by_name_key[entry.name_key].append(entry)
            add(entry, entry.profile)

    def matching_done(self) -> None:
        """Let go of what records are matched against: everyone's profile, and the index."""
        self.index = PersonIndex()
        self.entries = {}
        self.indexed_from = None

    def kept_apart(self, a: Person, b: Person) -> bool:
        return frozenset({a.pk, b.pk}) in self.keep_apart

    def person_changed(self, person: Person, changes: dict[str, list[Any]]) -> None:
        """Remember to save a stored person's changed fields, and journal them."""
        if person.pk is None or not changes:
            return
        self.pending.people_changed[person.pk] = person
        self.pending.person_fields.update(changes)

    def made_here(self, obj: models.Model) -> bool:
        """Whether this import made the row (written since or not)."""
        if obj.pk is None:
            return True
        first = self.first_pk.get(obj._meta.label)
        return first is not None and obj.pk >= first

    def journal(self, obj: models.Model, changes: dict[str, list[Any]]) -> None:
        if self.made_here(obj) or not changes:
            return  # rows made by this batch go away whole on undo
        self.pending.journal.append(
            ImportChange(
                owner_id=self.owner_id,
                batch_id=self.batch_id,
                model=obj._meta.label,
                object_id=obj.pk,
                fields=jsonable(changes),
            )
        )


def pair_of(a: int, b: int) -> tuple[int, int]:
    """Two people's ids as `ImportState.proposed` keeps them (in order)."""
    return (a, b) if a <= b else (b, a)


_SKIPPED = {"people": "rows", "conversations": "conversation-days"}


def skips_told(state: ImportState) -> list[str]:
    """Why records were skipped: "messages.csv: 3 conversation-days skipped (first at line 7):
    …", one line a reason and file."""
    told = []
    for (block, file, reason), (count, line) in state.skip_reasons.items():
        noun = _SKIPPED.get(block, block)
        noun = noun if count > 1 else noun.removesuffix("s")
        at = "" if not line else f" (line {line})" if count == 1 else f" (first at line {line})"
        told.append(f"{file or 'the file'}: {count} {noun} skipped{at}: {reason}")
    return told


def contact_match_key(kind: str, value: str, region: str) -> str:
    if kind == ContactKind.EMAIL:
        return email_key(value)
    if kind == ContactKind.PHONE:
        return phone_key(value, region)
    return value.strip().casefold()


def entry_rename(
    state: ImportState, entry: Entry, *, first: str, last: str, full: str
) -> dict[str, list[Any]]:
    """Name someone known so far only by an identifier (a profile, an address, a number),
    and index them under the name; return the changes ({field: [old, new]})."""
    changes = person_rename(entry.person, first=first, last=last, full=full)
    entry_renamed(state, entry)
    return changes


def entry_renamed(state: ImportState, entry: Entry) -> None:
    """The person of `entry` has a new name: match and find them under it too."""
    person = entry.person
    named = person.first_name or person.last_name
    full = person.full_name
    entry.profile.name = name_parts(full, person.first_name, person.last_name) if named else None
    state.add_entry(entry)


def entry_add_contact(
    state: ImportState, entry: Entry, kind: str, value: str, key: str | None = None
) -> str:
    """Note that `entry` has this contact value; return its match key ("" if unusable).

    `key`: its match key, when the caller has it already."""
    if key is None:
        key = contact_match_key(kind, value, state.region)
    if key:
        entry.contact_keys.add((kind, key))
        if kind == ContactKind.EMAIL:
            entry.profile.emails.add(key)
        elif kind == ContactKind.PHONE:
            entry.profile.phones.add(key)
    return key


@lru_cache(maxsize=65536)
def company_key_of(name: str) -> str:
    """company_key of a company name as stored; cached, as cleanco costs ~100 µs a name and a
    network has far fewer employers than people."""
    return clip(Company, "name_key", company_key(clip(Company, "name", name)))


def company_key_in(state: ImportState, name: str) -> str:
    """The key of the owner's company this name is written for: its own key, or that of the
    company a name was merged into by the user (see loading._load_companies)."""
    key = company_key_of(name)
    company = state.companies.get(key)
    return company.name_key if company is not None and company.name_key else key


def preferred_spellings(names: list[str]) -> dict[str, str]:
    """For each company key, the spelling used most often ("Google" over "Google LLC")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    # Each spelling once: most are written again and again (a big employer's hundreds).
    for written, times in Counter(names).items():
        name = clip(Company, "name", written)
        if key := company_key_of(name):
            counts[key][name] += times
    return {
        key: min(spellings, key=lambda s: (-spellings[s], len(s), s))
        for key, spellings in counts.items()
    }


def company_for(state: ImportState, name: str) -> Company | None:
    """The owner's company under this name's key, made (as pending) if there is none.

    Other spellings are kept as aliases: "Google", "Google LLC" and "Google Inc." are one.
    """
    name = clip(Company, "name", name)
    key = company_key_of(name)
    if not key:
        return None
    company = state.companies.get(key)
    if company is None:
        spelling = state.spellings.get(key, name)
        company = row(
            Company, owner_id=state.owner_id, name=spelling, name_key=key, source=Source.IMPORT
        )
        state.companies[key] = company
        state.aliases.add((key, spelling))
        state.pending.companies.append(company)
        state.tally("companies").created += 1
    elif not state.made_here(company):
        state.companies_touched["seen"].add(company.pk)
    if (key, name) not in state.aliases:
        state.aliases.add((key, name))
        alias = row(CompanyAlias, owner_id=state.owner_id, company=company, name=name)
        state.pending.aliases.append(alias)
        if not state.made_here(company):
            state.companies_touched["updated"].add(company.pk)
    return company
