"""Shared by the parser tests: files written the way a program would write them."""

from __future__ import annotations

from pathlib import Path


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """`text` saved as `folder/name` in `encoding` (exact bytes: no newline translation)."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
