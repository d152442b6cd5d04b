"""`rapport mcp` in server mode: whose data is named, and another user's stays out of reach."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from .mcp_session import local_env, mcp_session, payload, run, run_client, text


def _postgres_server() -> str:
    for url in (
        os.environ.get("DATABASE_URL", ""),
        os.environ.get("RAPPORT_TEST_POSTGRES_URL", ""),
    ):
        if url.startswith(("postgres://", "postgresql://")):
            return url
    pytest.skip("server mode needs PostgreSQL: set RAPPORT_TEST_POSTGRES_URL or DATABASE_URL")


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    url = _postgres_server()
    name = f"rapport_mcp_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def count(url: str, query: str) -> int:
    with psycopg.connect(url) as db:
        row = db.execute(query).fetchone()  # type: ignore[call-overload]
        assert row is not None
        value: int = row[0]
        return value


@pytest.fixture(scope="module")
def server_env(tmp_path_factory: pytest.TempPathFactory, database: str) -> dict[str, str]:
    """Server mode: ana has the demo network, bo has nothing."""
    folder = tmp_path_factory.mktemp("mcp-server")
    env = {
        **local_env(folder),
        "RAPPORT_MODE": "server",
        "DATABASE_URL": database,
        "RAPPORT_SECRET_KEY": "a-long-random-secret-key-for-this-test-only-0123456789",
        "RAPPORT_BASE_URL": "https://rapport.example.org",
    }
    for step in (
        ["migrate", "--verbosity", "0"],
        ["createuser", "ana", "--password-stdin"],
        ["createuser", "bo", "--password-stdin"],
        ["demo", "--user", "ana"],
    ):
        done = run(env, *step, stdin="long-enough-pw-42\n")
        assert done.returncode == 0, done.stderr
    return env


def test_server_mode_needs_a_user_or_a_token(server_env: dict[str, str]) -> None:
    refused = run(server_env, "mcp")
    assert refused.returncode != 0
    assert "--user NAME" in refused.stderr


def test_another_users_people_and_companies_are_tool_errors(server_env: dict[str, str]) -> None:
    folder = server_env["DATABASE_URL"]
    helen = count(folder, "SELECT min(id) FROM people_person")
    conversations = count(folder, "SELECT count(*) FROM conversations_conversation")

    async def main() -> None:
        async with mcp_session(server_env, "--user", "bo") as session:
            brief = await session.call_tool("person_brief", {"person": f"#{helen}"})
            assert brief.is_error
            assert f"no person with id {helen}" in text(brief)
            paths = await session.call_tool("warm_paths", {"company": "Quillstone"})
            assert paths.is_error
            assert "No company called 'Quillstone'" in text(paths)
            follow_up = await session.call_tool("add_follow_up", {"person": f"#{helen}"})
            assert follow_up.is_error
            assert payload(await session.call_tool("target_list", {}))["targets"] == []
        async with mcp_session(server_env, "--user", "ana") as session:
            known = payload(await session.call_tool("who_do_i_know_at", {"company": "Quillstone"}))
            assert known["works_there_now"]
        assert count(folder, "SELECT count(*) FROM conversations_conversation") == conversations

    run_client(main)
