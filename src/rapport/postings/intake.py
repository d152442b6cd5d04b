"""How a page comes in: fetched from its link, or given (pasted, uploaded, sent by the
bookmarklet, read from a file by `rapport save-job`). Either way it is read the same."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from rapport.postings.addresses import AddressCheck, any_address, is_public
from rapport.postings.decoding import html_decode
from rapport.postings.errors import FetchError, NotAPage
from rapport.postings.fetching import MAX_BYTES, page_fetch
from rapport.postings.reading import Reading, posting_read


def address_check() -> AddressCheck:
    """On the user's own computer any address will do (their intranet's job board too); a
    server fetches from the public internet only."""
    return any_address if settings.LOCAL_MODE else is_public


def page_read_link(*, url: str) -> Reading:
    """Fetch the page at `url` and read it. Raises UnreadablePage saying why not."""
    url = url.strip()
    if "://" not in url and "." in url.split("/", 1)[0]:
        url = f"https://{url}"  # "boards.greenhouse.io/acme/jobs/1", as typed
    fetched = page_fetch(url, allowed=address_check())
    return posting_read(fetched.html, url=fetched.url)


def page_read_given(*, document: bytes | str, url: str = "") -> Reading:
    """Read a page the user gave, with the link it came from if known."""
    if isinstance(document, bytes):
        if len(document) > MAX_BYTES:
            raise FetchError(
                f"The page is larger than {MAX_BYTES // (1024 * 1024)} MB, far larger than a "
                "job posting."
            )
        document = html_decode(document)
    elif len(document) > MAX_BYTES:
        raise FetchError("The page is far larger than a job posting.")
    if not document.strip():
        raise NotAPage("The page is empty: there is nothing to read.")
    return posting_read(document, url=_http_url(url))


def _http_url(url: str) -> str:
    url = url.strip()
    return url if urlsplit(url).scheme in {"http", "https"} else ""
