from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user
from rapport.demo.services import demo_network_load


class Command(BaseCommand):
    help = (
        "Load a realistic example network into a new, empty database: a chemistry teacher "
        "moving into learning design, with people, target companies, conversations, "
        "introductions and leads dated over the last three months.\n"
        "Example: rapport demo   (server mode: rapport demo --user ana)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = command_user(options["user"])
        try:
            summary = demo_network_load(owner=user, today=timezone.localdate())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        next_step = (
            "Run `rapport serve` and open the link."
            if settings.LOCAL_MODE
            else f"Log in as {user.username} to look around."
        )
        self.stdout.write(f"Loaded the demo network: {summary}. {next_step}")
