"""The API keeps its answers by the owner's data version: a repeated read is not read again,
and whatever changes the data, through the API or anywhere else, is seen at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.api.test_api import Program
from tests.network.warm_network import Network

from rapport.accounts.models import User
from rapport.api.services import token_create
from rapport.companies.models import CompanyAlias
from rapport.core.versions import data_version
from rapport.network.models import IntroductionRequest
from rapport.people.models import ContactPoint, Person, Tag


@pytest.fixture
def program(owner: User) -> Program:
    return Program(token_create(owner=owner, name="script")[1])


@pytest.fixture
def ana(owner: User) -> Person:
    network = Network(owner)
    ana = network.person("Ana Souza")
    network.job(ana, "Stripe", "Payments Engineer")
    return ana


def test_a_repeated_read_does_not_read_the_people_again(program: Program, ana: Person) -> None:
    first = program.get("/people?limit=50")
    with CaptureQueriesContext(connection) as queries:
        again = program.get("/people?limit=50")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    read = [q["sql"] for q in queries if "people_" in q["sql"] or "companies_" in q["sql"]]
    assert read == []


def test_a_kept_answer_is_not_sent_again_to_a_client_that_has_it(
    program: Program, ana: Person
) -> None:
    first = program.get(f"/people/{ana.pk}")
    program.get(f"/people/{ana.pk}")
    again = program.get(f"/people/{ana.pk}", **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def _tag(person: Person) -> None:
    person.tags.add(Tag.objects.create(owner=person.owner, name="mentor"))


def _rename_tag(person: Person) -> None:
    _tag(person)
    Tag.objects.filter(owner=person.owner).update(name="climbing partner")


def _email(person: Person) -> None:
    ContactPoint.objects.create(
        owner=person.owner, person=person, kind="email", value="ana@example.com"
    )


def _rename_company(person: Person) -> None:
    company = person.employments.get().company
    company.name = "Stripe Payments"
    company.save()


def _headline(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(headline="Staff engineer")


def _new_job(person: Person) -> None:
    Network(person.owner).job(person, "Nubank", "Engineering Manager")


CHANGES: dict[str, tuple[Callable[[Person], None], str]] = {
    "a tag": (_tag, "mentor"),
    "a tag renamed": (_rename_tag, "climbing partner"),
    "an email": (_email, "ana@example.com"),
    "the employer renamed": (_rename_company, "Stripe Payments"),
    "the headline": (_headline, "Staff engineer"),
    "a new job": (_new_job, "Nubank"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_made_elsewhere_is_seen_at_once(
    program: Program, ana: Person, change: str
) -> None:
    write, seen = CHANGES[change]
    for path in ("/people?limit=50", f"/people/{ana.pk}"):
        program.get(path)
    before = program.get("/people?limit=50")
    write(ana)
    for path in ("/people?limit=50", f"/people/{ana.pk}"):
        after = program.get(path, **{"If-None-Match": before["ETag"]})
        assert after.status_code == 200
        assert seen in after.content.decode()


def test_what_the_api_writes_is_read_back_at_once(program: Program, ana: Person) -> None:
    people = program.get("/people").json()["items"]
    assert program.get("/conversations").json()["items"] == []
    logged = program.post(
        "/conversations",
        {"occurred_on": "2026-12-01", "channel": "call", "participants": ["Bruno Okafor"]},
    )
    assert logged.status_code == 201
    now = program.get("/people").json()["items"]
    assert [p["full_name"] for p in now] == [*(p["full_name"] for p in people), "Bruno Okafor"]
    assert [c["id"] for c in program.get("/conversations").json()["items"]] == [logged.json()["id"]]


def test_warm_paths_follow_a_new_colleague(program: Program, owner: User, ana: Person) -> None:
    stripe = ana.employments.get().company_id
    assert program.get(f"/companies/{stripe}/paths").json()["paths"][0]["people"] == ["Ana Souza"]
    network = Network(owner)
    bo = network.person("Bo Chen", relationship="close")
    network.job(bo, "Stripe", "Recruiter")
    paths = program.get(f"/companies/{stripe}/paths").json()["paths"]
    assert [path["people"] for path in paths] == [["Bo Chen"], ["Ana Souza"]]


def test_each_user_gets_their_own_answer(program: Program, ana: Person, other: User) -> None:
    Person.objects.create(owner=other, full_name="Their Contact")
    theirs = Program(token_create(owner=other, name="script")[1])
    assert [p["full_name"] for p in program.get("/people").json()["items"]] == ["Ana Souza"]
    assert [p["full_name"] for p in theirs.get("/people").json()["items"]] == ["Their Contact"]
    assert [p["full_name"] for p in program.get("/people").json()["items"]] == ["Ana Souza"]


def _write_each_table(owner: User, ana: Person) -> dict[str, Callable[[], object]]:
    """A write to each table the data version began to count for warm paths and the API."""
    network = Network(owner)
    bo = network.person("Bo Chen")
    stripe = network.company("Stripe")
    return {
        "contact point": lambda: _email(ana),
        "tag": lambda: Tag.objects.create(owner=owner, name="x"),
        "tagging": lambda: _tag(ana),
        "company alias": lambda: CompanyAlias.objects.create(
            owner=owner, company=stripe, name="Stripe Inc"
        ),
        "acquaintance": lambda: network.knows(ana, bo),
        "introduction request": lambda: IntroductionRequest.objects.create(
            owner=owner, introducer=bo, target=ana, company=stripe, asked_on=date(2026, 12, 1)
        ),
        "own position": lambda: network.position("Stripe", date(2020, 1, 1)),
    }


def test_every_table_the_answers_read_moves_the_data_version(owner: User, ana: Person) -> None:
    for table, write in _write_each_table(owner, ana).items():
        before = data_version(owner.pk)
        write()
        assert data_version(owner.pk) != before, table
