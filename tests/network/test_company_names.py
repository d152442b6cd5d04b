"""Any spelling of a company finds it; an unknown or ambiguous one says what it could be."""

from __future__ import annotations

import pytest
from tests.network.warm_network import Network

from rapport.companies.models import CompanyAlias
from rapport.network.selectors import CompanyNotFound, company_find


@pytest.mark.parametrize("text", ["Stripe", "stripe, inc.", "  STRIPE  Inc", "Stripe Inc."])
def test_any_spelling_of_the_name_finds_the_company(net: Network, text: str) -> None:
    stripe = net.company("Stripe")

    assert company_find(owner=net.owner, text=text) == stripe


def test_an_alias_finds_the_company(net: Network) -> None:
    google = net.company("Google")
    CompanyAlias.objects.create(owner=net.owner, company=google, name="Alphabet")

    assert company_find(owner=net.owner, text="alphabet inc") == google


def test_an_unknown_name_lists_close_names(net: Network) -> None:
    net.company("Stripe")
    net.company("Strava")
    net.company("Canva")

    with pytest.raises(CompanyNotFound) as error:
        company_find(owner=net.owner, text="Strip")

    assert "Stripe" in error.value.close
    assert "Canva" not in error.value.close
    assert error.value.message.startswith("No company called 'Strip'. Did you mean: Stripe")


def test_a_name_close_to_nothing_says_so(net: Network) -> None:
    net.company("Stripe")

    with pytest.raises(CompanyNotFound, match="nor any name close to it"):
        company_find(owner=net.owner, text="Zzyzx Quarry")


def test_an_alias_shared_by_two_companies_is_ambiguous(net: Network) -> None:
    for name in ["Meta Platforms", "Meta Materials"]:
        company = net.company(name)
        CompanyAlias.objects.create(owner=net.owner, company=company, name="Meta")

    with pytest.raises(CompanyNotFound) as error:
        company_find(owner=net.owner, text="meta")

    assert error.value.ambiguous
    assert error.value.close == ["Meta Materials", "Meta Platforms"]


def test_another_users_company_is_not_found(net: Network, their_net: Network) -> None:
    their_net.company("Stripe")

    with pytest.raises(CompanyNotFound):
        company_find(owner=net.owner, text="Stripe")
