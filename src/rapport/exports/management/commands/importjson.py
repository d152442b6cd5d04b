from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapport.accounts.commands import add_user_argument, command_user
from rapport.exports.commands import json_import_output


class Command(BaseCommand):
    help = (
        "Import a `rapport export json` file into your account: an exact copy, all or "
        "nothing. This is how data moves between a laptop and a server. An account that "
        "already holds data is only replaced with --replace.\n"
        "Example: rapport importjson rapport.json   (server mode: --user ana)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A file made by `rapport export json`")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the account's data first"
        )
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = command_user(options["user"])
        self.stdout.write(
            json_import_output(
                owner=owner,
                path=options["path"],
                replace=options["replace"],
                as_json=options["json"],
            )
        )
