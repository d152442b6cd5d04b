from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts.commands import local_database_migrate
from rapport.exports.services import DataFileError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the whole database (every user) to a new .zip file: a consistent snapshot, "
        "safe to take while Rapport is running. `rapport restore` reads it back.\n"
        "Example: rapport backup ~/Backups/rapport-2025-01-31.zip"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to create (.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LOCAL_MODE:
            local_database_migrate()
        try:
            manifest = backup_create(path=options["path"])
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {manifest.rows()} rows in {len(manifest.tables)} tables "
            f"({manifest.engine}) to {options['path']}"
        )
