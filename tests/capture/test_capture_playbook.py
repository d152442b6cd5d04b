"""Captured facts reach the playbook at once: last contacted, thank-you, close-the-loop,
keep in touch, and the prep brief the day before a meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from capture_world import mail, mbox_file, my_addresses, someone
from django.utils import timezone

from rapport.capture.services import capture_import_file
from rapport.conversations.models import Channel, Introduction, IntroductionState
from rapport.conversations.services import conversation_log
from rapport.people.selectors import person_last_contacted
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.selectors import nudges_for_today

pytestmark = pytest.mark.django_db
ME = "olivia@gmail.example"


def _kinds(owner, today):
    return {
        (n.kind, n.person.name if n.person else "")
        for n in nudges_for_today(owner=owner, today=today)
    }


def _mail_to(tmp_path, owner, name, address, when):
    my_addresses(owner, ME)
    path = mbox_file(
        tmp_path / f"{address}.mbox", [mail(ME, f"{name} <{address}>", "Thank you!", when)]
    )
    capture_import_file(owner=owner, kind="mbox", path=path)


@time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=UTC), tick=False)
def test_a_thank_you_mail_after_the_coffee_satisfies_the_thank_you_nudge(owner, tmp_path):
    freya = someone(owner, "Freya Lind", "freya@lind.example")
    conversation_log(
        owner=owner,
        occurred_on=date(2026, 11, 10),
        channel=Channel.VIDEO,
        participants=[f"Freya Lind (#{freya.pk})"],
    )
    today = timezone.localdate()
    assert (NudgeKind.THANK_YOU, "Freya Lind") in _kinds(owner, today)  # the cache is warm now
    _mail_to(tmp_path, owner, "Freya Lind", "freya@lind.example", "Tue, 10 Nov 2026 18:00:00 +0000")
    assert (NudgeKind.THANK_YOU, "Freya Lind") not in _kinds(owner, today)


@time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=UTC), tick=False)
def test_a_mail_to_the_introducer_after_meeting_closes_the_loop(owner, tmp_path):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    bo = someone(owner, "Bo Li", "bo@li.example")
    made = Introduction.objects.create(
        owner=owner, introducer=ana, introduced=bo, state=IntroductionState.MADE
    )
    # Ana made the introduction a week before the coffee with Bo.
    Introduction.objects.filter(pk=made.pk).update(created_at=datetime(2026, 11, 2, tzinfo=UTC))
    conversation_log(
        owner=owner,
        occurred_on=date(2026, 11, 9),
        channel=Channel.COFFEE,
        participants=[f"Bo Li (#{bo.pk})"],
    )
    today = timezone.localdate()
    assert (NudgeKind.REPORT_BACK, "Ana Souza") in _kinds(owner, today)
    _mail_to(tmp_path, owner, "Ana Souza", "ana@stripe.com", "Wed, 11 Nov 2026 08:00:00 +0000")
    assert (NudgeKind.REPORT_BACK, "Ana Souza") not in _kinds(owner, today)


@time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=UTC), tick=False)
def test_mail_updates_last_contacted(owner, tmp_path):
    tom = someone(owner, "Tom Hart", "tom@hart.example")
    conversation_log(
        owner=owner,
        occurred_on=date(2026, 1, 5),
        channel=Channel.COFFEE,
        participants=[f"Tom Hart (#{tom.pk})"],
    )
    _mail_to(tmp_path, owner, "Tom Hart", "tom@hart.example", "Wed, 11 Nov 2026 08:00:00 +0000")
    assert person_last_contacted(person=tom) == date(2026, 11, 11)
    assert (NudgeKind.KEEP_IN_TOUCH, "Tom Hart") not in _kinds(owner, timezone.localdate())


@time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=UTC), tick=False)
def test_a_meeting_tomorrow_asks_to_read_the_prep_brief(owner, tmp_path):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    calendar = tmp_path / "work.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20261113T140000Z\r\nDTEND:20261113T150000Z\r\n"
        "UID:coffee-1@google.com\r\nSUMMARY:Coffee w/ Ana Souza\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    capture_import_file(owner=owner, kind="ics", path=calendar)
    nudges = [
        n
        for n in nudges_for_today(owner=owner, today=timezone.localdate())
        if n.kind == NudgeKind.PREPARE_MEETING
    ]
    assert [n.person.pk for n in nudges if n.person] == [ana.pk]
    assert "tomorrow at 14:00" in nudges[0].reason
