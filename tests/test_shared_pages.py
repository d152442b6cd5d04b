"""Server mode: a page one app process computed is served by the others, and never stale.

`rapport serve --workers N` runs several processes; each keeps pages in memory, and in
server mode also in the database (core/kept.py), by the owner's data version. "Another
process" here is this one with its memory emptied (`cache_clear`): what it can still find
is what the database holds.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.centre import user_delete
from rapport.companies.models import Company
from rapport.core.models import SharedCacheEntry
from rapport.core.versions import cache_clear
from rapport.demo.services import demo_network_load
from rapport.people.services import person_create

# A page from the shared store costs the session, the user, the data version and the read.
SHARED_HIT_QUERIES = 4


@pytest.fixture
def shared(settings: Settings) -> None:
    """The cache settings of server mode."""
    settings.CACHES = {**settings.CACHES, "shared": settings.RAPPORT_SHARED_CACHE}
    cache_clear()


@pytest.fixture
def demo(owner: User) -> User:
    demo_network_load(owner=owner, today=timezone.localdate())
    return owner


def _pages(owner: User) -> list[str]:
    company = Company.objects.filter(owner=owner).order_by("pk").first()
    assert company is not None
    return [
        reverse("playbook:today"),
        reverse("people:list"),
        reverse("companies:detail", args=[company.pk]),
        reverse("network:company_paths", args=[company.pk]),
    ]


def _get(client: Client, url: str) -> tuple[str, int]:
    """The page, and how many queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.usefixtures("shared")
def test_a_page_computed_by_one_process_is_served_by_another(
    demo: User, client_owner: Client
) -> None:
    for url in _pages(demo):
        client_owner.get(url)  # the first visit of the day may note what it showed
        first, computed = _get(client_owner, url)
        cache_clear()  # another process: nothing in its memory
        again, queries = _get(client_owner, url)
        assert again == first, url
        assert queries <= SHARED_HIT_QUERIES, url
        SharedCacheEntry.objects.all().delete()
        cache_clear()  # and nothing in the database either: computed anew
        _, computed = _get(client_owner, url)
        assert computed > SHARED_HIT_QUERIES, url


@pytest.mark.usefixtures("shared")
def test_a_write_through_one_process_shows_on_the_next_page_of_another(
    demo: User, client_owner: Client
) -> None:
    url = reverse("people:list")
    before, _ = _get(client_owner, url)
    person_create(owner=demo, full_name="Zelda Quillfeather")
    cache_clear()
    after, _ = _get(client_owner, url)
    assert "Zelda Quillfeather" not in before
    assert "Zelda Quillfeather" in after


@pytest.mark.usefixtures("shared")
def test_pages_are_kept_small_and_under_no_name(demo: User, client_owner: Client) -> None:
    page, _ = _get(client_owner, reverse("people:list"))
    stored = list(SharedCacheEntry.objects.values_list("cache_key", "value"))
    assert len(stored) == 1
    key, value = stored[0]
    assert key.split(":")[-2] == str(demo.pk)  # the owner, then a digest: no URL, no name
    assert len(value) < len(page) / 2  # compressed


@pytest.mark.usefixtures("shared")
def test_deleting_an_account_removes_its_kept_pages_only(
    demo: User, other: User, client_owner: Client, client_other: Client
) -> None:
    admin = User.objects.create_user(username="ada", password="correct-horse-3")
    for url in _pages(demo):
        client_owner.get(url)
    client_other.get(reverse("people:list"))
    assert SharedCacheEntry.objects.count() == len(_pages(demo)) + 1

    user_delete(user=demo, actor=admin)

    assert SharedCacheEntry.objects.count() == 1
    cache_clear()
    assert client_other.get(reverse("people:list")).status_code == 200


def test_local_mode_keeps_pages_in_memory_only(demo: User, client_owner: Client) -> None:
    cache_clear()
    client_owner.get(reverse("people:list"))
    _, queries = _get(client_owner, reverse("people:list"))
    assert queries <= SHARED_HIT_QUERIES - 1
    assert not SharedCacheEntry.objects.exists()
