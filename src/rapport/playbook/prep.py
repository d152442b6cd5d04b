"""The prep brief: everything to read before a conversation with one person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from rapport.cohorts.models import CohortShare
from rapport.cohorts.share_selectors import cohort_knowledge_by_key
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.companies.selectors import target_order
from rapport.conversations.models import Conversation, Outcome, OutcomeKind
from rapport.conversations.selectors import with_summary
from rapport.opportunities.models import Opportunity
from rapport.people.models import Person
from rapport.playbook.models import FollowUp
from rapport.playbook.text import a, listing


@dataclass(frozen=True)
class TargetToShare:
    company: Company
    connections: list[str]  # why they might know someone there; empty if no sign of it

    @property
    def might_know(self) -> bool:
        return bool(self.connections)


@dataclass(frozen=True)
class Question:
    goal: str
    text: str


@dataclass(frozen=True)
class ReferralAsk:
    """A company of an active opportunity where the person works: ask how referrals work."""

    company: Company
    opportunities: list[Opportunity]


@dataclass(frozen=True)
class CohortKnowledge:
    """What the user's cohort shared about a company where the person works."""

    company: Company
    shares: list[CohortShare]


@dataclass(frozen=True)
class PrepBrief:
    person: Person
    current_jobs: list[Employment]
    past_jobs: list[Employment]
    conversations: list[Conversation]
    received: list[Outcome]  # what they gave you
    gave: list[Outcome]  # what you gave them
    introduced: list[Person]  # people they introduced you to
    targets: list[TargetToShare]  # those where they might know someone first
    referral_asks: list[ReferralAsk]
    questions: list[Question]
    followups: list[FollowUp]
    prompts: list[Question] = field(default_factory=list)  # an informational interview's
    cohort: list[CohortKnowledge] = field(default_factory=list)  # career centre mode only

    @property
    def last_talked(self) -> date | None:
        return self.conversations[0].occurred_on if self.conversations else None


def prep_brief(*, person: Person) -> PrepBrief:
    """Read in a fixed number of queries, whatever the history with the person."""
    jobs = list(
        Employment.objects.filter(owner=person.owner, person=person).select_related("company")
    )
    current = [job for job in jobs if job.is_current]
    outcomes = _outcomes_from(person)
    introduced = _introduced_by(person)
    targets = _targets_to_share(person, jobs, introduced)
    referral_asks = _referral_asks(person, current)
    return PrepBrief(
        person=person,
        current_jobs=current,
        past_jobs=[job for job in jobs if not job.is_current],
        conversations=_conversations_with(person),
        received=[o for o in outcomes if o.kind != OutcomeKind.GAVE],
        gave=[o for o in outcomes if o.kind == OutcomeKind.GAVE],
        introduced=introduced,
        targets=targets,
        referral_asks=referral_asks,
        questions=questions_for(current, targets, referral_asks),
        prompts=interview_prompts(current, targets),
        followups=list(
            FollowUp.objects.filter(owner=person.owner, person=person, done_at__isnull=True)
        ),
        cohort=_cohort_knowledge(person, current),
    )


def _cohort_knowledge(person: Person, current: list[Employment]) -> list[CohortKnowledge]:
    """What the user's cohort shared about the companies where the person works (one query)."""
    companies = {job.company.name_key: job.company for job in current}
    found = cohort_knowledge_by_key(user=person.owner, keys=companies)
    return [CohortKnowledge(companies[key], found[key]) for key in sorted(found)]


def _conversations_with(person: Person) -> list[Conversation]:
    rows = Conversation.objects.filter(owner=person.owner, participants=person)
    return list(with_summary(rows.order_by("-occurred_on", "-pk")))


def _outcomes_from(person: Person) -> list[Outcome]:
    """Outcomes that came from the person (and, for GAVE, what you gave them)."""
    rows = Outcome.objects.filter(owner=person.owner, from_person=person)
    related = rows.select_related("conversation", "person", "company", "opportunity")
    return list(related.order_by("-conversation__occurred_on", "-pk"))


def _introduced_by(person: Person) -> list[Person]:
    rows = Person.objects.filter(owner=person.owner).filter(
        Q(introduced_by=person) | Q(introductions_received__introducer=person)
    )
    return list(rows.distinct().order_by("full_name", "pk"))


def _targets_to_share(
    person: Person, jobs: list[Employment], introduced: list[Person]
) -> list[TargetToShare]:
    targets = list(
        Company.objects.filter(owner=person.owner, target_status=TargetStatus.TARGET).order_by(
            *target_order()
        )
    )
    links: dict[int, list[str]] = {}
    for job in jobs:
        links.setdefault(job.company_id, []).append(
            "works there" if job.is_current else "worked there"
        )
    for company_id, names in _introduced_at(person, introduced, targets).items():
        links.setdefault(company_id, []).append(
            f"introduced you to {listing(names)}, who works there"
        )
    shares = [TargetToShare(c, list(dict.fromkeys(links.get(c.pk, [])))) for c in targets]
    return sorted(shares, key=lambda share: not share.might_know)


def _introduced_at(
    person: Person, introduced: list[Person], targets: list[Company]
) -> dict[int, list[str]]:
    """Target company id → the people the person introduced you to who work there now."""
    rows = Employment.objects.filter(
        owner=person.owner,
        is_current=True,
        person__in=[p.pk for p in introduced],
        company__in=[c.pk for c in targets],
    ).values_list("company_id", "person__full_name")
    found: dict[int, list[str]] = {}
    for company_id, name in rows:
        found.setdefault(company_id, []).append(name)
    return found


def _referral_asks(person: Person, current: list[Employment]) -> list[ReferralAsk]:
    rows = (
        Opportunity.objects.filter(
            owner=person.owner, company__in=[job.company_id for job in current]
        )
        .open()
        .select_related("company")
        .order_by("company__name_key", "title")
    )
    asks: dict[int, ReferralAsk] = {}
    for opportunity in rows:
        ask = asks.setdefault(opportunity.company_id, ReferralAsk(opportunity.company, []))
        ask.opportunities.append(opportunity)
    return list(asks.values())


def questions_for(
    current: list[Employment], targets: list[TargetToShare], referral_asks: list[ReferralAsk]
) -> list[Question]:
    """Open questions for each goal of a conversation: never "give me a job"."""
    job = current[0] if current else None
    role = f" as {job.title}" if job and job.title else ""
    where = f" at {job.company.name}" if job else ""
    names = [t.company.name for t in targets[:3]]
    questions = [
        Question("Advice", "If you were in my position, what would you do next?"),
        Question("Advice", f"What do you wish you had known when you started{role}?"),
        Question("Names", "Who else do you think I should talk to?"),
        Question("Hidden leads", f"Have you heard of openings{where} that aren't advertised?"),
    ]
    if names:
        questions.insert(3, Question("Names", f"Do you know anyone at {listing(names)}?"))
    if job:
        questions.append(
            Question("Insights", f"What is it really like{where}, and what do teams look for?")
        )
    for ask in referral_asks:
        titles = listing([o.title for o in ask.opportunities])
        questions.append(Question("Insights", f"What would make someone stand out for {titles}?"))
    return questions


# An informational interview's goals, in the order to ask (The 2-Hour Job Search's TIARA:
# trends, insights, advice, resources, assignments — here "next steps").
PROMPT_GOALS = ("Trends", "Insights", "Advice", "Resources", "Next steps")


def interview_prompts(current: list[Employment], targets: list[TargetToShare]) -> list[Question]:
    """Question prompts for each goal of an informational interview, filled in with what
    is known of the person, their company and the user's targets."""
    job = current[0] if current else None
    company = job.company.name if job else ""
    at = f" at {company}" if company else ""
    role = job.title if job and job.title else ""
    about = company or "your field"
    others = [t.company.name for t in targets if t.company.name != company][:3]
    aiming = f", aiming at {listing(others)}" if others else ""
    return [
        Question(
            "Trends",
            f"What trends are changing {company}'s business right now?"
            if company
            else "What trends are changing your field right now?",
        ),
        Question(
            "Trends",
            f"How has the work of {a(role)} changed since you started?"
            if role
            else f"How has the work{at} changed since you started?",
        ),
        Question("Insights", f"What surprised you most about working{at}?"),
        Question(
            "Insights",
            f"What does someone need to succeed as {a(role)}{at}?"
            if role
            else f"What makes someone succeed{at or ' in your work'}?",
        ),
        Question("Advice", f"If you were in my shoes{aiming}, what would you do next?"),
        Question(
            "Resources",
            f"Which people, events or reading would you recommend to learn about {about}?",
        ),
        Question(
            "Next steps",
            f"Who else{at} or elsewhere would you suggest I talk to?"
            if company
            else "Who else would you suggest I talk to, here or elsewhere?",
        ),
        Question("Next steps", "May I tell you how it goes once I have followed your advice?"),
    ]
