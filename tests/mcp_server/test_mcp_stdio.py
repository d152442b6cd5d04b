"""`rapport mcp` driven over stdio by the MCP SDK's client, on the demo network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .mcp_session import count, local_env, mcp_session, payload, run, run_client, text

READS = {
    "who_do_i_know_at",
    "warm_paths",
    "referral_protocol",
    "todays_next_moves",
    "search",
    "person_brief",
    "target_list",
}
WRITES = {"log_conversation", "add_follow_up", "save_job"}
CONVERSATIONS = "SELECT count(*) FROM conversations_conversation"
# Rows an assistant wrote, marked as such (Source.API, and which program).
BY_ASSISTANT = "WHERE source = 'api' AND source_record = 'an AI assistant (rapport mcp)'"
PEOPLE = "SELECT count(*) FROM people_person"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("mcp")
    env = local_env(data_dir)
    loaded = run(env, "demo")
    assert loaded.returncode == 0, loaded.stderr
    return env


def data_dir(env: dict[str, str]) -> Path:
    return Path(env["RAPPORT_DATA_DIR"])


def test_tools_are_listed_with_read_and_write_annotations(demo: dict[str, str]) -> None:
    async def main() -> None:
        async with mcp_session(demo) as session:
            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            assert set(tools) == READS | WRITES
            for name in READS:
                assert tools[name].annotations
                assert tools[name].annotations.read_only_hint is True
            for name in WRITES:
                assert tools[name].annotations
                assert tools[name].annotations.read_only_hint is False
                assert "confirmation" in tools[name].input_schema["properties"]

    run_client(main)


def test_each_read_tool_answers_from_the_users_network(demo: dict[str, str]) -> None:
    async def main() -> None:
        async with mcp_session(demo) as session:
            known = payload(await session.call_tool("who_do_i_know_at", {"company": "Quillstone"}))
            assert "Kwame Mensah" in [p["name"] for p in known["works_there_now"]]

            paths = payload(await session.call_tool("warm_paths", {"company": "quillstone"}))
            assert paths["company"] == "Quillstone"
            assert paths["paths"][0]["people"] == ["Kwame Mensah"]
            assert paths["has_referral_path"] is True

            protocol = payload(
                await session.call_tool("referral_protocol", {"company": "Brightwell Learning"})
            )
            assert protocol["referral_protocol"]["apply_order"] == "referral_first"
            assert protocol["referral_protocol"]["learned_from"] == "Ruth Adeyemi"

            moves = payload(await session.call_tool("todays_next_moves", {}))
            assert moves["nudges"][0]["title"]

            found = payload(await session.call_tool("search", {"query": "chemistry"}))
            assert "Aisha Rahman" in [hit["title"] for hit in found["hits"]]

            brief = payload(await session.call_tool("person_brief", {"person": "Helen Ashworth"}))
            assert brief["tags"] == ["colleague", "mentor"]
            assert brief["jobs"][0]["company"] == "Northbrook Academy"

            targets = payload(await session.call_tool("target_list", {}))["targets"]
            assert targets[0]["company"] == "Brightwell Learning"
            assert [t["priority"] for t in targets] == sorted(t["priority"] for t in targets)

    run_client(main)


def test_unknown_names_and_ids_are_tool_errors_that_say_why(demo: dict[str, str]) -> None:
    async def main() -> None:
        async with mcp_session(demo) as session:
            company = await session.call_tool("warm_paths", {"company": "Brightwel Learning"})
            assert company.is_error
            assert "Did you mean: Brightwell Learning" in text(company)
            person = await session.call_tool("person_brief", {"person": "#99999"})
            assert person.is_error
            assert "no person with id 99999" in text(person)
            empty = await session.call_tool("log_conversation", {"participants": []})
            assert empty.is_error
            assert "at least one person" in text(empty)
            # The server is still there after the errors.
            assert payload(await session.call_tool("target_list", {}))["targets"]

    run_client(main)


def test_log_conversation_writes_only_once_confirmed(demo: dict[str, str]) -> None:
    folder = data_dir(demo)
    conversations, people = count(folder, CONVERSATIONS), count(folder, PEOPLE)
    call = {
        "participants": ["Kwame Mensah"],
        "channel": "video",
        "notes": "Kwame told me about a hidden research role.",
        "outcomes": [{"kind": "name", "person": "Priya Newcombe", "company": "Quillstone"}],
    }

    async def main() -> None:
        async with mcp_session(demo) as session:
            preview = payload(await session.call_tool("log_conversation", call))
            assert preview["written"] is False
            assert preview["preview"]["participants"][0]["new"] is False
            assert preview["preview"]["outcomes"][0]["person"] == "Priya Newcombe"
            assert count(folder, CONVERSATIONS) == conversations

            token = {"confirmation": preview["confirmation_token"]}
            done = payload(await session.call_tool("log_conversation", token))
            assert done["written"] is True
            assert count(folder, CONVERSATIONS) == conversations + 1
            assert count(folder, PEOPLE) == people + 1  # Priya became a person

            again = await session.call_tool("log_conversation", token)
            assert again.is_error
            assert "nothing was written" in text(again)
            assert count(folder, CONVERSATIONS) == conversations + 1

            brief = payload(await session.call_tool("person_brief", {"person": "Priya Newcombe"}))
            assert brief["introduced_by"] == "Kwame Mensah"

    run_client(main)


def test_add_follow_up_previews_then_writes(demo: dict[str, str]) -> None:
    folder = data_dir(demo)
    before = count(folder, "SELECT count(*) FROM playbook_followup")

    async def main() -> None:
        async with mcp_session(demo) as session:
            args = {"person": "Helen Ashworth", "due_on": "2030-01-15", "note": "Ask about May"}
            preview = payload(await session.call_tool("add_follow_up", args))
            assert preview["preview"]["person"] == "Helen Ashworth"
            assert count(folder, "SELECT count(*) FROM playbook_followup") == before
            token = {"confirmation": preview["confirmation_token"]}
            assert payload(await session.call_tool("add_follow_up", token))["written"]
            # A token confirms only the tool that made it.
            assert (await session.call_tool("log_conversation", token)).is_error
        assert count(folder, "SELECT count(*) FROM playbook_followup") == before + 1
        assert count(folder, f"SELECT count(*) FROM playbook_followup {BY_ASSISTANT}") == 1

    run_client(main)


def test_save_job_previews_then_saves_one_opportunity(demo: dict[str, str]) -> None:
    folder = data_dir(demo)
    opportunities = "SELECT count(*) FROM opportunities_opportunity"
    before = count(folder, opportunities)
    job = {
        "title": "Learning Designer",
        "company": "Paperkite Studio",
        "url": "https://paperkite.example/jobs/learning-designer",
    }

    async def main() -> None:
        async with mcp_session(demo) as session:
            preview = payload(await session.call_tool("save_job", job))
            assert preview["preview"]["new_company"] is False
            assert count(folder, opportunities) == before
            token = {"confirmation": preview["confirmation_token"]}
            saved = payload(await session.call_tool("save_job", token))
            assert saved["new"] is True
            again = payload(await session.call_tool("save_job", job))  # the same posting
            resaved = payload(
                await session.call_tool("save_job", {"confirmation": again["confirmation_token"]})
            )
            assert (resaved["new"], resaved["opportunity_id"]) == (False, saved["opportunity_id"])
        assert count(folder, opportunities) == before + 1
        assert count(folder, f"{opportunities} {BY_ASSISTANT}") == 1

    run_client(main)


def test_a_read_only_token_reads_and_a_revoked_one_stops_at_once(demo: dict[str, str]) -> None:
    created = run(demo, "token", "create", "--name", "assistant", "--read-only", "--json")
    assert created.returncode == 0, created.stderr
    secret = json.loads(created.stdout)["secret"]

    async def main() -> None:
        async with mcp_session(demo, "--token", secret) as session:
            tools = {tool.name for tool in (await session.list_tools()).tools}
            assert tools == READS
            assert payload(await session.call_tool("target_list", {}))["targets"]
            write = await session.call_tool("log_conversation", {"participants": ["Ana"]})
            assert write.is_error
            assert run(demo, "token", "revoke", "assistant").returncode == 0
            refused = await session.call_tool("target_list", {})
            assert refused.is_error
            assert "revoked" in text(refused)

    run_client(main)


def test_a_bad_token_is_refused_before_serving(demo: dict[str, str]) -> None:
    refused = run(demo, "mcp", "--token", "rap_not-a-real-token")
    assert refused.returncode != 0
    assert "unknown or revoked" in refused.stderr


def test_the_very_first_command_can_be_rapport_mcp(tmp_path: Path) -> None:
    """A new data directory: the database is made first, and nothing but MCP reaches stdout."""

    async def main() -> None:
        async with mcp_session(local_env(tmp_path)) as session:
            assert payload(await session.call_tool("target_list", {})) == {"targets": []}
            moves = payload(await session.call_tool("todays_next_moves", {}))
            assert moves["follow_ups"] == []

    run_client(main)
