from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts.commands import add_user_argument, command_user, local_database_migrate
from rapport.api.services import token_authenticate
from rapport.mcp_server.caller import Caller
from rapport.mcp_server.server import build_server


class Command(BaseCommand):
    help = (
        "Speak the Model Context Protocol over stdin/stdout, for AI assistants such as Claude "
        "Desktop: they can ask who you know at a company, warm paths, referral protocols, "
        "today's next moves, and log conversations after you confirm a preview. In server "
        "mode give --user NAME or --token (a read-only token gives the read tools only).\n"
        "Examples: rapport mcp\n"
        "          rapport mcp --user ana\n"
        "          rapport mcp --token rap_xxxx"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_user_argument(parser)
        parser.add_argument(
            "--token", default="", help="A personal access token (rapport token create)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        build_server(_caller(options["user"], options["token"])).run("stdio")


def _caller(username: str | None, raw: str) -> Caller:
    if not raw:
        return Caller(user=command_user(username))
    if username:
        raise CommandError("Give --user or --token, not both: a token knows whose it is.")
    local_database_migrate()
    token = token_authenticate(raw=raw.strip())
    if token is None:
        raise CommandError("This token is unknown or revoked: see `rapport token list`.")
    return Caller(user=token.owner, read_only=token.read_only, token=raw.strip())
