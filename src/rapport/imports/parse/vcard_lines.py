"""vCard text to cards and properties, tolerant of what phones and mail programs write.

vobject's content-line parser reads each property; its component layer is not used, because
that is where it cuts FN/TITLE/NOTE at commas, keeps `http\\://`, decodes every PHOTO (one
truncated photo aborts the whole file) and takes most of its time.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from vobject.base import ParseError, parseLine

from rapport.imports.parse.encoding import codec_for
from rapport.imports.parse.records import ImportFormatError

# Only these properties are read; PHOTO, KEY, SOUND and the rest are never decoded.
WANTED = frozenset(
    {"FN", "N", "ORG", "TITLE", "NOTE", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "UID", "ADR"}
    | {"X-ABLABEL", "VERSION", "KIND", "X-ABSHOWAS", "NICKNAME"}
    # Cards that are lists of contacts, not people (see vcard._not_a_contact).
    | {"X-ADDRESSBOOKSERVER-KIND", "X-EVOLUTION-KIND", "X-EVOLUTION-LIST"}
)
_HEAD = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[;:]")
_BASE64 = re.compile(r"[A-Za-z0-9+/=]+\s*")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@dataclass
class RawCard:
    """The physical lines between one BEGIN:VCARD and its END:VCARD."""

    start: int  # line of BEGIN:VCARD, 1-based
    lines: list[tuple[int, str]] = field(default_factory=list)
    closed: bool = False


@dataclass
class Property:
    line: int
    group: str  # "item1" for Apple's itemN.X-ABLabel pairs, else ""
    name: str  # upper case
    params: dict[str, list[str]]  # upper-case names; 2.1 bare values are under "TYPE"
    value: str  # quoted-printable decoded, backslash escapes still in place
    damaged: bool = False  # bytes that were not valid in the declared charset
    # Quoted-printable bytes that declare no charset and are not UTF-8, held one character
    # per byte (Latin-1) for the card to decode as it decodes its other undeclared text.
    undeclared: bool = False
    # Bytes said to be UTF-8 that are a single-byte charset's (no UTF-8 sequence among
    # them: ThunderSync's "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:3=E8me"), held like
    # undeclared ones for the card to read in the charset they read best in.
    mislabelled: bool = False

    @property
    def types(self) -> set[str]:
        return {t.strip().casefold() for v in self.params.get("TYPE", []) for t in v.split(",")}

    @property
    def text(self) -> str:
        return unescape(self.value).strip()

    def components(self) -> list[str]:
        """The parts of a structured value (N, ORG, ADR), split at unescaped semicolons."""
        return [unescape(part).strip() for part in split_unescaped(self.value, ";")]


def split_cards(text: str, file: str) -> Iterator[RawCard]:
    """Cards as they end, unclosed ones last (closed=False) for the caller to report.

    A card may hold another (vCard 2.1's AGENT, an assistant's card): it is a card of its
    own, and the lines after it are still its holder's. A card cut short before the next
    one begins holds the next ones the same way, and is reported at the end.
    """
    lines = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _require_begin(lines, file)
    open_cards: list[RawCard] = []
    for number, line in enumerate(lines, start=1):
        marker = line.strip().upper() if line[:1] in "BbEe " else ""
        if marker == "BEGIN:VCARD":
            open_cards.append(RawCard(number))
        elif marker == "END:VCARD" and open_cards:
            card = open_cards.pop()
            card.closed = True
            yield card
        elif open_cards:
            open_cards[-1].lines.append((number, line))
    yield from open_cards


def _require_begin(lines: list[str], file: str) -> None:
    number, first = next(((n, line) for n, line in enumerate(lines, 1) if line.strip()), (1, ""))
    if first.strip().upper() != "BEGIN:VCARD":
        message = "does not start with BEGIN:VCARD; expected a vCard file (.vcf)"
        raise ImportFormatError(message, file=file, line=number)


def logical_lines(card: RawCard) -> Iterator[tuple[int, str]]:
    """Unfold: RFC folding (a leading space or tab), quoted-printable soft line breaks
    (a value ending in "="), and vCard 2.1 base64 runs that end at a blank line."""
    start, text, qp, binary = 0, "", False, False
    for number, line in card.lines:
        if not line.strip():
            qp = binary = False  # a blank line ends 2.1 base64 and any QP run
            continue
        if text and qp and text.endswith("="):
            text += "\n" + line  # binascii drops the "=" and this line break together
            continue
        if text and (line[0] in " \t" or (binary and _BASE64.fullmatch(line))):
            text += line[1:] if line[0] in " \t" else line
            continue
        if text:
            yield start, text
        start, text = number, line
        head = line.split(":", 1)[0].upper()
        qp = "QUOTED-PRINTABLE" in head
        binary = "BASE64" in head or "ENCODING=B" in head
    if text:
        yield start, text


class BadLine(Exception):
    """A line that is not even NAME[;PARAMS]:VALUE."""


def read_property(line: int, text: str) -> Property | None:
    """A wanted property, or None for one not read (PHOTO…); BadLine for garbage."""
    head = _HEAD.match(text)
    if not head:
        raise BadLine(text)
    if head.group(2).upper() not in WANTED:
        return None
    try:
        name, raw_params, value, group = parseLine(text, line)
    except ParseError:
        raise BadLine(text) from None
    params: dict[str, list[str]] = {}
    for param in raw_params:
        if len(param) == 1:  # vCard 2.1: TEL;CELL;PREF
            key, values = ("ENCODING" if _is_encoding(param[0]) else "TYPE"), param
        else:
            key, values = param[0].upper(), param[1:]
        params.setdefault(key, []).extend(values)
    prop = Property(line, (group or "").casefold(), name.upper(), params, value)
    if any(v.upper() == "QUOTED-PRINTABLE" for v in params.get("ENCODING", [])):
        charset = params.get("CHARSET", [""])[0]
        prop.value, prop.damaged, prop.undeclared = _decode_qp(value, charset)
        prop.mislabelled = bool(charset) and prop.undeclared
    return prop


def _is_encoding(value: str) -> bool:
    return value.upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B")


def _decode_qp(value: str, charset: str) -> tuple[str, bool, bool]:
    """The decoded value; whether it had bytes invalid in its declared charset; and whether
    it declares none and is not UTF-8, or says UTF-8 and is a single-byte charset: then its
    bytes, as Latin-1 (Property.undeclared, .mislabelled)."""
    data = binascii.a2b_qp(value.encode("utf-8"))
    damaged = undeclared = False
    try:
        text = data.decode(codec_for(charset) or charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        if charset and codec_for(charset) == "utf-8" and single_byte(data):
            text, undeclared = data.decode("latin-1"), True  # said UTF-8: mislabelled
        elif charset:  # Android writes invalid UTF-8 inside QP; keep what is readable.
            text, damaged = data.decode("utf-8", errors="replace"), True
        else:  # no CHARSET (2.1's default is ASCII): the card finds which (Outlook, The Bat!)
            text, undeclared = data.decode("latin-1"), True
    return text.replace("\r\n", "\n"), damaged, undeclared


def single_byte(data: bytes) -> bool:
    """Whether `data` has bytes beyond ASCII and none of them in a UTF-8 sequence: text in
    a single-byte charset ("3\xe8me"), not UTF-8 with a sequence broken here and there."""
    text = data.decode("utf-8", errors="replace")
    beyond = [char for char in text if not char.isascii()]
    return bool(beyond) and all(char == "\ufffd" for char in beyond)


def unescape(value: str) -> str:
    r"""vCard text escapes: \n \N \, \; \\ and the `http\://` Apple writes."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    r"""Split at `separator` unless it is escaped ("Doe\;Jr" is one part)."""
    if "\\" not in value:
        return value.split(separator)
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current += ["\\", char]
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
