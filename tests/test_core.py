from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.core.markdown import render_markdown
from rapport.core.text import company_key, fold, linkedin_key


def test_pages_carry_a_content_security_policy_without_inline_scripts(
    client_owner: Client,
) -> None:
    response = client_owner.get(reverse("front:home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_home_page_needs_a_login(client: Client, db: None) -> None:
    response = client.get(reverse("front:home"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))


def test_a_new_user_sees_the_first_steps(client_owner: Client) -> None:
    page = client_owner.get(reverse("front:home")).content.decode()
    assert "How the playbook works" in page
    assert "Load the demo network" in page  # a button, not a command to type


def test_the_home_page_shows_the_owners_week_only(
    client_owner: Client, owner: User, other: User
) -> None:
    for user, name in [(owner, "Ana Souza"), (other, "Secret Person")]:
        conversation_log(
            owner=user,
            occurred_on=dt.date.today(),
            channel="call",
            participants=[name],
            outcomes=[OutcomeInput(kind=OutcomeKind.LEAD, company="Canva", title=f"{name} job")],
        )
    page = client_owner.get(reverse("front:home")).content.decode()
    assert "Ana Souza" in page
    assert "Secret Person" not in page


def test_a_login_link_logs_in_once(client: Client, db: None) -> None:
    user = local_user_get_or_create()
    token = login_token_create(user=user)
    url = reverse("accounts:token_login", args=[token])
    first = client.get(url)
    assert first.status_code == 302
    assert client.get(reverse("front:home")).status_code == 200
    client.logout()
    assert client.get(url).status_code == 403


def test_a_login_link_expires_after_thirty_minutes(client: Client, db: None) -> None:
    token = login_token_create(user=local_user_get_or_create())
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=31)):
        assert client.get(reverse("accounts:token_login", args=[token])).status_code == 403


def test_a_login_link_does_not_let_a_deactivated_account_in(client: Client, owner: User) -> None:
    token = login_token_create(user=owner)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get(reverse("accounts:token_login", args=[token])).status_code == 403
    assert client.get(reverse("front:home")).status_code == 302  # to the login page


def test_logout_needs_a_post(client_owner: Client) -> None:
    assert client_owner.get(reverse("accounts:logout")).status_code == 405
    assert client_owner.post(reverse("accounts:logout")).status_code == 302
    assert client_owner.get(reverse("front:home")).status_code == 302


def test_a_logout_ends_the_session_kept_in_memory(client_owner: Client) -> None:
    client_owner.get(reverse("front:home"))  # the session is now read, and kept in memory
    cookie = client_owner.cookies[django_settings.SESSION_COOKIE_NAME].value
    client_owner.post(reverse("accounts:logout"))
    client_owner.cookies[django_settings.SESSION_COOKIE_NAME] = cookie  # the old cookie, replayed
    assert client_owner.get(reverse("front:home")).status_code == 302  # to the login page


def test_local_mode_has_one_user(db: None) -> None:
    assert local_user_get_or_create() == local_user_get_or_create()
    assert User.objects.count() == 1


def test_server_mode_refuses_to_start_without_a_secret_key(settings: Settings) -> None:
    settings.LOCAL_MODE = False
    settings.SECRET_KEY_CONFIGURED = False
    ids = {message.id for message in run_checks()}
    assert "rapport.E001" in ids


def test_server_mode_password_login(client: Client, settings: Settings, owner: User) -> None:
    settings.LOCAL_MODE = False
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'name="password"' in page
    wrong = client.post(reverse("accounts:login"), {"username": "olivia", "password": "nope"})
    assert wrong.status_code == 200
    right = client.post(
        reverse("accounts:login"), {"username": "olivia", "password": "correct-horse-1"}
    )
    assert right.status_code == 302
    assert client.get(reverse("front:home")).status_code == 200


def test_local_mode_login_page_explains_the_one_time_link(client: Client, db: None) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert "rapport loginlink" in page
    assert 'name="password"' not in page


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[x](javascript:alert(1))", 'href="javascript'),
        ('<img src=x onerror="alert(1)">', "<img"),
    ],
)
def test_markdown_notes_are_sanitised(markdown: str, forbidden: str) -> None:
    assert forbidden not in render_markdown(markdown)


def test_markdown_keeps_ordinary_formatting() -> None:
    html = render_markdown("**Ask** about the [team](https://example.org)")
    assert "<strong>Ask</strong>" in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stripe, Inc.", "stripe"),
        ("Google LLC", "Google"),
        ("Siemens AG", "siemens"),
        ("Amazon.com, Inc.", "Amazon"),
        ("Shopify.io", "shopify"),
        ("Nørd Labs", "Nord Labs"),
    ],
)
def test_company_spellings_share_a_key(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


def test_names_fold_accents_and_case() -> None:
    assert fold("  José   NÚÑEZ ") == "jose nunez"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Søren", "soren"),
        ("Ayd\u0131n", "aydin"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("Đorđe", "dorde"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("Œuvre", "oeuvre"),
        ("Þóra", "thora"),
    ],
)
def test_letters_without_a_decomposition_fold_to_their_plain_spelling(
    text: str, folded: str
) -> None:
    assert fold(text) == folded


def test_a_company_that_is_only_a_web_suffix_keeps_it() -> None:
    assert company_key(".com") == ".com"
    assert company_key("Booking.com") == "booking"


def test_linkedin_urls_normalise_to_the_profile() -> None:
    assert (
        linkedin_key("https://www.linkedin.com/in/Ana-Souza/?trk=x") == "linkedin.com/in/ana-souza"
    )
    assert linkedin_key("linkedin.com/in/jos%C3%A9") == "linkedin.com/in/josé"
    assert linkedin_key("https://example.org/in/ana") == ""
