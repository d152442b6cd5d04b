"""A confirmation token confirms one write, once, for its tool and user, before it expires."""

from __future__ import annotations

from typing import Any

import pytest
from mcp.server.mcpserver.exceptions import ToolError

from rapport.mcp_server.confirmations import Confirmations


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def write() -> dict[str, Any]:
    return {"done": True}


def test_a_token_confirms_its_own_write_once() -> None:
    confirmations = Confirmations(clock=Clock())
    token = confirmations.hold(tool="log_conversation", owner_id=1, write=write)
    assert confirmations.take(tool="log_conversation", owner_id=1, token=token)() == {"done": True}
    with pytest.raises(ToolError, match="already used: nothing was written"):
        confirmations.take(tool="log_conversation", owner_id=1, token=token)


@pytest.mark.parametrize(("tool", "owner_id"), [("add_follow_up", 1), ("log_conversation", 2)])
def test_a_token_is_refused_for_another_tool_or_user(tool: str, owner_id: int) -> None:
    confirmations = Confirmations(clock=Clock())
    token = confirmations.hold(tool="log_conversation", owner_id=1, write=write)
    with pytest.raises(ToolError, match="nothing was written"):
        confirmations.take(tool=tool, owner_id=owner_id, token=token)


def test_an_expired_token_writes_nothing() -> None:
    clock = Clock()
    confirmations = Confirmations(seconds=600, clock=clock)
    token = confirmations.hold(tool="save_job", owner_id=1, write=write)
    clock.now += 601
    with pytest.raises(ToolError, match="expired"):
        confirmations.take(tool="save_job", owner_id=1, token=token)
