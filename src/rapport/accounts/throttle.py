"""Password guessing is slowed down, per account and per client address (server mode).

After a few free failures each further one doubles the wait (1 s, 2 s, 4 s… at most 15
minutes); a correct password ends it. Waiting is never permanent, and an administrator can
always let a user in with a one-time link (`rapport loginlink --user NAME`), which no
throttle stops.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from rapport.accounts.models import LoginThrottle

logger = logging.getLogger(__name__)

FREE_FAILURES_PER_ACCOUNT = 5
# Higher: people behind one office or campus address share it.
FREE_FAILURES_PER_ADDRESS = 20
LONGEST_WAIT = timedelta(minutes=15)


@dataclass(frozen=True)
class Attempt:
    """Who is trying to log in: the account named and the client's address."""

    username: str
    address: str

    def keys(self) -> dict[str, int]:
        """Each throttle key with the failures it allows before waiting."""
        return {
            f"account:{self.username.strip().casefold()}": FREE_FAILURES_PER_ACCOUNT,
            f"address:{self.address}": FREE_FAILURES_PER_ADDRESS,
        }


def client_address(request: HttpRequest) -> str:
    """The client's address: behind a trusted proxy, the last one it added to X-Forwarded-For."""
    if settings.RAPPORT_BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def login_wait(attempt: Attempt, *, now: datetime | None = None) -> int:
    """Seconds before this account may be tried again from this address (0: go ahead)."""
    now = now or timezone.now()
    until = (
        LoginThrottle.objects.filter(key__in=attempt.keys(), blocked_until__gt=now)
        .order_by("-blocked_until")
        .values_list("blocked_until", flat=True)
        .first()
    )
    return 0 if until is None else max(1, int((until - now).total_seconds() + 0.999))


def login_failed(attempt: Attempt, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        for key, free in attempt.keys().items():
            throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(key=key)
            throttle.failures += 1
            if throttle.failures > free:
                wait = timedelta(seconds=2 ** min(throttle.failures - free - 1, 20))
                throttle.blocked_until = now + min(wait, LONGEST_WAIT)
            throttle.save()
    logger.warning(
        "Failed login for %r from %s.", attempt.username[:150], attempt.address or "unknown"
    )


def login_succeeded(attempt: Attempt) -> None:
    LoginThrottle.objects.filter(key__in=attempt.keys()).delete()
