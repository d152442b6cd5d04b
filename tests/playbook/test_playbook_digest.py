"""The daily digest goes out through a real SMTP server (aiosmtpd on loopback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email.message import EmailMessage
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from playbook_world import World, at, days_ago
from tests.mail import Inbox, free_port, smtp_inbox

from rapport.accounts.models import User
from rapport.playbook.models import PlaybookSettings


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    settings.RAPPORT_BASE_URL = "https://rapport.example.org"
    with smtp_inbox(settings, "Rapport <digest@rapport.test>") as handler:
        yield handler


def _opt_in(world: World, email: str = "olivia@example.org") -> None:
    world.settings(digest_enabled=True, digest_email=email)


def _digest(*args: str) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out)
    return out.getvalue()


def _parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    return text.get_content(), html.get_content()


def test_the_digest_arrives_with_todays_nudges_in_text_and_html(
    inbox: Inbox, world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    _opt_in(world)

    output = _digest()

    assert "Sent today's digest to olivia." in output
    [message] = inbox.messages
    assert message["To"] == "olivia@example.org"
    assert message["From"] == "Rapport <digest@rapport.test>"
    assert message["Subject"] == "Rapport: 2 things to do today (Wed 25 Nov)"
    text, html = _parts(message)
    assert "* Thank Ana for the coffee" in text
    assert "You had a coffee with Ana Souza yesterday." in text
    assert "https://rapport.example.org/playbook/" in text
    assert "<strong>Thank Ana for the coffee</strong>" in html


def test_only_users_who_opted_in_get_the_digest(
    inbox: Inbox, world: World, other_world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    other_world.talk(days_ago(1), other_world.person("Secret Person"))
    _opt_in(world)

    _digest()

    assert [m["To"] for m in inbox.messages] == ["olivia@example.org"]
    assert "Secret" not in inbox.messages[0].as_string()


def test_the_digest_goes_out_once_a_day(inbox: Inbox, world: World, today: dt.date) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    _opt_in(world)
    _digest()

    second = _digest()

    assert "Skipped olivia: already sent today." in second
    assert len(inbox.messages) == 1
    assert PlaybookSettings.objects.get(owner=world.owner).digest_last_sent_on == today
    with at(today + dt.timedelta(days=1)):
        _digest()
    assert len(inbox.messages) == 2


def test_nothing_is_sent_on_a_day_with_nothing_to_do(
    inbox: Inbox, world: World, today: dt.date
) -> None:
    world.settings(digest_enabled=True, goal_conversations=0, goal_names=0, goal_gave=0)
    User.objects.filter(pk=world.owner.pk).update(email="olivia@example.org")

    output = _digest()

    assert "Skipped olivia: nothing to do today." in output
    assert inbox.messages == []


def test_a_user_without_an_address_is_skipped_with_a_reason(
    inbox: Inbox, world: World, today: dt.date
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    _opt_in(world, email="")

    output = _digest()

    assert "Skipped olivia: no email address" in output
    assert inbox.messages == []


def test_the_user_option_sends_to_that_user(
    inbox: Inbox, world: World, today: dt.date, settings: Any
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    world.settings(digest_email="olivia@example.org")  # not opted in: asked explicitly
    settings.LOCAL_MODE = False

    _digest("--user", "olivia")

    assert [m["To"] for m in inbox.messages] == ["olivia@example.org"]


def test_an_unreachable_smtp_server_is_reported(
    world: World, today: dt.date, settings: Any
) -> None:
    world.talk(days_ago(1), world.person("Ana Souza"))
    _opt_in(world)
    settings.RAPPORT_EMAIL_HOST = "127.0.0.1"
    settings.RAPPORT_EMAIL_PORT = str(free_port())

    with pytest.raises(CommandError, match=r"Could not send through 127\.0\.0\.1"):
        _digest()
    assert PlaybookSettings.objects.get(owner=world.owner).digest_last_sent_on is None


def test_a_bad_port_is_reported(world: World, settings: Any) -> None:
    settings.RAPPORT_EMAIL_PORT = "twenty-five"

    with pytest.raises(CommandError, match="RAPPORT_EMAIL_PORT must be a port number"):
        _digest()


def test_a_long_day_is_counted_in_full_but_listed_in_short(
    inbox: Inbox, world: World, today: dt.date
) -> None:
    for i in range(20):
        world.talk(days_ago(1), world.person(f"Person {i:02d}"))
    _opt_in(world)

    _digest()

    [message] = inbox.messages
    assert message["Subject"] == "Rapport: 21 things to do today (Wed 25 Nov)"
    text, html = _parts(message)
    assert text.count("* Thank ") == 12
    assert "…and 9 more: https://rapport.example.org/playbook/nudges/" in text
    assert "…and 9 more</a>" in html


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_the_scheduled_digest_goes_out_once_through_the_task_queue(
    inbox: Inbox, world: World, today: dt.date, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from rapport.playbook.tasks import digest_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world.talk(days_ago(1), world.person("Ana Souza"))
    _opt_in(world)
    digest_task.enqueue()
    digest_task.enqueue()  # the scheduler queues it every quarter of an hour
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False)
    assert DBTaskResult.objects.count() == 2
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "olivia@example.org"


def test_the_scheduled_digest_waits_for_smtp_and_the_morning(settings: Any) -> None:
    from rapport.playbook.tasks import digest_is_due

    morning = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    night = dt.datetime(2026, 11, 26, 5, 0, tzinfo=dt.UTC)
    settings.RAPPORT_EMAIL_HOST = ""
    assert not digest_is_due(now=morning)
    settings.RAPPORT_EMAIL_HOST = "127.0.0.1"
    assert digest_is_due(now=morning)
    assert not digest_is_due(now=night)
