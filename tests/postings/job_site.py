"""A real HTTP server on loopback that serves the fixture pages, and the bad answers a
job site can give: 404, a PDF, a 50 MB page, redirects, gzip, a slow answer."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).parent / "pages"
MB = 1024 * 1024


class JobSite(BaseHTTPRequestHandler):
    server_version = "JobSite/1.0"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        self.server.requests.append(  # type: ignore[attr-defined]
            (self.path, self.headers.get("User-Agent", ""))
        )
        route = _ROUTES.get(parts.path)
        if route is not None:
            route(self, query)
        elif parts.path.startswith("/jobs/") and (PAGES / parts.path[6:]).is_file():
            self.send(200, (PAGES / parts.path[6:]).read_bytes(), _type(parts.path))
        else:
            self.send(404, b"<h1>Not found</h1>", "text/html")

    def send(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


def _type(path: str) -> str:
    if path.endswith("windows1252.html"):
        return "text/html"  # the page's own <meta> says windows-1252
    return "text/html; charset=utf-8" if path.endswith(".html") else "application/octet-stream"


def _redirect(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(302, b"", "text/html", Location=query["to"][0])


def _loop(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(301, b"", "text/html", Location="/loop")


def _pdf(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "application/pdf")


def _pdf_as_html(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(200, b"%PDF-1.4\n1 0 obj <<>> endobj\n", "text/html")


def _huge(handler: JobSite, query: dict[str, list[str]]) -> None:
    """50 MB of HTML, said up front in Content-Length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(50 * MB))
    handler.end_headers()
    _stream(handler, 50 * MB)


def _huge_unsaid(handler: JobSite, query: dict[str, list[str]]) -> None:
    """50 MB of HTML with no Content-Length: the size shows only while reading."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    _stream(handler, 50 * MB)


def _stream(handler: JobSite, size: int) -> None:
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    try:
        handler.wfile.write(b"<html><body>")
        for _ in range(size // len(chunk)):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the reader stopped at its cap, as it should


def _gzipped(handler: JobSite, query: dict[str, list[str]]) -> None:
    body = gzip.compress((PAGES / "lever.html").read_bytes())
    handler.send(200, body, "text/html; charset=utf-8", Content_Encoding="gzip")


def _gzip_bomb(handler: JobSite, query: dict[str, list[str]]) -> None:
    body = gzip.compress(b"<p>" + b" " * (60 * MB) + b"</p>", compresslevel=9)
    handler.send(200, body, "text/html", Content_Encoding="gzip")


def _slow(handler: JobSite, query: dict[str, list[str]]) -> None:
    time.sleep(float(query.get("seconds", ["2"])[0]))
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the reader gave up
        handler.send(200, b"<title>late</title>", "text/html")


def _forbidden(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(403, b"<h1>Sign in to see this job</h1>", "text/html")


def _json(handler: JobSite, query: dict[str, list[str]]) -> None:
    handler.send(200, b'{"jobs": []}', "application/json")


_ROUTES = {
    "/redirect": _redirect,
    "/loop": _loop,
    "/posting.pdf": _pdf,
    "/pdf-said-html": _pdf_as_html,
    "/huge": _huge,
    "/huge-unsaid": _huge_unsaid,
    "/gzipped": _gzipped,
    "/gzip-bomb": _gzip_bomb,
    "/slow": _slow,
    "/forbidden": _forbidden,
    "/api.json": _json,
}


class Site:
    def __init__(self, server: ThreadingHTTPServer, host: str) -> None:
        self.server = server
        self.base = f"http://{host}:{server.server_address[1]}"
        self.requests: list[tuple[str, str]] = server.requests  # type: ignore[attr-defined]

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def job_site(host: str = "127.0.0.1") -> Iterator[Site]:
    server = ThreadingHTTPServer((host, 0), JobSite)
    server.daemon_threads = True
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(server, host)
    finally:
        server.shutdown()
        server.server_close()
