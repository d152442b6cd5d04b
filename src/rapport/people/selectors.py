"""Reads about people, always scoped to one owner."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.core.text import fold
from rapport.people.models import Person, Tag


def person_get(*, owner: User, pk: int) -> Person:
    person = Person.objects.filter(owner=owner, pk=pk).select_related("introduced_by").first()
    if person is None:
        raise Http404("No such person.")
    return person


def tags_list(*, owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner).order_by("name")


def tag_names_by_person(*, owner: User, person_ids: Sequence[int]) -> dict[int, list[str]]:
    """The names of each person's tags, in name order (as `person.tags.all()`), read as plain
    values in one query; a person without tags is missing."""
    names: dict[int, list[str]] = defaultdict(list)
    through = Person.tags.through.objects.filter(person_id__in=person_ids, tag__owner=owner)
    for person_id, name in through.order_by("tag__name").values_list("person_id", "tag__name"):
        names[person_id].append(name)
    return names


def people_suggest(*, owner: User, query: str, limit: int = 8) -> list[Person]:
    key = fold(query)
    if not key:
        return []
    starts = Person.objects.filter(owner=owner, name_key__startswith=key)
    found = list(starts[:limit])
    if len(found) < limit:
        contains = Person.objects.filter(owner=owner, name_key__contains=f" {key}")
        found += list(contains.exclude(pk__in=[p.pk for p in found])[: limit - len(found)])
    return found


def people_named(*, owner: User, name: str, limit: int = 10) -> list[Person]:
    """The owner's people whose name is `name`, however accented or cased."""
    key = fold(name)
    if not key:
        return []
    return list(Person.objects.filter(owner=owner, name_key=key).order_by("pk")[:limit])


def person_last_contacted(*, person: Person) -> date | None:
    """The last conversation, or the last mail either way (captured from the mailbox)."""
    talked: date | None = person.conversations.aggregate(last=Max("occurred_on"))["last"]
    mailed = person.touches.aggregate(last=Max("occurred_at"))["last"]
    return later(talked, timezone.localdate(mailed) if mailed else None)


def later(a: date | None, b: date | None) -> date | None:
    """The later of two dates, either of which may be unknown."""
    return max(a, b) if a and b else a or b


def person_introduced_people(*, person: Person) -> QuerySet[Person]:
    return Person.objects.filter(owner=person.owner, introduced_by=person)
