"""`inbox_count` for every page that shows it (the Today page): counted only when used."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils import timezone

from rapport.capture.selectors import inbox_count


def inbox(request: HttpRequest) -> dict[str, Callable[[], int]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_count": lambda: inbox_count(owner=user, now=timezone.now())}
