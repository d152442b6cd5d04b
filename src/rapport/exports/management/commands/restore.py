from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts.commands import local_database_migrate
from rapport.exports.services import DataFileError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `rapport backup`, replacing the whole database at once "
        "(all or nothing). A database that holds data is only replaced with --replace.\n"
        "Example: rapport restore ~/Backups/rapport-2025-01-31.zip"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A backup .zip made by `rapport backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace a database that already holds data (all of it, every user's)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LOCAL_MODE:
            local_database_migrate()
        try:
            manifest = backup_restore(path=options["path"], replace=options["replace"])
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {options['path']}: {manifest.rows()} rows, backed up {manifest.created_at} "
            f"by Rapport {manifest.app_version}."
        )
