from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from contextlib import nullcontext
from typing import Any

import waitress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from rapport.accounts import services
from rapport.accounts.commands import migrate_lock
from rapport.capture.tasks import sync_due_task
from rapport.front import processes
from rapport.playbook.tasks import digest_is_due, digest_task
from rapport.wsgi import application

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Command(BaseCommand):
    help = (
        "Migrate the database and serve Rapport with a production WSGI server.\n"
        "Example: rapport serve --port 8000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to bind (default 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="Worker threads (default 8)")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="App processes sharing the address, each with its threads (server mode; "
            "default 1). Run `rapport db_worker` beside them for background work.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        workers: int = options["workers"]
        if workers < 1 or (workers > 1 and settings.LOCAL_MODE):
            raise CommandError(
                "--workers must be 1 or more, and more than 1 only in server mode "
                "(local mode runs its background work inside its one process)."
            )
        if settings.LOCAL_MODE and not is_loopback(host):
            raise CommandError(
                f"Local mode only binds to this computer (127.0.0.1), not {host}. "
                "Use RAPPORT_MODE=server with PostgreSQL to serve other machines."
            )
        # Always, even with nothing to apply: after migrating, the database's triggers are
        # checked and put back (core.versions). Locally, one process at a time.
        with migrate_lock() if settings.LOCAL_MODE else nullcontext():
            call_command("migrate", interactive=False, verbosity=0)
        url_host = f"[{host}]" if ":" in host else host
        base = f"http://{url_host}:{port}"
        if settings.LOCAL_MODE:
            token = services.login_token_create(user=services.local_user_get_or_create())
            self.stdout.write("Rapport is running. Open this link to log in (valid once):")
            self.stdout.write(f"  {base}/login/{token}/")
            self.stdout.write(f"Data: {settings.DATA_DIR}")
            worker_start()  # imports run in the background of this process
            scheduler_start()  # and the daily digest is queued from here
        else:
            self.stdout.write(f"Rapport (server mode) is running on {base}/")
        self.stdout.flush()
        if workers > 1:
            sock = processes.listening_socket(host, port)
            threads = options["threads"]
            raise SystemExit(
                processes.serve_forked(
                    sock, workers=workers, serve=lambda s: serve_on(s, threads=threads)
                )
            )
        serve(host=host, port=port, threads=options["threads"])


def serve(*, host: str, port: int, threads: int) -> None:
    waitress.serve(application, host=host, port=port, threads=threads, ident="rapport")


def serve_on(sock: socket.socket, *, threads: int) -> None:
    """Serve on a socket already listening (one of several processes sharing it)."""
    waitress.serve(application, sockets=[sock], threads=threads, ident="rapport")


SCHEDULE_SECONDS = 15 * 60


def worker_start() -> threading.Thread:
    """Run the task queue's worker (the loop of `rapport db_worker`) in a daemon thread."""
    thread = threading.Thread(target=_work_forever, name="rapport-worker", daemon=True)
    thread.start()
    return thread


def scheduler_start() -> threading.Thread:
    """Every quarter of an hour: queue the daily digest once it is due (it sends once a day)
    and the sync of the calendars and mail accounts that are due."""
    thread = threading.Thread(target=_schedule_forever, name="rapport-scheduler", daemon=True)
    thread.start()
    return thread


def _schedule_forever() -> None:
    while True:
        try:
            if digest_is_due(now=timezone.now()):
                digest_task.enqueue()
        except Exception:
            logger.exception("Could not queue the daily digest; trying again later.")
        try:
            sync_due_task.enqueue()  # calendars and mail accounts whose time has come
        except Exception:
            logger.exception("Could not queue the calendar and mail sync; trying again later.")
        time.sleep(SCHEDULE_SECONDS)


def _work_forever() -> None:
    worker = Worker(
        queue_names=["default"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{get_random_string(24)}",
        excluded_queue_names=[],
    )
    while True:  # a database hiccup must not end background work for the whole session
        try:
            worker.run()
        except Exception:
            logger.exception("The background worker stopped; restarting in 5 seconds.")
        time.sleep(5)
