"""Reads about saved postings, always scoped to one owner."""

from __future__ import annotations

from datetime import date
from typing import Any

from rapport.accounts.models import User
from rapport.network.selectors import warm_paths_for_opportunity
from rapport.opportunities.models import Opportunity
from rapport.postings.models import Posting


def posting_of(*, opportunity: Opportunity) -> Posting | None:
    """The posting an opportunity was saved from, if it was saved from one."""
    return Posting.objects.filter(owner_id=opportunity.owner_id, opportunity=opportunity).first()


def warm_path_count(*, owner: User, opportunity: Opportunity, today: date) -> int:
    """How many warm paths lead into the opportunity's company."""
    return warm_paths_for_opportunity(owner=owner, opportunity=opportunity, today=today).total


def saved_job_json(*, opportunity: Opportunity, posting: Posting | None) -> dict[str, Any]:
    """The opportunity as `rapport save-job --json` prints it."""
    return {
        "id": opportunity.pk,
        "title": opportunity.title,
        "company": opportunity.company.name,
        "location": posting.location if posting else "",
        "apply_url": (posting.apply_url if posting else "") or opportunity.url,
        "deadline": opportunity.deadline.isoformat() if opportunity.deadline else None,
    }
