from __future__ import annotations

from django.db.models import F, QuerySet

from rapport.accounts.models import User
from rapport.api.models import ApiToken


def tokens_list(*, owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens, live ones first, newest first."""
    return ApiToken.objects.filter(owner=owner).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )
