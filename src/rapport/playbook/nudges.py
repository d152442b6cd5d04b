"""A nudge: one thing the playbook suggests doing, with a reason a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any
from urllib.parse import urlencode

from rapport.playbook.links import link


class NudgeKind(StrEnum):
    CONNECT_BEFORE_APPLY = "connect-before-apply"
    ASK_REFERRAL_PROTOCOL = "ask-referral-protocol"
    THANK_YOU = "thank-you"
    REPORT_BACK = "report-back"
    REACH_OUT = "reach-out"
    KEEP_IN_TOUCH = "keep-in-touch"
    TARGET_NO_CONTACT = "target-no-contact"
    LEAD_NO_INSIGHT = "lead-no-insight"
    JOB_CHANGE = "job-change"
    WEEKLY_GOALS = "weekly-goals"
    PREPARE_MEETING = "prepare-meeting"
    DEADLINE = "deadline"
    TRY_ANOTHER_CONTACT = "try-another-contact"
    FOLLOW_UP_OUTREACH = "follow-up-outreach"
    ASSIGNMENT = "assignment"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    NudgeKind.CONNECT_BEFORE_APPLY: "Connect before you apply",
    NudgeKind.ASK_REFERRAL_PROTOCOL: "Ask how referrals work",
    NudgeKind.THANK_YOU: "Say thank you",
    NudgeKind.REPORT_BACK: "Close the loop",
    NudgeKind.REACH_OUT: "Reach out to a name you were given",
    NudgeKind.KEEP_IN_TOUCH: "Keep in touch",
    NudgeKind.TARGET_NO_CONTACT: "Find a way in",
    NudgeKind.LEAD_NO_INSIGHT: "Learn about the role",
    NudgeKind.JOB_CHANGE: "Congratulate",
    NudgeKind.WEEKLY_GOALS: "This week's goals",
    NudgeKind.PREPARE_MEETING: "Prepare for a meeting",
    NudgeKind.DEADLINE: "Apply before it closes",
    NudgeKind.TRY_ANOTHER_CONTACT: "3B7: try another contact",
    NudgeKind.FOLLOW_UP_OUTREACH: "3B7: follow up",
    NudgeKind.ASSIGNMENT: "From your coach",
}


class Urgency(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Ref:
    """A person, company or opportunity a nudge is about, by id and name."""

    pk: int
    name: str


@dataclass(frozen=True)
class Nudge:
    kind: NudgeKind
    key: str  # stable across computations: what dismiss and snooze remember
    title: str  # short, for a calendar or a subject line
    reason: str  # why, in a sentence a person understands
    due: date
    urgency: Urgency
    person: Ref | None = None
    company: Ref | None = None
    opportunity: Ref | None = None
    suggestions: tuple[str, ...] = field(default=())  # what to give, ask or do
    attempt_id: int | None = None  # the outreach message the nudge follows (3B7)
    draft: str = ""  # a message to start from (the 3B7 follow-up)
    ask_url: str = ""  # where to ask for the introduction the nudge suggests
    report_url: str = ""  # where to report a coach's assignment done

    def sort_key(self) -> tuple[int, date, str]:
        return (-self.urgency, self.due, self.key)

    def is_overdue(self, today: date) -> bool:
        return self.due < today

    def log_url(self, page: str = "conversations:log") -> str:
        """Log a conversation with the person (and the company) pre-filled."""
        query = {"with": self.person.pk if self.person else None}
        query["company"] = self.company.pk if self.company else None
        params = urlencode({k: v for k, v in query.items() if v is not None})
        return _url(page) + (f"?{params}" if params else "")

    def quick_log_url(self) -> str:
        """The quick log, for a nudge about a person; the full form for one without."""
        return self.log_url("playbook:quick_log" if self.person else "conversations:log")

    def prep_url(self) -> str:
        return _url("playbook:prep", self.person.pk) if self.person else ""

    def follow_up_url(self) -> str:
        """Write the follow-up to the outreach message the nudge is about."""
        return _url("outreach:follow_up", self.attempt_id) if self.attempt_id else ""

    def subject_url(self) -> str:
        """The page of what the nudge is about: the opportunity, company or person."""
        if self.opportunity:
            return _url("opportunities:detail", self.opportunity.pk)
        if self.company:
            return _url("companies:detail", self.company.pk)
        if self.person:
            return _url("people:detail", self.person.pk)
        return ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "key": self.key,
            "title": self.title,
            "reason": self.reason,
            "person": self.person.name if self.person else None,
            "person_id": self.person.pk if self.person else None,
            "company": self.company.name if self.company else None,
            "company_id": self.company.pk if self.company else None,
            "opportunity": self.opportunity.name if self.opportunity else None,
            "opportunity_id": self.opportunity.pk if self.opportunity else None,
            "due": self.due.isoformat(),
            "urgency": self.urgency.label,
            "suggestions": list(self.suggestions),
            **({"draft": self.draft} if self.draft else {}),
        }


def _url(name: str, pk: int | None = None) -> str:
    return link(name, pk)
