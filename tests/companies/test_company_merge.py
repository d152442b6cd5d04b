"""The user merges two companies into one (item 6 of #11), and undoes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from tests.imports.import_builders import contact as contact_record
from tests.imports.import_builders import run
from tests.search.search_factories import alias, company, conversation, job, person

from rapport.accounts.models import User
from rapport.companies.merges import company_merge, company_merge_undo
from rapport.companies.models import Company, CompanyAlias, CompanyMerge, Employment, TargetStatus
from rapport.companies.services import company_find_or_create
from rapport.conversations.models import Conversation
from rapport.opportunities.models import Opportunity

MSF = "Doctors Without Borders/Médecins Sans Frontières (MSF)"


@pytest.fixture
def pair(owner: User) -> tuple[Company, Company]:
    dwb = company(owner, "Doctors Without Borders", website="https://msf.org")
    msf = company(owner, MSF, target_status=TargetStatus.TARGET, status_reason="Field work")
    return dwb, msf


def everything_about(owner: User) -> list[object]:
    return [
        sorted(Company.objects.filter(owner=owner).values_list("pk", "name", "name_key")),
        sorted(CompanyAlias.objects.filter(owner=owner).values_list("company_id", "name")),
        sorted(Employment.objects.filter(owner=owner).values_list("pk", "company_id")),
        sorted(Conversation.companies.through.objects.values_list("conversation_id", "company_id")),
        sorted(Opportunity.objects.filter(owner=owner).values_list("pk", "company_id")),
    ]


@pytest.mark.django_db
def test_a_merge_moves_everything_and_keeps_the_other_name(
    owner: User, pair: tuple[Company, Company]
) -> None:
    dwb, msf = pair
    ana, bo = person(owner, "Ana Souza"), person(owner, "Bo Li")
    job(ana, msf, "Nurse")
    job(bo, dwb, "Logistician")
    alias(msf, "MSF")
    both = conversation(owner, "About both", with_=[ana], about=[dwb, msf])
    lead = Opportunity.objects.create(owner=owner, company=msf, title="Field coordinator")

    merge = company_merge(survivor=dwb, absorbed=msf)

    assert list(Company.objects.filter(owner=owner)) == [dwb]
    assert set(dwb.aliases.values_list("name", flat=True)) == {MSF, "MSF"}
    assert set(Employment.objects.values_list("company_id", flat=True)) == {dwb.pk}
    assert list(both.companies.all()) == [dwb]
    lead.refresh_from_db()
    assert lead.company_id == dwb.pk
    dwb.refresh_from_db()
    # What it lacked it takes; its own website stays.
    assert (dwb.target_status, dwb.status_reason, dwb.website) == (
        TargetStatus.TARGET,
        "Field work",
        "https://msf.org",
    )
    assert str(merge) == f"{MSF} merged into Doctors Without Borders"


@pytest.mark.django_db
def test_undo_brings_back_exactly_what_was_there(
    owner: User, pair: tuple[Company, Company]
) -> None:
    dwb, msf = pair
    ana = person(owner, "Ana Souza")
    job(ana, msf, "Nurse")
    alias(msf, "MSF")
    alias(dwb, "MSF")  # both had it: one of the two goes in the merge, and comes back
    conversation(owner, "About both", with_=[ana], about=[dwb, msf])
    Opportunity.objects.create(owner=owner, company=msf, title="Field coordinator")
    before = everything_about(owner)
    fields_before = Company.objects.get(pk=dwb.pk).__dict__.copy()
    msf_pk = msf.pk

    merge = company_merge(survivor=dwb, absorbed=msf)
    back = company_merge_undo(merge=merge)

    assert back.pk == msf_pk
    assert everything_about(owner) == before
    dwb.refresh_from_db()
    assert (dwb.target_status, dwb.status_reason) == (
        fields_before["target_status"],
        fields_before["status_reason"],
    )
    back.refresh_from_db()
    assert (back.name, back.target_status, back.status_reason) == (
        MSF,
        TargetStatus.TARGET,
        "Field work",
    )
    with pytest.raises(ValidationError, match="already been undone"):
        company_merge_undo(merge=merge)


@pytest.mark.django_db
def test_a_company_cannot_merge_with_itself_or_another_users(
    owner: User, other: User, pair: tuple[Company, Company]
) -> None:
    dwb, _ = pair
    theirs = company(other, "Doctors Without Borders")
    with pytest.raises(ValidationError):
        company_merge(survivor=dwb, absorbed=dwb)
    with pytest.raises(ValidationError):
        company_merge(survivor=dwb, absorbed=theirs)
    assert CompanyMerge.objects.count() == 0


@pytest.mark.django_db
def test_the_merged_name_finds_the_company_later(
    owner: User, pair: tuple[Company, Company]
) -> None:
    dwb, msf = pair
    company_merge(survivor=dwb, absorbed=msf)
    assert company_find_or_create(owner=owner, name=MSF) == (dwb, False)
    ana = contact_record("ana", "Ana Souza", company=MSF, title="Nurse")
    run(owner, contacts=[ana])
    run(owner, contacts=[ana])  # once more: the same job, not a move
    assert list(Company.objects.filter(owner=owner)) == [dwb]
    assert list(Employment.objects.values_list("company__name", "title", "is_current")) == [
        ("Doctors Without Borders", "Nurse", True)
    ]


# The page


@pytest.mark.django_db
def test_merging_and_undoing_from_the_company_page(
    client_owner: Client, owner: User, pair: tuple[Company, Company]
) -> None:
    dwb, msf = pair
    msf_pk = msf.pk
    page = client_owner.get(reverse("companies:detail", args=[dwb.pk]))
    assert b"Company to merge into this one" in page.content

    done = client_owner.post(reverse("companies:merge", args=[dwb.pk]), {"other": MSF}, follow=True)
    assert f"{MSF} is now part of Doctors Without Borders.".encode() in done.content
    assert not Company.objects.filter(pk=msf_pk).exists()
    merge = CompanyMerge.objects.get()
    assert reverse("companies:merge_undo", args=[merge.pk]).encode() in done.content

    undone = client_owner.post(reverse("companies:merge_undo", args=[merge.pk]), follow=True)
    assert undone.redirect_chain[-1][0] == reverse("companies:detail", args=[msf_pk])
    assert f"{MSF} is a company of its own again.".encode() in undone.content


@pytest.mark.django_db
def test_the_page_says_when_no_company_has_that_name(
    client_owner: Client, pair: tuple[Company, Company]
) -> None:
    dwb, _ = pair
    done = client_owner.post(
        reverse("companies:merge", args=[dwb.pk]), {"other": "Red Cross"}, follow=True
    )
    assert b"You have no company called" in done.content
    assert Company.objects.count() == 2


@pytest.mark.django_db
def test_another_users_merge_cannot_be_undone(
    client: Client, other: User, owner: User, pair: tuple[Company, Company]
) -> None:
    dwb, msf = pair
    msf_pk = msf.pk
    merge = company_merge(survivor=dwb, absorbed=msf)
    client.force_login(other)
    assert client.post(reverse("companies:merge_undo", args=[merge.pk])).status_code == 404
    assert client.post(reverse("companies:merge", args=[dwb.pk]), {"other": "x"}).status_code == 404
    assert not Company.objects.filter(pk=msf_pk).exists()
