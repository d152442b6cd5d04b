"""Where a source's secret (an IMAP app password, a private calendar URL) is kept.

Local mode: a file of its own in the data directory, readable by the user only (0600, in a
0700 folder); the database holds nothing of it. Server mode: in the database, encrypted
(Fernet: AES-128-CBC with an HMAC) with a key derived from the secret key, so a copy of
the database alone reveals no password.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from rapport.capture.errors import CaptureError
from rapport.capture.models import Source

FOLDER = "credentials"


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"rapport.capture.secrets:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _path(source: Source) -> Path:
    return Path(settings.DATA_DIR) / FOLDER / f"source-{source.pk}.secret"


def secret_store(*, source: Source, secret: str) -> None:
    """Keep `secret` for the (saved) source."""
    if not settings.LOCAL_MODE:
        source.secret = _fernet().encrypt(secret.encode()).decode()
        source.save(update_fields=["secret", "updated_at"])
        return
    path = _path(source)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    os.chmod(path, 0o600)


def secret_read(*, source: Source) -> str:
    if not settings.LOCAL_MODE:
        try:
            return _fernet().decrypt(source.secret.encode()).decode()
        except InvalidToken as error:
            raise CaptureError(
                f"{source.name}: the stored password cannot be read (was the secret key "
                "changed?). Enter it again on the settings page."
            ) from error
    try:
        return _path(source).read_text()
    except OSError as error:
        raise CaptureError(
            f"{source.name}: its password is missing from the data directory; enter it again."
        ) from error


def secret_forget(*, source: Source) -> None:
    source.secret = ""
    _path(source).unlink(missing_ok=True)
