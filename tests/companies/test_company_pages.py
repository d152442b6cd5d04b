from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder, Company, TargetStatus
from rapport.companies.services import (
    company_find_or_create,
    company_set_referral_protocol,
    company_set_target,
    employment_add,
    employment_end,
)
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.core.text import company_key
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_create

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def ana(owner: User) -> Person:
    return person_create(owner=owner, full_name="Ana Souza")


@pytest.fixture
def stripe(owner: User) -> Company:
    return company_find_or_create(owner=owner, name="Stripe")[0]


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Canva",
        "website": "https://www.canva.com",
        "careers_url": "https://www.canva.com/careers",
        "notes": "Design tools.",
        "target_status": TargetStatus.TARGET,
        "priority": "2",
        "status_reason": "Great data culture",
        "status_by": "",
    }
    data.update(overrides)
    return data


# The list


def test_the_list_has_tabs_with_counts_and_marks_the_current_one(
    client_owner: Client, owner: User, stripe: Company
) -> None:
    company_set_target(company=stripe, status=TargetStatus.TARGET)
    company_find_or_create(owner=owner, name="Globex")

    html = client_owner.get(reverse("companies:list"), {"status": "target"}).content.decode()

    assert f'href="{reverse("companies:list")}?status=target" aria-current="page"' in html
    assert 'Targets <span class="badge">1</span>' in html
    assert 'All <span class="badge">2</span>' in html
    assert "Globex" not in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [("target", ["Stripe"]), ("avoid", ["Initech"]), ("none", ["Globex"]), ("", None)],
)
def test_the_list_filters_by_status(
    client_owner: Client, owner: User, stripe: Company, status: str, expected: list[str] | None
) -> None:
    company_set_target(company=stripe, status=TargetStatus.TARGET, priority=1)
    initech, _ = company_find_or_create(owner=owner, name="Initech")
    company_set_target(company=initech, status=TargetStatus.AVOID)
    company_find_or_create(owner=owner, name="Globex")

    companies = client_owner.get(reverse("companies:list"), {"status": status}).context["companies"]

    assert [c.name for c in companies] == (expected or ["Stripe", "Globex", "Initech"])


def test_the_list_searches_by_name(client_owner: Client, owner: User, stripe: Company) -> None:
    company_find_or_create(owner=owner, name="Globex")
    companies = client_owner.get(reverse("companies:list"), {"q": "strip"}).context["companies"]
    assert companies == [stripe]


def test_each_target_shows_people_there_open_leads_and_who_recommended_it(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    company_set_target(
        company=stripe, status=TargetStatus.TARGET, priority=3, by=ana, reason="Kind managers"
    )
    employment_add(person=ana, company=stripe)
    opportunity_create(owner=owner, company=stripe, title="Analyst")
    opportunity_create(owner=owner, company=stripe, title="Old", stage=Stage.REJECTED)

    response = client_owner.get(reverse("companies:list"), {"status": "target"})
    html = response.content.decode()

    assert response.context["companies"][0].open_opportunities == 1
    assert "Recommended by" in html
    assert reverse("people:detail", args=[ana.pk]) in html
    assert "Kind managers" in html
    assert '<td data-label="Priority">3</td>' in html  # its priority


def test_the_list_needs_the_same_queries_for_more_companies(
    client_owner: Client, owner: User, ana: Person
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_owner.get(reverse("companies:list"))
        return len(captured)

    company_find_or_create(owner=owner, name="First")
    before = queries()
    for i in range(5):
        company, _ = company_find_or_create(owner=owner, name=f"Company {i}")
        company_set_target(company=company, status=TargetStatus.TARGET, by=ana)
        employment_add(person=ana, company=company)
        opportunity_create(owner=owner, company=company, title="Role")

    assert queries() == before


def test_the_empty_target_list_teaches_what_to_do(client_owner: Client) -> None:
    html = client_owner.get(reverse("companies:list"), {"status": "target"}).content.decode()
    assert "Add the companies you would like to work for" in html
    assert "share this list in your conversations" in html


def test_the_list_paginates(client_owner: Client, owner: User) -> None:
    Company.objects.bulk_create(
        Company(owner=owner, name=f"Company {i:03d}", name_key=company_key(f"Company {i:03d}"))
        for i in range(51)
    )
    second = client_owner.get(reverse("companies:list"), {"page": 2})
    assert [c.name for c in second.context["companies"]] == ["Company 050"]


# Create, edit, delete


def test_adding_a_company_puts_it_on_the_list_with_who_recommended_it(
    client_owner: Client, owner: User, ana: Person
) -> None:
    response = client_owner.post(
        reverse("companies:create"), _form(status_by=f"Ana Souza (#{ana.pk})")
    )

    canva = Company.objects.get(owner=owner, name="Canva")
    assert response["Location"] == reverse("companies:detail", args=[canva.pk])
    assert (canva.target_status, canva.priority, canva.status_by) == ("target", 2, ana)
    assert canva.status_reason == "Great data culture"
    assert canva.careers_url == "https://www.canva.com/careers"


def test_the_new_company_form_can_start_on_the_target_list(client_owner: Client) -> None:
    form = client_owner.get(reverse("companies:create"), {"status": "target"}).context["form"]
    assert form["target_status"].value() == "target"


def test_another_spelling_of_a_company_is_refused_naming_the_existing_one(
    client_owner: Client, owner: User, stripe: Company
) -> None:
    response = client_owner.post(reverse("companies:create"), _form(name="Stripe, Inc."))

    errors = response.context["form"].errors["name"]
    assert "You already have 'Stripe'" in errors[0]
    assert Company.objects.filter(owner=owner).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"website": "not a url"}, "website"),
        ({"priority": "0"}, "priority"),
        ({"target_status": "maybe"}, "target_status"),
        ({"status_by": "Nobody We Know"}, "status_by"),
    ],
)
def test_invalid_input_shows_a_field_error_and_writes_nothing(
    client_owner: Client, owner: User, overrides: dict[str, str], field: str
) -> None:
    response = client_owner.post(reverse("companies:create"), _form(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Company.objects.filter(owner=owner).exists()


def test_editing_a_company_keeps_the_conversation_its_status_came_from(
    client_owner: Client, owner: User, ana: Person
) -> None:
    conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=[str(ana)],
        outcomes=[OutcomeInput(kind=OutcomeKind.RECOMMEND, company="Canva", text="Great")],
    )
    canva = Company.objects.get(owner=owner, name="Canva")
    source = canva.status_conversation_id

    client_owner.post(
        reverse("companies:edit", args=[canva.pk]),
        _form(status_by=f"Ana Souza (#{ana.pk})", status_reason="Great", priority=""),
    )
    canva.refresh_from_db()
    assert canva.website == "https://www.canva.com"
    assert canva.status_conversation_id == source

    client_owner.post(
        reverse("companies:edit", args=[canva.pk]),
        _form(target_status="avoid", status_by="", status_reason="Layoffs"),
    )
    canva.refresh_from_db()
    assert (canva.target_status, canva.priority, canva.status_by) == ("avoid", None, None)
    assert canva.status_conversation_id is None


def test_an_invalid_edit_changes_nothing(
    client_owner: Client, owner: User, stripe: Company
) -> None:
    company_find_or_create(owner=owner, name="Globex")

    response = client_owner.post(reverse("companies:edit", args=[stripe.pk]), _form(name="Globex"))

    assert "name" in response.context["form"].errors
    assert "Edit Stripe" in response.content.decode()
    stripe.refresh_from_db()
    assert stripe.name == "Stripe"
    assert stripe.target_status == TargetStatus.NONE


def test_deleting_a_company_asks_first_and_deletes_on_post(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    employment_add(person=ana, company=stripe)
    url = reverse("companies:delete", args=[stripe.pk])

    confirm = client_owner.get(url).content.decode()
    assert "Delete Stripe?" in confirm
    assert "1 job" in confirm
    assert Company.objects.filter(pk=stripe.pk).exists()

    response = client_owner.post(url)
    assert response["Location"] == reverse("companies:list")
    assert not Company.objects.filter(pk=stripe.pk).exists()
    assert Person.objects.filter(pk=ana.pk).exists()


# Detail


def test_the_company_page_shows_why_it_is_a_target_and_where_it_was_said(
    client_owner: Client, owner: User, ana: Person
) -> None:
    conversation = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=[str(ana)],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.RECOMMEND, company="Canva", text="Great data culture")
        ],
    )
    canva = Company.objects.get(owner=owner, name="Canva")
    company_find_or_create(owner=owner, name="canva pty ltd")

    html = client_owner.get(reverse("companies:detail", args=[canva.pk])).content.decode()

    assert '<span class="badge target">' in html
    assert "canva pty ltd" in html
    assert "Recommended by" in html
    assert reverse("people:detail", args=[ana.pk]) in html
    assert "Great data culture" in html
    assert reverse("conversations:detail", args=[conversation.pk]) in html


def test_the_company_page_asks_current_employees_for_the_referral_protocol(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    employment_add(person=ana, company=stripe)
    bo = person_create(owner=owner, full_name="Bo Lindqvist")
    employment_end(employment=employment_add(person=bo, company=stripe), ended_on=DAY)

    response = client_owner.get(reverse("companies:detail", args=[stripe.pk]))
    html = response.content.decode()

    assert "Ask someone who works here how referrals work" in html
    assert response.context["profile"].current_people == [ana]
    assert "Used to work there" in html
    assert reverse("people:detail", args=[bo.pk]) in html


def test_the_company_page_shows_a_known_referral_protocol(
    client_owner: Client, ana: Person, stripe: Company
) -> None:
    company_set_referral_protocol(
        company=stripe,
        channel="Internal referral portal",
        steps="Send your CV to the referrer",
        apply_order=ApplyOrder.REFERRAL_FIRST,
        learned_from=ana,
        learned_on=DAY,
    )

    html = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()

    assert "Internal referral portal" in html
    assert "Get the referral before applying" in html
    assert "Send your CV to the referrer" in html
    assert "20 Nov 2026" in html
    assert "Ask someone who works here" not in html


def test_the_company_page_lists_conversations_about_it_once_and_its_opportunities(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    discussed = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="call",
        participants=[str(ana)],
        companies=["Stripe", "Globex", "Initech"],
        outcomes=[OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="SQL test")],
    )
    about = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="video",
        participants=[str(ana)],
        outcomes=[OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title="Data Analyst")],
    )
    conversation_log(owner=owner, occurred_on=DAY, channel="email", participants=[str(ana)])

    response = client_owner.get(reverse("companies:detail", args=[stripe.pk]))
    html = response.content.decode()

    assert {c.pk for c in response.context["profile"].conversations} == {discussed.pk, about.pk}
    assert len(response.context["profile"].conversations) == 2
    lead = Opportunity.objects.get(owner=owner, company=stripe)
    assert reverse("opportunities:detail", args=[lead.pk]) in html
    assert "stage-lead" in html
    assert "Hidden lead" in html


def test_company_notes_are_sanitised_markdown(client_owner: Client, stripe: Company) -> None:
    stripe.notes = "*Payments*\n\n<script>alert('x')</script>"
    stripe.save()
    html = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()
    assert "<em>Payments</em>" in html
    assert "<script>alert" not in html


# Quick actions


def test_the_quick_form_moves_a_company_to_the_avoid_list(
    client_owner: Client, ana: Person, stripe: Company
) -> None:
    company_set_target(company=stripe, status=TargetStatus.TARGET, priority=1)

    response = client_owner.post(
        reverse("companies:target", args=[stripe.pk]),
        {
            "target_status": "avoid",
            "priority": "",
            "status_reason": "Layoffs",
            "status_by": "ana souza",
        },
    )

    assert response["Location"] == reverse("companies:detail", args=[stripe.pk])
    stripe.refresh_from_db()
    assert (stripe.target_status, stripe.priority) == ("avoid", None)
    assert (stripe.status_by, stripe.status_reason) == (ana, "Layoffs")


def test_the_quick_form_shows_errors_and_changes_nothing(
    client_owner: Client, stripe: Company
) -> None:
    response = client_owner.post(
        reverse("companies:target", args=[stripe.pk]),
        {"target_status": "target", "priority": "-1", "status_reason": "", "status_by": ""},
    )

    assert "priority" in response.context["target_form"].errors
    stripe.refresh_from_db()
    assert stripe.target_status == TargetStatus.NONE


def test_the_referral_protocol_form_saves_what_was_learned(
    client_owner: Client, ana: Person, stripe: Company
) -> None:
    employment_add(person=ana, company=stripe)
    url = reverse("companies:protocol", args=[stripe.pk])
    ana_link = f'<a href="{reverse("people:detail", args=[ana.pk])}">Ana Souza</a>'
    assert f"you know {ana_link} there" in client_owner.get(url).content.decode()

    client_owner.post(
        url,
        {
            "channel": "Referral portal",
            "steps": "Ask the hiring manager first",
            "apply_order": ApplyOrder.REFERRAL_FIRST,
            "learned_from": f"Ana Souza (#{ana.pk})",
            "learned_on": "2026-11-20",
        },
    )

    stripe.refresh_from_db()
    assert stripe.referral_channel == "Referral portal"
    assert stripe.referral_apply_order == ApplyOrder.REFERRAL_FIRST
    assert (stripe.referral_learned_from, stripe.referral_learned_on) == (ana, DAY)


def test_the_company_suggestions_read_the_value_an_htmx_input_sends(
    client_owner: Client, stripe: Company
) -> None:
    response = client_owner.get(reverse("companies:suggest"), {"company": "str"})
    assert '<option value="Stripe">' in response.content.decode()
