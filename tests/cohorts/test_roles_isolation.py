"""Roles do not open doors: in a career centre, no student, coach or admin reaches another
user's private data through any URL of the project.

A career centre (two cohorts, students in each, a coach whose grant was revoked, the other
cohort's coach, an admin) walks every URL pattern (enumerated as tests/test_isolation.py
does) against a student's object ids, and every page without an id, with the REST API's
too. Only the admin's own pages answer an admin with 200, and they show no one's private
data. (The coach she lets see her progress is tested in tests/test_isolation.py.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone
from pytest_django.fixtures import Settings
from tests import test_isolation as base
from tests.test_isolation import coach, victims  # noqa: F401  (fixtures)

from rapport.accounts.models import User
from rapport.api.services import token_create
from rapport.cohorts.models import CoachGrant, Cohort, Role
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log

# What the victim's own data says (words no page uses as an example); no page another
# member opens may contain it. Single words, since search results mark the word searched
# for; the query itself is not one of them, since pages echo it.
PRIVATE = ["Zenobia", "Quibblecorp", "Orrery", "7Q2"]
QUERY = "?q=Quartermaine"  # the search pages and pickers look for her


def _is_admin_route(namespace: str, name: str) -> bool:
    return namespace == "cohorts" and name.startswith("admin_")


@pytest.fixture
def centre(
    settings: Settings,
    owner: User,
    victims: dict[type[models.Model], models.Model],  # noqa: F811
) -> dict[str, User]:
    """The people who try, by role; the owner (a student of `victims[Cohort]`) is the victim."""
    settings.LOCAL_MODE = False
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 3),
        channel="call",
        participants=["Zenobia Quartermaine"],
        companies=["Quibblecorp"],
        notes="She said the vault code is 7Q2.",
        outcomes=[
            OutcomeInput(kind=OutcomeKind.LEAD, company="Quibblecorp", title="Orrery Wrangler")
        ],
    )
    spring = victims[Cohort]
    assert isinstance(spring, Cohort)
    autumn = cohort_get_or_create(name="Autumn 2027")[0]

    def member(name: str, role: str, cohorts: list[Cohort]) -> User:
        user = User.objects.create_user(username=name, password="correct-horse-7")
        member_set(user=user, role=role, cohorts=cohorts)
        return user

    revoked = member("cora", Role.COACH, [spring])
    # She could see the owner's progress once; the owner revoked it.
    CoachGrant.objects.create(student=owner, coach=revoked, revoked_at=timezone.now())
    return {
        "student of the same cohort": member("pia", Role.STUDENT, [spring]),
        "student of another cohort": member("sven", Role.STUDENT, [autumn]),
        "coach of the cohort, grant revoked": revoked,
        "coach of another cohort": member("otto", Role.COACH, [autumn]),
        "admin": member("ada", Role.ADMIN, []),
    }


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _assert_private_absent(body: bytes, where: str) -> None:
    """As whole words: a page's random CSRF token may hold "7Q2" by chance."""
    text = body.decode(errors="replace")
    for marker in PRIVATE:
        assert not re.search(rf"(?<![A-Za-z0-9]){marker}(?![A-Za-z0-9])", text), (
            f"{where} shows {marker!r}"
        )


def _plain_routes() -> Iterator[tuple[str, str, URLPattern]]:
    """Every named URL without path arguments."""
    for namespace, pattern in base._walk(get_resolver()):
        if not pattern.pattern.regex.groupindex:
            yield namespace, pattern.name or "", pattern


@pytest.mark.parametrize(
    "role",
    [
        "student of the same cohort",
        "student of another cohort",
        "coach of the cohort, grant revoked",
        "coach of another cohort",
        "admin",
    ],
)
def test_no_role_opens_another_users_objects_by_id(
    role: str,
    centre: dict[str, User],
    victims: dict[type[models.Model], models.Model],  # noqa: F811
) -> None:
    actor = centre[role]
    client = _as(actor)
    token = token_create(owner=actor, name="theirs")[1]
    before = base._snapshot()
    opened = 0
    for namespace, name, kwargs in base._id_patterns():
        values = {k: victims[base._model_for(namespace, k)].pk for k in kwargs}
        url = reverse(f"{namespace}:{name}", kwargs=values)
        route = f"{namespace}:{name}"
        if namespace == "api":
            base._assert_api_refuses(url, route, token)
            continue
        get = client.get(url)
        if role == "admin" and _is_admin_route(namespace, name):
            # An admin's own pages: the account and the cohort, never what is in them.
            assert get.status_code == (405 if route in base.POST_ONLY else 200), url
            _assert_private_absent(get.content, f"GET {url} as {role}")
            opened += 1
            continue
        if route in base.PEER_ROUTES and role == "student of the same cohort":
            # Asking about her offer to introduce is what her cohort may do (tested with what
            # they see in tests/cohorts/test_intros.py); it is not tried here.
            assert get.status_code == 405, url
            continue
        post = client.post(url, {"stage": "applied", "state": "met", "name": "X", "active": "0"})
        if route in base.POST_ONLY:
            assert (get.status_code, post.status_code) == (405, 404), f"{url} as {role}"
        else:
            assert get.status_code == 404, f"GET {url} as {role} gave {get.status_code}"
            assert post.status_code in {404, 405}, f"POST {url} as {role} gave {post.status_code}"
    assert base._snapshot() == before
    # The admin reached the cohort, the member, the delete confirmation; not by GET the
    # account's (de)activation nor an invitation's withdrawal, which are POST only.
    assert opened == (5 if role == "admin" else 0)
    owner = victims[User]
    assert isinstance(owner, User)
    owner.refresh_from_db()
    assert owner.is_active


@pytest.mark.parametrize(
    "role",
    [
        "student of the same cohort",
        "student of another cohort",
        "coach of the cohort, grant revoked",
        "coach of another cohort",
        "admin",
    ],
)
def test_no_page_without_an_id_shows_another_users_data(role: str, centre: dict[str, User]) -> None:
    client = _as(centre[role])
    token = token_create(owner=centre[role], name="theirs")[1]
    program = Client(headers={"Authorization": f"Bearer {token}"})
    pages = 0
    for namespace, name, _ in _plain_routes():
        url = reverse(f"{namespace}:{name}") + QUERY
        response = (program if namespace == "api" else client).get(url)
        assert response.status_code < 500, f"GET {url} as {role} gave {response.status_code}"
        if _is_admin_route(namespace, name):
            expected = 200 if role == "admin" else 404
            assert response.status_code == expected, f"GET {url} as {role}"
        if response.status_code == 200:
            pages += 1
        _assert_private_absent(response.content, f"GET {url} as {role}")
    assert pages >= 30


def test_the_owner_sees_their_own_data_where_the_others_look(
    centre: dict[str, User], client_owner: Client
) -> None:
    """The walk above would find the data if it were there: the owner's pages show it."""
    assert "Zenobia Quartermaine" in client_owner.get("/people/").content.decode()
    found = client_owner.get("/search/" + QUERY).content.decode()
    assert all(marker in found for marker in ["Zenobia", "Quibblecorp", "7Q2"])
    assert "Orrery Wrangler" in client_owner.get("/opportunities/").content.decode()
    assert client_owner.get("/cohort/admin/").status_code == 404  # a student is no admin
