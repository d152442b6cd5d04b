"""Helpers to run the real `rapport` program in a subprocess with its own data directory.

The subprocess never inherits DATABASE_URL or RAPPORT_* settings: these tests are about the
local app, so it always gets a fresh SQLite database in the test's temporary directory.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RAPPORT = [sys.executable, "-m", "rapport"]
LOGIN_URL = re.compile(r"http://127\.0\.0\.1:\d+/login/[\w-]+/")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class Rapport:
    data_dir: Path
    env: dict[str, str]

    def run(
        self, *args: str, stdin: str = "", timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*RAPPORT, *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def with_env(self, **changes: str) -> Rapport:
        return Rapport(self.data_dir, {**self.env, **changes})


def local_rapport(data_dir: Path) -> Rapport:
    env = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("RAPPORT_")
    }
    # The program picks its own settings, whatever settings module this test run uses.
    env.update(
        RAPPORT_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="rapport.settings",
        PYTHONUNBUFFERED="1",
    )
    return Rapport(data_dir, env)


@dataclass
class Server:
    base_url: str
    login_url: str
    rapport: Rapport


@contextmanager
def serving(app: Rapport) -> Iterator[Server]:
    """Run `rapport serve` until the block ends; the server is up when the block starts."""
    data_dir = app.data_dir
    port = free_port()
    stderr = (data_dir / "stderr.log").open("w")
    process = subprocess.Popen(
        [*RAPPORT, "serve", "--port", str(port)],
        env=app.env,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    try:
        login_url = _wait_for_login_url(process, data_dir / "stderr.log")
        _wait_until_listening(port)
        yield Server(f"http://127.0.0.1:{port}", login_url, app)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stderr.close()


def _wait_for_login_url(process: subprocess.Popen[str], stderr: Path, timeout: float = 30) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        if match := LOGIN_URL.search(line):
            return match.group(0)
    raise AssertionError(f"`rapport serve` printed no login link. stderr:\n{stderr.read_text()}")


def _wait_until_listening(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"Nothing is listening on port {port}.")
