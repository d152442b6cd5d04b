"""The network map: the user at the centre, closest ties on the inner rings, target
companies around the outside. Laid out on the server, deterministically, for an inline SVG.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment, TargetStatus
from rapport.companies.selectors import target_order
from rapport.network.explain import WarmPath
from rapport.network.graph import NetworkGraph
from rapport.network.selectors import warm_paths
from rapport.people.models import Person, Relationship

RING_SIZES = (12, 36, 100)  # people per ring, the closest ties innermost
RING_RADII = (170.0, 310.0, 460.0)
COMPANY_RADIUS = 620.0
HALF_SIZE = 800  # the drawing spans -HALF_SIZE..HALF_SIZE both ways
MAX_COMPANIES = 40
PEOPLE_PER_COMPANY = 3
HIGHLIGHTED_PATHS = 5
CANDIDATES = 400  # people read to pick the closest ties from
LABEL_GAP = 10.0
LABEL_CHARS = 18
DOT_RADIUS = {0: 16, 1: 9, 2: 7, 3: 5, 4: 11}


@dataclass(frozen=True)
class MapNode:
    key: str
    kind: str  # "you", "person" or "company"
    label: str
    title: str
    url: str
    angle: float  # degrees, clockwise from the x axis (SVG coordinates)
    radius: float
    ring: int  # 0 for the user, 1..3 for people, 4 for companies
    highlighted: bool = False
    pk: int = 0

    @property
    def dot_radius(self) -> int:
        return DOT_RADIUS[self.ring]

    @property
    def x(self) -> float:
        return round(self.radius * math.cos(math.radians(self.angle)), 1)

    @property
    def y(self) -> float:
        return round(self.radius * math.sin(math.radians(self.angle)), 1)

    @property
    def on_left(self) -> bool:
        return math.cos(math.radians(self.angle)) < -1e-9

    @property
    def label_x(self) -> float:
        if self.kind == "you":
            return 0.0
        return round((self.radius + LABEL_GAP) * math.cos(math.radians(self.angle)), 1)

    @property
    def label_y(self) -> float:
        if self.kind == "you":
            return 26.0
        return round((self.radius + LABEL_GAP) * math.sin(math.radians(self.angle)), 1)

    @property
    def label_rotation(self) -> float:
        """Labels point away from the centre, turned so they never read upside down."""
        if self.kind == "you":
            return 0.0
        return round(self.angle + 180 if self.on_left else self.angle, 1)

    @property
    def label_anchor(self) -> str:
        if self.kind == "you":
            return "middle"
        return "end" if self.on_left else "start"


@dataclass(frozen=True)
class MapEdge:
    start: MapNode
    end: MapNode
    kind: str  # "job", "introduction", "acquaintance" or "path"


@dataclass(frozen=True)
class NetworkMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    company: Company | None
    paths: list[WarmPath]
    rings: list[list[MapNode]]
    companies: list[MapNode]
    half_size: int = HALF_SIZE

    @property
    def view_box(self) -> str:
        return f"{-self.half_size} {-self.half_size} {2 * self.half_size} {2 * self.half_size}"

    @property
    def ring_radii(self) -> tuple[float, ...]:
        return RING_RADII

    @property
    def people_count(self) -> int:
        return sum(len(ring) for ring in self.rings)


def network_map(*, owner: User, today: date, company: Company | None = None) -> NetworkMap:
    graph = NetworkGraph(owner=owner, today=today)
    companies = _companies(owner, company)
    paths = _highlighted_paths(owner, company, today)
    jobs = _current_jobs(owner, companies)
    forced = [person.pk for path in paths for person in path.people]
    people = _people_shown(graph, jobs, forced)
    company_nodes = _company_nodes(companies, company)
    rings = _ring_nodes(graph, people, jobs, company_nodes, set(forced))
    you = MapNode("you", "you", "You", "You", "", 0.0, 0.0, 0)
    person_nodes = {node.pk: node for ring in rings for node in ring}
    edges = _edges(graph, person_nodes, company_nodes, jobs)
    edges += _path_edges(you, paths, person_nodes, company_nodes)
    nodes = [you, *person_nodes.values(), *company_nodes.values()]
    return NetworkMap(nodes, edges, company, paths, rings, list(company_nodes.values()))


def _companies(owner: User, highlight: Company | None) -> list[Company]:
    targets = list(
        Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET).order_by(
            *target_order()
        )[:MAX_COMPANIES]
    )
    if highlight is not None and highlight not in targets:
        targets = [*targets[: MAX_COMPANIES - 1], highlight]
    return targets


def _highlighted_paths(owner: User, company: Company | None, today: date) -> list[WarmPath]:
    if company is None:
        return []
    found = warm_paths(owner=owner, company=company, today=today, limit=HIGHLIGHTED_PATHS * 4)
    return [path for path in found if path.is_referral][:HIGHLIGHTED_PATHS]


def _current_jobs(owner: User, companies: Sequence[Company]) -> list[tuple[int, int]]:
    """(person, company) for everyone working now at one of the companies shown."""
    rows = Employment.objects.filter(owner=owner, company__in=companies, is_current=True)
    return list(rows.values_list("person_id", "company_id").order_by("company_id", "person_id"))


def _people_shown(graph: NetworkGraph, jobs: list[tuple[int, int]], forced: list[int]) -> list[int]:
    """Whom to draw: the highlighted paths' people, the closest ties at each company
    shown, then the user's closest ties overall, up to the rings' capacity."""
    candidates = _closest_candidates(graph)
    # Ties are read for the closest candidates only; others at a company count as the
    # weakest ties, which they nearly always are.
    ties = graph.ties({*candidates, *forced})
    strength = {pk: tie.strength(graph.today) for pk, tie in ties.items()}
    chosen: dict[int, None] = dict.fromkeys(pk for pk in forced if pk in strength)
    by_company: dict[int, list[int]] = {}
    for person, company in jobs:
        by_company.setdefault(company, []).append(person)
    for people in by_company.values():
        best = sorted(people, key=lambda pk: (-strength.get(pk, 0.0), pk))
        chosen.update(dict.fromkeys(best[:PEOPLE_PER_COMPANY]))
    for pk in sorted(candidates, key=lambda pk: (-strength.get(pk, 0.0), pk)):
        if len(chosen) >= sum(RING_SIZES):
            break
        chosen.setdefault(pk, None)
    return list(chosen)[: sum(RING_SIZES)]


def _closest_candidates(graph: NetworkGraph) -> list[int]:
    """People the user talks to most, and people they marked close or active."""
    history = graph.history()  # kept by the data version: no read of the participants
    talks = zip(history.conversations, history.people, strict=True)
    talked = [pk for _, pk in sorted((-n, pk) for n, pk in talks if n)[:CANDIDATES]]
    marked = (
        Person.objects.filter(
            owner=graph.owner, relationship__in=[Relationship.CLOSE, Relationship.ACTIVE]
        )
        .order_by("relationship", "pk")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    return list(dict.fromkeys([*talked, *marked]))


def _company_nodes(companies: Sequence[Company], highlight: Company | None) -> dict[int, MapNode]:
    count = max(1, len(companies))
    return {
        company.pk: MapNode(
            key=f"c{company.pk}",
            kind="company",
            label=_short(company.name),
            title=company.name,
            url=reverse("network:map") + f"?company={company.pk}",
            angle=round(-90 + 360 * index / count, 2),
            radius=COMPANY_RADIUS,
            ring=4,
            highlighted=highlight is not None and company.pk == highlight.pk,
            pk=company.pk,
        )
        for index, company in enumerate(companies)
    }


def _ring_nodes(
    graph: NetworkGraph,
    people: list[int],
    jobs: list[tuple[int, int]],
    companies: dict[int, MapNode],
    highlighted: set[int],
) -> list[list[MapNode]]:
    """Closest ties innermost; around each ring, people sit near their company."""
    ties = graph.ties(people)
    names = graph.people(people)
    ranked = sorted(people, key=lambda pk: (-ties[pk].strength(graph.today), pk))
    preferred = _preferred_angles(ranked, jobs, companies)
    rings: list[list[MapNode]] = []
    start = 0
    for ring, size in enumerate(RING_SIZES, start=1):
        members = sorted(ranked[start : start + size], key=lambda pk: (preferred[pk], pk))
        start += size
        rings.append(
            [
                _person_node(names[pk], ring, _slot(index, len(members), ring), pk in highlighted)
                for index, pk in enumerate(members)
            ]
        )
    return rings


def _preferred_angles(
    ranked: list[int], jobs: list[tuple[int, int]], companies: dict[int, MapNode]
) -> dict[int, float]:
    """Where around its ring each person would best sit, in degrees clockwise from the top
    (where the slots start): by their company, or spread evenly by rank."""
    at: dict[int, float] = {}
    for person, company in jobs:
        at.setdefault(person, (companies[company].angle + 90) % 360)
    golden = 137.508  # spreads any number of people evenly
    return {pk: at.get(pk, (index * golden) % 360) for index, pk in enumerate(ranked)}


def _slot(index: int, count: int, ring: int) -> float:
    offset = 0.5 * (ring % 2)  # alternate rings are staggered so labels interleave
    return round(-90 + 360 * (index + offset) / max(1, count), 2) % 360


def _person_node(person: Person, ring: int, angle: float, highlighted: bool) -> MapNode:
    return MapNode(
        key=f"p{person.pk}",
        kind="person",
        label=_short(person.full_name),
        title=person.full_name + (f" — {person.headline}" if person.headline else ""),
        url=reverse("people:detail", args=[person.pk]),
        angle=angle,
        radius=RING_RADII[ring - 1],
        ring=ring,
        highlighted=highlighted,
        pk=person.pk,
    )


def _edges(
    graph: NetworkGraph,
    people: dict[int, MapNode],
    companies: dict[int, MapNode],
    jobs: list[tuple[int, int]],
) -> list[MapEdge]:
    edges = [
        MapEdge(people[person], companies[company], "job")
        for person, company in jobs
        if person in people
    ]
    seen: set[tuple[int, int]] = set()
    for link in graph.recorded_links(set(people)):
        pair = (min(link.a, link.b), max(link.a, link.b))
        if link.a in people and link.b in people and pair not in seen:
            seen.add(pair)
            kind = "acquaintance" if link.kind == "acquaintance" else "introduction"
            edges.append(MapEdge(people[pair[0]], people[pair[1]], kind))
    return edges


def _path_edges(
    you: MapNode,
    paths: list[WarmPath],
    people: dict[int, MapNode],
    companies: dict[int, MapNode],
) -> list[MapEdge]:
    edges = []
    for path in paths:
        chain = [you, *(people[p.pk] for p in path.people if p.pk in people)]
        company = next(iter(c for c in companies.values() if c.highlighted), None)
        if company is not None:
            chain.append(company)
        edges += [MapEdge(a, b, "path") for a, b in pairwise(chain)]
    return edges


def _short(text: str) -> str:
    """The label shown on the map: `text`, or its first whole words and "…". Every word
    shown is a word of the link's name, so the visible label is in its accessible name
    (WCAG 2.5.3, "label in name"): "Maximiliane…", never "Maximiliane Alexa…"."""
    if len(text) <= LABEL_CHARS:
        return text
    words = text.split()
    shown = words[0]
    for word in words[1:]:
        if len(f"{shown} {word}") > LABEL_CHARS - 1:
            break
        shown = f"{shown} {word}"
    return f"{shown}…"
