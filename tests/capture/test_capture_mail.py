"""Mail archives: touches with people you know, real exchanges, newcomers, and what is
left out (and said)."""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_world import mail, mbox_file, my_addresses, someone

from rapport.accounts.models import User
from rapport.capture.errors import CaptureError
from rapport.capture.models import Suggestion, SuggestionKind
from rapport.capture.services import capture_import_file
from rapport.conversations.models import Touch, TouchDirection

pytestmark = pytest.mark.django_db
ME = "Olivia Owner <olivia.owner@gmail.com>"
ANA = "Ana Souza <ana@stripe.com>"


def _import(owner: User, path: Path) -> dict[str, object]:
    return capture_import_file(owner=owner, kind="mbox", path=path).as_dict()


def test_thunderbirds_spool_gives_a_sent_touch_and_says_what_it_left_out(owner, files):
    # Thunderbird's own test spool: two Bugzilla mails and one sent by the user.
    my_addresses(owner, "example@example.com")
    bug = someone(owner, "Bug Mail", "bugmail@example.org")
    result = _import(owner, files / "thunderbird-spool.mbox")
    touch = Touch.objects.get(owner=owner, person=bug)
    assert touch.direction == TouchDirection.SENT
    assert touch.subject == "Hello, did you receive my bugmail?"
    assert result["messages"]["read"] == 3
    assert (
        result["skipped"]["neither from nor to you"]
        + result["skipped"].get("duplicate (the same Message-ID)", 0)
        == 2
    )


def test_an_unquoted_from_line_in_a_body_does_not_split_a_message(owner, files):
    result = _import(owner, files / "thunderbird-unquoted.mbox")
    assert result["messages"]["read"] == 2


def _conversation(tmp_path: Path) -> Path:
    first = mail(
        ME,
        ANA,
        "Coffee next week?",
        "Mon, 02 Nov 2026 09:00:00 +0000",
        msgid="<q1@gmail.com>",
        labels="Sent",
    )
    reply = mail(
        ANA,
        ME,
        "Re: Coffee next week?",
        "Mon, 02 Nov 2026 12:00:00 +0000",
        "Tuesday works for me!",
        msgid="<a1@stripe.com>",
        reply_to="<q1@gmail.com>",
    )
    copy = mail(
        ANA,
        ME,
        "Re: Coffee next week?",
        "Mon, 02 Nov 2026 12:00:00 +0000",
        msgid="<a1@stripe.com>",
        labels="Important",
    )
    news = mail(
        "Stripe News <news@stripe.com>",
        ME,
        "Our newsletter",
        "Tue, 03 Nov 2026 08:00:00 +0000",
        List_Unsubscribe="<mailto:unsubscribe@stripe.com>",
    )
    robot = mail(
        "no-reply@accounts.example.com", ME, "Your code", "Tue, 03 Nov 2026 08:00:00 +0000"
    )
    spam = mail(ANA, ME, "Cheap watches", "Tue, 03 Nov 2026 08:00:00 +0000", labels="Spam")
    jane_1 = mail(
        "Jane Roe <jane@roe.example>",
        ME,
        "Your talk",
        "Wed, 04 Nov 2026 10:00:00 +0000",
        msgid="<j1@roe.example>",
    )
    jane_2 = mail(
        ME,
        "Jane Roe <jane@roe.example>",
        "Re: Your talk",
        "Wed, 04 Nov 2026 11:00:00 +0000",
        msgid="<j2@gmail.com>",
        reply_to="<j1@roe.example>",
        labels="Sent",
    )
    messages = [first, reply, copy, news, robot, spam, jane_1, jane_2]
    return mbox_file(tmp_path / "All mail Including Spam and Trash.mbox", messages)


def test_takeout_mail_with_a_known_person_counts_as_contact_both_ways(owner, tmp_path):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    result = _import(owner, _conversation(tmp_path))
    touches = Touch.objects.filter(owner=owner, person=ana).order_by("occurred_at")
    assert [t.direction for t in touches] == [TouchDirection.SENT, TouchDirection.RECEIVED]
    skipped = result["skipped"]
    assert skipped["duplicate (the same Message-ID)"] == 1
    assert skipped["bulk or list mail"] == 1
    assert skipped["no-reply sender"] == 1
    assert skipped["spam or trash"] == 1


def test_a_reply_both_ways_is_a_suggested_conversation(owner, tmp_path):
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    _import(owner, _conversation(tmp_path))
    suggestion = Suggestion.objects.get(owner=owner, kind=SuggestionKind.CONVERSATION)
    assert list(suggestion.people.all()) == [ana]
    assert suggestion.title == "Email with Ana Souza: Coffee next week?"
    assert suggestion.snippet == "Tuesday works for me!"
    assert suggestion.channel == "email"


def test_an_unknown_correspondent_who_wrote_back_is_offered_as_a_new_person(owner, tmp_path):
    someone(owner, "Ana Souza", "ana@stripe.com")
    _import(owner, _conversation(tmp_path))
    newcomer = Suggestion.objects.get(owner=owner, kind=SuggestionKind.NEW_PERSON)
    assert newcomer.payload == {"name": "Jane Roe", "email": "jane@roe.example"}


def test_reimporting_a_mailbox_creates_nothing(owner, tmp_path):
    someone(owner, "Ana Souza", "ana@stripe.com")
    path = _conversation(tmp_path)
    _import(owner, path)
    again = _import(owner, path)
    assert again["touches"]["created"] == 0
    assert again["suggestions"]["created"] == 0
    assert Touch.objects.count() == 2


def test_colleagues_at_your_own_work_domain_are_left_out(owner, tmp_path):
    someone(owner, "Bob Colleague", "bob@acme.example")
    my_addresses(owner, "olivia@acme.example")
    box = mbox_file(
        tmp_path / "work.mbox",
        [
            mail(
                "Bob Colleague <bob@acme.example>",
                "olivia@acme.example",
                "Standup",
                "Mon, 02 Nov 2026 09:00:00 +0000",
            ),
        ],
    )
    result = _import(owner, box)
    assert not Touch.objects.exists()
    assert result["skipped"] == {"only you or excluded domains": 1}


def test_a_truncated_mbox_is_refused_naming_the_line_and_nothing_is_written(owner, tmp_path):
    someone(owner, "Ana Souza", "ana@stripe.com")
    path = _conversation(tmp_path)
    attachment = mail(ANA, ME, "The deck", "Thu, 05 Nov 2026 10:00:00 +0000")
    attachment.add_attachment(b"x" * 5000, maintype="application", subtype="pdf")
    mbox_file(path, [attachment])  # appended last
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 2000])  # a download cut short
    with pytest.raises(CaptureError, match=r"cut short: the message at line \d+ is incomplete"):
        _import(owner, path)
    assert not Touch.objects.exists()
    assert not Suggestion.objects.exists()


def test_a_file_that_is_not_an_mbox_is_refused(owner, tmp_path):
    path = tmp_path / "mail.mbox"
    path.write_bytes(b"PK\x03\x04 a zip")
    with pytest.raises(CaptureError, match="not an mbox file"):
        _import(owner, path)


def test_an_apple_mail_export_folder_is_read_and_its_trash_left_out(owner, tmp_path):
    # Apple Mail exports each mailbox as a folder "Name.mbox" holding a file "mbox".
    ana = someone(owner, "Ana Souza", "ana@stripe.com")
    export = tmp_path / "Mail export"
    (export / "Inbox.mbox").mkdir(parents=True)
    (export / "Trash.mbox").mkdir()
    mbox_file(
        export / "Inbox.mbox" / "mbox", [mail(ANA, ME, "Hi", "Mon, 02 Nov 2026 09:00:00 +0000")]
    )
    mbox_file(
        export / "Trash.mbox" / "mbox", [mail(ANA, ME, "Old", "Mon, 02 Nov 2026 08:00:00 +0000")]
    )
    result = _import(owner, export)
    assert Touch.objects.filter(person=ana).count() == 1
    assert result["skipped"]["spam or trash"] == 1


def test_thunderbirds_current_and_mboxrd_files_are_read_whole(owner, files):
    assert _import(owner, files / "thunderbird-modern.mbox")["messages"]["read"] == 2
    assert _import(owner, files / "mboxrd.mbox")["messages"]["read"] == 2
