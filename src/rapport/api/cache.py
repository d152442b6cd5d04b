"""GET answers kept by the owner's data version (rapport.core.versions): a repeated read
costs the version's one small query, not the read again.

The key names the owner, the data version (which database triggers bump on every write the
answers read, whichever process or program writes), the day and the request's path and
query. Nothing is ever invalidated: a write names a new version, and old answers age out.
Each process keeps its own; the version is read from the database on every request, so all
processes agree on what is current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.core.versions import version_key

T = TypeVar("T")

_answers = LocMemCache(
    "rapport-api-answers", {"TIMEOUT": 24 * 3600, "OPTIONS": {"MAX_ENTRIES": 256}}
)
_KEY = "_rapport_answer_key"  # on the request: where create_response keeps the answer


def answer(request: HttpRequest, owner: User, compute: Callable[[], T]) -> T | HttpResponse:
    """The answer kept for this request at the owner's data version (304 when the client
    has it), or `compute()`, whose rendered answer `keep` then stores."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    key = version_key(f"api:{path}", owner.pk, timezone.localdate())
    found = _answers.get(key)
    if found is None:
        setattr(request, _KEY, key)
        return compute()
    content, content_type, etag = found
    return conditional(request, HttpResponse(content, content_type=content_type), etag)


def keep(request: HttpRequest, response: HttpResponse, etag: str) -> None:
    """Store a computed 200 answer to a request `answer` saw missing."""
    key = getattr(request, _KEY, None)
    if key is not None:
        _answers.set(key, (response.content, response["Content-Type"], etag))


def conditional(request: HttpRequest, response: HttpResponse, etag: str) -> HttpResponse:
    """`response` with its ETag, or 304 Not Modified when the client already has it."""
    if etag in _if_none_match(request):
        response = HttpResponse(status=304)
    response["ETag"] = etag
    return response


def _if_none_match(request: HttpRequest) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def clear() -> None:
    _answers.clear()
