"""CSV files whose header is not on line 1 and whose delimiter is not always a comma."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rapport.imports.records import ImportFormatError

if TYPE_CHECKING:
    from _csv import Reader

HEADER_SCAN = 20  # LinkedIn's "Notes:" preamble takes 3 lines; leave room for more
# Comma first; tab for LinkedIn's UTF-16 files; semicolon for Excel in many European locales.
_DELIMITERS = (",", "\t", ";")

Kind = TypeVar("Kind")
Row = list[str]


def header_key(name: str) -> str:
    """How column names compare: "  E-mail 1 - Value " == "e-mail 1 - value"."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass
class Table:
    file: str
    header_line: int
    columns: dict[str, int]  # header_key -> index
    _reader: Reader
    _consumed: int

    def has(self, name: str) -> bool:
        return name in self.columns

    def column(self, *names: str) -> Callable[[Row], str]:
        """Getter for the first of these columns present; a missing column reads as ""."""
        index = next((self.columns[n] for n in names if n in self.columns), None)
        if index is None:
            return lambda row: ""
        return lambda row: row[index].strip() if index < len(row) else ""

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(first line of the row, fields) for every row after the header with any content."""
        reader, previous = self._reader, self._consumed
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFormatError(
                    f"is not valid CSV here ({error})", file=self.file, line=previous + 1
                ) from None
            start, previous = previous + 1, reader.line_num
            if any(field.strip() for field in fields):
                yield start, fields


def find_table(
    text: str, file: str, recognise: Callable[[frozenset[str]], Kind | None]
) -> tuple[Kind, Table] | None:
    """Find the header row among the first lines, trying each delimiter in turn.

    `recognise` gets the row's column names (see header_key) and says what kind of file
    this is, or None. Returns None when no row of the first HEADER_SCAN is recognised.
    """
    for delimiter in _DELIMITERS:
        if delimiter != "," and delimiter not in text[:65536]:
            continue
        found = _scan(text, file, delimiter, recognise)
        if found:
            return found
    return None


def _scan(
    text: str, file: str, delimiter: str, recognise: Callable[[frozenset[str]], Kind | None]
) -> tuple[Kind, Table] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    for _ in range(HEADER_SCAN):
        try:
            fields = next(reader)
        except (StopIteration, csv.Error):
            return None
        start, previous = previous + 1, reader.line_num
        names = [header_key(field) for field in fields]
        kind = recognise(frozenset(names))
        if kind is not None:
            columns: dict[str, int] = {}
            for index, name in enumerate(names):
                columns.setdefault(name, index)
            return kind, Table(file, start, columns, reader, previous)
    return None
