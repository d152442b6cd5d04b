"""What the assistant's write tools write says it came from the assistant, on its page too."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.core.models import Source
from rapport.mcp_server.writes import follow_up_preview, job_preview
from rapport.opportunities.models import Opportunity
from rapport.people.services import person_create
from rapport.playbook.models import FollowUp
from rapport.postings.reading import PostingData
from rapport.postings.services import posting_save

ASSISTANT = "an AI assistant (rapport mcp)"


def test_a_job_saved_by_the_assistant_says_so_on_its_page(
    owner: User, client_owner: Client
) -> None:
    _, write = job_preview(
        owner, title="Data Engineer", company="Quillstone", url="", deadline=None
    )
    saved = write()
    job = Opportunity.objects.get(owner=owner, pk=saved["opportunity_id"])
    assert (job.source, job.source_record) == (Source.API, ASSISTANT)
    assert Company.objects.get(owner=owner, name="Quillstone").source == Source.API
    page = client_owner.get(reverse("opportunities:detail", args=[job.pk])).content.decode()
    assert f"<dt>Saved via</dt><dd>{ASSISTANT}</dd>" in page


def test_a_job_saved_by_hand_says_nothing_of_a_program(owner: User, client_owner: Client) -> None:
    saved = posting_save(owner=owner, data=PostingData(title="Analyst", company="Globex"))
    assert saved.opportunity.source == Source.MANUAL
    page = client_owner.get(
        reverse("opportunities:detail", args=[saved.opportunity.pk])
    ).content.decode()
    assert "Saved via" not in page


def test_a_follow_up_added_by_the_assistant_is_marked(owner: User) -> None:
    person_create(owner=owner, full_name="Helen Ashworth")
    _, write = follow_up_preview(
        owner, person="Helen Ashworth", due_on=date(2030, 1, 15), kind="follow_up", note=""
    )
    written = write()
    followup = FollowUp.objects.get(owner=owner, pk=written["follow_up_id"])
    assert (followup.source, followup.source_record) == (Source.API, ASSISTANT)
