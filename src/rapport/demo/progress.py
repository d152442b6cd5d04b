"""What the job seeker did after the conversations in `story`: put the target list in order,
wrote down how referrals work, followed up introductions and moved leads along."""

from __future__ import annotations

from dataclasses import dataclass

from rapport.companies.models import ApplyOrder
from rapport.conversations.models import IntroductionState
from rapport.demo.cast import (
    BRIGHTWELL,
    COBALT,
    EASTMOOR,
    FERNLEAF,
    KESTREL,
    PAPERKITE,
    QUILLSTONE,
    TIDEWATER,
)
from rapport.opportunities.models import Stage


@dataclass(frozen=True)
class ReferralSeed:
    company: str
    channel: str
    steps: str
    apply_order: str
    learned_from: str
    days_ago: int


@dataclass(frozen=True)
class OpportunitySeed:
    company: str
    title: str
    stage: str
    referrer: str = ""
    referral_channel: str = ""


@dataclass(frozen=True)
class OutreachSeed:
    """A message the job seeker sent to get a conversation (see rapport.outreach)."""

    person: str
    company: str
    days_ago: int
    subject: str
    message: str
    replied_days_ago: int | None = None


@dataclass(frozen=True)
class PostingSeed:
    """An advertised job found on a careers page rather than in a conversation."""

    company: str
    title: str
    url: str
    stage: str
    notes: str


# Final priorities on the target list, once the conversations have added to it.
PRIORITIES: dict[str, int] = {
    BRIGHTWELL: 1,
    QUILLSTONE: 2,
    COBALT: 3,
    FERNLEAF: 4,
    PAPERKITE: 5,
    KESTREL: 6,
}

REFERRAL_PROTOCOLS: tuple[ReferralSeed, ...] = (
    ReferralSeed(
        BRIGHTWELL,
        "Internal 'Bring a friend' form",
        "1. Talk to someone in the team first.\n2. They submit the form with your CV.\n"
        "3. The hiring manager reads it within a week.",
        ApplyOrder.REFERRAL_FIRST,
        "Ruth Adeyemi",
        52,
    ),
    ReferralSeed(
        COBALT,
        "#referrals channel on their chat",
        "A member of staff posts your CV with a note; you skip the recruiter screen.",
        ApplyOrder.REFERRAL_FIRST,
        "Clara Jensen",
        35,
    ),
    ReferralSeed(
        FERNLEAF,
        "Careers page, then an employee referral",
        "Apply online first; the referrer then links your application within five days.",
        ApplyOrder.APPLY_FIRST,
        "Elena Petrova",
        44,
    ),
    ReferralSeed(
        KESTREL,
        "Referral portal",
        "Your referrer submits you through the portal; a portfolio review comes before any "
        "interview.",
        ApplyOrder.REFERRAL_FIRST,
        "Sam Whitaker",
        31,
    ),
)

INTRODUCTIONS: tuple[tuple[str, str, str], ...] = (
    ("Tom Okafor", "Nadia Haddad", IntroductionState.THANKED),
    ("Nadia Haddad", "Ruth Adeyemi", IntroductionState.MET),
    ("Nadia Haddad", "Ollie Grant", IntroductionState.OFFERED),
    ("Priya Raman", "Elena Petrova", IntroductionState.THANKED),
    ("Elena Petrova", "Sam Whitaker", IntroductionState.MET),
    ("Sofia Marquez", "Kwame Mensah", IntroductionState.THANKED),
    ("Sofia Marquez", "Ines Carvalho", IntroductionState.OFFERED),
    ("Kwame Mensah", "Freya Nilsson", IntroductionState.MET),
    ("Amara Nwosu", "Felix Moreau", IntroductionState.MET),
    ("Rahul Mehta", "Isabel Duarte", IntroductionState.MET),
    ("Isabel Duarte", "Clara Jensen", IntroductionState.MADE),
    ("Daniel Chen", "Hannah Cole", IntroductionState.MET),
)

OPPORTUNITIES: tuple[OpportunitySeed, ...] = (
    OpportunitySeed(
        BRIGHTWELL,
        "Learning Designer (Science)",
        Stage.INTERVIEWING,
        "Nadia Haddad",
        "Internal 'Bring a friend' form",
    ),
    OpportunitySeed(TIDEWATER, "Research Associate", Stage.WITHDRAWN),
    OpportunitySeed(
        FERNLEAF, "Junior UX Researcher", Stage.APPLIED, "Elena Petrova", "Employee referral"
    ),
    OpportunitySeed(
        COBALT,
        "Chemistry Content Specialist",
        Stage.REFERRED,
        "Isabel Duarte",
        "#referrals channel on their chat",
    ),
    OpportunitySeed(PAPERKITE, "Research Associate (Education clients)", Stage.LEAD),
    OpportunitySeed(KESTREL, "Customer Education Designer", Stage.RESEARCHING),
    OpportunitySeed(QUILLSTONE, "UX Researcher (Learning Products)", Stage.CONNECTED),
)

POSTINGS: tuple[PostingSeed, ...] = (
    PostingSeed(
        EASTMOOR,
        "Learning Designer",
        "https://eastmoor.example/jobs/learning-designer",
        Stage.REJECTED,
        "Applied cold, before I knew anyone there. No reply for a month.",
    ),
)

# How much the job seeker wants each target (the M of the ranked target list).
MOTIVATION: dict[str, int] = {
    BRIGHTWELL: 3,
    QUILLSTONE: 3,
    COBALT: 2,
    FERNLEAF: 2,
    KESTREL: 2,
    PAPERKITE: 1,
}

OUTREACH: tuple[OutreachSeed, ...] = (
    OutreachSeed(
        "Lucy Brennan",
        QUILLSTONE,
        12,
        "Your insight on Quillstone?",
        "Hi Lucy,\n\nWe met at the Leeds UX Research meetup. Quillstone is one of the places I "
        "most want to learn about. Could I ask you a few questions about how research works "
        "there? Would you have 15 minutes in the next couple of weeks?\n\nThank you",
    ),
    OutreachSeed(
        "Nikhil Rao",
        PAPERKITE,
        9,
        "A question about Paperkite?",
        "Hi Nikhil,\n\nAmara suggested I get in touch. Could I ask how Paperkite runs its "
        "research projects? Would you have 15 minutes for a call?\n\nThank you",
        replied_days_ago=7,
    ),
)
