"""Every URL that takes an id refuses another user's object: 404, and nothing changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.api.models import ApiToken
from rapport.api.services import token_create
from rapport.capture.models import Source, Suggestion, SuggestionKind
from rapport.cohorts.grants import grant_give
from rapport.cohorts.invites import invite_create
from rapport.cohorts.models import (
    Assignment,
    Cohort,
    CohortShare,
    IntroAsk,
    IntroOffer,
    Invite,
)
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.cohorts.shares import share_create
from rapport.companies.models import Company, CompanyMerge, Employment
from rapport.companies.services import employment_add
from rapport.conversations.models import Conversation, Introduction, Outcome, OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.imports.models import ImportBatch, ImportJob, KeepApart, Merge, MergeCandidate
from rapport.network.models import Acquaintance
from rapport.network.services import acquaintance_record
from rapport.opportunities.models import Opportunity
from rapport.outreach.models import Attempt
from rapport.outreach.services import attempt_record
from rapport.people.models import Person

# The model an id means, by URL namespace for `pk` and by name for every other id.
MODEL_BY_NAMESPACE: dict[str, type[models.Model]] = {
    "people": Person,
    "companies": Company,
    "conversations": Conversation,
    "opportunities": Opportunity,
    "network": Acquaintance,
    "capture": Suggestion,
    "outreach": Attempt,
    "tokens": ApiToken,
}
MODEL_BY_KWARG: dict[str, type[models.Model]] = {
    "person_pk": Person,
    "company_pk": Company,
    "conversation_pk": Conversation,
    "opportunity_pk": Opportunity,
    "share_pk": CohortShare,
    "employment_pk": Employment,
    "introduction_pk": Introduction,
    "outcome_pk": Outcome,
    "introducer_pk": Person,
    "target_pk": Person,
    "job_pk": ImportJob,
    "batch_pk": ImportBatch,
    "candidate_pk": MergeCandidate,
    "apart_pk": KeepApart,
    "merge_pk": Merge,
    "company_merge_pk": CompanyMerge,
    "source_pk": Source,
    # The REST API's path parameters.
    "person_id": Person,
    "company_id": Company,
    "opportunity_id": Opportunity,
    # The career centre's admin pages (admins only: tests/cohorts/test_roles_isolation.py).
    "cohort_pk": Cohort,
    "user_pk": User,
    "invite_pk": Invite,
    # Career centre mode (#18).
    "assignment_pk": Assignment,
    "student_pk": User,
    # Introductions in a cohort (#18): the owner's offer, and a request the owner made.
    "offer_pk": IntroOffer,
    "ask_pk": IntroAsk,
}
NOT_OWNED_KWARGS = {"token", "kind"}
# Actions that change something: a GET is refused (405) for everyone, the owner too.
POST_ONLY = {
    "people:employment_add",
    "people:employment_end",
    "companies:target",
    "companies:merge",
    "companies:merge_undo",
    "conversations:outcome_add",
    "conversations:introduction_state",
    "opportunities:move",
    "network:acquaintance_delete",
    "playbook:followup_create",
    "imports:job_confirm",
    "imports:job_cancel",
    "imports:candidate_merge",
    "imports:candidate_apart",
    "imports:merge_undo",
    "imports:apart_undo",
    "capture:dismiss",
    "capture:sync",
    "outreach:replied",
    "outreach:motivation",
    "tokens:revoke",
    "cohorts:admin_active",
    "cohorts:admin_invite_withdraw",
    "coaching:assign",
    "cohorts:share_retract",
    "cohorts:offer_withdraw",
    "cohorts:intro_ask",
    "cohorts:intro_answer",
    "cohorts:intro_withdraw",
    "cohorts:intro_add",
}
# A coach's pages of a student: the student's own coach (with their grant) opens them, not
# the student; everyone else, a student of the same cohort too, gets 404.
COACH_ROUTES = {"coaching:student", "coaching:assign"}
# An offer to introduce is made for the owner's cohort: a student of it may ask about it
# (that is the point; what they see is tests/cohorts/test_intros.py's); a student of
# another cohort gets 404.
PEER_ROUTES = {"cohorts:intro_ask"}
# The REST API (namespace "api") is reached with a token, not a session; its writes are JSON.
API_POST_ONLY = {"api:opportunity_stage"}


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, entry.namespace or namespace)
        elif entry.name:
            yield namespace, entry


def _id_patterns() -> list[tuple[str, str, list[str]]]:
    found = []
    for namespace, pattern in _walk(get_resolver()):
        kwargs = [k for k in pattern.pattern.regex.groupindex if k not in NOT_OWNED_KWARGS]
        if kwargs:
            found.append((namespace, pattern.name or "", kwargs))
    return found


def _model_for(namespace: str, kwarg: str) -> type[models.Model]:
    if kwarg == "pk":
        return MODEL_BY_NAMESPACE[namespace]
    return MODEL_BY_KWARG[kwarg]


@pytest.fixture
def coach(settings: Settings, owner: User, other: User) -> User:
    """Server mode: the owner and `other` are students of one cohort; the owner lets its
    coach see their progress."""
    settings.LOCAL_MODE = False
    cohort, _ = cohort_get_or_create(name="Spring 2027")
    coach = User.objects.create_user(username="coach_kim")
    member_set(user=coach, role="coach", cohorts=[cohort])
    member_set(user=owner, role="student", cohorts=[cohort])
    member_set(user=other, role="student", cohorts=[cohort])
    grant_give(student=owner, coach_id=coach.pk)
    return coach


@pytest.fixture
def victims(owner: User, coach: User) -> dict[type[models.Model], models.Model]:
    """One of each kind of object the owner has."""
    result = conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 2),
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe"],
        notes="Talked about the data team.",
        outcomes=[
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist"),
            OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title="Data Analyst"),
        ],
    )
    conversation = result if isinstance(result, Conversation) else result.conversation
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    company = Company.objects.get(owner=owner)
    employment = employment_add(person=ana, company=company, title="Engineer")
    batch = ImportBatch.objects.create(owner=owner, kind="vcard", files=["contacts.vcf"])
    cohort = cohort_get_or_create(name="Spring 2027")[0]
    member_set(user=owner, role="student", cohorts=[cohort])
    offer = IntroOffer.objects.create(owner=owner, person=ana)
    return {
        User: owner,
        Cohort: cohort,
        Invite: invite_create(username="newcomer", role="student", cohort=cohort, actor=None)[0],
        IntroOffer: offer,
        IntroAsk: IntroAsk.objects.create(
            requester=owner, introducer=owner, offer=offer, person_name="Ana Souza"
        ),
        ImportJob: ImportJob.objects.create(
            owner=owner, kind="vcard", stored_path="/nowhere/x.vcf", original_name="x.vcf"
        ),
        ImportBatch: batch,
        MergeCandidate: MergeCandidate.objects.create(
            owner=owner, person_a=ana, person_b=bo, batch=batch, score=80.0
        ),
        Merge: Merge.objects.create(owner=owner, survivor=ana, absorbed_name="Ana S.", batch=batch),
        KeepApart: KeepApart.objects.create(owner=owner, person_a=ana, person_b=bo),
        CompanyMerge: CompanyMerge.objects.create(
            owner=owner, survivor=company, absorbed_name="Stripe, Inc."
        ),
        Person: ana,
        Company: company,
        Conversation: conversation,
        Opportunity: Opportunity.objects.get(owner=owner),
        Employment: employment,
        Introduction: Introduction.objects.get(owner=owner),
        Outcome: Outcome.objects.filter(owner=owner).first(),
        Source: Source.objects.create(owner=owner, kind="mbox", name="x.mbox", location="/x.mbox"),
        Suggestion: Suggestion.objects.create(
            owner=owner,
            kind=SuggestionKind.NEW_PERSON,
            key="new-person:jo@example.com",
            title="Add Jo",
            occurred_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
            reason="You wrote to each other.",
            payload={"name": "Jo", "email": "jo@example.com"},
        ),
        Attempt: attempt_record(
            owner=owner, person=ana, sent_on=dt.date(2026, 11, 2), company=company
        ),
        ApiToken: token_create(owner=owner, name="script")[0],
        Acquaintance: acquaintance_record(
            owner=owner, person=ana, knows=Person.objects.get(owner=owner, full_name="Bo Lindqvist")
        ),
        Assignment: Assignment.objects.create(student=owner, coach=coach, text="Call alumni"),
        CohortShare: share_create(
            sharer=owner, company=company, cohort=cohort, kind="insight", text="Hiring in May."
        ),
    }


def _snapshot() -> list[tuple[str, int, str]]:
    rows = []
    models_ = [Person, Company, Conversation, Opportunity, Employment, Introduction, Outcome]
    cohort_models = [Assignment, CohortShare, IntroOffer, IntroAsk]
    review = [MergeCandidate, KeepApart, Merge]  # the review queue's decisions
    for model in [*models_, Acquaintance, Attempt, ApiToken, *cohort_models, *review]:
        for obj in model.objects.order_by("pk"):  # type: ignore[attr-defined]
            # A token's last use changes when its own owner uses it; nothing else may change.
            fields = {
                k: v for k, v in vars(obj).items() if not k.startswith("_") and k != "last_used_at"
            }
            rows.append((model.__name__, obj.pk, repr(sorted(fields.items(), key=str))))
    return rows


def test_every_id_url_is_covered_by_this_test() -> None:
    patterns = _id_patterns()
    assert patterns, "expected URL patterns that take ids"
    for namespace, name, kwargs in patterns:
        for kwarg in kwargs:
            assert _model_for(namespace, kwarg), f"{namespace}:{name} takes {kwarg}"


def _assert_api_refuses(url: str, route: str, token: str) -> None:
    program = Client(headers={"Authorization": f"Bearer {token}"})
    if route in API_POST_ONLY:
        post = program.post(url, {"stage": "withdrawn"}, content_type="application/json")
        assert post.status_code == 404, f"POST {url} gave {post.status_code}"
    else:
        get = program.get(url)
        assert get.status_code == 404, f"GET {url} gave {get.status_code}"


def test_another_user_gets_404_for_every_url_that_takes_an_id(
    victims: dict[type[models.Model], models.Model], client_other: Client, other: User
) -> None:
    other_token = token_create(owner=other, name="theirs")[1]
    outsider = User.objects.create_user(username="oscar")
    member_set(user=outsider, role="student", cohorts=[cohort_get_or_create(name="Autumn")[0]])
    client_outsider = Client()
    client_outsider.force_login(outsider)
    before = _snapshot()
    checked = 0
    for namespace, name, kwargs in _id_patterns():
        values = {k: victims[_model_for(namespace, k)].pk for k in kwargs}
        url = reverse(f"{namespace}:{name}", kwargs=values)
        if namespace == "api":
            _assert_api_refuses(url, f"{namespace}:{name}", other_token)
            checked += 1
            continue
        client = client_outsider if f"{namespace}:{name}" in PEER_ROUTES else client_other
        get = client.get(url)
        post = client.post(url, {"stage": "applied", "state": "met", "name": "X"})
        if f"{namespace}:{name}" in POST_ONLY:
            assert (get.status_code, post.status_code) == (405, 404), f"{url}"
        else:
            assert get.status_code == 404, f"GET {url} gave {get.status_code}"
            assert post.status_code in {404, 405}, f"POST {url} gave {post.status_code}"
        checked += 1
    assert checked >= 8
    assert _snapshot() == before


def test_the_owner_can_open_every_page_that_takes_an_id(
    victims: dict[type[models.Model], models.Model], client_owner: Client, owner: User, coach: User
) -> None:
    token = token_create(owner=owner, name="mine")[1]
    client_coach = Client()
    client_coach.force_login(coach)
    for namespace, name, kwargs in _id_patterns():
        values = {k: victims[_model_for(namespace, k)].pk for k in kwargs}
        url = reverse(f"{namespace}:{name}", kwargs=values)
        if f"{namespace}:{name}" in COACH_ROUTES:
            assert client_owner.get(url).status_code in {404, 405}, f"GET {url} (student)"
            expected = 405 if f"{namespace}:{name}" in POST_ONLY else 200
            assert client_coach.get(url).status_code == expected, f"GET {url} (coach)"
            continue
        if namespace == "api":
            if f"{namespace}:{name}" not in API_POST_ONLY:
                program = Client(headers={"Authorization": f"Bearer {token}"})
                assert program.get(url).status_code == 200, f"GET {url}"
            continue
        if namespace == "cohorts" and name.startswith("admin_"):
            continue  # admins only: tests/cohorts/test_roles_isolation.py
        expected = 405 if f"{namespace}:{name}" in POST_ONLY else 200
        response = client_owner.get(url)
        assert response.status_code == expected, f"GET {url} gave {response.status_code}"


def test_every_post_only_route_exists() -> None:
    routes = {f"{namespace}:{name}" for namespace, name, _ in _id_patterns()}
    assert routes >= POST_ONLY | API_POST_ONLY
