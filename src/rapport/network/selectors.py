"""Reads of the network app, always scoped to one owner."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from rapidfuzz import fuzz, process

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias
from rapport.core.memory import gc_paused
from rapport.core.text import company_key, fold
from rapport.core.versions import kept_live, version_key
from rapport.network.explain import WarmPath
from rapport.network.graph import NetworkGraph, owned
from rapport.network.history import own_positions as own_positions
from rapport.network.models import Acquaintance, IntroductionRequest
from rapport.network.paths import find_paths
from rapport.network.roles import team_keywords
from rapport.network.suggestions import PersonToAsk, people_to_ask
from rapport.opportunities.models import CLOSED_STAGES, Opportunity

# The ways into a company shown at a time on its page, and asked for by default: a search
# puts into words only the paths it returns (a fifth of a big employer's search, each page).
PAGE_SIZE = 25
DEFAULT_LIMIT = PAGE_SIZE


@dataclass(frozen=True)
class WarmPaths:
    """The ways into one company, best first; iterating gives the paths.

    `people_to_ask` is filled only when no path reaches someone who works there now.
    """

    company: Company
    paths: list[WarmPath]
    total: int  # how many people paths reach, before the limit
    has_referral_path: bool  # some path reaches someone who works there now
    capped: bool  # the degree-3 search stopped at its bound
    keywords: list[str]
    people_to_ask: list[PersonToAsk]

    def __iter__(self) -> Iterator[WarmPath]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "company": self.company.name,
            "paths": [path.as_dict() for path in self.paths],
        }
        if self.people_to_ask:
            data["people_to_ask"] = [
                {"person": s.person.full_name, "reason": s.reason} for s in self.people_to_ask
            ]
        return data


def warm_paths(
    *,
    owner: User,
    company: Company,
    today: date,
    keywords: Sequence[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> WarmPaths:
    """Paths from the user into `company`, best first, at most `limit`.

    `keywords` name the team the user is after (they rank people whose title matches
    first); by default, the words of the titles of the user's open opportunities there.
    Kept by the owner's data version (rapport.core.versions): asked again before anything
    they read changes, in any process, the answer is the one found before. In one process,
    the very same object (not pickled): callers only read it.
    """
    if company.owner_id != owner.pk:
        raise Http404("No such company.")
    asked_for = "\x1f".join(keywords) if keywords is not None else "\x1e"
    wanted = hashlib.sha256(f"{company.pk}:{limit}:{asked_for}".encode()).hexdigest()[:32]
    kept = version_key("network", owner.pk, today)
    return kept_live(
        f"{kept}:paths:{wanted}",
        lambda: _warm_paths(owner, company, today, keywords, limit, kept),
        weight=_people_held,
        answer=True,
    )


def _people_held(found: WarmPaths) -> int:
    """The people an answer holds (what keeping it costs: core.versions.ANSWERS_BUDGET)."""
    shown = sum(len(p.people) for path in found.paths for p in (path, *path.others))
    return 1 + shown + len(found.people_to_ask)


def _warm_paths(
    owner: User,
    company: Company,
    today: date,
    keywords: Sequence[str] | None,
    limit: int,
    kept: str,
) -> WarmPaths:
    """The search; what it reads of the whole network is kept under `kept` (version_key).
    Without cyclic garbage collection: it makes thousands of short-lived objects, which
    collections walked (and promoted) several times a search, and the answer kept with them.
    """
    with gc_paused():
        return _search(owner, company, today, keywords, limit, kept)


def _search(
    owner: User,
    company: Company,
    today: date,
    keywords: Sequence[str] | None,
    limit: int,
    kept: str,
) -> WarmPaths:
    graph = NetworkGraph(owner=owner, today=today, kept_as=kept)
    # The user's open titles and introduction requests are kept live, as the index is (the
    # callers only read them): unpickled from the version cache, they were a few per cent
    # of every first search.
    if keywords is not None:
        words = list(keywords)
    else:
        titles = kept_live(f"{kept}:open-titles", lambda: open_titles_by_company(owner=owner))
        words = team_keywords(titles.get(company.pk, ()))
    search = find_paths(graph=graph, company=company, keywords=words, limit=limit)
    every = [p for path in search.paths for p in (path, *path.others)]
    asked = (
        kept_live(f"{kept}:asked", lambda: introduction_requests(owner=owner)).get(company.pk, {})
        if any(path.introduce_to for path in every)
        else {}
    )
    shown = [_with_asked(path, asked) for path in search.paths] if asked else search.paths
    return WarmPaths(
        company=company,
        paths=shown,
        total=search.total,
        has_referral_path=search.reaches_in,
        capped=search.capped,
        keywords=words,
        people_to_ask=[] if search.reaches_in else people_to_ask(graph=graph, company=company),
    )


def warm_paths_page(
    *,
    owner: User,
    company: Company,
    today: date,
    keywords: Sequence[str] | None = None,
    number: int | str | None = None,
) -> tuple[WarmPaths, Page[int]]:
    """A page of the ways into `company`, PAGE_SIZE of them: the answer with that page's
    paths, and the page (Django's, over the ranks of every person paths reach; a missing or
    wrong `number` gives the first page, one past the end the last).

    Page n is cut from the best n * PAGE_SIZE paths: the answer for each number of pages
    is kept, and a page asked again is the one shown before.
    """

    def search(pages: int) -> WarmPaths:
        limit = pages * PAGE_SIZE
        return warm_paths(owner=owner, company=company, today=today, keywords=keywords, limit=limit)

    page = Paginator(range(search(1).total), PAGE_SIZE).get_page(number)
    found = search(page.number)
    shown = found.paths[(page.number - 1) * PAGE_SIZE :]
    return dataclasses.replace(found, paths=shown), page


def warm_paths_for_opportunity(
    *, owner: User, opportunity: Opportunity, today: date, limit: int = 5
) -> WarmPaths:
    """Paths into the opportunity's company, people whose title matches the role first."""
    return warm_paths(
        owner=owner,
        company=opportunity.company,
        today=today,
        keywords=team_keywords([opportunity.title]),
        limit=limit,
    )


def _with_asked(path: WarmPath, asked: dict[tuple[int, int] | None, date]) -> WarmPath:
    """The path (and those folded under it) with the day the user asked for it, if they did."""
    others = tuple(_with_asked(other, asked) for other in path.others)
    return dataclasses.replace(path, asked_on=asked.get(_pair(path)), others=others)


def _pair(path: WarmPath) -> tuple[int, int] | None:
    target = path.introduce_to
    return (path.contact.pk, target.pk) if target is not None else None


def open_titles_by_company(*, owner: User) -> dict[int, list[str]]:
    """The titles of the user's open opportunities, by company, oldest first: their words
    name the team the user is after there."""
    titles: dict[int, list[str]] = {}
    rows = (
        owned(Opportunity, owner)
        .exclude(stage__in=CLOSED_STAGES)
        .order_by("pk")
        .values_list("company_id", "title")
    )
    for company_id, title in rows:
        titles.setdefault(company_id, []).append(title)
    return titles


def introduction_requests(*, owner: User) -> dict[int, dict[tuple[int, int] | None, date]]:
    """When the user asked whom for an introduction to whom, by company."""
    asked: dict[int, dict[tuple[int, int] | None, date]] = {}
    rows = owned(IntroductionRequest, owner).values_list(
        "company_id", "introducer_id", "target_id", "asked_on"
    )
    for company_id, introducer, target, asked_on in rows:
        asked.setdefault(company_id, {})[(introducer, target)] = asked_on
    return asked


class CompanyNotFound(Exception):
    """No company, or several, answer to a name; `close` lists names the user may mean."""

    def __init__(self, text: str, close: list[str], *, ambiguous: bool = False) -> None:
        self.text = text
        self.close = close
        self.ambiguous = ambiguous
        super().__init__(self.message)

    @property
    def message(self) -> str:
        names = ", ".join(self.close)
        if self.ambiguous:
            return f"{self.text!r} could be several companies: {names}. Use the full name."
        if names:
            return f"No company called {self.text!r}. Did you mean: {names}?"
        return f"No company called {self.text!r}, nor any name close to it."


def company_find(*, owner: User, text: str) -> Company:
    """The company a typed name means: "stripe, inc." finds Stripe, by its normalised name
    or one of its aliases. Raises CompanyNotFound with close names otherwise."""
    key = company_key(text)
    exact = Company.objects.filter(owner=owner, name_key=key).first()
    if exact is not None:
        return exact
    alias_ids = {
        company_id
        for company_id, name in CompanyAlias.objects.filter(owner=owner).values_list(
            "company_id", "name"
        )
        if company_key(name) == key or fold(name) == fold(text)
    }
    matches = list(Company.objects.filter(owner=owner, pk__in=alias_ids).order_by("name"))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CompanyNotFound(text, [c.name for c in matches], ambiguous=True)
    raise CompanyNotFound(text, close_company_names(owner=owner, text=text))


def close_company_names(*, owner: User, text: str, limit: int = 5) -> list[str]:
    names = dict(Company.objects.filter(owner=owner).values_list("name_key", "name"))
    key = company_key(text)
    found = process.extract(key, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [names[match] for match, _, _ in found]


def acquaintances_list(*, owner: User) -> QuerySet[Acquaintance]:
    return Acquaintance.objects.filter(owner=owner).select_related("person_a", "person_b")


def acquaintance_get(*, owner: User, pk: int) -> Acquaintance:
    acquaintance = Acquaintance.objects.filter(owner=owner, pk=pk).first()
    if acquaintance is None:
        raise Http404("No such link.")
    return acquaintance


def introduction_request_get(
    *, owner: User, introducer_id: int, target_id: int, company: Company
) -> IntroductionRequest | None:
    return IntroductionRequest.objects.filter(
        owner=owner, introducer_id=introducer_id, target_id=target_id, company=company
    ).first()
