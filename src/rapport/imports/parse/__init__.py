"""File parsers of the import feature: files in, ParsedSource out, no database.

`parse(kind, path)` is the entry point; each format also has its own function. Bad input
raises ImportFormatError naming the file (and line where there is one); anything a parser can
read around becomes a warning on the ParsedSource instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rapport.core.memory import gc_paused
from rapport.imports.parse.common import skips_told
from rapport.imports.parse.contacts_csv import parse_contacts_csv
from rapport.imports.parse.linkedin import parse_linkedin
from rapport.imports.parse.records import ParsedSource
from rapport.imports.parse.vcard import parse_vcard

PARSERS: dict[str, Callable[[Path], ParsedSource]] = {
    "linkedin": parse_linkedin,
    "vcard": parse_vcard,
    "csv": parse_contacts_csv,
}


def parse(kind: str, path: Path) -> ParsedSource:
    """Parse `path` as `kind` ("linkedin", "vcard" or "csv"); ValueError for another kind."""
    try:
        parser = PARSERS[kind]
    except KeyError:
        expected = ", ".join(sorted(PARSERS))
        raise ValueError(f"unknown import kind {kind!r}; expected one of {expected}") from None
    with gc_paused():  # a parser keeps every record it makes
        source = parser(Path(path))
    skips_told(source)
    return source


__all__ = ["PARSERS", "parse", "parse_contacts_csv", "parse_linkedin", "parse_vcard"]
