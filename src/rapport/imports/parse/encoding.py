"""Bytes to text for files people export, re-save in Excel and e-mail to themselves."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from rapport.imports.parse.records import ImportFormatError

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Excel on Windows saves "CSV" in the ANSI code page of the machine's locale.
_WINDOWS_CODEPAGES = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257"]
_CHAOS_TOLERANCE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_SAMPLE = 65536
_UTF16_SAMPLE = 1024


def require_file(path: Path, file: str, expected: str, *, folder_ok: bool = False) -> None:
    """ImportFormatError unless `path` exists (and, unless `folder_ok`, is not a folder)."""
    if not path.exists():
        raise ImportFormatError(f"no such file or folder; expected {expected}", file=file)
    if path.is_dir() and not folder_ok:
        raise ImportFormatError(f"is a folder; expected {expected}", file=file)


def read_bytes(path: Path, file: str, expected: str) -> bytes:
    """The file's bytes, or ImportFormatError saying why it cannot be read."""
    require_file(path, file, expected)
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportFormatError(f"cannot be read ({reason})", file=file) from None


def read_text(path: Path, file: str, expected: str) -> str:
    return decode_bytes(read_bytes(path, file, expected), file, expected)


def decode_bytes(data: bytes, file: str, expected: str) -> str:
    """Decode a text file of unknown encoding.

    A byte-order mark wins; then strict UTF-8 (what nearly every exporter writes); then the
    Windows code page charset-normalizer finds most plausible, preferring Windows-1252 when
    it reads the same. NUL bytes mean UTF-16 without its mark if they fall on every other
    byte (see _utf16_without_bom), else a binary file, as does text full of control
    characters: ImportFormatError naming the file and what was expected.
    """
    text = _decode(data, file, expected)
    text = text.removeprefix("\ufeff")
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) * 100 > len(sample):
        raise _binary(file, expected)
    return text


def _decode(data: bytes, file: str, expected: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A cut-short download ends mid-character: keep the rest readable.
            return data.decode(codec, errors="replace")
    if b"\x00" in data:
        if utf16 := _utf16_without_bom(data):
            return _decode_utf16(data, utf16, file)
        raise _binary(file, expected)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text with no byte-order mark, judged by its first KB, or None.

    A CSV's delimiters, digits and (most) header names are ASCII: in UTF-16 each is its
    byte and a NUL, so NULs fill one side (odd bytes for little-endian) and not the other.
    Binary files have NULs on both sides, or only a few.
    """
    sample = data[:_UTF16_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls * 4 >= half > 0 and others * 8 <= nuls:
            return codec
    return None


def _decode_utf16(data: bytes, codec: str, file: str) -> str:
    # A cut-short download ends mid-character: drop the half character, keep the rest.
    try:
        return data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        message = (
            "looks like UTF-16 without a byte-order mark, but does not read as such; "
            "save it as UTF-8 (in Excel: CSV UTF-8) and import it again"
        )
        raise ImportFormatError(message, file=file) from None


def _decode_legacy(data: bytes) -> str:
    results = from_bytes(data, cp_isolation=_WINDOWS_CODEPAGES)
    best = results.best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    # On a short file with a few accents every Latin code page looks alike and the guess
    # is close to random (cp1257 for "Zoë"): take Windows-1252 unless it reads worse.
    western = next((m for m in results if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.chaos <= best.chaos + _CHAOS_TOLERANCE:
        return data.decode("cp1252", errors="replace")
    return str(best)


def _binary(file: str, expected: str) -> ImportFormatError:
    return ImportFormatError(f"looks like a binary file, not text; expected {expected}", file=file)
