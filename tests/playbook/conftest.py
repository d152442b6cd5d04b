"""Fixtures for the playbook tests: frozen time and a world builder per user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playbook_world import TODAY, World, at

from rapport.accounts.models import User


@pytest.fixture
def today() -> Iterator[dt.date]:
    with at(TODAY):
        yield TODAY


@pytest.fixture
def world(owner: User) -> World:
    return World(owner)


@pytest.fixture
def other_world(other: User) -> World:
    return World(other)
