"""Degree 1: people you know who work there now; former colleagues; alumni."""

from __future__ import annotations

from datetime import date

from tests.network.warm_network import Network, names

from rapport.network.explain import PathKind


def test_someone_you_know_who_works_there_is_a_degree_one_path(net: Network) -> None:
    ana = net.person("Ana Souza")
    net.job(ana, "Stripe", "Engineering Manager")
    net.talk(ana, on=date(2026, 11, 2))

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza"]]
    path = result.paths[0]
    assert (path.degree, path.kind) == (1, PathKind.WORKS_THERE)
    assert path.explanation == (
        "Ana Souza works at Stripe as Engineering Manager; you talked once, on 2 Nov."
    )


def test_someone_who_works_elsewhere_is_no_path(net: Network) -> None:
    ana = net.person("Ana Souza")
    net.job(ana, "Adyen", "Engineer")
    net.company("Stripe")

    assert names(net.paths("Stripe")) == []


def test_a_former_colleague_who_works_there_now_is_labelled_as_one(net: Network) -> None:
    net.position("Nubank", date(2018, 3, 1), date(2020, 6, 30))
    ana = net.person("Ana Souza")
    net.job(ana, "Nubank", "Engineer", start=date(2019, 1, 1), end=date(2021, 1, 1))
    net.job(ana, "Stripe", "Engineering Manager", start=date(2021, 2, 1))

    path = net.paths("Stripe").paths[0]

    assert path.kind == PathKind.FORMER_COLLEAGUE
    assert "you worked together at Nubank (2019-2020)" in path.explanation
    assert "former colleague" in path.factors


def test_someone_at_your_old_company_at_another_time_is_not_a_former_colleague(
    net: Network,
) -> None:
    net.position("Nubank", date(2014, 1, 1), date(2016, 1, 1))
    ana = net.person("Ana Souza")
    net.job(ana, "Nubank", "Engineer", start=date(2019, 1, 1), end=date(2021, 1, 1))
    net.job(ana, "Stripe", "Engineering Manager")

    assert net.paths("Stripe").paths[0].kind == PathKind.WORKS_THERE


def test_alumni_are_listed_for_insights_and_not_for_referrals(net: Network) -> None:
    dan = net.person("Dan Ng")
    net.job(dan, "Stripe", "Engineer", start=date(2017, 1, 1), end=date(2021, 5, 1))
    net.talk(dan, on=date(2026, 10, 1))

    result = net.paths("Stripe")

    path = result.paths[0]
    assert (path.degree, path.kind, path.is_referral) == (1, PathKind.ALUMNI, False)
    assert path.explanation.startswith("Dan Ng used to work at Stripe as Engineer until 2021")
    assert "not for a referral" in path.explanation
    assert "Alumni" in path.label
    assert not result.has_referral_path


def test_alumni_rank_below_someone_who_works_there_with_the_same_tie(net: Network) -> None:
    dan, ana = net.person("Dan Ng"), net.person("Ana Souza")
    net.job(dan, "Stripe", end=date(2021, 5, 1))
    net.job(ana, "Stripe")

    assert names(net.paths("Stripe")) == [["Ana Souza"], ["Dan Ng"]]


def test_someone_you_only_have_a_name_for_is_reached_through_who_named_them(
    net: Network,
) -> None:
    bruno = net.person("Bruno Lima")
    net.talk(bruno, on=date(2026, 11, 2))
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")

    assert names(net.paths("Stripe")) == [["Bruno Lima", "Carla Dias"]]


def test_after_talking_to_them_they_are_someone_you_know(net: Network) -> None:
    bruno = net.person("Bruno Lima")
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")
    net.talk(carla, on=date(2026, 11, 10))

    assert ["Carla Dias"] in names(net.paths("Stripe"))
