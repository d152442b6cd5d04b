"""Reads of the api app: its tokens, and rows as the API shows them, read as plain values
(a page of 50 people is four queries and no model objects)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F, QuerySet

from rapport.accounts.models import User
from rapport.api.models import ApiToken
from rapport.companies.selectors import jobs_by_person
from rapport.core.text import fold
from rapport.people.models import ContactPoint, Person
from rapport.people.selectors import tag_names_by_person

PERSON_FIELDS = (
    "id",
    "full_name",
    "headline",
    "location",
    "linkedin_url",
    "relationship",
    "introduced_by_id",
)


def tokens_list(*, owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens, live ones first, newest first."""
    return ApiToken.objects.filter(owner=owner).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )


def people_page(*, owner: User, q: str, after: int, limit: int) -> dict[str, Any]:
    """The owner's people after id `after`, in id order, at most `limit`, with the cursor of
    the next page; `q` keeps those whose name contains it (letters folded as everywhere)."""
    rows = Person.objects.filter(owner=owner, pk__gt=after)
    if q.strip():
        rows = rows.filter(name_key__contains=fold(q))
    page = list(rows.order_by("pk").values(*PERSON_FIELDS)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": people_out(owner=owner, people=page),
        "next": str(page[-1]["id"]) if more else None,
    }


def person_data(*, owner: User, pk: int) -> dict[str, Any] | None:
    found = list(Person.objects.filter(owner=owner, pk=pk).values(*PERSON_FIELDS))
    return people_out(owner=owner, people=found)[0] if found else None


def people_out(*, owner: User, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`people` (values of PERSON_FIELDS) with their tags, contact points and jobs."""
    ids = [person["id"] for person in people]
    tags = tag_names_by_person(owner=owner, person_ids=ids)
    points: dict[int, list[dict[str, str]]] = defaultdict(list)
    for person_id, kind, label, value in (
        ContactPoint.objects.filter(owner=owner, person_id__in=ids)
        .order_by("kind", "pk")
        .values_list("person_id", "kind", "label", "value")
    ):
        points[person_id].append({"kind": kind, "label": label, "value": value})
    jobs = jobs_by_person(owner=owner, person_ids=ids)
    return [
        {
            **person,
            "tags": sorted(tags.get(person["id"], [])),
            "contact_points": points[person["id"]],
            "jobs": jobs.get(person["id"], []),
        }
        for person in people
    ]
