"""The ranked target list of The 2-Hour Job Search (a LAMP list): for each target company,
the ways in (warm paths, and alumni who can tell you about it), how much the user wants to
work there (motivation, 0 to 3), and whether a posting is known.

Ranked by motivation, then a known posting, then the ways in, as the method sorts it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.companies.selectors import target_order
from rapport.network.selectors import warm_paths
from rapport.opportunities.models import Opportunity
from rapport.outreach.models import Attempt, Motivation
from rapport.outreach.selectors import replies_to

PATHS_COUNTED = 50  # beyond this many ways into one company, the list says "50+"
SORTS = {
    "rank": "Ranking",
    "motivation": "Motivation",
    "paths": "Warm paths",
    "name": "Name",
}
SHARED = 10  # the short text names at most this many companies


@dataclass(frozen=True)
class Target:
    company: Company
    motivation: int
    warm_paths: int  # paths that can lead to a referral
    alumni: int  # people who used to work there: insights, not a referral
    more: bool  # more than PATHS_COUNTED ways in: the counts are a floor
    postings: list[Opportunity]  # open, advertised opportunities there
    sent: int  # outreach messages about the company
    replied: int

    @property
    def posting_known(self) -> bool:
        return bool(self.postings)

    def rank_key(self) -> tuple[int, int, int, int]:
        return (-self.motivation, -int(self.posting_known), -self.warm_paths, -self.alumni)


def _sort_key(sort: str, target: Target) -> tuple[object, ...]:
    name = target.company.name_key
    if sort == "name":
        return (name,)
    if sort == "motivation":
        return (-target.motivation, name)
    if sort == "paths":
        return (-target.warm_paths, -target.alumni, name)
    return (*target.rank_key(), name)


def target_list(*, owner: User, today: date, sort: str = "rank") -> list[Target]:
    """The user's target companies, sorted by `sort` (one of SORTS; ranking by default)."""
    companies = list(
        Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET).order_by(
            *target_order()
        )
    )
    ids = [c.pk for c in companies]
    motivation = dict(
        Motivation.objects.filter(owner=owner, company_id__in=ids).values_list(
            "company_id", "level"
        )
    )
    postings = _postings(owner, ids)
    sent, replied = _outreach(owner, ids)
    targets = []
    for company in companies:
        paths = warm_paths(
            owner=owner, company=company, today=today, keywords=[], limit=PATHS_COUNTED
        )
        kinds = Counter(path.is_referral for path in paths)
        targets.append(
            Target(
                company=company,
                motivation=motivation.get(company.pk, 0),
                warm_paths=kinds[True],
                alumni=kinds[False],
                more=paths.total > len(paths),
                postings=postings.get(company.pk, []),
                sent=sent[company.pk],
                replied=replied[company.pk],
            )
        )
    return sorted(targets, key=lambda t: _sort_key(sort if sort in SORTS else "rank", t))


def ranked_first(targets: list[Target]) -> list[Target]:
    return sorted(targets, key=lambda t: _sort_key("rank", t))


def _postings(owner: User, company_ids: list[int]) -> dict[int, list[Opportunity]]:
    rows = (
        Opportunity.objects.filter(owner=owner, company_id__in=company_ids, advertised=True)
        .open()
        .order_by("created_at", "pk")
    )
    found: dict[int, list[Opportunity]] = defaultdict(list)
    for opportunity in rows:
        found[opportunity.company_id].append(opportunity)
    return found


def _outreach(owner: User, company_ids: list[int]) -> tuple[Counter[int], Counter[int]]:
    attempts = list(Attempt.objects.filter(owner=owner, company_id__in=company_ids).order_by())
    replies = replies_to(owner=owner, attempts=attempts)
    sent: Counter[int] = Counter()
    replied: Counter[int] = Counter()
    for attempt in attempts:
        if attempt.company_id is not None:
            sent[attempt.company_id] += 1
            replied[attempt.company_id] += attempt.pk in replies
    return sent, replied


def share_text(targets: list[Target]) -> str:
    """A short text to paste into a conversation: the companies the user is looking at."""
    if not targets:
        return ""
    names = [t.company.name for t in targets[:SHARED]]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return (
        f"Here are the companies I'm looking at: {listed}. "
        "Do you know anyone at one of them, or another company I should add?"
    )


CSV_HEADER = [
    "Rank",
    "Company",
    "Motivation (0-3)",
    "Warm paths",
    "Alumni",
    "Posting known",
    "Postings",
    "Outreach sent",
    "Replies",
]


def csv_rows(targets: list[Target]) -> list[list[object]]:
    return [
        [
            rank,
            t.company.name,
            t.motivation,
            f"{t.warm_paths}+" if t.more else t.warm_paths,
            t.alumni,
            t.posting_known,
            "; ".join(o.title for o in t.postings),
            t.sent,
            t.replied,
        ]
        for rank, t in enumerate(targets, start=1)
    ]
