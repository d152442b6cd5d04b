"""Load the demo network for a new user, through the same services the app itself uses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.services import (
    company_save,
    company_set_referral_protocol,
    company_set_target,
    employment_add,
)
from rapport.conversations.models import Conversation, Introduction
from rapport.conversations.services import conversation_log, introduction_set_state
from rapport.core.models import Source
from rapport.demo.cast import COMPANIES, OWN_TARGETS, PEOPLE, CompanySeed, Job, PersonSeed
from rapport.demo.nudges import nudge_examples_load
from rapport.demo.progress import (
    INTRODUCTIONS,
    MOTIVATION,
    OPPORTUNITIES,
    OUTREACH,
    POSTINGS,
    PRIORITIES,
    REFERRAL_PROTOCOLS,
    OpportunitySeed,
    OutreachSeed,
    PostingSeed,
    ReferralSeed,
)
from rapport.demo.story import CONVERSATIONS
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create, opportunity_move, opportunity_save
from rapport.outreach.services import attempt_record, attempt_reply_noted, motivation_set
from rapport.people.models import Person, Relationship
from rapport.people.services import person_save, person_set_contact_points, person_set_tags

DEMO_SEED = 20240917


@dataclass(frozen=True)
class DemoSummary:
    people: int
    companies: int
    conversations: int
    opportunities: int

    def __str__(self) -> str:
        return (
            f"{self.people} people, {self.companies} companies, "
            f"{self.conversations} conversations, {self.opportunities} opportunities"
        )


@dataclass
class _Loader:
    owner: User
    today: date
    rng: random.Random

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def years_ago(self, years: int) -> date:
        # A seeded wobble so that start dates do not all fall on today's day of the year.
        return self.days_ago(years * 365 + self.rng.randint(0, 150))

    def company(self, name: str) -> Company:
        return Company.objects.get(owner=self.owner, name=name)

    def person(self, name: str) -> Person:
        return Person.objects.get(owner=self.owner, full_name=name)


def demo_network_load(*, owner: User, today: date, seed: int = DEMO_SEED) -> DemoSummary:
    """Fill a new user's empty database with the example network; all or nothing."""
    loader = _Loader(owner=owner, today=today, rng=random.Random(seed))
    with transaction.atomic():
        if _has_data(owner):
            raise ValidationError(
                "The demo is for a new, empty network, and this one already has people or "
                "companies. Nothing was changed."
            )
        _load_cast(loader)
        _load_story(loader)
        _load_progress(loader)
        nudge_examples_load(owner=owner, today=today, talker=loader.person(PEOPLE[0].name))
    return demo_summary(owner=owner)


def demo_summary(*, owner: User) -> DemoSummary:
    return DemoSummary(
        people=Person.objects.filter(owner=owner).count(),
        companies=Company.objects.filter(owner=owner).count(),
        conversations=Conversation.objects.filter(owner=owner).count(),
        opportunities=Opportunity.objects.filter(owner=owner).count(),
    )


def _has_data(owner: User) -> bool:
    return (
        Person.objects.filter(owner=owner).exists() or Company.objects.filter(owner=owner).exists()
    )


def _load_cast(loader: _Loader) -> None:
    for company in COMPANIES:
        _add_company(loader, company)
    for name, priority, reason in OWN_TARGETS:
        company_set_target(
            company=loader.company(name),
            status=TargetStatus.TARGET,
            reason=reason,
            priority=priority,
        )
    for person in PEOPLE:
        _add_person(loader, person)


def _load_story(loader: _Loader) -> None:
    for conversation in CONVERSATIONS:
        conversation_log(
            owner=loader.owner,
            occurred_on=loader.days_ago(conversation.days_ago),
            channel=conversation.channel,
            participants=list(conversation.participants),
            companies=list(conversation.companies),
            notes=conversation.notes,
            outcomes=list(conversation.outcomes),
            source=Source.DEMO,
        )


def _load_progress(loader: _Loader) -> None:
    _set_priorities(loader)
    for referral in REFERRAL_PROTOCOLS:
        _add_referral_protocol(loader, referral)
    for introducer, introduced, state in INTRODUCTIONS:
        _set_introduction_state(loader, introducer, introduced, state)
    for opportunity in OPPORTUNITIES:
        _move_opportunity(loader, opportunity)
    for posting in POSTINGS:
        _add_posting(loader, posting)
    for company, level in MOTIVATION.items():
        motivation_set(owner=loader.owner, company=loader.company(company), level=level)
    for outreach in OUTREACH:
        _add_outreach(loader, outreach)


def _add_outreach(loader: _Loader, seed: OutreachSeed) -> None:
    attempt = attempt_record(
        owner=loader.owner,
        person=loader.person(seed.person),
        company=loader.company(seed.company),
        sent_on=loader.days_ago(seed.days_ago),
        subject=seed.subject,
        message=seed.message,
    )
    if seed.replied_days_ago is not None:
        attempt_reply_noted(attempt=attempt, replied_on=loader.days_ago(seed.replied_days_ago))


def _add_company(loader: _Loader, seed: CompanySeed) -> None:
    company_save(
        company=Company(
            owner=loader.owner,
            name=seed.name,
            website=f"https://{seed.domain}/",
            careers_url=f"https://{seed.domain}/careers",
            notes=seed.notes,
            source=Source.DEMO,
        )
    )


def _add_person(loader: _Loader, seed: PersonSeed) -> None:
    person = person_save(
        person=Person(
            owner=loader.owner,
            full_name=seed.name,
            headline=seed.headline,
            location=seed.location,
            how_we_met=seed.how_we_met,
            relationship=seed.relationship,
            notes=seed.notes,
            source=Source.DEMO,
        )
    )
    person_set_contact_points(
        person=person, values=_contact_points(loader, seed), source=Source.DEMO
    )
    person_set_tags(person=person, names=seed.tags)
    for job in seed.jobs:
        _add_job(loader, person, job)


def _contact_points(loader: _Loader, seed: PersonSeed) -> list[str]:
    handle = seed.name.lower().replace(" ", ".")
    current = [job for job in seed.jobs if job.ended_years_ago is None]
    domain = _domain(current[-1].company) if current else "mail.example"
    # Only people one knows well share a mobile number; 07700 900xxx is reserved for drama.
    known_well = seed.relationship != Relationship.NETWORK
    phone = [f"+44 7700 900{loader.rng.randint(0, 999):03d}"] if known_well else []
    return [f"{handle}@{domain}", *phone, *seed.extra_contacts]


def _domain(company_name: str) -> str:
    return next(c.domain for c in COMPANIES if c.name == company_name)


def _add_job(loader: _Loader, person: Person, job: Job) -> None:
    ended = job.ended_years_ago
    employment_add(
        person=person,
        company=loader.company(job.company),
        title=job.title,
        started_on=loader.years_ago(job.started_years_ago),
        ended_on=loader.years_ago(ended) if ended is not None else None,
        source=Source.DEMO,
    )


def _set_priorities(loader: _Loader) -> None:
    for name, priority in PRIORITIES.items():
        company = loader.company(name)
        company_set_target(
            company=company,
            status=TargetStatus.TARGET,
            reason=company.status_reason,
            by=company.status_by,
            priority=priority,
            conversation_id=company.status_conversation_id,
        )


def _add_referral_protocol(loader: _Loader, seed: ReferralSeed) -> None:
    company_set_referral_protocol(
        company=loader.company(seed.company),
        channel=seed.channel,
        steps=seed.steps,
        apply_order=seed.apply_order,
        learned_from=loader.person(seed.learned_from),
        learned_on=loader.days_ago(seed.days_ago),
    )


def _set_introduction_state(loader: _Loader, introducer: str, introduced: str, state: str) -> None:
    introduction = Introduction.objects.get(
        owner=loader.owner,
        introducer=loader.person(introducer),
        introduced=loader.person(introduced),
    )
    introduction_set_state(introduction=introduction, state=state)


def _move_opportunity(loader: _Loader, seed: OpportunitySeed) -> None:
    opportunity = Opportunity.objects.get(
        owner=loader.owner, company=loader.company(seed.company), title=seed.title
    )
    if seed.referrer:
        opportunity.referrer = loader.person(seed.referrer)
        opportunity.referral_channel = seed.referral_channel
        opportunity_save(opportunity=opportunity)
    opportunity_move(opportunity=opportunity, stage=seed.stage)


def _add_posting(loader: _Loader, seed: PostingSeed) -> None:
    opportunity = opportunity_create(
        owner=loader.owner,
        company=loader.company(seed.company),
        title=seed.title,
        advertised=True,
        url=seed.url,
        description=seed.notes,
        source=Source.DEMO,
    )
    opportunity_move(opportunity=opportunity, stage=seed.stage)
