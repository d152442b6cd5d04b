"""An mbox file (Google Takeout, Thunderbird, Apple Mail) read as a stream.

The file is read in large blocks and cut at its "From " lines; each message's header (and
the start of its body, for a snippet) is parsed, the rest is skipped. Memory stays bounded
by the largest single message, whatever the file's size. A file cut short (by a download
or a full disk) is refused, naming where the last message breaks off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rapport.capture.errors import CaptureError
from rapport.capture.mail.headers import BODY_PEEK, Mail, mail_from_bytes

BLOCK = 8 * 1024 * 1024
# A separator: a "From " line after a blank line, with a time in it ("From <sender> <date>"
# in Takeout, Thunderbird's "From - <date>", Apple Mail) or followed by a header line (old
# Thunderbird wrote a bare "From "). A body line that merely begins with "From " is neither.
_TIME = re.compile(rb"\d\d:\d\d")
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_BOUNDARY = re.compile(rb'boundary\s*=\s*"?([^";\r\n]+)"?', re.I)
_LENGTH = re.compile(rb"^Content-Length:\s*(\d+)\s*$", re.I | re.M)
TRASH_FOLDERS = frozenset({"trash", "junk", "spam", "bin", "deleted", "deleted items",
                           "deleted messages", "junk e-mail", "junk email"})  # fmt: skip
SENT_FOLDERS = frozenset({"sent", "sent mail", "sent items", "sent messages"})


@dataclass(frozen=True)
class Folder:
    """One mbox file and the folder it holds (Thunderbird and Apple Mail name files so)."""

    path: Path
    name: str

    @property
    def is_trash(self) -> bool:
        return self.name.casefold() in TRASH_FOLDERS

    @property
    def is_sent(self) -> bool:
        return self.name.casefold() in SENT_FOLDERS


def mbox_folders(path: Path) -> list[Folder]:
    """The mbox files at `path`: the file itself, or those in a folder (Apple Mail's
    "Inbox.mbox/mbox", a Thunderbird "Local Folders" directory)."""
    if path.is_file():
        return [Folder(path, _folder_name(path))]
    if not path.is_dir():
        raise CaptureError(f"{path}: no such file or folder.")
    found = [p for p in sorted(path.rglob("*")) if p.is_file() and _looks_like_mbox(p)]
    if not found:
        raise CaptureError(f"{path}: no mbox file in this folder.")
    return [Folder(p, _folder_name(p)) for p in found]


def _folder_name(path: Path) -> str:
    named = path.parent if path.name == "mbox" else path
    return named.name.removesuffix(".mbox").removesuffix(".mbx")


def _looks_like_mbox(path: Path) -> bool:
    if path.suffix not in {"", ".mbox", ".mbx"} and path.name != "mbox":
        return False
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def mbox_read(folder: Folder) -> Iterator[Mail]:
    """Every message of one mbox file, in file order; raises CaptureError for a file that
    is not an mbox or is cut short."""
    path = folder.path
    with path.open("rb") as handle:
        start = handle.read(4096).lstrip(b"\r\n")
        if not start.startswith(b"From "):
            raise CaptureError(
                f"{path}: not an mbox file (an mbox begins with a line like "
                "'From sender@example.com Mon Jan  1 10:00:00 2024')."
            )
        handle.seek(0)
        yield from _messages(handle, path)


def _messages(handle: object, path: Path) -> Iterator[Mail]:
    buffer = b""
    offset = 0  # of `buffer` in the file
    read = handle.read  # type: ignore[attr-defined]
    at_end = False
    while not at_end:
        block = read(BLOCK)
        at_end = not block
        buffer += block
        begin = buffer.find(b"From ")
        while begin >= 0:
            end = _next_separator(buffer, begin + 5)
            if end < 0 and not at_end:
                break  # the message goes on in the next block
            message = buffer[begin : end if end >= 0 else len(buffer)]
            if end < 0:
                _check_whole(message, path, offset + begin)
            yield _mail(message, path, offset + begin, last=end < 0)
            begin = end
        if begin > 0:
            offset += begin
            buffer = buffer[begin:]
        elif begin < 0:
            offset += len(buffer)
            buffer = b""


def _next_separator(buffer: bytes, start: int) -> int:
    """Where the next message begins, or -1 (none in `buffer`, or not yet decidable)."""
    while True:
        found = buffer.find(b"\nFrom ", start)
        if found < 0:
            return -1
        line_end = buffer.find(b"\n", found + 1)
        if line_end < 0:
            return -1  # the rest of the line is in the next block
        if _blank_before(buffer, found) and (
            _TIME.search(buffer, found + 1, line_end) or _HEADER_LINE.match(buffer, line_end + 1)
        ):
            return found + 1
        start = found + 1


def _blank_before(buffer: bytes, newline: int) -> bool:
    """Whether the line ending at `newline` is empty (the blank line before a separator)."""
    before = newline - 1
    if before >= 0 and buffer[before] == 13:  # "\r"
        before -= 1
    return before < 0 or buffer[before] == 10


def _mail(message: bytes, path: Path, offset: int, *, last: bool) -> Mail:
    line_end = message.find(b"\n")
    head_end = _HEADER_END.search(message, line_end)
    if head_end is None:
        if last:
            raise CaptureError(_cut_short(path, offset, "its header never ends"))
        return mail_from_bytes(message[line_end + 1 :] + b"\n\n")
    header = message[line_end + 1 : head_end.start()] + b"\n\n"
    return mail_from_bytes(header, message[head_end.end() : head_end.end() + BODY_PEEK])


def _check_whole(message: bytes, path: Path, offset: int) -> None:
    """The last message of a file: is it all there? (Earlier ones end where the next
    begins.) A multipart message needs its closing boundary; a Content-Length its bytes."""
    head_end = _HEADER_END.search(message)
    if head_end is None:
        raise CaptureError(_cut_short(path, offset, "its header never ends"))
    header, body = message[: head_end.start()], message[head_end.end() :]
    boundary = _BOUNDARY.search(header)
    if boundary and b"--" + boundary.group(1).strip() + b"--" not in body:
        raise CaptureError(_cut_short(path, offset, "its last MIME part never closes"))
    length = _LENGTH.search(header)
    if length and len(body.rstrip(b"\r\n")) < int(length.group(1)) - 2:
        raise CaptureError(_cut_short(path, offset, "it is shorter than its Content-Length"))


def _cut_short(path: Path, offset: int, why: str) -> str:
    line = _line_at(path, offset)
    return (
        f"{path}: the file is cut short: the message at line {line} is incomplete ({why}). "
        "Nothing was imported; export the mailbox again."
    )


def _line_at(path: Path, offset: int) -> int:
    lines = 1
    with path.open("rb") as handle:
        while offset > 0:
            block = handle.read(min(BLOCK, offset))
            if not block:
                break
            lines += block.count(b"\n")
            offset -= len(block)
    return lines
