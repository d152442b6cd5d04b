"""The hard cases of identity the benchmark's strata measure, each as a user would see it."""

from __future__ import annotations

from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.people.models import Person


def _names(owner: User) -> list[str]:
    return sorted(Person.objects.filter(owner=owner).values_list("full_name", flat=True))


def test_a_new_last_name_with_the_same_personal_address_is_one_person(owner: User) -> None:
    run(owner, "vcard", contacts=[
        contact("v1", "Ana Souza", emails=["ana.s.1987@gmail.com"], company="Acme"),
        contact("v2", "Ana Lima", emails=["anas1987@gmail.com"], company="Globex"),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 1


def test_a_shared_address_between_two_first_names_is_still_only_reviewed(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "Ana Souza", emails=["souzas@gmail.com"]),
        contact("v2", "Bruno Lima", emails=["souzas@gmail.com"]),
    ])  # fmt: skip
    assert _names(owner) == ["Ana Souza", "Bruno Lima"]
    assert result.review == 1


def test_one_name_written_another_way_is_one_person_at_the_same_employer(owner: User) -> None:
    run(owner, "vcard", contacts=[
        contact("v1", "Patricia Kelly", company="Initech"),
        contact("v2", "Kelly Patricia", company="Initech Inc."),  # first and last swapped
        contact("v5", "Patricia Kely", company="Initech"),  # a doubled letter lost: a slip
        contact("v3", "Aleksandr Petrov", company="Initech"),
        contact("v4", "Alexander Petrov", company="initech"),  # another transliteration
    ])  # fmt: skip
    assert _names(owner) == ["Aleksandr Petrov", "Patricia Kelly"]


def test_names_a_letter_apart_at_one_employer_are_only_reviewed(owner: User) -> None:
    # A slip of the pen, or two people (Irina Zhou and Irina Zhu at one large employer).
    result = run(owner, "vcard", contacts=[
        contact("v1", "Patricia Kelly", company="Initech"),
        contact("v2", "Paticia Kelly", company="Initech Inc."),
        contact("v3", "Irina Zhou", company="Initech"),
        contact("v4", "Irina Zhu", company="Initech"),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 4
    assert result.review == 2


def test_an_initial_at_the_same_employer_is_only_reviewed(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "John Smith", company="Initech"),
        contact("v2", "J. Smith", company="Initech"),  # John, or James?
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 2
    assert result.review == 1


def test_siblings_a_letter_apart_on_one_landline_stay_two(owner: User) -> None:
    landline = "+1 415 555 0199"
    result = run(owner, "vcard", contacts=[
        contact("v1", "Daniel Weber", phones=[landline]),
        contact("v2", "Daniela Weber", phones=[landline]),
        contact("v3", "Marie Mendes", phones=["+1 415 555 0198"]),
        contact("v4", "Maria Mendes", phones=["+1 415 555 0198"]),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 4
    assert result.review == 2
