"""Server mode on PostgreSQL: a student's pages as the career centre's database grows.

    python -m bench.server_bench --postgres URL [--users 10,60] [--people 3000] [--fresh]
                                 [--pages people,search]

seeds users (bench/server_seed.py, each with a network of realistic size) until each count
of `--users` is reached, and at each count serves Rapport in server mode (`rapport serve`,
waitress, on a free loopback port) and measures student-0's pages, one client at a time and
under `--clients` concurrent clients, next to the login page under the same load, and
computed anew (a query parameter per request misses the page cache, as the first view after
a write does); `--pages` measures only those (the login page always). Prints a table and
writes bench_server.json. The database named by URL is emptied with --fresh (it must be one
kept for this, never a real one).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.load import HOST, free_port, load
from bench.stats import summary

SECRET = "bench-only-secret-key-never-used-elsewhere-0123456789abcdef"
PAGES = ("login", "company", "paths", "people", "search", "today")


def _env(url: str, data_dir: Path, port: int = 0) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RAPPORT_DATA_DIR": str(data_dir),
        "RAPPORT_SECRET_KEY": SECRET,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("RAPPORT_DEBUG", None)
    if port:
        env.update(
            RAPPORT_MODE="server",
            RAPPORT_BASE_URL=f"http://{HOST}:{port}",
            RAPPORT_SECURE_COOKIES="false",
        )
    else:
        env.pop("RAPPORT_MODE", None)
    return env


def _run_json(args: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _fresh(url: str, data_dir: Path) -> None:
    env = _env(url, data_dir)
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rapport.settings');"
        "django.setup(); from django.db import connection; c = connection.cursor();"
        "c.execute('DROP SCHEMA public CASCADE'); c.execute('CREATE SCHEMA public')"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    subprocess.run(
        [sys.executable, "-m", "rapport", "migrate", "-v0"], env=env, check=True, timeout=900
    )


def _existing(url: str, data_dir: Path) -> int:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rapport.settings');"
        "django.setup(); from rapport.accounts.models import User;"
        "print(User.objects.filter(username__startswith='student-').count())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(url, data_dir), capture_output=True, text=True
    )
    return int(done.stdout.strip() or 0)


def _serve(url: str, data_dir: Path) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    command = [sys.executable, "-m", "rapport", "serve", "--host", HOST, "--port", str(port)]
    process = subprocess.Popen(
        command,
        env=_env(url, data_dir, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/login/")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("rapport serve did not answer in time")


def _paths(probe: dict[str, Any]) -> dict[str, str]:
    company = probe["company"]
    return {
        "login": "/login/",
        "company": f"/companies/{company}/",
        "paths": f"/network/companies/{company}/",
        "people": "/people/",
        "search": f"/search/?q={probe['query']}",
        "today": "/playbook/",
    }


def _measure(port: int, probe: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, path in _paths(probe).items():
        if name != "login" and name not in args.pages.split(","):
            continue
        cookie = "" if name == "login" else probe["cookie"]
        load(port, path, cookie=cookie, clients=1, requests=3, seconds=30)  # warm (Today's cache)
        one = load(port, path, cookie=cookie, clients=1, requests=args.requests, seconds=20)
        many = load(
            port,
            path,
            cookie=cookie,
            clients=args.clients,
            requests=args.requests * args.clients,
            seconds=args.load_seconds,
        )
        # Computed anew: a query parameter of its own per request misses the page cache
        # (core/pages.py), as the first view after a write does.
        fresh = load(
            port, path, cookie=cookie, clients=1, requests=args.requests, seconds=20, unique=True
        )
        errors = one.errors + many.errors + fresh.errors
        if errors:
            raise RuntimeError(f"{path}: {errors[:3]}")
        figures[name] = {
            "single": summary(one.latencies_ms),
            "loaded": {**summary(many.latencies_ms), "per_s": many.throughput},
            "computed": summary(fresh.latencies_ms),
        }
    return figures


def _table(users: int, probe: dict[str, Any], figures: dict[str, Any], clients: int) -> str:
    login_one = figures["login"]["single"]["p50"]
    login_many = figures["login"]["loaded"]["p95"]
    lines = [
        f"\n{users} users, {probe['people_rows']:,} people rows; student-0's company has "
        f"{probe['company_people']} jobs",
        f"{'page':<8} {'1 client p50':>13} {'p95':>7} {'x login':>8} "
        f"{clients:>3} clients p95 {'x login':>8} {'req/s':>6} {'computed p50':>13} {'p95':>7}",
    ]
    for name in (name for name in PAGES if name in figures):
        one, many, fresh = (figures[name][k] for k in ("single", "loaded", "computed"))
        lines.append(
            f"{name:<8} {one['p50']:>10.1f} ms {one['p95']:>7.1f} {one['p50'] / login_one:>8.1f} "
            f"{many['p95']:>11.1f} ms {many['p95'] / login_many:>8.1f} {many['per_s']:>6.0f} "
            f"{fresh['p50']:>10.1f} ms {fresh['p95']:>7.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", required=True, metavar="URL")
    parser.add_argument("--users", default="10,60")
    parser.add_argument("--people", type=int, default=3_000)
    parser.add_argument("--fresh", action="store_true", help="empty the database first")
    parser.add_argument("--pages", default=",".join(PAGES[1:]), help="which (login always)")
    parser.add_argument("--requests", type=int, default=40, help="per client")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--load-seconds", type=float, default=8.0)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/rapport-server-bench"))
    parser.add_argument("--output", type=Path, default=Path("bench_server.json"))
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    env = _env(args.postgres, args.data_dir)
    if args.fresh:
        _fresh(args.postgres, args.data_dir)
    report: dict[str, Any] = {"people_per_user": args.people, "runs": []}
    for users in (int(n) for n in args.users.split(",")):
        have = _existing(args.postgres, args.data_dir)
        if users > have:
            seeded = _run_json(
                [
                    *("-m", "bench.server_seed", "--first", str(have)),
                    *("--users", str(users - have), "--people", str(args.people)),
                ],
                env,
                timeout=3_600,
            )
            seconds = [u["seconds"] for u in seeded["users"]]
            print(f"seeded {len(seconds)} users: {min(seconds):.1f}-{max(seconds):.1f} s each")
            report.setdefault("seed_seconds", []).extend(seconds)
        probe = _run_json(["-m", "bench.server_seed", "--probe", "0"], env, timeout=300)
        process, port = _serve(args.postgres, args.data_dir)
        try:
            figures = _measure(port, probe, args)
        finally:
            process.terminate()
            process.wait(timeout=30)
        print(_table(users, probe, figures, args.clients))
        report["runs"].append({"users": users, "probe": probe, "figures": figures})
    args.output.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
