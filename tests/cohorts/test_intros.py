"""Introducible contacts and cohort paths (#18): a student offers contacts, the cohort sees
"Maria in your cohort knows Ana at Stripe: ask Maria" on its warm paths, asks, and Maria
answers. Only a name, a company and a title ever reach another member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.intros import ask_answer, ask_create, cohort_paths, offer_add
from rapport.cohorts.models import AuditAction, AuditEvent, IntroAsk, IntroAskState, IntroOffer
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create, employment_add, employment_end
from rapport.conversations.services import conversation_log
from rapport.people.models import Person
from rapport.people.services import (
    person_create,
    person_ref,
    person_set_contact_points,
    person_set_tags,
)

SECRETS = ["ana.souza@stripe.example", "+1 415 555 0199", "Owes me a favour", "vip-tag", "Visa"]


@dataclass
class Cohort:
    maria: User  # offers Ana
    viewer: User  # in Maria's cohort, targets Stripe
    ana: Person  # Maria's contact, Head of Payments at Stripe
    stripe: Company  # the viewer's own Stripe ("Stripe, Inc.": the same key)
    maria_client: Client
    viewer_client: Client


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _student(name: str, cohort_name: str, **extra: str) -> User:
    user = User.objects.create_user(username=name, password="correct-horse-9", **extra)
    cohort, _ = cohort_get_or_create(name=cohort_name)
    member_set(user=user, role="student", cohorts=[cohort])
    return user


@pytest.fixture
def spring(settings: Settings, db: None) -> Cohort:
    settings.LOCAL_MODE = False
    maria = _student("maria", "Spring 2027", first_name="Maria", last_name="Lopez")
    viewer = _student("victor", "Spring 2027")
    ana = person_create(owner=maria, full_name="Ana Souza", notes=SECRETS[2])
    person_set_contact_points(person=ana, values=SECRETS[:2])
    person_set_tags(person=ana, names=[SECRETS[3]])
    conversation_log(
        owner=maria,
        occurred_on=dt.date(2026, 11, 2),
        channel="coffee",
        participants=[person_ref(ana)],
        notes=f"Talked about the {SECRETS[4]} team.",
    )
    company, _ = company_find_or_create(owner=maria, name="Stripe")
    employment_add(person=ana, company=company, title="Head of Payments")
    stripe, _ = company_find_or_create(owner=viewer, name="Stripe, Inc.")
    return Cohort(maria, viewer, ana, stripe, _client(maria), _client(viewer))


def _offer(c: Cohort) -> IntroOffer:
    response = c.maria_client.post("/cohort/intros/offer/", {"person": c.ana.pk})
    assert response.status_code == 302
    return IntroOffer.objects.get(owner=c.maria, person=c.ana)


def _company_page(c: Cohort, client: Client | None = None) -> str:
    return (client or c.viewer_client).get(f"/companies/{c.stripe.pk}/").content.decode()


def _paths_page(c: Cohort, client: Client | None = None) -> str:
    page = (client or c.viewer_client).get(f"/network/companies/{c.stripe.pk}/")
    assert page.status_code == 200
    return page.content.decode()


PATH = "knows <strong>Ana Souza</strong> at Stripe (Head of Payments): ask Maria Lopez"


def test_an_offered_contact_is_a_cohort_path_on_the_peers_company_and_warm_paths_pages(
    spring: Cohort,
) -> None:
    assert PATH not in _company_page(spring)
    person_page = spring.maria_client.get(f"/people/{spring.ana.pk}/").content.decode()
    assert "Offer to introduce Ana Souza" in person_page
    assert "They see only: Ana Souza, Head of Payments at Stripe." in person_page

    _offer(spring)

    for page in (_company_page(spring), _paths_page(spring)):
        assert "<strong>Maria Lopez</strong> in your cohort " + PATH in page
        assert "Through your cohort" in page
    person_page = spring.maria_client.get(f"/people/{spring.ana.pk}/").content.decode()
    assert "Withdraw the offer" in person_page
    # Maria does not see her own offer as a path into her own Stripe.
    maria_stripe = Company.objects.get(owner=spring.maria)
    assert PATH not in spring.maria_client.get(f"/companies/{maria_stripe.pk}/").content.decode()
    event = AuditEvent.objects.get(subject=spring.maria, action=AuditAction.OFFERED)
    assert event.detail == "Ana Souza (Head of Payments at Stripe)"


def test_the_contacts_details_never_reach_another_member(spring: Cohort) -> None:
    offer = _offer(spring)
    ask_create(requester=spring.viewer, offer=offer, message="Hello Maria")
    pages = [
        _company_page(spring),
        _paths_page(spring),
        spring.viewer_client.get("/cohort/intros/").content.decode(),
        spring.viewer_client.get("/cohort/").content.decode(),
    ]
    assert all("Ana Souza" in page for page in pages[:3])
    for page in pages:
        for secret in SECRETS:
            assert secret not in page
        assert f"/people/{spring.ana.pk}/" not in page


def test_the_path_matches_the_current_job_by_company_key_only(spring: Cohort) -> None:
    _offer(spring)
    acme, _ = company_find_or_create(owner=spring.viewer, name="Acme")
    assert cohort_paths(viewer=spring.viewer, company=acme).total == 0
    assert cohort_paths(viewer=spring.viewer, company=spring.stripe).total == 1

    job = spring.ana.employments.get()
    employment_end(employment=job, ended_on=dt.date(2026, 11, 30))
    assert cohort_paths(viewer=spring.viewer, company=spring.stripe).total == 0
    assert PATH not in _company_page(spring)


def test_a_company_merged_under_another_name_is_matched_by_its_alias(spring: Cohort) -> None:
    _offer(spring)
    spring.stripe.delete()
    payments, _ = company_find_or_create(owner=spring.viewer, name="Payments Co")
    company_find_or_create(owner=spring.viewer, name="Payments Co")
    payments.aliases.create(owner=spring.viewer, name="Stripe")
    assert [p.person for p in cohort_paths(viewer=spring.viewer, company=payments)] == ["Ana Souza"]


@pytest.mark.parametrize("who", ["outsider", "other_cohort", "coach", "local_mode"])
def test_nobody_outside_the_cohort_sees_the_path_or_can_ask(
    spring: Cohort, who: str, settings: Settings
) -> None:
    offer = _offer(spring)
    user = User.objects.create_user(username="olga", password="correct-horse-8")
    if who == "other_cohort":
        autumn, _ = cohort_get_or_create(name="Autumn 2027")
        member_set(user=user, role="student", cohorts=[autumn])
    elif who == "coach":
        spring_cohort, _ = cohort_get_or_create(name="Spring 2027")
        member_set(user=user, role="coach", cohorts=[spring_cohort])
    elif who == "local_mode":
        user = spring.viewer
        settings.LOCAL_MODE = True
    stripe, _ = company_find_or_create(owner=user, name="Stripe")
    client = _client(user)
    assert cohort_paths(viewer=user, company=stripe).total == 0
    for url in (f"/companies/{stripe.pk}/", f"/network/companies/{stripe.pk}/"):
        page = client.get(url).content.decode()
        assert "Ana Souza" not in page
        assert "Through your cohort" not in page
    response = client.post(f"/cohort/intros/offers/{offer.pk}/ask/", {"message": "Hi"})
    assert response.status_code == 404
    if who != "other_cohort":  # a student of another cohort has their own page
        assert client.get("/cohort/intros/").status_code == 404
    assert not IntroAsk.objects.exists()


def test_withdrawing_the_offer_removes_the_path_and_closes_waiting_requests(
    spring: Cohort,
) -> None:
    offer = _offer(spring)
    ask = ask_create(requester=spring.viewer, offer=offer, message="Could you?")

    response = spring.maria_client.post(f"/cohort/intros/offers/{offer.pk}/withdraw/")
    assert response.status_code == 302

    assert PATH not in _company_page(spring)
    assert PATH not in _paths_page(spring)
    ask.refresh_from_db()
    assert ask.state == IntroAskState.CLOSED
    mine = spring.viewer_client.get("/cohort/intros/").content.decode()
    assert "Closed: the offer was withdrawn" in mine
    assert "Withdraw<span" not in mine  # nothing left to withdraw
    assert AuditEvent.objects.filter(subject=spring.maria, action=AuditAction.OFFER_WITHDRAWN)
    told = AuditEvent.objects.get(subject=spring.viewer, action=AuditAction.OFFER_WITHDRAWN)
    assert "your request is closed" in told.detail
    # An answer is refused: the request no longer waits.
    spring.maria_client.post(f"/cohort/intros/asks/{ask.pk}/answer/", {"answer": "accept"})
    ask.refresh_from_db()
    assert ask.state == IntroAskState.CLOSED


def test_deleting_the_person_removes_the_path_and_closes_the_request(spring: Cohort) -> None:
    offer = _offer(spring)
    ask = ask_create(requester=spring.viewer, offer=offer, message="Could you?")
    spring.maria_client.post(f"/people/{spring.ana.pk}/delete/")
    assert not Person.objects.filter(pk=spring.ana.pk).exists()

    assert PATH not in _company_page(spring)
    ask.refresh_from_db()
    assert not ask.is_open
    assert (
        "Closed: the offer was withdrawn"
        in spring.viewer_client.get("/cohort/intros/").content.decode()
    )
    assert "Asked of you (" not in spring.maria_client.get("/cohort/intros/").content.decode()


def test_the_request_flow_ask_accept_and_add_to_my_people(spring: Cohort) -> None:
    offer = _offer(spring)
    response = spring.viewer_client.post(
        f"/cohort/intros/offers/{offer.pk}/ask/",
        {
            "message": "I am moving into payments; could I ask Ana about her team?",
            "next": f"/network/companies/{spring.stripe.pk}/",
        },
    )
    assert response["Location"] == f"/network/companies/{spring.stripe.pk}/"
    assert "waiting for Maria Lopez" in _paths_page(spring)
    # A second request while the first waits is refused, and nothing is added.
    spring.viewer_client.post(f"/cohort/intros/offers/{offer.pk}/ask/", {"message": "Again"})
    assert IntroAsk.objects.count() == 1
    ask = IntroAsk.objects.get()

    # Maria sees it on Today, on the hub and on her introductions page.
    assert (
        "1 cohort member asked you for an introduction"
        in spring.maria_client.get("/").content.decode()
    )
    assert (
        "1 request for an introduction waiting"
        in spring.maria_client.get("/cohort/").content.decode()
    )
    intros = spring.maria_client.get("/cohort/intros/").content.decode()
    assert "could I ask Ana about her team?" in intros

    people_before = Person.objects.filter(owner=spring.viewer).count()
    spring.maria_client.post(
        f"/cohort/intros/asks/{ask.pk}/answer/",
        {"answer": "accept", "reply": "Happy to: I will write to you both tonight."},
    )
    ask.refresh_from_db()
    assert ask.state == IntroAskState.ACCEPTED
    # Accepting writes nothing into the asker's data.
    assert Person.objects.filter(owner=spring.viewer).count() == people_before
    assert "asked you for an introduction" not in spring.maria_client.get("/").content.decode()

    mine = spring.viewer_client.get("/cohort/intros/").content.decode()
    assert "Accepted" in mine
    assert "Happy to: I will write to you both tonight." in mine
    assert "Add Ana Souza to your people" in mine
    assert "accepted to introduce you" in _paths_page(spring)

    response = spring.viewer_client.post(f"/cohort/intros/asks/{ask.pk}/add/")
    added = Person.objects.get(owner=spring.viewer, full_name="Ana Souza")
    assert response["Location"] == f"/people/{added.pk}/"
    assert added.how_we_met == "Introduced by Maria Lopez, of your cohort"
    job = added.employments.get()
    assert (job.company, job.title) == (spring.stripe, "Head of Payments")
    assert not added.contact_points.exists()
    assert not added.notes
    spring.viewer_client.post(f"/cohort/intros/asks/{ask.pk}/add/")  # twice adds once
    assert Person.objects.filter(owner=spring.viewer, full_name="Ana Souza").count() == 1

    actions = {
        (e.subject.username, e.action)
        for e in AuditEvent.objects.select_related("subject").exclude(action=AuditAction.JOINED)
    }
    assert actions == {
        ("maria", AuditAction.OFFERED),
        ("maria", AuditAction.INTRO_ASKED),
        ("victor", AuditAction.INTRO_ASKED),
        ("maria", AuditAction.INTRO_ACCEPTED),
        ("victor", AuditAction.INTRO_ACCEPTED),
    }


def test_a_declined_request_and_a_withdrawn_one(spring: Cohort) -> None:
    offer = _offer(spring)
    first = ask_create(requester=spring.viewer, offer=offer, message="Please")
    spring.maria_client.post(f"/cohort/intros/asks/{first.pk}/answer/", {"answer": "decline"})
    first.refresh_from_db()
    assert first.state == IntroAskState.DECLINED
    page = spring.viewer_client.get("/cohort/intros/").content.decode()
    assert "Declined" in page
    assert "Add Ana Souza" not in page
    assert "Your last request: declined" in _paths_page(spring)

    second = ask_create(requester=spring.viewer, offer=offer, message="Once more")
    spring.viewer_client.post(f"/cohort/intros/asks/{second.pk}/withdraw/")
    second.refresh_from_db()
    assert second.state == IntroAskState.WITHDRAWN
    assert AuditEvent.objects.filter(action=AuditAction.ASK_WITHDRAWN).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.INTRO_DECLINED).count() == 2


def test_only_the_people_concerned_can_answer_or_withdraw(spring: Cohort) -> None:
    offer = _offer(spring)
    ask = ask_create(requester=spring.viewer, offer=offer, message="Please")
    peer = _student("paula", "Spring 2027")
    paula = _client(peer)
    urls = [
        f"/cohort/intros/asks/{ask.pk}/answer/",
        f"/cohort/intros/asks/{ask.pk}/withdraw/",
        f"/cohort/intros/asks/{ask.pk}/add/",
        f"/cohort/intros/offers/{offer.pk}/withdraw/",
    ]
    for url in urls:
        assert paula.post(url, {"answer": "accept"}).status_code == 404
    # The requester cannot answer their own request, nor the introducer withdraw it.
    assert spring.viewer_client.post(urls[0], {"answer": "accept"}).status_code == 404
    assert spring.maria_client.post(urls[1]).status_code == 404
    # Nobody offers someone else's contact.
    assert paula.post("/cohort/intros/offer/", {"person": spring.ana.pk}).status_code == 404
    ask.refresh_from_db()
    assert ask.is_open
    assert IntroOffer.objects.count() == 1


def test_offering_several_people_at_once_from_the_introductions_page(spring: Cohort) -> None:
    bo = person_create(owner=spring.maria, full_name="Bo Lindqvist")
    bea = person_create(owner=spring.maria, full_name="Bea Lind")
    person_create(owner=spring.maria, full_name="Carl Berg")
    page = spring.maria_client.get("/cohort/intros/?q=lind").content.decode()
    assert "Bo Lindqvist" in page
    assert "Bea Lind" in page
    assert "Carl Berg" not in page
    spring.maria_client.post("/cohort/intros/offer/", {"person": [bo.pk, bea.pk]})
    assert set(IntroOffer.objects.values_list("person__full_name", flat=True)) == {
        "Bo Lindqvist",
        "Bea Lind",
    }
    page = spring.maria_client.get("/cohort/intros/").content.decode()
    assert "Contacts you offer to introduce (2)" in page
    assert "no current job: on nobody" in page
    assert AuditEvent.objects.filter(action=AuditAction.OFFERED).count() == 2


def test_a_message_too_long_is_refused_and_loses_nothing(spring: Cohort) -> None:
    offer = _offer(spring)
    response = spring.viewer_client.post(
        f"/cohort/intros/offers/{offer.pk}/ask/", {"message": "x" * 1001}, follow=True
    )
    assert "Keep the message under 1000 characters." in response.content.decode()
    assert not IntroAsk.objects.exists()
    assert offer_add(owner=spring.maria, person=spring.ana)[1] is False


def test_a_page_showing_a_few_paths_counts_them_all(spring: Cohort) -> None:
    _offer(spring)
    stripe = Company.objects.get(owner=spring.maria)
    for name in ("Zoe Berg", "Bea Lind"):
        person = person_create(owner=spring.maria, full_name=name)
        employment_add(person=person, company=stripe, title="Engineer")
        offer_add(owner=spring.maria, person=person)
    found = cohort_paths(viewer=spring.viewer, company=spring.stripe, limit=2)
    assert found.total == 3
    assert len(found.paths) == 2
    assert all(p.introducer == "Maria Lopez" and p.job.company == "Stripe" for p in found)
    everyone = cohort_paths(viewer=spring.viewer, company=spring.stripe)
    assert [p.person for p in everyone] == ["Ana Souza", "Bea Lind", "Zoe Berg"]


def test_the_asker_is_told_on_today_of_each_answer_until_they_see_it(spring: Cohort) -> None:
    offer = _offer(spring)
    ask = ask_create(requester=spring.viewer, offer=offer, message="Please")
    assert "to introduce you to" not in spring.viewer_client.get("/").content.decode()
    spring.maria_client.post(f"/cohort/intros/asks/{ask.pk}/answer/", {"answer": "accept"})
    today = spring.viewer_client.get("/").content.decode()
    assert "Maria Lopez accepted to introduce you to Ana Souza." in today
    assert "Maria Lopez" not in spring.maria_client.get("/").content.decode()  # not hers

    page = spring.viewer_client.get("/cohort/intros/").content.decode()
    assert "<strong>New</strong>" in page
    assert "to introduce you to" not in _today(spring)
    page = spring.viewer_client.get("/cohort/intros/").content.decode()
    assert "<strong>New</strong>" not in page

    again = ask_create(requester=spring.viewer, offer=offer, message="A second contact?")
    spring.maria_client.post(f"/cohort/intros/asks/{again.pk}/answer/", {"answer": "decline"})
    assert "Maria Lopez declined to introduce you to Ana Souza." in _today(spring)
    spring.viewer_client.get("/cohort/intros/")
    third = ask_create(requester=spring.viewer, offer=offer, message="Third time")
    spring.viewer_client.post(f"/cohort/intros/asks/{third.pk}/withdraw/")
    assert "to introduce" not in _today(spring)  # their own withdrawal is no news
    ask_create(requester=spring.viewer, offer=offer, message="Fourth")
    spring.maria_client.post(f"/cohort/intros/offers/{offer.pk}/withdraw/")
    assert "withdrew the offer to introduce Ana Souza: your request is closed" in _today(spring)


def _today(c: Cohort) -> str:
    return c.viewer_client.get("/").content.decode()


def test_the_introducers_kept_today_counts_the_asks_as_they_come_and_go(spring: Cohort) -> None:
    offer = _offer(spring)
    spring.maria_client.get("/")  # the browser's first page: it gets its CSRF cookie

    def waiting() -> bool:
        return "asked you for an introduction" in spring.maria_client.get("/").content.decode()

    assert not waiting()
    ask = ask_create(requester=spring.viewer, offer=offer, message="Please")
    assert waiting()
    ask_answer(ask=ask, accept=False)
    assert not waiting()
