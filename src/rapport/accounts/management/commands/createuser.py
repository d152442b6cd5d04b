from __future__ import annotations

import getpass
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts import services
from rapport.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create a user who logs in with a password (server mode).\n"
        "Example: rapport createuser ana --email ana@example.org --password-stdin < pw.txt"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LOCAL_MODE:
            raise CommandError("Local mode has one user and no passwords; set RAPPORT_MODE=server.")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("The password is empty.")
        _validate_password(password, options["username"])
        try:
            user = services.user_create(
                username=options["username"], password=password, email=options["email"]
            )
        except ValidationError as error:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise CommandError(messages) from error
        self.stdout.write(f"Created user {user.username}.")


def _validate_password(password: str, username: str) -> None:
    # The validators in settings apply here as they would in a password-change form.
    try:
        password_validation.validate_password(password, user=User(username=username))
    except ValidationError as error:
        raise CommandError("The password is too weak: " + " ".join(error.messages)) from error
