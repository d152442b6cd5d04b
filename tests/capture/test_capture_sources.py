"""Sources Rapport polls: a real IMAP server (dovecot) and a calendar URL on loopback."""

from __future__ import annotations

import socket
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from capture_world import google_calendar, google_event, mail, someone
from django.conf import settings
from django.test import override_settings

from rapport.capture.errors import CaptureError
from rapport.capture.models import Source, Suggestion, SuggestionKind
from rapport.capture.secrets import secret_read
from rapport.capture.services import calendar_subscribe, imap_connect, source_sync
from rapport.conversations.models import Touch, TouchDirection

pytestmark = pytest.mark.django_db
ME = "Olivia Owner <olivia@mail.test>"
ANA = "Ana Souza <ana@stripe.com>"


def _connect(owner, imap, password=""):
    return imap_connect(
        owner=owner,
        host=imap.host,
        port=imap.port,
        username=imap.username,
        password=password or imap.password,
    )


def test_an_imap_account_is_read_inbox_and_sent(owner, imap):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    imap.deliver(
        mail(ME, ANA, "Coffee?", "Mon, 02 Nov 2026 09:00:00 +0000", msgid="<q@mail.test>"), "Sent"
    )
    imap.deliver(
        mail(
            ANA,
            ME,
            "Re: Coffee?",
            "Mon, 02 Nov 2026 12:00:00 +0000",
            "Sure, Tuesday.",
            msgid="<a@stripe.com>",
            reply_to="<q@mail.test>",
        )
    )
    source = _connect(owner, imap)
    result = source_sync(source=source)
    assert result.error == ""
    directions = sorted(Touch.objects.filter(person=ana).values_list("direction", flat=True))
    assert directions == [TouchDirection.RECEIVED, TouchDirection.SENT]
    suggestion = Suggestion.objects.get(owner=owner, kind=SuggestionKind.CONVERSATION)
    assert suggestion.snippet == "Sure, Tuesday."


def test_a_second_sync_reads_only_new_mail_and_creates_nothing_twice(owner, imap):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    imap.deliver(mail(ANA, ME, "Hello", "Mon, 02 Nov 2026 12:00:00 +0000", msgid="<h1@stripe.com>"))
    source = _connect(owner, imap)
    source_sync(source=source)
    again = source_sync(source=source)
    assert again.result is None  # nothing new: no import left behind
    imap.deliver(mail(ANA, ME, "Again", "Tue, 03 Nov 2026 12:00:00 +0000", msgid="<h2@stripe.com>"))
    source_sync(source=source)
    assert Touch.objects.filter(person=ana).count() == 2
    assert Source.objects.get(pk=source.pk).state["INBOX"]["last_uid"] == 2


def test_a_wrong_app_password_is_refused_and_nothing_is_saved(owner, imap):
    with pytest.raises(CaptureError, match=r"refused the login for olivia@mail\.test"):
        _connect(owner, imap, password="wrong")
    assert not Source.objects.exists()


def test_the_app_password_is_kept_in_the_data_directory_for_the_user_only(owner, imap):
    source = _connect(owner, imap)
    path = Path(settings.DATA_DIR) / "credentials" / f"source-{source.pk}.secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert imap.password not in str(Source.objects.filter(pk=source.pk).values().get())


@override_settings(LOCAL_MODE=False)
def test_in_server_mode_the_password_is_encrypted_with_the_secret_key(owner, imap):
    source = Source.objects.create(owner=owner, kind="imap", name="x", location="x@y:1")
    from rapport.capture.secrets import secret_store

    secret_store(source=source, secret="app-password-1")
    source.refresh_from_db()
    assert source.secret
    assert "app-password-1" not in source.secret
    assert secret_read(source=source) == "app-password-1"


def test_a_calendar_url_is_polled_and_a_second_poll_changes_nothing(owner, calendar_url):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    calendar_url.body = google_calendar(
        google_event(
            "m1",
            "20261102T100000Z",
            "Intro call",
            "PARTSTAT=ACCEPTED;CN=Ana Souza:mailto:ana@stripe.com",
        ),
    ).encode()
    source = calendar_subscribe(owner=owner, url=calendar_url.url)
    first = source_sync(source=source)
    assert first.result is not None
    assert first.result.counts["suggestions"]["created"] == 1
    second = source_sync(source=source)
    assert second.result is None
    assert calendar_url.requests[-1]  # asked with the ETag it was given: 304
    suggestion = Suggestion.objects.get(owner=owner)
    assert list(suggestion.people.all()) == [ana]
    assert suggestion.channel == "call"


def test_an_unreachable_calendar_is_retried_later_and_later_and_shown(owner, calendar_url):
    someone(owner, "Ana Souza", "ana@stripe.com")
    calendar_url.status = 503
    source = calendar_subscribe(owner=owner, url=calendar_url.url)
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    first = source_sync(source=source, now=now)
    assert "the server answered 503" in first.error
    waits = [source.next_sync_at - now]
    second = source_sync(source=source, now=now)
    waits.append(source.next_sync_at - now)
    assert waits == [timedelta(minutes=5), timedelta(minutes=10)]
    source.refresh_from_db()
    assert source.failures == 2
    assert "503" in source.last_error
    assert not Suggestion.objects.exists()
    assert second.result is None


def test_a_calendar_host_that_does_not_answer_is_an_error_not_a_crash(owner):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    source = calendar_subscribe(owner=owner, url=f"http://127.0.0.1:{port}/c.ics")
    result = source_sync(source=source)
    assert "cannot be reached" in result.error
    assert Source.objects.get(pk=source.pk).failures == 1


def test_webcal_addresses_are_read_over_https_and_other_schemes_refused(owner):
    with pytest.raises(CaptureError, match="not a calendar address"):
        calendar_subscribe(owner=owner, url="file:///etc/passwd")


@override_settings(LOCAL_MODE=False)
def test_in_server_mode_a_calendar_inside_the_servers_network_is_refused(owner):
    with pytest.raises(CaptureError, match="inside this server's network"):
        calendar_subscribe(owner=owner, url="http://127.0.0.1:9/c.ics")
