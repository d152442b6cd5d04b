"""Reads for capture: the inbox of suggestions, its count, the sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from rapport.accounts.models import User
from rapport.capture.models import (
    CaptureSettings,
    Source,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)


@dataclass(frozen=True)
class Inbox:
    due: list[Suggestion]  # to confirm now, newest first
    upcoming: list[Suggestion]  # meetings still ahead, soonest first


def _pending(owner: User) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(owner=owner, status=SuggestionStatus.PENDING)


def _due(now: datetime) -> Q:
    """Conversations once they have happened; the rest (people, stages) at once."""
    return ~Q(kind=SuggestionKind.CONVERSATION) | Q(occurred_at__lte=now)


def inbox_get(*, owner: User, now: datetime) -> Inbox:
    rows = _pending(owner).select_related("source", "opportunity__company")
    rows = rows.prefetch_related("people")
    due = list(rows.filter(_due(now)).order_by("-occurred_at", "-pk"))
    upcoming = list(rows.exclude(_due(now)).order_by("occurred_at", "pk"))
    return Inbox(due, upcoming)


def inbox_count(*, owner: User, now: datetime) -> int:
    return _pending(owner).filter(_due(now)).count()


def suggestion_get(*, owner: User, pk: int) -> Suggestion:
    found = Suggestion.objects.filter(owner=owner, pk=pk).select_related("opportunity").first()
    if found is None:
        raise Http404("No such suggestion.")
    return found


def suggestions_pending(*, owner: User, pks: list[int]) -> list[Suggestion]:
    return list(_pending(owner).filter(pk__in=pks))


def sources_list(*, owner: User) -> list[Source]:
    return list(Source.objects.filter(owner=owner).order_by("kind", "name", "pk"))


def source_get(*, owner: User, pk: int) -> Source:
    found = Source.objects.filter(owner=owner, pk=pk).first()
    if found is None:
        raise Http404("No such source.")
    return found


def capture_settings_get(*, owner: User) -> CaptureSettings:
    found, _ = CaptureSettings.objects.get_or_create(owner=owner)
    return found


def suggestion_as_dict(suggestion: Suggestion) -> dict[str, object]:
    """One suggestion in `rapport inbox --json`."""
    return {
        "id": suggestion.pk,
        "kind": suggestion.kind,
        "title": suggestion.title,
        "date": suggestion.occurred_at.date().isoformat(),
        "people": [p.full_name for p in suggestion.people.all()],
        "source": str(suggestion.source) if suggestion.source else "",
        "reason": suggestion.reason,
    }
