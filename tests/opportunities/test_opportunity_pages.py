"""An opportunity's page (protocol, insights, people there), its form and its deletion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder, Company
from rapport.companies.services import (
    company_find_or_create,
    company_set_referral_protocol,
    employment_add,
)
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person
from rapport.people.services import person_create


@pytest.fixture
def stripe(owner: User) -> Company:
    return company_find_or_create(owner=owner, name="Stripe")[0]


@pytest.fixture
def opportunity(owner: User, stripe: Company) -> Opportunity:
    return opportunity_create(owner=owner, company=stripe, title="Data Analyst")


def _detail(client: Client, opportunity: Opportunity) -> str:
    response = client.get(reverse("opportunities:detail", args=[opportunity.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_an_unknown_protocol_says_whom_to_ask(
    client_owner: Client, owner: User, stripe: Company, opportunity: Opportunity
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    employment_add(person=ana, company=stripe, title="Engineer")
    page = _detail(client_owner, opportunity)
    assert 'class="protocol unknown"' in page
    assert "Ask someone at Stripe how referrals work before you apply" in page
    assert "Ana Souza" in page


def test_a_known_protocol_is_shown(
    client_owner: Client, owner: User, stripe: Company, opportunity: Opportunity
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    company_set_referral_protocol(
        company=stripe,
        channel="Internal referral tool",
        steps="Send your CV to your contact.",
        apply_order=ApplyOrder.REFERRAL_FIRST,
        learned_from=ana,
        learned_on=dt.date(2026, 11, 2),
    )
    page = _detail(client_owner, opportunity)
    assert 'class="protocol"' in page
    assert "Internal referral tool" in page
    assert "Get the referral before applying" in page
    assert "Send your CV to your contact." in page


def test_insights_about_the_role_and_the_company_are_gathered(
    client_owner: Client, owner: User, opportunity: Opportunity
) -> None:
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 2),
        channel="coffee",
        participants=["Ana Souza"],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="They love SQL."),
            OutcomeInput(
                kind=OutcomeKind.INSIGHT,
                company="Stripe",
                title="Data Analyst",
                text="The team ships weekly.",
            ),
            OutcomeInput(kind=OutcomeKind.INSIGHT, company="Canva", text="Not about Stripe."),
        ],
    )
    page = _detail(client_owner, opportunity)
    assert "They love SQL." in page
    assert "The team ships weekly." in page
    assert "Not about Stripe." not in page


def test_people_you_know_there_come_with_a_log_link(
    client_owner: Client, owner: User, stripe: Company, opportunity: Opportunity
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    former = person_create(owner=owner, full_name="Former Colleague")
    employment_add(person=ana, company=stripe, title="Engineer")
    employment_add(
        person=former, company=stripe, started_on=dt.date(2020, 1, 1), ended_on=dt.date(2021, 1, 1)
    )
    page = _detail(client_owner, opportunity)
    section = page[page.index('id="people-heading"') :]
    assert "Ana Souza" in section
    assert f"{reverse('conversations:log')}?with={ana.pk}&amp;company={stripe.pk}" in section
    assert "Former Colleague" not in section


def test_creating_an_opportunity_by_company_name(client_owner: Client, owner: User) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    response = client_owner.post(
        reverse("opportunities:create"),
        {
            "company": "Canva",
            "title": "Analytics Engineer",
            "url": "https://canva.com/jobs/1",
            "stage": "researching",
            "referrer": f"Ana Souza (#{ana.pk})",
            "referral_channel": "Referral portal",
            "tailoring_notes": "Stress dbt.",
        },
    )
    opportunity = Opportunity.objects.get(owner=owner)
    assert response.headers["Location"] == reverse("opportunities:detail", args=[opportunity.pk])
    assert opportunity.company.name == "Canva"
    assert opportunity.stage == Stage.RESEARCHING
    assert opportunity.advertised is False  # the box was not ticked
    assert opportunity.referrer == ana
    assert opportunity.referral_channel == "Referral portal"


def test_the_create_form_prefills_the_company(client_owner: Client, stripe: Company) -> None:
    page = client_owner.get(
        reverse("opportunities:create"), {"company": stripe.pk}
    ).content.decode()
    assert 'name="company" value="Stripe"' in page


def test_the_form_refuses_a_bad_url_and_a_missing_title(client_owner: Client, owner: User) -> None:
    response = client_owner.post(
        reverse("opportunities:create"), {"company": "Canva", "url": "not a url", "stage": "lead"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid URL." in page
    assert "This field is required." in page
    assert not Opportunity.objects.filter(owner=owner).exists()
    assert not Company.objects.filter(owner=owner).exists()


def test_the_form_refuses_another_users_referrer(
    client_owner: Client, owner: User, other: User
) -> None:
    theirs = person_create(owner=other, full_name="Secret Person")
    response = client_owner.post(
        reverse("opportunities:create"),
        {
            "company": "Canva",
            "title": "Analyst",
            "stage": "lead",
            "referrer": f"Secret Person (#{theirs.pk})",
        },
    )
    assert 'id="id_referrer_error"' in response.content.decode()
    assert not Opportunity.objects.filter(owner=owner).exists()
    assert not Company.objects.filter(owner=owner).exists()


def test_editing_keeps_the_referrer_and_records_the_stage_change(
    client_owner: Client, owner: User, opportunity: Opportunity
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    opportunity.referrer = ana
    opportunity.save()
    url = reverse("opportunities:edit", args=[opportunity.pk])
    page = client_owner.get(url).content.decode()
    assert f'value="Ana Souza (#{ana.pk})"' in page
    before = opportunity.stage_changed_at
    client_owner.post(
        url,
        {
            "company": "Stripe",
            "title": "Senior Data Analyst",
            "stage": "applied",
            "advertised": "on",
            "referrer": f"Ana Souza (#{ana.pk})",
        },
    )
    opportunity.refresh_from_db()
    assert opportunity.title == "Senior Data Analyst"
    assert opportunity.stage == Stage.APPLIED
    assert opportunity.stage_changed_at > before
    assert opportunity.referrer == ana
    assert Person.objects.filter(owner=owner).count() == 1


def test_deleting_asks_first(client_owner: Client, owner: User, opportunity: Opportunity) -> None:
    url = reverse("opportunities:delete", args=[opportunity.pk])
    assert "Delete Data Analyst at Stripe?" in client_owner.get(url).content.decode()
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    response = client_owner.post(url)
    assert response.headers["Location"] == reverse("opportunities:board")
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert Company.objects.filter(owner=owner, name="Stripe").exists()


@pytest.mark.parametrize("url_name", ["detail", "edit", "move", "delete"])
def test_another_users_opportunity_is_not_found(
    client_other: Client, opportunity: Opportunity, url_name: str
) -> None:
    url = reverse(f"opportunities:{url_name}", args=[opportunity.pk])
    get = client_other.get(url)
    post = client_other.post(url, {"stage": "applied", "company": "X", "title": "Mine now"})
    assert {get.status_code, post.status_code} <= {404, 405}
    assert 404 in {get.status_code, post.status_code}
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.stage) == ("Data Analyst", Stage.LEAD)


def test_the_create_form_ignores_another_users_company(
    client_other: Client, stripe: Company
) -> None:
    response = client_other.get(reverse("opportunities:create"), {"company": stripe.pk})
    assert response.status_code == 200
    assert 'value="Stripe"' not in response.content.decode()
