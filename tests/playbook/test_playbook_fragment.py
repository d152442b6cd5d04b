"""The Today page is cached as HTML (core/pages.py): by owner, data version, date, request."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playbook_world import TODAY, World, days_ago

from rapport.accounts.models import User
from rapport.core.versions import cache_clear
from rapport.people.models import Person
from rapport.playbook.models import FollowUpKind
from rapport.playbook.services import followup_create

TODAY_URL = reverse("playbook:today")
TOKEN = re.compile(r'csrfmiddlewaretoken" value="([^"]+)"')
MAIN = re.compile(r'<main id="main" class="wrap" tabindex="-1">(.*)</main>', re.DOTALL)


def _main(client: Client, url: str = TODAY_URL, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    found = MAIN.search(response.content.decode())
    assert found is not None
    return found.group(1)


def _unmask_cipher_token(token: str) -> str:
    """The secret a form's token masks (django.middleware.csrf's private function)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    chars = CSRF_ALLOWED_CHARS
    return "".join(
        chars[chars.index(c) - chars.index(m)] for c, m in zip(cipher, mask, strict=True)
    )


def _tokens(html: str) -> list[str]:
    tokens = TOKEN.findall(html)
    assert tokens
    return tokens


def _unmasked(html: str) -> str:
    """The HTML with each form's (randomly masked) token written as the secret it masks."""
    return TOKEN.sub(lambda m: f'csrfmiddlewaretoken" value="{_unmask_cipher_token(m[1])}"', html)


def _secret(client: Client) -> str:
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def _setup(world: World) -> None:
    company = world.company("Acme", target=True)
    ana = world.person("Ana Lima", works_at=company)
    world.settings(goal_conversations=3)  # the settings row (the first page view makes it)
    world.talk(days_ago(20), ana)
    world.lead("Engineer", company, saved_on=days_ago(5))
    followup_create(owner=world.owner, kind=FollowUpKind.FOLLOW_UP, due_on=TODAY, person=ana)


def test_a_hit_is_the_fresh_render_byte_for_byte(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _setup(world)
    first = _main(client_owner)
    hit = _main(client_owner)
    assert _tokens(hit) == _tokens(first)  # served from the cache, tokens and all

    cache_clear()
    fresh = _main(client_owner)

    assert _tokens(fresh) != _tokens(hit)  # masked anew...
    assert _unmasked(hit) == _unmasked(fresh)  # ...and otherwise the very same bytes
    assert {_unmask_cipher_token(t) for t in _tokens(hit)} == {_secret(client_owner)}


def test_a_write_shows_at_once(client_owner: Client, world: World, today: dt.date) -> None:
    _setup(world)
    _main(client_owner)
    before = _main(client_owner)

    world.talk(today, world.person("Cy Newcomer"))
    after = _main(client_owner)

    assert "Cy Newcomer" in after
    assert "Cy Newcomer" not in before
    cache_clear()
    assert _unmasked(after) == _unmasked(_main(client_owner))


def test_another_users_write_keeps_my_cached_html(
    client_owner: Client, world: World, other_world: World, today: dt.date
) -> None:
    _setup(world)
    mine = _main(client_owner)

    _setup(other_world)
    other_world.talk(today, other_world.person("Mal Other"))

    assert _tokens(_main(client_owner)) == _tokens(mine)


def test_another_csrf_cookie_gets_its_own_tokens(owner: User, world: World, today: dt.date) -> None:
    _setup(world)
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(owner)

    html_first = _main(first)
    html_second = _main(second)

    assert _secret(first) != _secret(second)
    assert {_unmask_cipher_token(t) for t in _tokens(html_first)} == {_secret(first)}
    assert {_unmask_cipher_token(t) for t in _tokens(html_second)} == {_secret(second)}
    assert _unmasked(html_first).replace(_secret(first), "") == _unmasked(html_second).replace(
        _secret(second), ""
    )


def test_another_user_never_gets_my_html(
    client_owner: Client, other: User, world: World, today: dt.date
) -> None:
    _setup(world)
    _main(client_owner)
    client_other = Client()
    client_other.force_login(other)
    client_other.cookies[settings.CSRF_COOKIE_NAME] = _secret(client_owner)  # even so

    assert "Ana Lima" not in _main(client_other)


def test_the_path_is_part_of_the_key(client_owner: Client, world: World, today: dt.date) -> None:
    _setup(world)
    _main(client_owner)

    for mark in ("a", "b", "a"):
        html = _main(client_owner, f"{TODAY_URL}?from={mark}")
        assert f'name="next" value="{TODAY_URL}?from={mark}"' in html


def test_flash_messages_and_htmx_skip_the_cache(
    client_owner: Client, world: World, today: dt.date
) -> None:
    _setup(world)
    _main(client_owner)
    cached = _tokens(_main(client_owner))
    ana = Person.objects.get(owner=world.owner, full_name="Ana Lima")

    client_owner.post(reverse("playbook:followup_create", kwargs={"person_pk": ana.pk}), {})
    with_message = _main(client_owner)
    assert "The follow-up needs a kind and a date." in with_message
    assert _tokens(with_message) != cached

    assert _tokens(_main(client_owner, HX_Request="true")) != cached
    assert _tokens(_main(client_owner)) == cached  # neither was stored


def test_a_hit_reads_two_queries(client_owner: Client, world: World, today: dt.date) -> None:
    _setup(world)
    _main(client_owner)
    with CaptureQueriesContext(connection) as captured:
        _main(client_owner)

    assert len(captured) == 2  # user, data version (local mode keeps the session in memory)
