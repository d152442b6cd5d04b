"""Reads about people, always scoped to one owner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.conversations.models import Conversation, Introduction, Outcome, OutcomeKind
from rapport.conversations.selectors import with_summary
from rapport.core.text import fold
from rapport.people.models import Person, Tag


def person_get(*, owner: User, pk: int) -> Person:
    person = Person.objects.filter(owner=owner, pk=pk).select_related("introduced_by").first()
    if person is None:
        raise Http404("No such person.")
    return person


def people_list(*, owner: User, query: str = "", tag: str = "") -> QuerySet[Person]:
    """The owner's people matching a search, by name; cheap to count and to slice.

    Per-row details (tags, current jobs, last contacted) are added to one page at a time
    by `people_add_details`, so that listing 30,000 people never aggregates all of them.
    """
    people = Person.objects.filter(owner=owner)
    query = query.strip()
    if query:
        at_company = Employment.objects.filter(owner=owner, company__name__icontains=query).values(
            "person_id"
        )
        people = people.filter(
            Q(name_key__contains=fold(query)) | Q(headline__icontains=query) | Q(pk__in=at_company)
        )
    if tag.strip():
        people = people.filter(tags__name__iexact=tag.strip())
    # (owner, name_key) is indexed: the page comes out of the index without a sort.
    return people.order_by("name_key", "pk")


def people_add_details(*, people: Sequence[Person]) -> None:
    """Give each person `tags` (prefetched), `current_jobs` and `last_contacted`."""
    if not people:
        return
    current = Employment.objects.filter(is_current=True).select_related("company")
    prefetch_related_objects(
        list(people),
        "tags",
        Prefetch("employments", queryset=current, to_attr="current_jobs"),
    )
    last = dict(
        Person.objects.filter(pk__in=[p.pk for p in people])
        .annotate(last=Max("conversations__occurred_on"))
        .values_list("pk", "last")
    )
    for person in people:
        person.last_contacted = last.get(person.pk)  # type: ignore[attr-defined]


def tags_list(*, owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner).order_by("name")


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


def person_last_contacted(*, person: Person) -> date | None:
    result: date | None = person.conversations.aggregate(last=Max("occurred_on"))["last"]
    return result


def person_introduced_people(*, person: Person) -> QuerySet[Person]:
    return Person.objects.filter(owner=person.owner, introduced_by=person)


# Outcome kinds a person gives the user; GAVE is what the user gave them.
RECEIVED_KINDS = (
    OutcomeKind.ADVICE,
    OutcomeKind.NAME,
    OutcomeKind.LEAD,
    OutcomeKind.INSIGHT,
    OutcomeKind.RECOMMEND,
    OutcomeKind.AVOID,
)


@dataclass(frozen=True)
class PersonProfile:
    """Everything the person page shows, read in a fixed number of queries."""

    person: Person
    conversations: list[Conversation]
    employments: list[Employment]
    introduced_people: list[Person]
    introductions: list[Introduction]
    received: list[Outcome]
    gave: list[Outcome]

    @property
    def last_contacted(self) -> date | None:
        return self.conversations[0].occurred_on if self.conversations else None

    @property
    def current_jobs(self) -> list[Employment]:
        return [e for e in self.employments if e.is_current]

    @property
    def former_jobs(self) -> list[Employment]:
        return [e for e in self.employments if not e.is_current]

    @property
    def introduced_without_introduction(self) -> list[Person]:
        """People whose "introduced by" names this person but who have no Introduction row."""
        with_row = {i.introduced_id for i in self.introductions}
        return [p for p in self.introduced_people if p.pk not in with_row]

    @property
    def received_by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(o.get_kind_display() for o in self.received)
        return sorted(counts.items())


def person_profile(*, person: Person) -> PersonProfile:
    owner = person.owner
    prefetch_related_objects([person], "tags", "contact_points")
    conversations = with_summary(
        Conversation.objects.filter(owner=owner, participants=person).order_by(
            "-occurred_on", "-pk"
        )
    )
    outcomes = (
        Outcome.objects.filter(owner=owner, from_person=person)
        .select_related("conversation", "person", "company", "opportunity")
        .order_by("-conversation__occurred_on", "-pk")
    )
    outcomes_list = list(outcomes)
    return PersonProfile(
        person=person,
        conversations=list(conversations),
        employments=list(
            Employment.objects.filter(owner=owner, person=person).select_related("company")
        ),
        introduced_people=list(person_introduced_people(person=person).order_by("name_key")),
        introductions=list(
            Introduction.objects.filter(owner=owner, introducer=person).select_related(
                "introduced", "conversation"
            )
        ),
        received=[o for o in outcomes_list if o.kind in RECEIVED_KINDS],
        gave=[o for o in outcomes_list if o.kind == OutcomeKind.GAVE],
    )
