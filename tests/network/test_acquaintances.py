"""Recording who knows whom: once per pair, only between the user's own people."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from tests.network.warm_network import Network

from rapport.network.models import Acquaintance
from rapport.network.services import acquaintance_record
from rapport.people.services import person_ref


def test_a_pair_is_stored_once_whichever_way_round(net: Network) -> None:
    ana, bruno = net.person("Ana Souza"), net.person("Bruno Lima")

    acquaintance_record(owner=net.owner, person=bruno, knows=ana, note="flatmates")
    acquaintance_record(owner=net.owner, person=ana, knows=bruno, note="old flatmates")

    link = Acquaintance.objects.get()
    assert (link.person_a, link.person_b, link.note) == (ana, bruno, "old flatmates")


def test_someone_cannot_know_themselves(net: Network) -> None:
    ana = net.person("Ana Souza")

    with pytest.raises(ValidationError):
        acquaintance_record(owner=net.owner, person=ana, knows=ana)


def test_the_service_refuses_another_users_people(net: Network, their_net: Network) -> None:
    with pytest.raises(ValidationError):
        acquaintance_record(
            owner=net.owner, person=net.person("Ana Souza"), knows=their_net.person("Sam")
        )
    assert not Acquaintance.objects.exists()


def test_the_page_records_who_knows_whom(client_owner: Client, net: Network) -> None:
    ana, bruno = net.person("Ana Souza"), net.person("Bruno Lima")

    response = client_owner.post(
        reverse("network:acquaintances"),
        {"person": person_ref(ana), "knows": "Bruno Lima", "note": "same bootcamp"},
    )

    assert response.status_code == 302
    link = Acquaintance.objects.get()
    assert (link.owner, link.person_a, link.person_b) == (net.owner, ana, bruno)
    page = client_owner.get(reverse("network:acquaintances")).content.decode()
    assert "same bootcamp" in page


def test_the_page_refuses_another_users_people(
    client_owner: Client, net: Network, their_net: Network
) -> None:
    net.person("Ana Souza")
    spy = their_net.person("Sam Secret")

    response = client_owner.post(
        reverse("network:acquaintances"), {"person": "Ana Souza", "knows": person_ref(spy)}
    )

    assert response.status_code == 200
    assert "knows" in response.context["form"].errors
    assert not Acquaintance.objects.exists()


def test_removing_another_users_link_is_a_404(client_owner: Client, their_net: Network) -> None:
    link = their_net.knows(their_net.person("Sam"), their_net.person("Tim"))

    response = client_owner.post(reverse("network:acquaintance_delete", args=[link.pk]))

    assert response.status_code == 404
    assert Acquaintance.objects.filter(pk=link.pk).exists()


def test_removing_a_link(client_owner: Client, net: Network) -> None:
    link = net.knows(net.person("Ana Souza"), net.person("Bruno Lima"))

    client_owner.post(reverse("network:acquaintance_delete", args=[link.pk]))

    assert not Acquaintance.objects.exists()
