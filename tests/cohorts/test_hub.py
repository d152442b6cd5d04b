"""The cohort hub: members see their role, cohort and the log of what was shared and seen."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction
from rapport.cohorts.services import audit_record, cohort_get_or_create, member_set


@pytest.fixture
def server_mode(settings: Settings) -> None:
    settings.LOCAL_MODE = False


@pytest.mark.usefixtures("server_mode")
def test_a_student_sees_their_cohort_and_their_log_but_not_others(
    owner: User, other: User, client: Client
) -> None:
    cohort, _ = cohort_get_or_create(name="Spring 2027")
    member_set(user=owner, role="student", cohorts=[cohort])
    member_set(user=other, role="student", cohorts=[cohort])
    audit_record(subject=owner, actor=owner, action=AuditAction.SHARED, detail="Stripe: referrals")
    audit_record(subject=other, actor=other, action=AuditAction.SHARED, detail="Acme")
    client.force_login(owner)
    page = client.get("/cohort/").content.decode()
    assert "Spring 2027" in page
    assert "Stripe: referrals" in page
    assert "Acme" not in page
    assert 'href="/cohort/"' in client.get("/people/").content.decode()


@pytest.mark.usefixtures("server_mode")
def test_someone_on_their_own_has_no_cohort_page_nor_link(owner: User, client: Client) -> None:
    client.force_login(owner)
    assert client.get("/cohort/").status_code == 404
    assert 'href="/cohort/"' not in client.get("/people/").content.decode()
