"""Importing again: the same files change nothing; a newer export records who moved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from tests.imports.import_builders import (
    contact,
    counts,
    invitation,
    message,
    position,
    run,
    snapshot,
    utc,
)

from rapport.accounts.models import User
from rapport.companies.models import Employment
from rapport.imports.models import ChangeEvent, ImportRecord
from rapport.imports.selectors import change_events_since, person_change_events
from rapport.people.models import Person

ME = ("Olivia Owner", "https://www.linkedin.com/in/olivia")
ANA = ("Ana Souza", "https://www.linkedin.com/in/ana-souza")


def _export() -> dict[str, Any]:
    return {
        "contacts": [
            contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1],
                    company="Acme", title="Engineer", connected_on=dt.date(2021, 3, 7)),
            contact("https://www.linkedin.com/in/bruno", first_name="Bruno", last_name="Costa",
                    linkedin_url="https://www.linkedin.com/in/bruno", company="Google LLC"),
            contact("row:carla", first_name="Carla", last_name="Dias", company="Google"),
            contact("row:carla-again", first_name="Carla", last_name="Dias", company="Google",
                    emails=["carla@google.com"]),
        ],
        "messages": [
            message("t1", ME, [ANA], utc(2024, 5, 1), "Coffee next week?"),
            message("t1", ANA, [ME], utc(2024, 5, 2), "Sure!"),
            message("t2", ("Dan Ek", ""), [ME], utc(2024, 6, 1), "Hi Olivia"),
        ],
        "invitations": [
            invitation(from_name="Bruno Costa", to_name="Olivia Owner", sent_at=utc(2023, 1, 5),
                       message="We met at PyCon", direction="INCOMING",
                       inviter_url="https://www.linkedin.com/in/bruno"),
        ],
        "positions": [position("Initech", "Analyst", started_on=dt.date(2019, 1, 1))],
    }  # fmt: skip


def test_importing_the_same_export_again_changes_nothing(owner: User) -> None:
    first = run(owner, **_export())
    # Ana, Bruno, two Carla Dias (LinkedIn lists each connection once: two rows, two people)
    # and Dan from the messages.
    assert first.counts["people"]["created"] == 5
    before, rows = snapshot(), counts()
    again = run(owner, **_export())
    # The four connections (Dan, in the messages only, is left alone too).
    assert again.counts["people"] == {
        "created": 0, "updated": 0, "merged": 0, "unchanged": 4, "skipped": 0
    }  # fmt: skip
    assert again.counts["companies"]["created"] == 0
    assert again.counts["conversations"] == {
        "created": 0, "updated": 0, "merged": 0, "unchanged": 3, "skipped": 0
    }  # fmt: skip
    assert again.counts["positions"]["unchanged"] == 1
    assert again.review == 0
    assert counts() == rows
    assert snapshot() == before
    assert ImportRecord.objects.filter(batch=again.batch).count() == 0


def test_a_newer_export_closes_the_old_job_opens_the_new_one_and_records_the_move(
    owner: User,
) -> None:
    run(owner, contacts=[contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1],
                                 company="Acme", title="Engineer")])  # fmt: skip
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)):
        result = run(
            owner,
            contacts=[
                contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1],
                        company="Stripe", title="Engineering Manager")
            ],
        )  # fmt: skip
    assert result.counts["people"]["updated"] == 1
    old = Employment.objects.get(owner=owner, company__name="Acme")
    assert (old.is_current, old.ended_on) == (False, dt.date(2026, 3, 2))
    new = Employment.objects.get(owner=owner, is_current=True)
    assert (new.company.name, new.title) == ("Stripe", "Engineering Manager")
    person = Person.objects.get(owner=owner)
    event = person_change_events(person=person).get()
    assert event.summary == "Ana Souza moved to Stripe as Engineering Manager"
    assert (event.old_employment, event.new_employment, event.occurred_on) == (
        old,
        new,
        dt.date(2026, 3, 2),
    )
    assert list(change_events_since(owner=owner, since=dt.date(2026, 3, 1))) == [event]


def test_a_new_title_at_the_same_company_is_a_change_too(owner: User) -> None:
    ana = {"first_name": "Ana", "last_name": "Souza", "linkedin_url": ANA[1], "company": "Acme"}
    run(owner, contacts=[contact(ANA[1], title="Engineer", **ana)])
    run(owner, contacts=[contact(ANA[1], title="Staff Engineer", **ana)])
    event = ChangeEvent.objects.get(owner=owner)
    assert event.summary == "Ana Souza is now Staff Engineer at Acme"
    assert Employment.objects.filter(owner=owner).count() == 2


def test_a_job_the_user_closed_is_not_reopened_by_a_stale_export(owner: User) -> None:
    record = contact(ANA[1], "Ana Souza", linkedin_url=ANA[1], company="Acme")
    run(owner, contacts=[record])
    Employment.objects.filter(owner=owner).update(is_current=False, ended_on=dt.date(2025, 1, 1))
    result = run(owner, contacts=[record])
    assert result.counts["people"]["unchanged"] == 1
    assert not Employment.objects.filter(owner=owner, is_current=True).exists()


def test_a_newer_card_with_a_new_email_adds_it(owner: User) -> None:
    run(owner, "vcard", contacts=[contact("uid-1", "Ana Souza", emails=["ana@acme.com"])])
    result = run(
        owner, "vcard", contacts=[contact("uid-1", "Ana Souza", emails=["ana@acme.com", "a@b.org"])]
    )
    assert result.counts["people"]["updated"] == 1
    assert Person.objects.get(owner=owner).contact_points.count() == 2


def test_a_card_that_gives_another_title_changes_nothing_when_imported_again(
    owner: User,
) -> None:
    ana = {"first_name": "Ana", "last_name": "Souza", "linkedin_url": ANA[1], "company": "Acme"}
    run(owner, contacts=[contact(ANA[1], title="Engineering Manager", **ana)])
    card = contact("uid-1", "Ana Souza", company="Acme", title="Recruiter", urls=[ANA[1]])
    run(owner, "vcard", contacts=[card])
    rows = counts()
    again = run(owner, "vcard", contacts=[card])
    assert again.counts["people"]["unchanged"] == 1
    assert counts() == rows
    assert Employment.objects.get(owner=owner).title == "Engineering Manager"


def test_an_unchanged_record_does_not_bring_back_what_the_user_cleared(owner: User) -> None:
    record = contact(ANA[1], "Ana Souza", linkedin_url=ANA[1], location="Lisbon")
    run(owner, contacts=[record])
    Person.objects.filter(owner=owner).update(location="")
    again = run(owner, contacts=[record])
    assert again.counts["people"]["unchanged"] == 1
    assert Person.objects.get(owner=owner).location == ""


def test_a_changed_record_fills_what_is_empty(owner: User) -> None:
    run(owner, contacts=[contact(ANA[1], "Ana Souza", linkedin_url=ANA[1])])
    newer = run(
        owner, contacts=[contact(ANA[1], "Ana Souza", linkedin_url=ANA[1], location="Porto")]
    )
    assert newer.counts["people"]["updated"] == 1
    assert Person.objects.get(owner=owner).location == "Porto"


def test_a_newer_export_gives_a_connection_date_but_never_replaces_one(owner: User) -> None:
    run(owner, contacts=[contact(ANA[1], "Ana Souza", linkedin_url=ANA[1])])
    dated = contact(ANA[1], "Ana Souza", linkedin_url=ANA[1], connected_on=dt.date(2021, 3, 7))
    assert run(owner, contacts=[dated]).counts["people"]["updated"] == 1
    assert Person.objects.get(owner=owner).connected_on == dt.date(2021, 3, 7)
    Person.objects.filter(owner=owner).update(connected_on=dt.date(2020, 1, 2))  # the user's
    redated = contact(ANA[1], "Ana Souza", linkedin_url=ANA[1], connected_on=dt.date(2022, 5, 1))
    run(owner, contacts=[redated])
    assert Person.objects.get(owner=owner).connected_on == dt.date(2020, 1, 2)


def test_a_newer_export_with_profile_urls_still_sees_a_move(owner: User) -> None:
    """Exports before 2024 have no profile URLs: the rows' keys change, the people do not."""
    li = {"first_name": "Li", "last_name": "Wei", "connected_on": dt.date(2020, 1, 5)}
    jane = {"first_name": "Jane", "last_name": "Doe", "connected_on": dt.date(2019, 6, 2)}
    li_url, jane_url = (f"https://www.linkedin.com/in/{slug}" for slug in ("liwei", "janedoe"))
    li_now = contact(li_url, linkedin_url=li_url, company="Microsoft", title="Principal Engineer",
                     **li)  # fmt: skip
    li_then = contact("row:li", company="Microsoft", title="Engineer", **li)
    run(owner, contacts=[li_then, contact("row:jane", company="Globex", title="Analyst", **jane)])
    newer = run(
        owner,
        contacts=[li_now,
                  contact(jane_url, linkedin_url=jane_url, company="Hooli", title="Analyst",
                          **jane)],
    )  # fmt: skip

    assert Person.objects.filter(owner=owner).count() == 2
    assert newer.review == 0
    current = Employment.objects.filter(owner=owner, is_current=True)
    assert sorted(current.values_list("person__full_name", "company__name", "title")) == [
        ("Jane Doe", "Hooli", "Analyst"),
        ("Li Wei", "Microsoft", "Principal Engineer"),
    ]
    moves = ChangeEvent.objects.filter(owner=owner).order_by("person__full_name")
    assert [(m.person.full_name, m.old_company.name, m.new_title) for m in moves] == [
        ("Jane Doe", "Globex", "Analyst"),
        ("Li Wei", "Microsoft", "Principal Engineer"),
    ]
    assert run(owner, contacts=[li_now]).counts["people"]["unchanged"] == 1
