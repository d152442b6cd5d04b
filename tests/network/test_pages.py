"""The "How you can get in" page, the partial for company and opportunity pages, and the ask."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from tests.network.warm_network import TODAY, Network

from rapport.companies.models import Company
from rapport.network.models import IntroductionRequest
from rapport.network.selectors import PAGE_SIZE, warm_paths_for_opportunity
from rapport.opportunities.services import opportunity_create
from rapport.people.models import Person


@pytest.fixture
def stripe(net: Network) -> Company:
    bruno = net.person("Bruno Lima")
    net.talk(bruno, on=date(2026, 11, 2), times=2)
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")
    return net.company("Stripe")


def _people(net: Network, *names: str) -> list[Person]:
    return [Person.objects.get(owner=net.owner, full_name=name) for name in names]


def test_the_page_lists_the_paths_with_their_explanations(
    client_owner: Client, stripe: Company
) -> None:
    response = client_owner.get(reverse("network:company_paths", args=[stripe.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "How you can get into Stripe" in html
    assert "Bruno introduced you to Carla" in html
    assert "Ask Bruno Lima to introduce you to Carla Dias" in html


def test_the_page_ranks_for_the_team_typed_in(client_owner: Client, net: Network) -> None:
    net.job(net.person("Dora Reis"), "Stripe", "Designer")
    net.job(net.person("Ana Souza"), "Stripe", "Data Engineer")
    stripe = net.company("Stripe")

    response = client_owner.get(
        reverse("network:company_paths", args=[stripe.pk]), {"team": "data"}
    )

    paths = response.context["paths"]
    assert [p.contact.full_name for p in paths] == ["Ana Souza", "Dora Reis"]


def _people_at(net: Network, company: str, count: int) -> Company:
    """`count` people the user knows equally well at `company`: they rank by name."""
    for i in range(count):
        net.job(net.person(f"Person {i:02d}"), company, "Engineer")
    return net.company(company)


def _reached(response: HttpResponse) -> list[str]:
    return [path.target.full_name for path in response.context["paths"]]


def test_the_page_shows_the_ways_in_a_page_at_a_time(client_owner: Client, net: Network) -> None:
    stripe = _people_at(net, "Stripe", PAGE_SIZE + 5)
    url = reverse("network:company_paths", args=[stripe.pk])

    first = client_owner.get(url)
    second = client_owner.get(url, {"page": "2"})

    everyone = [f"Person {i:02d}" for i in range(PAGE_SIZE + 5)]
    assert _reached(first) == everyone[:PAGE_SIZE]
    assert _reached(second) == everyone[PAGE_SIZE:]
    assert first.context["paths"].total == second.context["paths"].total == PAGE_SIZE + 5
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert "See all" not in first.content.decode()  # it led to this very page


def test_the_pages_keep_the_team_typed_in(client_owner: Client, net: Network) -> None:
    stripe = _people_at(net, "Stripe", PAGE_SIZE + 1)
    net.job(net.person("Zoe Data"), "Stripe", "Data Engineer")
    url = reverse("network:company_paths", args=[stripe.pk])

    first = client_owner.get(url, {"team": "data"})
    second = client_owner.get(url, {"team": "data", "page": "2"})

    assert _reached(first)[0] == "Zoe Data"
    assert 'href="?team=data&amp;page=2"' in first.content.decode()
    assert _reached(second) == [f"Person {PAGE_SIZE - 1:02d}", f"Person {PAGE_SIZE:02d}"]


def test_the_partial_renders_for_a_company_page(net: Network, stripe: Company) -> None:
    html = render_to_string(
        "network/_paths.html", {"paths": net.paths("Stripe", limit=1), "company": stripe}
    )

    assert "How you can get in" in html
    assert "Bruno Lima" in html
    assert reverse("network:map") + f"?company={stripe.pk}" in html


def test_with_no_path_the_page_says_whom_to_ask(client_owner: Client, net: Network) -> None:
    canva = net.company("Canva")
    net.person("Hugo Sa", headline="Designer, ex-Canva")

    html = client_owner.get(reverse("network:company_paths", args=[canva.pk])).content.decode()

    assert "No warm path into Canva yet" in html
    assert "Whom to ask" in html
    assert "Hugo Sa" in html


def test_the_ask_page_drafts_a_message_asking_for_a_conversation_not_a_job(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    bruno, carla = _people(net, "Bruno Lima", "Carla Dias")

    response = client_owner.get(reverse("network:ask", args=[stripe.pk, bruno.pk, carla.pk]))

    assert response.status_code == 200
    draft = response.context["form"].initial["message"]
    assert draft.startswith("Hi Bruno,")
    assert "Carla Dias, who works at Stripe as Recruiter" in draft
    assert "not asking for a job" in draft
    assert response.content.decode().count("<textarea") == 1


def test_marking_the_ask_sent_records_the_request(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    bruno, carla = _people(net, "Bruno Lima", "Carla Dias")
    url = reverse("network:ask", args=[stripe.pk, bruno.pk, carla.pk])

    response = client_owner.post(url, {"message": "Hi Bruno, could you introduce me?"})

    assert response.status_code == 302
    request = IntroductionRequest.objects.get()
    assert (request.owner, request.introducer, request.target, request.company) == (
        net.owner,
        bruno,
        carla,
        stripe,
    )
    assert request.message == "Hi Bruno, could you introduce me?"
    page = client_owner.get(reverse("network:company_paths", args=[stripe.pk]))
    assert "You asked Bruno Lima for this introduction on" in page.content.decode()


def test_asking_again_updates_the_request(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    bruno, carla = _people(net, "Bruno Lima", "Carla Dias")
    url = reverse("network:ask", args=[stripe.pk, bruno.pk, carla.pk])
    client_owner.post(url, {"message": "First"})

    client_owner.post(url, {"message": "Second"})

    assert list(IntroductionRequest.objects.values_list("message", flat=True)) == ["Second"]
    assert client_owner.get(url).context["form"].initial["message"] == "Second"


def test_an_empty_message_is_not_recorded(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    bruno, carla = _people(net, "Bruno Lima", "Carla Dias")

    response = client_owner.post(
        reverse("network:ask", args=[stripe.pk, bruno.pk, carla.pk]), {"message": " "}
    )

    assert response.status_code == 200
    assert not IntroductionRequest.objects.exists()


def test_asking_someone_to_introduce_you_to_themselves_is_refused(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    (bruno,) = _people(net, "Bruno Lima")
    url = reverse("network:ask", args=[stripe.pk, bruno.pk, bruno.pk])

    page = client_owner.get(url)
    client_owner.post(url, {"message": "Hi"})

    assert "Someone cannot introduce you to themselves" in page.content.decode()
    assert not IntroductionRequest.objects.exists()


def test_the_ask_for_a_longer_path_says_the_person_knows_people_there(
    client_owner: Client, net: Network
) -> None:
    ana = net.person("Ana Souza")
    bruno = net.person("Bruno Lima", introduced_by=ana)
    stripe = net.company("Stripe")

    response = client_owner.get(reverse("network:ask", args=[stripe.pk, ana.pk, bruno.pk]))

    draft = response.context["form"].initial["message"]
    assert "I understand you know Bruno Lima, who knows people at Stripe." in draft


def test_paths_for_an_opportunity_rank_people_in_its_team_first(net: Network) -> None:
    net.job(net.person("Dora Reis"), "Stripe", "Designer")
    net.job(net.person("Ana Souza"), "Stripe", "Data Engineer")
    lead = opportunity_create(owner=net.owner, company=net.company("Stripe"), title="Data Lead")

    result = warm_paths_for_opportunity(owner=net.owner, opportunity=lead, today=TODAY)

    assert [p.contact.full_name for p in result] == ["Ana Souza", "Dora Reis"]
    assert result.company == lead.company
