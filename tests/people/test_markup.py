"""The people and company pages keep the markup rules: every control labelled, headings in
order, nothing inline that the Content-Security-Policy would block, CSRF on every form."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.services import (
    company_find_or_create,
    company_set_target,
    employment_add,
)
from rapport.conversations.models import OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.people.models import Person
from rapport.people.services import person_create


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labelled: set[str] = set()
        self.controls: list[str] = []
        self.headings: list[int] = []
        self.inline: list[str] = []
        self.forms_without_csrf = 0
        self._post_form_open = False
        self._post_form_has_token = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "style" in a or any(name.startswith("on") for name in a):
            self.inline.append(tag)
        if tag == "script" and not a.get("src"):
            self.inline.append("script")
        if tag == "label" and a.get("for"):
            self.labelled.add(a["for"] or "")
        if tag in {"select", "textarea"} or (
            tag == "input" and a.get("type") not in {"hidden", "submit"}
        ):
            self.controls.append(a.get("id") or f"<{tag} name={a.get('name')}> without id")
        if tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(int(tag[1]))
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._post_form_open, self._post_form_has_token = True, False
        if tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self._post_form_has_token = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._post_form_open:
            self.forms_without_csrf += not self._post_form_has_token
            self._post_form_open = False


def _check(html: str) -> None:
    page = _Page()
    page.feed(html)
    assert [c for c in page.controls if c not in page.labelled] == []
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    assert page.inline == []
    assert page.forms_without_csrf == 0


@pytest.fixture
def urls(owner: User) -> list[str]:
    ana = person_create(owner=owner, full_name="Ana Souza", notes="**hi**")
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    company_set_target(company=stripe, status="target", by=ana, reason="Kind")
    employment_add(person=ana, company=stripe, started_on=dt.date(2020, 1, 1))
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2026, 11, 20),
        channel="coffee",
        participants=[str(ana)],
        companies=["Stripe"],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.LEAD, company="Stripe", title="Analyst"),
            OutcomeInput(kind=OutcomeKind.GAVE, text="An article"),
        ],
    )
    return [
        reverse("people:list"),
        reverse("people:create"),
        reverse("people:detail", args=[ana.pk]),
        reverse("people:edit", args=[ana.pk]),
        reverse("people:delete", args=[ana.pk]),
        reverse("companies:list"),
        reverse("companies:list") + "?status=avoid",
        reverse("companies:create"),
        reverse("companies:detail", args=[stripe.pk]),
        reverse("companies:edit", args=[stripe.pk]),
        reverse("companies:delete", args=[stripe.pk]),
        reverse("companies:protocol", args=[stripe.pk]),
    ]


def test_every_page_keeps_the_markup_rules(client_owner: Client, urls: list[str]) -> None:
    for url in urls:
        response = client_owner.get(url)
        assert response.status_code == 200, url
        _check(response.content.decode())


def test_the_empty_lists_keep_the_markup_rules(client_owner: Client) -> None:
    for url in [reverse("people:list"), reverse("companies:list") + "?status=target"]:
        _check(client_owner.get(url).content.decode())


def test_writes_need_the_csrf_token(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    response = client.post(reverse("people:create"), {"full_name": "Bo Lindqvist"})

    assert response.status_code == 403
    assert not Person.objects.filter(owner=owner).exists()
