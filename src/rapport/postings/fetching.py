"""Fetching a posting's page: http(s) only, a short timeout, a size cap, a few redirects.

Every hop is checked before it is made (scheme, then the addresses DNS gives against the
mode's AddressCheck) and the connection goes to the address that was checked. Whatever
goes wrong ends in a FetchError whose message says what and where; nothing is saved.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

from rapport.postings.addresses import AddressCheck, resolve
from rapport.postings.decoding import html_decode, what_it_is
from rapport.postings.errors import FetchError, NotAPage

TIMEOUT_SECONDS = 10.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", ""}
_CHUNK = 65536


def _user_agent() -> str:
    try:
        release = version("rapport")
    except PackageNotFoundError:  # running from a source tree
        release = "dev"
    return f"Mozilla/5.0 (compatible; Rapport/{release}; saves a job posting for its reader)"


USER_AGENT = _user_agent()


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the page's address after redirects
    html: str


def page_fetch(url: str, *, allowed: AddressCheck) -> FetchedPage:
    """The page at `url`, decoded. Raises FetchError (or NotAPage) saying what went wrong."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response = _request(current, allowed=allowed, deadline=deadline)
        try:
            location = response.getheader("Location")
            if response.status in _REDIRECTS and location:
                current = urljoin(current, location.strip())
                continue
            return FetchedPage(url=current, html=_page(response, current, deadline))
        finally:
            response.close()
    raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times; open it in a browser.")


def _request(url: str, *, allowed: AddressCheck, deadline: float) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"{url!r} is not a web address: only http:// and https:// pages.")
    https = parts.scheme == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError:
        raise FetchError(f"{url!r} has an impossible port number.") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "en;q=0.9, *;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    for address in resolve(parts.hostname, port, allowed=allowed):
        connection = _connection(parts.hostname, port, address, https, _left(deadline))
        try:
            connection.request("GET", path, headers=headers)
            return connection.getresponse()
        except ssl.SSLError as error:
            connection.close()
            raise FetchError(
                f"{parts.hostname}'s secure connection could not be checked ({error.reason})."
            ) from None
        except TimeoutError:
            connection.close()
            raise _too_slow(url) from None
        except (OSError, http.client.HTTPException):
            connection.close()  # try the host's next address
    raise FetchError(f"{parts.hostname} did not answer: the site may be down.")


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"The page took longer than {TIMEOUT_SECONDS:.0f} seconds to load.")
    return left


def _too_slow(url: str) -> FetchError:
    return FetchError(f"{url} did not answer within {TIMEOUT_SECONDS:.0f} seconds.")


class _PinnedHTTP(http.client.HTTPConnection):
    """A connection to the address that was checked, whatever DNS says next."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _connection(
    host: str, port: int, address: str, https: bool, timeout: float
) -> http.client.HTTPConnection:
    kind = _PinnedHTTPS if https else _PinnedHTTP
    return kind(host, port, address, timeout)


def _page(response: http.client.HTTPResponse, url: str, deadline: float) -> str:
    if response.status >= 400 or response.status < 200:
        raise FetchError(_status_message(response.status, response.reason, url))
    if response.status in _REDIRECTS:
        raise FetchError(f"{url} redirects without saying where to.")
    content_type = response.getheader("Content-Type", "") or ""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/pdf":
        raise NotAPage(f"{url} is a PDF document, not a web page: fill in the form instead.")
    if kind not in _PAGE_TYPES:
        raise NotAPage(f"{url} is not a web page (the site says it is {kind}).")
    data = _body(response, url, deadline)
    if what := what_it_is(data):
        raise NotAPage(f"{url} is {what}, not a web page: fill in the form instead.")
    return html_decode(data, content_type=content_type)


def _status_message(status: int, reason: str, url: str) -> str:
    said = f"{status} {reason}".strip()
    if status in {404, 410}:
        return f"There is no page at {url} ({said}): the posting may have been taken down."
    if status in {401, 403}:
        return (
            f"{url} would not show the page to Rapport ({said}): it may need you to be logged "
            "in. Paste the page instead, or use the bookmarklet."
        )
    if status == 429 or status >= 500:
        return f"{url} answered {said}: try again later, or paste the page."
    return f"{url} answered {said}."


def _body(response: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise _too_large(url)
    encoding = (response.getheader("Content-Encoding", "") or "").strip().lower()
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in {"gzip", "deflate"} else None
    chunks: list[bytes] = []
    size = 0
    while True:
        _left(deadline)
        try:
            chunk = response.read(_CHUNK)
        except TimeoutError:
            raise _too_slow(url) from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{url} stopped sending the page halfway ({error}).") from None
        if not chunk:
            break
        if inflate is not None:
            chunk = _inflated(inflate, chunk, url)
        size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large(url)
        chunks.append(chunk)
    return b"".join(chunks)


def _inflated(inflate: zlib._Decompress, chunk: bytes, url: str) -> bytes:
    try:
        data = inflate.decompress(chunk, MAX_BYTES + 1)
    except zlib.error:
        raise FetchError(f"{url} sent a page that could not be unpacked.") from None
    if inflate.unconsumed_tail:
        raise _too_large(url)
    return data


def _too_large(url: str) -> FetchError:
    megabytes = MAX_BYTES // (1024 * 1024)
    return FetchError(
        f"{url} is larger than {megabytes} MB, far larger than a job posting; "
        "paste the posting's page instead."
    )
