"""`rapport serve --workers N`: several app processes behind one address (server mode)."""

from __future__ import annotations

import http.client
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from rapport_cli import RAPPORT, Rapport, free_port, port_is_free


def test_in_local_mode_serve_refuses_several_workers(rapport: Rapport) -> None:
    port = free_port()
    result = rapport.run("serve", "--port", str(port), "--workers", "2", timeout=30)
    assert result.returncode != 0
    assert "server mode" in result.stderr
    assert port_is_free(port)


def _session_engine(rapport: Rapport) -> str:
    done = rapport.run(
        "shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().rsplit(".", 1)[-1]


def test_sessions_are_kept_in_memory_only_in_local_mode(rapport: Rapport) -> None:
    """Local mode is one process; in server mode each process would keep its own copy of a
    session, and a logout in one would not reach the others."""
    assert _session_engine(rapport) == "cached_db"
    server = rapport.with_env(
        RAPPORT_MODE="server",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/unused",  # settings only: never opened
        RAPPORT_SECRET_KEY="a-long-random-secret-key-for-this-test-only-0123456789",
        RAPPORT_BASE_URL="http://127.0.0.1:9",
    )
    assert _session_engine(server) == "db"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _get(port: int, path: str) -> int:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", path)
    status = client.getresponse().status
    client.close()
    return status


@pytest.mark.django_db(transaction=True)
def test_in_server_mode_workers_share_one_address_and_stop_together(
    rapport: Rapport, tmp_path: Path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("server mode runs on PostgreSQL")
    db = connection.settings_dict
    port = free_port()
    server = rapport.with_env(
        RAPPORT_MODE="server",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        RAPPORT_SECRET_KEY="a-long-random-secret-key-for-this-test-only-0123456789",
        RAPPORT_BASE_URL=f"http://127.0.0.1:{port}",
        RAPPORT_SECURE_COOKIES="false",
    )
    command = [*RAPPORT, "serve", "--port", str(port), "--workers", "3", "--threads", "2"]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, env=server.env, stdout=log, stderr=log)
    try:
        for _ in range(600):  # it migrates first
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if _get(port, "/login/") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        assert len(_children(process.pid)) == 3
        assert all(_get(port, "/login/") == 200 for _ in range(12))  # fresh connections
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert _children(process.pid) == []
        assert port_is_free(port)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
