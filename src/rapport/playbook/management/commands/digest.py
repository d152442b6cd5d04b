from __future__ import annotations

from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user, local_database_migrate
from rapport.playbook.digest import MailConfig, digest_send, digest_users


class Command(BaseCommand):
    help = (
        "Email each user who asked for it their nudges for today, through the SMTP server set "
        "by RAPPORT_EMAIL_HOST, RAPPORT_EMAIL_PORT, RAPPORT_EMAIL_USER, RAPPORT_EMAIL_PASSWORD, "
        "RAPPORT_EMAIL_USE_TLS and RAPPORT_EMAIL_FROM.\n"
        "Example: RAPPORT_EMAIL_HOST=smtp.example.org rapport digest --user ana"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_user_argument(parser)
        parser.add_argument(
            "--force", action="store_true", help="Send even if today's digest already went out"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            config = MailConfig.from_settings()
        except ValueError as error:
            raise CommandError(f"RAPPORT_EMAIL_PORT must be a port number ({error}).") from error
        if settings.LOCAL_MODE:
            local_database_migrate()
        user = command_user(options["user"]) if options["user"] else None
        users = digest_users(user=user)
        try:
            report = digest_send(
                users=users, today=timezone.localdate(), config=config, force=options["force"]
            )
        except (OSError, SMTPException) as error:
            raise CommandError(
                f"Could not send through {config.host}:{config.port}: {error}"
            ) from error
        for username in report.sent:
            self.stdout.write(f"Sent today's digest to {username}.")
        for username, why in report.skipped:
            self.stdout.write(f"Skipped {username}: {why}.")
        if not users:
            self.stdout.write("Nobody asked for the digest (see the playbook settings).")
