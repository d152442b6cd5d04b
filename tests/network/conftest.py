"""Fixtures for the network tests; the builder itself is in warm_network.py."""

from __future__ import annotations

import pytest
from pytest_django import Settings
from tests.network.warm_network import Network

from rapport.accounts.models import User


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def net(owner: User) -> Network:
    return Network(owner)


@pytest.fixture
def their_net(other: User) -> Network:
    return Network(other)
