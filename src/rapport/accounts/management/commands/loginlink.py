from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts import services


class Command(BaseCommand):
    help = (
        "Print a fresh one-time login link for the local user (local mode).\n"
        "Example: rapport loginlink --port 8000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port the app runs on")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.LOCAL_MODE:
            raise CommandError(
                "Login links are for local mode; in server mode users log in with a password."
            )
        token = services.login_token_create(user=services.local_user_get_or_create())
        self.stdout.write(f"http://127.0.0.1:{options['port']}/login/{token}/")
