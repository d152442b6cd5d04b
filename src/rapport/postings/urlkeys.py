"""The key under which two links to one posting meet.

A posting is shared with tracking parameters, reached over http or https, with or without
"www." and a trailing slash; LinkedIn shows one job at /jobs/view/<id>, at
/jobs/view/<title>-at-<company>-<id> and as ?currentJobId=<id> on its search pages.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = frozenset(
    {
        *("gh_src", "lever-source", "lever-origin", "source", "src", "ref", "refid", "referrer"),
        *("trackingid", "trk", "trkinfo", "position", "pagenum", "fbclid", "gclid", "msclkid"),
        *("mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "ebp", "originalsubdomain"),
        *("utm", "iis", "iisn", "mode", "from", "via", "share", "shared_from", "sharedfrom"),
    }
)
_LINKEDIN_JOB = re.compile(r"^/jobs/view/(?:[^/]*?-)?(\d+)/?$")
MAX_LENGTH = 500


def url_key(url: str) -> str:
    """ "linkedin.com/jobs/view/123" for every link to LinkedIn's job 123; "" for no URL."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host or parts.scheme not in {"http", "https"}:
        return ""
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=False)
        if not _is_tracking(name)
    ]
    path = parts.path.rstrip("/")
    if host.endswith("linkedin.com"):
        host, path, query = "linkedin.com", *_linkedin(path, query)
    found = host + path + (f"?{urlencode(sorted(query))}" if query else "")
    return found[:MAX_LENGTH]


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in _TRACKING or key.startswith("utm_")


def _linkedin(path: str, query: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    job = dict(query).get("currentJobId", "")
    if match := _LINKEDIN_JOB.match(path):
        job = match.group(1)
    if job.isdigit():
        return f"/jobs/view/{job}", []
    return path, query
