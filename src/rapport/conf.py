"""Typed helpers that read Rapport's configuration from the environment.

The default configuration (local mode, SQLite in the user's data directory) needs no setup.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

LOCAL = "local"
SERVER = "server"


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envsecret(name: str) -> str:
    """The contents of the file NAME_FILE names (container secrets), else NAME's value."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        return Path(path).expanduser().read_text(encoding="utf-8").strip()
    return envstr(name)


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def base_url_origin(url: str) -> tuple[str, str] | None:
    """(host, origin) of an http(s) base URL such as https://rapport.example.org, else None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    return parts.hostname, f"{parts.scheme}://{parts.netloc}"


def mode() -> str:
    return SERVER if envstr("RAPPORT_MODE", LOCAL).strip().lower() == SERVER else LOCAL


def data_dir() -> Path:
    configured = envstr("RAPPORT_DATA_DIR")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("rapport"))
    return path.expanduser()


def local_secret_key(directory: Path) -> str:
    """Return the secret key kept in the data directory, creating it on first use."""
    directory.mkdir(parents=True, exist_ok=True)
    key_file = directory / "secret_key"
    if not key_file.exists():
        _secret_key_create(key_file)
    return key_file.read_text().strip()


def _secret_key_create(key_file: Path) -> None:
    """Write a new key whole to a file of its own, then link it into place.

    Commands started together on a new data folder may all find no key: the first link wins
    and the others read its key, never a file half written. The file is the owner's alone
    (mkstemp's mode): the key signs the session cookie.
    """
    fd, written = tempfile.mkstemp(dir=key_file.parent, prefix=".secret_key-")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
        with contextlib.suppress(FileExistsError):  # another command linked its key first
            os.link(written, key_file)
    finally:
        os.unlink(written)
