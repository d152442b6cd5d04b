"""One message as capture sees it: addresses, date, thread, subject and a short snippet.

Only the header and the first few kilobytes of the body are ever looked at; the rest of a
message is never decoded.
"""

from __future__ import annotations

import hashlib
import quopri
import re
from base64 import b64decode
from binascii import Error as BinasciiError
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from sys import intern

from rapport.imports.match import email_key

SNIPPET = 200  # characters kept of a body
BODY_PEEK = 16 * 1024  # bytes of a body looked at for the snippet

_SPACES = re.compile(r"\s+")
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|vs|antw|tr)\s*(\[\d+\])?\s*:\s*)+", re.I)
_MSGID = re.compile(r"<[^<>\s]+>")
_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Mail:
    """A message reduced to what the rules need."""

    key: str  # digest of the Message-ID (or of date, sender and subject without one)
    sent_at: datetime | None
    sender: str  # an email key ("" if none)
    sender_name: str
    recipients: tuple[str, ...]  # To and Cc, as email keys
    names: tuple[tuple[str, str], ...]  # (email key, display name) of everyone named
    subject: str
    thread: str  # digest of the thread's first Message-ID
    bulk: bool  # List-Unsubscribe, List-Id, Precedence: bulk/list/junk, Auto-Submitted
    labels: tuple[str, ...]  # Gmail's X-Gmail-Labels, lower case
    deleted: bool  # Thunderbird's "expunged" flag
    snippet: str


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def header_text(value: object) -> str:
    """A header as text: RFC 2047 words decoded, folding undone; never raises."""
    if value is None:
        return ""
    raw = str(value)
    if "=?" in raw:
        with suppress(ValueError, LookupError, UnicodeError):
            raw = str(make_header(decode_header(raw)))
    return _SPACES.sub(" ", raw).strip()


# Headers are read by hand, not by the email package: a mailbox has a hundred thousand
# messages, and the package's parser costs a millisecond for each. Only these are kept.
_WANTED = frozenset({
    "from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references",
    "list-unsubscribe", "list-id", "precedence", "auto-submitted", "x-gmail-labels",
    "x-mozilla-status", "content-type", "content-transfer-encoding",
})  # fmt: skip
# A wanted field at the start of a line, with its folded continuation lines.
_WANTED_FIELD = re.compile(
    rf"^({'|'.join(sorted(_WANTED))})[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.M | re.I
)
_UNFOLD = re.compile(r"\r?\n(?=[ \t])")
# One address in a list: "Name" <addr>, Name <addr>, or a bare addr.
_ADDRESS = re.compile(
    r'\s*(?:"((?:[^"\\]|\\.)*)"\s*|([^",<>]*?)\s*)<([^<>]*)>|([^\s,<>";:()]+@[^\s,<>";:()]+)'
)
_PARAM = re.compile(r';\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))')


def headers_read(block: bytes) -> dict[str, list[str]]:
    """The wanted fields of a header block, by lower-case name, each occurrence unfolded.

    One pass of a regular expression finds them: the other fields (a Takeout message has
    dozens: Received, DKIM-Signature, ARC-…) are never split, matched or unfolded."""
    text = block.decode("utf-8", "replace")
    found: dict[str, list[str]] = {}
    for name, value in _WANTED_FIELD.findall(text):
        if "\n" in value:
            value = _UNFOLD.sub(" ", value)
        found.setdefault(name.lower(), []).append(value.strip())
    return found


def _first(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0] if values else ""


def addresses_of(values: list[str]) -> list[tuple[str, str]]:
    """(email key, display name) of every address in these header values."""
    found = []
    for value in values:
        if "(" in value or ":" in value.partition("<")[0]:  # comments, groups: the long way
            pairs = getaddresses([header_text(value)])
        else:
            pairs = [
                (header_text(m.group(1) or m.group(2) or ""), m.group(3) or m.group(4) or "")
                for m in _ADDRESS.finditer(value)
            ]
        for display, address in pairs:
            if key := email_key(address):
                # Interned: a mailbox names the same few thousand people a hundred
                # thousand times, and every mail is held until all are read.
                found.append((intern(key), intern(display.strip().strip('"').strip())))
    return found


def _sent_at(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _thread(fields: dict[str, list[str]], own: str) -> str:
    refs = _MSGID.findall(_first(fields, "references"))
    if not refs:
        refs = _MSGID.findall(_first(fields, "in-reply-to"))
    return digest(refs[0] if refs else own)


def _is_bulk(fields: dict[str, list[str]]) -> bool:
    if "list-unsubscribe" in fields or "list-id" in fields:
        return True
    precedence = _first(fields, "precedence").lower()
    auto = _first(fields, "auto-submitted").lower() or "no"
    return precedence in {"bulk", "list", "junk"} or auto != "no"


def _deleted(fields: dict[str, list[str]]) -> bool:
    status = _first(fields, "x-mozilla-status")
    try:
        return bool(int(status, 16) & 0x0008) if status else False
    except ValueError:
        return False


def subject_clean(subject: str) -> str:
    """The subject without "Re:", "Fwd:" and the like."""
    return _REPLY_PREFIX.sub("", subject).strip()


def mail_from_bytes(header: bytes, body: bytes = b"", *, snippet: bool = True) -> Mail:
    """Read a message's header block (and the start of its body, for the snippet)."""
    fields = headers_read(header)
    senders = addresses_of(fields.get("from", []))
    sender, sender_name = senders[0] if senders else ("", "")
    others = addresses_of(fields.get("to", []) + fields.get("cc", []))
    subject = header_text(_first(fields, "subject"))[:300]
    sent_at = _sent_at(_first(fields, "date"))
    own = _MSGID.findall(_first(fields, "message-id"))
    identity = own[0] if own else f"{sent_at}|{sender}|{subject}"
    labels = header_text(_first(fields, "x-gmail-labels"))
    bulk = _is_bulk(fields)
    return Mail(
        key=digest(identity),
        sent_at=sent_at,
        sender=sender,
        sender_name=sender_name,
        recipients=tuple(dict.fromkeys(key for key, _ in others)),
        names=tuple((key, name) for key, name in [*senders, *others] if name),
        subject=subject,
        thread=_thread(fields, identity),
        bulk=bulk,
        labels=tuple(label.strip().lower() for label in labels.split(",") if label.strip()),
        deleted=_deleted(fields),
        snippet=snippet_of(fields, body) if body and snippet and not bulk else "",
    )


# The snippet: the first text part within the first BODY_PEEK bytes of the body.

_PART_HEAD_END = re.compile(rb"\r?\n\r?\n")


def _content(value: str) -> tuple[str, dict[str, str]]:
    kind = value.partition(";")[0].strip().lower() or "text/plain"
    params = {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _PARAM.finditer(value)}
    return kind, params


def snippet_of(fields: dict[str, list[str]], body: bytes) -> str:
    body = body[:BODY_PEEK]
    content_type, params = _content(_first(fields, "content-type"))
    encoding = _first(fields, "content-transfer-encoding").lower()
    charset = params.get("charset") or "utf-8"
    if content_type.startswith("multipart/"):
        part = _first_text_part(params.get("boundary", ""), body)
        if part is None:
            return ""
        content_type, encoding, charset, body = part
    if not content_type.startswith("text/"):
        return ""
    text = _decode(body[: SNIPPET * 8], encoding, charset)
    if content_type == "text/html":
        text = _TAGS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:SNIPPET]


def _first_text_part(boundary: str, body: bytes) -> tuple[str, str, str, bytes] | None:
    if not boundary:
        return None
    for piece in body.split(b"--" + boundary.encode("ascii", "replace"))[1:]:
        head_end = _PART_HEAD_END.search(piece)
        if head_end is None:
            continue
        fields = headers_read(piece[: head_end.start()].lstrip(b"\r\n"))
        kind, params = _content(_first(fields, "content-type"))
        if kind.startswith("multipart/"):
            inner = _first_text_part(params.get("boundary", ""), piece[head_end.end() :])
            if inner is not None:
                return inner
        elif kind in {"text/plain", "text/html"}:
            encoding = _first(fields, "content-transfer-encoding").lower()
            return kind, encoding, params.get("charset") or "utf-8", piece[head_end.end() :]
    return None


def _decode(body: bytes, encoding: str, charset: str) -> str:
    if encoding == "base64":
        raw = b"".join(body.split())
        raw = raw[: len(raw) - len(raw) % 4]
        try:
            body = b64decode(raw)
        except (BinasciiError, ValueError):
            return ""
    elif encoding == "quoted-printable":
        body = quopri.decodestring(body)
    try:
        return body.decode(charset, "replace")
    except LookupError:
        return body.decode("utf-8", "replace")
