"""3B7 (The 2-Hour Job Search): no reply in 3 business days → try another contact at the
company; in 7 → follow up with the first. Frozen time; weekends do not count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from playbook_world import World, at, of_kind

from rapport.conversations.models import Touch, TouchDirection
from rapport.core.versions import cache_clear
from rapport.network.services import acquaintance_record
from rapport.outreach.models import Attempt, AttemptKind
from rapport.outreach.services import attempt_record, attempt_reply_noted
from rapport.people.models import Person
from rapport.playbook.nudges import Nudge, NudgeKind, Urgency
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import nudge_dismiss

# November 2026: the 13th, 20th and 27th are Fridays; the 21st-22nd a weekend.
THU_19, FRI_20, SAT_21, MON_23 = (dt.date(2026, 11, d) for d in (19, 20, 21, 23))
TUE_24, WED_25, FRI_13 = dt.date(2026, 11, 24), dt.date(2026, 11, 25), dt.date(2026, 11, 13)

TRY = NudgeKind.TRY_ANOTHER_CONTACT
FOLLOW = NudgeKind.FOLLOW_UP_OUTREACH


def _send(world: World, person: Person, on: dt.date, **fields: object) -> Attempt:
    with at(on, hour=10):
        return attempt_record(owner=world.owner, person=person, sent_on=on, **fields)  # type: ignore[arg-type]


def _nudges(world: World, day: dt.date, kind: str) -> list[Nudge]:
    with at(day, hour=12):
        return of_kind(nudges_for_today(owner=world.owner, today=day), kind)


@pytest.fixture
def stripe_world(world: World) -> tuple[World, Person, Person]:
    stripe = world.company("Stripe", target=True)
    ana = world.person("Ana Souza", works_at=stripe)
    bo = world.person("Bo Lindqvist", works_at=stripe)
    return world, ana, bo


def test_three_business_days_after_a_friday_message_is_the_wednesday(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, bo = stripe_world
    attempt = _send(world, ana, FRI_20, company=ana.employments.get().company)

    assert _nudges(world, SAT_21, TRY) == []
    assert _nudges(world, MON_23, TRY) == []
    assert _nudges(world, TUE_24, TRY) == []  # Monday and Tuesday: two business days
    [nudge] = _nudges(world, WED_25, TRY)

    assert nudge.title == "Try another contact at Stripe"
    assert nudge.due == WED_25
    assert nudge.key == f"try-another-contact:attempt:{attempt.pk}"
    assert "You wrote to Ana Souza about Stripe 5 days ago (Fri 20 Nov)" in nudge.reason
    assert "no reply in 3 business days" in nudge.reason
    # The next best warm path goes through someone else: Bo, who works there too.
    assert nudge.person is not None
    assert nudge.person.pk == bo.pk
    assert "Next best way in:" in nudge.reason
    assert nudge.suggestions == ("Write to Bo Lindqvist",)
    assert nudge.ask_url.endswith(f"?person={bo.pk}&company={ana.employments.get().company_id}")


def test_a_thursday_message_is_due_on_tuesday_and_a_saturday_one_on_wednesday(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, _ = stripe_world
    canva = world.company("Canva")
    cleo = world.person("Cleo Park", works_at=canva)
    world.person("Dev Rao", works_at=canva)
    _send(world, ana, THU_19, company=ana.employments.get().company)
    _send(world, cleo, SAT_21, company=canva)  # written on a weekend: the clock starts Monday

    assert [n.person.name for n in _nudges(world, MON_23, TRY) if n.person] == []
    tuesday = _nudges(world, TUE_24, TRY)
    assert [n.due for n in tuesday] == [TUE_24]
    wednesday = _nudges(world, WED_25, TRY)
    assert sorted(n.due for n in wednesday) == [TUE_24, WED_25]


def test_seven_business_days_later_asks_for_a_follow_up_with_a_short_draft(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, _ = stripe_world
    attempt = _send(world, ana, FRI_13, company=ana.employments.get().company, subject="Hello")

    assert _nudges(world, MON_23, FOLLOW) == []  # 6 business days (a weekend in between)
    [nudge] = _nudges(world, TUE_24, FOLLOW)

    assert nudge.title == "Follow up with Ana Souza"
    assert nudge.urgency == Urgency.HIGH
    assert nudge.due == TUE_24
    assert nudge.attempt_id == attempt.pk
    assert nudge.follow_up_url() == f"/outreach/{attempt.pk}/follow-up/"
    assert nudge.draft.startswith("Hi Ana,")
    assert "follow up on my note of Friday 13 November about Stripe" in nudge.draft
    assert nudge.draft.count("?") >= 1
    assert len(nudge.draft.split()) <= 100
    # The try-another nudge of the same message is there too, until acted on.
    assert [n.attempt_id for n in _nudges(world, TUE_24, TRY)] == [attempt.pk]


def test_a_reply_by_mail_a_logged_conversation_or_a_noted_reply_stops_both(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, bo = stripe_world
    stripe = ana.employments.get().company
    carla = world.person("Carla Mendes", works_at=stripe)
    by_mail = _send(world, ana, FRI_13, company=stripe)
    by_talk = _send(world, bo, FRI_13, company=stripe)
    noted = _send(world, carla, FRI_13, company=stripe)
    assert {n.attempt_id for n in _nudges(world, TUE_24, FOLLOW)} == {
        by_mail.pk,
        by_talk.pk,
        noted.pk,
    }

    Touch.objects.create(
        owner=world.owner,
        person=ana,
        occurred_at=dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC),
        direction=TouchDirection.RECEIVED,
        subject="Re: coffee?",
        key="m1",
    )
    world.talk(MON_23, bo)
    attempt_reply_noted(attempt=noted, replied_on=MON_23)

    assert _nudges(world, TUE_24, FOLLOW) == []
    assert _nudges(world, TUE_24, TRY) == []


def test_mail_the_user_sent_or_mail_from_before_the_message_is_no_reply(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, _ = stripe_world
    _send(world, ana, FRI_13, company=ana.employments.get().company)
    for key, direction, day in (("a", TouchDirection.SENT, 16), ("b", "received", 12)):
        Touch.objects.create(
            owner=world.owner,
            person=ana,
            occurred_at=dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC),
            direction=direction,
            key=key,
        )

    assert len(_nudges(world, TUE_24, FOLLOW)) == 1


def test_writing_to_another_contact_there_or_following_up_clears_the_nudge(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, bo = stripe_world
    stripe = ana.employments.get().company
    first = _send(world, ana, FRI_13, company=stripe)
    assert len(_nudges(world, TUE_24, TRY)) == 1

    _send(world, bo, MON_23, company=stripe)
    assert [n.attempt_id for n in _nudges(world, TUE_24, TRY)] == []
    assert [n.attempt_id for n in _nudges(world, TUE_24, FOLLOW)] == [first.pk]

    _send(world, ana, TUE_24, company=stripe, kind=AttemptKind.FOLLOW_UP, follows=first)
    assert [n.attempt_id for n in _nudges(world, TUE_24, FOLLOW)] == []


def test_try_another_can_be_asking_someone_for_an_introduction(world: World) -> None:
    canva = world.company("Canva", target=True)
    ana = world.person("Ana Souza", works_at=canva)
    dan = world.person("Dan Okafor", works_at=canva)
    carla = world.person("Carla Mendes")
    acquaintance_record(owner=world.owner, person=carla, knows=dan)
    world.talk(dt.date(2026, 10, 1), carla)
    _send(world, ana, FRI_20, company=canva)

    [nudge] = _nudges(world, WED_25, TRY)

    assert nudge.suggestions == ("Ask Carla Mendes to introduce you to Dan Okafor",)
    assert nudge.person is not None
    assert nudge.person.pk == carla.pk
    assert nudge.ask_url == f"/outreach/ask/{canva.pk}/{carla.pk}/{dan.pk}/"


def test_a_dismissed_3b7_nudge_stays_dismissed(
    stripe_world: tuple[World, Person, Person],
) -> None:
    world, ana, _ = stripe_world
    _send(world, ana, FRI_20, company=ana.employments.get().company)
    [nudge] = _nudges(world, WED_25, TRY)

    nudge_dismiss(owner=world.owner, key=nudge.key)

    assert _nudges(world, WED_25, TRY) == []


def test_another_users_messages_never_make_nudges(world: World, other_world: World) -> None:
    stripe = other_world.company("Stripe")
    ana = other_world.person("Ana Souza", works_at=stripe)
    _send(other_world, ana, FRI_13, company=stripe)

    assert _nudges(world, TUE_24, FOLLOW) == []
    assert len(_nudges(other_world, TUE_24, FOLLOW)) == 1


def test_the_path_searches_are_bounded_however_many_messages_wait(world: World) -> None:
    def count() -> int:
        cache_clear()  # the searches made, not answers kept from the call before
        with at(WED_25, hour=12), CaptureQueriesContext(connection) as queries:
            nudges_for_today(owner=world.owner, today=WED_25)
        return len(queries)

    def grow(start: int, end: int) -> None:
        for i in range(start, end):
            company = world.company(f"Company {i}")
            _send(world, world.person(f"Person {i}", works_at=company), FRI_13, company=company)

    grow(0, 6)
    nudges_for_today(owner=world.owner, today=WED_25)
    six = count()
    grow(6, 30)

    assert count() == six
    assert len(_nudges(world, WED_25, TRY)) == 30


def test_after_an_introduction_request_the_next_way_in_avoids_both_people(world: World) -> None:
    canva = world.company("Canva", target=True)
    dan = world.person("Dan Okafor", works_at=canva)
    eve = world.person("Eve Lund", works_at=canva)
    carla = world.person("Carla Mendes")
    acquaintance_record(owner=world.owner, person=carla, knows=dan)
    _send(world, carla, FRI_20, company=canva, kind=AttemptKind.INTRODUCTION, introduce_to=dan)

    [nudge] = _nudges(world, WED_25, TRY)

    assert nudge.person is not None
    assert nudge.person.pk == eve.pk
