"""Bytes to text for files people export, re-save in Excel and e-mail to themselves."""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
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
# Excel on Windows saves "CSV" in the ANSI code page of the machine's locale; Excel for Mac
# (to 2011), Palm Desktop and the Mac programs of their time in Mac Roman, last: it reads
# any bytes, so it is taken only where it reads better than them all.
_CODEPAGES = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "mac_roman"]
_CHAOS_TOLERANCE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_REPLACED_PER_CONTROL = 10  # a few bytes that were not UTF-8 make no binary file
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

    A byte-order mark wins; then strict UTF-8 (what nearly every exporter writes), or UTF-8
    with its few invalid bytes replaced by U+FFFD (for the parser to warn about); then the
    code page charset-normalizer finds most plausible (_CODEPAGES), preferring Windows-1252 when
    it reads the same. NUL bytes mean UTF-16 without its mark if they fall on every other
    byte (see _utf16_without_bom), else a binary file, as does text full of control
    characters: ImportFormatError naming the file and what was expected.
    """
    text = _decode(data, file, expected)
    text = text.removeprefix("\ufeff")
    sample = text[:_SAMPLE]
    odd = len(_CONTROL.findall(sample)) + sample.count("\ufffd") / _REPLACED_PER_CONTROL
    if sample and odd * 100 > len(sample):
        raise _binary(file, expected, data)
    return text


def _decode(data: bytes, file: str, expected: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A cut-short download ends mid-character: keep the rest readable.
            return data.decode(codec, errors="replace")
    if b"\x00" in data:
        if utf16 := _utf16_without_bom(data):
            return _decode_utf16(data, utf16, file)
        raise _binary(file, expected, data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if _mostly_utf8(data):  # a few bad bytes: never the whole file as another code page
            return data.decode("utf-8", errors="replace")
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
    return data.decode(legacy_codec(data), errors="replace")


def legacy_codec(data: bytes) -> str:
    """The code page text that is not UTF-8 is read in (see decode_bytes): a CJK one (Excel
    and Thunderbird in Japan, China, Taiwan, Korea) when the text reads as everyday CJK in
    it (_cjk_codec), else the most plausible of Windows' Latin, Cyrillic, Greek… and Mac
    Roman."""
    if cjk := _cjk_codec(_whole_lines(data, _SAMPLE * 4)):
        return cjk
    results = from_bytes(data, cp_isolation=_CODEPAGES)
    best = results.best()
    if best is None:
        return "cp1252"
    # On a short file with a few accents every Latin code page looks alike and the guess
    # is close to random (cp1257 for "Zoë"): take Windows-1252 unless it reads worse, or
    # puts signs inside more words ("£ukasz", "Ma³gorzata": Polish from Excel in Poland).
    western = next((m for m in results if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.chaos <= best.chaos + _CHAOS_TOLERANCE:
        return _fewest_signs(data, ["cp1252", best.encoding, *_CODEPAGES])
    return best.encoding


def _fewest_signs(data: bytes, codecs_in_order: list[str]) -> str:
    """Of the code pages that read the 8-bit lines of `data`, the first whose reading has
    the fewest words with a sign inside (see _sign_in_word)."""
    sample = b"\n".join(line for line in data[:_SAMPLE].splitlines() if not line.isascii())
    signs: dict[str, int] = {}
    for codec in codecs_in_order:
        if codec in signs:
            continue
        try:
            signs[codec] = _words_with_signs(sample.decode(codec))
        except UnicodeDecodeError:
            continue
    return min(signs, key=signs.__getitem__, default="cp1252")


def _words_with_signs(text: str) -> int:
    words = re.split(r"[\s,;\t\"]+", text)
    return sum(1 for word in words if _sign_in_word(word))


# Windows' double-byte code pages: Japanese, Simplified and Traditional Chinese, Korean.
_CJK_CODEPAGES = ("cp932", "gb18030", "cp950", "cp949")
_CJK_RARE = 0.1  # at most this share of a right reading's CJK characters is out of use
_CJK_ENOUGH = 4  # fewer CJK characters than this tell nothing (a name or two in a file)


def _cjk_codec(data: bytes) -> str | None:
    """The double-byte code page the 8-bit text of `data` is in, or None.

    Text in one of them reads without an error in it and as characters in everyday use
    (_everyday); read in another, or Latin or Cyrillic text read in any, it fails or gives
    rare characters, half-width katakana and ideographs inside Latin words. When two read
    it alike (Korean and Chinese share their byte ranges), charset-normalizer chooses.
    """
    eight_bit = b"\n".join(line for line in data.splitlines() if not line.isascii())
    if not eight_bit:
        return None
    rarity = {}
    for codec in _CJK_CODEPAGES:
        try:
            text = eight_bit.decode(codec)
        except UnicodeDecodeError:
            continue
        cjk = [i for i, char in enumerate(text) if ord(char) >= 0x2E80]
        if len(cjk) >= _CJK_ENOUGH and len(cjk) * 2 >= sum(ord(char) > 127 for char in text):
            rare = sum(1 for i in cjk if _in_latin(text, i) or not _everyday(text[i], codec))
            rarity[codec] = rare / len(cjk)
    fitting = [codec for codec, rare in rarity.items() if rare <= _CJK_RARE]
    if len(fitting) <= 1:
        return next(iter(fitting), None)
    least = min(rarity[codec] for codec in fitting)
    tied = [codec for codec in fitting if rarity[codec] == least]
    best = from_bytes(eight_bit, cp_isolation=tied).best() if len(tied) > 1 else None
    return best.encoding if best is not None and best.encoding in tied else tied[0]


def _whole_lines(data: bytes, size: int) -> bytes:
    """The first `size` bytes of `data`, cut after a line end (never inside a character)."""
    if len(data) <= size:
        return data
    return data[: data.rfind(b"\n", 0, size) + 1]


def _in_latin(text: str, at: int) -> bool:
    """Whether the character at `at` touches a Latin letter: "Ren馥" is "Renée" misread."""
    return any(
        0 <= i < len(text) and text[i].isascii() and text[i].isalpha() for i in (at - 1, at + 1)
    )


@functools.lru_cache(maxsize=8192)
def _everyday(char: str, codec: str) -> bool:
    """Read in `codec`: a common Hangul syllable (KS X 1001) for Korean, whose address books
    are written in Hangul (its Hanja share their bytes with Cyrillic and accented Latin);
    else kana, full-width ASCII or a common ideograph (JIS level 1, GB 2312 level 1 or
    Big5's frequent ones). Never half-width katakana."""
    if codec == "cp949" or "\uac00" <= char <= "\ud7a3":
        # Python writes the syllables outside KS X 1001 as 8-byte jamo sequences.
        lead = _lead_byte(char, "euc_kr") if "\uac00" <= char <= "\ud7a3" else None
        return lead is not None and 0xB0 <= lead <= 0xC8
    if "\u3040" <= char <= "\u30ff" or "\u3000" <= char <= "\u303f":
        return True
    if "\uff01" <= char <= "\uff5e":  # full-width ASCII
        return True
    return any(
        low <= lead <= high
        for standard, low, high in (
            ("shift_jis", 0x88, 0x98),
            ("gb2312", 0xB0, 0xD7),
            ("big5", 0xA4, 0xC6),
        )
        if (lead := _lead_byte(char, standard)) is not None
    )


def _lead_byte(char: str, codec: str) -> int | None:
    """The first byte of `char` written as one double-byte character in `codec`, or None."""
    try:
        written = char.encode(codec)
    except UnicodeEncodeError:
        return None
    return written[0] if len(written) == 2 else None


_LINE_END = re.compile(rb"\r\n|\r|\n")


def not_utf8(data: bytes, limit: int = 5) -> tuple[str, list[int]]:
    """How decode_bytes read a file that is not UTF-8 ("" if it is, or has a byte-order mark
    or NULs): "utf-8" with bytes replaced, or the code page it was read in; and the first
    `limit` lines holding bytes that are not UTF-8."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or b"\x00" in data[:_UTF16_SAMPLE]:
        return "", []
    lines: list[int] = []
    start = 0
    while len(lines) < limit:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            at = start + error.start
            # Line ends as csv counts them: Excel for Mac (to 2011) ends lines with \r alone.
            breaks = data.count(b"\n", 0, at) + data.count(b"\r", 0, at)
            lines.append(breaks - data.count(b"\r\n", 0, at) + 1)
            end = _LINE_END.search(data, at)
            if end is None:
                break
            start = end.end()
    if not lines:
        return "", []
    return ("utf-8" if _mostly_utf8(data) else legacy_codec(data)), lines


_SAVE_AS_CSV = 'in Excel, save it as "CSV UTF-8 (Comma delimited)" and import that'


def _binary(file: str, expected: str, data: bytes) -> ImportFormatError:
    """Refuse a file that is not text, saying what it is when its first bytes tell: a
    spreadsheet saved from Excel, or a zip archive holding the export."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if b"xl/" in data[:4096]:
            kind = f"is an Excel workbook (.xlsx), not text: {_SAVE_AS_CSV}"
        else:
            kind = "is a zip archive, not text: unzip it and import the file inside"
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = (
            f"is an Excel 97-2003 workbook (.xls) or another Office file, not text: {_SAVE_AS_CSV}"
        )
    else:
        kind = "looks like a binary file, not text"
    return ImportFormatError(f"{kind}; expected {expected}", file=file)


# Charsets of 8-bit text that says none (a vCard value without CHARSET), most used first:
# the order breaks ties between readings that look as plausible as each other.
_LEGACY_CHARSETS = (
    "cp1252", "cp1251", "cp932", "gb18030", "big5", "cp1250", "cp1253", "cp949", "cp1254",
    "cp1257", "iso8859_7", "koi8_r", "mac_roman",
)  # fmt: skip
_CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def keep_bytes(data: bytes, file: str, expected: str) -> tuple[str, bool]:
    """For formats whose values each declare their charset (vCard's CHARSET=): the text, and
    whether it holds the file's bytes as they were (one character per byte, Latin-1), for
    each value to be decoded by its own charset (see decode_value). That is when the file
    is neither UTF-8 nor marked as UTF-16 or UTF-32; otherwise as decode_bytes reads it."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or b"\x00" in data:
        return decode_bytes(data, file, expected), False
    try:
        return decode_bytes(data.decode("utf-8").encode("utf-8"), file, expected), False
    except UnicodeDecodeError:
        return decode_bytes(data.decode("latin-1").encode("utf-8"), file, expected), True


@functools.lru_cache(maxsize=4096)  # a phone book repeats its companies and surnames
def guess_charset(data: bytes) -> tuple[str, bool]:
    """(charset, sure) of 8-bit text that declares none: UTF-8 if it reads as UTF-8 (not
    sure if some bytes had to be replaced), else the legacy charset whose reading is the
    most plausible. Sure only when every reading as plausible says the same."""
    try:
        data.decode("utf-8")
        return "utf-8", True
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return "utf-8", False
    results = [m for m in from_bytes(data, cp_isolation=list(_LEGACY_CHARSETS)) if m.chaos < 0.5]
    if not results:
        return "cp1252", False
    least = min(m.chaos for m in results)
    readings = {m.encoding: str(m) for m in results if m.chaos <= least + _CHAOS_TOLERANCE}
    ranked = sorted(readings, key=lambda codec: _implausible(readings[codec], codec))
    # For a name or two charset-normalizer may keep one reading only (Polish "Źdźbło" only
    # as Cyrillic, every word mixing scripts): the code pages it left out are weighed too
    # when most words of its reading mix scripts or signs, and make it unsure otherwise.
    better = _left_out(data, readings, readings[ranked[0]])
    mixed = _implausible(readings[ranked[0]], "")[0]
    if better and mixed * 2 > len(readings[ranked[0]].split()):
        readings |= better
        ranked = sorted(readings, key=lambda codec: _implausible(readings[codec], codec))
    best = ranked[0]
    tied = [
        c
        for c in ranked
        if _implausible(readings[c], c)[:2] == _implausible(readings[best], best)[:2]
    ]
    return best, len({readings[c] for c in tied}) == 1 and not set(better) - set(readings)


def _left_out(data: bytes, readings: dict[str, str], best: str) -> dict[str, str]:
    """The readings of the Windows code pages charset-normalizer left out that read `data`
    without an error and with fewer words mixing scripts or signs than `best`."""
    mixed = _implausible(best, "")[0]
    found: dict[str, str] = {}
    for codec in _CODEPAGES:
        if codec in readings or not mixed:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _implausible(text, codec)[0] < mixed:
            found[codec] = text
    return found


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bytes that are not (a cut or a stray byte), rather than a legacy
    charset: more characters read as UTF-8 sequences than were replaced."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 127) - replaced
    return multibyte > replaced


def _implausible(text: str, codec: str) -> tuple[int, int, int]:
    """How unlike a name or a note `text` is: words mixing Latin letters with another
    script, or with a sign that is no letter ("£ukasz", "Ma³gorzata": Polish read in
    Windows-1252), then scripts used; then how rare its charset is."""
    mixed, scripts = 0, set()
    for word in text.split():
        word_scripts = {_script(char) for char in word if char.isalpha()}
        scripts |= word_scripts
        scripts_mixed = len(word_scripts - {"LATIN"}) > 1 or (
            "LATIN" in word_scripts and len(word_scripts) > 1
        )
        if scripts_mixed or (word_scripts and _sign_in_word(word)):
            mixed += 1
    if scripts and scripts <= _CJK_SCRIPTS | {"LATIN"}:
        scripts = {"CJK"} | (scripts & {"LATIN"})
    return mixed, len(scripts), _LEGACY_CHARSETS.index(codec) if codec in _LEGACY_CHARSETS else 99


# Symbols, other numbers and brackets; not dashes, quotes or dots, which names hold.
_SIGNS = frozenset({"Sm", "Sc", "Sk", "So", "No", "Ps", "Pe"})


def _sign_in_word(word: str) -> bool:
    """A sign beyond ASCII that is no letter, touching a letter: "£ukasz", "Ma³gorzata"."""
    return any(
        not char.isascii()
        and unicodedata.category(char) in _SIGNS
        and any(0 <= j < len(word) and word[j].isalpha() for j in (i - 1, i + 1))
        for i, char in enumerate(word)
    )


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split()[0]
    except ValueError:
        return "UNKNOWN"


def charset_name(codec: str) -> str:
    """A charset as people know it: "cp932" -> "Shift_JIS"."""
    return _NAMES.get(codecs.lookup(codec).name, codec)


_NAMES = {
    "utf-8": "UTF-8", "cp1252": "Windows-1252", "cp1251": "Windows-1251", "cp932": "Shift_JIS",
    "shift_jis": "Shift_JIS", "gb18030": "GB18030 (GB2312)", "gb2312": "GB2312",
    "big5": "Big5", "cp950": "Big5", "cp1250": "Windows-1250", "cp1253": "Windows-1253",
    "cp949": "EUC-KR",
    "cp1254": "Windows-1254", "cp1257": "Windows-1257", "iso8859-7": "ISO-8859-7",
    "koi8-r": "KOI8-R", "euc_kr": "EUC-KR", "mac-roman": "Mac Roman",
}  # fmt: skip


# What programs that declare these charsets really write: Windows' supersets of them.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "big5": "cp950",
    "euc_kr": "cp949", "iso8859-1": "cp1252", "ascii": "cp1252", "x-sjis": "cp932",
}  # fmt: skip


def codec_for(charset: str) -> str:
    """The codec to decode text declared as `charset` ("GB2312", "Shift_JIS", "WINDOWS-1251")
    with, or "" for a charset Python does not know."""
    charset = charset.strip().casefold()
    if charset in _SUPERSETS:
        return _SUPERSETS[charset]
    try:
        name = codecs.lookup(charset).name if charset else ""
    except LookupError:
        return ""
    return _SUPERSETS.get(name, name)
