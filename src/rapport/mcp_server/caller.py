"""Whose data an MCP session uses: the command's user, or a personal access token's owner.

A token is checked again on every call, so one revoked while the assistant runs stops at once.
Every tool call starts with `owner()`; it also drops database connections that are too old or
broken, as Django does at the start of a request (the process may run for days).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import close_old_connections
from mcp.server.mcpserver.exceptions import ToolError

from rapport.accounts.models import User
from rapport.api.services import token_authenticate


@dataclass(frozen=True)
class Caller:
    user: User
    read_only: bool = False
    token: str = ""  # the secret, when the session runs on a token

    def owner(self) -> User:
        close_old_connections()
        if not self.token:
            return self.user
        found = token_authenticate(raw=self.token)
        if found is None:
            raise ToolError("This access token was revoked: Rapport answers nothing more to it.")
        return found.owner

    def writer(self) -> User:
        if self.read_only:
            raise ToolError("This access token is read-only: it cannot change anything.")
        return self.owner()
