from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts.commands import add_user_argument, command_user
from rapport.api.models import ApiToken
from rapport.api.selectors import tokens_list
from rapport.api.services import token_create, token_revoke


class Command(BaseCommand):
    help = (
        "Create, list or revoke personal access tokens for the REST API (/api/v1/).\n"
        "A new token is printed once: only a fingerprint of it is kept.\n"
        "Examples: rapport token create --name spreadsheet --read-only\n"
        "          rapport token list --json\n"
        "          rapport token revoke spreadsheet"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("revoke_name", nargs="?", metavar="NAME", help="The token to revoke")
        parser.add_argument("--name", help="The new token's name (create)")
        parser.add_argument(
            "--read-only", action="store_true", help="It may read, never change anything"
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = command_user(options["user"])
        action = options["action"]
        try:
            if action == "create":
                token, secret = token_create(
                    owner=owner, name=options["name"] or "", read_only=options["read_only"]
                )
                self._print(options, {"token": _as_dict(token), "secret": secret}, secret)
            elif action == "revoke":
                token = token_revoke(owner=owner, name=options["revoke_name"] or "")
                self._print(options, {"token": _as_dict(token)}, f"Revoked {token.name}.")
            else:
                tokens = list(tokens_list(owner=owner))
                lines = [_line(t) for t in tokens] or ["No tokens yet."]
                self._print(options, {"tokens": [_as_dict(t) for t in tokens]}, "\n".join(lines))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _print(self, options: dict[str, Any], payload: dict[str, Any], text: str) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False) if options["json"] else text)


def _as_dict(token: ApiToken) -> dict[str, Any]:
    return {
        "name": token.name,
        "prefix": token.prefix,
        "read_only": token.read_only,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked": token.revoked_at is not None,
    }


def _line(token: ApiToken) -> str:
    access = "read-only" if token.read_only else "read-write"
    state = "revoked" if token.revoked_at else f"last used {token.last_used_at or 'never'}"
    return f"{token.name}  {token.prefix}…  {access}  {state}"
