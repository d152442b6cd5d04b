"""The read tools: each answers one of the job seeker's questions through the selectors the
REST API and the pages use, for one owner only."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils import timezone
from mcp.server.mcpserver.exceptions import ToolError

from rapport.accounts.models import User
from rapport.api import convert
from rapport.api.selectors import person_data
from rapport.companies.models import Company, TargetStatus
from rapport.companies.selectors import companies_list, company_employments
from rapport.network.selectors import CompanyNotFound, company_find, warm_paths
from rapport.people.models import Person
from rapport.people.selectors import people_named, person_get, person_last_contacted
from rapport.playbook.selectors import followups_due, nudges_for_today
from rapport.search.selectors import search as search_select

MAX_LIMIT = 100


def plain(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with dates and the like as JSON strings."""
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return result


def company_named(owner: User, text: str) -> Company:
    try:
        return company_find(owner=owner, text=text)
    except CompanyNotFound as error:
        raise ToolError(error.message) from error


def person_named(owner: User, text: str) -> Person:
    """The person `text` means: an id ("12" or "#12") or a full name, in any accents."""
    text = text.strip()
    if text.lstrip("#").isdigit():
        try:
            return person_get(owner=owner, pk=int(text.lstrip("#")))
        except Http404 as error:
            raise ToolError(f"You have no person with id {text.lstrip('#')}.") from error
    found = people_named(owner=owner, name=text)
    if not found:
        raise ToolError(f"You have no person called {text!r}. Try the search tool.")
    if len(found) > 1:
        ids = ", ".join(f"#{p.pk} {p.headline or p.location}".strip() for p in found)
        raise ToolError(f"Several people are called {text!r}: {ids}. Give the id instead.")
    return found[0]


def who_do_i_know_at(owner: User, company: str) -> dict[str, Any]:
    found = company_named(owner, company)
    current, former = company_employments(company=found)
    return plain(
        {
            "company": found.name,
            "works_there_now": [_job(job.person, job.title) for job in current],
            "worked_there": [_job(job.person, job.title) for job in former],
        }
    )


def _job(person: Person, title: str) -> dict[str, Any]:
    return {"person_id": person.pk, "name": person.full_name, "title": title}


def warm_paths_into(owner: User, company: str, limit: int) -> dict[str, Any]:
    found = company_named(owner, company)
    result = warm_paths(owner=owner, company=found, today=timezone.localdate(), limit=_limit(limit))
    return plain(
        {
            **result.as_dict(),
            "has_referral_path": result.has_referral_path,
            "more": max(result.total - len(result.paths), 0),
        }
    )


def _limit(limit: int) -> int:
    return min(max(limit, 1), MAX_LIMIT)


def referral_protocol(owner: User, company: str) -> dict[str, Any]:
    found = company_named(owner, company)
    data = convert.company_out(found)
    protocol = data["referral_protocol"]
    if protocol is not None:
        learned_from = found.referral_learned_from
        protocol["learned_from"] = learned_from.full_name if learned_from else None
    else:
        data["note"] = (
            f"No referral protocol is recorded for {found.name} yet: ask someone who works "
            "there how referrals go (channel, steps, and whether to apply before or after)."
        )
    return plain(data)


def todays_next_moves(owner: User) -> dict[str, Any]:
    today = timezone.localdate()
    return plain(
        {
            "date": today,
            "nudges": [nudge.as_json() for nudge in nudges_for_today(owner=owner, today=today)],
            "follow_ups": [
                {
                    "kind": f.kind,
                    "person": f.person.full_name if f.person else None,
                    "opportunity": str(f.opportunity) if f.opportunity else None,
                    "due": f.due(),
                    "note": f.note,
                }
                for f in followups_due(owner=owner, today=today)
            ],
        }
    )


def search(owner: User, query: str, limit: int) -> dict[str, Any]:
    if not query.strip():
        raise ToolError("Say what to search for.")
    results = search_select(owner=owner, query=query, limit=_limit(limit))
    return plain(
        {"query": query, "hits": [{**hit.as_json(), "when": hit.when} for hit in results.hits]}
    )


def person_brief(owner: User, person: str) -> dict[str, Any]:
    found = person_named(owner, person)
    conversations = found.conversations.filter(owner=owner).order_by("-occurred_on", "-pk")[:5]
    return plain(
        {
            **(person_data(owner=owner, pk=found.pk) or {}),
            "how_we_met": found.how_we_met,
            "notes": found.notes,
            "introduced_by": found.introduced_by.full_name if found.introduced_by else None,
            "last_contacted": person_last_contacted(person=found),
            "recent_conversations": [
                {"date": c.occurred_on, "channel": c.channel, "notes": c.notes[:500]}
                for c in conversations
            ],
        }
    )


def target_list(owner: User) -> dict[str, Any]:
    targets = companies_list(owner=owner, status=TargetStatus.TARGET)
    return plain(
        {
            "targets": [
                {
                    "company": c.name,
                    "priority": c.priority,
                    "why": c.status_reason,
                    "has_referral_protocol": bool(c.referral_channel or c.referral_steps),
                }
                for c in targets
            ]
        }
    )
