"""`rapport serve`: a local app on 127.0.0.1 that one-time links log in to."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.request
from http.client import HTTPResponse
from urllib.request import OpenerDirector

import pytest
from rapport_cli import LOGIN_URL, Rapport, Server, free_port, port_is_free


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def browser(*, follow_redirects: bool = True) -> OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    ]
    if not follow_redirects:
        handlers.append(_NoRedirects())
    return urllib.request.build_opener(*handlers)


def status_of(opener: OpenerDirector, url: str) -> tuple[int, str]:
    """(status, Location header) without raising on 3xx and 4xx."""
    try:
        response: HTTPResponse = opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")
    return response.status, response.headers.get("Location", "")


def test_the_login_link_logs_in_once_and_lands_on_the_home_page(server: Server) -> None:
    response: HTTPResponse = browser().open(server.login_url, timeout=10)
    page = response.read().decode()
    assert response.status == 200
    assert response.url == f"{server.base_url}/"
    assert "Log out" in page
    assert status_of(browser(), server.login_url)[0] == 403


def test_a_visitor_without_a_session_is_sent_to_the_login_page(server: Server) -> None:
    status, location = status_of(browser(follow_redirects=False), f"{server.base_url}/")
    assert status == 302
    assert location.startswith("/login/")


@pytest.mark.parametrize("path", ["/", "/login/"])
def test_pages_forbid_inline_scripts_in_their_content_security_policy(
    server: Server, path: str
) -> None:
    response: HTTPResponse = browser().open(f"{server.base_url}{path}", timeout=10)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]


def test_loginlink_prints_a_fresh_link_for_the_running_app(server: Server) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    result = server.rapport.run("loginlink", "--port", port)
    assert result.returncode == 0, result.stderr
    match = LOGIN_URL.search(result.stdout)
    assert match is not None
    response: HTTPResponse = browser().open(match.group(0), timeout=10)
    assert "Log out" in response.read().decode()


def test_in_local_mode_serve_refuses_to_listen_beyond_this_computer(rapport: Rapport) -> None:
    port = free_port()
    result = rapport.run("serve", "--host", "0.0.0.0", "--port", str(port), timeout=30)
    assert result.returncode != 0
    assert "127.0.0.1" in result.stderr
    assert port_is_free(port)
    assert not (rapport.data_dir / "rapport.sqlite3").exists()
