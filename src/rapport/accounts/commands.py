"""What every `rapport` subcommand that acts on someone's data shares: whose data it is.

Local mode has one user and no choice to make. Server mode has many users, so the command
needs `--user NAME`. Commands declare the option with `add_user_argument(parser)` and call
`command_user(options["user"])` before they write anything.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rapport.accounts.models import User
from rapport.accounts.services import LOCAL_USERNAME, local_user_get_or_create


def add_user_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None,
        help="Whose data to use (server mode; local mode has one user)",
    )


def command_user(username: str | None) -> User:
    """Return the user a command acts for, or raise CommandError saying what is missing.

    In local mode the database is migrated first: `rapport demo` or `rapport import` may be
    the very first command someone runs, before `rapport serve` ever created the database.
    """
    if settings.LOCAL_MODE:
        local_database_migrate()
        return _local_user(username)
    return _server_user(username)


def local_database_migrate() -> None:
    """Bring the local database up to date, one process at a time: two commands started
    together on a fresh data folder (`rapport serve` and `rapport loginlink`) would both
    migrate it, and the second fail half-way ("duplicate column")."""
    with migrate_lock():
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def migrate_lock() -> Iterator[None]:
    """An exclusive lock on a file in the data folder, held until the block ends (the
    operating system lets go of it if the process dies): for migrating a local database."""
    folder = Path(settings.DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".migrate.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _local_user(username: str | None) -> User:
    existing = User.objects.order_by("pk").first()
    local_name = existing.username if existing else LOCAL_USERNAME
    if username and username != local_name:
        raise CommandError(
            f"Local mode has one user ({local_name}); leave out --user {username}, "
            "or set RAPPORT_MODE=server to choose between users."
        )
    return local_user_get_or_create()


def _server_user(username: str | None) -> User:
    if not username:
        raise CommandError("Server mode has several users: say whose data to use with --user NAME.")
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(
            f"There is no user called {username!r}. "
            f"Create one with `rapport createuser {username}`."
        )
    return user
