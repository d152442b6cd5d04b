"""Logging a conversation: the one write that turns talk into people, leads and targets."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import (
    company_find_or_create,
    company_set_target,
    employment_add,
)
from rapport.conversations.models import (
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
    Touch,
    TouchDirection,
)
from rapport.core.models import Source
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_match, person_ref, person_resolve

# A type-ahead value ("Ana Souza (#12)") points at one person by id; see people.services.
_REF = re.compile(r"\(#\d+\)\s*$")


@dataclass(frozen=True)
class OutcomeInput:
    """One outcome as typed in the log form. Names are resolved (or created) when logged."""

    kind: str
    text: str = ""
    from_person: str = ""  # who it came from; defaults to the first participant
    person: str = ""  # NAME: who was named
    company: str = ""  # LEAD, INSIGHT, RECOMMEND, AVOID; NAME: where the person works
    title: str = ""  # LEAD: the job title; INSIGHT: an opportunity's title at the company;
    # NAME: the person's job title at `company`
    advertised: bool = False  # LEAD


_NEEDS_COMPANY = {OutcomeKind.LEAD, OutcomeKind.RECOMMEND, OutcomeKind.AVOID}


def outcome_input_errors(outcome: OutcomeInput) -> dict[str, str]:
    """Field errors for one outcome row, in the words of the form."""
    errors: dict[str, str] = {}
    if outcome.kind not in OutcomeKind.values:
        errors["kind"] = "Choose what kind of outcome this is."
    if outcome.kind == OutcomeKind.NAME and not outcome.person.strip():
        errors["person"] = "Who were you told to talk to?"
    if outcome.kind in _NEEDS_COMPANY and not outcome.company.strip():
        errors["company"] = "Which company?"
    if outcome.kind == OutcomeKind.INSIGHT and not (
        outcome.company.strip() or outcome.text.strip()
    ):
        errors["text"] = "What did you learn, and about which company?"
    if outcome.kind in {OutcomeKind.ADVICE, OutcomeKind.GAVE} and not outcome.text.strip():
        errors["text"] = "Write down what it was."
    return errors


@dataclass
class LogResult:
    """A logged conversation and what it created, for the confirmation the user reads."""

    conversation: Conversation
    outcomes: list[Outcome] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    new_companies: list[Company] = field(default_factory=list)

    def outcomes_of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == kind]


def conversation_log(
    *,
    owner: User,
    occurred_on: date,
    channel: str,
    participants: Sequence[str],
    companies: Sequence[str] = (),
    notes: str = "",
    outcomes: Sequence[OutcomeInput] = (),
    source: str = Source.MANUAL,
    source_record: str = "",
) -> Conversation:
    """Record a conversation and apply every outcome, all or nothing."""
    return conversation_log_result(
        owner=owner,
        occurred_on=occurred_on,
        channel=channel,
        participants=participants,
        companies=companies,
        notes=notes,
        outcomes=outcomes,
        source=source,
        source_record=source_record,
    ).conversation


def conversation_log_result(
    *,
    owner: User,
    occurred_on: date,
    channel: str,
    participants: Sequence[str],
    companies: Sequence[str] = (),
    notes: str = "",
    outcomes: Sequence[OutcomeInput] = (),
    source: str = Source.MANUAL,
    source_record: str = "",
) -> LogResult:
    """Like conversation_log, and also say which outcomes, people and companies it made.

    Errors are keyed "participants" or "outcome N" (N counts from 1), so a form can put
    them next to the row they are about.
    """
    names = [p.strip() for p in participants if p.strip()]
    if not names:
        raise ValidationError({"participants": "Who did you talk to? Add at least one person."})
    for index, outcome in enumerate(outcomes):
        if errors := outcome_input_errors(outcome):
            raise ValidationError({f"outcome {index + 1}": list(errors.values())})
    with transaction.atomic():
        conversation = Conversation(
            owner=owner,
            occurred_on=occurred_on,
            channel=channel,
            notes=notes,
            source=source,
            source_record=source_record[:500],  # which program wrote it (Source.API)
        )
        conversation.full_clean(exclude=["owner"])
        conversation.save()
        result = LogResult(conversation=conversation)
        try:
            people = _resolve_participants(owner, names, source, result)
        except ValidationError as error:
            raise ValidationError({"participants": error.messages}) from error
        conversation.participants.set(people)
        _introductions_met(owner, people, occurred_on)
        conversation.companies.set(
            _company(owner, name, source, result)
            for name in dict.fromkeys(c.strip() for c in companies if c.strip())
        )
        for index, outcome in enumerate(outcomes):
            try:
                result.outcomes.append(_outcome_store(outcome, people[0], result))
            except ValidationError as error:
                raise ValidationError({f"outcome {index + 1}": error.messages}) from error
    return result


@dataclass(frozen=True)
class OutcomeEdit:
    """One outcome row of the edit form: an outcome logged earlier (`pk`) as it now reads,
    or a new one (`pk` None); `remove` drops it."""

    outcome: OutcomeInput
    pk: int | None = None
    remove: bool = False


def outcome_as_input(outcome: Outcome) -> OutcomeInput:
    """An outcome as the log form would have typed it (people by reference)."""
    return OutcomeInput(
        kind=outcome.kind,
        text=outcome.text,
        from_person=person_ref(outcome.from_person) if outcome.from_person else "",
        person=person_ref(outcome.person) if outcome.person else "",
        company=outcome.company.name if outcome.company else "",
        title=outcome.opportunity.title if outcome.opportunity else "",
        advertised=outcome.opportunity.advertised if outcome.opportunity else False,
    )


def conversation_update(
    *,
    conversation: Conversation,
    occurred_on: date,
    channel: str,
    participants: Sequence[str],
    companies: Sequence[str] = (),
    notes: str = "",
    outcomes: Sequence[OutcomeEdit] = (),
) -> LogResult:
    """Change a logged conversation: its date, channel, people, companies, notes and
    outcomes, all or nothing, with the same checks as logging it.

    An outcome whose text alone changed keeps what it made; a lead's new title or
    "advertised" changes its opportunity; one that now names another person or company is
    applied again, like a new one. A removed outcome goes, and what it made stays (as when
    a conversation is deleted). Errors are keyed like `conversation_log_result`'s.
    """
    names = [p.strip() for p in participants if p.strip()]
    if not names:
        raise ValidationError({"participants": "Who did you talk to? Add at least one person."})
    for index, edit in enumerate(outcomes):
        if not edit.remove and (errors := outcome_input_errors(edit.outcome)):
            raise ValidationError({f"outcome {index + 1}": list(errors.values())})
    with transaction.atomic():
        conversation.occurred_on, conversation.channel = occurred_on, channel
        conversation.notes = notes
        conversation.full_clean(exclude=["owner"])
        conversation.save()
        result = LogResult(conversation=conversation)
        try:
            people = _resolve_participants(conversation.owner, names, Source.MANUAL, result)
        except ValidationError as error:
            raise ValidationError({"participants": error.messages}) from error
        conversation.participants.set(people)
        _introductions_met(conversation.owner, people, occurred_on)
        conversation.companies.set(
            _company(conversation.owner, name, Source.MANUAL, result)
            for name in dict.fromkeys(c.strip() for c in companies if c.strip())
        )
        for index, edit in enumerate(outcomes):
            try:
                _outcome_edit(edit, people[0], result)
            except ValidationError as error:
                raise ValidationError({f"outcome {index + 1}": error.messages}) from error
    return result


def _outcome_edit(edit: OutcomeEdit, default_from: Person, result: LogResult) -> None:
    conversation = result.conversation
    if edit.pk is None:
        if not edit.remove:
            result.outcomes.append(_outcome_store(edit.outcome, default_from, result))
        return
    row = (
        conversation.outcomes.select_related("from_person", "person", "company", "opportunity")
        .filter(pk=edit.pk)
        .first()
    )
    if row is None:
        raise ValidationError("This outcome is not part of the conversation any more.")
    if edit.remove:
        row.delete()
        return
    before, after = outcome_as_input(row), edit.outcome
    same = replace(after, text=before.text, title=before.title, advertised=before.advertised)
    retitled = after.title != before.title and row.kind != OutcomeKind.LEAD
    if same != before or retitled:
        row.delete()
        result.outcomes.append(_outcome_store(after, default_from, result))
        return
    row.text = after.text.strip()
    row.save(update_fields=["text", "updated_at"])
    if row.opportunity is not None and row.kind == OutcomeKind.LEAD:
        lead = row.opportunity
        lead.title = after.title.strip() or lead.title
        lead.advertised = after.advertised
        lead.save(update_fields=["title", "advertised", "updated_at"])
    result.outcomes.append(row)


def person_reference_error(*, owner: User, text: str) -> str:
    """Why `text` cannot name one of the owner's people ("" if it can, or is a new name).

    Lets a form flag the exact field before anything is written; the same rules as
    person_resolve.
    """
    text = text.strip()
    if not text:
        return ""
    match = person_match(owner=owner, text=text)
    if match.ambiguous:
        return f"Several people are called {text!r}: pick one from the suggestions."
    if match.person is None and _REF.search(text):
        return f"{text!r} is not one of your contacts."
    return ""


def _resolve_participants(
    owner: User, names: Sequence[str], source: str, result: LogResult
) -> list[Person]:
    people: list[Person] = []
    for name in names:
        person, created = person_resolve(owner=owner, text=name, source=source)
        if created:
            result.new_people.append(person)
        if person not in people:
            people.append(person)
    return people


def _company(owner: User, name: str, source: str, result: LogResult) -> Company:
    company, created = company_find_or_create(owner=owner, name=name, source=source)
    if created:
        result.new_companies.append(company)
    return company


def outcome_apply(
    *, conversation: Conversation, outcome: OutcomeInput, default_from: Person
) -> Outcome:
    """Store one outcome and make what it implies: a person, a lead, a target, an avoid."""
    return _outcome_store(outcome, default_from, LogResult(conversation=conversation))


def conversation_add_outcome(*, conversation: Conversation, outcome: OutcomeInput) -> Outcome:
    """Add an outcome to a conversation logged earlier; it comes from the first participant
    listed (by name) unless it says otherwise."""
    first = conversation.participants.first()
    if first is None:
        raise ValidationError("This conversation has no participants to credit.")
    with transaction.atomic():
        return outcome_apply(conversation=conversation, outcome=outcome, default_from=first)


def _made_source(conversation: Conversation) -> str:
    """The source of rows an outcome creates: demo and imported data stay recognisable."""
    if conversation.source in {Source.DEMO, Source.IMPORT}:
        return conversation.source
    return Source.CONVERSATION


def _outcome_store(outcome: OutcomeInput, default_from: Person, result: LogResult) -> Outcome:
    """outcome_apply, noting in `result` the people and companies it had to create."""
    conversation = result.conversation
    owner = conversation.owner
    source = _made_source(conversation)
    if errors := outcome_input_errors(outcome):
        raise ValidationError(list(errors.values()))
    from_person = default_from
    if outcome.from_person.strip():
        from_person, created = person_resolve(owner=owner, text=outcome.from_person, source=source)
        if created:
            result.new_people.append(from_person)
    row = Outcome(
        owner=owner,
        conversation=conversation,
        kind=outcome.kind,
        text=outcome.text.strip(),
        from_person=from_person,
    )
    if outcome.company.strip():
        row.company = _company(owner, outcome.company, source, result)
    if outcome.kind == OutcomeKind.NAME:
        row.person, created = _apply_name(conversation, outcome.person, from_person)
        if created:
            result.new_people.append(row.person)
        if row.company is not None:
            _works_at(row.person, row.company, outcome.title.strip(), source)
    elif outcome.kind == OutcomeKind.LEAD:
        assert row.company is not None
        row.opportunity = opportunity_create(
            owner=owner,
            company=row.company,
            title=outcome.title.strip() or "Role to be defined",
            advertised=outcome.advertised,
            source_person=from_person,
            source_conversation_id=conversation.pk,
            description=outcome.text.strip(),
            source=source,
        )
    elif outcome.kind == OutcomeKind.INSIGHT and row.company and outcome.title.strip():
        row.opportunity = _opportunity_named(row.company, outcome.title)
    elif outcome.kind in {OutcomeKind.RECOMMEND, OutcomeKind.AVOID}:
        assert row.company is not None
        _apply_target(conversation, row.company, outcome, from_person)
    row.save()
    return row


def _apply_name(conversation: Conversation, name: str, introducer: Person) -> tuple[Person, bool]:
    person, created = person_resolve(
        owner=conversation.owner,
        text=name,
        introduced_by=introducer,
        source=_made_source(conversation),
    )
    if person == introducer:
        raise ValidationError(f"{introducer} cannot introduce you to themselves.")
    if not created and person.introduced_by_id is None:
        person.introduced_by = introducer
        person.save(update_fields=["introduced_by", "updated_at"])
    Introduction.objects.get_or_create(
        owner=conversation.owner,
        introducer=introducer,
        introduced=person,
        defaults={"conversation": conversation, "state": IntroductionState.OFFERED},
    )
    return person, created


def _works_at(person: Person, company: Company, title: str, source: str) -> None:
    """A name given with a company (and title): where they work now, so warm paths count
    them. A job already known there keeps its title unless it had none."""
    job = person.employments.filter(company=company, is_current=True).first()
    if job is None:
        employment_add(person=person, company=company, title=title, source=source)
    elif title and not job.title:
        job.title = title
        job.save(update_fields=["title", "updated_at"])


def _introductions_met(owner: User, people: Sequence[Person], on: date) -> None:
    """Talking to someone you were introduced to means you met: their introductions
    offered or made on or before `on` are marked met (no need to say so by hand)."""
    Introduction.objects.filter(
        owner=owner,
        introduced__in=people,
        state__in=[IntroductionState.OFFERED, IntroductionState.MADE],
    ).filter(Q(conversation__isnull=True) | Q(conversation__occurred_on__lte=on)).update(
        state=IntroductionState.MET, updated_at=timezone.now()
    )


def _opportunity_named(company: Company, title: str) -> Opportunity | None:
    return Opportunity.objects.filter(
        owner=company.owner, company=company, title__iexact=title.strip()
    ).first()


def _apply_target(
    conversation: Conversation, company: Company, outcome: OutcomeInput, by: Person
) -> None:
    status = TargetStatus.TARGET if outcome.kind == OutcomeKind.RECOMMEND else TargetStatus.AVOID
    company_set_target(
        company=company,
        status=status,
        reason=outcome.text.strip(),
        by=by,
        priority=company.priority,
        conversation_id=conversation.pk,
    )


def introduction_set_state(*, introduction: Introduction, state: str) -> Introduction:
    if state not in IntroductionState.values:
        raise ValidationError({"state": f"Unknown state {state!r}."})
    introduction.state = state
    introduction.save(update_fields=["state", "updated_at"])
    return introduction


def conversation_delete(*, conversation: Conversation) -> None:
    """Delete the conversation and its outcomes; people, leads and targets it created stay."""
    conversation.delete()


def touch_record(*, person: Person, occurred_at: datetime, note: str = "") -> Touch:
    """Note that you wrote to `person` (a message sent outside Rapport's mail capture):
    it counts as contact, like a captured mail you sent. `note`: what it was, if you say."""
    touch = Touch(
        owner=person.owner,
        person=person,
        occurred_at=occurred_at,
        direction=TouchDirection.SENT,
        subject=note.strip(),
        key=f"manual:{secrets.token_hex(16)}",
    )
    touch.full_clean(exclude=["owner"])
    touch.save()
    return touch
