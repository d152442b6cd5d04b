"""Fetching from a real HTTP server on loopback: what a job site can answer."""

from __future__ import annotations

import pytest
from pytest_django import Settings
from tests.postings.job_site import Site, job_site

from rapport.postings import fetching
from rapport.postings.addresses import any_address, is_public
from rapport.postings.errors import FetchError, NotAPage, UnreadablePage
from rapport.postings.fetching import page_fetch
from rapport.postings.intake import page_read_link


def test_a_posting_page_is_fetched_and_read(site: Site) -> None:
    reading = page_read_link(url=site.url("/jobs/greenhouse.html"))
    assert reading.posting.title == "Senior Backend Engineer, Payments"
    assert reading.posting.source_url == site.url("/jobs/greenhouse.html")


def test_it_says_who_is_asking(site: Site) -> None:
    page_fetch(site.url("/jobs/lever.html?ua"), allowed=any_address)
    agents = [agent for path, agent in site.requests if path == "/jobs/lever.html?ua"]
    assert agents
    assert agents[-1].startswith("Mozilla/5.0 (compatible; Rapport/")


def test_redirects_are_followed_and_the_final_address_kept(site: Site) -> None:
    fetched = page_fetch(site.url("/redirect?to=/jobs/ashby.html"), allowed=any_address)
    assert fetched.url == site.url("/jobs/ashby.html")
    assert "Founding Engineer" in fetched.html


def test_endless_redirects_stop(site: Site) -> None:
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        page_fetch(site.url("/loop"), allowed=any_address)


def test_a_gzipped_page_is_unpacked(site: Site) -> None:
    assert "Product Designer" in page_fetch(site.url("/gzipped"), allowed=any_address).html


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/jobs/gone.html", FetchError, r"There is no page at .*404 Not Found"),
        ("/forbidden", FetchError, r"403 Forbidden.*logged in.*Paste the page"),
        ("/posting.pdf", NotAPage, r"is a PDF document, not a web page"),
        ("/pdf-said-html", NotAPage, r"is a PDF document, not a web page"),
        ("/api.json", NotAPage, r"not a web page \(the site says it is application/json\)"),
        ("/huge", FetchError, r"larger than 5 MB"),
        ("/huge-unsaid", FetchError, r"larger than 5 MB"),
        ("/gzip-bomb", FetchError, r"larger than 5 MB"),
        ("/jobs/binary_garbage.bin", NotAPage, r"not a web page"),
    ],
)
def test_bad_answers_are_refused_with_a_message_saying_why(
    site: Site, path: str, error: type[UnreadablePage], message: str
) -> None:
    with pytest.raises(error, match=message):
        page_fetch(site.url(path), allowed=any_address)


def test_a_page_in_another_encoding_is_decoded_by_its_meta_charset(site: Site) -> None:
    reading = page_read_link(url=site.url("/jobs/windows1252.html"))
    assert reading.posting.company == "Gärtner & Söhne AG"


def test_a_slow_site_times_out(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetching, "TIMEOUT_SECONDS", 0.5)
    with pytest.raises(FetchError, match=r"did not answer within|longer than"):
        page_fetch(site.url("/slow?seconds=3"), allowed=any_address)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/job", "file:///etc/passwd", "javascript:alert(1)", "http://", "jobs"],
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match=r"not a web address|no such host"):
        page_fetch(url, allowed=any_address)


def test_an_unknown_host_is_named() -> None:
    with pytest.raises(FetchError, match="no such host"):
        page_fetch("http://no-such-host.invalid/job", allowed=any_address)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
        "169.254.169.254", "fe80::1", "fc00::1", "100.64.0.1", "0.0.0.0", "::",
        "224.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::1", "64:ff9b::a00:1",
        "240.0.0.1", "not an address",
    ],
)  # fmt: skip
def test_private_loopback_and_link_local_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(address)


def test_server_mode_refuses_loopback_after_resolving_the_name(settings: Settings) -> None:
    settings.LOCAL_MODE = False
    with job_site() as site, pytest.raises(FetchError, match="not a public internet address"):
        page_read_link(url=site.url("/jobs/lever.html").replace("127.0.0.1", "localhost"))
    assert site.requests == []


def test_server_mode_checks_every_redirect() -> None:
    """A page on an allowed address redirects to a refused one: the second hop is refused
    before any request reaches it."""
    with job_site("127.0.0.2") as outside, job_site("127.0.0.1") as inside:
        target = inside.url("/jobs/lever.html")
        with pytest.raises(FetchError, match="not a public internet address"):
            page_fetch(outside.url(f"/redirect?to={target}"), allowed=lambda ip: ip == "127.0.0.2")
        assert [path for path, _ in outside.requests] == [f"/redirect?to={target}"]
        assert inside.requests == []


def test_local_mode_fetches_from_the_users_own_network(settings: Settings, site: Site) -> None:
    settings.LOCAL_MODE = True
    assert page_read_link(url=site.url("/jobs/icims.html")).posting.company == "Alpine Health"
