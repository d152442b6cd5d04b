"""Several app processes behind one address (`rapport serve --workers N`, server mode).

The parent binds the listening socket once, then forks N children that each serve it with
waitress (`serve(sockets=[...])`): the kernel hands each new connection to one of them. Each
child opens its own database connections; caches that must agree between processes are
keyed by the database's data version (core/versions.py), never by what one process saw.
The parent only waits: a SIGTERM or SIGINT is passed on to every child, and if a child dies
the others are stopped and the parent exits non-zero, for the supervisor to restart it all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType

from django.db import connections

logger = logging.getLogger(__name__)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(1024)
    return sock


def serve_forked(
    sock: socket.socket, *, workers: int, serve: Callable[[socket.socket], None]
) -> int:
    """Run `serve(sock)` in `workers` child processes; return the exit status for the parent."""
    connections.close_all()  # a child must never share the parent's database connection
    children = [_fork(sock, serve) for _ in range(workers)]
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        _signal_all(children, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    while children:
        pid, code = os.waitpid(-1, 0)
        if pid not in children:
            continue
        children.remove(pid)
        if not stopping:
            logger.error("App process %s exited (%s); stopping the others.", pid, code)
            stopping, status = True, 1
            _signal_all(children, signal.SIGTERM)
    sock.close()
    return status


def _fork(sock: socket.socket, serve: Callable[[socket.socket], None]) -> int:
    pid = os.fork()
    if pid:
        return pid
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    code = 0
    try:
        serve(sock)
    except BaseException:
        logger.exception("App process %s stopped.", os.getpid())
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)


def _signal_all(children: list[int], signum: int) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)
