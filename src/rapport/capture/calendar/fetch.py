"""A subscribed calendar's private iCal URL, fetched with the validators it gave last time
(ETag, Last-Modified), so an unchanged calendar costs one small request."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from rapport.capture.errors import CaptureError

TIMEOUT = 20
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    data: bytes | None  # None: not modified since the last fetch
    etag: str
    modified: str


def calendar_url_clean(url: str) -> str:
    """The URL to fetch: webcal:// is https://; only http(s) is accepted."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise CaptureError(f"{url!r} is not a calendar address (it should start with https://).")
    return url


def url_host(url: str) -> str:
    return urlsplit(url).hostname or ""


def host_allowed(host: str) -> None:
    """Server mode: refuse hosts inside the server's own network (no requests on a user's
    behalf to internal services). Local mode may read the user's own machine."""
    if settings.LOCAL_MODE:
        return
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except OSError as error:
        raise CaptureError(f"{host}: no such host ({error}).") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            raise CaptureError(f"{host}: an address inside this server's network is refused.")


def calendar_fetch(url: str, *, etag: str = "", modified: str = "") -> Fetched:
    host = url_host(url)
    host_allowed(host)
    request = urllib.request.Request(url, headers={"User-Agent": "Rapport calendar sync"})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise CaptureError(f"calendar at {host}: larger than 50 MB; not read.")
            return Fetched(
                data, response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(None, etag, modified)
        said = f"the server answered {error.code} {error.reason}"
        raise CaptureError(f"calendar at {host}: {said}.") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CaptureError(f"calendar at {host}: cannot be reached ({reason}).") from error
