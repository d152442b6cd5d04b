"""A university career centre on one PostgreSQL, served by several app processes.

    python -m bench.career_bench --postgres URL [--students 2000] [--people 1500] [--fresh]
        [--workers 4] [--clients 64] [--sample 200]

generates the centre with COPY (bench/career_seed.py: students with their networks, cohorts,
coaches, shares, offers to introduce, grants) into the database URL names, if it does not
hold it yet (--fresh empties it first: a database kept for this, never a real one); serves
it with `rapport serve --workers N` (N processes sharing one listening socket) and
`rapport db_worker` beside them; and measures, under `--clients` concurrent clients whose
requests are spread over `--sample` students, each student page next to the login page in
the same run: Today, the people list, a company page (with the cohort's knowledge where
the app shows it), the company's warm paths, and the coach dashboard where the app has one;
and each page computed anew from one client (a query string of its own misses the kept page).
Then it checks that a write through one process is seen by the others (a nudge dismissed,
then Today read on fresh connections, which land on every process). Prints a table and
writes bench_career.json.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.load import HOST, LoadResult, free_port
from bench.server_bench import _env, _fresh, _run_json
from bench.stats import summary

TARGET_X_LOGIN = 2.0  # each page's p95 against the login page's, same run
COACH_TARGET_MS = 300.0

Target = tuple[str, str]  # path, cookie


def _students(url: str, data_dir: Path) -> int:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rapport.settings');"
        "django.setup(); from rapport.accounts.models import User;"
        "print(User.objects.filter(username__startswith='student-').count())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(url, data_dir), capture_output=True, text=True
    )
    return int(done.stdout.strip() or 0)


def _start(url: str, data_dir: Path, args: argparse.Namespace) -> tuple[list[Any], int]:
    """`rapport serve --workers N` and `rapport db_worker`, once the login page answers."""
    port = free_port()
    env = _env(url, data_dir, port)
    serve = [
        *(sys.executable, "-m", "rapport", "serve", "--host", HOST, "--port", str(port)),
        *("--workers", str(args.workers), "--threads", str(args.threads)),
    ]
    worker = [sys.executable, "-m", "rapport", "db_worker", "--interval", "1"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for command in (serve, worker)
    ]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/login/")
            if connection.getresponse().status == 200:
                return processes, port
        except OSError:
            time.sleep(0.5)
    _stop(processes)
    raise RuntimeError("rapport serve did not answer in time")


def _stop(processes: list[Any]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def load_spread(
    port: int, targets: list[Target], *, clients: int, requests: int, seconds: float
) -> LoadResult:
    """GET the targets in turn from `clients` threads (each its own keep-alive connection)
    until `requests` are done or `seconds` pass: many users' pages at once."""
    result, lock = LoadResult(), threading.Lock()
    turn = itertools.count()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                n = next(turn)
            if n >= requests or time.monotonic() > deadline:
                break
            path, cookie = targets[n % len(targets)]
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                problem = "" if response.status == 200 else f"HTTP {response.status} {path}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{error!r} {path}"
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                (result.errors.append(problem) if problem else result.latencies_ms.append(elapsed))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - start
    return result


def _pages(probe: dict[str, Any]) -> dict[str, list[Target]]:
    students = probe["students"]
    pages: dict[str, list[Target]] = {
        "login": [("/login/", "")],
        "today": [("/playbook/", s["cookie"]) for s in students],
        "people": [("/people/", s["cookie"]) for s in students],
        "company": [(f"/companies/{s['company']}/", s["cookie"]) for s in students],
        "paths": [(f"/network/companies/{s['company']}/", s["cookie"]) for s in students],
    }
    if probe["coach_dashboard"]:
        pages["coach"] = [(probe["coach_dashboard"], probe["coach"]["cookie"])]
    return pages


def _measure(port: int, probe: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    pages = {k: v for k, v in _pages(probe).items() if k == "login" or k in args.pages}
    for name, targets in [*pages.items(), ("login again", pages["login"])]:
        # Warm: each student's page `--warm` times, landing on any of the processes (each
        # process caches Today by the data version: twice warms at most two of four), and
        # at least `--warm` requests per client, so that every server thread has opened its
        # database connection before any page is measured (the login page too: it has one
        # target, and was measured against threads still connecting).
        warm = max(len(targets), args.clients) * args.warm
        load_spread(port, targets, clients=args.clients, requests=warm, seconds=args.seconds)
        one = load_spread(port, targets, clients=1, requests=args.single, seconds=args.seconds)
        many = load_spread(
            port,
            targets,
            clients=args.clients,
            requests=args.requests * args.clients,
            seconds=args.seconds,
        )
        # Computed anew: a query parameter of its own per request misses the kept page, as
        # a student's first view after a write does (what the page reads may still be kept).
        fresh = load_spread(
            port, _unique(targets, args.single), clients=1, requests=args.single, seconds=60
        )
        errors = one.errors + many.errors + fresh.errors
        figures[name] = {
            "single": summary(one.latencies_ms),
            "loaded": {**summary(many.latencies_ms), "per_s": many.throughput},
            "computed": summary(fresh.latencies_ms),
            "errors": errors[:5],
            "error_count": len(errors),
        }
        print(f"  {name}: {figures[name]['loaded']['p95']:.0f} ms p95", flush=True)
    return figures


def _unique(targets: list[Target], count: int) -> list[Target]:
    """`count` requests over the targets, each with a query string of its own."""
    cycle = itertools.islice(itertools.cycle(targets), count)
    return [
        (f"{path}{'&' if '?' in path else '?'}bench={n}", cookie)
        for n, (path, cookie) in enumerate(cycle)
    ]


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_NUDGE = re.compile(r'action="(/playbook/nudges/dismiss/)".*?name="key" value="([^"]+)"', re.S)


def _app_processes(server_pid: int) -> list[int]:
    """The app processes `rapport serve --workers N` forked (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(after_name[1]) == server_pid:
            found.append(int(stat.parent.name))
    return found


def _serving_process(client_port: int, port: int, processes: list[int]) -> int:
    """Which app process holds the server end of the connection from `client_port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1].split(":"), fields[2].split(":")
        if int(local[1], 16) == port and int(remote[1], 16) == client_port:
            inodes.add(f"socket:[{fields[9]}]")
    for pid in processes:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in inodes:
                        return pid
        except OSError:
            continue
    return 0


def _get(
    port: int, path: str, cookie: str, processes: list[int]
) -> tuple[int, str, list[str], int]:
    """One GET on a fresh connection (so that it may land on any of the processes): status,
    body, cookies set, and the app process that answered."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    body = response.read().decode()
    cookies = [v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
    assert connection.sock is not None
    served_by = _serving_process(connection.sock.getsockname()[1], port, processes)
    connection.close()
    return response.status, body, cookies, served_by


def _post(port: int, path: str, form: dict[str, str], cookie: str, processes: list[int]) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://{HOST}:{port}",
        "Referer": f"http://{HOST}:{port}/playbook/",
    }
    connection.request("POST", path, body=urlencode(form), headers=headers)
    response = connection.getresponse()
    response.read()
    assert connection.sock is not None
    served_by = _serving_process(connection.sock.getsockname()[1], port, processes)
    connection.close()
    if response.status not in (200, 302):
        raise RuntimeError(f"POST {path} answered {response.status}")
    return served_by


def cache_check(
    port: int, server_pid: int, student: dict[str, Any], reads: int = 24
) -> dict[str, Any]:
    """Read Today through `reads` fresh connections (each process then has it cached),
    dismiss one of its nudges through another, and read Today again through `reads` fresh
    ones: no process may still show the nudge. Which process answered each request is read
    from /proc, so the figures say how many reads came from a process other than the
    writer's."""
    processes = _app_processes(server_pid)
    cookie = student["cookie"]
    status, body, cookies, _ = _get(port, "/playbook/", cookie, processes)
    nudge, token = _NUDGE.search(body), _CSRF.search(body)
    if status != 200 or nudge is None or token is None:
        return {"checked": False, "why": "no nudge to dismiss on Today"}
    key = nudge.group(2)
    before = [_get(port, "/playbook/", cookie, processes) for _ in range(reads)]
    with_csrf = "; ".join([cookie, *(c for c in cookies if c.startswith("csrftoken="))])
    form = {"csrfmiddlewaretoken": token.group(1), "key": key, "next": "/playbook/"}
    writer = _post(port, nudge.group(1), form, with_csrf, processes)
    after = [_get(port, "/playbook/", cookie, processes) for _ in range(reads)]
    shown = f'value="{key}"'
    return {
        "checked": True,
        "processes": len(processes),
        "shown_before": sum(shown in r[1] for r in before),
        "processes_before": len({r[3] for r in before}),
        "reads_after": reads,
        "reads_after_by_other_processes": sum(r[3] != writer for r in after),
        "processes_after": len({r[3] for r in after}),
        "stale_after": sum(shown in r[1] for r in after),
    }


def _table(probe: dict[str, Any], figures: dict[str, Any], args: argparse.Namespace) -> str:
    login = figures["login"]["loaded"]["p95"]
    lines = [
        f"\n{probe['users']:,} users, {probe['people_rows']:,} people rows; {args.workers} app "
        f"processes x {args.threads} threads; {len(probe['students'])} students sampled",
        f"{'page':<12} {'1 client p50':>13} {'p95':>7} {args.clients:>5} clients p50 "
        f"{'p95':>8} {'x login':>8} {'req/s':>6} {'computed p50':>13} {'p95':>7} {'errors':>7}",
    ]
    for name, row in figures.items():
        one, many, fresh = row["single"], row["loaded"], row["computed"]
        lines.append(
            f"{name:<12} {one['p50']:>10.1f} ms {one['p95']:>7.1f} {many['p50']:>12.1f} ms "
            f"{many['p95']:>8.1f} {many['p95'] / login:>8.1f} {many['per_s']:>6.0f} "
            f"{fresh['p50']:>10.1f} ms {fresh['p95']:>7.1f} {row['error_count']:>7}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", required=True, metavar="URL")
    parser.add_argument("--students", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=1_500, help="contacts per student")
    parser.add_argument("--cohorts", type=int, default=20)
    parser.add_argument("--fresh", action="store_true", help="empty the database first")
    parser.add_argument("--generate-only", action="store_true", help="stop after generating")
    parser.add_argument(
        "--pages", default="today,people,company,paths,coach", help="which (login always)"
    )
    parser.add_argument("--workers", type=int, default=4, help="app processes")
    parser.add_argument("--threads", type=int, default=8, help="per app process")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--sample", type=int, default=200, help="students the clients act as")
    parser.add_argument("--requests", type=int, default=10, help="per client, per page")
    parser.add_argument("--single", type=int, default=20, help="one client's requests")
    parser.add_argument("--warm", type=int, default=2, help="warm-up requests per target")
    parser.add_argument("--seconds", type=float, default=60.0, help="at most, per phase")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/rapport-career-bench"))
    parser.add_argument("--output", type=Path, default=Path("bench_career.json"))
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    env = _env(args.postgres, args.data_dir)
    report: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}}
    if args.fresh or _students(args.postgres, args.data_dir) == 0:
        start = time.perf_counter()
        _fresh(args.postgres, args.data_dir)
        seed = [
            *("-m", "bench.career_seed", "--students", str(args.students)),
            *("--people", str(args.people), "--cohorts", str(args.cohorts)),
        ]
        report["seed"] = _run_json(seed, env, timeout=7_200)
        report["seed"]["total_seconds"] = time.perf_counter() - start
        print(f"generated in {report['seed']['total_seconds']:.0f} s: {report['seed']}", flush=True)
    if args.generate_only:
        args.output.write_text(json.dumps(report, indent=1))
        return
    probe = _run_json(["-m", "bench.career_seed", "--probe", str(args.sample)], env, timeout=900)
    processes, port = _start(args.postgres, args.data_dir, args)
    try:
        report["figures"] = _measure(port, probe, args)
        report["cache"] = cache_check(port, processes[0].pid, probe["students"][0])
    finally:
        _stop(processes)
    report["cohort_paths"] = _run_json(
        ["-m", "bench.career_seed", "--paths", str(args.sample)], env, timeout=900
    )
    report["probe"] = {k: v for k, v in probe.items() if k != "students"}
    print(_table(probe, report["figures"], args))
    print(f"cache across processes: {report['cache']}")
    print(f"cohort path query (in process, ms): {report['cohort_paths'] or 'not in this version'}")
    args.output.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
