"""Writes for the playbook: answering nudges, follow-ups, settings and the calendar feed."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.conversations.models import Conversation
from rapport.conversations.services import (
    LogResult,
    OutcomeInput,
    conversation_log_result,
    touch_record,
)
from rapport.core.models import Source
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.playbook.facts import settings_for
from rapport.playbook.models import (
    FollowUp,
    FollowUpKind,
    NudgeState,
    PlaybookSettings,
    QuickLogKey,
)
from rapport.playbook.nudges import NudgeKind

MAX_SNOOZE_DAYS = 365


def _nudge_state(owner: User, key: str) -> NudgeState:
    kind = key.split(":", 1)[0]
    if kind not in {k.value for k in NudgeKind} or len(key) > 200 or ":" not in key:
        raise ValidationError({"key": "This is not a nudge Rapport knows about."})
    state, _ = NudgeState.objects.get_or_create(owner=owner, key=key)
    return state


def nudge_dismiss(*, owner: User, key: str, now: datetime | None = None) -> NudgeState:
    """Hide a nudge for good (a new situation makes a new nudge, with a new key)."""
    state = _nudge_state(owner, key)
    state.dismissed_at = now or timezone.now()
    state.save(update_fields=["dismissed_at", "updated_at"])
    return state


def nudge_snooze(*, owner: User, key: str, until: date, today: date) -> NudgeState:
    """Hide a nudge until `until`; it comes back that morning if it still applies."""
    _check_snooze(until, today)
    state = _nudge_state(owner, key)
    state.snoozed_until = until
    state.dismissed_at = None
    state.save(update_fields=["snoozed_until", "dismissed_at", "updated_at"])
    return state


def nudge_sent(
    *, owner: User, key: str, person: Person, note: str = "", now: datetime | None = None
) -> NudgeState:
    """ "I sent it": record that you wrote to the nudge's person (with what, if you say) and
    take the nudge off the list; it can be restored like a dismissed one."""
    if person.owner_id != owner.pk:
        raise ValidationError({"person": "This is not one of your contacts."})
    now = now or timezone.now()
    with transaction.atomic():
        state = nudge_dismiss(owner=owner, key=key, now=now)
        touch_record(person=person, occurred_at=now, note=note)
    return state


def nudge_restore(*, owner: User, key: str) -> NudgeState:
    """Bring back a dismissed or snoozed nudge (it shows again if it still applies)."""
    state = _nudge_state(owner, key)
    state.dismissed_at = None
    state.snoozed_until = None
    state.save(update_fields=["dismissed_at", "snoozed_until", "updated_at"])
    return state


def _check_snooze(until: date, today: date) -> None:
    if until <= today:
        raise ValidationError({"until": "Snooze until a day after today."})
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError({"until": "Snooze for a year at most."})


def followup_create(
    *,
    owner: User,
    kind: str,
    due_on: date,
    person: Person | None = None,
    opportunity: Opportunity | None = None,
    note: str = "",
    source: str = Source.MANUAL,
    source_record: str = "",
) -> FollowUp:
    for subject in (person, opportunity):
        if subject is not None and subject.owner_id != owner.pk:
            raise ValidationError("No such person or opportunity.")
    if kind not in FollowUpKind.values:
        raise ValidationError({"kind": f"Unknown kind of follow-up {kind!r}."})
    followup = FollowUp(
        owner=owner,
        kind=kind,
        due_on=due_on,
        person=person,
        opportunity=opportunity,
        note=note,
        source=source,
        source_record=source_record[:500],  # which program wrote it (Source.API)
    )
    followup.full_clean(exclude=["owner"])
    followup.save()
    return followup


def followup_done(*, followup: FollowUp, now: datetime | None = None) -> FollowUp:
    followup.done_at = now or timezone.now()
    followup.sequence += 1
    followup.save(update_fields=["done_at", "sequence", "updated_at"])
    return followup


def followup_snooze(*, followup: FollowUp, until: date, today: date) -> FollowUp:
    _check_snooze(until, today)
    followup.snoozed_until = until
    followup.sequence += 1
    followup.save(update_fields=["snoozed_until", "sequence", "updated_at"])
    return followup


def playbook_settings_save(*, settings: PlaybookSettings) -> PlaybookSettings:
    settings.full_clean(exclude=["owner"])
    settings.save()
    return settings


def feed_token_regenerate(*, owner: User) -> PlaybookSettings:
    """Give the calendar feed a new secret address; the old one stops working at once."""
    settings = settings_for(owner)
    settings.feed_token = secrets.token_urlsafe(32)
    settings.save(update_fields=["feed_token", "updated_at"])
    return settings


def feed_token_revoke(*, owner: User) -> PlaybookSettings:
    settings = settings_for(owner)
    settings.feed_token = ""
    settings.save(update_fields=["feed_token", "updated_at"])
    return settings


def nudge_versions_update(
    *, owner: User, hashes: dict[str, str], today: date
) -> dict[str, NudgeState]:
    """Record each nudge's content hash, bumping its sequence when the content changed.

    `hashes` holds every nudge the feed shows. The bookkeeping of nudges gone from it is
    dropped, unless it holds the user's answer (dismissed, or snoozed to a later day): a
    nudge that comes back starts a new event. Calendar clients only replace an event whose
    SEQUENCE went up. Four queries at most, however many nudges there are.
    """
    with transaction.atomic():
        gone = NudgeState.objects.filter(owner=owner, dismissed_at__isnull=True).exclude(
            key__in=hashes
        )
        gone.exclude(snoozed_until__gt=today).delete()
        states = {s.key: s for s in NudgeState.objects.filter(owner=owner, key__in=hashes)}
        new = [
            NudgeState(owner=owner, key=key, content_hash=digest)
            for key, digest in hashes.items()
            if key not in states
        ]
        changed = [s for s in states.values() if s.content_hash != hashes[s.key]]
        for state in changed:
            state.content_hash = hashes[state.key]
            state.sequence += 1
            state.updated_at = timezone.now()
        NudgeState.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent poll
        NudgeState.objects.bulk_update(changed, ["content_hash", "sequence", "updated_at"])
    return states | {s.key: s for s in new}


@dataclass(frozen=True)
class QuickLog:
    """What the quick log screen sends: one person, how, what came of it, and what next."""

    key: str  # the same for every send of one entry (see QuickLogKey)
    occurred_on: date
    channel: str
    person: str  # a name, or a type-ahead value ("Ana Souza (#12)")
    companies: Sequence[str] = ()
    notes: str = ""
    outcomes: Sequence[OutcomeInput] = ()
    follow_up_on: date | None = None
    next_step: str = ""


@dataclass(frozen=True)
class QuickLogResult:
    conversation: Conversation
    logged: LogResult | None  # None: this key was logged before, nothing new was written
    followup: FollowUp | None = None


def quick_log(*, owner: User, entry: QuickLog) -> QuickLogResult:
    """Log a conversation through the conversation service, and its next step as a
    follow-up; all or nothing, and once per key however often it is sent."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = QuickLogKey.objects.create(owner=owner, key=entry.key)
        except IntegrityError:
            return _logged_before(owner, entry.key)
        logged = conversation_log_result(
            owner=owner,
            occurred_on=entry.occurred_on,
            channel=entry.channel,
            participants=[entry.person],
            companies=entry.companies,
            notes=entry.notes,
            outcomes=entry.outcomes,
        )
        claim.conversation = logged.conversation
        claim.save(update_fields=["conversation", "updated_at"])
        followup = None
        if entry.follow_up_on is not None:
            followup = followup_create(
                owner=owner,
                kind=FollowUpKind.FOLLOW_UP,
                due_on=entry.follow_up_on,
                person=logged.conversation.participants.get(),
                note=entry.next_step.strip(),
            )
    return QuickLogResult(logged.conversation, logged, followup)


def _logged_before(owner: User, key: str) -> QuickLogResult:
    claim = QuickLogKey.objects.select_related("conversation").get(owner=owner, key=key)
    if claim.conversation is None:  # its conversation was deleted since
        raise ValidationError("This quick log was sent before and its conversation deleted.")
    return QuickLogResult(claim.conversation, None)
