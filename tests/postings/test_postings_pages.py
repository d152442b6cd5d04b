"""The "Save a job" pages, the bookmarklet's window and the saved opportunity's page."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.network.warm_network import Network
from tests.postings.job_site import Site

from rapport.accounts.models import User
from rapport.companies.services import company_find_or_create, company_set_referral_protocol
from rapport.opportunities.models import Opportunity
from rapport.postings.clip import clip_key
from rapport.postings.models import Posting

PAGES = Path(__file__).parent / "pages"
SAVE = "/jobs/save/"


def test_save_a_job_is_offered_in_the_header_the_board_and_every_company(
    client_owner: Client, owner: User
) -> None:
    company, _ = company_find_or_create(owner=owner, name="Northwind Robotics")
    for page in ("/", "/opportunities/", f"/companies/{company.pk}/"):
        assert f'href="{SAVE}' in client_owner.get(page).content.decode(), page
    assert (
        f'href="{SAVE}?company={company.pk}"'
        in client_owner.get(f"/companies/{company.pk}/").content.decode()
    )


def test_saving_from_a_link_opens_the_opportunity_with_paths_and_protocol(
    client_owner: Client, owner: User, site: Site
) -> None:
    net = Network(owner)
    ana = net.person("Ana Souza")
    net.job(ana, "Northwind Robotics", "Payments Engineer")
    company_set_referral_protocol(
        company=net.company("Northwind Robotics"), channel="Internal referral tool", steps="Ask Ana"
    )
    response = client_owner.post(SAVE, {"url": site.url("/jobs/greenhouse.html")}, follow=True)
    opportunity = Opportunity.objects.get(owner=owner)
    assert response.redirect_chain[-1][0] == f"/opportunities/{opportunity.pk}/"
    page = response.content.decode()
    assert "Saved Senior Backend Engineer, Payments at Northwind Robotics." in page
    assert "Ana Souza" in page  # a warm path, and someone you know there
    assert "Internal referral tool" in page  # the referral protocol
    assert "The posting" in page
    assert "San Francisco, CA" in page


def test_a_page_behind_a_login_is_pasted_and_completed_on_the_form(
    client_owner: Client, owner: User
) -> None:
    html = (PAGES / "linkedin_logged_in.html").read_text()
    response = client_owner.post(
        SAVE, {"html": html, "url": "https://www.linkedin.com/jobs/view/3891234567/"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "I could not read a job posting here; fill in the form." in page
    assert 'value="Senior Site Reliability Engineer"' in page
    assert 'value="Harbour Bank"' in page
    assert not Opportunity.objects.filter(owner=owner).exists()
    saved = client_owner.post(
        "/jobs/save/check/",
        {
            "title": "Senior Site Reliability Engineer",
            "company": "Harbour Bank",
            "source_url": "https://www.linkedin.com/jobs/view/3891234567/",
            "valid_through": "2026-12-24",
            "read_from": "title",
        },
    )
    opportunity = Opportunity.objects.get(owner=owner)
    assert saved.url == f"/opportunities/{opportunity.pk}/"
    assert str(opportunity.deadline) == "2026-12-24"


def test_an_uploaded_page_in_another_encoding_is_saved(client_owner: Client, owner: User) -> None:
    upload = SimpleUploadedFile("job.html", (PAGES / "shift_jis.html").read_bytes(), "text/html")
    client_owner.post(SAVE, {"page": upload})
    assert Opportunity.objects.get(owner=owner).company.name == "さくら精機株式会社"


def test_bad_input_says_why_and_creates_nothing(
    client_owner: Client, owner: User, site: Site
) -> None:
    cases = {
        site.url("/jobs/taken-down.html"): "There is no page at",
        site.url("/posting.pdf"): "is a PDF document, not a web page",
        site.url("/huge"): "larger than 5 MB",
        "ftp://example.org/job.html": "only http:// and https:// pages",
    }
    for url, message in cases.items():
        response = client_owner.post(SAVE, {"url": url})
        assert response.status_code == 400
        assert message in response.content.decode(), url
    assert client_owner.post(SAVE, {}).status_code == 400
    garbage = client_owner.post(SAVE, {"html": (PAGES / "garbage.html").read_text()})
    assert "I could not read a job posting here" in garbage.content.decode()
    assert not Opportunity.objects.filter(owner=owner).exists()


def test_the_company_page_prefills_its_company_when_the_page_names_none(
    client_owner: Client, owner: User
) -> None:
    company, _ = company_find_or_create(owner=owner, name="Depot & Co")
    html = (PAGES / "title_only.html").read_text()
    response = client_owner.post(SAVE, {"html": html, "company_hint": company.pk})
    assert 'value="Depot &amp; Co"' in response.content.decode()


def test_another_users_company_is_never_prefilled(client_owner: Client, other: User) -> None:
    theirs, _ = company_find_or_create(owner=other, name="Mallory Secret Corp")
    html = (PAGES / "title_only.html").read_text()
    response = client_owner.post(SAVE, {"html": html, "company_hint": theirs.pk})
    assert "Mallory Secret Corp" not in response.content.decode()


def test_the_settings_page_offers_the_users_own_bookmarklet(
    client_owner: Client, owner: User, other: User
) -> None:
    page = client_owner.get("/playbook/settings/").content.decode()
    assert 'href="javascript:' in page
    assert "http://testserver" in page
    assert "/jobs/clip/" in page
    assert clip_key(owner) in page
    assert clip_key(other) not in page


def test_the_clip_window_keeps_its_opener_under_the_csp(client_owner: Client) -> None:
    response = client_owner.get("/jobs/clip/?url=https%3A%2F%2Fjobs.example%2F1")
    assert response.headers["Cross-Origin-Opener-Policy"] == "unsafe-none"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()  # only the static postings.js


def _clip(client: Client, key: str) -> object:
    page = SimpleUploadedFile("page.html", (PAGES / "ashby.html").read_bytes(), "text/html")
    url = "https://jobs.ashbyhq.com/quill-labs/5b7c2d14"
    return client.post("/jobs/clip/", {"page": page, "url": url, "key": key})


def test_the_bookmarklet_with_the_users_key_saves_at_once(
    client_owner: Client, owner: User
) -> None:
    _clip(client_owner, clip_key(owner))
    posting = Posting.objects.get(owner=owner)
    assert posting.opportunity.title == "Founding Engineer"
    assert posting.source_url == "https://jobs.ashbyhq.com/quill-labs/5b7c2d14"


def test_a_page_sent_without_the_key_is_only_shown_to_check(
    client_owner: Client, owner: User, other: User
) -> None:
    response = _clip(client_owner, clip_key(other))
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Check the job before saving" in page
    assert 'value="Founding Engineer"' in page
    assert not Opportunity.objects.filter(owner=owner).exists()


def test_the_pages_need_a_login(client: Client) -> None:
    for url in (SAVE, "/jobs/clip/"):
        assert client.get(url).status_code == 302


def test_a_page_too_large_from_the_bookmarklet_is_refused(
    client_owner: Client, owner: User, settings: object
) -> None:
    big = SimpleUploadedFile("page.html", b"<p>" + b"x" * (6 * 1024 * 1024), "text/html")
    response = client_owner.post("/jobs/clip/", {"page": big, "url": "https://jobs.example/1"})
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert not Opportunity.objects.filter(owner=owner).exists()
