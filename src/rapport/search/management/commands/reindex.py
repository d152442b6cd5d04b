from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapport.accounts.commands import add_user_argument, command_user, local_database_migrate
from rapport.search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from your data (it is kept up to date as you write; "
        "use this after restoring a database copied by other means, or to repair it).\n"
        "Example: rapport reindex   (server mode: rapport reindex --user ana, or --all)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_user_argument(parser)
        parser.add_argument("--all", action="store_true", help="Every user's data")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            local_database_migrate()
            count = search_index_rebuild()
        else:
            count = search_index_rebuild(owner=command_user(options["user"]))
        self.stdout.write(f"Rebuilt the search index: {count} documents.")
