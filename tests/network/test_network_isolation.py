"""Another user's network never shows: not in paths, not behind any network URL."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from tests.network.warm_network import TODAY, Network, names

from rapport.companies.models import Company
from rapport.network.models import IntroductionRequest
from rapport.network.selectors import warm_paths


@pytest.fixture
def theirs(their_net: Network) -> Company:
    return their_net.company("Stripe")


def test_another_users_people_never_appear_in_paths(net: Network, their_net: Network) -> None:
    mine = net.person("Ana Souza")
    net.job(mine, "Stripe", "Engineer")
    spy = their_net.person("Sam Secret")
    their_net.job(spy, "Stripe", "Recruiter")
    friend = their_net.person("Tim Theirs")
    their_net.talk(friend, on=date(2026, 11, 1))
    their_net.knows(friend, spy)

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza"]]
    assert "Sam" not in str(result.as_dict())


def test_warm_paths_refuses_another_users_company(net: Network, theirs: Company) -> None:
    with pytest.raises(Http404):
        warm_paths(owner=net.owner, company=theirs, today=TODAY)


@pytest.mark.parametrize(
    "url",
    [
        lambda pk, me: reverse("network:company_paths", args=[pk]),
        lambda pk, me: reverse("network:ask", args=[pk, me[0], me[1]]),
        lambda pk, me: reverse("network:map") + f"?company={pk}",
    ],
    ids=["company_paths", "ask", "map"],
)
def test_every_network_url_answers_404_for_another_users_company(
    client_owner: Client, net: Network, theirs: Company, url: object
) -> None:
    me = (net.person("Ana Souza").pk, net.person("Bruno Lima").pk)

    response = client_owner.get(url(theirs.pk, me))  # type: ignore[operator]

    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_ask_action_refuses_another_users_people(
    client_owner: Client, net: Network, their_net: Network, method: str
) -> None:
    stripe = net.company("Stripe")
    mine = net.person("Ana Souza")
    spy = their_net.person("Sam Secret")
    url = reverse("network:ask", args=[stripe.pk, mine.pk, spy.pk])

    response = getattr(client_owner, method)(url, {"message": "Hi"})

    assert response.status_code == 404
    assert not IntroductionRequest.objects.exists()


def test_a_bad_company_on_the_map_is_a_404(client_owner: Client) -> None:
    assert client_owner.get(reverse("network:map") + "?company=abc").status_code == 404


def test_network_pages_need_a_login(client: Client, net: Network) -> None:
    stripe = net.company("Stripe")
    for url in [
        reverse("network:map"),
        reverse("network:company_paths", args=[stripe.pk]),
        reverse("network:acquaintances"),
    ]:
        assert client.get(url).status_code == 302
