"""Install the index and its triggers; keep them through other apps' migrations.

PostgreSQL gets its table, text search configuration and triggers in the migration.
SQLite gets its FTS5 table in the migration, but its triggers only after `migrate` is done:
SQLite refuses to rename a table (Django remakes tables that way to alter them) while a
trigger on another table names it, so other apps' migrations would fail. The triggers are
dropped before any migration runs and put back afterwards, and the index is then rebuilt
from the data, since writes made by the migrations were not followed.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.apps.registry import Apps
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rapport.search.backends import backend_for, postgresql, sqlite_schema


def vendor_schema(connection: BaseDatabaseWrapper) -> ModuleType:
    """The schema module of the connection's database (same functions in each)."""
    return postgresql if connection.vendor == "postgresql" else sqlite_schema


def install(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Migration: create the index (and, on PostgreSQL, its triggers)."""
    connection = schema_editor.connection
    module = vendor_schema(connection)
    with connection.cursor() as cursor:
        for statement in module.STORAGE:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            module.install_triggers(cursor)


def uninstall(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    connection = schema_editor.connection
    module = vendor_schema(connection)
    with connection.cursor() as cursor:
        module.drop_triggers(cursor)
        for statement in module.DROP_STORAGE:
            cursor.execute(statement)


def before_migrate(sender: object, *, using: str, plan: Any = None, **kwargs: Any) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    with connection.cursor() as cursor:
        sqlite_schema.drop_triggers(cursor)


def after_migrate(sender: object, *, using: str, **kwargs: Any) -> None:
    """Put the triggers back if they are missing, and rebuild what they would have kept."""
    connection = connections[using]
    module = vendor_schema(connection)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if not module.table_exists(cursor) or module.triggers_installed(cursor):
            return
        module.install_triggers(cursor)
    with transaction.atomic(using=using):
        backend_for(connection).rebuild(None)
