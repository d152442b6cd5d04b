"""Build a text file in memory while knowing the line each row or card starts on."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path


class LineCounter:
    """Chunks of text, and the number of lines written so far (LF or CRLF endings)."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.lines = 0

    def write(self, text: str) -> int:
        """Append `text`; return the line it starts on (1-based)."""
        start = self.lines + 1
        self.chunks.append(text)
        self.lines += text.count("\n")
        return start

    def save(self, path: Path, *, encoding: str = "utf-8") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding=encoding, newline="") as handle:
            handle.writelines(self.chunks)


class CsvText(LineCounter):
    """CSV rows, each returning its first line as a CSV reader would count it."""

    def __init__(self, *, lineterminator: str = "\n") -> None:
        super().__init__()
        self._row = io.StringIO()
        self._writer = csv.writer(self._row, lineterminator=lineterminator)

    def row(self, values: Sequence[str]) -> int:
        self._row.seek(0)
        self._row.truncate()
        self._writer.writerow(values)
        return self.write(self._row.getvalue())
