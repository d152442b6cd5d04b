"""The data migrations of people: what earlier versions wrote is read back."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from rapport.accounts.models import User
from rapport.people.models import Person

connected = import_module("rapport.people.migrations.0002_person_connected_on")


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("Connected on LinkedIn on 7 Mar 2021", dt.date(2021, 3, 7)),
        ("Connected on LinkedIn on 29 Feb 2024", dt.date(2024, 2, 29)),
        ("Connected on LinkedIn on 31 Feb 2024", None),  # no such day
        ("Connected on LinkedIn on 7 Mzr 2021", None),
        ("Connected on LinkedIn on 7 Mar 2021 at PyCon", None),  # the user's own words
        ("Met at PyCon", None),
    ],
)
def test_the_connection_date_is_read_from_what_imports_wrote(
    written: str, date: dt.date | None
) -> None:
    assert connected.connected_on_from(written) == date


@pytest.mark.django_db
def test_the_backfill_dates_people_imported_before_and_leaves_the_rest(owner: User) -> None:
    imported = Person.objects.create(
        owner=owner, full_name="Ana Souza", how_we_met="Connected on LinkedIn on 7 Mar 2021"
    )
    dated = Person.objects.create(
        owner=owner,
        full_name="Bo Lind",
        how_we_met="Connected on LinkedIn on 1 Jan 2020",
        connected_on=dt.date(2019, 6, 1),
    )
    other = Person.objects.create(owner=owner, full_name="Carla Dias", how_we_met="PyCon")

    connected.backfill(apps, None)

    imported.refresh_from_db()
    dated.refresh_from_db()
    other.refresh_from_db()
    assert imported.connected_on == dt.date(2021, 3, 7)
    assert imported.how_we_met == "Connected on LinkedIn on 7 Mar 2021"  # the text stays
    assert dated.connected_on == dt.date(2019, 6, 1)
    assert other.connected_on is None
