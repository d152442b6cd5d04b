"""Outreach drafts that follow The 2-Hour Job Search: under 100 words, the connection first,
asking for insight rather than a job, and the request written as a question.

Pure functions of a few facts (no database): the playbook's 3B7 rule drafts a follow-up
from its own records. Rapport never sends them: the user edits, copies or opens them in
their mail client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from rapport.outreach.models import AttemptKind

WORD_LIMIT = 100


@dataclass(frozen=True)
class DraftFacts:
    """What a draft may say about the person, the company and the user."""

    first_name: str  # of the person written to
    sender: str  # the user's name, to sign with
    company: str = ""  # the company the user wants to learn about
    title: str = ""  # the person's job title there
    worked_there: bool = False  # the person used to work at the company (an alumnus of it)
    introduced_by: str = ""  # who put the user in touch with them
    how_we_met: str = ""
    target_name: str = ""  # introduction request: whom to be introduced to
    target_title: str = ""
    sent_on: date | None = None  # follow-up: when the first message went out
    subject: str = ""  # follow-up: the first message's subject


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str

    @property
    def words(self) -> int:
        return len(self.body.split())

    def mailto(self, address: str = "") -> str:
        """A `mailto:` link that opens the draft in the user's mail client."""
        query = f"subject={quote(self.subject)}&body={quote(self.body)}"
        return f"mailto:{quote(address, safe='@')}?{query}"


def _there(facts: DraftFacts) -> str:
    return facts.company or "your team"


def _connection(facts: DraftFacts, kind: str) -> str:
    """The first sentence: what connects the user to the person."""
    if facts.introduced_by:
        return f"{facts.introduced_by} suggested I get in touch with you."
    if facts.how_we_met:
        return f"We are connected through {facts.how_we_met.rstrip('.')}."
    if kind == AttemptKind.ALUMNUS:
        if facts.worked_there and facts.company:
            return f"I see you used to work at {facts.company}, and I would value your view of it."
        return "As a fellow alumnus, I hope you don't mind me reaching out."
    role = f" as {facts.title}" if facts.title else ""
    where = f" at {facts.company}" if facts.company else ""
    return f"I came across your work{role}{where}."


def cold(facts: DraftFacts, kind: str = AttemptKind.COLD) -> Draft:
    """A first message to someone who does not know the user (or barely does)."""
    there = _there(facts)
    body = "\n\n".join(
        [
            f"Hi {facts.first_name},",
            f"{_connection(facts, kind)} I am exploring my next step, and {there} is one of "
            "the places I most want to learn about.",
            f"Could I ask you a few questions about your experience at {there}? Would you "
            "have 15 minutes for a call in the next couple of weeks?",
            f"Thank you,\n{facts.sender}",
        ]
    )
    subject = f"Your insight on {facts.company}?" if facts.company else "A quick question?"
    return Draft(subject, body)


def alumnus(facts: DraftFacts) -> Draft:
    return cold(facts, AttemptKind.ALUMNUS)


def introduction(facts: DraftFacts) -> Draft:
    """Asking a contact to introduce the user to someone at the company."""
    role = f", who is {facts.target_title}" if facts.target_title else ""
    where = f" at {facts.company}" if facts.company else ""
    target_first = facts.target_name.split()[0] if facts.target_name else "them"
    body = "\n\n".join(
        [
            f"Hi {facts.first_name},",
            f"I hope you are well! I am learning about {facts.company or 'a company'} and saw "
            f"that you know {facts.target_name or 'someone there'}{role}{where}.",
            f"Would you be comfortable introducing us? I would love {target_first}'s advice "
            "on the team and how people there got started: a short conversation, not a job. "
            "I am happy to write a note you can forward.",
            f"Thank you,\n{facts.sender}",
        ]
    )
    return Draft(f"An introduction to {facts.target_name}?", body)


def follow_up(facts: DraftFacts) -> Draft:
    """A short, friendly nudge after no reply (the 7 of 3B7)."""
    when = f" of {facts.sent_on:%A %d %B}" if facts.sent_on else ""
    about = f" about {facts.company}" if facts.company else ""
    body = "\n\n".join(
        [
            f"Hi {facts.first_name},",
            f"I wanted to follow up on my note{when}{about}; I know how busy things get.",
            f"Would you have 15 minutes in the coming weeks to share your view of "
            f"{_there(facts)}? Any advice would mean a lot.",
            f"Thank you,\n{facts.sender}",
        ]
    )
    subject = f"Re: {facts.subject}" if facts.subject else f"Following up{about}"
    return Draft(subject, body)


def draft_for(kind: str, facts: DraftFacts) -> Draft:
    if kind == AttemptKind.INTRODUCTION:
        return introduction(facts)
    if kind == AttemptKind.FOLLOW_UP:
        return follow_up(facts)
    if kind == AttemptKind.ALUMNUS:
        return alumnus(facts)
    return cold(facts)
