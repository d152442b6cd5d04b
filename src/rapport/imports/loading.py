"""Reading what an import needs from the database: once, a few queries whatever the size."""

from __future__ import annotations

import datetime as dt

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.core.text import fold
from rapport.imports.match import Profile, name_parts
from rapport.imports.match.keys import profile_key
from rapport.imports.models import (
    ImportBatch,
    ImportRecord,
    KeepApart,
    MergeCandidate,
    Position,
    RecordType,
)
from rapport.imports.session import (
    EMPLOYMENT_AT,
    EMPLOYMENT_FIELDS,
    PERSON_AT,
    PERSON_FIELDS,
    Claim,
    Entry,
    ImportState,
    Known,
    company_key_of,
    contact_match_key,
    entry_add_contact,
    pair_of,
)
from rapport.imports.write.rows import clip
from rapport.people.models import ContactPoint, Person


def state_begin(*, owner: User, batch: ImportBatch, today: dt.date, region: str) -> ImportState:
    """Read what every import needs: companies, provenance, decisions, own positions.

    The people are read by `people_load`, only when some record needs matching: a file
    imported again unchanged never does.
    """
    state = ImportState(owner=owner, batch=batch, today=today, region=region)
    _load_companies(state)
    _load_provenance(state)
    state.keep_apart = {
        frozenset(pair)
        for pair in KeepApart.objects.filter(owner=owner).values_list("person_a", "person_b")
    }
    state.proposed = {
        pair_of(a, b)
        for a, b in MergeCandidate.objects.filter(owner=owner).values_list("person_a", "person_b")
    }
    state.positions = {p.source_key: p for p in Position.objects.filter(owner=owner)}
    return state


def _load_companies(state: ImportState) -> None:
    companies = Company.objects.filter(owner=state.owner)
    state.companies = {c.name_key: c for c in companies}
    by_pk = {c.pk: c for c in state.companies.values()}
    for company_id, name in CompanyAlias.objects.filter(owner=state.owner).values_list(
        "company_id", "name"
    ):
        company = by_pk[company_id]
        state.aliases.add((company.name_key, name))
        # A name merged into another company by the user finds that company.
        key = company_key_of(name)
        state.companies.setdefault(key, company)
        state.aliases.add((key, name))
    for company in state.companies.values():
        state.aliases.add((company.name_key, company.name))


def people_load(state: ImportState) -> None:
    """Read the owner's people, contact points and current jobs into the blocking index."""
    if state.people_loaded:
        return
    state.people_loaded = True
    _load_people(state)
    for (record_type, _), known in state.known.items():
        if known.person_id is not None:
            known.entry = state.entries.get(known.person_id)
            if record_type == RecordType.CONTACT and known.claim is not None:
                state.connection_rows[known.person_id] = known


def _load_people(state: ImportState) -> None:
    owner = state.owner
    people = Person.objects.filter(owner=owner).order_by("pk").values_list(*PERSON_FIELDS)
    first, last, full = (PERSON_AT[n] for n in ("first_name", "last_name", "full_name"))
    pk, linkedin = PERSON_AT["id"], PERSON_AT["linkedin_key"]
    connected_on = PERSON_AT["connected_on"]
    for values in people:
        # As for incoming records: someone called by an address has no name to match on.
        named = values[first] or values[last]
        parts = name_parts(values[full], values[first], values[last]) if named else None
        profile = Profile(name=parts, linkedin=values[linkedin], connected_on=values[connected_on])
        state.entries[values[pk]] = Entry(profile, stored=values)
    points = ContactPoint.objects.filter(owner=owner).values_list("person_id", "kind", "value")
    for person_id, kind, value in points:
        entry_add_contact(state, state.entries[person_id], kind, value)
    companies = {c.pk: c for c in state.companies.values()}
    # Current jobs only: a closed one is never closed again, nor compared with.
    jobs = Employment.objects.filter(owner=owner, is_current=True).order_by("pk")
    person, company_id = EMPLOYMENT_AT["person_id"], EMPLOYMENT_AT["company_id"]
    for values in jobs.values_list(*EMPLOYMENT_FIELDS):
        entry, company = state.entries[values[person]], companies[values[company_id]]
        entry.stored_jobs = [*entry.stored_jobs, (values, company)]
        entry.profile.companies.add(company.name_key)
    state.add_stored(list(state.entries.values()))


def entry_read_back(state: ImportState, entry: Entry) -> None:
    """Read back a person this import wrote and let go of (Entry.written): their row,
    contact points and current jobs, as `people_load` reads everyone's."""
    pk = entry.pk
    assert pk is not None
    values = Person.objects.filter(pk=pk).values_list(*PERSON_FIELDS).get()
    points = ContactPoint.objects.filter(person_id=pk).values_list("kind", "value")
    keys = {
        (kind, key)
        for kind, value in points
        if (key := contact_match_key(kind, value, state.region))
    }
    jobs = Employment.objects.filter(person_id=pk, is_current=True).order_by("pk")
    company_id = EMPLOYMENT_AT["company_id"]
    found = [
        (job, state.company_at[job[company_id]]) for job in jobs.values_list(*EMPLOYMENT_FIELDS)
    ]
    entry.read_back(values, keys, found)
    state.held.append(entry)  # let go of again at the next write


def people_named_load(state: ImportState, who: list[tuple[str, str]]) -> None:
    """Read only the people whom these (name, profile URL) pairs could name, by profile, by
    name or by first and last names (as `invitations.entry_find` looks): everyone else's
    last name is not in theirs. Without contact points or jobs: for naming, not matching."""
    keys = {profile_key(url) for _, url in who} - {""}
    folded = {fold(clip(Person, "full_name", name)) for name, _ in who}
    lasts = {parts.last.split()[0] for name, _ in who if (parts := name_parts(name))}
    names = ("id", "linkedin_key", "name_key", "full_name", "first_name", "last_name")
    found = [
        pk
        for pk, linkedin, key, *written in Person.objects.filter(
            owner_id=state.owner_id
        ).values_list(*names)
        if linkedin in keys or key in folded or _may_be_named(key, *written, lasts=lasts)
    ]
    pk, linkedin = PERSON_AT["id"], PERSON_AT["linkedin_key"]
    first, last, full = PERSON_AT["first_name"], PERSON_AT["last_name"], PERSON_AT["full_name"]
    for start in range(0, len(found), 500):
        people = Person.objects.filter(pk__in=found[start : start + 500])
        for values in people.order_by("pk").values_list(*PERSON_FIELDS):
            named = values[first] or values[last]
            parts = name_parts(values[full], values[first], values[last]) if named else None
            entry = Entry(Profile(name=parts, linkedin=values[linkedin]), stored=values)
            state.entries[values[pk]] = entry
            state.add_entry(entry)


_NAME_KEY_ROOM = Person._meta.get_field("name_key").max_length or 0


def _may_be_named(key: str, full: str, first: str, last: str, *, lasts: set[str]) -> bool:
    """Whether one of these folded last names is written in the person's name, as the
    name key (their full name folded) shows, or else their first and last names folded.

    Folding goes letter by letter: a first and last name written inside the full name are
    folded inside its key, and are folded again only when they are not (or it was cut)."""
    if any(name in key for name in lasts):
        return True
    if first in full and last in full and len(key) < _NAME_KEY_ROOM:
        return False
    written = f"{full} {first} {last}"
    written = written.lower() if written.isascii() else fold(written)
    return any(name in written for name in lasts)


def _load_provenance(state: ImportState) -> None:
    company_keys = {c.pk: key for key, c in state.companies.items()}
    rows = (
        ImportRecord.objects.filter(owner_id=state.owner_id, source=state.kind)
        .order_by("pk")
        .values_list(
            *("record_type", "source_key", "person_id", "employment_id"),
            *("company_id", "title", "conversation_id", "digest", "outcome"),
        )
    )
    known = state.known
    for values in rows:
        record_type, key, person_id, job_id, company_id, title, talk, digest, outcome = values
        claim = Claim(company_keys[company_id], title) if company_id else None
        # Later rows (newer batches) overwrite earlier ones: the newest provenance wins.
        # (Known's fields in their order, by position: one is made for each row.)
        known[(record_type, key)] = Known(
            None, None, claim, talk, person_id, job_id, digest, outcome, key
        )
