"""Pages served from the page cache (core/pages.py) are the owner's as their data is now.

A cached page is right only while the data version counts every write to a table the page
reads: these tests read every such page of a full demo network and check the tables their
queries name, then write to each kind of thing they show and see it at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.intros import offer_add
from rapport.cohorts.models import Cohort, IntroOffer, ShareKind
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.cohorts.shares import share_create, share_retract, share_update
from rapport.companies.models import Company, CompanyAlias
from rapport.companies.services import company_find_or_create, employment_add
from rapport.core.versions import WATCHED, cache_clear, data_version_held
from rapport.demo.services import demo_network_load
from rapport.network.models import Acquaintance
from rapport.people.models import Person, Tag
from rapport.people.services import person_create
from rapport.search.documents import DOCUMENTS, FEEDS

# Read by every page of a logged-in user, and by the cache itself.
NOT_THE_OWNERS_DATA = {"django_session", "accounts_user", "playbook_dataversion"}
# The search index, written in the same transactions as the rows it is built from (its
# feeds, which must all be watched: test_the_search_index_is_built_from_watched_rows only).
SEARCH_INDEX = {"search_index", "search_recency", "search_document"}
# What a page served from the cache reads: the user and the data version (local mode keeps
# the session in memory once read).
HIT_QUERIES = 2
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)


@pytest.fixture
def demo(owner: User) -> User:
    demo_network_load(owner=owner, today=timezone.localdate())
    return owner


def _cached_pages(owner: User) -> Iterator[str]:
    yield reverse("playbook:today")
    yield reverse("people:list")
    yield f"{reverse('people:list')}?q=a"
    yield f"{reverse('search:results')}?q=a"
    yield f"{reverse('search:results')}?q=engineer&type=person"
    tag = Tag.objects.filter(owner=owner).first()
    if tag is not None:
        yield f"{reverse('people:list')}?tag={tag.name}"
    for company in Company.objects.filter(owner=owner):
        yield reverse("companies:detail", args=[company.pk])
        yield reverse("network:company_paths", args=[company.pk])


def _tables_read(client: Client, url: str) -> set[str]:
    cache_clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return {name.lower() for q in captured.captured_queries for name in TABLE.findall(q["sql"])}


def test_every_table_a_cached_page_reads_is_watched(demo: User, client_owner: Client) -> None:
    watched = {w.table for w in WATCHED if not w.cohorts}
    read: dict[str, set[str]] = {}
    for url in _cached_pages(demo):
        for table in _tables_read(client_owner, url) - watched - NOT_THE_OWNERS_DATA:
            if table not in SEARCH_INDEX:
                read.setdefault(table, set()).add(url)

    assert not read, f"read by cached pages, not watched by the data version: {read}"


def test_the_search_index_is_built_from_watched_rows_only() -> None:
    watched = {w.table for w in WATCHED if not w.cohorts}
    assert {feed.table for feed in FEEDS} - watched == set()
    assert {document.table for document in DOCUMENTS.values()} - watched == set()


def test_a_new_person_shows_in_a_search_seen_before(demo: User, client_owner: Client) -> None:
    url = f"{reverse('search:results')}?q=Quillfeather"
    assert "0 results for" in _page(client_owner, url)
    _page(client_owner, url)  # from the cache

    person_create(owner=demo, full_name="Zelda Quillfeather")

    assert "Zelda <mark>Quillfeather</mark>" in _page(client_owner, url)


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def acme(demo: User) -> Company:
    return Company.objects.filter(owner=demo).order_by("pk").first()  # type: ignore[return-value]


def test_a_new_alias_shows_on_the_company_page_at_once(
    demo: User, client_owner: Client, acme: Company
) -> None:
    url = reverse("companies:detail", args=[acme.pk])
    assert "Zanzibar Holdings" not in _page(client_owner, url)
    _page(client_owner, url)  # from the cache

    CompanyAlias.objects.create(owner=demo, company=acme, name="Zanzibar Holdings")

    assert "Zanzibar Holdings" in _page(client_owner, url)


def test_a_new_tag_shows_on_the_people_list_at_once(demo: User, client_owner: Client) -> None:
    url = reverse("people:list")
    assert "zebra-crossing" not in _page(client_owner, url)
    _page(client_owner, url)

    person = Person.objects.filter(owner=demo).order_by("name_key").first()
    assert person is not None
    person.tags.add(Tag.objects.create(owner=demo, name="zebra-crossing"))

    assert "zebra-crossing" in _page(client_owner, url)


def test_a_new_acquaintance_computes_the_paths_page_again(
    demo: User, client_owner: Client, acme: Company
) -> None:
    url = reverse("network:company_paths", args=[acme.pk])
    _page(client_owner, url)
    with CaptureQueriesContext(connection) as hit:
        _page(client_owner, url)
    a, b = Person.objects.filter(owner=demo).order_by("pk")[:2]

    Acquaintance.objects.create(owner=demo, person_a=a, person_b=b)

    with CaptureQueriesContext(connection) as after:
        _page(client_owner, url)
    assert len(hit) == HIT_QUERIES  # served from the cache
    assert len(after) > HIT_QUERIES  # computed again


def test_another_users_write_keeps_my_cached_page(
    demo: User, client_owner: Client, acme: Company, other: User
) -> None:
    url = reverse("companies:detail", args=[acme.pk])
    _page(client_owner, url)

    Company.objects.create(owner=other, name="Elsewhere Inc")
    with CaptureQueriesContext(connection) as captured:
        _page(client_owner, url)

    assert len(captured) == HIT_QUERIES


def test_another_user_gets_a_404_not_my_cached_page(
    demo: User, client_owner: Client, acme: Company, other: User
) -> None:
    url = reverse("companies:detail", args=[acme.pk])
    _page(client_owner, url)
    client_other = Client()
    client_other.force_login(other)
    client_other.cookies.update(client_owner.cookies)  # even with my CSRF cookie
    client_other.force_login(other)

    assert client_other.get(url).status_code == 404


def test_tomorrow_the_page_is_computed_again(
    demo: User, client_owner: Client, acme: Company, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = reverse("companies:detail", args=[acme.pk])
    _page(client_owner, url)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    today = timezone.localdate

    def localdate(value: dt.datetime | None = None, zone: dt.tzinfo | None = None) -> dt.date:
        return tomorrow if value is None else today(value, zone)

    monkeypatch.setattr(timezone, "localdate", localdate)

    with CaptureQueriesContext(connection) as captured:
        _page(client_owner, url)

    assert len(captured) > HIT_QUERIES


# Career centre mode: what other members share shows on my cached company pages at once.


@pytest.fixture
def cohort(owner: User, other: User, settings: Settings) -> Cohort:
    settings.LOCAL_MODE = False
    spring, _ = cohort_get_or_create(name="Spring 2027")
    member_set(user=owner, role="student", cohorts=[spring])
    member_set(user=other, role="student", cohorts=[spring])
    return spring


@pytest.mark.parametrize("page", ["companies:detail", "network:company_paths"])
def test_another_members_share_edit_and_retraction_show_at_once(
    page: str, owner: User, other: User, cohort: Cohort, client_owner: Client
) -> None:
    mine = company_find_or_create(owner=owner, name="Stripe")[0]
    theirs = company_find_or_create(owner=other, name="Stripe")[0]
    url = reverse(page, args=[mine.pk])
    _page(client_owner, url)
    _page(client_owner, url)  # from the cache

    share = share_create(
        sharer=other, company=theirs, cohort=cohort, kind=ShareKind.INSIGHT, text="Hires in May."
    )
    assert "Hires in May." in _page(client_owner, url)

    share_update(share=share, kind=ShareKind.INSIGHT, text="Hires in June.")
    assert "Hires in June." in _page(client_owner, url)

    other.is_active = False
    other.save(update_fields=["is_active"])
    assert "Hires in June." not in _page(client_owner, url)
    other.is_active = True
    other.save(update_fields=["is_active"])
    assert "Hires in June." in _page(client_owner, url)

    share_retract(share=share)
    assert "Hires in June." not in _page(client_owner, url)


def test_a_new_role_shows_in_the_navigation_at_once(
    owner: User, settings: Settings, client_owner: Client
) -> None:
    settings.LOCAL_MODE = False
    url = reverse("people:list")
    assert reverse("cohorts:hub") not in _page(client_owner, url)

    member_set(user=owner, role="student", cohorts=[])

    assert reverse("cohorts:hub") in _page(client_owner, url)


@pytest.mark.parametrize("page", ["companies:detail", "network:company_paths"])
def test_a_contact_another_member_offers_shows_at_once(
    page: str, owner: User, other: User, cohort: Cohort, client_owner: Client
) -> None:
    mine = company_find_or_create(owner=owner, name="Stripe")[0]
    url = reverse(page, args=[mine.pk])
    _page(client_owner, url)
    _page(client_owner, url)  # from the cache
    ana = person_create(owner=other, full_name="Ana Offered")
    employment_add(person=ana, company=company_find_or_create(owner=other, name="Stripe")[0])

    offer_add(owner=other, person=ana)

    assert "Ana Offered" in _page(client_owner, url)


@pytest.fixture
def offered(owner: User, other: User, cohort: Cohort) -> Person:
    """Ana, whom the other member offers to introduce at Stripe, where the owner looks."""
    company_find_or_create(owner=owner, name="Stripe")
    ana = person_create(owner=other, full_name="Ana Offered")
    employment_add(
        person=ana, company=company_find_or_create(owner=other, name="Stripe")[0], title="CTO"
    )
    offer_add(owner=other, person=ana)
    return ana


def _share_about_stripe(member: User, cohort: Cohort) -> None:
    stripe = Company.objects.get(owner=member, name="Stripe")
    share_create(
        sharer=member, company=stripe, cohort=cohort, kind=ShareKind.INSIGHT, text="Hires in May."
    )


def _stripe_pages(owner: User) -> list[str]:
    mine = Company.objects.get(owner=owner, name="Stripe")
    return [reverse(page, args=[mine.pk]) for page in ("companies:detail", "network:company_paths")]


def test_every_table_the_cohort_parts_read_is_watched(
    owner: User, other: User, cohort: Cohort, offered: Person, client_owner: Client
) -> None:
    _share_about_stripe(other, cohort)
    watched = {w.table for w in WATCHED}
    read: dict[str, set[str]] = {}
    for url in _stripe_pages(owner):
        assert "Ana Offered" in _page(client_owner, url)
        for table in _tables_read(client_owner, url) - watched - NOT_THE_OWNERS_DATA:
            read.setdefault(table, set()).add(url)

    assert not read, f"read by cached pages, not watched by a version: {read}"


@pytest.mark.parametrize(
    "change",
    [
        "person renamed",
        "job title",
        "job ended",
        "company renamed",
        "introducer renamed",
        "introducer left",
        "offer withdrawn",
        "cohort renamed",
    ],
)
def test_what_the_cohort_sees_of_an_offered_contact_changes_at_once(
    change: str,
    owner: User,
    other: User,
    cohort: Cohort,
    offered: Person,
    client_owner: Client,
) -> None:
    urls = _stripe_pages(owner)
    for url in urls:
        _page(client_owner, url)
        assert "Ana Offered" in _page(client_owner, url)  # from the cache
    job = offered.employments.get()
    if change == "person renamed":
        Person.objects.filter(pk=offered.pk).update(full_name="Ana Renamed")
        gone, shown = "Ana Offered", "Ana Renamed"
    elif change == "job title":
        job.title = "Chief Scientist"
        job.save()
        gone, shown = "CTO", "Chief Scientist"
    elif change == "job ended":
        job.is_current = False
        job.save()
        gone, shown = "Ana Offered", ""
    elif change == "company renamed":
        Company.objects.filter(pk=job.company_id).update(name="Stripe, Inc.")
        gone, shown = "", "Stripe, Inc."
    elif change == "introducer renamed":
        other.first_name, other.last_name = "Mallory", "Quince"
        other.save()
        gone, shown = "", "Mallory Quince"
    elif change == "introducer left":
        member_set(user=other, role="student", cohorts=[])
        gone, shown = "Ana Offered", ""
    elif change == "offer withdrawn":
        IntroOffer.objects.filter(person=offered).delete()
        gone, shown = "Ana Offered", ""
    else:
        _share_about_stripe(other, cohort)
        _page(client_owner, urls[0])
        Cohort.objects.filter(pk=cohort.pk).update(name="Spring 2027, renamed")
        gone, shown = "", "Spring 2027, renamed"
        urls = urls[:1]
    for url in urls:
        page = _page(client_owner, url)
        assert not gone or gone not in page, (change, url)
        assert shown in page, (change, url)


def test_a_members_import_that_changes_an_offered_contact_shows_at_once(
    owner: User, other: User, offered: Person, client_owner: Client
) -> None:
    urls = _stripe_pages(owner)
    for url in urls:
        _page(client_owner, url)
    with data_version_held(other.pk):  # as an import writes
        Person.objects.filter(pk=offered.pk).update(full_name="Ana Imported")
    for url in urls:
        assert "Ana Imported" in _page(client_owner, url)


def test_a_kept_company_page_costs_a_few_small_queries_in_a_cohort(
    owner: User, offered: Person, client_owner: Client
) -> None:
    for url in _stripe_pages(owner):
        _page(client_owner, url)
        with CaptureQueriesContext(connection) as captured:
            _page(client_owner, url)
        # user, data version, role (kept by the version), the cohorts' versions
        assert len(captured) <= HIT_QUERIES + 1, [q["sql"] for q in captured.captured_queries]
