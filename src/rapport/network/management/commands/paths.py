from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user
from rapport.network.roles import team_keywords
from rapport.network.selectors import (
    DEFAULT_LIMIT,
    CompanyNotFound,
    WarmPaths,
    company_find,
    warm_paths,
)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Warm paths into a company: who you know there, who knows someone there, former "
        "colleagues and alumni, best first, each explained. Any spelling of the company's "
        "name or one of its aliases works.\n"
        'Examples: rapport paths "Stripe, Inc."\n'
        "          rapport paths stripe --json --limit 10\n"
        '          rapport paths stripe --team "data platform"'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("company", help="The company's name, in any spelling")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        parser.add_argument(
            "--limit",
            type=_positive,
            default=DEFAULT_LIMIT,
            metavar="N",
            help=f"At most N paths (default {DEFAULT_LIMIT})",
        )
        parser.add_argument(
            "--team",
            default=None,
            metavar="WORDS",
            help="The team you are after; people whose title matches rank first "
            "(default: the titles of your open opportunities there)",
        )
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = command_user(options["user"])
        try:
            company = company_find(owner=owner, text=options["company"])
        except CompanyNotFound as error:
            raise CommandError(error.message) from error
        team = options["team"]
        result = warm_paths(
            owner=owner,
            company=company,
            today=timezone.localdate(),
            keywords=team_keywords([team]) if team else None,
            limit=options["limit"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(_lines(result)))


def _lines(result: WarmPaths) -> list[str]:
    name = result.company.name
    if not result.paths:
        lines = [f"No warm path into {name} yet."]
    else:
        lines = [f"Warm paths into {name}, best first:"]
    for number, path in enumerate(result.paths, start=1):
        people = " → ".join(person.full_name for person in path.people)
        lines += [f"{number:>3}. {people}  [degree {path.degree}, {path.label.lower()}]"]
        lines += [f"     {path.explanation}"]
        for other in path.others:
            people = " → ".join(person.full_name for person in other.people)
            lines += [f"     also: {people}  [degree {other.degree}, {other.label.lower()}]"]
    if result.total > len(result.paths):
        lines.append(f"… and {result.total - len(result.paths)} more (--limit N shows more).")
    if result.people_to_ask:
        lines.append(f"Nobody you know works at {name} now. Whom to ask:")
        lines += [f"  - {s.person.full_name}: {s.reason}" for s in result.people_to_ask]
    return lines
