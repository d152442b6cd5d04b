"""The write tools' two halves: a preview that changes nothing, and the write it describes.

Writes go through the same services as the log form and the follow-up form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from mcp.server.mcpserver.exceptions import ToolError

from rapport.accounts.models import User
from rapport.companies.selectors import company_named
from rapport.conversations.models import Channel
from rapport.conversations.services import OutcomeInput, conversation_log, outcome_input_errors
from rapport.core.models import Source
from rapport.mcp_server.confirmations import Write
from rapport.mcp_server.reads import person_named, plain
from rapport.people.selectors import people_named
from rapport.playbook.models import FollowUpKind
from rapport.playbook.services import followup_create
from rapport.postings.reading import PostingData
from rapport.postings.services import posting_save

# What the tools write says so (Source.API): on its page, "via an AI assistant (rapport mcp)".
ASSISTANT = "an AI assistant (rapport mcp)"


def day(text: str | None) -> date:
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ToolError(f"{text!r} is not a date: write it as YYYY-MM-DD.") from error


def conversation_preview(
    owner: User,
    *,
    occurred_on: date,
    channel: str,
    participants: Sequence[str],
    companies: Sequence[str],
    notes: str,
    outcomes: Sequence[OutcomeInput],
) -> tuple[dict[str, Any], Write]:
    """What logging this conversation would do, and the write that does it."""
    participants = [name.strip() for name in participants if name.strip()]
    companies = [name.strip() for name in companies if name.strip()]
    _check_conversation(channel, participants, outcomes)
    preview = {
        "would_log": {"date": occurred_on, "channel": channel, "notes": notes},
        "participants": [_person_state(owner, name) for name in participants],
        "companies": [
            {"name": name, "new": company_named(owner=owner, name=name) is None}
            for name in companies
        ],
        "outcomes": [asdict(outcome) for outcome in outcomes],
    }

    def write() -> dict[str, Any]:
        try:
            conversation = conversation_log(
                owner=owner,
                occurred_on=occurred_on,
                channel=channel,
                participants=participants,
                companies=companies,
                notes=notes,
                outcomes=outcomes,
                source=Source.API,
                source_record=ASSISTANT,
            )
        except ValidationError as error:
            raise ToolError(" ".join(error.messages)) from error
        return {"logged_conversation_id": conversation.pk, "date": occurred_on}

    return plain(preview), write


def _check_conversation(
    channel: str, participants: Sequence[str], outcomes: Sequence[OutcomeInput]
) -> None:
    if not participants:
        raise ToolError("Name at least one person you talked to (participants).")
    if channel not in Channel.values:
        raise ToolError(f"channel must be one of: {', '.join(Channel.values)}.")
    for number, outcome in enumerate(outcomes, 1):
        errors = outcome_input_errors(outcome)
        if errors:
            raise ToolError(f"Outcome {number}: " + " ".join(errors.values()))


def _person_state(owner: User, name: str) -> dict[str, Any]:
    known = people_named(owner=owner, name=name)
    return {"name": name, "new": not known, "person_ids": [p.pk for p in known]}


def follow_up_preview(
    owner: User, *, person: str, due_on: date, kind: str, note: str
) -> tuple[dict[str, Any], Write]:
    found = person_named(owner, person)
    if kind not in FollowUpKind.values:
        raise ToolError(f"kind must be one of: {', '.join(FollowUpKind.values)}.")
    preview = {"person": found.full_name, "person_id": found.pk, "due_on": due_on, "kind": kind}

    def write() -> dict[str, Any]:
        try:
            followup = followup_create(
                owner=owner,
                kind=kind,
                due_on=due_on,
                person=found,
                note=note,
                source=Source.API,
                source_record=ASSISTANT,
            )
        except ValidationError as error:
            raise ToolError(" ".join(error.messages)) from error
        return plain({"follow_up_id": followup.pk, "due_on": due_on, "person": found.full_name})

    return plain({**preview, "note": note}), write


def job_preview(
    owner: User, *, title: str, company: str, url: str, deadline: date | None
) -> tuple[dict[str, Any], Write]:
    """Saving a job as the save-job form does: a new opportunity, or the one saved before
    from the same posting (same link, or the same title at the same company)."""
    title, company = " ".join(title.split()), " ".join(company.split())
    if not title or not company:
        raise ToolError("Give the job's title and the company.")
    if url and not url.startswith(("https://", "http://")):
        raise ToolError("The link must start with https:// or http://.")
    data = PostingData(title=title, company=company, source_url=url, valid_through=deadline)
    preview = {
        "title": title,
        "company": company,
        "new_company": company_named(owner=owner, name=company) is None,
        "url": url,
        "deadline": deadline,
    }

    def write() -> dict[str, Any]:
        try:
            saved = posting_save(owner=owner, data=data, source=Source.API, source_record=ASSISTANT)
        except ValidationError as error:
            raise ToolError(" ".join(error.messages)) from error
        return {"opportunity_id": saved.opportunity.pk, "new": saved.created}

    return plain(preview), write
