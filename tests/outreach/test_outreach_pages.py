"""Outreach from the person page, a warm path and the company page: drafts, recording, replies."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.services import conversation_log
from rapport.network.models import IntroductionRequest
from rapport.network.services import acquaintance_record
from rapport.outreach.models import Attempt, AttemptKind
from rapport.people.models import ContactKind, ContactPoint, Person
from rapport.people.services import person_create


@pytest.fixture
def stripe(owner: User) -> Company:
    company, _ = company_find_or_create(owner=owner, name="Stripe")
    return company


@pytest.fixture
def ana(owner: User, stripe: Company) -> Person:
    person = person_create(owner=owner, full_name="Ana Souza")
    employment_add(person=person, company=stripe, title="Data Engineer")
    ContactPoint.objects.create(
        owner=owner, person=person, kind=ContactKind.EMAIL, value="ana@example.com"
    )
    return person


def _write_url(person: Person, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"person": person.pk, **params}.items())
    return f"{reverse('outreach:new')}?{query}"


def test_the_person_page_offers_a_draft_that_follows_the_method(
    client_owner: Client, ana: Person, stripe: Company
) -> None:
    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert _write_url(ana).replace("&", "&amp;") in page

    response = client_owner.get(_write_url(ana))

    assert response.status_code == 200
    form = response.context["form"]
    body = form.initial["message"]
    assert body.startswith("Hi Ana,\n\nI came across your work as Data Engineer at Stripe.")
    assert "Could I ask you a few questions about your experience at Stripe?" in body
    assert len(body.split()) <= 100
    assert "job" not in body.lower()
    assert form.initial["subject"] == "Your insight on Stripe?"
    html = response.content.decode()
    assert (
        'href="mailto:ana@example.com?subject=Your%20insight%20on%20Stripe%3F&amp;body=Hi%20Ana'
        in html
    )


def test_i_sent_it_records_the_attempt_apart_from_conversations(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    response = client_owner.post(
        _write_url(ana, kind="alumnus"),
        {
            "channel": "linkedin",
            "sent_on": "2026-11-20",
            "subject": "Hello",
            "message": "Hi Ana, could I ask you about Stripe?",
        },
    )

    assert response.status_code == 302
    attempt = Attempt.objects.get(owner=owner)
    assert (attempt.person, attempt.company, attempt.kind, attempt.channel) == (
        ana,
        stripe,
        AttemptKind.ALUMNUS,
        "linkedin",
    )
    assert attempt.message == "Hi Ana, could I ask you about Stripe?"
    assert ana.conversations.count() == 0
    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "Waiting for a reply" in page
    assert "20 Nov 2026" in page


def test_a_logged_conversation_closes_the_attempt(
    client_owner: Client, owner: User, ana: Person
) -> None:
    client_owner.post(_write_url(ana), {"channel": "email", "sent_on": "2026-11-20"})
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 24),
        channel="call",
        participants=["Ana Souza"],
    )

    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()

    assert "Replied: you talked, 24 Nov" in page
    assert "Waiting for a reply" not in page


def test_a_reply_can_be_noted_and_not_before_the_message(
    client_owner: Client, owner: User, ana: Person
) -> None:
    client_owner.post(_write_url(ana), {"channel": "email", "sent_on": "2026-11-20"})
    attempt = Attempt.objects.get(owner=owner)
    url = reverse("outreach:replied", args=[attempt.pk])

    early = client_owner.post(url, {"replied_on": "2026-11-19"}, follow=True)
    assert "A reply cannot come before the message." in early.content.decode()
    client_owner.post(url, {"replied_on": "2026-11-23"})

    attempt.refresh_from_db()
    assert attempt.replied_on == dt.date(2026, 11, 23)
    detail = client_owner.get(reverse("outreach:detail", args=[attempt.pk])).content.decode()
    assert "Replied on 23 Nov 2026" in detail


def test_a_message_in_the_future_is_refused_and_nothing_is_recorded(
    client_owner: Client, owner: User, ana: Person
) -> None:
    response = client_owner.post(_write_url(ana), {"channel": "email", "sent_on": "2999-01-01"})

    assert response.status_code == 200
    assert "not a day in the future" in response.content.decode()
    assert not Attempt.objects.filter(owner=owner).exists()


def test_from_a_warm_path_asking_for_an_introduction_is_recorded_in_both_places(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    carla = person_create(owner=owner, full_name="Carla Mendes")
    acquaintance_record(owner=owner, person=carla, knows=ana)
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 10, 1),
        channel="coffee",
        participants=["Carla Mendes"],
    )
    ask = reverse("outreach:ask", args=[stripe.pk, carla.pk, ana.pk])
    company_page = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()
    assert f'href="{ask}"' in company_page

    draft = client_owner.get(ask).context["form"].initial["message"]
    assert draft.startswith("Hi Carla,")
    assert "Would you be comfortable introducing us?" in draft
    assert len(draft.split()) <= 100
    client_owner.post(ask, {"channel": "email", "sent_on": "2026-11-20", "message": draft})

    attempt = Attempt.objects.get(owner=owner)
    assert (attempt.person, attempt.introduce_to, attempt.kind) == (
        carla,
        ana,
        AttemptKind.INTRODUCTION,
    )
    request = IntroductionRequest.objects.get(owner=owner)
    assert (request.introducer, request.target, request.asked_on) == (
        carla,
        ana,
        dt.date(2026, 11, 20),
    )
    company_page = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()
    assert "You asked Carla Mendes for this introduction on 20 Nov 2026" in company_page
    assert "Introduction request to Carla Mendes (to meet Ana Souza)" in company_page


def test_the_company_page_offers_to_write_to_each_person_there(
    client_owner: Client, ana: Person, stripe: Company
) -> None:
    page = client_owner.get(reverse("companies:detail", args=[stripe.pk])).content.decode()

    assert f'{_write_url(ana, company=stripe.pk).replace("&", "&amp;")}">Write to Ana Souza' in page


def test_a_follow_up_is_drafted_from_the_first_message(
    client_owner: Client, owner: User, ana: Person
) -> None:
    client_owner.post(
        _write_url(ana), {"channel": "email", "sent_on": "2026-11-13", "subject": "Stripe?"}
    )
    first = Attempt.objects.get(owner=owner)
    url = reverse("outreach:follow_up", args=[first.pk])

    form = client_owner.get(url).context["form"]
    assert form.initial["subject"] == "Re: Stripe?"
    assert "my note of Friday 13 November about Stripe" in form.initial["message"]
    client_owner.post(url, {"channel": "email", "sent_on": "2026-11-24"})

    follow = Attempt.objects.get(owner=owner, kind=AttemptKind.FOLLOW_UP)
    assert follow.follows == first


def test_another_users_person_company_or_message_is_not_found(
    client_other: Client, client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    client_owner.post(_write_url(ana), {"channel": "email", "sent_on": "2026-11-20"})
    attempt = Attempt.objects.get(owner=owner)

    assert client_other.get(_write_url(ana)).status_code == 404
    assert client_other.post(_write_url(ana), {"sent_on": "2026-11-20"}).status_code == 404
    assert client_other.get(reverse("outreach:detail", args=[attempt.pk])).status_code == 404
    assert client_other.get(reverse("outreach:list")).content.decode().count("Ana") == 0
    assert client_owner.get(f"{_write_url(ana)}&company=x").status_code == 404
    assert Attempt.objects.count() == 1


def test_the_mail_link_carries_the_whole_draft(client_owner: Client, ana: Person) -> None:
    response = client_owner.get(_write_url(ana))
    mailto = response.context["mailto"]

    assert unquote(mailto.split("body=")[1]) == response.context["form"].initial["message"]


def test_someone_who_used_to_work_there_gets_the_alumnus_draft(
    client_owner: Client, owner: User, stripe: Company
) -> None:
    cleo = person_create(owner=owner, full_name="Cleo Park")
    employment_add(
        person=cleo, company=stripe, started_on=dt.date(2019, 1, 1), ended_on=dt.date(2023, 1, 1)
    )

    response = client_owner.get(_write_url(cleo, company=stripe.pk))

    assert response.context["kind"] == AttemptKind.ALUMNUS
    assert "I see you used to work at Stripe" in response.context["form"].initial["message"]


def test_the_cached_today_page_drops_the_follow_up_once_a_reply_is_noted(
    client_owner: Client, owner: User, ana: Person, stripe: Company
) -> None:
    sent_on = timezone.localdate() - dt.timedelta(days=12)  # at least 8 business days
    client_owner.post(_write_url(ana), {"channel": "email", "sent_on": sent_on.isoformat()})
    attempt = Attempt.objects.get(owner=owner)
    assert "Follow up with Ana Souza" in client_owner.get(reverse("front:home")).content.decode()
    assert "Follow up with Ana Souza" in client_owner.get(reverse("front:home")).content.decode()

    client_owner.post(reverse("outreach:replied", args=[attempt.pk]), {"replied_on": sent_on})

    assert (
        "Follow up with Ana Souza" not in client_owner.get(reverse("front:home")).content.decode()
    )
