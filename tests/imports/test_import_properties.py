"""Whatever records a parser hands over, an import finishes or changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.imports.import_builders import counts

from rapport.accounts.models import User
from rapport.imports.importing import import_source
from rapport.imports.parse.records import (
    ContactRecord,
    InvitationRecord,
    MessageRecord,
    ParsedSource,
    PositionRecord,
)
from rapport.imports.write import flush
from rapport.people.models import Person

# Small pools, so that random records collide on names, emails and profiles.
names = st.sampled_from(["Ana", "Ana Souza", "ANA SOUZA", "Bill Smith", "William Smith", "Ñoño"])
text = st.one_of(names, st.text(max_size=40))
emails = st.sampled_from(["ana@acme.com", "ANA@ACME.COM", "a.na@gmail.com", "x@", "@", ""])
phones = st.sampled_from(["+1 415 555 0123", "(415) 555-0123", "0", "12345678901234567890"])
urls = st.sampled_from(
    ["https://linkedin.com/in/ana", "linkedin.com/in/ANA/", "https://example.com", "x", ""]
)
dates = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))
moments = st.datetimes(dt.datetime(2015, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC))
lines = st.integers(-1, 10**6)

contacts = st.builds(
    ContactRecord,
    source_key=st.one_of(st.sampled_from(["k1", "k2", "k3"]), st.text(max_size=600)),
    line=lines,
    full_name=text,
    first_name=text,
    last_name=text,
    emails=st.lists(emails, max_size=3),
    phones=st.lists(phones, max_size=2),
    urls=st.lists(urls, max_size=2),
    linkedin_url=urls,
    company=st.one_of(st.sampled_from(["Google", "Google LLC", "Acme, Inc.", ""]), text),
    title=text,
    headline=st.text(max_size=400),
    notes=st.text(max_size=50),
    connected_on=dates,
)
messages = st.builds(
    MessageRecord,
    conversation_id=st.sampled_from(["t1", "t2", "t3"]),
    line=lines,
    sender_name=text,
    sender_url=urls,
    recipients=st.lists(st.tuples(text, urls), max_size=3),
    sent_at=moments,
    subject=st.text(max_size=20),
    content=st.text(max_size=100),
)
invitations = st.builds(
    InvitationRecord,
    line=lines,
    from_name=text,
    to_name=text,
    sent_at=st.one_of(st.none(), moments),
    message=st.text(max_size=50),
    direction=st.sampled_from(["INCOMING", "OUTGOING", "?"]),
    inviter_url=urls,
    invitee_url=urls,
)
positions = st.builds(
    PositionRecord,
    line=lines,
    company=text,
    title=text,
    started_on=dates,
    finished_on=dates,
)
sources = st.builds(
    ParsedSource,
    kind=st.sampled_from(["linkedin", "vcard", "csv"]),
    contacts=st.lists(contacts, max_size=8),
    messages=st.lists(messages, max_size=6),
    invitations=st.lists(invitations, max_size=3),
    positions=st.lists(positions, max_size=3),
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _in_a_savepoint(check: Any) -> None:
    """Run one example and roll it back, so that examples do not see each other's rows."""
    savepoint = transaction.savepoint()
    try:
        check()
    finally:
        transaction.savepoint_rollback(savepoint)


@SETTINGS
@given(source=sources)
def test_random_records_import_and_import_again_without_creating_anything(
    owner: User, source: ParsedSource
) -> None:
    def check() -> None:
        result = import_source(owner=owner, parsed=source, files=["random"])
        assert Person.objects.filter(owner=owner).count() == result.counts["people"]["created"]
        again = import_source(owner=owner, parsed=source, files=["random"])
        assert again.counts["people"]["created"] == 0
        assert again.counts["conversations"]["created"] == 0

    _in_a_savepoint(check)


@SETTINGS
@given(source=sources, fail_at=st.integers(1, 14))
def test_an_import_that_fails_at_any_write_leaves_nothing(
    owner: User, source: ParsedSource, fail_at: int
) -> None:
    real = flush.rows_insert
    calls: list[int] = []

    def flaky(rows: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == fail_at:
            raise RuntimeError("the disk is full")
        real(rows, **kwargs)

    def check() -> None:
        with mock.patch.object(flush, "rows_insert", flaky):
            try:
                import_source(owner=owner, parsed=source, files=["random"])
            except RuntimeError:
                assert all(n == 0 for n in counts().values())

    _in_a_savepoint(check)
