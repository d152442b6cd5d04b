"""Small pieces of English the nudges are written with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rapport.conversations.models import Channel

# "You had a ___ with Ana": what each channel of conversation is called in a sentence.
CHANNEL_NOUNS: dict[str, str] = {
    Channel.COFFEE: "coffee",
    Channel.CALL: "call",
    Channel.VIDEO: "video call",
    Channel.EMAIL: "email exchange",
    Channel.LINKEDIN: "LinkedIn exchange",
    Channel.EVENT: "chat at an event",
    Channel.OTHER: "conversation",
}


def channel_noun(channel: str) -> str:
    return CHANNEL_NOUNS.get(channel, "conversation")


def ago(day: date, today: date) -> str:
    """ "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago", "2 years ago"."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def every(days: int) -> str:
    """A cadence in words: 7 → "every week", 182 → "every 6 months"."""
    if days % 7 == 0 and days < 56:
        return _every(days // 7, "week")
    years, months = round(days / 365), round(days / 30.4)
    if years and abs(days - years * 365) <= 5:
        return _every(years, "year")
    if months and abs(days - months * 30.4) <= 3:
        return _every(months, "month")
    return f"every {days} days"


def _every(count: int, unit: str) -> str:
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


def first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


def listing(names: Sequence[str]) -> str:
    """ "Ana", "Ana and Bo", "Ana, Bo and Chen"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


_VOWEL_SOUNDING_LETTERS = frozenset("AEFHILMNORSX")  # "an MBA", "an SEO role"
_YOU_SOUNDS = ("uni", "use", "usu", "uti", "eu", "one", "once")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")


def a(noun: str) -> str:
    """The noun with its article: "a call", "an email exchange", "a UX Researcher"."""
    word = noun.split()[0] if noun.strip() else ""
    lower = word.casefold()
    if len(word) > 1 and word.isupper():
        vowel = word[0] in _VOWEL_SOUNDING_LETTERS
    else:
        vowel = lower[:1] in set("aeiou") and not lower.startswith(_YOU_SOUNDS)
        vowel = vowel or lower.startswith(_SILENT_H)
    return f"{'an' if vowel else 'a'} {noun}"
