"""The MCP server: tools named after the job seeker's questions, for one caller.

Read tools are annotated read-only. Write tools answer a first call with a preview and a
confirmation token, and write only when called again with that token.
"""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field

from rapport.conversations.models import Channel
from rapport.conversations.services import OutcomeInput
from rapport.mcp_server import reads, writes
from rapport.mcp_server.caller import Caller
from rapport.mcp_server.confirmations import Confirmations, Write
from rapport.playbook.models import FollowUpKind

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITE = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)
INSTRUCTIONS = (
    "Rapport is the user's job-search network: people, companies, warm paths, referral "
    "protocols, conversations and follow-ups. Write tools first return a preview and a "
    "confirmation token: show the preview to the user, and only if they agree call the tool "
    "again with confirmation set to that token."
)


class Outcome(BaseModel):
    """One thing that came out of a conversation, as in the log form."""

    kind: str = Field(
        description="name (a person to talk to), lead (a job), insight, recommend, avoid, "
        "advice or gave (something you gave back)"
    )
    text: str = ""
    from_person: str = Field("", description="Who it came from; default: first participant")
    person: str = Field("", description="name: who you were told to talk to")
    company: str = Field("", description="The company it is about")
    title: str = Field("", description="lead: the job title; name: the person's title")
    advertised: bool = False


def build_server(caller: Caller, confirmations: Confirmations | None = None) -> MCPServer:
    server = MCPServer(name="rapport", instructions=INSTRUCTIONS)
    _add_reads(server, caller)
    if not caller.read_only:
        _add_writes(server, caller, confirmations or Confirmations())
    return server


def _add_reads(server: MCPServer, caller: Caller) -> None:
    @server.tool(annotations=READ)
    def who_do_i_know_at(company: str) -> dict[str, Any]:
        """Who you know at a company: people who work there now, and who worked there."""
        return reads.who_do_i_know_at(caller.owner(), company)

    @server.tool(annotations=READ)
    def warm_paths(company: str, limit: int = 10) -> dict[str, Any]:
        """Warm paths into a company, best first: whom to ask, and how each path leads there.
        Without one, whom to ask for an introduction."""
        return reads.warm_paths_into(caller.owner(), company, limit)

    @server.tool(annotations=READ)
    def referral_protocol(company: str) -> dict[str, Any]:
        """How referrals work at a company (channel, steps, apply before or after), who told
        you, and whether it is a target or one to avoid."""
        return reads.referral_protocol(caller.owner(), company)

    @server.tool(annotations=READ)
    def todays_next_moves() -> dict[str, Any]:
        """Today's next moves, most urgent first, and the follow-ups that are due."""
        return reads.todays_next_moves(caller.owner())

    @server.tool(annotations=READ)
    def search(query: str, limit: int = 20) -> dict[str, Any]:
        """People, companies, conversations and opportunities matching every word of query."""
        return reads.search(caller.owner(), query, limit)

    @server.tool(annotations=READ)
    def person_brief(person: str) -> dict[str, Any]:
        """A brief on one person (full name, or id such as #12): jobs, contact points, how you
        met, notes, when you last talked and your latest conversations."""
        return reads.person_brief(caller.owner(), person)

    @server.tool(annotations=READ)
    def target_list() -> dict[str, Any]:
        """Your target companies in priority order, with why each is on the list."""
        return reads.target_list(caller.owner())


def _add_writes(server: MCPServer, caller: Caller, confirmations: Confirmations) -> None:
    def confirmed(tool: str, token: str) -> dict[str, Any]:
        owner = caller.writer()
        write = confirmations.take(tool=tool, owner_id=owner.pk, token=token)
        return {"written": True, **write()}

    def held(tool: str, preview: dict[str, Any], write: Write) -> dict[str, Any]:
        token = confirmations.hold(tool=tool, owner_id=caller.writer().pk, write=write)
        return {
            "written": False,
            "preview": preview,
            "confirmation_token": token,
            "expires_in_seconds": confirmations.seconds,
            "next": f"Nothing is written yet. Show this to the user; if they agree, call {tool} "
            "again with confirmation set to the token.",
        }

    @server.tool(annotations=WRITE)
    def log_conversation(
        participants: list[str] | None = None,
        occurred_on: str = "",
        channel: str = Channel.COFFEE.value,
        companies: list[str] | None = None,
        notes: str = "",
        outcomes: list[Outcome] | None = None,
        confirmation: str = "",
    ) -> dict[str, Any]:
        """Log a conversation as the log form does: new names become people, a name you were
        given becomes an introduction, a lead becomes an opportunity. The first call returns a
        preview and a confirmation token; call again with only confirmation=token to write.
        occurred_on is YYYY-MM-DD (default today)."""
        if confirmation:
            return confirmed("log_conversation", confirmation)
        preview, write = writes.conversation_preview(
            caller.writer(),
            occurred_on=writes.day(occurred_on),
            channel=channel,
            participants=participants or [],
            companies=companies or [],
            notes=notes,
            outcomes=[OutcomeInput(**o.model_dump()) for o in outcomes or []],
        )
        return held("log_conversation", preview, write)

    @server.tool(annotations=WRITE)
    def add_follow_up(
        person: str = "",
        due_on: str = "",
        kind: str = FollowUpKind.FOLLOW_UP.value,
        note: str = "",
        confirmation: str = "",
    ) -> dict[str, Any]:
        """Add a follow-up with a person (full name or id such as #12) due on a day
        (YYYY-MM-DD, default today). The first call returns a preview and a confirmation token;
        call again with only confirmation=token to write."""
        if confirmation:
            return confirmed("add_follow_up", confirmation)
        preview, write = writes.follow_up_preview(
            caller.writer(), person=person, due_on=writes.day(due_on), kind=kind, note=note
        )
        return held("add_follow_up", preview, write)

    @server.tool(annotations=WRITE)
    def save_job(
        title: str = "",
        company: str = "",
        url: str = "",
        deadline: str = "",
        confirmation: str = "",
    ) -> dict[str, Any]:
        """Save a job you want as an opportunity (or refresh the one saved before from the same
        posting). deadline is YYYY-MM-DD if the posting has one. The first call returns a
        preview and a confirmation token; call again with only confirmation=token to write."""
        if confirmation:
            return confirmed("save_job", confirmation)
        preview, write = writes.job_preview(
            caller.writer(),
            title=title,
            company=company,
            url=url.strip(),
            deadline=writes.day(deadline) if deadline.strip() else None,
        )
        return held("save_job", preview, write)
