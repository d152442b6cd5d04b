"""The one error the export, import, backup and restore services raise about a file."""

from __future__ import annotations

from pathlib import Path


class DataFileError(Exception):
    """A file named by the user cannot be used: damaged, foreign, newer, or in the way.

    The message names the file and says what is wrong with it; nothing has been written.
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")
