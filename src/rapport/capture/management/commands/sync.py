"""`rapport sync`: read subscribed calendars and IMAP accounts now."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rapport.accounts.commands import add_user_argument, command_user
from rapport.capture.services import SyncResult, sources_sync


class Command(BaseCommand):
    help = (
        "Read your subscribed calendars and IMAP accounts now (rapport serve also does it\n"
        "every RAPPORT_SYNC_MINUTES). Counts are those of `rapport import`; a source that\n"
        "fails is named with its error and tried again later, waiting longer each time.\n"
        "In server mode, cron runs `rapport sync --everyone` (every user's sources that are\n"
        "due) next to `rapport digest`.\n"
        "Examples: rapport sync --json\n"
        "          rapport sync --everyone"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        parser.add_argument(
            "--everyone", action="store_true", help="Every user's sources that are due (cron)"
        )
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["everyone"]:
            results = sources_sync(due_only=True)
        else:
            results = sources_sync(owner=command_user(options["user"]))
        payload = sync_summary(results)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(_text(results, payload))


def sync_summary(results: list[SyncResult]) -> dict[str, Any]:
    """The counts of every source's import added up, and each source's outcome."""
    totals: dict[str, Counter[str]] = {}
    for item in results:
        if item.result is None:
            continue
        for block, counts in item.result.counts.items():
            totals.setdefault(block, Counter()).update(counts)
    payload: dict[str, Any] = {block: dict(counts) for block, counts in totals.items()}
    for block in ("touches", "meetings", "suggestions"):
        payload.setdefault(block, {"created": 0, "updated": 0, "unchanged": 0})
    payload["sources"] = [item.as_dict() for item in results]
    payload["errors"] = [f"{item.source.name}: {item.error}" for item in results if item.error]
    return payload


def _text(results: list[SyncResult], payload: dict[str, Any]) -> str:
    if not results:
        return "No calendar or mail account to sync: add one on the settings page."
    lines = []
    for item in results:
        if item.error:
            lines.append(f"{item.source.name}: failed ({item.error})")
        elif item.result is None:
            lines.append(f"{item.source.name}: nothing new")
        else:
            created = item.result.counts.get("suggestions", {}).get("created", 0)
            touches = item.result.counts.get("touches", {}).get("created", 0)
            lines.append(
                f"{item.source.name}: {created} suggestion(s), {touches} mail touch(es) "
                f"(import #{item.result.batch.pk})"
            )
    return "\n".join(lines)
