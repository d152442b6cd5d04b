"""Mail from applicant-tracking systems moves the matching application, once confirmed.

The mails follow what each system sends (sender addresses and subjects seen in the wild:
Greenhouse's no-reply@us.greenhouse-mail.io, Lever's hire.lever.co, Workday's
<company>@myworkday.com, Ashby, SmartRecruiters, LinkedIn's jobs-noreply); they are written
here, not exported from those systems."""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_world import mail, mbox_file

from rapport.accounts.models import User
from rapport.capture.models import Suggestion, SuggestionKind
from rapport.capture.services import capture_import_file
from rapport.capture.suggestions import suggestion_accept
from rapport.companies.services import company_find_or_create
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create

pytestmark = pytest.mark.django_db
ME = "Olivia Owner <olivia.owner@gmail.com>"


def _lead(owner: User, company: str, title: str, stage: str = Stage.LEAD) -> Opportunity:
    found, _ = company_find_or_create(owner=owner, name=company)
    return opportunity_create(owner=owner, company=found, title=title, stage=stage)


def _import(owner: User, tmp_path: Path, *messages) -> dict[str, object]:
    path = mbox_file(tmp_path / "applications.mbox", list(messages))
    return capture_import_file(owner=owner, kind="mbox", path=path).as_dict()


def _stages(owner: User) -> dict[str, str]:
    rows = Suggestion.objects.filter(owner=owner, kind=SuggestionKind.STAGE)
    return {
        s.opportunity.company.name: s.stage for s in rows.select_related("opportunity__company")
    }


@pytest.mark.parametrize(
    ("sender", "subject", "body", "stage"),
    [
        (
            "Stripe Hiring Team <no-reply@us.greenhouse-mail.io>",
            "Thank you for applying to Stripe",
            "We've received your application for Data Analyst.",
            Stage.APPLIED,
        ),
        (
            "Stripe <no-reply@us.greenhouse-mail.io>",
            "Stripe | Update on your application",
            "We've decided not to move forward with your application at this time.",
            Stage.REJECTED,
        ),
        (
            "Stripe Recruiting <no-reply@hire.lever.co>",
            "Interview invitation: Data Analyst",
            "We'd love to schedule an interview with you. Please share your availability.",
            Stage.INTERVIEWING,
        ),
        (
            "stripe@myworkday.com",
            "Your application has been received",
            "Thank you for applying to Data Analyst.",
            Stage.APPLIED,
        ),
        (
            "Stripe <no-reply@ashbyhq.com>",
            "Stripe: an offer",
            "We are pleased to offer you the role.",
            Stage.OFFER,
        ),
        (
            "LinkedIn <jobs-noreply@linkedin.com>",
            "Olivia, your application was sent to Stripe",
            "Your application was sent to Stripe.",
            Stage.APPLIED,
        ),
        (
            "Stripe <notification@smartrecruiters.com>",
            "Your application at Stripe",
            "Unfortunately we will not be progressing your application.",
            Stage.REJECTED,
        ),
    ],
)
def test_each_system_moves_the_application_it_names(owner, tmp_path, sender, subject, body, stage):
    _lead(owner, "Stripe", "Data Analyst")
    result = _import(
        owner, tmp_path, mail(sender, ME, subject, "Mon, 02 Nov 2026 09:00:00 +0000", body)
    )
    assert _stages(owner) == {"Stripe": stage}
    assert result["suggestions"]["created"] == 1


def test_accepting_moves_the_opportunity(owner, tmp_path):
    lead = _lead(owner, "Stripe", "Data Analyst")
    _import(
        owner,
        tmp_path,
        mail(
            "Stripe <no-reply@us.greenhouse-mail.io>",
            ME,
            "Thank you for applying to Stripe",
            "Mon, 02 Nov 2026 09:00:00 +0000",
        ),
    )
    suggestion = Suggestion.objects.get(owner=owner)
    suggestion_accept(suggestion=suggestion)
    lead.refresh_from_db()
    assert lead.stage == Stage.APPLIED


def test_a_mail_about_a_company_you_do_not_follow_moves_nothing_and_is_counted(owner, tmp_path):
    _lead(owner, "Stripe", "Data Analyst")
    result = _import(
        owner,
        tmp_path,
        mail(
            "Initech <no-reply@us.greenhouse-mail.io>",
            ME,
            "Thank you for applying to Initech",
            "Mon, 02 Nov 2026 09:00:00 +0000",
        ),
    )
    assert _stages(owner) == {}
    assert result["skipped"] == {"application mail for no opportunity you follow": 1}


def test_a_stage_already_reached_is_not_suggested_again(owner, tmp_path):
    _lead(owner, "Stripe", "Data Analyst", stage=Stage.INTERVIEWING)
    _import(
        owner,
        tmp_path,
        mail(
            "Stripe <no-reply@us.greenhouse-mail.io>",
            ME,
            "Thank you for applying to Stripe",
            "Mon, 02 Nov 2026 09:00:00 +0000",
        ),
    )
    assert _stages(owner) == {}


def test_the_right_one_of_two_openings_by_company(owner, tmp_path):
    _lead(owner, "Stripe", "Data Analyst")
    _lead(owner, "Acme", "Engineer")
    _import(
        owner,
        tmp_path,
        mail(
            "Acme Talent <no-reply@hire.lever.co>",
            ME,
            "Your application to Acme",
            "Mon, 02 Nov 2026 09:00:00 +0000",
            "Thanks for applying! We have received your application.",
        ),
    )
    assert _stages(owner) == {"Acme": Stage.APPLIED}
