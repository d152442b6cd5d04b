"""The inbox: accept (the log form, pre-filled), edit, dismiss, singly or in bulk; the
settings page says what is read and forgets a source."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from capture_world import google_calendar, google_event, mail, mbox_file, someone
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.capture.models import Source, Suggestion, SuggestionKind, SuggestionStatus
from rapport.capture.services import capture_import_file
from rapport.conversations.models import Conversation, Touch
from rapport.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), tick=False):
        yield


ME = "Olivia Owner <olivia.owner@gmail.com>"


def _coffee(tmp_path: Path, owner: User) -> Path:
    someone(owner, "Ana Souza", "ana@stripe.com")
    calendar = tmp_path / "work.ics"
    calendar.write_text(
        google_calendar(google_event("c1", "20261116T100000Z", "Coffee w/ Ana Souza"))
    )
    capture_import_file(owner=owner, kind="ics", path=calendar)
    return calendar


def _exchange(tmp_path: Path) -> Path:
    return mbox_file(
        tmp_path / "mail.mbox",
        [
            mail(
                "Jane Roe <jane@roe.example>",
                ME,
                "Your talk",
                "Wed, 04 Nov 2026 10:00:00 +0000",
                msgid="<j1@roe.example>",
            ),
            mail(
                ME,
                "Jane Roe <jane@roe.example>",
                "Re: Your talk",
                "Wed, 04 Nov 2026 11:00:00 +0000",
                msgid="<j2@gmail.com>",
                reply_to="<j1@roe.example>",
                labels="Sent",
            ),
        ],
    )


def test_the_inbox_lists_each_suggestion_with_why(client_owner: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    page = client_owner.get(reverse("capture:inbox")).content.decode()
    assert "Coffee w/ Ana Souza" in page
    assert "In your calendar:" in page


def test_today_links_to_the_inbox_with_a_count(client_owner: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    page = client_owner.get(reverse("playbook:today")).content.decode()
    assert "1</strong> thing from your calendar and mail to confirm" in page


def test_accepting_opens_the_log_form_pre_filled(client_owner: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    suggestion = Suggestion.objects.get(owner=owner)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    page = client_owner.get(reverse("capture:accept", args=[suggestion.pk])).content.decode()
    assert f'value="Ana Souza (#{ana.pk})"' in page
    assert 'value="2026-11-16"' in page
    assert f'action="{reverse("capture:accept", args=[suggestion.pk])}"' in page


def test_saving_the_form_logs_the_conversation_and_the_suggestion_never_comes_back(
    client_owner: Client, owner, tmp_path
):
    calendar = _coffee(tmp_path, owner)
    suggestion = Suggestion.objects.get(owner=owner)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    response = client_owner.post(
        reverse("capture:accept", args=[suggestion.pk]),
        {
            "occurred_on": "2026-11-16",
            "channel": "coffee",
            "participant": [f"Ana Souza (#{ana.pk})"],
            "companies": "",
            "notes": "Talked about the data team.",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-kind": "advice",
            "outcomes-0-text": "Learn dbt.",
        },
    )
    conversation = Conversation.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.url == reverse("conversations:detail", args=[conversation.pk])
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.conversation == conversation
    capture_import_file(owner=owner, kind="ics", path=calendar)
    assert Suggestion.objects.filter(owner=owner).count() == 1
    assert Suggestion.objects.get(owner=owner).status == SuggestionStatus.ACCEPTED


def test_dismissing_keeps_it_away_after_a_reimport(client_owner: Client, owner, tmp_path):
    calendar = _coffee(tmp_path, owner)
    suggestion = Suggestion.objects.get(owner=owner)
    client_owner.post(reverse("capture:dismiss", args=[suggestion.pk]))
    capture_import_file(owner=owner, kind="ics", path=calendar)
    page = client_owner.get(reverse("capture:inbox")).content.decode()
    assert f'id="suggestion-{suggestion.pk}"' not in page
    assert "Nothing to confirm" in page
    assert Suggestion.objects.get(owner=owner).status == SuggestionStatus.DISMISSED


def test_bulk_dismiss_and_bulk_accept(client_owner: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    capture_import_file(owner=owner, kind="mbox", path=_exchange(tmp_path))
    ids = list(Suggestion.objects.filter(owner=owner).values_list("pk", flat=True))
    assert len(ids) == 2  # the coffee, and Jane to add
    client_owner.post(reverse("capture:bulk"), {"action": "accept", "suggestion": ids})
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert Person.objects.filter(owner=owner, full_name="Jane Roe").exists()
    assert set(Suggestion.objects.values_list("status", flat=True)) == {SuggestionStatus.ACCEPTED}


def test_a_new_person_can_be_edited_then_added(client_owner: Client, owner, tmp_path):
    capture_import_file(owner=owner, kind="mbox", path=_exchange(tmp_path))
    suggestion = Suggestion.objects.get(owner=owner, kind=SuggestionKind.NEW_PERSON)
    client_owner.post(
        reverse("capture:edit", args=[suggestion.pk]),
        {"name": "Jane A. Roe", "email": "jane@roe.example"},
    )
    response = client_owner.post(reverse("capture:accept", args=[suggestion.pk]))
    jane = Person.objects.get(owner=owner, full_name="Jane A. Roe")
    assert response.url == reverse("people:detail", args=[jane.pk])
    assert [p.value for p in jane.contact_points.all()] == ["jane@roe.example"]


def test_another_users_suggestion_is_not_found(client_other: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    suggestion = Suggestion.objects.get(owner=owner)
    assert client_other.get(reverse("capture:accept", args=[suggestion.pk])).status_code == 404
    assert client_other.post(reverse("capture:dismiss", args=[suggestion.pk])).status_code == 404
    assert client_other.get(reverse("capture:inbox")).content.decode().count("Coffee w/") == 0


def test_the_settings_page_says_what_is_read(client_owner: Client, owner, tmp_path):
    _coffee(tmp_path, owner)
    page = client_owner.get(reverse("capture:settings")).content.decode()
    assert "Exactly what is read and kept" in page
    assert "Message bodies and attachments are never stored" in page
    assert "work.ics" in page


def test_forgetting_a_source_removes_what_you_did_not_accept(client_owner: Client, owner, tmp_path):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    path = mbox_file(
        tmp_path / "mail.mbox",
        [
            mail(
                ME,
                "Ana Souza <ana@stripe.com>",
                "Coffee?",
                "Mon, 02 Nov 2026 09:00:00 +0000",
                msgid="<q1@gmail.com>",
                labels="Sent",
            ),
            mail(
                "Ana Souza <ana@stripe.com>",
                ME,
                "Re: Coffee?",
                "Mon, 02 Nov 2026 12:00:00 +0000",
                msgid="<a1@stripe.com>",
                reply_to="<q1@gmail.com>",
            ),
        ],
    )
    capture_import_file(owner=owner, kind="mbox", path=path)
    assert Touch.objects.filter(person=ana).count() == 2
    source = Source.objects.get(owner=owner)
    response = client_owner.post(reverse("capture:forget", args=[source.pk]))
    assert response.status_code == 302
    assert not Touch.objects.exists()
    assert not Suggestion.objects.exists()
    assert not Source.objects.exists()
    assert Person.objects.filter(pk=ana.pk).exists()


def test_one_more_row_without_javascript_keeps_the_suggestion_form(
    client_owner: Client, owner, tmp_path
):
    _coffee(tmp_path, owner)
    suggestion = Suggestion.objects.get(owner=owner)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    page = client_owner.post(
        reverse("capture:accept", args=[suggestion.pk]),
        {
            "occurred_on": "2026-11-16",
            "channel": "coffee",
            "participant": [f"Ana Souza (#{ana.pk})"],
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "add_outcome": "1",
        },
    ).content.decode()
    assert 'id="outcome-2"' in page
    assert f'action="{reverse("capture:accept", args=[suggestion.pk])}"' in page
    assert not Conversation.objects.exists()
