"""What a merge keeps: one policy for every merge, an import's and the user's.

Two records of one person become one person. The survivor keeps every value it has and
gains what only the other had:
- a survivor known only by an identifier (a profile, an address, a number, as a message
  without names leaves it) takes the other's real name;
- an empty field takes the other's value; the LinkedIn profile comes with its key, unless
  that profile is someone else's;
- both notes are kept, the other's below the survivor's;
- the keep-in-touch cadence and who introduced them, when the survivor has none (and
  nobody introduces themselves).
"""

from __future__ import annotations

from typing import Any

from rapport.core.text import fold
from rapport.imports.write.rows import clip
from rapport.people.models import Person

FILLED = ("headline", "location", "how_we_met", "connected_on")

Changes = dict[str, list[Any]]  # {field: [value before, value after]}


def person_fill(*, survivor: Person, other: Person, profile_free: bool = True) -> Changes:
    """Give `survivor` what only `other` has (see the module), in place; return the changes.

    `profile_free` is False when `other`'s LinkedIn profile belongs to a third person.
    """
    changes: Changes = {}

    def change(name: str, value: Any) -> None:
        if getattr(survivor, name) != value:
            changes[name] = [getattr(survivor, name), value]
            setattr(survivor, name, value)

    if is_identifier_only(survivor) and (other.first_name or other.last_name):
        changes |= person_rename(
            survivor, first=other.first_name, last=other.last_name, full=other.full_name
        )
    for name in FILLED:
        if getattr(other, name) and not getattr(survivor, name):
            change(name, getattr(other, name))
    if other.linkedin_url and not survivor.linkedin_url and profile_free:
        change("linkedin_key", other.linkedin_key)
        change("linkedin_url", other.linkedin_url)
    if other.notes and other.notes not in survivor.notes:
        change("notes", f"{survivor.notes}\n\n{other.notes}".strip())
    if survivor.cadence_days is None and other.cadence_days is not None:
        change("cadence_days", other.cadence_days)
    introducer = other.introduced_by_id
    if other.pk is not None and survivor.introduced_by_id == other.pk:
        change("introduced_by_id", None)  # they would introduce themselves
    elif survivor.introduced_by_id is None and introducer not in (None, survivor.pk):
        change("introduced_by_id", introducer)
    return changes


def person_rename(person: Person, *, first: str, last: str, full: str) -> Changes:
    """Name `person` (in place, name key included); return the changes."""
    names = {
        "first_name": first,
        "last_name": last,
        "full_name": full,
        "name_key": clip(Person, "name_key", fold(full)),
    }
    changes = {f: [getattr(person, f), v] for f, v in names.items() if getattr(person, f) != v}
    for attname, value in names.items():
        setattr(person, attname, value)
    return changes


def is_identifier_only(person: Person) -> bool:
    """Known only by a profile, an address or a number: no name of their own yet."""
    if person.first_name or person.last_name:
        return False
    return (
        person.full_name == person.linkedin_key
        or "@" in person.full_name
        or not any(char.isalpha() for char in person.full_name)  # a phone number
    )
