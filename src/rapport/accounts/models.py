from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    pass


class LoginToken(models.Model):
    """A one-time login link. Only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Login link for {self.user} (expires {self.expires_at:%Y-%m-%d %H:%M})"

    def is_usable(self) -> bool:
        """Unused, unexpired, and for an account that may log in (not deactivated)."""
        return self.used_at is None and self.expires_at > timezone.now() and self.user.is_active


class LoginThrottle(models.Model):
    """Failed password logins for one account or one client address (server mode).

    In the database, not a per-process cache, so that every app process sees the same count.
    """

    key = models.CharField(max_length=300, unique=True)  # "account:ana" or "address:192.0.2.7"
    failures = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures} failed logins"
