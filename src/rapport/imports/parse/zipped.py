"""Members of a zip archive read as streams, their size and expansion checked while reading.

A member is never read whole before it is checked: one that says (or turns out) to expand
far more than text compresses, or to be larger than any export file, is refused as soon
as that shows, having cost a block of memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import IO

from rapport.imports.parse.records import ImportFormatError
from rapport.imports.parse.streams import Opener

DOWNLOAD_AGAIN = "download the export from LinkedIn again"
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # far above a capped network's 3.5 MB
# Real exports' CSV files compress 3 to 15 times; a zip bomb's members a thousand times.
MAX_RATIO = 100
RATIO_FROM = 8 * 1024 * 1024  # a small member may expand as it likes
# What a damaged or unusual archive makes zipfile raise, besides BadZipFile.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
)


def member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Opener:
    """Opens the member `info` (called `name` in messages) for reading, as often as asked;
    ImportFormatError at once if its declared sizes are implausible, or while reading."""
    _check(info.file_size, info, name)

    def opener() -> IO[bytes]:
        try:
            member = archive.open(info)
        except ZIP_ERRORS as error:
            raise _damaged(name, error) from None
        return io.BufferedReader(_Checked(member, info, name), buffer_size=1024 * 1024)

    return opener


def _check(size: int, info: zipfile.ZipInfo, name: str) -> None:
    if size > MAX_MEMBER_BYTES:
        limit = MAX_MEMBER_BYTES // 2**20
        message = f"expands to more than {limit:,} MB: too large to be a LinkedIn export file"
        raise ImportFormatError(message, file=name)
    if size > RATIO_FROM and size > MAX_RATIO * max(info.compress_size, 1):
        message = (
            f"expands to more than {size // 2**20:,} MB from {info.compress_size / 2**20:.1f} MB "
            f"(more than {MAX_RATIO} times; an export's files compress about 10 times): "
            f"this is not a LinkedIn export file; {DOWNLOAD_AGAIN}"
        )
        raise ImportFormatError(message, file=name)


def _damaged(name: str, error: BaseException) -> ImportFormatError:
    message = f"cannot be read from the zip archive, which is damaged ({error})"
    return ImportFormatError(f"{message}; {DOWNLOAD_AGAIN}", file=name)


class _Checked(io.RawIOBase):
    """A member's bytes, counted as they are read, whatever its header claims."""

    def __init__(self, member: IO[bytes], info: zipfile.ZipInfo, name: str) -> None:
        super().__init__()
        self._member, self._info, self._name = member, info, name
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._member.read(len(buffer))
        except ZIP_ERRORS as error:
            raise _damaged(self._name, error) from None
        self._read += len(data)
        _check(self._read, self._info, self._name)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._member.close()
        super().close()
