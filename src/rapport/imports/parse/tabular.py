"""CSV files whose header is not on line 1 and whose delimiter is not always a comma."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rapport.imports.parse.records import ImportFormatError

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
    _consumed: int  # lines read up to the end of the header row
    _buffer: io.StringIO  # what _reader reads, to tell where each row starts
    _text: str

    def has(self, name: str) -> bool:
        return name in self.columns

    def column(self, *names: str) -> Callable[[Row], str]:
        """Getter for the first of these columns present; a missing column reads as ""."""
        index = next((self.columns[n] for n in names if n in self.columns), None)
        if index is None:
            return lambda row: ""
        return lambda row: row[index].strip() if index < len(row) else ""

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(first line of the row, fields) for every row after the header with any content.

        ImportFormatError for a quote that is never closed: csv reads everything after it,
        to the end of the file, as one cell, and the rows there would be lost in silence.
        """
        reader, previous, tell = self._reader, self._consumed, self._buffer.tell
        fields: Row = []
        start, row_offset = 0, 0  # the row read last, and where it starts
        while True:
            offset = tell()
            try:
                row = next(reader)
            except StopIteration:
                if start:  # did the last row run to the end inside quotes?
                    self._check_closed(row_offset, start, fields)
                return
            except csv.Error as error:
                raise self._unreadable(error, previous + 1) from None
            row_offset, fields, start, previous = offset, row, previous + 1, reader.line_num
            if any(field.strip() for field in fields):
                yield start, fields

    def _check_closed(self, offset: int, line: int, fields: Row) -> None:
        """ImportFormatError if the row at `offset` (line `line`) ran to the end of the text
        inside a quoted field. csv tells by raising only in strict mode, which also refuses
        the `"a"b` that hand-edited files hold, so the row is read again with a marker after
        it: a closed row leaves the marker a row of its own; an open quote swallows it."""
        tail = self._text[offset:]
        marker = "\ue000"  # a private-use character no export writes
        lines = io.StringIO(f"{tail}\n{marker}", newline="")
        try:
            again = list(csv.reader(lines, self._reader.dialect))
        except csv.Error:  # the marker took the open cell past csv's size limit
            again = []
        if again and again[-1] == [marker]:
            return
        raise self._never_closed(tail, line, fields[-1] if fields else "")

    def _never_closed(self, tail: str, line: int, cell: str) -> ImportFormatError:
        # In quotes to the end, the cell's text is all after its opening quote, with each
        # '"' written twice: count back from the end to find that quote.
        opening = len(tail) - (1 + len(cell) + cell.count('"'))
        if 0 <= opening < len(tail) and tail[opening] == '"':
            line += _line_breaks(tail[:opening])
            tail = tail[opening:]
        message = (
            "a quoted field opened here is never closed, so the rest of the file "
            f"({_lines(tail)} line(s)) would be read as one cell; "
            'add the missing closing quote (")'
        )
        return ImportFormatError(message, file=self.file, line=line)

    def _unreadable(self, error: csv.Error, line: int) -> ImportFormatError:
        if "field limit" in str(error):  # a quote left open runs on past csv's cell limit
            message = (
                f"a quoted field in the row starting here runs on for more than "
                f"{csv.field_size_limit():,} characters: it is most likely never closed; "
                'add the missing closing quote (")'
            )
            return ImportFormatError(message, file=self.file, line=line)
        return ImportFormatError(f"is not valid CSV here ({error})", file=self.file, line=line)


def _lines(text: str) -> int:
    return _line_breaks(text) + (not text.endswith(("\n", "\r")))


def _line_breaks(text: str) -> int:
    """Line ends as csv counts them: \n, \r\n or a lone \r."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


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
    buffer = io.StringIO(text, newline="")
    reader = csv.reader(buffer, delimiter=delimiter)
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
            return kind, Table(file, start, columns, reader, previous, buffer, text)
    return None
