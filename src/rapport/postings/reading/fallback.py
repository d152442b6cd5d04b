"""What a page without a JobPosting still says: its sharing tags, title and first heading.

Titles follow a few well-known shapes ("Stripe hiring Backend Engineer in Dublin |
LinkedIn", "Backend Engineer | Stripe | LinkedIn", "Job Application for Backend Engineer at
Stripe", "Backend Engineer at Stripe"). What is read here only pre-fills the form: the
user checks it before anything is saved.
"""

from __future__ import annotations

import re

from rapport.core.text import fold
from rapport.postings.reading.description import description_html
from rapport.postings.reading.jobposting import absolute_url
from rapport.postings.reading.page import PageData, texts
from rapport.postings.reading.posting import PostingData, ReadFrom
from rapport.postings.reading.values import clip, text

# Sites that publish other companies' postings: their name is never the employer's.
JOB_BOARDS = frozenset(
    {
        *("linkedin", "indeed", "glassdoor", "greenhouse", "lever", "workday", "ashby"),
        *("smartrecruiters", "icims", "workable", "jobvite", "bamboohr", "bamboohr ats"),
        *("teamtailor", "personio", "recruitee", "ziprecruiter", "monster", "stepstone"),
        *("welcome to the jungle", "wellfound", "angellist", "otta", "built in", "dice"),
        *("simplyhired", "careers", "jobs", "job board", "hn hiring", "remote ok"),
    }
)
_NOTIFICATIONS = re.compile(r"^\(\d+\+?\)\s*")  # "(3) Backend Engineer | …": unread counts
_SHAPES = [
    re.compile(r"^(?P<company>.+?) hiring (?P<title>.+?)(?: in (?P<location>.+?))? \| LinkedIn$"),
    re.compile(r"^(?P<title>.+?) \| (?P<company>.+?) \| LinkedIn$"),
    re.compile(r"^Job Application for (?P<title>.+?) at (?P<company>.+)$"),
    re.compile(
        r"^(?P<title>.+?) (?:at|@) (?P<company>[^|\u2013\u2014]+?)"
        r"(?:\s+[|\u2013\u2014-]\s+.*)?$"
    ),
]


_SITE_WORDS = re.compile(
    r"^(?:careers?|jobs?)\s+(?:at|@|with)\s+|\s*(?:[-|:\u2013\u2014]\s*)?"
    r"(?:careers?(?:\s+site)?|jobs?(?:\s+board)?|work\s+with\s+us)$",
    re.IGNORECASE,
)


def is_job_board(name: str) -> bool:
    return fold(name) in JOB_BOARDS


def employer_of_site(site: str) -> str:
    """The employer a careers site is named after: "Careers at Acme", "Acme Careers" and
    "Acme - Jobs" are Acme's; a job board's name is nobody's."""
    name = _SITE_WORDS.sub("", text(site)).strip()
    return "" if not name or is_job_board(name) or is_job_board(site) else name


def fallback(page: PageData) -> tuple[PostingData, ReadFrom]:
    """The posting as far as the page's tags and title tell, and which of them told."""
    title, company, location = _from_titles(page)
    company = company or employer_of_site(page.meta.get("og:site_name", ""))
    title = _without_name(title, company)
    found = PostingData(
        title=clip(title, 200),
        company=clip(company, 200),
        location=clip(location, 300),
        description=description_html(
            page.meta.get("og:description")
            or page.meta.get("description")
            or page.meta.get("twitter:description")
        ),
        source_url=_page_url(page),
    )
    if any(page.meta.get(key) for key in ("og:title", "og:site_name", "og:description")):
        return found, ReadFrom.OPENGRAPH
    if found.title:
        return found, ReadFrom.TITLE
    return found, ReadFrom.NOTHING


def _from_titles(page: PageData) -> tuple[str, str, str]:
    candidates = [_NOTIFICATIONS.sub("", text(candidate)) for candidate in texts(page)]
    for candidate in candidates:
        for shape in _SHAPES:
            match = shape.match(candidate)
            if match and not is_job_board(match["company"]):
                groups = match.groupdict()
                return (
                    match["title"].strip(),
                    match["company"].strip(),
                    groups.get("location") or "",
                )
    heading = text(page.heading)
    return heading or (candidates[0] if candidates else ""), "", ""


_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " at ", " @ ", ": ")


def _without_name(title: str, company: str) -> str:
    """ "Data Engineer - Acme" is the Data Engineer job when the page is Acme's."""
    folded, name = fold(title), fold(company)
    if not company or len(folded) != len(title) or len(name) != len(company):
        return title  # folding changed the lengths: the name cannot be cut out safely
    for separator in _SEPARATORS:
        if folded.endswith(f"{separator}{name}") and len(title) > len(separator + company):
            return title[: -len(separator + company)].strip()
        if folded.startswith(f"{name}{separator}") and len(title) > len(company + separator):
            return title[len(company + separator) :].strip()
    return title


def _page_url(page: PageData) -> str:
    for key in ("og:url", "canonical"):
        if found := absolute_url(page.meta.get(key), page.base_url):
            return found
    return ""
