"""Warm paths into a company: who can get the user a conversation there, best first.

Degree 1: people the user knows who work there now (and former colleagues of the user
among them); alumni, who can give insights but not a referral. Degree 2: people the user
knows who know someone there. Degree 3, only when degrees 1 and 2 find nothing: one more
hop, with a bounded number of people expanded.

The search starts at the company's people and walks outwards through the links that touch
them (see graph.py), so it reads a handful of indexed queries, and the user's ties' history
once per data version (history.py).
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rapport.companies.models import Company
from rapport.network import explain
from rapport.network.explain import WarmPath
from rapport.network.graph import NetworkGraph
from rapport.network.links import LINK_WEIGHT, Job, Link, LinkKind
from rapport.network.roles import ANYONE_FACTOR, Role, role_of
from rapport.network.ties import Tie
from rapport.people.models import Person

# Each intermediary makes a path colder; alumni help with insights, not referrals.
DEGREE_FACTOR = {1: 1.0, 2: 0.6, 3: 0.35}
ALUMNI_FACTOR = 0.4
# Degree 3 expands at most this many of the people next to the company's people.
DEGREE3_EXPANSIONS = 50
# Above this many people the user knows there, colleague ties are inferred for key people.
INFER_COLLEAGUES_FOR_ALL = 30
# Other ways to reach one person, shown folded under their best path.
FOLDED_PATHS = 5
_LINK_ORDER = [LinkKind.INTRODUCTION, LinkKind.INTRODUCED_BY, LinkKind.ACQUAINTANCE]
_LINK_PLACE = {
    kind: _LINK_ORDER.index(kind) if kind in _LINK_ORDER else len(_LINK_ORDER) for kind in LinkKind
}
# How a link ranks among the links between two people, by its kind: worked out once, as a
# search orders a few hundred links.
_LINK_RANK = {kind: (_LINK_PLACE[kind], -LINK_WEIGHT[kind]) for kind in LinkKind}
# A role by title and the team's words, found once in a process: a search at a big employer
# reads dozens of titles, and finding a role folds its title and splits it into words (a
# role is only read).
_cached_role = lru_cache(maxsize=4096)(role_of)


@dataclass(frozen=True)
class PathSearch:
    paths: list[WarmPath]  # the best `limit`, one per person reached, best first
    total: int  # how many people there are paths to, in all
    reaches_in: bool  # some path reaches someone who works there now (not only alumni)
    capped: bool  # degree 3 stopped at DEGREE3_EXPANSIONS


# Best first: highest score, fewest hops, the name at the company (case-folded), the people.
Rank = tuple[float, int, str, tuple[int, ...]]
# A rank without the name: (-score, hops, people). Paths to one person share the name, so
# it orders them alone; the name is looked up only for people who may be shown.
Key = tuple[float, int, tuple[int, ...]]
# A path scored but not yet put into words (only the best `limit` ever are): a light
# tuple, so that a company where the user knows thousands of people costs little.
_Draft = tuple[Key, Callable[[], WarmPath]]


def find_paths(
    *, graph: NetworkGraph, company: Company, keywords: Sequence[str], limit: int
) -> PathSearch:
    return _Search(graph, company, keywords).run(limit)


class _Search:
    def __init__(self, graph: NetworkGraph, company: Company, keywords: Sequence[str]) -> None:
        self.graph = graph
        self.company = company
        self.keywords = tuple(keywords)
        self.today = graph.today
        self.jobs: dict[int, Job] = {}  # current job at the company, by person
        self.ties: dict[int, Tie] = {}
        self._roles: dict[str, Role] = {}  # by job title
        self._people: dict[int, Person] = {}  # of the paths shown
        # Called hundreds of times: bound once (the index is read here if it is not kept).
        self._strength: Callable[[Tie], float] = graph.index().strength
        self._scores: dict[float, float] = {}  # _score's, by value: most ties share a few

    def run(self, limit: int) -> PathSearch:
        jobs = self.graph.jobs_at(self.company)
        self.jobs = self._current_jobs(jobs)
        for title in {job.title for job in self.jobs.values()}:
            self._role_of(title)  # each title's role once, then looked up in self._roles
        alumni = {p: j for p, j in _first_by_person(jobs).items() if p not in self.jobs}
        links = self._links_to_people_there()
        next_to = _links_into(links, set(self.jobs))
        self.ties = self.graph.ties({*self.jobs, *alumni, *(x for x, _ in next_to)})
        referrals = self._working_there()
        referrals += self._one_link_away(next_to)
        referrals += self._named_by_colleagues(links)
        capped = False
        if not referrals:
            referrals, capped = self._degree_three(next_to)
        found = _by_person(referrals + _kept(self._alumni(job) for job in alumni.values()))
        best = heapq.nsmallest(limit, _may_be_shown(found, limit), key=self._best_rank)
        shown = [sorted(drafts, key=_key)[: 1 + FOLDED_PATHS] for drafts in best]
        self._people = self.graph.people(
            pk for drafts in shown for (*_, people), _ in drafts for pk in people
        )
        paths = [_folded(drafts) for drafts in shown]
        return PathSearch(paths, len(found), bool(referrals), capped)

    def _best_rank(self, drafts: list[_Draft]) -> Rank:
        """The rank of the group's best path (of equal ones, the first found, as a stable
        sort would put first)."""
        score, hops, people = drafts[0][0] if len(drafts) == 1 else min(drafts, key=_key)[0]
        return (score, hops, self.graph.name(people[-1]).casefold(), people)

    def _current_jobs(self, jobs: Iterable[Job]) -> dict[int, Job]:
        """Each person's current job there; of several, the one whose role helps most."""
        found: dict[int, Job] = {}
        for job in (j for j in jobs if j.is_current):
            held = found.get(job.person_id)
            if held is None or self._role(job).factor > self._role(held).factor:
                found[job.person_id] = job
        return found

    def _named_by_colleagues(self, links: Iterable[Link]) -> list[_Draft]:
        """Paths to people there the user only has a name for, through a colleague of theirs
        there who gave it (or who knows them): the person who can introduce them."""
        inside = set(self.jobs)
        drafts = []
        for link in links:
            if link.a not in inside or link.b not in inside:
                continue
            for via, target in ((link.a, link.b), (link.b, link.a)):
                tie = self.ties.get(target)
                if tie is not None and not tie.is_direct:
                    drafts.append(self._through([(target, [link])], via))
        return _kept(drafts)

    def _links_to_people_there(self) -> list[Link]:
        """Who knows the people who work there. Colleague ties are inferred for everyone
        there only at a company where the user knows few people; where they know many, only
        for the people who matter most for getting in: recruiters and the team's people."""
        everyone = set(self.jobs)
        if len(everyone) > INFER_COLLEAGUES_FOR_ALL:
            roles = self._roles
            key = {pk for pk, job in self.jobs.items() if roles[job.title].factor > ANYONE_FACTOR}
        else:
            key = everyone
        return _in_order([*self.graph.recorded_links(everyone), *self.graph.colleague_links(key)])

    def _working_there(self) -> list[_Draft]:
        """The paths to each person there the user knows: in one loop, with what it reads
        bound once (a big employer has hundreds)."""
        ties, roles, strength, score_of = self.ties, self._roles, self._strength, self._score
        drafts: list[_Draft] = []
        for pk, job in self.jobs.items():
            tie = ties.get(pk)
            if tie is None or not tie.is_direct:
                continue  # only a name so far: reached through whoever named them
            role = roles[job.title]
            score = score_of(strength(tie) * role.factor * DEGREE_FACTOR[1])
            drafts.append(((-score, 1, (pk,)), partial(self._works_there, job, tie, role, score)))
        return drafts

    def _works_there(self, job: Job, tie: Tie, role: Role, score: float) -> WarmPath:
        person = self._person(job.person_id)
        return explain.works_there(person, job, tie, role, self.company, score, self.today)

    def _alumni(self, job: Job) -> _Draft | None:
        pk, tie = job.person_id, self.ties.get(job.person_id)
        if tie is None or not tie.is_direct:
            return None
        score = self._score(self._strength(tie) * ALUMNI_FACTOR)

        def words() -> WarmPath:
            return explain.alumni(self._person(pk), job, tie, self.company, score, self.today)

        return (-score, 1, (pk,)), words

    def _degree_three(
        self, next_to: dict[tuple[int, int], list[Link]]
    ) -> tuple[list[_Draft], bool]:
        """One more hop: people the user knows who know someone next to the company's people.

        Expands at most DEGREE3_EXPANSIONS of those neighbours, surest links first.
        """
        middle = _expansion_order(next_to)
        capped = len(middle) > DEGREE3_EXPANSIONS
        middle = middle[:DEGREE3_EXPANSIONS]
        outer = _links_into(_in_order(self.graph.links_touching(set(middle))), set(middle))
        outer = {pair: links for pair, links in outer.items() if pair[0] not in self.jobs}
        self.ties = self.graph.ties({*middle, *(via for via, _ in outer)})
        onward: dict[int, list[tuple[int, list[Link]]]] = defaultdict(list)
        for (mid, target), links in next_to.items():
            onward[mid].append((target, links))
        drafts = [
            self._through([(mid, first_links), hop], via)
            for (via, mid), first_links in outer.items()
            for hop in onward[mid]
        ]
        return _kept(drafts), capped

    def _through(self, hops: list[tuple[int, list[Link]]], via_pk: int) -> _Draft | None:
        """The path user → via → hops..., the last hop working at the company; None when
        asking `via` for the introduction would not help."""
        via = self.ties.get(via_pk)
        first_hop = self.ties.get(hops[0][0])
        if via is None or first_hop is None or not self._worth_asking(via, first_hop):
            return None
        pks = (via_pk, *[pk for pk, _ in hops])
        ordered = [links if len(links) == 1 else sorted(links, key=_link_rank) for _, links in hops]
        job = self.jobs[pks[-1]]
        role = self._role(job)
        weight = math.prod([links[0].weight for links in ordered])
        score = self._score(self._strength(via) * weight * role.factor * DEGREE_FACTOR[len(pks)])
        return (-score, len(pks), pks), partial(self._through_words, pks, ordered, job, via, score)

    def _one_link_away(self, next_to: dict[tuple[int, int], list[Link]]) -> list[_Draft]:
        """`_through` each pair (someone the user knows, a person there) of `next_to`: in one
        loop, with what it reads bound once (a big employer's people know a hundred others)."""
        ties, jobs, roles, strength, score_of = (
            self.ties,
            self.jobs,
            self._roles,
            self._strength,
            self._score,
        )
        drafts: list[_Draft] = []
        for (via_pk, pk), links in next_to.items():
            via, target = ties.get(via_pk), ties.get(pk)
            if via is None or target is None or not via.is_direct:
                continue
            if target.is_direct and not strength(via) > strength(target):
                continue  # as _worth_asking says
            ordered = links if len(links) == 1 else sorted(links, key=_link_rank)
            job = jobs[pk]
            score = score_of(
                strength(via) * ordered[0].weight * roles[job.title].factor * DEGREE_FACTOR[2]
            )
            words = partial(self._through_words, (via_pk, pk), [ordered], job, via, score)
            drafts.append(((-score, 2, (via_pk, pk)), words))
        return drafts

    def _through_words(
        self, pks: tuple[int, ...], hops: list[list[Link]], job: Job, via: Tie, score: float
    ) -> WarmPath:
        people = tuple(self._person(pk) for pk in pks)
        role, company = self._roles[job.title], self.company
        return explain.through(people, hops, job, via, role, company, score, self.today)

    def _worth_asking(self, via: Tie, target: Tie) -> bool:
        """Asking someone for an introduction helps only if they are someone the user
        knows, and closer to the user than the person they would introduce."""
        if not via.is_direct:
            return False
        return not target.is_direct or self._strength(via) > self._strength(target)

    def _score(self, value: float) -> float:
        """`_score(value)`, once per value (rounding a float to a place costs ~0.4 µs)."""
        found = self._scores.get(value)
        if found is None:
            found = self._scores[value] = _score(value)
        return found

    def _role(self, job: Job) -> Role:
        return self._role_of(job.title)

    def _role_of(self, title: str) -> Role:
        """By title: many people share one, and the role depends on nothing else."""
        found = self._roles.get(title)
        if found is None:
            found = self._roles[title] = _cached_role(title, self.keywords)
        return found

    def _person(self, pk: int) -> Person:
        return self._people[pk]


def _links_into(links: Iterable[Link], inner: set[int]) -> dict[tuple[int, int], list[Link]]:
    """Links from outside `inner` into it, grouped by (outside person, inside person)."""
    pairs: dict[tuple[int, int], list[Link]] = defaultdict(list)
    for link in links:
        if link.a in inner and link.b not in inner:
            pairs[(link.b, link.a)].append(link)
        elif link.b in inner and link.a not in inner:
            pairs[(link.a, link.b)].append(link)
    return dict(pairs)


def _expansion_order(next_to: dict[tuple[int, int], list[Link]]) -> list[int]:
    """The people next to the company's people, surest links first, in a stable order."""
    best: dict[int, float] = {}
    for (outside, _), links in next_to.items():
        best[outside] = max(best.get(outside, 0.0), *(link.weight for link in links))
    return sorted(best, key=lambda pk: (-best[pk], pk))


def _kept(drafts: Iterable[_Draft | None]) -> list[_Draft]:
    return [draft for draft in drafts if draft is not None]


def _by_person(drafts: Iterable[_Draft]) -> list[list[_Draft]]:
    """The paths grouped by the person they reach (the last of their people), in the order
    found: a person is shown once, by their best path, the others folded under it (only
    the groups shown are sorted)."""
    groups: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        groups[draft[0][2][-1]].append(draft)
    return list(groups.values())


def _may_be_shown(groups: list[list[_Draft]], limit: int) -> list[list[_Draft]]:
    """The groups that may be among the best `limit`: a group whose best score and hops
    `limit` others beat cannot be, whatever the names say (only ties need them)."""
    if len(groups) <= limit:
        return groups
    best = [drafts[0][0][:2] if len(drafts) == 1 else _best_of(drafts) for drafts in groups]
    bound = heapq.nsmallest(limit, best)[-1]
    return [drafts for drafts, first in zip(groups, best, strict=True) if first <= bound]


def _best_of(drafts: list[_Draft]) -> tuple[float, int]:
    """The best (-score, hops) of a group's paths."""
    return min(key[:2] for key, _ in drafts)


def _folded(drafts: list[_Draft]) -> WarmPath:
    """The best path put into words, with the other ways to the same person under it."""
    best, *others = (words() for _, words in drafts)
    return dataclasses.replace(best, others=tuple(others)) if others else best


def _key(draft: _Draft) -> Key:
    return draft[0]


def _first_by_person(jobs: Iterable[Job]) -> dict[int, Job]:
    found: dict[int, Job] = {}
    for job in jobs:
        found.setdefault(job.person_id, job)
    return found


def _link_rank(link: Link) -> tuple[int, float]:
    return _LINK_RANK[link.kind]


def _in_order(links: Iterable[Link]) -> list[Link]:
    """The links in one order whatever the order they were read in (introductions come
    from a set, whose order changes with PYTHONHASHSEED): of two equal paths to someone,
    the one shown first, and the reasons in a sentence, never depend on it."""
    return sorted(links, key=_link_key)


def _link_key(link: Link) -> tuple[int, float, int, int, int, str, str, str, bool]:
    introducer = -1 if link.introducer is None else link.introducer
    return (
        *_LINK_RANK[link.kind],
        link.a,
        link.b,
        introducer,
        link.note,
        link.company_name,
        link.years,
        link.both_current,
    )


def _score(value: float) -> float:
    return round(100 * value, 1)
