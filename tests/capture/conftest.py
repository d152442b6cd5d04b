from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from calendar_server import Served, calendar_server
from capture_world import FILES
from imap_server import ImapServer, dovecot_available, imap_server


@pytest.fixture
def files() -> Path:
    return FILES


@pytest.fixture
def imap() -> Iterator[ImapServer]:
    """A throw-away dovecot on a free loopback port (skipped, with the reason, without it).

    Its folder is not under pytest's (0700) temporary tree: dovecot's unprivileged
    processes must reach their configuration."""
    if not dovecot_available():
        pytest.skip("dovecot is not installed (.ci/run installs dovecot-imapd)")
    with (
        tempfile.TemporaryDirectory(prefix="rapport-dovecot-") as root,
        imap_server(Path(root)) as server,
    ):
        yield server


@pytest.fixture
def calendar_url() -> Iterator[Served]:
    with calendar_server() as served:
        yield served
