"""Introducible contacts (#18): a student's contacts they are happy to introduce their cohort
to, the cohort paths those make into a company, and the requests for an introduction.

What a cohort member ever sees of an offered person is their name and their current job
(company and title): never an e-mail address, phone number, note, tag or conversation.
Every offer, withdrawal, ask and answer is logged for the students it concerns.

Reads first, then writes (each write checks who may do it, whatever the page offered).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rapport.accounts.models import User
from rapport.cohorts.models import (
    AuditAction,
    IntroAsk,
    IntroAskState,
    IntroOffer,
    Member,
    Role,
)
from rapport.cohorts.selectors import cohort_peer_ids
from rapport.cohorts.services import audit_record
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.companies.services import company_find_or_create, employment_add
from rapport.core.text import company_key
from rapport.people.models import Person
from rapport.people.services import person_create

MESSAGE_LENGTH = 1000


def member_name(user: User) -> str:
    """How a member is named to the others: their full name, or their user name."""
    return user.get_full_name() or user.get_username()


def intros_enabled(*, user: User) -> bool:
    """Whether the user can offer and ask for introductions: a student, in server mode."""
    if settings.LOCAL_MODE or not user.is_authenticated:
        return False
    return Member.objects.filter(user=user, role=Role.STUDENT).exists()


# ---- Reads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    title: str
    company: str

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.title else self.company


@dataclass(frozen=True)
class CohortPath:
    """ "Maria in your cohort knows Ana at Stripe (Head of Payments): ask Maria"."""

    offer_id: int
    introducer_id: int
    introducer: str
    person: str
    job: Job
    asked: IntroAsk | None  # the viewer's latest request on this offer


@dataclass(frozen=True)
class CohortPaths:
    paths: list[CohortPath]
    total: int

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.paths)

    def __bool__(self) -> bool:
        return bool(self.paths)


NO_PATHS = CohortPaths([], 0)

# The people who work now at the peers' companies with the company's key (those found first,
# by the company's (owner, name_key) key), and of those the ones their owner offered. The
# jobs are read from the employment's index of current jobs (company, owner, person, with
# the title: from the index alone on PostgreSQL), the offers by their owner: no other
# cohort's rows are read, nor the peers' jobs elsewhere.
_PATHS_SQL = """
SELECT o.id, o.owner_id, o.person_id, e.title, e.company_id
FROM companies_employment e
JOIN cohorts_introoffer o ON o.owner_id = e.owner_id AND o.person_id = e.person_id
WHERE e.company_id IN ({companies}) AND e.is_current = %s AND o.owner_id IN ({owners})
ORDER BY o.id, e.company_id, e.title
"""


def company_keys(*, company: Company) -> list[str]:
    """The keys a company is known by: its own, and those of the names merged into it."""
    keys = {company.name_key}
    aliases = CompanyAlias.objects.filter(owner=company.owner_id, company=company)
    keys.update(company_key(name) for name in aliases.values_list("name", flat=True))
    return sorted(k for k in keys if k)


def cohort_paths(*, viewer: User, company: Company, limit: int | None = None) -> CohortPaths:
    """The contacts the viewer's cohort peers offered to introduce who work at `company` now
    (matched by company key), by introducer then name: all of them counted, the first
    `limit` (by introducer, then offer) read and shown. Empty for anyone but a student."""
    if not intros_enabled(user=viewer):
        return NO_PATHS
    peers = sorted(cohort_peer_ids(user=viewer))
    keys = company_keys(company=company)
    if not peers or not keys:
        return NO_PATHS
    rows = _path_rows(peers, keys)
    users = {u.pk: member_name(u) for u in User.objects.filter(pk__in={r[1] for r in rows})}
    rows.sort(key=lambda r: (users[r[1]].casefold(), r[0]))
    shown = rows[:limit] if limit else rows
    names = dict(Person.objects.filter(pk__in=[r[2] for r in shown]).values_list("pk", "full_name"))
    asked = _latest_asks(viewer, [r[0] for r in shown])
    paths = [
        CohortPath(
            offer_id=offer_id,
            introducer_id=owner_id,
            introducer=users[owner_id],
            person=names[person_id],
            job=Job(title, company_name),
            asked=asked.get(offer_id),
        )
        for offer_id, owner_id, person_id, title, company_name in shown
    ]
    paths.sort(key=lambda p: (p.introducer.casefold(), p.person.casefold(), p.offer_id))
    return CohortPaths(paths, len(rows))


def _path_rows(peers: Sequence[int], keys: Sequence[str]) -> list[tuple[int, int, int, str, str]]:
    """(offer, owner, person, title, company's name), one per offer (of two current jobs
    there, one: the first title)."""
    names = dict(
        Company.objects.filter(owner_id__in=peers, name_key__in=keys).values_list("pk", "name")
    )
    if not names:
        return []
    sql = _PATHS_SQL.format(
        companies=", ".join(["%s"] * len(names)), owners=", ".join(["%s"] * len(peers))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*names, True, *peers])
        found = cursor.fetchall()
    seen: set[int] = set()
    rows = []
    for offer_id, owner_id, person_id, title, company_id in found:
        if offer_id not in seen:
            seen.add(offer_id)
            rows.append((offer_id, owner_id, person_id, title, names[company_id]))
    return rows


def _latest_asks(viewer: User, offer_ids: Iterable[int]) -> dict[int, IntroAsk]:
    asks = IntroAsk.objects.filter(requester=viewer, offer_id__in=list(offer_ids))
    latest: dict[int, IntroAsk] = {}
    for ask in asks.order_by("created_at", "pk"):
        assert ask.offer_id is not None
        latest[ask.offer_id] = ask
    return latest


@dataclass(frozen=True)
class PersonOffer:
    """What the person's page shows of introductions: whether the owner offers them, and
    what the cohort sees (or would see) of them."""

    offer: IntroOffer | None
    job: Job | None
    waiting: int


def person_offer(*, owner: User, person: Person) -> PersonOffer | None:
    """None where there is no cohort to introduce anyone to (local mode, not a student)."""
    if not intros_enabled(user=owner):
        return None
    offer = IntroOffer.objects.filter(owner=owner, person=person).first()
    waiting = asks_waiting(introducer=owner).filter(offer=offer).count() if offer else 0
    return PersonOffer(offer, current_job(person=person), waiting)


def current_job(*, person: Person) -> Job | None:
    """The person's current job as cohort members see it (the latest, of several)."""
    job = (
        Employment.objects.filter(owner=person.owner_id, person=person, is_current=True)
        .select_related("company")
        .order_by("-started_on", "-pk")
        .first()
    )
    return Job(job.title, job.company.name) if job else None


@dataclass(frozen=True)
class OfferRow:
    offer: IntroOffer
    job: Job | None
    waiting: int  # requests waiting for the owner's answer


def offers_of(*, owner: User) -> list[OfferRow]:
    """The owner's offers, by the person's name, with what the cohort sees of each."""
    offers = list(
        IntroOffer.objects.filter(owner=owner)
        .select_related("person")
        .order_by("person__full_name")
    )
    jobs: dict[int, Job] = {}
    rows = Employment.objects.filter(
        owner=owner, person__in=[o.person_id for o in offers], is_current=True
    ).select_related("company")
    for job in rows.order_by("person_id", "started_on", "pk"):  # the latest last: it wins
        jobs[job.person_id] = Job(job.title, job.company.name)
    waiting: dict[int, int] = {}
    for offer_id in asks_waiting(introducer=owner).values_list("offer_id", flat=True):
        waiting[offer_id] = waiting.get(offer_id, 0) + 1
    return [OfferRow(o, jobs.get(o.person_id), waiting.get(o.pk, 0)) for o in offers]


def people_to_offer(*, owner: User, query: str, limit: int = 50) -> list[Person]:
    """The owner's people whose name matches `query` and who are not offered yet."""
    offered = IntroOffer.objects.filter(owner=owner).values("person_id")
    people = Person.objects.filter(owner=owner).exclude(pk__in=offered)
    if query:
        people = people.filter(full_name__icontains=query.strip())
    return list(people.order_by("full_name", "pk")[:limit])


def asks_waiting(*, introducer: User) -> QuerySet[IntroAsk]:
    """Requests the introducer has to answer, oldest first."""
    return (
        IntroAsk.objects.filter(
            introducer=introducer, state=IntroAskState.PENDING, offer__isnull=False
        )
        .select_related("requester")
        .order_by("created_at", "pk")
    )


def asks_waiting_count(*, introducer: User) -> int:
    if settings.LOCAL_MODE:
        return 0
    return asks_waiting(introducer=introducer).count()


def asks_made(*, requester: User, limit: int = 50) -> list[IntroAsk]:
    """The requester's requests, newest first, with whom they asked."""
    return list(IntroAsk.objects.filter(requester=requester).select_related("introducer")[:limit])


def answers_unseen(*, requester: User, limit: int = 5) -> list[IntroAsk]:
    """The requester's requests answered since they last opened their introductions page."""
    if settings.LOCAL_MODE:
        return []
    return list(_unseen(requester).select_related("introducer").order_by("-decided_at")[:limit])


def answers_seen(*, requester: User) -> int:
    """The requester has seen every answer so far (their introductions page shows them)."""
    return _unseen(requester).update(answer_seen_at=timezone.now())


def _unseen(requester: User) -> QuerySet[IntroAsk]:
    """Answered or closed by the introducer (not withdrawn by the requester), not seen yet."""
    return IntroAsk.objects.filter(
        requester=requester, decided_at__isnull=False, answer_seen_at__isnull=True
    ).exclude(state=IntroAskState.WITHDRAWN)


def asks_answered(*, introducer: User, limit: int = 20) -> list[IntroAsk]:
    """What the introducer answered or saw closed lately, newest first."""
    done = IntroAsk.objects.filter(introducer=introducer).filter(
        ~Q(state=IntroAskState.PENDING) | Q(offer__isnull=True)
    )
    return list(done.select_related("requester")[:limit])


def offer_to_ask(*, viewer: User, pk: int) -> IntroOffer:
    """An offer the viewer may ask about: one made by a peer of theirs (404 otherwise)."""
    if not intros_enabled(user=viewer):
        raise Http404("No such offer.")
    offer = (
        IntroOffer.objects.filter(pk=pk, owner_id__in=cohort_peer_ids(user=viewer))
        .select_related("owner", "person")
        .first()
    )
    if offer is None:
        raise Http404("No such offer.")
    return offer


def own_offer(*, owner: User, pk: int) -> IntroOffer:
    offer = IntroOffer.objects.filter(pk=pk, owner=owner).select_related("person").first()
    if offer is None:
        raise Http404("No such offer.")
    return offer


def ask_to_answer(*, introducer: User, pk: int) -> IntroAsk:
    ask = IntroAsk.objects.filter(pk=pk, introducer=introducer).select_related("requester").first()
    if ask is None:
        raise Http404("No such request.")
    return ask


def own_ask(*, requester: User, pk: int) -> IntroAsk:
    ask = IntroAsk.objects.filter(pk=pk, requester=requester).select_related("introducer").first()
    if ask is None:
        raise Http404("No such request.")
    return ask


# ---- Writes --------------------------------------------------------------------------------


def _described(person: Person, job: Job | None) -> str:
    return f"{person.full_name} ({job})" if job else person.full_name


def offer_add(*, owner: User, person: Person) -> tuple[IntroOffer, bool]:
    """Offer to introduce the cohort to one of the owner's people; (offer, made now)."""
    if not intros_enabled(user=owner):
        raise ValidationError("Only a student of a cohort can offer introductions.")
    if person.owner_id != owner.pk:
        raise ValidationError("You can only offer to introduce your own contacts.")
    offer, created = IntroOffer.objects.get_or_create(owner=owner, person=person)
    if created:
        detail = _described(person, current_job(person=person))
        audit_record(subject=owner, actor=owner, action=AuditAction.OFFERED, detail=detail)
    return offer, created


@transaction.atomic
def offers_add(*, owner: User, people: Iterable[Person]) -> int:
    """Offer several people at once; how many offers are new."""
    return sum(offer_add(owner=owner, person=person)[1] for person in people)


@transaction.atomic
def offer_withdraw(*, offer: IntroOffer) -> int:
    """Withdraw an offer: its path goes from every page and its waiting requests close
    (each requester is told, in their log). How many requests closed."""
    owner, person = offer.owner, offer.person
    waiting = list(
        IntroAsk.objects.select_for_update().filter(offer=offer, state=IntroAskState.PENDING)
    )
    now = timezone.now()
    for ask in waiting:
        ask.state, ask.decided_at = IntroAskState.CLOSED, now
        ask.save(update_fields=["state", "decided_at"])
        audit_record(
            subject=ask.requester,
            actor=owner,
            action=AuditAction.OFFER_WITHDRAWN,
            detail=f"{member_name(owner)} withdrew the offer to introduce {ask.person_name}:"
            " your request is closed",
        )
    offer.delete()
    audit_record(
        subject=owner, actor=owner, action=AuditAction.OFFER_WITHDRAWN, detail=person.full_name
    )
    return len(waiting)


@transaction.atomic
def ask_create(*, requester: User, offer: IntroOffer, message: str) -> IntroAsk:
    """Ask the offer's owner for the introduction; one waiting request per offer."""
    message = message.strip()
    if len(message) > MESSAGE_LENGTH:
        raise ValidationError({"message": f"Keep the message under {MESSAGE_LENGTH} characters."})
    if offer.owner_id not in cohort_peer_ids(user=requester) or not intros_enabled(user=requester):
        raise ValidationError("Only a member of the same cohort can ask for this introduction.")
    if IntroAsk.objects.filter(
        requester=requester, offer=offer, state=IntroAskState.PENDING
    ).exists():
        raise ValidationError("You already asked; the answer will show here.")
    job = current_job(person=offer.person)
    ask = IntroAsk.objects.create(
        requester=requester,
        introducer=offer.owner,
        offer=offer,
        person_name=offer.person.full_name,
        company_name=job.company if job else "",
        title=job.title if job else "",
        message=message,
    )
    about = f"{offer.person.full_name}{f' ({job})' if job else ''}"
    audit_record(
        subject=requester,
        actor=requester,
        action=AuditAction.INTRO_ASKED,
        detail=f"Asked {member_name(offer.owner)} to introduce you to {about}",
    )
    audit_record(
        subject=offer.owner,
        actor=requester,
        action=AuditAction.INTRO_ASKED,
        detail=f"{member_name(requester)} asked you to introduce them to {about}",
    )
    return ask


@transaction.atomic
def ask_answer(*, ask: IntroAsk, accept: bool, reply: str = "") -> IntroAsk:
    """The introducer accepts (with an optional reply) or declines a waiting request."""
    reply = reply.strip()
    if len(reply) > MESSAGE_LENGTH:
        raise ValidationError({"reply": f"Keep the reply under {MESSAGE_LENGTH} characters."})
    ask = IntroAsk.objects.select_for_update().get(pk=ask.pk)
    if not ask.is_open:
        raise ValidationError(f"This request is no longer waiting ({ask.shown_state.lower()}).")
    ask.state = IntroAskState.ACCEPTED if accept else IntroAskState.DECLINED
    ask.reply, ask.decided_at = reply, timezone.now()
    ask.save(update_fields=["state", "reply", "decided_at"])
    action = AuditAction.INTRO_ACCEPTED if accept else AuditAction.INTRO_DECLINED
    verb = "accepted" if accept else "declined"
    introducer, requester = ask.introducer, ask.requester
    audit_record(
        subject=introducer,
        actor=introducer,
        action=action,
        detail=f"You {verb} to introduce {member_name(requester)} to {ask.person_name}",
    )
    audit_record(
        subject=requester,
        actor=introducer,
        action=action,
        detail=f"{member_name(introducer)} {verb} to introduce you to {ask.person_name}",
    )
    return ask


@transaction.atomic
def ask_withdraw(*, ask: IntroAsk) -> IntroAsk:
    """The requester takes back a request that is still waiting."""
    ask = IntroAsk.objects.select_for_update().get(pk=ask.pk)
    if not ask.is_open:
        raise ValidationError(f"This request is no longer waiting ({ask.shown_state.lower()}).")
    ask.state, ask.decided_at = IntroAskState.WITHDRAWN, timezone.now()
    ask.save(update_fields=["state", "decided_at"])
    requester, introducer = ask.requester, ask.introducer
    audit_record(
        subject=requester,
        actor=requester,
        action=AuditAction.ASK_WITHDRAWN,
        detail=f"Withdrew the request to {member_name(introducer)} about {ask.person_name}",
    )
    audit_record(
        subject=introducer,
        actor=requester,
        action=AuditAction.ASK_WITHDRAWN,
        detail=f"{member_name(requester)} withdrew their request about {ask.person_name}",
    )
    return ask


@transaction.atomic
def ask_person_add(*, ask: IntroAsk) -> Person:
    """After an accepted request, add the person to the requester's own people (their choice,
    from a button): name and current job, marked as introduced by the cohort member."""
    ask = IntroAsk.objects.select_for_update().select_related("introducer").get(pk=ask.pk)
    if ask.state != IntroAskState.ACCEPTED:
        raise ValidationError("Only an accepted introduction can be added to your people.")
    if ask.added_as_id is not None:
        raise ValidationError("You added them to your people already.")
    owner = ask.requester
    person = person_create(
        owner=owner,
        full_name=ask.person_name,
        how_we_met=f"Introduced by {member_name(ask.introducer)}, of your cohort",
    )
    if ask.company_name:
        company, _ = company_find_or_create(owner=owner, name=ask.company_name)
        employment_add(person=person, company=company, title=ask.title)
    ask.added_as = person
    ask.save(update_fields=["added_as"])
    return person
