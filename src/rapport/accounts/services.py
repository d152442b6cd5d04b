from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rapport.accounts.models import LoginToken, User

LOCAL_USERNAME = "me"
LOGIN_TOKEN_LIFETIME = timedelta(minutes=30)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def local_user_get_or_create() -> User:
    """Local mode has exactly one user; it logs in with one-time links, never a password."""
    user = User.objects.order_by("pk").first()
    if user is None:
        user = User(username=LOCAL_USERNAME)
        user.set_unusable_password()
        user.save()
    return user


def login_token_create(*, user: User) -> str:
    raw = secrets.token_urlsafe(32)
    LoginToken.objects.create(
        user=user, token_hash=_hash(raw), expires_at=timezone.now() + LOGIN_TOKEN_LIFETIME
    )
    return raw


def login_token_consume(*, raw: str) -> User | None:
    """Return the token's user and burn the token, or None if it is unknown, used or expired."""
    with transaction.atomic():
        token = (
            LoginToken.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=_hash(raw))
            .first()
        )
        if token is None or not token.is_usable():
            return None
        token.used_at = timezone.now()
        token.save(update_fields=["used_at"])
        return token.user


def user_create(*, username: str, password: str, email: str = "") -> User:
    user = User(username=username, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
