"""Reads about conversations, always scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import Http404

from rapport.accounts.models import User
from rapport.conversations.models import (
    Channel,
    Conversation,
    Introduction,
    Outcome,
    OutcomeKind,
    Touch,
    TouchDirection,
)
from rapport.core.text import company_key, fold
from rapport.opportunities.models import Opportunity


def with_summary(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Prefetch what conversations/_summary.html reads, so a list costs a fixed number
    of queries."""
    outcomes = Outcome.objects.select_related("person", "company", "opportunity")
    return conversations.prefetch_related("participants", Prefetch("outcomes", queryset=outcomes))


def conversations_list(
    *, owner: User, channel: str = "", query: str = ""
) -> QuerySet[Conversation]:
    """Newest first; `query` matches a participant's or a discussed company's name."""
    conversations = Conversation.objects.filter(owner=owner)
    if channel in Channel.values:
        conversations = conversations.filter(channel=channel)
    if query.strip():
        matching = Conversation.objects.filter(owner=owner).filter(
            Q(participants__name_key__contains=fold(query))
            | Q(companies__name__icontains=query.strip())
            | Q(companies__name_key=company_key(query))
        )
        conversations = conversations.filter(pk__in=matching.values("pk"))
    return with_summary(conversations.order_by("-occurred_on", "-pk"))


def conversation_get(*, owner: User, pk: int) -> Conversation:
    """One conversation with everything its page shows."""
    outcomes = Outcome.objects.select_related("from_person", "person", "company", "opportunity")
    introductions = Introduction.objects.select_related("introducer", "introduced")
    conversation = (
        Conversation.objects.filter(owner=owner, pk=pk)
        .prefetch_related(
            "participants",
            "companies",
            Prefetch("outcomes", queryset=outcomes),
            Prefetch("introductions", queryset=introductions),
        )
        .first()
    )
    if conversation is None:
        raise Http404("No such conversation.")
    return conversation


def conversation_outcomes_by_kind(
    *, conversation: Conversation
) -> list[tuple[OutcomeKind, list[Outcome]]]:
    """The conversation's outcomes grouped by kind, kinds in their usual order."""
    outcomes = list(conversation.outcomes.all())
    groups = [(kind, [o for o in outcomes if o.kind == kind]) for kind in OutcomeKind]
    return [(kind, rows) for kind, rows in groups if rows]


def introduction_get(*, owner: User, pk: int) -> Introduction:
    introduction = (
        Introduction.objects.filter(owner=owner, pk=pk)
        .select_related("introducer", "introduced", "conversation")
        .first()
    )
    if introduction is None:
        raise Http404("No such introduction.")
    return introduction


def opportunity_insights(*, opportunity: Opportunity) -> QuerySet[Outcome]:
    """Insights about this opportunity, or about its company in general."""
    return (
        Outcome.objects.filter(owner=opportunity.owner, kind=OutcomeKind.INSIGHT)
        .filter(
            Q(opportunity=opportunity)
            | Q(company_id=opportunity.company_id, opportunity__isnull=True)
        )
        .select_related("from_person", "conversation")
        .order_by("-conversation__occurred_on", "-pk")
    )


def replies_since(
    *, owner: User, person_ids: Iterable[int], since: datetime
) -> dict[int, datetime]:
    """For each of these people who wrote to the user after `since` (mail captured by
    rapport.capture): when they first did. Closes an outreach attempt, for instance."""
    rows = (
        Touch.objects.filter(
            owner=owner,
            person_id__in=list(person_ids),
            direction=TouchDirection.RECEIVED,
            occurred_at__gt=since,
        )
        .values("person_id")
        .annotate(first=Min("occurred_at"))
        .order_by()
    )
    return {row["person_id"]: row["first"] for row in rows}


def touches_of(*, owner: User, person_id: int, limit: int = 10) -> list[Touch]:
    """The latest mails to and from a person (subject and date only)."""
    return list(Touch.objects.filter(owner=owner, person_id=person_id)[:limit])
