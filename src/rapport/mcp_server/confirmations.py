"""Writes wait for a yes: a preview holds the write here until it is confirmed with its token.

The store lives in the `rapport mcp` process (one assistant, one process). A token is random,
works once, only for the tool and user that made the preview, and expires.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

CONFIRM_SECONDS = 600

Write = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Pending:
    tool: str
    owner_id: int
    write: Write
    expires_at: float


class Confirmations:
    def __init__(
        self, *, seconds: float = CONFIRM_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._seconds = seconds
        self._clock = clock
        self._pending: dict[str, Pending] = {}
        self._lock = threading.Lock()

    @property
    def seconds(self) -> int:
        return int(self._seconds)

    def hold(self, *, tool: str, owner_id: int, write: Write) -> str:
        """Keep `write` until it is confirmed; the token that confirms it."""
        token = secrets.token_urlsafe(16)
        now = self._clock()
        with self._lock:
            self._pending = {k: p for k, p in self._pending.items() if p.expires_at > now}
            self._pending[token] = Pending(tool, owner_id, write, now + self._seconds)
        return token

    def take(self, *, tool: str, owner_id: int, token: str) -> Write:
        """The write this token confirms, removed so it runs once; ToolError otherwise."""
        with self._lock:
            pending = self._pending.get(token.strip())
            if pending is None or pending.tool != tool or pending.owner_id != owner_id:
                raise ToolError(
                    "This confirmation token is unknown or was already used: nothing was "
                    f"written. Call {tool} without a confirmation for a new preview."
                )
            del self._pending[token.strip()]
        if pending.expires_at <= self._clock():
            raise ToolError(
                f"This confirmation expired ({self.seconds // 60} minutes): nothing was "
                f"written. Call {tool} without a confirmation for a new preview."
            )
        return pending.write
