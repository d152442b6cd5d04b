"""At 360 px, no page of Rapport scrolls sideways: every page reachable from Today, with the
demo network loaded, is walked by following its links (one page per URL name)."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import log_in

from rapport.demo.services import demo_network_load

# What a link may lead to that is not a page to look at (files, named file.ext, are skipped).
NOT_PAGES = {"accounts:logout", "playbook:feed"}

# Pages every user reaches from Today; the walk must find them, or it proves nothing.
MUST_VISIT = {
    "front:home",
    "people:list",
    "people:detail",
    "companies:list",
    "companies:detail",
    "conversations:list",
    "conversations:detail",
    "conversations:log",
    "opportunities:board",
    "opportunities:detail",
    "network:map",
    "playbook:review",
    "playbook:prep",
}

# Anything wider than the viewport, and any box that scrolls sideways inside the page.
# What sticks out at the current page (overflow.js next to this file).
_SCRIPT = (Path(__file__).parent / "overflow.js").read_text()
OVERFLOW = _SCRIPT[_SCRIPT.index("() =>") :]


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _links(page: Page, origin: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
    )
    return [
        urlsplit(h)._replace(fragment="").geturl()
        for h in hrefs
        if h.startswith(origin) and "." not in urlsplit(h).path.rsplit("/", 1)[-1]
    ]


def test_no_page_scrolls_sideways_on_a_360_px_phone(live_server: LiveServer, phone: Page) -> None:
    user = log_in(phone, live_server)
    demo_network_load(owner=user, today=timezone.localdate())
    origin = live_server.url
    queue, seen, problems = deque([origin + "/", origin + "/search/?q=learning"]), set[str](), {}
    while queue:
        url = queue.popleft()
        name = _url_name(urlsplit(url).path)
        if name is None or name in seen or name in NOT_PAGES:
            continue
        seen.add(name)
        response = phone.goto(url)
        assert response is not None, url
        assert response.status == 200, url
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        if found := phone.evaluate(OVERFLOW):
            problems[urlsplit(url).path] = found
        queue.extend(_links(phone, origin))
    assert seen >= MUST_VISIT, f"never reached: {MUST_VISIT - seen}"
    assert not problems, f"wider than 360 px: {problems}"
