"""`rapport paths COMPANY [--json] [--limit N] [--user NAME]`, per the command-line contract."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings
from tests.network.warm_network import Network


def _run(*args: str) -> str:
    out = StringIO()
    call_command("paths", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stripe_network(net: Network) -> Network:
    ana = net.person("Ana Souza")
    net.job(ana, "Stripe", "Engineering Manager")
    net.talk(ana, on=date(2026, 11, 2), times=3)
    bruno = net.person("Bruno Lima")
    net.talk(bruno, on=date(2026, 10, 2), times=2)
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")
    net.job(net.person("Dan Ng"), "Stripe", "Engineer", end=date(2020, 1, 1))
    return net


def test_json_output_follows_the_contract(stripe_network: Network) -> None:
    data = json.loads(_run("stripe, inc.", "--json"))

    assert data["company"] == "Stripe"
    assert [path["people"] for path in data["paths"]] == [
        ["Ana Souza"],
        ["Bruno Lima", "Carla Dias"],
        ["Dan Ng"],
    ]
    for path in data["paths"]:
        assert path["degree"] in (1, 2, 3)
        assert isinstance(path["explanation"], str)
        assert path["explanation"]
    assert data["paths"][0]["explanation"].startswith("Ana Souza works at Stripe")
    assert data["paths"][2]["kind"] == "alumni"


def test_limit_keeps_the_best_paths(stripe_network: Network) -> None:
    data = json.loads(_run("Stripe", "--json", "--limit", "1"))

    assert [path["people"] for path in data["paths"]] == [["Ana Souza"]]


def test_limit_must_be_positive(stripe_network: Network) -> None:
    with pytest.raises(CommandError):
        _run("Stripe", "--limit", "0")


def test_without_json_it_prints_readable_lines(stripe_network: Network) -> None:
    text = _run("stripe")

    assert text.splitlines()[0] == "Warm paths into Stripe, best first:"
    assert "  1. Ana Souza  [degree 1, works there]" in text
    assert "Bruno Lima → Carla Dias  [degree 2" in text


def test_with_no_path_it_names_whom_to_ask(net: Network) -> None:
    friend = net.person("Bea Costa", relationship="close")
    net.talk(friend, on=date(2026, 11, 1))
    net.company("Canva")

    data = json.loads(_run("canva", "--json"))

    assert data["paths"] == []
    assert data["people_to_ask"][0]["person"] == "Bea Costa"


def test_an_unknown_company_is_an_error_listing_close_names(stripe_network: Network) -> None:
    with pytest.raises(CommandError, match="Did you mean: Stripe"):
        _run("Strpe")


def test_user_selects_whose_paths_in_server_mode(
    stripe_network: Network, their_net: Network, settings: Settings
) -> None:
    settings.LOCAL_MODE = False
    their_net.job(their_net.person("Sam Secret"), "Stripe", "Recruiter")

    theirs = json.loads(_run("Stripe", "--json", "--user", "mallory"))
    mine = json.loads(_run("Stripe", "--json", "--user", "olivia"))

    assert [p["people"] for p in theirs["paths"]] == [["Sam Secret"]]
    assert ["Sam Secret"] not in [p["people"] for p in mine["paths"]]
