from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from rapport.accounts import services
from rapport.accounts.commands import add_user_argument, command_user


class Command(BaseCommand):
    help = (
        "Print a fresh one-time login link (valid 30 minutes). In server mode an administrator "
        "gives one to a user who cannot log in with their password.\n"
        "Examples: rapport loginlink --port 8000\n"
        "          rapport loginlink --user ana"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port", type=int, default=8000, help="Port the app runs on (local mode)"
        )
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = command_user(options["user"])
        token = services.login_token_create(user=user)
        if settings.LOCAL_MODE:
            base = f"http://127.0.0.1:{options['port']}"
        else:
            base = settings.RAPPORT_BASE_URL
        self.stdout.write(f"{base}/login/{token}/")
