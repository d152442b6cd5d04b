"""`rapport inbox`: what capture suggests, to accept or dismiss."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user
from rapport.accounts.models import User
from rapport.capture.selectors import inbox_get, suggestion_as_dict, suggestion_get
from rapport.capture.suggestions import suggestion_accept, suggestion_dismiss


class Command(BaseCommand):
    help = (
        "List the suggestions captured from your calendar and mail, or answer one.\n"
        "Accepting logs the conversation, adds the person or moves the application as\n"
        "suggested (on the web page you can edit it first); dismissed ones never come back.\n"
        "Examples: rapport inbox --json\n"
        "          rapport inbox accept 12\n"
        "          rapport inbox dismiss 13"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", choices=["accept", "dismiss"], help="What to do with one"
        )
        parser.add_argument("id", nargs="?", type=int, help="The suggestion's number")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = command_user(options["user"])
        action, pk = options["action"], options["id"]
        if action and pk is None:
            raise CommandError(f"Which suggestion? `rapport inbox {action} ID`.")
        done = self._answer(owner, action, pk) if action else ""
        inbox = inbox_get(owner=owner, now=timezone.now())
        if options["json"]:
            payload = {
                "suggestions": [suggestion_as_dict(s) for s in inbox.due],
                "upcoming": [suggestion_as_dict(s) for s in inbox.upcoming],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        lines = [done] if done else []
        for s in inbox.due:
            people = ", ".join(p.full_name for p in s.people.all())
            lines.append(
                f"#{s.pk}  {s.occurred_at:%Y-%m-%d}  {s.title}" + (f" ({people})" if people else "")
            )
            lines.append(f"      {s.reason}")
        if not inbox.due:
            lines.append("Nothing to confirm.")
        if inbox.upcoming:
            lines.append(f"{len(inbox.upcoming)} upcoming meeting(s).")
        self.stdout.write("\n".join(lines))

    def _answer(self, owner: User, action: str, pk: int) -> str:
        try:
            suggestion = suggestion_get(owner=owner, pk=pk)
        except Http404 as error:
            raise CommandError(f"There is no suggestion number {pk}.") from error
        try:
            if action == "accept":
                suggestion_accept(suggestion=suggestion)
                return f"Accepted #{pk}: {suggestion.title}"
            suggestion_dismiss(suggestion=suggestion)
            return f"Dismissed #{pk}: {suggestion.title}"
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
