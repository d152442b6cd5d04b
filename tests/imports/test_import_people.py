"""Contacts become people: merged on strong keys and on names with an agreeing employer."""

from __future__ import annotations

import pytest
from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.companies.models import Company, CompanyAlias, Employment
from rapport.imports.models import CandidateStatus, Merge, MergeCandidate
from rapport.imports.selectors import review_queue
from rapport.people.models import ContactPoint, Person
from rapport.people.services import person_create, person_set_contact_points

ANA_URL = "https://www.linkedin.com/in/ana-souza/"


@pytest.mark.parametrize(
    ("shared", "fields"),
    [
        ("email", {"emails": ["Ana.Souza@GMAIL.com"]}),
        ("linkedin", {"urls": ["http://linkedin.com/in/Ana-Souza"]}),
        ("phone", {"phones": ["+1 415-555-0123"]}),
    ],
)
def test_a_card_sharing_a_strong_key_merges_even_when_the_employer_differs(
    owner: User, shared: str, fields: dict[str, list[str]]
) -> None:
    run(
        owner,
        "csv",
        contacts=[
            contact(
                "row-1",
                "Ana Souza",
                emails=["anasouza@gmail.com"],
                phones=["(415) 555-0123"],
                linkedin_url=ANA_URL,
                company="Globex",
            )
        ],
    )
    result = run(
        owner, "vcard", contacts=[contact("uid-1", "Ana Souza", company="Initech", **fields)]
    )
    assert result.counts["people"]["merged"] == 1
    assert Person.objects.filter(owner=owner).count() == 1
    merge = Merge.objects.get(owner=owner)
    assert shared in merge.evidence["keys"]
    assert ContactPoint.objects.filter(owner=owner, kind="phone").count() == 1


@pytest.mark.parametrize(
    ("linkedin", "card"),
    [
        (("William", "Smith"), "Bill Smith"),
        (("Katherine", "Lee"), "Kate Lee"),
        (("José", "Núñez"), "Jose Nunez"),
        (("Ana", "Smith, PhD"), "Ana Smith"),
        (("Ana", "Souza"), "Ana M. Souza"),
        (("Laura", "van der Berg"), "Dr. Laura van der Berg"),
    ],
)
def test_name_variants_with_an_agreeing_company_merge(
    owner: User, linkedin: tuple[str, str], card: str
) -> None:
    first, last = linkedin
    run(owner, contacts=[contact("u1", first_name=first, last_name=last, company="Stripe")])
    run(owner, "vcard", contacts=[contact("uid-1", card, company="Stripe, Inc.")])
    assert Person.objects.filter(owner=owner).count() == 1
    assert Merge.objects.get(owner=owner).evidence["rule"] == "same name, same employer"


def test_the_same_name_with_a_different_employer_and_email_waits_for_review(owner: User) -> None:
    run(
        owner, "csv", contacts=[contact("r1", "Ana Souza", company="Acme", emails=["ana@acme.com"])]
    )
    result = run(
        owner,
        "vcard",
        contacts=[contact("v1", "Ana Souza", company="Globex", emails=["a@globex.com"])],
    )
    assert result.counts["people"] == {
        "created": 1, "updated": 0, "merged": 0, "unchanged": 0, "skipped": 0
    }  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 2
    assert not Merge.objects.exists()
    pair = review_queue(owner=owner).get()
    assert {pair.person_a.full_name, pair.person_b.full_name} == {"Ana Souza"}  # type: ignore[union-attr]
    assert pair.evidence["rule"] == "same name, different employer and email"
    assert result.review == 1


def test_duplicates_inside_one_file_become_one_person(owner: User) -> None:
    result = run(
        owner,
        "csv",
        contacts=[
            contact("r1", "Ana Souza", emails=["ana@acme.com"]),
            contact("r2", "Ana Souza", emails=["ANA@acme.com"], phones=["415 555 0123"]),
        ],
    )
    assert result.counts["people"]["created"] == 1
    assert result.counts["people"]["merged"] == 1
    person = Person.objects.get(owner=owner)
    assert sorted(person.contact_points.values_list("kind", flat=True)) == ["email", "phone"]


def test_two_rows_of_one_connections_file_are_two_people_however_alike(owner: User) -> None:
    result = run(
        owner,
        contacts=[
            contact("row:1", first_name="David", last_name="Chen", company="Google",
                    title="Software Engineer"),
            contact("row:2", first_name="David", last_name="Chen", company="Google",
                    title="Product Manager"),
        ],
    )  # fmt: skip
    assert result.counts["people"]["created"] == 2
    assert sorted(Employment.objects.filter(owner=owner).values_list("title", flat=True)) == [
        "Product Manager",
        "Software Engineer",
    ]
    assert not MergeCandidate.objects.exists()  # not even a question: LinkedIn lists each once


def test_a_card_still_meets_a_connection_of_the_same_name(owner: User) -> None:
    run(owner, contacts=[contact("row:1", first_name="David", last_name="Chen", company="Google")])
    run(owner, "vcard", contacts=[contact("uid-1", "David Chen", company="Google LLC")])
    assert Person.objects.filter(owner=owner).count() == 1


@pytest.mark.parametrize("employer", ["Self-employed", "Freelance", "Stealth Startup", "N/A"])
def test_self_employed_is_no_evidence_of_being_one_person(owner: User, employer: str) -> None:
    run(owner, "csv", contacts=[contact("r1", "David Chen", company=employer)])
    result = run(owner, "vcard", contacts=[contact("v1", "David Chen", company=employer)])
    assert Person.objects.filter(owner=owner).count() == 2
    assert result.review == 1
    assert review_queue(owner=owner).get().evidence["company"] == "unknown"


def test_companies_are_normalised_and_other_spellings_kept_as_aliases(owner: User) -> None:
    result = run(
        owner,
        contacts=[
            contact("u1", "Ana Souza", company="Google"),
            contact("u2", "Bruno Costa", company="Google LLC"),
            contact("u3", "Carla Dias", company="Google Inc."),
            contact("u4", "Dan Ek", company="Google"),
        ],
    )
    company = Company.objects.get(owner=owner)
    assert company.name == "Google"
    assert set(CompanyAlias.objects.filter(company=company).values_list("name", flat=True)) == {
        "Google LLC",
        "Google Inc.",
    }
    assert Employment.objects.filter(owner=owner, company=company, is_current=True).count() == 4
    assert result.counts["companies"]["created"] == 1


def test_an_import_fills_empty_fields_and_keeps_what_the_user_typed(owner: User) -> None:
    person = person_create(owner=owner, full_name="Ana Souza", headline="Typed by me")
    person_set_contact_points(person=person, values=["ana@acme.com"])
    run(
        owner,
        contacts=[
            contact(
                "u1",
                first_name="Ana",
                last_name="Souza",
                linkedin_url=ANA_URL,
                emails=["ana@acme.com"],
                headline="Imported headline",
                location="Lisbon",
                company="Acme",
            )
        ],
    )
    person.refresh_from_db()
    assert person.headline == "Typed by me"
    assert person.location == "Lisbon"
    assert person.linkedin_key == "linkedin.com/in/ana-souza"


def test_someone_with_a_current_job_elsewhere_gets_no_second_job_from_another_source(
    owner: User,
) -> None:
    run(owner, contacts=[contact("u1", "Ana Souza", linkedin_url=ANA_URL, company="Stripe")])
    run(owner, "vcard", contacts=[contact("v1", "Ana Souza", urls=[ANA_URL], company="Old Corp")])
    jobs = Employment.objects.filter(owner=owner, is_current=True)
    assert [job.company.name for job in jobs] == ["Stripe"]


def test_rows_with_nothing_to_go_on_are_skipped(owner: User) -> None:
    result = run(owner, contacts=[contact("u1", ""), contact("u2", "Ana Souza")])
    assert result.counts["people"]["skipped"] == 1
    assert result.counts["people"]["created"] == 1


def test_a_decided_pair_is_not_proposed_again(owner: User) -> None:
    run(owner, "csv", contacts=[contact("r1", "Ana Souza", company="Acme")])
    run(owner, "vcard", contacts=[contact("v1", "Ana Souza", company="Globex")])
    MergeCandidate.objects.update(status=CandidateStatus.KEPT_APART)
    result = run(owner, "vcard", contacts=[contact("v1", "Ana Souza", company="Globex")])
    assert result.review == 0
    assert MergeCandidate.objects.count() == 1


def test_a_linkedin_profile_that_is_someone_elses_is_reported_not_moved(owner: User) -> None:
    run(owner, contacts=[contact(ANA_URL, "Ana Souza", linkedin_url=ANA_URL, company="Acme")])
    result = run(
        owner,
        "csv",
        contacts=[contact("r1", "Bruno Costa", emails=["b@globex.com"], urls=[ANA_URL])],
    )
    assert result.counts["people"]["created"] == 1
    bruno = Person.objects.get(owner=owner, full_name="Bruno Costa")
    assert bruno.linkedin_key == ""
    assert result.errors == [
        "Bruno Costa: the LinkedIn profile linkedin.com/in/ana-souza is already Ana Souza's; "
        "it was not added."
    ]


def test_contact_details_keep_their_labels_and_an_edit_keeps_them(owner: User) -> None:
    card = contact("uid-1", "Ana Souza", emails=["ana@acme.com", "ana@example.com"],
                   phones=["+1 415 555 0100"],
                   labels={"ana@acme.com": "Work", "+1 415 555 0100": "Mobile"})  # fmt: skip
    run(owner, "vcard", contacts=[card])
    ana = Person.objects.get(owner=owner)
    labelled = dict(ana.contact_points.values_list("value", "label"))
    assert labelled == {"ana@acme.com": "Work", "ana@example.com": "", "+1 415 555 0100": "Mobile"}

    person_set_contact_points(person=ana, values=["ana@acme.com", "+1 (415) 555-0100", "@ana"])

    labelled = dict(ana.contact_points.values_list("value", "label"))
    assert labelled == {"ana@acme.com": "Work", "+1 (415) 555-0100": "Mobile", "@ana": ""}


def test_colleagues_sharing_a_switchboard_number_stay_apart(owner: User) -> None:
    office = "+49 89 636 00"
    rows = [
        contact("r1", "Stefan Schmitt", first_name="Stefan", last_name="Schmitt",
                company="Siemens", emails=["stefan@siemens.example"], phones=[office]),
        contact("r2", "Uwe Schmitz", first_name="Uwe", last_name="Schmitz",
                company="Siemens", emails=["uwe@siemens.example"], phones=[office]),
        contact("r3", "Yusuf Schmid", first_name="Yusuf", last_name="Schmid",
                company="Siemens", emails=["yusuf@siemens.example"], phones=[office]),
        contact("r4", "Anna Berg", first_name="Anna", last_name="Berg",
                company="Siemens", emails=["anna@siemens.example"], phones=[office]),
    ]  # fmt: skip
    result = run(owner, "csv", contacts=rows)
    assert result.counts["people"]["created"] == 4
    assert not Merge.objects.exists()
    assert result.review == 0  # a number on four people's cards is no clue about anyone


def test_two_linkedin_profiles_sharing_only_a_number_are_two_people(owner: User) -> None:
    run(owner, contacts=[contact("https://www.linkedin.com/in/jane1", first_name="Jane",
                                 last_name="Doe", linkedin_url="https://www.linkedin.com/in/jane1",
                                 phones=["+1 415 555 0100"])])  # fmt: skip
    result = run(owner, "vcard", contacts=[
        contact("v1", "Jane Doe", urls=["https://www.linkedin.com/in/jane2"],
                phones=["+1 415 555 0100"]),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 2
    assert result.review == 0


def test_one_work_domain_with_two_employers_is_not_enough_to_merge(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "David Chen", company="IBM Research", emails=["dchen@ibm.com"]),
        contact("v2", "David Chen", company="Kyndryl", emails=["david.chen@ibm.com"]),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 2
    assert result.review == 1


def test_a_second_cards_note_is_added_to_the_first(owner: User) -> None:
    run(owner, "vcard", contacts=[
        contact("v1", "Ana Souza", emails=["ana@acme.com"], notes="Met at PyCon."),
        contact("v2", "Ana Souza", emails=["ana@acme.com"], notes="Moved to London in 2023."),
    ])  # fmt: skip
    assert Person.objects.get(owner=owner).notes == "Met at PyCon.\n\nMoved to London in 2023."
