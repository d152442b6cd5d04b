"""An IMAP account read incrementally: headers and a short snippet of new messages only.

Folders: the inbox and the sent folder (by their special-use flags or usual names); spam,
trash, drafts and "All Mail" are never opened. Each folder remembers its UIDVALIDITY and
the last UID read, so a sync reads only what arrived since.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapport.capture.errors import CaptureError
from rapport.capture.mail.headers import BODY_PEEK, Mail, mail_from_bytes
from rapport.capture.mail.mbox import SENT_FOLDERS, TRASH_FOLDERS

TIMEOUT = 30
FETCH_BATCH = 200
_LIST = re.compile(rb'\((?P<flags>[^)]*)\) (?P<sep>"[^"]*"|NIL) (?P<name>.+)')
_UID = re.compile(rb"UID (\d+)")
_SKIP_FLAGS = {b"\\junk", b"\\trash", b"\\drafts", b"\\all", b"\\noselect", b"\\flagged"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    username: str
    password: str


@dataclass
class Fetched:
    mails: list[tuple[Mail, bool]] = field(default_factory=list)  # (mail, from a sent folder)
    state: dict[str, dict[str, int]] = field(default_factory=dict)


def imap_read(*, account: Account, state: dict[str, Any], since: date) -> Fetched:
    """New messages of the inbox and sent folders since the last read (or `since`)."""
    client = _connect(account)
    try:
        _login(client, account)
        fetched = Fetched()
        for name, is_sent in _folders(client):
            known = state.get(name, {})
            folder_state, mails = _read_folder(client, name, known, since)
            fetched.state[name] = folder_state
            fetched.mails += [(mail, is_sent) for mail in mails]
        return fetched
    except (imaplib.IMAP4.error, OSError) as error:
        raise CaptureError(f"IMAP {account.host}:{account.port}: {_said(error)}") from error
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def imap_check(*, account: Account) -> None:
    """Log in and out: raises CaptureError if the server, name or password is wrong."""
    client = _connect(account)
    try:
        _login(client, account)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _said(error: BaseException) -> str:
    text = error.args[0] if error.args else error
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _connect(account: Account) -> imaplib.IMAP4:
    where = f"IMAP {account.host}:{account.port}"
    try:
        if account.port == 993:
            return imaplib.IMAP4_SSL(account.host, account.port, timeout=TIMEOUT)
        client = imaplib.IMAP4(account.host, account.port, timeout=TIMEOUT)
    except (OSError, imaplib.IMAP4.error) as error:
        raise CaptureError(f"{where}: cannot connect ({_said(error)}).") from error
    if "STARTTLS" in client.capabilities:
        try:
            client.starttls(ssl.create_default_context())
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as error:
            raise CaptureError(f"{where}: STARTTLS failed ({_said(error)}).") from error
    elif account.host not in LOOPBACK:
        client.shutdown()
        raise CaptureError(
            f"{where}: the server offers no encryption; Rapport sends a password only over "
            "TLS (port 993, or STARTTLS)."
        )
    return client


def _login(client: imaplib.IMAP4, account: Account) -> None:
    try:
        client.login(account.username, account.password)
    except imaplib.IMAP4.error as error:
        raise CaptureError(
            f"IMAP {account.host}:{account.port}: the server refused the login for "
            f"{account.username} ({_said(error)}). Check the user name and the app password."
        ) from error
    except (TimeoutError, OSError) as error:
        raise CaptureError(f"IMAP {account.host}: {_said(error)}") from error


def _folders(client: imaplib.IMAP4) -> Iterator[tuple[str, bool]]:
    status, lines = client.list()
    if status != "OK":
        raise CaptureError("IMAP: the server would not list its folders.")
    for line in lines:
        if not isinstance(line, bytes) or not (found := _LIST.match(line)):
            continue
        flags = {f.lower() for f in found["flags"].split()}
        name = found["name"].strip().strip(b'"').decode("utf-7", "replace")
        leaf = name.rsplit("/", 1)[-1].rsplit(".", 1)[-1].casefold()
        if flags & _SKIP_FLAGS or leaf in TRASH_FOLDERS:
            continue
        is_sent = b"\\sent" in flags or leaf in SENT_FOLDERS
        if name.upper() == "INBOX" or is_sent:
            yield name, is_sent


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_folder(
    client: imaplib.IMAP4, name: str, known: dict[str, int], since: date
) -> tuple[dict[str, int], list[Mail]]:
    status, _ = client.select(_quoted(name), readonly=True)
    if status != "OK":
        return known, []
    validity = int((client.response("UIDVALIDITY")[1] or [b"0"])[0] or 0)
    last = known.get("last_uid", 0) if known.get("validity") == validity else 0
    if last:
        status, data = client.uid("SEARCH", f"UID {last + 1}:*")
    else:
        status, data = client.uid("SEARCH", f"SINCE {since:%d-%b-%Y}")
    uids = [int(u) for u in (data[0] or b"").split()] if status == "OK" else []
    uids = [u for u in uids if u > last]
    mails: list[Mail] = []
    for start in range(0, len(uids), FETCH_BATCH):
        batch = uids[start : start + FETCH_BATCH]
        mails += _fetch(client, batch)
    return {"validity": validity, "last_uid": max([last, *uids])}, mails


def _fetch(client: imaplib.IMAP4, uids: list[int]) -> list[Mail]:
    spec = f"(BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.{BODY_PEEK}>)"
    status, data = client.uid("FETCH", ",".join(map(str, uids)), spec)
    if status != "OK":
        return []
    parts: dict[int, dict[str, bytes]] = {}
    current: dict[str, bytes] = {}
    for item in data:
        if not isinstance(item, tuple):
            continue
        described, content = item
        if uid := _UID.search(described):
            current = parts.setdefault(int(uid.group(1)), {})
        key = "header" if b"BODY[HEADER]" in described else "text"
        current[key] = content
    return [mail_from_bytes(p.get("header", b""), p.get("text", b"")) for p in parts.values()]
