from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rapport.cohorts.selectors import role_of


def cohort(request: HttpRequest) -> dict[str, Any]:
    """`cohort_role`: the user's role in the career centre ("" for someone on their own).

    Read only when a template asks (the navigation does, for members), never in local mode.
    """
    user = getattr(request, "user", None)
    if settings.LOCAL_MODE or user is None or not user.is_authenticated:
        return {"cohort_role": ""}
    return {"cohort_role": SimpleLazyObject(lambda: role_of(user=user) or "")}
