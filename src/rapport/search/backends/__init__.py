"""One search backend per database, behind the same small interface (`base.py`)."""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from rapport.search.backends import postgresql, sqlite
from rapport.search.backends.base import Backend


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return postgresql.PostgresBackend(connection)
    return sqlite.SqliteBackend(connection)
