"""The real server under load: `rapport serve` in a subprocess, N clients on loopback.

Each client is a thread with its own keep-alive connection. A run stops after a fixed
number of requests or a fixed time, whichever comes first.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
_LOGIN = re.compile(r"(http://127\.0\.0\.1:\d+/login/\S+/)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    port: int
    login_url: str
    process: subprocess.Popen[str]


@contextmanager
def serving(
    data_dir: Path, *, timeout_s: float = 60.0, extra_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """`rapport serve` on a free loopback port, with its one-time login link."""
    port = free_port()
    env = {**os.environ, "RAPPORT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.update(extra_env or {})
    for name in ("DATABASE_URL", "RAPPORT_MODE", "RAPPORT_DEBUG"):
        env.pop(name, None)
    command = [sys.executable, "-m", "rapport", "serve", "--host", HOST, "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        yield Server(port, _login_url(process, timeout_s), process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def api_token(data_dir: Path) -> str:
    """A fresh read-only personal access token of the data directory's user."""
    env = {**os.environ, "RAPPORT_DATA_DIR": str(data_dir)}
    for name in ("DATABASE_URL", "RAPPORT_MODE"):
        env.pop(name, None)
    name = f"bench-{time.time_ns()}"
    command = [sys.executable, "-m", "rapport", "token", "create", "--name", name, "--read-only"]
    done = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, check=True)
    secret: str = json.loads(done.stdout)["secret"]
    return secret


def api_get(port: int, path: str, token: str) -> Any:
    """One GET of the REST API, its JSON."""
    for _ in range(100):  # waitress may still be binding the port
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
            break
        except ConnectionRefusedError:
            time.sleep(0.1)
    else:
        raise RuntimeError("rapport serve does not accept connections")
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}: {body[:200]!r}")
    return json.loads(body)


def _login_url(process: subprocess.Popen[str], timeout_s: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"rapport serve exited ({process.poll()}) before printing a link")
        if match := _LOGIN.search(line):
            return match.group(1)
    raise RuntimeError("rapport serve printed no login link in time")


def session_cookie(server: Server) -> str:
    """Follow the one-time link; return the Cookie header its session needs."""
    path = server.login_url.split(str(server.port), 1)[1]
    for _ in range(100):  # waitress may still be binding the port
        try:
            connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
            connection.request("GET", path)
            break
        except ConnectionRefusedError:
            time.sleep(0.1)
    else:
        raise RuntimeError("rapport serve does not accept connections")
    response = connection.getresponse()
    response.read()
    cookies = [v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
    connection.close()
    if response.status != 302 or not any(c.startswith("sessionid=") for c in cookies):
        raise RuntimeError(f"login link answered {response.status} without a session")
    return "; ".join(cookies)


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


class _Budget:
    """Requests left to make, shared by the clients."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left = requests
        self.taken = 0
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> int:
        """The number of the request to make (1, 2, …), or 0 when none is left."""
        with self.lock:
            if self.left <= 0 or time.monotonic() > self.deadline:
                return 0
            self.left -= 1
            self.taken += 1
            return self.taken


def load(
    port: int,
    path: str,
    *,
    cookie: str = "",
    token: str = "",
    clients: int,
    requests: int,
    seconds: float,
    unique: bool = False,
) -> LoadResult:
    """GET `path` from `clients` threads until `requests` are done or `seconds` pass, with a
    session cookie (the pages) or a bearer token (the REST API). `unique`: each request adds
    a query parameter of its own (`bench=N`), so a page cached per path is computed anew."""
    result = LoadResult()
    budget = _Budget(requests, seconds)
    lock = threading.Lock()
    headers = {"Cookie": cookie} if cookie else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        while number := budget.take():
            url = f"{path}{'&' if '?' in path else '?'}bench={number}" if unique else path
            start = time.perf_counter()
            try:
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                response.read()
                problem = "" if response.status == 200 else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as error:
                problem = repr(error)
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if problem:
                    result.errors.append(problem)
                else:
                    result.latencies_ms.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - start
    return result
