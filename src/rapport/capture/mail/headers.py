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
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from rapport.imports.match import email_key

SNIPPET = 200  # characters kept of a body
BODY_PEEK = 16 * 1024  # bytes of a body looked at for the snippet

_parser = BytesHeaderParser()
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
    try:
        text = str(make_header(decode_header(raw)))
    except (ValueError, LookupError, UnicodeError):
        text = raw
    return _SPACES.sub(" ", text).strip()


def _addresses(message: Message, *names: str) -> list[tuple[str, str]]:
    values = [header_text(v) for name in names for v in message.get_all(name) or []]
    found = []
    for display, address in getaddresses(values):
        key = email_key(address)
        if key:
            found.append((key, display.strip().strip('"').strip()))
    return found


def _sent_at(message: Message) -> datetime | None:
    value = message.get("Date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _thread(message: Message, own: str) -> str:
    refs = _MSGID.findall(str(message.get("References") or ""))
    if not refs:
        refs = _MSGID.findall(str(message.get("In-Reply-To") or ""))
    return digest(refs[0] if refs else own)


def _is_bulk(message: Message) -> bool:
    if message.get("List-Unsubscribe") or message.get("List-Id"):
        return True
    precedence = str(message.get("Precedence") or "").strip().lower()
    auto = str(message.get("Auto-Submitted") or "no").strip().lower()
    return precedence in {"bulk", "list", "junk"} or auto != "no"


def _deleted(message: Message) -> bool:
    status = str(message.get("X-Mozilla-Status") or "").strip()
    try:
        return bool(int(status, 16) & 0x0008) if status else False
    except ValueError:
        return False


def subject_clean(subject: str) -> str:
    """The subject without "Re:", "Fwd:" and the like."""
    return _REPLY_PREFIX.sub("", subject).strip()


def mail_from_bytes(header: bytes, body: bytes = b"") -> Mail:
    """Read a message's header block (and the start of its body, for the snippet)."""
    message = _parser.parsebytes(header)
    senders = _addresses(message, "From")
    sender, sender_name = senders[0] if senders else ("", "")
    if not sender:
        name, _address = parseaddr(header_text(message.get("From")))
        sender_name = name
    others = _addresses(message, "To", "Cc")
    subject = header_text(message.get("Subject"))[:300]
    sent_at = _sent_at(message)
    own = _MSGID.findall(str(message.get("Message-ID") or ""))
    identity = own[0] if own else f"{sent_at}|{sender}|{subject}"
    labels = header_text(message.get("X-Gmail-Labels"))
    return Mail(
        key=digest(identity),
        sent_at=sent_at,
        sender=sender,
        sender_name=sender_name,
        recipients=tuple(dict.fromkeys(key for key, _ in others)),
        names=tuple((key, name) for key, name in [*senders, *others] if name),
        subject=subject,
        thread=_thread(message, identity),
        bulk=_is_bulk(message),
        labels=tuple(label.strip().lower() for label in labels.split(",") if label.strip()),
        deleted=_deleted(message),
        snippet=snippet_of(message, body) if body else "",
    )


# The snippet: the first text part within the first BODY_PEEK bytes of the body.

_BOUNDARY = re.compile(rb'boundary="?([^";\r\n]+)"?', re.I)
_PART_HEAD_END = re.compile(rb"\r?\n\r?\n")


def snippet_of(message: Message, body: bytes) -> str:
    body = body[:BODY_PEEK]
    content_type = message.get_content_type()
    encoding = str(message.get("Content-Transfer-Encoding") or "").strip().lower()
    charset = message.get_content_charset() or "utf-8"
    if content_type.startswith("multipart/"):
        part = _first_text_part(message, body)
        if part is None:
            return ""
        content_type, encoding, charset, body = part
    if not content_type.startswith("text/"):
        return ""
    text = _decode(body, encoding, charset)
    if content_type == "text/html":
        text = _TAGS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:SNIPPET]


def _first_text_part(message: Message, body: bytes) -> tuple[str, str, str, bytes] | None:
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str):
        return None
    pieces = body.split(b"--" + boundary.encode("ascii", "replace"))
    for piece in pieces[1:]:
        head_end = _PART_HEAD_END.search(piece)
        if head_end is None:
            continue
        head = _parser.parsebytes(piece[: head_end.start()].lstrip(b"\r\n") + b"\n\n")
        kind = head.get_content_type()
        if kind.startswith("multipart/"):
            inner = _first_text_part(head, piece[head_end.end() :])
            if inner is not None:
                return inner
        elif kind in {"text/plain", "text/html"}:
            encoding = str(head.get("Content-Transfer-Encoding") or "").strip().lower()
            return kind, encoding, head.get_content_charset() or "utf-8", piece[head_end.end() :]
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
