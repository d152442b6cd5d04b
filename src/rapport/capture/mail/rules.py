"""Which mails count, and what each is evidence of: a touch, a real exchange (a thread
with replies both ways), a newcomer worth adding, or an application's next stage.

Left out, and counted with their reason: duplicates (same Message-ID), spam, trash and
drafts, bulk and list mail, no-reply senders, mail neither from nor to the user, and mail
with colleagues at the user's own work domain (or another excluded domain).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from rapport.capture.known import KnownPeople
from rapport.capture.mail.ats import Opening, StageFound, moves_forward, opening_for, stage_of
from rapport.capture.mail.ats import system_of as ats_system
from rapport.capture.mail.headers import Mail, subject_clean
from rapport.conversations.models import TouchDirection
from rapport.imports.match.keys import work_domain

_NO_REPLY = re.compile(
    r"^(no-?reply|do-?not-?reply|donotreply|noreply-[\w-]*|[\w.-]*-noreply|notifications?|"
    r"mailer-daemon|postmaster|bounces?(\+[\w.=-]*)?|automated|alerts?)@"
)
_SPAM_LABELS = frozenset({"spam", "trash", "junk", "bin"})
_DRAFT_LABELS = frozenset({"drafts", "draft"})
_SENT_LABELS = frozenset({"sent", "sent mail", "sent items", "sent messages"})
ME_SHARE = 0.3  # an address in this share of all mail is the mailbox owner's


@dataclass(frozen=True, slots=True)
class TouchFound:
    person: int
    key: str
    at: datetime
    direction: str
    subject: str


@dataclass(slots=True)
class Exchange:
    """One correspondent in one thread: how often each way, and the latest."""

    sent: int = 0
    received: int = 0
    last: datetime | None = None
    subject: str = ""
    snippet: str = ""  # of the latest mail they sent

    def add(self, mail: Mail, *, sent: bool) -> None:
        assert mail.sent_at is not None
        if sent:
            self.sent += 1
        else:
            self.received += 1
            self.snippet = mail.snippet or self.snippet
        if self.last is None or mail.sent_at > self.last:
            self.last = mail.sent_at
        self.subject = self.subject or subject_clean(mail.subject)

    @property
    def both_ways(self) -> bool:
        return self.sent > 0 and self.received > 0


@dataclass
class MailFound:
    touches: list[TouchFound] = field(default_factory=list)
    # thread digest -> correspondent -> exchange
    threads: dict[str, dict[str, Exchange]] = field(default_factory=dict)
    stages: list[StageFound] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # address -> display name
    skipped: Counter[str] = field(default_factory=Counter)
    read: int = 0
    me: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class MailContext:
    known: KnownPeople
    me: set[str]
    excluded_domains: frozenset[str]
    exclude_own_domain: bool
    openings: list[Opening]


def mails_sort(mails: Iterable[tuple[Mail, bool]], context: MailContext) -> MailFound:
    """Sort mails (each with whether it came from a sent folder) into what they show.

    Read as a stream: what is left out whoever the user is (duplicates, spam, bulk mail…)
    is counted and dropped at once; only the rest is kept until the user's own addresses
    are known (from the sent mail, or the busiest address), then sorted.
    """
    found = MailFound()
    seen: set[str] = set()
    owner = _Owner()
    kept: list[tuple[Mail, bool]] = []
    for mail, from_sent in mails:
        found.read += 1
        owner.count(mail, from_sent)
        if reason := _left_out(mail, from_sent, seen, context, found):
            found.skipped[reason] += 1
        else:
            kept.append((mail, from_sent))
    del seen
    found.me = context.me | owner.sent or owner.busiest()
    own = {work_domain(a) for a in found.me} - {""} if context.exclude_own_domain else set()
    left_out = set(context.excluded_domains) | own
    for mail, from_sent in kept:
        _sort_one(mail, from_sent, found, context, left_out)
    return found


@dataclass
class _Owner:
    """What tells the mailbox owner's addresses: who sent the sent mail, and which address
    is in the most personal mail."""

    sent: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)
    personal: int = 0

    def count(self, mail: Mail, from_sent: bool) -> None:
        if mail.sender and (from_sent or not _SENT_LABELS.isdisjoint(mail.labels)):
            self.sent.add(mail.sender)
        if not mail.bulk:
            self.personal += 1
            self.counts.update({mail.sender, *mail.recipients} - {""})

    def busiest(self) -> set[str]:
        """The address in the most mails, if it is in enough of them to be the owner's."""
        if not self.counts:
            return set()
        address, count = self.counts.most_common(1)[0]
        return {address} if count >= max(2, ME_SHARE * self.personal) else set()


def _left_out(
    mail: Mail, from_sent: bool, seen: set[str], context: MailContext, found: MailFound
) -> str:
    if mail.key in seen:
        return "duplicate (the same Message-ID)"
    seen.add(mail.key)
    labels = set(mail.labels)
    if labels & _SPAM_LABELS or mail.deleted:
        return "spam or trash"
    if labels & _DRAFT_LABELS:
        return "draft"
    if mail.sent_at is None:
        return "no date"
    if system := ats_system(mail):
        return _application(mail, system, context, found)
    if mail.bulk:
        return "bulk or list mail"
    if _NO_REPLY.match(mail.sender):
        return "no-reply sender"
    return ""


def _application(mail: Mail, system: str, context: MailContext, found: MailFound) -> str:
    stage = stage_of(mail)
    if not stage:
        return "application mail that moves nothing"
    opening = opening_for(mail, context.openings)
    if opening is None:
        return "application mail for no opportunity you follow"
    if not moves_forward(opening.stage, stage):
        return "application mail about a stage already reached"
    label = f"{opening.title} at {opening.company}"
    found.stages.append(StageFound(opening.pk, stage, system, mail, label))
    return "application mail (suggested a stage)"


def _sort_one(
    mail: Mail, from_sent: bool, found: MailFound, context: MailContext, left_out: set[str]
) -> None:
    sent = from_sent or mail.sender in found.me
    if sent:
        others = [a for a in mail.recipients if a not in found.me]
    elif found.me & set(mail.recipients) or not found.me:
        others = [mail.sender]
    else:
        found.skipped["neither from nor to you"] += 1
        return
    others = [a for a in others if a and a.rpartition("@")[2] not in left_out]
    if not others:
        found.skipped["only you or excluded domains"] += 1
        return
    direction = TouchDirection.SENT if sent else TouchDirection.RECEIVED
    assert mail.sent_at is not None
    known = False
    for address in others:
        person = context.known.by_address(address)
        if person is not None:
            known = True
            touch = TouchFound(person, mail.key, mail.sent_at, direction, mail.subject[:200])
            found.touches.append(touch)
        thread = found.threads.setdefault(mail.thread, {})
        thread.setdefault(address, Exchange()).add(mail, sent=sent)
    for address, name in mail.names:
        found.names.setdefault(address, name)
    if not known:
        found.skipped["nobody you know"] += 1


def exchanges_both_ways(found: MailFound) -> Iterable[tuple[str, dict[str, Exchange]]]:
    for thread, people in found.threads.items():
        both = {address: e for address, e in people.items() if e.both_ways}
        if both:
            yield thread, both
