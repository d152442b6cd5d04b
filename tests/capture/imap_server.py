"""A real IMAP server for the tests: Debian's dovecot, started on a free loopback port with a
throw-away configuration (passwd-file login, maildirs in a temporary folder, no TLS on
loopback). Never a mock."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    username: str
    password: str
    home: Path

    def deliver(self, message: EmailMessage, folder: str = "INBOX") -> None:
        """Put a message in a folder, as delivery would (Maildir: Sent is ".Sent")."""
        base = self.home / "Maildir"
        box = base if folder == "INBOX" else base / f".{folder}"
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}.{os.getpid()}.rapport-test"
        (box / "new" / name).write_bytes(bytes(message))
        _own(self.home)


def dovecot_available() -> bool:
    return os.path.exists(DOVECOT) and shutil.which("doveadm") is not None


def _me() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def _mail_ids() -> tuple[int, int]:
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    entry = pwd.getpwnam("dovecot")
    return entry.pw_uid, entry.pw_gid


def _own(path: Path) -> None:
    """Give the mail folders to the user dovecot reads them as."""
    if os.getuid() != 0:
        return
    uid, gid = _mail_ids()
    for folder, dirs, names in os.walk(path):
        os.chown(folder, uid, gid)
        for name in [*dirs, *names]:
            os.chown(os.path.join(folder, name), uid, gid)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(root: Path, port: int, username: str, password: str) -> Path:
    uid, gid = _mail_ids()
    # As root (CI), dovecot's own unprivileged users run its login, internal and mail
    # processes (it refuses root for them).
    login, internal = ("dovenull", "dovecot") if os.getuid() == 0 else (_me(), _me())
    root.chmod(0o755)  # its auth process reads the passwd file as `internal`
    (root / "passwd").write_text(f"{username}:{{PLAIN}}{password}::::::\n")
    config = root / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
    )
    return config


@contextmanager
def imap_server(root: Path) -> Iterator[ImapServer]:
    port = _free_port()
    username, password = "olivia@mail.test", "app-password-1"
    (root / "home" / username / "Maildir").mkdir(parents=True)
    _own(root / "home")
    config = _config(root, port, username, password)
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stderr=subprocess.PIPE)
    try:
        _wait(port, process, root)
        yield ImapServer("127.0.0.1", port, username, password, root / "home" / username)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            raise RuntimeError(
                f"dovecot did not start: {process.stderr and process.stderr.read()!r} {log}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("dovecot did not open its port within 10 s")
