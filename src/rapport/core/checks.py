from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


def secret_key_in_server_mode(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.LOCAL_MODE or getattr(settings, "SECRET_KEY_CONFIGURED", True):
        return []
    return [
        Error(
            "RAPPORT_SECRET_KEY is not set.",
            hint="In server mode the secret key comes from the environment, e.g. "
            "RAPPORT_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')",
            id="rapport.E001",
        )
    ]


def database_in_server_mode(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    engine = settings.DATABASES["default"]["ENGINE"]
    if settings.LOCAL_MODE or "postgresql" in engine:
        return []
    return [
        Error(
            "Server mode needs PostgreSQL.",
            hint="Set DATABASE_URL=postgres://user:password@host:5432/rapport",
            id="rapport.E002",
        )
    ]


def base_url_in_server_mode(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.LOCAL_MODE or settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "RAPPORT_BASE_URL is not set to the address users reach Rapport at.",
            hint="E.g. RAPPORT_BASE_URL=https://rapport.example.org: the hosts Rapport answers "
            "and the origin its forms come from are derived from it.",
            id="rapport.E003",
        )
    ]


def register_all() -> None:
    """Called from CoreConfig.ready(): Django runs these with `check` and before serving."""
    register(secret_key_in_server_mode)
    register(database_in_server_mode)
    register(base_url_in_server_mode)
