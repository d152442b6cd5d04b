"""Today shows the most urgent few; the full lists are a paginated "Show all" away."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playbook_world import World, days_ago

from rapport.core.versions import cache_clear
from rapport.playbook.models import FollowUpKind, NudgeState
from rapport.playbook.selectors import TODAY_FOLLOWUPS, TODAY_NUDGES, nudges_for_today
from rapport.playbook.services import followup_create
from rapport.playbook.views import LIST_PAGE_SIZE

TODAY_URL = reverse("playbook:today")
NUDGES_URL = reverse("playbook:nudges")
FOLLOWUPS_URL = reverse("playbook:followups")


def _thank_many(world: World, count: int) -> None:
    """`count` conversations yesterday: one thank-you nudge each."""
    for i in range(count):
        world.talk(days_ago(1), world.person(f"Person {i:02d}"))


def _followups(world: World, today: dt.date, count: int) -> None:
    for i in range(count):
        followup_create(
            owner=world.owner,
            kind=FollowUpKind.FOLLOW_UP,
            due_on=today + dt.timedelta(days=i % 7),
            person=world.person(f"Contact {i:02d}"),
            note=f"Note {i:02d}",
        )


def _nudges_shown(html: str) -> int:
    return len(re.findall(r'<li class="nudge urgency-', html))


def _followups_shown(html: str) -> int:
    return html.count('<li class="followup">')


def test_today_shows_only_the_most_urgent_nudges_and_links_to_all(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_many(world, 30)
    total = len(nudges_for_today(owner=world.owner, today=today))
    assert total > TODAY_NUDGES

    page = client_owner.get(TODAY_URL).content.decode()

    assert _nudges_shown(page) == TODAY_NUDGES
    assert f'<span class="badge">{total}</span>' in page
    assert f'href="{NUDGES_URL}">Show all {total}</a>' in page
    assert f'href="{NUDGES_URL}?kind=thank-you">say thank you 30</a>' in page


def test_today_has_no_show_all_link_when_everything_fits(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_many(world, 2)

    page = client_owner.get(TODAY_URL).content.decode()

    assert _nudges_shown(page) == len(nudges_for_today(owner=world.owner, today=today))
    assert "Show all" not in page


def test_the_full_list_of_nudges_is_paginated_without_javascript(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_many(world, 30)
    everything = [n.key for n in nudges_for_today(owner=world.owner, today=today)]
    assert LIST_PAGE_SIZE < len(everything) <= 2 * LIST_PAGE_SIZE

    first = client_owner.get(NUDGES_URL).content.decode()
    second = client_owner.get(NUDGES_URL, {"page": 2}).content.decode()

    assert _nudges_shown(first) == LIST_PAGE_SIZE
    assert _nudges_shown(second) == len(everything) - LIST_PAGE_SIZE
    assert "Page 1 of 2" in first
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' in second
    shown = re.findall(r'name="key" value="([^"]+)"', first + second)
    assert list(dict.fromkeys(shown)) == everything  # every nudge once, most urgent first
    assert " style=" not in first


def test_the_full_list_keeps_one_kind(client_owner: Client, world: World, today: dt.date) -> None:
    _thank_many(world, 3)

    page = client_owner.get(NUDGES_URL, {"kind": "thank-you"}).content.decode()
    unknown = client_owner.get(NUDGES_URL, {"kind": "nonsense", "page": "99"})

    assert _nudges_shown(page) == 3
    assert "Keep up with this week" not in page  # the weekly-goals nudge is another kind
    assert unknown.status_code == 200  # an unknown kind shows all; a page past the end, the last


def test_dismissing_from_the_full_list_without_javascript_returns_to_it(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_many(world, 30)
    key = nudges_for_today(owner=world.owner, today=today)[-1].key
    back = f"{NUDGES_URL}?page=2"

    response = client_owner.post(reverse("playbook:nudge_dismiss"), {"key": key, "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    assert NudgeState.objects.get(owner=world.owner, key=key).dismissed_at is not None
    assert f'name="next" value="{back}"' in client_owner.get(back).content.decode()


def test_today_shows_the_follow_ups_due_soonest_and_links_to_all(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _followups(world, today, 30)

    page = client_owner.get(TODAY_URL).content.decode()
    first = client_owner.get(FOLLOWUPS_URL).content.decode()
    second = client_owner.get(FOLLOWUPS_URL, {"page": 2}).content.decode()

    assert _followups_shown(page) == TODAY_FOLLOWUPS
    assert "Due today" in page
    assert f'href="{FOLLOWUPS_URL}">See all 30 follow-ups</a>' in page
    assert _followups_shown(first) == LIST_PAGE_SIZE
    assert _followups_shown(second) == 30 - LIST_PAGE_SIZE
    due = re.findall(r'<time datetime="([\d-]+)"', first + second)
    assert due == sorted(due)  # soonest first, across pages


def _queries(client: Client, url: str) -> int:
    client.get(url)  # the session is read once per client
    cache_clear()  # count a Today page computed afresh, not one from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_pages_read_as_many_queries_at_two_sizes(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _thank_many(world, 3)
    _followups(world, today, 3)
    world.lead("Role", world.company("Small Co", target=True), saved_on=days_ago(5))
    urls = [TODAY_URL, NUDGES_URL, FOLLOWUPS_URL]
    small = [_queries(client_owner, url) for url in urls]

    _thank_many(world, 40)
    _followups(world, today, 40)
    for i in range(15):
        company = world.company(f"Company {i}", target=True)
        world.person(f"Staff {i}", works_at=company)
        world.lead(f"Role {i}", company, saved_on=days_ago(5))
    big = [_queries(client_owner, url) for url in urls]

    assert big == small
