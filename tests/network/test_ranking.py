"""Ranking says why: tie strength, help already given, role at the company, intermediaries."""

from __future__ import annotations

from datetime import date

from tests.network.warm_network import Network, names

from rapport.opportunities.services import opportunity_create


def test_people_you_talk_to_often_and_recently_rank_first(net: Network) -> None:
    for name, talks in [("Eva Nunes", []), ("Dora Reis", [date(2024, 3, 5)])]:
        person = net.person(name)
        net.job(person, "Stripe", "Engineer")
        for on in talks:
            net.talk(person, on=on)
    ana = net.person("Ana Souza")
    net.job(ana, "Stripe", "Engineer")
    net.talk(ana, on=date(2026, 11, 2), times=3)

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza"], ["Dora Reis"], ["Eva Nunes"]]
    assert "you talked 3 times, last on 2 Nov" in result.paths[0].explanation
    assert "you talked once, on 5 Mar 2024" in result.paths[1].explanation
    assert "you have not talked yet" in result.paths[2].explanation
    assert result.paths[0].score > result.paths[1].score > result.paths[2].score


def test_the_same_number_of_talks_counts_more_when_recent(net: Network) -> None:
    for name, on in [("Old Friend", date(2023, 1, 10)), ("New Friend", date(2026, 10, 1))]:
        person = net.person(name)
        net.job(person, "Stripe")
        net.talk(person, on=on, times=2)

    assert names(net.paths("Stripe")) == [["New Friend"], ["Old Friend"]]


def test_someone_who_already_helped_ranks_above_someone_who_did_not(net: Network) -> None:
    dora, ana = net.person("Dora Reis"), net.person("Ana Souza")
    net.job(dora, "Stripe")
    net.job(ana, "Stripe")
    net.lead(ana, "Adyen")
    net.introduce(ana, net.person("Bea Costa"))
    net.introduce(ana, net.person("Caio Melo"))

    result = net.paths("Stripe")

    assert names(result)[:2] == [["Ana Souza"], ["Dora Reis"]]
    assert "Ana has introduced you to 2 people and given you 1 lead" in result.paths[0].explanation
    assert "already helped you" in result.paths[0].factors


def test_a_close_tie_ranks_above_a_long_term_contact(net: Network) -> None:
    dora, ana = net.person("Dora Reis"), net.person("Ana Souza", relationship="close")
    net.job(dora, "Stripe")
    net.job(ana, "Stripe")

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza"], ["Dora Reis"]]
    assert "Ana is a close tie" in result.paths[0].explanation


def test_a_recruiter_ranks_above_someone_else_with_the_same_tie(net: Network) -> None:
    net.job(net.person("Dora Reis"), "Stripe", "Accountant")
    net.job(net.person("Carla Dias"), "Stripe", "Talent Acquisition Partner")

    result = net.paths("Stripe")

    assert names(result) == [["Carla Dias"], ["Dora Reis"]]
    assert "Carla works in recruiting: ask how referrals work at Stripe." in (
        result.paths[0].explanation
    )


def test_a_title_matching_the_team_you_are_after_ranks_first(net: Network) -> None:
    net.job(net.person("Dora Reis"), "Stripe", "Designer")
    net.job(net.person("Carla Dias"), "Stripe", "Recruiter")
    net.job(net.person("Ana Souza"), "Stripe", "Data Engineer")

    result = net.paths("Stripe", keywords=["data"])

    assert names(result) == [["Ana Souza"], ["Carla Dias"], ["Dora Reis"]]
    assert "title matches “data”" in result.paths[0].factors


def test_the_team_comes_from_your_open_opportunities_there(net: Network) -> None:
    net.job(net.person("Dora Reis"), "Stripe", "Designer")
    net.job(net.person("Ana Souza"), "Stripe", "Data Analyst")
    opportunity_create(owner=net.owner, company=net.company("Stripe"), title="Senior Data Lead")

    result = net.paths("Stripe")

    assert result.keywords == ["data"]
    assert names(result) == [["Ana Souza"], ["Dora Reis"]]


def test_a_path_through_someone_ranks_below_a_direct_one_with_the_same_tie(net: Network) -> None:
    ana, bruno = net.person("Ana Souza"), net.person("Bruno Lima")
    net.talk(ana, on=date(2026, 11, 2), times=3)
    net.talk(bruno, on=date(2026, 11, 2), times=3)
    net.job(ana, "Stripe", "Engineer")
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Engineer")

    result = net.paths("Stripe")

    assert names(result) == [["Ana Souza"], ["Bruno Lima", "Carla Dias"]]
    assert [p.degree for p in result] == [1, 2]


def test_a_close_friend_who_can_introduce_you_ranks_above_a_stranger_there(
    net: Network,
) -> None:
    bruno = net.person("Bruno Lima", relationship="close")
    net.talk(bruno, on=date(2026, 11, 12), times=6)
    eva = net.person("Eva Nunes")
    net.job(eva, "Stripe", "Engineer")
    net.knows(bruno, eva)

    result = net.paths("Stripe")

    assert names(result) == [["Bruno Lima", "Eva Nunes"]]
    assert [[p.full_name for p in other.people] for other in result.paths[0].others] == [
        ["Eva Nunes"]
    ]


def test_the_limit_keeps_the_best_paths_and_counts_the_rest(net: Network) -> None:
    for name in ["Ana Souza", "Dora Reis", "Eva Nunes"]:
        net.job(net.person(name), "Stripe")
    net.talk(net.person("Dora Reis"), on=date(2026, 11, 2))  # another Dora: not at Stripe

    result = net.paths("Stripe", limit=1)

    assert len(result) == 1
    assert result.total == 3


def test_ties_break_in_a_stable_order(net: Network) -> None:
    for name in ["Eva Nunes", "Ana Souza", "Dora Reis"]:
        net.job(net.person(name), "Stripe")

    assert names(net.paths("Stripe")) == [["Ana Souza"], ["Dora Reis"], ["Eva Nunes"]]
