from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from rapport.cohorts.invites import INVITE_LIFETIME, InviteError, invite_create, invite_url
from rapport.cohorts.models import Cohort, Role
from rapport.cohorts.services import cohort_get_or_create


class Command(BaseCommand):
    help = (
        "Invite someone to the career centre (server mode): prints a one-time link, valid 7 days,\n"
        "where they choose their password; they join with the role and cohort given here (a\n"
        "cohort named for the first time is created).\n"
        "Example: rapport invite ana --role student --cohort 'Spring 2027' --email ana@example.org"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", choices=Role.values, default=Role.STUDENT)
        parser.add_argument(
            "--cohort", default="", metavar="NAME", help="The cohort they join (students: required)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LOCAL_MODE:
            raise CommandError(
                "Local mode has one user and no invitations; set RAPPORT_MODE=server."
            )
        with transaction.atomic():  # a cohort is made only with the invitation that names it
            cohort = self._cohort(options["cohort"])
            try:
                _, raw = invite_create(
                    username=options["username"],
                    email=options["email"],
                    role=options["role"],
                    cohort=cohort,
                    actor=None,
                )
            except InviteError as error:
                raise CommandError(str(error)) from error
        days = INVITE_LIFETIME.days
        self.stdout.write(
            f"Invitation for {options['username']} ({Role(options['role']).label.lower()}"
            f"{f' in {cohort.name}' if cohort else ''}), valid {days} days, works once:"
        )
        self.stdout.write(invite_url(raw))

    def _cohort(self, name: str) -> Cohort | None:
        name = " ".join(name.split())
        if not name:
            return None
        cohort, created = cohort_get_or_create(name=name)
        if created:
            self.stdout.write(f"Created cohort {cohort.name}.")
        return cohort
