from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user
from rapport.playbook.nudges import Nudge
from rapport.playbook.selectors import followups_due, nudges_for_today


class Command(BaseCommand):
    help = (
        "Show today's nudges: whom to thank, whom to talk to before applying, and more.\n"
        "Example: rapport today --json"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = command_user(options["user"])
        today = timezone.localdate()
        nudges = nudges_for_today(owner=user, today=today)
        followups = followups_due(owner=user, today=today)
        if options["json"]:
            data = {
                "date": today.isoformat(),
                "nudges": [nudge.as_json() for nudge in nudges],
                "follow_ups": [
                    {
                        "kind": f.kind,
                        "person": f.person.full_name if f.person else None,
                        "opportunity": str(f.opportunity) if f.opportunity else None,
                        "due": f.due().isoformat(),
                        "note": f.note,
                    }
                    for f in followups
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._text(nudges))

    def _text(self, nudges: list[Nudge]) -> str:
        if not nudges:
            return "Nothing needs you today. A good day to give something back."
        lines = []
        for number, nudge in enumerate(nudges, 1):
            lines.append(
                f"{number}. {nudge.title} (due {nudge.due:%a} {nudge.due.day} {nudge.due:%b})"
            )
            lines.append(f"   {nudge.reason}")
        return "\n".join(lines)
