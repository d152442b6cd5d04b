"""The Today page is cached by a data version that database triggers keep exact."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playbook_world import TODAY, World, at, days_ago
from tests.imports.import_builders import contact, run

from rapport.conversations.models import Conversation
from rapport.core.models import DataVersion, DataVersionHold
from rapport.core.versions import cache_clear, data_version, data_version_held
from rapport.imports.models import ChangeEvent
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_move
from rapport.people.models import Person
from rapport.playbook.models import FollowUpKind
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import followup_create, nudge_dismiss, nudge_snooze

TODAY_URL = reverse("playbook:today")
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]*"')


def _html(client: Client) -> str:
    response = client.get(TODAY_URL)
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def _fresh(client: Client) -> str:
    cache_clear()
    return _html(client)


def _setup(world: World) -> None:
    company = world.company("Acme", target=True)
    ana = world.person("Ana Lima", works_at=company)
    world.person("Bo Chen", works_at=world.company("Globex", target=True))
    world.talk(days_ago(20), ana)
    world.lead("Engineer", company, saved_on=days_ago(5))


def _first_nudge_key(world: World, today: dt.date) -> str:
    return nudges_for_today(owner=world.owner, today=today)[0].key


def _log(world: World, today: dt.date) -> None:
    world.talk(today, world.person("Cy New"))


def _move(world: World, today: dt.date) -> None:
    opportunity_move(opportunity=Opportunity.objects.get(owner=world.owner), stage=Stage.APPLIED)


def _follow_up(world: World, today: dt.date) -> None:
    person = Person.objects.get(owner=world.owner, full_name="Ana Lima")
    followup_create(owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=today, person=person)


def _dismiss(world: World, today: dt.date) -> None:
    nudge_dismiss(owner=world.owner, key=_first_nudge_key(world, today))


def _snooze(world: World, today: dt.date) -> None:
    key = _first_nudge_key(world, today)
    nudge_snooze(owner=world.owner, key=key, until=today + dt.timedelta(days=3), today=today)


def _settings(world: World, today: dt.date) -> None:
    world.settings(goal_conversations=17)


def _import_rows(world: World, today: dt.date) -> None:
    people = Person.objects.bulk_create(
        Person(owner=world.owner, full_name=f"Imported {i}") for i in range(3)
    )
    company = world.company("Initech")
    ChangeEvent.objects.bulk_create(
        ChangeEvent(owner=world.owner, person=p, occurred_on=today, new_company=company)
        for p in people
    )


def _import(world: World, today: dt.date) -> None:
    dee = contact("row:dee", first_name="Dee", last_name="Ray", company="Acme")
    run(world.owner, contacts=[dee])  # a new person: not on the page, but in its data


def _participant(world: World, today: dt.date) -> None:
    talk = Conversation.objects.filter(owner=world.owner).first()
    assert talk is not None
    talk.participants.add(Person.objects.get(owner=world.owner, full_name="Bo Chen"))


WRITES: dict[str, Callable[[World, dt.date], None]] = {
    "log a conversation": _log,
    "move an opportunity": _move,
    "add a follow-up": _follow_up,
    "dismiss a nudge": _dismiss,
    "snooze a nudge": _snooze,
    "change settings": _settings,
    "an import's bulk rows": _import_rows,
    "an import": _import,
    "a participant added": _participant,
}


@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_each_write_shows_on_the_page_right_after(
    write: str, client_owner: Client, world: World, today: dt.date
) -> None:
    _setup(world)
    _html(client_owner)
    before, version = _html(client_owner), data_version(world.owner.pk)  # a cache hit

    WRITES[write](world, today)
    after = _html(client_owner)

    assert data_version(world.owner.pk) != version
    assert after == _fresh(client_owner)
    if write not in {"move an opportunity", "a participant added", "an import"}:
        assert after != before


def test_another_users_writes_leave_my_version_alone(
    world: World, other_world: World, today: dt.date
) -> None:
    _setup(world)
    mine = data_version(world.owner.pk)

    _setup(other_world)
    _log(other_world, today)
    _settings(other_world, today)

    assert data_version(world.owner.pk) == mine
    assert data_version(other_world.owner.pk) != mine


def _version(world: World) -> int:
    data_version(world.owner.pk)
    return DataVersion.objects.get(owner_id=world.owner.pk).version


def test_a_held_block_bumps_the_version_once_at_its_end(world: World, today: dt.date) -> None:
    _setup(world)
    before = _version(world)

    with data_version_held(world.owner.pk):
        _log(world, today)
        _import_rows(world, today)
        _settings(world, today)
        assert _version(world) == before  # a hundred thousand rows would be one bump too
        with data_version_held(world.owner.pk):  # nested: the outer block bumps
            _follow_up(world, today)
        assert _version(world) == before

    assert _version(world) == before + 1
    assert not DataVersionHold.objects.exists()
    _log(world, today)
    assert _version(world) > before + 2  # rows count one by one again: a talk is several


def test_a_failed_held_block_leaves_no_hold_behind(world: World, today: dt.date) -> None:
    _setup(world)
    before = _version(world)

    def failing_import() -> None:
        with data_version_held(world.owner.pk):
            _log(world, today)
            raise RuntimeError("the import failed")

    with pytest.raises(RuntimeError):
        failing_import()

    assert _version(world) == before  # its writes are gone too
    assert not DataVersionHold.objects.exists()
    _log(world, today)
    assert _version(world) > before


def _hit_queries(client: Client) -> int:
    _html(client)
    with CaptureQueriesContext(connection) as captured:
        _html(client)
    return len(captured)


def test_a_cache_hit_reads_a_few_queries_at_any_size(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _setup(world)
    _html(client_owner)
    small = _hit_queries(client_owner)
    for i in range(20):
        world.person(f"More {i}", works_at=world.company(f"C{i}", target=True))
        world.talk(days_ago(i + 1), world.person(f"Talked {i}"))

    assert _hit_queries(client_owner) == small <= 5


def test_a_cache_hit_in_local_mode_reads_no_session_from_the_database(
    client_owner: Client, world: World
) -> None:
    _setup(world)
    _html(client_owner)
    with CaptureQueriesContext(connection) as captured:
        _html(client_owner)
    assert not [q["sql"] for q in captured if "django_session" in q["sql"]]


def test_the_date_is_part_of_the_key(client_owner: Client, world: World) -> None:
    _setup(world)

    with at(TODAY):
        monday = _html(client_owner)
    with at(TODAY + dt.timedelta(days=1)):
        tuesday = _html(client_owner)

    assert monday != tuesday
