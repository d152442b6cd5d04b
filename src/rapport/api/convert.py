"""Rows as the API shows them."""

from __future__ import annotations

from typing import Any

from rapport.companies.models import Company
from rapport.conversations.models import Conversation
from rapport.network.explain import WarmPath
from rapport.opportunities.models import Opportunity


def company_out(company: Company) -> dict[str, Any]:
    has_protocol = bool(company.referral_channel or company.referral_steps)
    return {
        "id": company.pk,
        "name": company.name,
        "website": company.website,
        "careers_url": company.careers_url,
        "target_status": company.target_status,
        "priority": company.priority,
        "status_reason": company.status_reason,
        "status_by_id": company.status_by_id,
        "referral_protocol": {
            "channel": company.referral_channel,
            "steps": company.referral_steps,
            "apply_order": company.referral_apply_order,
            "learned_from_id": company.referral_learned_from_id,
            "learned_on": company.referral_learned_on,
        }
        if has_protocol
        else None,
    }


def conversation_out(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.pk,
        "occurred_on": conversation.occurred_on,
        "channel": conversation.channel,
        "participants": [p.pk for p in conversation.participants.all()],
        "companies": [c.pk for c in conversation.companies.all()],
        "notes": conversation.notes,
        "outcomes": [{"kind": o.kind, "text": o.text} for o in conversation.outcomes.all()],
        "source": conversation.source,
    }


def opportunity_out(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "id": opportunity.pk,
        "title": opportunity.title,
        "company_id": opportunity.company_id,
        "company": opportunity.company.name,
        "stage": opportunity.stage,
        "url": opportunity.url,
        "advertised": opportunity.advertised,
        "deadline": opportunity.deadline,
        "referrer_id": opportunity.referrer_id,
    }


def path_out(path: WarmPath) -> dict[str, Any]:
    return {
        "degree": path.degree,
        "people": [person.full_name for person in path.people],
        "person_ids": [person.pk for person in path.people],
        "explanation": path.explanation,
        "score": path.score,
    }
