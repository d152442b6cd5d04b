from __future__ import annotations

import getpass
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from rapport.accounts import services
from rapport.accounts.models import User
from rapport.cohorts.models import Role
from rapport.cohorts.services import cohort_get_or_create, member_set


class Command(BaseCommand):
    help = (
        "Create a user who logs in with a password (server mode); in a career centre, with their\n"
        "role and cohort (a cohort named for the first time is created).\n"
        "Example: rapport createuser ana --role student --cohort 'Spring 2027' --password-stdin"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input"
        )
        parser.add_argument(
            "--role",
            choices=Role.values,
            default=None,
            help="The user's role in a career centre (without it: a user on their own)",
        )
        parser.add_argument(
            "--cohort",
            action="append",
            default=[],
            metavar="NAME",
            help="A cohort the student is in or the coach coaches (repeat for several)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.LOCAL_MODE:
            raise CommandError("Local mode has one user and no passwords; set RAPPORT_MODE=server.")
        role, cohort_names = _role_and_cohorts(options)
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("The password is empty.")
        _validate_password(password, options["username"])
        with transaction.atomic():  # a user is made with their role and cohort, or not at all
            try:
                user = services.user_create(
                    username=options["username"], password=password, email=options["email"]
                )
            except ValidationError as error:
                messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
                raise CommandError(messages) from error
            self.stdout.write(f"Created user {user.username}.")
            if role:
                self._place(user, role, cohort_names)

    def _place(self, user: User, role: str, cohort_names: list[str]) -> None:
        cohorts = []
        for name in cohort_names:
            cohort, created = cohort_get_or_create(name=name)
            if created:
                self.stdout.write(f"Created cohort {cohort.name}.")
            cohorts.append(cohort)
        member_set(user=user, role=role, cohorts=cohorts)
        where = f" in {', '.join(c.name for c in cohorts)}" if cohorts else ""
        self.stdout.write(f"{user.username} is a {Role(role).label.lower()}{where}.")


def _role_and_cohorts(options: dict[str, Any]) -> tuple[str | None, list[str]]:
    role = options["role"]
    names = [" ".join(name.split()) for name in options["cohort"]]
    if any(not name for name in names):
        raise CommandError("A cohort needs a name: --cohort NAME.")
    if names and not role:
        raise CommandError("Say the user's role with the cohort: --role student|coach.")
    if role == Role.STUDENT and len(names) != 1:
        raise CommandError("A student belongs to one cohort: --cohort NAME.")
    return role, names


def _validate_password(password: str, username: str) -> None:
    # The validators in settings apply here as they would in a password-change form.
    try:
        password_validation.validate_password(password, user=User(username=username))
    except ValidationError as error:
        raise CommandError("The password is too weak: " + " ".join(error.messages)) from error
