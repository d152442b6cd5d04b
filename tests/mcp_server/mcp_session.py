"""Drive the real `rapport mcp` over stdio with the official SDK's client, as an assistant does.

The program runs with its own data directory and a fresh SQLite database, never the test
run's settings (like tests/cli).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.types import CallToolResult, TextContent

RAPPORT = [sys.executable, "-m", "rapport"]


def run_client(main: Callable[[], Awaitable[None]]) -> None:
    """Run the async client to its end in a thread of its own: the browser tests' sync
    Playwright keeps an event loop running in the main thread for the whole test run."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            anyio.run(main)
        except BaseException as error:  # re-raised in the test's thread
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def local_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("RAPPORT_")
    }
    env.update(
        RAPPORT_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="rapport.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RAPPORT, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def count(data_dir: Path, sql: str) -> int:
    with sqlite3.connect(data_dir / "rapport.sqlite3") as db:
        value: int = db.execute(sql).fetchone()[0]
        return value


@asynccontextmanager
async def mcp_session(env: dict[str, str], *args: str) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(command=RAPPORT[0], args=[*RAPPORT[1:], "mcp", *args], env=env)
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


def payload(result: CallToolResult) -> dict[str, Any]:
    """The tool's answer as the assistant reads it (the JSON text), after checking it worked."""
    assert not result.is_error, text(result)
    data: dict[str, Any] = json.loads(text(result))
    return data


def text(result: CallToolResult) -> str:
    return "".join(block.text for block in result.content if isinstance(block, TextContent))
