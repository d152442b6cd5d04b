"""An organisation's card imported: a company with its number and web address, no person;
a company already known only has its blanks filled, and undo empties them again."""

from __future__ import annotations

import pytest
from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias
from rapport.imports.parse.records import CompanyRecord
from rapport.imports.services import import_undo
from rapport.people.models import Person


def acme(**fields: object) -> CompanyRecord:
    values: dict[str, object] = {
        "line": 1,
        "name": "ACME Inc.",
        "phones": ["+1 555 0100"],
        "urls": ["acme.example"],
        "file": "contacts.vcf",
    }
    return CompanyRecord(**{**values, **fields})  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_company_card_becomes_a_company_with_its_phone_and_website(owner: User) -> None:
    jane = contact("jane", "Jane Doe", company="Acme", file="contacts.vcf")
    result = run(owner, "vcard", companies=[acme(emails=["info@acme.example"])], contacts=[jane])

    company = Company.objects.get(owner=owner)
    assert company.name in ("ACME Inc.", "Acme")
    assert (company.phone, company.website) == ("+1 555 0100", "https://acme.example")
    assert "info@acme.example" in company.notes
    assert list(Person.objects.filter(owner=owner).values_list("full_name", flat=True)) == [
        "Jane Doe"
    ]
    assert result.counts["companies"]["created"] == 1
    assert result.counts["people"]["created"] == 1


@pytest.mark.django_db
def test_a_known_company_has_only_its_blanks_filled_and_undo_empties_them(owner: User) -> None:
    Company.objects.create(
        owner=owner, name="Acme", name_key="acme", website="https://acme.com", notes="Mine."
    )
    result = run(owner, "vcard", companies=[acme()])

    company = Company.objects.get(owner=owner)
    assert (company.phone, company.website, company.notes) == (
        "+1 555 0100",
        "https://acme.com",
        "Mine.",
    )
    assert result.counts["companies"]["updated"] == 1
    assert CompanyAlias.objects.filter(company=company, name="ACME Inc.").exists()

    import_undo(batch=result.batch)
    company.refresh_from_db()
    assert (company.phone, company.website) == ("", "https://acme.com")
    assert not Person.objects.filter(owner=owner).exists()


@pytest.mark.django_db
def test_importing_the_card_again_changes_nothing(owner: User) -> None:
    run(owner, "vcard", companies=[acme()])
    before = list(Company.objects.values_list("pk", "name", "phone", "website", "notes"))
    again = run(owner, "vcard", companies=[acme()])
    after = list(Company.objects.values_list("pk", "name", "phone", "website", "notes"))
    assert after == before
    assert again.counts["companies"]["created"] == 0
    assert again.counts["companies"]["updated"] == 0


@pytest.mark.django_db
def test_a_web_address_that_cannot_be_stored_is_left_out(owner: User) -> None:
    run(owner, "vcard", companies=[acme(urls=["not a url", "https://" + "a" * 300])])
    assert Company.objects.get(owner=owner).website == ""
