"""Warm paths as a week of real use met them (#15): every current job counts, however it was
added, and each person appears once, by their best path, with the other ways folded under it."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from tests.network.warm_network import Network, names

from rapport.companies.models import Company
from rapport.people.models import Person


def _company_page(client: Client, company: Company) -> str:
    response = client.get(reverse("companies:detail", args=[company.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _paths_command(*args: str) -> str:
    out = StringIO()
    call_command("paths", *args, stdout=out)
    return out.getvalue()


def _add_job_on_person_page(client: Client, person: Person, company: str, title: str) -> None:
    response = client.post(
        reverse("people:employment_add", args=[person.pk]), {"company": company, "title": title}
    )
    assert response.status_code == 302


def _section(html: str) -> str:
    """The "How you can get in" card of a page."""
    return html[html.index("How you can get in") : html.index("See these paths on your network")]


def _top_level_paths(html: str) -> list[str]:
    """The people of each path shown (not folded), as the page writes them."""
    card = re.sub(r"<details.*?</details>", "", _section(html), flags=re.S)
    rows = re.findall(r'<p class="path-people">(.*?)<span class="badge', card, flags=re.S)
    return [" → ".join(re.findall(r">([^<]+)</a>", row)) for row in rows]


def test_a_job_added_by_hand_for_a_name_a_colleague_there_gave_makes_a_path(
    net: Network, client_owner: Client
) -> None:
    """Bruno, who works at Stripe, gave the user Carla's name; the user then adds her job at
    Stripe on her page. Bruno is the way to her: he can introduce the user."""
    bruno = net.person("Bruno Lima")
    net.job(bruno, "Stripe", "Engineer")
    net.talk(bruno, on=date(2026, 11, 2), times=2)
    carla = net.person("Carla Dias", introduced_by=bruno)
    stripe = net.company("Stripe")

    _add_job_on_person_page(client_owner, carla, "Stripe, Inc.", "Recruiter")

    html = _company_page(client_owner, stripe)
    assert "Carla Dias" in html[: html.index("How you can get in")]  # people you know there
    assert _top_level_paths(html) == ["Bruno Lima", "Bruno Lima → Carla Dias"]
    assert "Ask Bruno Lima to introduce you to Carla Dias" in html
    text = _paths_command("stripe")
    assert "Bruno Lima → Carla Dias  [degree 2, through an introduction]" in text
    assert "Bruno introduced you to Carla" in text


def test_every_current_job_counts_a_hand_added_one_beside_an_imported_one(
    net: Network, client_owner: Client
) -> None:
    ana = net.person("Ana Souza")
    net.job(ana, "Adyen", "Engineer", start=date(2022, 1, 1))  # as an import leaves it
    net.talk(ana, on=date(2026, 11, 2))

    _add_job_on_person_page(client_owner, ana, "Stripe", "Advisor")

    for company in ("Adyen", "Stripe"):
        assert names(net.paths(company)) == [["Ana Souza"]]
        assert _top_level_paths(_company_page(client_owner, net.company(company))) == ["Ana Souza"]
    data = json.loads(_paths_command("Stripe", "--json"))
    assert [path["people"] for path in data["paths"]] == [["Ana Souza"]]


def test_of_two_current_jobs_at_one_company_the_more_helpful_role_counts(net: Network) -> None:
    ana = net.person("Ana Souza")
    net.job(ana, "Stripe", "Engineer", start=date(2022, 1, 1))
    net.job(ana, "Stripe", "Technical Recruiter")

    path = net.paths("Stripe").paths[0]

    assert "Technical Recruiter" in path.explanation
    assert "in recruiting" in path.factors


def test_a_person_reached_two_ways_is_listed_once_with_the_other_way_folded(
    net: Network, client_owner: Client
) -> None:
    bruno = net.person("Bruno Lima", relationship="close")
    net.talk(bruno, on=date(2026, 11, 12), times=6)
    eva = net.person("Eva Nunes")
    net.job(eva, "Stripe", "Engineer")
    net.talk(eva, on=date(2025, 1, 10))
    net.knows(bruno, eva, note="flatmates")

    result = net.paths("Stripe")

    assert names(result) == [["Bruno Lima", "Eva Nunes"]]
    assert result.total == 1
    (folded,) = result.paths[0].others
    assert [p.full_name for p in folded.people] == ["Eva Nunes"]
    assert folded.degree == 1
    html = _company_page(client_owner, net.company("Stripe"))
    assert _top_level_paths(html) == ["Bruno Lima → Eva Nunes"]
    assert "1 other way to reach Eva Nunes" in html
    assert "Eva Nunes works at Stripe as Engineer" in html  # the folded path, in words
    text = _paths_command("stripe")
    assert len(re.findall(r"^ +\d+\. .*Eva Nunes  \[degree", text, flags=re.M)) == 1
    assert "also: Eva Nunes  [degree 1, works there]" in text
    data = json.loads(_paths_command("stripe", "--json"))
    assert [p["people"] for p in data["paths"][0]["other_paths"]] == [["Eva Nunes"]]
