"""A few more facts in the demo, so that Today shows every kind of nudge at once, and the
playbook's first rule first: a lead saved weeks ago at a company where you know someone
you have not talked to ("Talk to someone at Brightline Health before applying")."""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta

from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import company_find_or_create, company_set_target, employment_add
from rapport.conversations.models import Meeting, OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.core.models import Source
from rapport.imports.models import ChangeEvent
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_create, person_save, person_set_contact_points

CONNECT_LEAD_AGE = 20  # days since the Brightline lead was saved: its nudge is the most overdue


def nudge_examples_load(*, owner: User, today: date, talker: Person) -> None:
    """Connect-before-apply (first) on a posting that closes soon, a target with nobody
    there, a job change, a meeting tomorrow and a name given two days ago by `talker`."""
    brightline, _ = company_find_or_create(
        owner=owner, name="Brightline Health", source=Source.DEMO
    )
    marta = _person(owner, "Marta Kowalczyk", "Data Lead at Brightline Health", "Leeds")
    employment_add(person=marta, company=brightline, title="Data Lead", source=Source.DEMO)
    lead = opportunity_create(
        owner=owner,
        company=brightline,
        title="Data Analyst",
        deadline=today + timedelta(days=3),  # and the posting closes soon
        source=Source.DEMO,
    )
    saved = timezone.now() - timedelta(days=CONNECT_LEAD_AGE)
    Opportunity.objects.filter(pk=lead.pk).update(created_at=saved, stage_changed_at=saved)
    ChangeEvent.objects.create(
        owner=owner,
        person=marta,
        occurred_on=today - timedelta(days=6),
        new_company=brightline,
        new_title="Data Lead",
    )
    _meeting_tomorrow(owner, today, marta)
    lumen, _ = company_find_or_create(owner=owner, name="Lumen Labs", source=Source.DEMO)
    targets = Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET).count()
    company_set_target(
        company=lumen,
        status=TargetStatus.TARGET,
        reason="Learning analytics, growing fast",
        priority=targets + 1,
    )
    conversation_log(
        owner=owner,
        occurred_on=today - timedelta(days=2),
        channel="call",
        participants=[talker.full_name],
        outcomes=[
            OutcomeInput(
                kind=OutcomeKind.NAME,
                person="Jonas Berg",
                company="Larkspur Publishing",
                title="Head of Analytics",
                text="Hiring next quarter; likes a short note first",
            )
        ],
        source=Source.DEMO,
    )
    jonas = Person.objects.get(owner=owner, full_name="Jonas Berg")
    jonas.headline, jonas.location = "Head of Analytics at Larkspur Publishing", "London"
    person_save(person=jonas)
    person_set_contact_points(
        person=jonas, values=["jonas.berg@larkspur.example"], source=Source.DEMO
    )


def _person(owner: User, name: str, headline: str, location: str) -> Person:
    person = person_create(
        owner=owner, full_name=name, headline=headline, location=location, source=Source.DEMO
    )
    email = name.lower().replace(" ", ".") + "@brightline.example"
    person_set_contact_points(person=person, values=[email], source=Source.DEMO)
    return person


def _meeting_tomorrow(owner: User, today: date, person: Person) -> None:
    starts = dt.datetime.combine(today + timedelta(days=1), dt.time(10), tzinfo=dt.UTC)
    meeting = Meeting.objects.create(
        owner=owner, starts_at=starts, title="Coffee with Marta", key="demo:coffee-with-marta"
    )
    meeting.people.add(person)
