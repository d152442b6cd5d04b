"""The user's answer to a suggestion: accept it (through the service that would have
recorded it by hand) or dismiss it. Either way it never comes back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.capture.models import Suggestion, SuggestionKind, SuggestionStatus
from rapport.conversations.services import LogResult, OutcomeInput, conversation_log_result
from rapport.opportunities.models import Stage
from rapport.opportunities.services import opportunity_move
from rapport.people.models import Person
from rapport.people.services import person_create, person_ref, person_set_contact_points


def _pending(suggestion: Suggestion) -> Suggestion:
    fresh = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not fresh.is_pending:
        raise ValidationError(f"This suggestion was already {fresh.get_status_display().lower()}.")
    return fresh


def _decide(suggestion: Suggestion, status: str, **fields: Any) -> None:
    suggestion.status = status
    suggestion.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(suggestion, name, value)
    suggestion.save(update_fields=["status", "decided_at", *fields, "updated_at"])


def log_prefill(*, suggestion: Suggestion) -> dict[str, Any]:
    """The log form's initial values for a conversation suggestion."""
    people = list(suggestion.people.all().order_by("full_name", "pk"))
    return {
        "occurred_on": timezone.localdate(suggestion.occurred_at),
        "channel": suggestion.channel,
        "participants": [person_ref(p) for p in people],
    }


def suggestion_log(
    *,
    suggestion: Suggestion,
    owner: User,
    occurred_on: date,
    channel: str,
    participants: Sequence[str],
    companies: Sequence[str] = (),
    notes: str = "",
    outcomes: Sequence[OutcomeInput] = (),
) -> LogResult:
    """Accept a conversation suggestion by logging the conversation (as the log form does)."""
    if suggestion.kind != SuggestionKind.CONVERSATION or suggestion.owner_id != owner.pk:
        raise ValidationError("Only one of your conversation suggestions is logged.")
    with transaction.atomic():
        fresh = _pending(suggestion)
        result = conversation_log_result(
            owner=fresh.owner,
            occurred_on=occurred_on,
            channel=channel,
            participants=participants,
            companies=companies,
            notes=notes,
            outcomes=outcomes,
        )
        _decide(fresh, SuggestionStatus.ACCEPTED, conversation=result.conversation)
    return result


def suggestion_accept(*, suggestion: Suggestion) -> Any:
    """Accept as suggested: log the conversation, add the person, or move the application.
    Returns what was made (a LogResult, a Person or an Opportunity)."""
    if suggestion.kind == SuggestionKind.CONVERSATION:
        prefill = log_prefill(suggestion=suggestion)
        return suggestion_log(suggestion=suggestion, owner=suggestion.owner, **prefill)
    with transaction.atomic():
        fresh = _pending(suggestion)
        if fresh.kind == SuggestionKind.NEW_PERSON:
            made: Any = _add_person(fresh)
        elif fresh.kind == SuggestionKind.STAGE and fresh.opportunity is not None:
            made = opportunity_move(opportunity=fresh.opportunity, stage=fresh.stage)
        else:
            raise ValidationError("This suggestion can no longer be applied.")
        _decide(fresh, SuggestionStatus.ACCEPTED)
    return made


def _add_person(suggestion: Suggestion) -> Person:
    email = str(suggestion.payload.get("email", ""))
    name = str(suggestion.payload.get("name", "")).strip() or email.partition("@")[0]
    person = person_create(owner=suggestion.owner, full_name=name)
    person_set_contact_points(person=person, values=[email])
    return person


def suggestion_dismiss(*, suggestion: Suggestion) -> None:
    with transaction.atomic():
        _decide(_pending(suggestion), SuggestionStatus.DISMISSED)


def suggestions_dismiss(*, suggestions: Iterable[Suggestion]) -> int:
    """Dismiss several at once (those still pending); returns how many."""
    count = 0
    with transaction.atomic():
        for suggestion in suggestions:
            if suggestion.is_pending:
                suggestion_dismiss(suggestion=suggestion)
                count += 1
    return count


def suggestion_edit_person(*, suggestion: Suggestion, name: str, email: str) -> Suggestion:
    """Correct the name or address of someone to add, before accepting."""
    if suggestion.kind != SuggestionKind.NEW_PERSON or not suggestion.is_pending:
        raise ValidationError("Only a pending new person can be edited.")
    suggestion.payload = {"name": name.strip(), "email": email.strip()}
    suggestion.title = f"Add {name.strip()} ({email.strip()})"
    suggestion.save(update_fields=["payload", "title", "updated_at"])
    return suggestion


def suggestion_edit_stage(*, suggestion: Suggestion, stage: str) -> Suggestion:
    """Choose another stage to move the application to, before accepting."""
    if suggestion.kind != SuggestionKind.STAGE or not suggestion.is_pending:
        raise ValidationError("Only a pending stage can be edited.")
    if stage not in Stage.values:
        raise ValidationError(f"Unknown stage {stage!r}.")
    suggestion.stage = stage
    label = suggestion.title.rpartition(":")[0] or suggestion.title
    suggestion.title = f"{label}: {Stage(stage).label}"
    suggestion.save(update_fields=["stage", "title", "updated_at"])
    return suggestion
