"""Writing export files so that a failed command leaves nothing half-written behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rapport.exports.errors import DataFileError


def file_write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once (readable by its owner only: it is private data)."""
    if not path.parent.is_dir():
        raise DataFileError(path, f"cannot be written: there is no folder {path.parent}")
    if path.is_dir():
        raise DataFileError(path, "is a folder; give a file name")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
