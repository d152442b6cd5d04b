from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapport.accounts.commands import add_user_argument, command_user
from rapport.search.selectors import MAX_LIMIT, TYPES, search


class Command(BaseCommand):
    help = (
        "Search people, companies, conversations and opportunities, best match first. "
        "Every word must match; put words in quotes to match them together. "
        "Example: rapport search kowalski --json"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="+", help="What to look for")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON")
        parser.add_argument("--type", choices=TYPES, action="append", help="Only this kind")
        parser.add_argument(
            "--limit", type=int, default=20, help=f"At most this many results (max {MAX_LIMIT})"
        )
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = command_user(options["user"])
        found = search(
            owner=user,
            query=" ".join(options["query"]),
            types=options["type"],
            limit=options["limit"],
        )
        if options["json"]:
            results = [hit.as_json() for hit in found.hits]
            self.stdout.write(json.dumps({"results": results}, ensure_ascii=False))
            return
        if not found.hits:
            self.stdout.write("Nothing matches.")
        for hit in found.hits:
            self.stdout.write(f"{hit.type:<13} {hit.title}  (#{hit.id})")
            if hit.snippet:
                self.stdout.write(f"{'':<13} {hit.snippet}")
