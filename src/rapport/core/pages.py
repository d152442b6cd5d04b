"""Whole pages of one user, kept as HTML for as long as their data and the date stay the same.

A page decorated with `@page_cached("name")` is rendered once per owner, data version
(`core/versions.py`, kept exact by database triggers on every table the page reads), date
and what of the request shows in it: the CSRF secret (its forms' tokens are masked from it,
and one masked earlier stays valid for as long as the cookie does), the full path (query
string and `next` fields), the script prefix (its links) and the language. A hit costs the
session, the user and the version (three queries) and sending the bytes, whichever process
of the server answers: the version is read from the database on every request.

Flash messages, htmx requests (they ask for a part of the page) and anything but a GET skip
the cache; so does any answer but a plain 200 (a redirect, a 404). Pages are kept in each
process's memory (waitress serves with threads), a bounded number, and in server mode also
in the database for every process (`core/kept.py`); the key names the version, so nothing
is ever invalidated: old pages just age out (`versions.cache_clear` empties this process's).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils import timezone, translation

from rapport.core.http import AuthedRequest
from rapport.core.versions import data_version, page_get, page_set, version_key

View = Callable[..., HttpResponse]
Vary = Callable[..., str]
_VERSION = "_rapport_data_version"


def page_cached(name: str, vary: Vary | None = None) -> Callable[[View], View]:
    """Serve the view's page from the cache while the owner's data stays the same.

    For views behind `login_required` whose page shows nothing but the owner's data (every
    table it reads is watched by the data version) and the request's parts named above.
    What the page shows of other users' data is read on every request by `vary` (called
    with the view's arguments), whose answer is part of the key.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def cached_view(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, name)
            if vary is not None:
                key = f"{key}:{vary(request, *args, **kwargs)}"
            content = page_get(request.user.pk, key)
            if content is not None:
                return HttpResponse(content)
            response = view(request, *args, **kwargs)
            if _storable(response):
                page_set(request.user.pk, key, response.content)
            return response

        return cached_view

    return decorate


def page_key(request: AuthedRequest, name: str) -> str:
    """The cache key of the page `name` for this request, as the owner's data is now."""
    version = request_data_version(request)
    owner_key = version_key(name, request.user.pk, timezone.localdate(), version)
    return f"{owner_key}:page:{_request_digest(request)}"


def request_data_version(request: AuthedRequest) -> str:
    """The owner's `data_version`, read once per request (a view computing its page may
    key its data caches by the same version)."""
    found: str | None = getattr(request, _VERSION, None)
    if found is None:
        found = data_version(request.user.pk)
        setattr(request, _VERSION, found)
    return found


def request_data_version_read(request: AuthedRequest, version: str) -> None:
    """Give `request_data_version` the owner's version when a view has read it already
    (with other owners', in one query)."""
    setattr(request, _VERSION, version)


def _cacheable(request: AuthedRequest) -> bool:
    return request.method == "GET" and not request.htmx and not len(messages.get_messages(request))


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
    )


def _request_digest(request: HttpRequest) -> str:
    get_token(request)  # makes sure the request has a CSRF secret (a new one sets the cookie)
    parts = (
        request.META["CSRF_COOKIE"],
        request.get_full_path(),
        get_script_prefix(),
        translation.get_language() or "",
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
