"""Targets without a priority come after the prioritised ones, before unlisted companies,
on every list of companies (SQLite sorts a missing priority first, PostgreSQL last)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.companies.models import TargetStatus
from rapport.companies.selectors import companies_list
from rapport.companies.services import company_find_or_create, company_set_target
from rapport.people.services import person_create
from rapport.playbook.facts import targets_list
from rapport.playbook.prep import prep_brief


def _companies(owner: User) -> None:
    for name, status, priority in [
        ("Acme", TargetStatus.NONE, None),  # first by name, but not on the list
        ("Zeta", TargetStatus.TARGET, 1),
        ("Yoyo", TargetStatus.TARGET, 2),
        ("Beta", TargetStatus.TARGET, None),
        ("Avoidable", TargetStatus.AVOID, None),
    ]:
        company, _ = company_find_or_create(owner=owner, name=name)
        company_set_target(company=company, status=status, priority=priority)


def test_the_companies_list_puts_unprioritised_targets_after_the_others(owner: User) -> None:
    _companies(owner)
    names = [c.name for c in companies_list(owner=owner)]
    assert names[:3] == ["Zeta", "Yoyo", "Beta"]
    assert set(names[3:]) == {"Acme", "Avoidable"}


def test_the_companies_page_shows_them_in_that_order(owner: User, client_owner: Client) -> None:
    _companies(owner)
    page = client_owner.get(reverse("companies:list")).content.decode()
    assert page.index("Zeta") < page.index("Yoyo") < page.index("Beta") < page.index("Acme")


def test_the_playbook_and_the_prep_brief_read_targets_in_that_order(owner: User) -> None:
    _companies(owner)
    assert [t.name for t in targets_list(owner)] == ["Zeta", "Yoyo", "Beta"]
    ana = person_create(owner=owner, full_name="Ana Souza")
    brief = prep_brief(person=ana)
    assert [t.company.name for t in brief.targets] == ["Zeta", "Yoyo", "Beta"]
