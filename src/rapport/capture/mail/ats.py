"""Mail from applicant-tracking systems: which application it is about, and what happened.

"Thank you for applying" moves an application to Applied, an invitation to interview to
Interviewing, an offer to Offer, a rejection to Rejected. The opportunity is the open one
whose company is named in the mail (subject, sender, the start of the body, or the
company's own Workday host); never one the mail does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapport.capture.mail.headers import Mail
from rapport.core.text import fold
from rapport.opportunities.models import CLOSED_STAGES, Stage

# Sender domains (and their subdomains) of the systems; LinkedIn only for its job mail.
SYSTEMS = {
    "greenhouse.io": "Greenhouse",
    "greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever",
    "myworkday.com": "Workday",
    "myworkdayjobs.com": "Workday",
    "workday.com": "Workday",
    "workdaymail.com": "Workday",
    "ashbyhq.com": "Ashby",
    "ashbyhq.net": "Ashby",
    "smartrecruiters.com": "SmartRecruiters",
    "smartrecruiters.net": "SmartRecruiters",
    "linkedin.com": "LinkedIn",
}
_LINKEDIN_JOB_SENDERS = ("jobs-noreply@", "jobs-listings@", "jobs@", "hiring-noreply@")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        Stage.REJECTED,
        re.compile(
            r"unfortunately|not (?:to )?(?:be )?mov(?:e|ing) forward|other candidates|"
            r"no longer (?:being )?considered|no longer under consideration|"
            r"not been selected|were not selected|decided to pursue|position has been filled|"
            r"regret to inform|will not be progressing|not to proceed"
        ),
    ),
    (
        Stage.OFFER,
        re.compile(r"offer letter|pleased to offer|extend (?:you )?an offer|your offer|job offer"),
    ),
    (
        Stage.INTERVIEWING,
        re.compile(
            r"interview|schedule (?:a|your) (?:call|chat|conversation|time)|phone screen|"
            r"screening call|arrange a (?:\d+[- ]minute )?(?:call|chat)|"
            r"your availability|next steps? in (?:the|our) (?:process|hiring)|"
            r"assessment|take-home|coding challenge|meet the team"
        ),
    ),
    (
        Stage.APPLIED,
        re.compile(
            r"thank(?:s| you) for (?:your )?(?:applying|application|interest)|"
            r"application (?:was )?(?:received|submitted|sent)|received your application|"
            r"your application (?:was|has been) (?:sent|submitted|received)|"
            r"application confirmation|we(?:'ve| have) received"
        ),
    ),
)
RANK = {stage: rank for rank, stage in enumerate(Stage.values)}


@dataclass(frozen=True)
class Opening:
    """An open opportunity, as the matcher needs it."""

    pk: int
    title: str
    stage: str
    company: str
    names: tuple[str, ...]  # the company's folded names (name and aliases)


@dataclass(frozen=True)
class StageFound:
    opportunity: int
    stage: str
    system: str
    mail: Mail
    label: str  # "Data Analyst at Stripe"


def system_of(mail: Mail) -> str:
    """The applicant-tracking system that sent the mail ("" if none)."""
    domain = mail.sender.rpartition("@")[2]
    for suffix, system in SYSTEMS.items():
        if domain == suffix or domain.endswith("." + suffix):
            if system == "LinkedIn" and not mail.sender.startswith(_LINKEDIN_JOB_SENDERS):
                return ""
            return system
    return ""


def stage_of(mail: Mail) -> str:
    text = f"{mail.subject} {mail.snippet}".casefold()
    for stage, pattern in _PATTERNS:
        if pattern.search(text):
            return stage
    return ""


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def opening_for(mail: Mail, openings: list[Opening]) -> Opening | None:
    """The open opportunity whose company the mail names (the longest name wins; then the
    one whose title it names)."""
    local, _, domain = mail.sender.partition("@")
    text = _words(f"{mail.subject} {mail.sender_name} {mail.snippet} {local} {domain}")
    best: tuple[int, int, int] | None = None
    chosen = None
    for index, opening in enumerate(openings):
        length = max((len(n) for n in opening.names if f" {n} " in text), default=0)
        if not length:
            continue
        titled = 1 if opening.title and _words(opening.title) in text else 0
        score = (length, titled, -index)
        if best is None or score > best:
            best, chosen = score, opening
    return chosen


def moves_forward(current: str, proposed: str) -> bool:
    if current in CLOSED_STAGES:
        return False
    if proposed == Stage.REJECTED:
        return True
    return RANK.get(proposed, 0) > RANK.get(current, 0)


def company_names(name: str, aliases: list[str]) -> tuple[str, ...]:
    folded = {_words(n).strip() for n in [name, *aliases]}
    return tuple(n for n in folded if len(n) >= 2)
