"""Saving a posting: a new opportunity, or the one already saved from the same posting.

The same posting is the one with the same apply or source link (once tracking parameters
and the like are gone, see urlkeys), or an open opportunity with the same title at the same
company (any spelling of it: the company keys and aliases every import uses). Saving it
again refreshes the posting's details, title and deadline; the stage, referral and notes
stay as the user left them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create
from rapport.core.models import Source
from rapport.core.text import fold
from rapport.network.selectors import CompanyNotFound, company_find
from rapport.opportunities.models import CLOSED_STAGES, Opportunity
from rapport.opportunities.services import opportunity_create, opportunity_save
from rapport.postings.models import Posting
from rapport.postings.reading import PostingData, ReadFrom
from rapport.postings.reading.description import description_html
from rapport.postings.urlkeys import url_key

OPPORTUNITY_URL_LENGTH = 500


@dataclass(frozen=True)
class SavedJob:
    opportunity: Opportunity
    posting: Posting
    created: bool


def posting_save(
    *,
    owner: User,
    data: PostingData,
    read_from: ReadFrom = ReadFrom.FORM,
    source: str = Source.MANUAL,
    source_record: str = "",
) -> SavedJob:
    """Save `data` as an opportunity with its posting, or update the one saved before.

    `source` and `source_record` say who saved it (Source.API: which program), for what
    this save makes: the opportunity, and its company if it is new."""
    title, company_name = " ".join(data.title.split()), " ".join(data.company.split())
    _require(title=title, company=company_name)
    keys = {key for key in (url_key(data.source_url), url_key(data.apply_url)) if key}
    with transaction.atomic():
        opportunity = _saved_before(owner, keys, company_name, title)
        created = opportunity is None
        if opportunity is None:
            opportunity = opportunity_create(
                owner=owner,
                company=_company(owner, company_name, source),
                title=title,
                url=_opportunity_url(data),
                deadline=data.valid_through,
                source=source,
                source_record=source_record,
            )
        else:
            _refresh(opportunity, data, title)
        posting = _posting_write(opportunity, data, read_from)
    return SavedJob(opportunity=opportunity, posting=posting, created=created)


def _require(*, title: str, company: str) -> None:
    errors = {}
    if not title:
        errors["title"] = "A job title is required."
    if not company:
        errors["company"] = "A company name is required."
    if errors:
        raise ValidationError(errors)


def _saved_before(owner: User, keys: set[str], company: str, title: str) -> Opportunity | None:
    if keys:
        posting = (
            Posting.objects.filter(owner=owner)
            .filter(Q(source_key__in=keys) | Q(apply_key__in=keys))
            .select_related("opportunity")
            .order_by("-updated_at", "-pk")
            .first()
        )
        if posting is not None:
            return posting.opportunity
        linked = _linked_by_url(owner, keys)
        if linked is not None:
            return linked
    return _same_title_at(owner, company, title)


def _linked_by_url(owner: User, keys: set[str]) -> Opportunity | None:
    """An opportunity typed by hand with the posting's link."""
    rows = Opportunity.objects.filter(owner=owner).exclude(url="").values_list("pk", "url")
    found = [pk for pk, url in rows if url_key(url) in keys]
    return Opportunity.objects.filter(pk=max(found)).first() if found else None


def _same_title_at(owner: User, company: str, title: str) -> Opportunity | None:
    try:
        known = company_find(owner=owner, text=company)
    except CompanyNotFound:
        return None
    rows = (
        Opportunity.objects.filter(owner=owner, company=known)
        .exclude(stage__in=CLOSED_STAGES)
        .order_by("-updated_at", "-pk")
    )
    return next((o for o in rows if fold(o.title) == fold(title)), None)


def _company(owner: User, name: str, source: str) -> Company:
    """The company this name means (its key or an alias), made if there is none."""
    try:
        return company_find(owner=owner, text=name)
    except CompanyNotFound:
        company, _ = company_find_or_create(owner=owner, name=name, source=source)
        return company


def _opportunity_url(data: PostingData) -> str:
    for url in (data.source_url, data.apply_url):
        if url and len(url) <= OPPORTUNITY_URL_LENGTH:
            return url
    return ""


def _refresh(opportunity: Opportunity, data: PostingData, title: str) -> None:
    opportunity.title = title
    opportunity.deadline = data.valid_through or opportunity.deadline
    opportunity.url = opportunity.url or _opportunity_url(data)
    opportunity_save(opportunity=opportunity)


def _posting_write(opportunity: Opportunity, data: PostingData, read_from: ReadFrom) -> Posting:
    posting = Posting.objects.filter(opportunity=opportunity).first() or Posting(
        owner_id=opportunity.owner_id, opportunity=opportunity
    )
    salary = data.salary
    posting.source_url = data.source_url
    posting.apply_url = data.apply_url
    posting.source_key = url_key(data.source_url)
    posting.apply_key = url_key(data.apply_url)
    posting.location = data.location.strip()
    posting.remote = data.remote
    posting.employment_type = data.employment_type.strip()
    posting.salary_min, posting.salary_max = salary.minimum, salary.maximum
    posting.salary_currency = salary.currency
    posting.salary_period = salary.period
    posting.date_posted = data.date_posted
    posting.valid_through = data.valid_through
    posting.description = description_html(data.description)
    posting.read_from = read_from
    posting.full_clean(exclude=["owner", "opportunity"])
    posting.save()
    return posting
