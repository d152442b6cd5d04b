"""Outreach is part of the user's data: messages, motivation and dismissed 3B7 nudges are
exported and read back exactly (ids translated)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import time_machine

from rapport.accounts.models import User
from rapport.companies.services import company_find_or_create, employment_add
from rapport.exports.selectors import export_json
from rapport.exports.services import json_import
from rapport.outreach.models import Attempt, AttemptKind, Motivation
from rapport.outreach.services import attempt_record, motivation_set
from rapport.people.services import person_create
from rapport.playbook.models import NudgeState
from rapport.playbook.services import nudge_dismiss


def test_messages_motivation_and_their_nudges_round_trip(owner: User, tmp_path: Path) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    ana = person_create(owner=owner, full_name="Ana Souza")
    dan = person_create(owner=owner, full_name="Dan Okafor")
    employment_add(person=dan, company=stripe)
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC), tick=False):
        first = attempt_record(
            owner=owner,
            person=ana,
            company=stripe,
            sent_on=dt.date(2026, 11, 13),
            subject="Your insight on Stripe?",
            message="Hi Ana,\n\nCould I ask…?",
        )
        attempt_record(
            owner=owner,
            person=ana,
            sent_on=dt.date(2026, 11, 24),
            kind=AttemptKind.FOLLOW_UP,
            follows=first,
        )
        attempt_record(
            owner=owner,
            person=ana,
            company=stripe,
            sent_on=dt.date(2026, 11, 24),
            kind=AttemptKind.INTRODUCTION,
            introduce_to=dan,
            channel="linkedin",
        )
    motivation_set(owner=owner, company=stripe, level=3)
    nudge_dismiss(owner=owner, key=f"try-another-contact:attempt:{first.pk}")
    exported = export_json(owner=owner)

    fresh = User.objects.create_user(username="fresh")
    User.objects.create_user(username="padding")  # ids differ from the first user's
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    assert json_import(owner=fresh, path=path)["errors"] == []

    assert export_json(owner=fresh) == exported
    copy = Attempt.objects.get(owner=fresh, follows__isnull=True, kind=AttemptKind.COLD)
    assert copy.person.full_name == "Ana Souza"
    assert Attempt.objects.get(owner=fresh, kind=AttemptKind.FOLLOW_UP).follows == copy
    intro = Attempt.objects.get(owner=fresh, kind=AttemptKind.INTRODUCTION)
    assert intro.introduce_to is not None
    assert intro.introduce_to.full_name == "Dan Okafor"
    assert Motivation.objects.get(owner=fresh).level == 3
    assert NudgeState.objects.get(owner=fresh).key == f"try-another-contact:attempt:{copy.pk}"
    sections = json.loads(exported)
    assert len(sections["outreach_attempts"]) == 3
