"""CSV files whose header is not on line 1 and whose delimiter is not always a comma.

Read as a stream of lines (streams.Lines): a file of any size costs the memory of its
longest row, never of the whole file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar

from rapport.imports.parse.records import ImportFormatError
from rapport.imports.parse.streams import Lines

HEADER_SCAN = 20  # LinkedIn's "Notes:" preamble takes 3 lines; leave room for more
# Comma first; tab for LinkedIn's UTF-16 files; semicolon for Excel in many European locales.
_DELIMITERS = (",", "\t", ";")
# Read after the last line: a row of its own when the last row is closed, part of its last
# cell when a quote is left open to the end. A private-use character no export writes.
_MARKER = "\ue000"
# What spreadsheets and data tools write in a cell that has no value: R's write.csv "NA",
# Excel's "#N/A" (and "NA" typed into a report's blanks), pandas' "NaN" and "nan", SQL's
# "NULL", Python's "None", JavaScript's "undefined". Read as empty, and told (one warning
# a file): a company "NA" is nobody's employer. Compared as written (a cell padded with
# spaces is not one of these).
PLACEHOLDERS = frozenset(
    {"NA", "N/A", "n/a", "#N/A", "NaN", "nan", "NULL", "null", "None", "undefined"}
)

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
    _lines: Lines
    _delimiter: str
    _header_rows: int  # rows read up to and including the header row
    # Cells read as empty for holding a placeholder (PLACEHOLDERS): how many, the first
    # one's line and text.
    placeholders: tuple[int, int, str] = (0, 0, "")
    # Every column name in order (header_key), `columns` keeping the first of a repeated one.
    header: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.columns

    def column(self, *names: str) -> Callable[[Row], str]:
        """Getter for the first of these columns present; a missing column reads as ""."""
        index = next((self.columns[n] for n in names if n in self.columns), None)
        if index is None:
            return lambda row: ""
        return lambda row: row[index].strip() if index < len(row) else ""

    def indices(self, *names: str) -> list[int]:
        """The positions of these columns that the header has."""
        return [self.columns[name] for name in names if name in self.columns]

    def rows(self, *, free_text: Iterable[int] = ()) -> Iterator[tuple[int, Row]]:
        """(first line of the row, fields) for every row after the header with any content.

        A cell holding a placeholder ("NA", "#N/A": PLACEHOLDERS) is read as empty, except
        in the `free_text` columns (a message, a note), where "N/A" may be what was written.

        ImportFormatError for a quote that is never closed (csv would read everything after
        it, to the end of the file, as one cell, and the rows there would be lost in
        silence) and for a field longer than csv reads, saying which of the two it is.
        """
        pieces = self._lines.replay()
        row_lines: list[str] = []  # the text of the row being read

        def source() -> Iterator[str]:
            for piece in pieces:
                row_lines.append(piece)
                yield piece
            yield "\n"
            yield _MARKER

        keep = frozenset(free_text)
        reader = csv.reader(source(), delimiter=self._delimiter)
        for _ in range(self._header_rows):
            next(reader)
        previous = reader.line_num
        while True:
            row_lines.clear()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise self._unreadable(error, previous + 1, row_lines, pieces) from None
            start, previous = previous + 1, reader.line_num
            if fields and fields[-1].endswith(_MARKER):
                if fields == [_MARKER]:
                    return
                cell = fields[-1][: -len(_MARKER) - 1]  # without the "\n" before it
                raise self._never_closed("".join(row_lines), start, cell)
            if any(field.strip() for field in fields):
                if not PLACEHOLDERS.isdisjoint(fields):
                    self._blank_placeholders(fields, start, keep)
                yield start, fields

    def _blank_placeholders(self, fields: Row, line: int, keep: frozenset[int]) -> None:
        count, first, text = self.placeholders
        for index, cell in enumerate(fields):
            if cell in PLACEHOLDERS and index not in keep:
                fields[index] = ""
                count, first, text = count + 1, first or line, text or cell
        self.placeholders = (count, first, text)

    def placeholders_told(self) -> tuple[int, str] | None:
        """(line, message) saying which cells were read as empty for holding a placeholder
        ("NA", "#N/A"…), or None if none was."""
        count, line, text = self.placeholders
        if not count:
            return None
        cells = "1 cell" if count == 1 else f"{count:,} cells"
        message = (
            f'{cells} holding "{text}" or the like read as empty: spreadsheets and data '
            "tools write it for a missing value (first here)"
        )
        return line, message

    def _never_closed(self, tail: str, line: int, cell: str) -> ImportFormatError:
        # In quotes to the end, the cell's text is all after its opening quote, with each
        # '"' written twice: count back from the end to find that quote.
        opening = len(tail) - (1 + len(cell) + cell.count('"'))
        if 0 <= opening < len(tail) and tail[opening] == '"':
            line += _line_breaks(tail[:opening])
            tail = tail[opening:]
        return _never_closed(self.file, line, _lines(tail))

    def _unreadable(
        self, error: csv.Error, line: int, row: list[str], rest: Iterable[str]
    ) -> ImportFormatError:
        if "field limit" not in str(error):
            message = f"is not valid CSV here ({error})"
            return ImportFormatError(message, file=self.file, line=line)
        # A field longer than csv's limit: read on (without keeping it) to tell a long field
        # from a quote left open.
        end = row_end(chain(row, rest), self._delimiter)
        if end.closed:
            message = (
                f"a field in the row starting here holds {end.longest:,} characters (the row "
                f"ends on line {line + end.breaks}), more than the {csv.field_size_limit():,} "
                "Rapport reads in one field; shorten it and import the file again"
            )
            return ImportFormatError(message, file=self.file, line=line)
        return _never_closed(self.file, line + end.quote_breaks, end.quote_lines)


def _never_closed(file: str, line: int, lines: int) -> ImportFormatError:
    message = (
        "a quoted field opened here is never closed, so the rest of the file "
        f"({lines} line(s)) would be read as one cell; "
        'add the missing closing quote (")'
    )
    return ImportFormatError(message, file=file, line=line)


def _lines(text: str) -> int:
    return _line_breaks(text) + (not text.endswith(("\n", "\r")))


def _line_breaks(text: str) -> int:
    """Line ends as csv counts them: \n, \r\n or a lone \r."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


@dataclass
class RowEnd:
    closed: bool  # the row ends (False: a quote stays open to the end of the text)
    breaks: int  # line breaks from the row's start to its end (or the text's)
    longest: int  # characters of its longest field
    quote_breaks: int  # line breaks before the quote opened last
    quote_lines: int  # lines from that quote to the end of the text


def row_end(pieces: Iterable[str], delimiter: str) -> RowEnd:
    """Where a CSV row starting at the first piece ends, read as csv's reader reads it
    (non-strict, quotes doubled inside quotes), one piece at a time."""
    token = re.compile(rf'"|\r\n|\n|\r|{re.escape(delimiter)}')
    state = "start"  # start of a field, in a field, in quotes, a quote in quotes
    end = RowEnd(closed=False, breaks=0, longest=0, quote_breaks=0, quote_lines=0)
    field, last = 0, ""
    for piece in pieces:
        position = 0
        for match in token.finditer(piece):
            between, found = match.start() - position, match.group()
            position = match.end()
            field += between + len(found)
            if between and state in ("start", "quote"):
                state = "field"  # non-strict: text after a closing quote joins the field
            if found == '"':
                if state == "start":
                    state, end.quote_breaks = "quoted", end.breaks
                elif state != "field":
                    state = "quote" if state == "quoted" else "quoted"
            elif found == delimiter and state != "quoted":
                end.longest, field, state = max(end.longest, field - 1), 0, "start"
            elif found != delimiter:  # a line end
                if state != "quoted":
                    end.closed, end.longest = True, max(end.longest, field - len(found))
                    return end
                end.breaks += 1
        field += len(piece) - position
        if len(piece) > position and state in ("start", "quote"):
            state = "field"
        last = piece or last
    end.closed = state != "quoted"
    end.longest = max(end.longest, field)
    end.quote_lines = end.breaks - end.quote_breaks + (not last.endswith(("\n", "\r")))
    return end


def find_table(
    text: str | Lines, file: str, recognise: Callable[[frozenset[str]], Kind | None]
) -> tuple[Kind, Table] | None:
    """Find the header row among the first lines, trying each delimiter in turn.

    `recognise` gets the row's column names (see header_key) and says what kind of file
    this is, or None. Returns None when no row of the first HEADER_SCAN is recognised.
    """
    lines = Lines.of_text(text) if isinstance(text, str) else text
    head = lines.head(65536)
    for delimiter in _DELIMITERS:
        if delimiter != "," and delimiter not in head:
            continue
        found = _scan(lines, file, delimiter, recognise)
        if found:
            return found
    return None


def _scan(
    lines: Lines, file: str, delimiter: str, recognise: Callable[[frozenset[str]], Kind | None]
) -> tuple[Kind, Table] | None:
    reader = csv.reader(lines.replay(head_only=True), delimiter=delimiter)
    previous = 0
    for index in range(HEADER_SCAN):
        try:
            fields = next(reader)
        except (StopIteration, csv.Error):
            return None
        start, previous = previous + 1, reader.line_num
        names = [header_key(field) for field in fields]
        kind = recognise(frozenset(names))
        if kind is not None:
            columns: dict[str, int] = {}
            for position, name in enumerate(names):
                columns.setdefault(name, position)
            table = Table(file, start, columns, lines, delimiter, index + 1, header=names)
            return kind, table
    return None
