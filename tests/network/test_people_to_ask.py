"""With no path into a company: the people most likely to know someone there, and why."""

from __future__ import annotations

from datetime import date

from tests.network.warm_network import Network

from rapport.companies.models import CompanyAlias
from rapport.companies.services import company_set_target


def _asked(net: Network, company: str) -> dict[str, str]:
    result = net.paths(company)
    assert not result.has_referral_path
    return {s.person.full_name: s.reason for s in result.people_to_ask}


def test_people_at_companies_with_a_shared_name_are_suggested(net: Network) -> None:
    net.company("Google")
    net.job(net.person("Gil Prado"), "Google Cloud", "Sales")
    net.job(net.person("Ines Faro"), "Cloudflare", "Engineer")

    asked = _asked(net, "Google")

    assert asked == {
        "Gil Prado": "They work at Google Cloud, whose name shares “google” with Google."
    }


def test_an_alias_counts_as_the_companys_name(net: Network) -> None:
    google = net.company("Google")
    CompanyAlias.objects.create(owner=net.owner, company=google, name="Alphabet")
    net.job(net.person("Gil Prado"), "Alphabet Workspace")

    assert "Gil Prado" in _asked(net, "Google")


def test_people_whose_headline_mentions_the_company_are_suggested(net: Network) -> None:
    net.company("Acme Health")
    net.person("Hugo Sa", headline="Nurse turned health-tech product manager")

    asked = _asked(net, "Acme Health")

    assert asked["Hugo Sa"] == "Their headline mentions “health”."


def test_people_you_discussed_the_company_with_are_suggested(net: Network) -> None:
    canva = net.company("Canva")
    bea = net.person("Bea Costa")
    net.talk(bea, on=date(2026, 11, 3))
    bea.conversations.get().companies.add(canva)

    assert _asked(net, "Canva")["Bea Costa"].startswith("You discussed Canva with them on 3 Nov")


def test_whoever_recommended_the_company_is_suggested(net: Network) -> None:
    bea = net.person("Bea Costa")
    company_set_target(company=net.company("Canva"), status="target", by=bea)

    assert "They recommended Canva to you" in _asked(net, "Canva")["Bea Costa"]


def test_your_closest_ties_are_suggested_last(net: Network) -> None:
    net.company("Canva")
    bea = net.person("Bea Costa", relationship="close")
    net.talk(bea, on=date(2026, 11, 3), times=4)
    net.person("Hugo Sa", headline="Canva designer")

    result = net.paths("Canva")

    assert [s.person.full_name for s in result.people_to_ask] == ["Hugo Sa", "Bea Costa"]
    assert result.people_to_ask[1].reason.startswith("One of your closest ties")


def test_people_who_are_only_a_name_are_not_suggested(net: Network) -> None:
    net.company("Google")
    bea = net.person("Bea Costa")
    net.job(net.person("Gil Prado", introduced_by=bea), "Google Cloud")

    assert "Gil Prado" not in _asked(net, "Google")


def test_nobody_is_suggested_when_there_is_a_path(net: Network) -> None:
    net.job(net.person("Ana Souza"), "Google")
    net.job(net.person("Gil Prado"), "Google Cloud")

    assert net.paths("Google").people_to_ask == []
