"""Personal access tokens: created (shown once), used, revoked."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.api.models import ApiToken

TOKEN_PREFIX = "rap_"
# A token's last use is written at most this often: reads stay reads.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, owner: User, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, such as the program that uses it."})
    if len(name) > 100:
        raise ValidationError({"name": "A token's name has at most 100 characters."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                owner=owner,
                name=name,
                token_hash=token_hash(raw),
                prefix=raw[: len(TOKEN_PREFIX) + 4],
                read_only=read_only,
            )
    except IntegrityError as error:
        raise ValidationError({"name": f"You already have a token called {name!r}."}) from error
    return token, raw


def token_revoke(*, owner: User, name: str) -> ApiToken:
    token = ApiToken.objects.filter(owner=owner, name=name.strip(), revoked_at__isnull=True).first()
    if token is None:
        raise ValidationError({"name": f"You have no token called {name.strip()!r}."})
    token.revoke()
    return token


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The live token with this secret, its use noted; None for unknown or revoked ones."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
