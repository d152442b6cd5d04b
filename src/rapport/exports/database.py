"""Questions about the whole database (every user's data), asked before a restore."""

from __future__ import annotations

from django.db import connection

from rapport.exports.registry import SECTIONS


def database_has_data() -> bool:
    """Whether anyone has any people, companies, conversations… (accounts alone don't count)."""
    tables = set(connection.introspection.table_names())
    return any(
        section.model._meta.db_table in tables and section.model._default_manager.exists()
        for section in SECTIONS
    )


def refusal(*, what: str) -> str:
    """Why a restore into a database that holds data stops, and how to go on."""
    return (
        f"not restored: this database already holds Rapport data, and {what} replaces all of "
        "it. Run again with --replace to do that (nothing was changed)."
    )
