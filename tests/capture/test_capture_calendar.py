"""Calendars from real programs become meetings and suggested conversations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from capture_world import my_addresses, someone

from rapport.accounts.models import User
from rapport.capture.errors import CaptureError
from rapport.capture.models import Suggestion, SuggestionKind
from rapport.capture.services import capture_import_file
from rapport.conversations.models import Meeting

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _import(owner: User, path: Path) -> dict[str, object]:
    return capture_import_file(owner=owner, kind="ics", path=path).as_dict()


@time_machine.travel(NOW, tick=False)
def test_an_attendee_known_by_address_makes_every_occurrence_a_suggestion(owner, files):
    # Zimbra's export: monthly on the first Tuesday, three EXDATEs, two moved instances.
    sahaja = someone(owner, "Sahaja Lal", "calmozilla1@gmail.com")
    result = _import(owner, files / "zimbra-attendees-instances.ics")
    meetings = Meeting.objects.filter(owner=owner, people=sahaja)
    days = sorted(m.starts_at.date() for m in meetings)
    assert date(2012, 12, 4) not in days  # an EXDATE
    assert date(2013, 4, 2) not in days  # another
    assert result["suggestions"]["created"] == len(days) > 0
    suggestion = Suggestion.objects.filter(owner=owner).order_by("occurred_at").first()
    assert suggestion is not None
    assert list(suggestion.people.all()) == [sahaja]
    assert "Sahaja Lal" in suggestion.reason


@time_machine.travel(NOW, tick=False)
def test_a_moved_instance_keeps_its_own_time_once(owner, files):
    james = someone(owner, "James Lal", "jlal@mozilla.com")  # the organizer
    _import(owner, files / "zimbra-attendees-instances.ics")
    starts = list(Meeting.objects.filter(people=james).values_list("starts_at", flat=True))
    # RECURRENCE-ID 2012-10-02 10:00 (Los Angeles) was moved to 15:00 the same day.
    assert datetime(2012, 10, 2, 22, 0, tzinfo=UTC) in starts
    assert datetime(2012, 10, 2, 17, 0, tzinfo=UTC) not in starts
    assert len(starts) == len(set(starts))


@time_machine.travel(NOW, tick=False)
def test_reimporting_a_calendar_creates_nothing(owner, files):
    someone(owner, "Sahaja Lal", "calmozilla1@gmail.com")
    first = _import(owner, files / "zimbra-attendees-instances.ics")
    again = _import(owner, files / "zimbra-attendees-instances.ics")
    assert again["suggestions"] == {
        "created": 0,
        "updated": 0,
        "unchanged": first["suggestions"]["created"],
    }
    assert again["meetings"]["created"] == 0


@time_machine.travel(datetime(2022, 7, 5, 12, 0, tzinfo=UTC), tick=False)
def test_apple_cancelled_events_are_left_out_and_future_ones_are_upcoming(owner, files):
    # Apple Calendar (macOS 11) writes attendees as EMAIL= parameters, their name the address.
    confirmed = someone(owner, "Connie Firmed", "confirmed@example.com")
    someone(owner, "Cancel Person", "cancelled@example.com")
    result = _import(owner, files / "apple-macos.ics")
    assert result["skipped"].get("cancelled") == 1
    meeting = Meeting.objects.get(owner=owner, people=confirmed)
    assert meeting.starts_at == datetime(2022, 7, 5, 16, 0, tzinfo=UTC)  # 09:00 in Vancouver


@time_machine.travel(NOW, tick=False)
def test_a_declined_meeting_is_left_out(owner, files):
    someone(owner, "Sahaja Lal", "calmozilla1@gmail.com")
    my_addresses(owner, "iam.revelation@gmail.com")
    # The organizer-less file says nothing declined; this user's own PARTSTAT is NEEDS-ACTION.
    result = _import(owner, files / "zimbra-attendees-instances.ics")
    assert result["skipped"].get("you declined", 0) == 0


@time_machine.travel(NOW, tick=False)
def test_a_name_in_the_title_is_enough(owner, files):
    # Fastmail (Cyrus): two RRULEs on one event, "My repeating event".
    someone(owner, "My Repeating")  # someone whose name the title holds
    result = _import(owner, files / "fastmail-cyrus.ics")
    assert result["suggestions"]["created"] == 22  # 20 Thursdays and 2 second Mondays


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_instance_of_a_recurring_event_is_left_out(owner, files):
    someone(owner, "One Is", "x@example.com")
    result = _import(owner, files / "thunderbird-cancelled-instance.ics")
    assert result["skipped"].get("cancelled") == 1
    assert result["suggestions"]["created"] == 2  # three days, one cancelled


@time_machine.travel(NOW, tick=False)
def test_windows_time_zones_of_exchange_are_read(owner, files):
    someone(owner, "Refuse Black", "nobody@example.com")
    result = _import(owner, files / "exchange-windows-tz.ics")
    assert result["suggestions"]["created"] > 0
    kinds = set(Suggestion.objects.values_list("kind", flat=True))
    assert kinds == {SuggestionKind.CONVERSATION}


@time_machine.travel(NOW, tick=False)
def test_a_broken_vtimezone_is_refused_naming_it_and_nothing_is_written(owner, files, tmp_path):
    someone(owner, "Sahaja Lal", "calmozilla1@gmail.com")
    text = (files / "zimbra-attendees-instances.ics").read_text()
    broken = tmp_path / "broken.ics"
    broken.write_text(text.replace("TZOFFSETFROM:-0700", "", 1))
    with pytest.raises(
        CaptureError, match=r"broken.ics, line \d+: the time zone 'America/Los_Angeles'"
    ):
        _import(owner, broken)
    assert not Meeting.objects.exists()
    assert not Suggestion.objects.exists()


def test_a_file_that_is_not_a_calendar_is_refused(owner, tmp_path):
    path = tmp_path / "notes.ics"
    path.write_text("hello")
    with pytest.raises(CaptureError, match="not an iCalendar file"):
        _import(owner, path)
