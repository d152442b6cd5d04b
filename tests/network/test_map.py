"""The network map: server-rendered SVG, deterministic, readable at about 200 nodes."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date
from itertools import pairwise

import pytest
from django.test import Client
from django.urls import reverse
from tests.network.warm_network import TODAY, Network

from rapport.companies.models import Company, Employment
from rapport.companies.services import company_set_target
from rapport.conversations.models import Conversation
from rapport.core.text import company_key, fold
from rapport.network.maps import HALF_SIZE, LABEL_CHARS, network_map
from rapport.people.models import Person

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html: str) -> ET.Element:
    """The inline <svg>, parsed as XML: it must be well-formed on its own."""
    return ET.fromstring(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])


def _texts(svg: ET.Element) -> list[str]:
    return [text.text or "" for text in svg.iter(f"{SVG}text")]


@pytest.fixture
def stripe(net: Network) -> Company:
    bruno = net.person("Bruno Lima", relationship="close")
    net.talk(bruno, on=date(2026, 11, 2), times=2)
    carla = net.person("Carla Dias", introduced_by=bruno)
    net.job(carla, "Stripe", "Recruiter")
    stripe = net.company("Stripe")
    company_set_target(company=stripe, status="target")
    company_set_target(company=net.company("Canva"), status="target")
    return stripe


def test_the_map_is_valid_svg_with_the_user_at_the_centre(
    client_owner: Client, stripe: Company
) -> None:
    response = client_owner.get(reverse("network:map"))

    assert response.status_code == 200
    svg = _svg(response.content.decode())
    assert svg.get("viewBox") == f"{-HALF_SIZE} {-HALF_SIZE} {2 * HALF_SIZE} {2 * HALF_SIZE}"
    you = next(g for g in svg.iter(f"{SVG}g") if "node-you" in (g.get("class") or ""))
    circle = you.find(f"{SVG}circle")
    assert circle is not None
    assert (circle.get("cx"), circle.get("cy")) == ("0.0", "0.0")
    assert {"You", "Bruno Lima", "Stripe", "Canva"} <= set(_texts(svg))


def test_the_map_is_labelled_for_assistive_technology(
    client_owner: Client, stripe: Company
) -> None:
    svg = _svg(client_owner.get(reverse("network:map")).content.decode())

    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.get("id") == svg.get("aria-labelledby")
    labels = [a.get("aria-label") for a in svg.iter(f"{SVG}a")]
    assert "Stripe" in labels
    assert all(labels)


def test_highlighting_a_company_draws_its_paths_and_lists_them(
    client_owner: Client, stripe: Company
) -> None:
    response = client_owner.get(reverse("network:map"), {"company": stripe.pk})

    html = response.content.decode()
    svg = _svg(html)
    assert "Stripe" in (svg.findtext(f"{SVG}title") or "")
    path_edges = [e for e in svg.iter(f"{SVG}line") if "edge-path" in (e.get("class") or "")]
    assert len(path_edges) == 3  # you → Bruno → Carla → Stripe
    highlighted = {
        g.findtext(f"{SVG}text")
        for g in svg.iter(f"{SVG}g")
        if "highlighted" in (g.get("class") or "")
    }
    assert highlighted == {"Bruno Lima", "Carla Dias", "Stripe"}
    assert "The highlighted paths into Stripe" in html
    assert "Bruno Lima → Carla Dias → Stripe" in html


def test_a_company_off_the_target_list_can_be_highlighted(
    client_owner: Client, net: Network
) -> None:
    net.job(net.person("Ana Souza"), "Adyen")
    adyen = net.company("Adyen")

    svg = _svg(client_owner.get(reverse("network:map"), {"company": adyen.pk}).content.decode())

    assert "Adyen" in _texts(svg)


def test_the_layout_is_the_same_every_time(net: Network, stripe: Company) -> None:
    first = network_map(owner=net.owner, today=TODAY, company=stripe)
    second = network_map(owner=net.owner, today=TODAY, company=stripe)

    assert [(n.key, n.x, n.y) for n in first.nodes] == [(n.key, n.x, n.y) for n in second.nodes]


def _big_network(net: Network, people: int, companies: int) -> None:
    owner = net.owner
    rows = Company.objects.bulk_create(
        Company(
            owner=owner,
            name=f"Target Company {n}",
            name_key=company_key(f"Target Company {n}"),
            target_status="target",
            priority=n + 1,
        )
        for n in range(companies)
    )
    crowd = Person.objects.bulk_create(
        Person(owner=owner, full_name=f"Person Number {n}", name_key=fold(f"Person Number {n}"))
        for n in range(people)
    )
    Employment.objects.bulk_create(
        Employment(owner=owner, person=person, company=rows[n % companies])
        for n, person in enumerate(crowd)
    )
    talks = Conversation.objects.bulk_create(
        Conversation(owner=owner, occurred_on=date(2026, 1 + n % 10, 1)) for n in range(people)
    )
    Conversation.participants.through.objects.bulk_create(
        Conversation.participants.through(conversation=talk, person=crowd[n % 150])
        for n, talk in enumerate(talks)
    )


def test_a_big_network_fits_on_the_rings_with_labels_that_do_not_overlap(
    net: Network,
) -> None:
    _big_network(net, people=400, companies=60)

    drawn = network_map(owner=net.owner, today=TODAY)

    assert 150 <= len(drawn.nodes) <= 200
    assert len(drawn.companies) == 40
    assert all(len(node.label) <= LABEL_CHARS for node in drawn.nodes)
    for ring in [*drawn.rings, drawn.companies]:
        angles = sorted(node.angle for node in ring)
        gaps = [b - a for a, b in pairwise(angles)]
        gaps.append(360 - angles[-1] + angles[0])
        spacing = min(gaps) / 360 * 2 * math.pi * ring[0].radius
        assert spacing >= 14  # px between neighbouring labels, at least one line of text
    assert all(abs(n.label_x) < HALF_SIZE and abs(n.label_y) < HALF_SIZE for n in drawn.nodes)


def test_an_empty_network_still_draws_the_user(client_owner: Client) -> None:
    svg = _svg(client_owner.get(reverse("network:map")).content.decode())

    assert _texts(svg) == ["You"]


def test_every_label_on_the_map_is_the_start_of_its_links_name(
    client_owner: Client, net: Network, stripe: Company
) -> None:
    long_name = net.person("Maximiliane Alexandrova-Konstantinopoulou", relationship="close")
    net.talk(long_name, on=date(2026, 11, 2))
    net.job(long_name, "Stripe", "Engineer")
    company_set_target(company=net.company("International Business Machines"), status="target")
    svg = _svg(client_owner.get(reverse("network:map")).content.decode())

    shown_names = []
    for link in svg.iter(f"{SVG}a"):
        name, label = str(link.get("aria-label")), link.find(f".//{SVG}text")
        assert label is not None
        words = (label.text or "").removesuffix("…").split()
        assert words, name
        assert name.split()[: len(words)] == words, (label.text, name)
        shown_names.append(label.text)
    assert {"Maximiliane…", "International…"} <= set(shown_names)
