"""The endpoints under /api/v1/: each reads through a selector or writes through a service."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Query as QueryParam

from rapport.accounts.models import User
from rapport.api import convert
from rapport.api.cache import answer
from rapport.api.models import ApiToken
from rapport.api.pagination import MAX_LIMIT, Cursor, Limit, cursor_page
from rapport.api.schemas import (
    CompaniesPage,
    CompanyOut,
    ConversationIn,
    ConversationOut,
    ConversationsPage,
    NudgeOut,
    OpportunitiesPage,
    OpportunityOut,
    PathsOut,
    PeoplePage,
    PersonOut,
    Problem,
    SearchHitOut,
    StageIn,
    Text,
)
from rapport.api.selectors import people_page, person_data
from rapport.companies.models import Company
from rapport.companies.selectors import company_get
from rapport.conversations.models import Conversation
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.core.models import Source
from rapport.network.selectors import warm_paths
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.selectors import opportunity_get
from rapport.opportunities.services import opportunity_move
from rapport.playbook.selectors import apply_check, nudges_for_today
from rapport.search.selectors import search as search_select

router = Router()
Answer = dict[str, Any] | HttpResponse  # HttpResponse: kept from before (rapport.api.cache)
ERRORS: dict[int, Any] = {400: Problem, 401: Problem, 404: Problem, 422: Problem, 429: Problem}


def _token(request: HttpRequest) -> ApiToken:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token


@router.get("/people", response={200: PeoplePage, **ERRORS}, tags=["people"])
def people_list(
    request: HttpRequest, q: Text = "", cursor: str = Cursor, limit: int = Limit
) -> Answer:
    """Your people, in the order they were added; `q` keeps those whose name contains it."""
    owner = _token(request).owner
    after = int(cursor or 0)
    return answer(request, owner, lambda: people_page(owner=owner, q=q, after=after, limit=limit))


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS}, tags=["people"])
def person_detail(request: HttpRequest, person_id: int) -> Answer:
    owner = _token(request).owner
    return answer(request, owner, lambda: _person(owner, person_id))


def _person(owner: User, person_id: int) -> dict[str, Any]:
    person = person_data(owner=owner, pk=person_id)
    if person is None:
        raise HttpError(404, "You have no person with this id.")
    return person


@router.get("/companies", response={200: CompaniesPage, **ERRORS}, tags=["companies"])
def companies_list(
    request: HttpRequest, status: Text = "", cursor: str = Cursor, limit: int = Limit
) -> Answer:
    """Your companies; `status` keeps targets (`target`) or those to avoid (`avoid`)."""
    owner = _token(request).owner
    companies = Company.objects.filter(owner=owner)
    if status:
        companies = companies.filter(target_status=status)
    return answer(
        request,
        owner,
        lambda: cursor_page(companies, cursor=cursor, limit=limit, convert=convert.company_out),
    )


@router.get("/companies/{company_id}", response={200: CompanyOut, **ERRORS}, tags=["companies"])
def company_detail(request: HttpRequest, company_id: int) -> Answer:
    """A company: target or avoid (with who said so and why) and its referral protocol."""
    owner = _token(request).owner
    return answer(
        request, owner, lambda: convert.company_out(company_get(owner=owner, pk=company_id))
    )


@router.get("/companies/{company_id}/paths", response={200: PathsOut, **ERRORS}, tags=["companies"])
def company_paths(
    request: HttpRequest, company_id: int, limit: int = QueryParam(10, ge=1, le=MAX_LIMIT)
) -> Answer:
    """Warm paths into the company, best first: whom to ask, and how they lead there."""
    owner = _token(request).owner
    return answer(request, owner, lambda: _paths(owner, company_id, limit))


def _paths(owner: User, company_id: int, limit: int) -> dict[str, Any]:
    company = company_get(owner=owner, pk=company_id)
    found = warm_paths(owner=owner, company=company, today=timezone.localdate(), limit=limit)
    return {
        "company_id": company.pk,
        "company": company.name,
        "paths": [convert.path_out(path) for path in found.paths],
        "has_referral_path": found.has_referral_path,
    }


def _conversations(request: HttpRequest) -> QuerySet[Conversation]:
    return Conversation.objects.filter(owner=_token(request).owner).prefetch_related(
        "participants", "companies", "outcomes"
    )


@router.get("/conversations", response={200: ConversationsPage, **ERRORS}, tags=["conversations"])
def conversations_list(request: HttpRequest, cursor: str = Cursor, limit: int = Limit) -> Answer:
    conversations = _conversations(request)
    return answer(
        request,
        _token(request).owner,
        lambda: cursor_page(
            conversations, cursor=cursor, limit=limit, convert=convert.conversation_out
        ),
    )


@router.post(
    "/conversations",
    response={201: ConversationOut, 403: Problem, **ERRORS},
    tags=["conversations"],
)
def conversation_create(request: HttpRequest, body: ConversationIn) -> Status[dict[str, Any]]:
    """Log a conversation exactly as the form does: new names become people, a name given
    becomes an introduction, a lead becomes an opportunity. All or nothing."""
    token = _token(request)
    conversation = conversation_log(
        owner=token.owner,
        occurred_on=body.occurred_on,
        channel=body.channel,
        participants=[name for name in body.participants if name.strip()],
        companies=[name for name in body.companies if name.strip()],
        notes=body.notes,
        outcomes=[OutcomeInput(**outcome.model_dump()) for outcome in body.outcomes],
        source=Source.API,
        source_record=f"API token “{token.name}”",
    )
    return Status(201, convert.conversation_out(_conversations(request).get(pk=conversation.pk)))


def _opportunities(request: HttpRequest) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(owner=_token(request).owner).select_related("company")


@router.get("/opportunities", response={200: OpportunitiesPage, **ERRORS}, tags=["opportunities"])
def opportunities_list(
    request: HttpRequest, stage: Text = "", cursor: str = Cursor, limit: int = Limit
) -> Answer:
    opportunities = _opportunities(request)
    if stage:
        opportunities = opportunities.filter(stage=stage)
    return answer(
        request,
        _token(request).owner,
        lambda: cursor_page(
            opportunities, cursor=cursor, limit=limit, convert=convert.opportunity_out
        ),
    )


@router.post(
    "/opportunities/{opportunity_id}/stage",
    response={200: OpportunityOut, 403: Problem, 409: Problem, **ERRORS},
    tags=["opportunities"],
)
def opportunity_stage(request: HttpRequest, opportunity_id: int, body: StageIn) -> dict[str, Any]:
    """Move an opportunity. Moving to `applied` first checks the playbook's rule: talk to
    someone there before you apply (and get the referral first where the company wants
    one); without `confirm` such a move is refused with 409 and the reason."""
    opportunity = opportunity_get(owner=_token(request).owner, pk=opportunity_id)
    if body.stage == Stage.APPLIED and not body.confirm:
        check = apply_check(opportunity=opportunity)
        if check.needs_confirmation:
            raise HttpError(409, _apply_warning(check.needs_referral, opportunity))
    opportunity_move(opportunity=opportunity, stage=body.stage)
    return convert.opportunity_out(opportunity)


def _apply_warning(needs_referral: bool, opportunity: Opportunity) -> str:
    company = opportunity.company.name
    if needs_referral:
        return f"{company} wants a referral before you apply, and you have none yet."
    return f"You have not talked to anyone at {company} lately: connect before you apply."


@router.get("/today", response={200: list[NudgeOut], **ERRORS}, tags=["playbook"])
def today(request: HttpRequest) -> list[dict[str, Any]]:
    """Today's next moves, most urgent first, as on the Today page."""
    return [nudge.as_json() for nudge in nudges_for_today(owner=_token(request).owner)]


@router.get("/search", response={200: list[SearchHitOut], **ERRORS}, tags=["search"])
def search(
    request: HttpRequest, q: Text, limit: int = QueryParam(20, ge=1, le=MAX_LIMIT)
) -> list[dict[str, Any]]:
    """People, companies, conversations and opportunities matching every word of `q`."""
    results = search_select(owner=_token(request).owner, query=q, limit=limit)
    return [
        {
            "type": hit.type,
            "id": hit.id,
            "title": hit.title,
            "snippet": hit.snippet,
            "when": hit.when,
        }
        for hit in results.hits
    ]
