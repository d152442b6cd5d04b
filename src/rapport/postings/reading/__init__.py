"""Reading a page: its JobPosting first (JSON-LD, then microdata), then what its tags and
title say. `posting_read` is the one entry point; it never touches the database."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from rapport.postings.errors import NotAPage
from rapport.postings.reading.fallback import fallback
from rapport.postings.reading.jobposting import Node, posting_data
from rapport.postings.reading.page import PageData, page_data
from rapport.postings.reading.posting import PostingData, ReadFrom, Reading, Salary
from rapport.postings.reading.values import values

__all__ = ["NotAPage", "PostingData", "ReadFrom", "Reading", "Salary", "posting_read"]


def posting_read(document: str, *, url: str = "") -> Reading:
    """What the page says about the job. Raises NotAPage for a document that is no HTML."""
    page = page_data(document, url=url)
    found, read_from = fallback(page)
    if page.postings:
        read_from, node = _the_posting(page, url)
        found = posting_data(node, resolve=page.ids, base_url=page.base_url).merged(found)
    source_url = url or found.source_url
    found = replace(found, source_url=source_url, apply_url=found.apply_url or source_url)
    return Reading(posting=found, read_from=read_from, postings_on_page=len(page.postings))


def _the_posting(page: PageData, url: str) -> tuple[ReadFrom, Node]:
    """The page's own posting: the one whose URL is the page's, else the first with a
    title (a listing page or a "similar jobs" block may carry several)."""
    here = _url_key(url)
    if here:
        for read_from, node in page.postings:
            urls = [*values(node.get("url")), *values(node.get("sameAs"))]
            if any(isinstance(u, str) and _url_key(u) == here for u in urls):
                return read_from, node
    titled = [(r, n) for r, n in page.postings if n.get("title") or n.get("name")]
    return (titled or page.postings)[0]


def _url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""
