"""A page's bytes as text, in the encoding a browser would use.

In order: a byte-order mark; the charset the server sent; the page's own <meta charset>
(or http-equiv); strict UTF-8; then charset-normalizer's best guess. ISO-8859-1 and ASCII
mean Windows-1252, as they do in every browser. A PDF, an image or other binary data is
refused with a message that says what it is.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from rapport.postings.errors import NotAPage

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_AS_BROWSERS_DO = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (perhaps a Word document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def what_it_is(data: bytes) -> str:
    """ "a PDF document" for a PDF's bytes, "" for anything that is not a known binary."""
    head = data[:8].lstrip()
    return next((name for magic, name in _MAGIC if head.startswith(magic)), "")


def html_decode(data: bytes, *, content_type: str = "") -> str:
    if kind := what_it_is(data):
        raise NotAPage(f"This is {kind}, not a web page.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        raise NotAPage("This is binary data, not a web page.")
    for declared in (_header_charset(content_type), _meta_charset(data)):
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                continue  # a page that lies about its encoding: guess below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data[:262_144]).best()
    encoding = _known(guess.encoding) if guess is not None else ""
    return data.decode(encoding or "cp1252", errors="replace")


def _header_charset(content_type: str) -> str:
    match = _HEADER_CHARSET.search(content_type)
    return _known(match.group(1)) if match else ""


def _meta_charset(data: bytes) -> str:
    match = _META_CHARSET.search(data[:4096])
    return _known(match.group(1).decode("ascii", errors="replace")) if match else ""


def _known(name: str) -> str:
    """Python's name for an encoding label, or "" for one Python does not know."""
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return ""
    if codec in {"utf-16", "utf-16-le", "utf-16-be", "utf-32"}:
        return ""  # a UTF-16 page has a byte-order mark; without one the label is wrong
    return _AS_BROWSERS_DO.get(codec, codec)
