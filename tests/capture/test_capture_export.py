"""What capture brought is part of the user's data: exported and read back exactly."""

from __future__ import annotations

import pytest
from capture_world import google_calendar, google_event, mail, mbox_file, someone

from rapport.accounts.models import User
from rapport.capture.models import Source, Suggestion
from rapport.capture.services import capture_import_file
from rapport.capture.suggestions import suggestion_dismiss
from rapport.conversations.models import Meeting, Touch
from rapport.exports.selectors import export_json
from rapport.exports.services import json_import

pytestmark = pytest.mark.django_db
ME = "Olivia <olivia.owner@gmail.com>"


def test_touches_meetings_sources_and_answers_round_trip_byte_for_byte(owner, tmp_path):
    someone(owner, "Ana Souza", "ana@stripe.com")
    calendar = tmp_path / "work.ics"
    calendar.write_text(
        google_calendar(google_event("c1", "20261102T100000Z", "Coffee w/ Ana Souza"))
    )
    capture_import_file(owner=owner, kind="ics", path=calendar)
    box = mbox_file(tmp_path / "mail.mbox", [
        mail(ME, "Ana Souza <ana@stripe.com>", "Thanks!", "Tue, 03 Nov 2026 09:00:00 +0000",
             msgid="<t1@gmail.com>", labels="Sent"),
    ])  # fmt: skip
    capture_import_file(owner=owner, kind="mbox", path=box)
    suggestion_dismiss(suggestion=Suggestion.objects.get(owner=owner))
    exported = export_json(owner=owner)

    fresh = User.objects.create_user(username="fresh")
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    assert json_import(owner=fresh, path=path)["errors"] == []
    assert export_json(owner=fresh) == exported
    assert Touch.objects.filter(owner=fresh).count() == 1
    assert Meeting.objects.get(owner=fresh).people.get().full_name == "Ana Souza"
    assert Suggestion.objects.get(owner=fresh).status == "dismissed"
    assert Source.objects.filter(owner=fresh).count() == 2
