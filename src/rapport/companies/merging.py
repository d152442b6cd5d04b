"""What a company merged into another leaves it: one policy, for the user's merges
(services.company_merge) and for the migrations that merged companies whose keys met
(0003, 0004). It works on historical models too, so it reads fields, not methods.

The survivor keeps what it has; what it lacks it takes from the other, a group of fields at
a time (a status goes with its reason and who gave it); what the other said otherwise goes
into the survivor's notes ("Merged from "X": was marked to avoid — slow hiring").
"""

from __future__ import annotations

from typing import Any

# The fields of Company the user fills in, by group. A group the survivor has none of it takes
# whole from the merged company (a status goes with its reason and who gave it); otherwise the
# survivor keeps its own and the merged company's, where it says something else, goes into the
# notes. The name becomes an alias; the notes are appended.
STATUS = ("target_status", "priority", "status_reason", "status_by_id", "status_conversation_id")
REFERRAL = (
    "referral_channel",
    "referral_steps",
    "referral_apply_order",
    "referral_learned_from_id",
    "referral_learned_on",
)
SINGLE = ("website", "careers_url", "phone")
SINGLE_WORDS = [
    ("website", "its website"),
    ("careers_url", "its careers page"),
    ("phone", "its phone number"),
]
# What a field holds when the user wrote nothing in it.
UNSET = {"target_status": "none", "referral_apply_order": "unknown"}
STATUS_WORDS = {"target": "was a target", "avoid": "was marked to avoid", "none": "was not listed"}
SAID_BY = {"target": "recommended by", "avoid": "warned against by", "none": "said by"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
APPLY_ORDER = {
    "referral_first": "get the referral before applying",
    "apply_first": "apply first, then get referred",
}


def company_fill(survivor: Any, other: Any) -> None:
    """Give the survivor what it lacks of `other`'s fields, and write in its notes what of
    them it has otherwise."""
    if other.notes.strip() and other.notes.strip() not in survivor.notes:
        survivor.notes = f"{survivor.notes.rstrip()}\n\n{other.notes.strip()}".lstrip()
    kept_apart: list[str] = []
    if _unset(survivor, STATUS):
        _copy(STATUS, other, survivor)
    elif survivor.target_status == other.target_status:
        _copy([f for f in STATUS if _unset(survivor, [f])], other, survivor)
    if _differs(other, survivor, STATUS):
        kept_apart.append(_status_words(other))
    if _unset(survivor, REFERRAL):
        _copy(REFERRAL, other, survivor)
    if _differs(other, survivor, REFERRAL):
        kept_apart.append(_referral_words(other))
    single = [f for f in SINGLE if hasattr(survivor, f)]  # a field added later (0005)
    _copy([f for f in single if _unset(survivor, [f])], other, survivor)
    for field, words in SINGLE_WORDS:
        if field in single and _differs(other, survivor, [field]):
            kept_apart.append(f"{words} was {getattr(other, field)}")
    if kept_apart:
        merged = f'Merged from "{other.name}": {"; ".join(kept_apart)}'
        survivor.notes = f"{survivor.notes.rstrip()}\n\n{merged}".lstrip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _unset(company: Any, fields: Any) -> bool:
    return all(_blank(getattr(company, f)) or getattr(company, f) == UNSET.get(f) for f in fields)


def _differs(other: Any, survivor: Any, fields: Any) -> bool:
    """Whether `other` has something in `fields` that the survivor does not."""
    return any(not _unset(other, [f]) and getattr(other, f) != getattr(survivor, f) for f in fields)


def _status_words(company: Any) -> str:
    """ "was marked to avoid — slow hiring (warned against by Ana Souza, in your conversation
    of 3 Oct 2026)"."""
    words = STATUS_WORDS.get(company.target_status, f"was {company.target_status}")
    if company.priority is not None:
        words += f" (priority {company.priority})"
    if not _blank(company.status_reason):
        words += f" — {company.status_reason.strip()}"
    source = []
    if company.status_by_id is not None:
        said_by = SAID_BY.get(company.target_status, "said by")
        source.append(f"{said_by} {company.status_by.full_name}")
    if company.status_conversation_id is not None:
        source.append(f"in your conversation of {_day(company.status_conversation.occurred_on)}")
    return f"{words} ({', '.join(source)})" if source else words


def _referral_words(company: Any) -> str:
    """ "its referral route was: through the internal portal; send the CV first; get the
    referral before applying (learnt from Ana Souza on 3 Oct 2026)"."""
    route = [
        f"through {company.referral_channel.strip()}" if company.referral_channel.strip() else "",
        company.referral_steps.strip(),
        APPLY_ORDER.get(company.referral_apply_order, ""),
    ]
    route = [part for part in route if part]
    words = f"its referral route was: {'; '.join(route)}" if route else "it had a referral route"
    source = []
    if company.referral_learned_from_id is not None:
        source.append(f"from {company.referral_learned_from.full_name}")
    if company.referral_learned_on is not None:
        source.append(f"on {_day(company.referral_learned_on)}")
    return f"{words} (learnt {' '.join(source)})" if source else words


def _day(day: Any) -> str:
    """ "3 Oct 2026", as the company page writes it, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _copy(fields: Any, source: Any, target: Any) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))
