"""Invitations: an admin invites someone by a one-time link; opening it, they choose a password.

The link carries 32 random bytes; only their SHA-256 is stored, so the database alone lets
no one in. A link works once, for `INVITE_LIFETIME`, and makes the user with the role and
cohort the admin chose. Opening links that do not exist is slowed down per client address
(the same throttle as password logins), so the page cannot be used to try tokens in bulk.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rapport.accounts import services as accounts
from rapport.accounts.models import User
from rapport.accounts.throttle import Attempt
from rapport.cohorts.models import Cohort, Invite, Role
from rapport.cohorts.services import member_set

INVITE_LIFETIME = timedelta(days=7)
# Wrong links an address may open before it waits (then 1 s, 2 s, 4 s… at most 15 minutes).
FREE_UNKNOWN_LINKS = 10


class InviteError(ValueError):
    """An invitation that cannot be made or accepted, with the sentence to show."""


class LinkState(Enum):
    USABLE = "usable"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class InviteAttempt(Attempt):
    """Someone opening an invitation link: counted per client address only."""

    def keys(self) -> dict[str, int]:
        return {f"invite-address:{self.address}": FREE_UNKNOWN_LINKS}


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def username_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def invite_create(
    *,
    username: str,
    role: str,
    cohort: Cohort | None,
    actor: User | None,
    email: str = "",
    now: datetime | None = None,
) -> tuple[Invite, str]:
    """An invitation and its raw token (shown once: only its hash is kept)."""
    username = username.strip()
    if not username:
        raise InviteError("Say whom to invite: a username.")
    if role not in Role.values:
        raise InviteError(f"Unknown role {role!r}: say student, coach or admin.")
    if role == Role.STUDENT and cohort is None:
        raise InviteError("A student belongs to a cohort: choose one.")
    if username_taken(username):
        raise InviteError(f"The username “{username}” is taken: choose another one.")
    try:  # the characters and length Django allows in a username
        User._meta.get_field("username").clean(username, None)
    except ValidationError as error:
        raise InviteError(" ".join(error.messages)) from error
    # A new invitation for the same name replaces one not yet used: its link stops working.
    Invite.objects.filter(username__iexact=username, used_at__isnull=True).delete()
    raw = secrets.token_urlsafe(32)
    invite = Invite.objects.create(
        token_hash=_hash(raw),
        username=username,
        email=email.strip(),
        role=role,
        cohort=cohort,
        created_by=actor,
        expires_at=(now or timezone.now()) + INVITE_LIFETIME,
    )
    return invite, raw


def invite_url(raw: str) -> str:
    """The link to give the invitee, on the server's address (RAPPORT_BASE_URL)."""
    return settings.RAPPORT_BASE_URL.rstrip("/") + reverse("cohorts:invite_accept", args=[raw])


def invite_mail_possible(invite: Invite) -> bool:
    """Whether the link can be e-mailed too: an address, and an SMTP server in settings."""
    return bool(invite.email and settings.RAPPORT_EMAIL_HOST)


def invite_mail_send(*, invite: Invite, link: str) -> None:
    """E-mail the link through the SMTP server of RAPPORT_EMAIL_* (the digest's).

    Raises OSError or smtplib.SMTPException when the server cannot be reached or refuses.
    """
    where = f" in {invite.cohort.name}" if invite.cohort else ""
    body = (
        f"Hello {invite.username},\n\n"
        f"You are invited to Rapport as a {invite.get_role_display().lower()}{where}.\n"
        f"Open this link to choose your password (it works once, for {INVITE_LIFETIME.days} "
        f"days):\n\n{link}\n\nYou will log in with the username {invite.username}.\n"
    )
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=settings.RAPPORT_EMAIL_HOST,
        port=int(str(settings.RAPPORT_EMAIL_PORT).strip() or 25),
        username=settings.RAPPORT_EMAIL_USER or None,
        password=settings.RAPPORT_EMAIL_PASSWORD or None,
        use_tls=settings.RAPPORT_EMAIL_USE_TLS,
        timeout=30,
    )
    message = EmailMessage(
        subject="Your invitation to Rapport",
        body=body,
        from_email=settings.RAPPORT_EMAIL_FROM,
        to=[invite.email],
        connection=connection,
    )
    message.send()


def invite_find(raw: str) -> tuple[LinkState, Invite | None]:
    invite = Invite.objects.select_related("cohort").filter(token_hash=_hash(raw)).first()
    if invite is None:
        return LinkState.UNKNOWN, None
    if invite.used_at is not None:
        return LinkState.USED, invite
    if not invite.is_usable():
        return LinkState.EXPIRED, invite
    return LinkState.USABLE, invite


def invite_password_check(*, invite: Invite, password: str) -> None:
    """Django's password validators, as for any password (raises ValidationError)."""
    password_validation.validate_password(
        password, user=User(username=invite.username, email=invite.email)
    )


@transaction.atomic
def invite_accept(*, raw: str, password: str) -> User:
    """Make the invited user with their password, role and cohort, and burn the link."""
    invite = (
        Invite.objects.select_for_update(of=("self",))
        .select_related("cohort", "created_by")
        .filter(token_hash=_hash(raw))
        .first()
    )
    if invite is None or not invite.is_usable():
        raise InviteError("This invitation link has been used or has expired.")
    if username_taken(invite.username):
        raise InviteError(
            f"The username “{invite.username}” was taken since you were invited: "
            "ask your career centre for a new invitation."
        )
    invite_password_check(invite=invite, password=password)
    user = accounts.user_create(username=invite.username, password=password, email=invite.email)
    cohorts = [invite.cohort] if invite.cohort else []
    member_set(user=user, role=invite.role, cohorts=cohorts, actor=invite.created_by)
    invite.used_at = timezone.now()
    invite.save(update_fields=["used_at"])
    return user


def invites_pending() -> list[Invite]:
    """Invitations not yet used nor expired, newest first (for the admin page)."""
    return list(
        Invite.objects.filter(used_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("cohort", "created_by")
        .order_by("-created_at", "-pk")
    )


def invite_withdraw(*, invite: Invite) -> None:
    """An admin takes an invitation back: its link stops working."""
    invite.delete()
