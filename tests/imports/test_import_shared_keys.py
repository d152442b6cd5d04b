"""Numbers and mailboxes shared by several people (a family's landline, an office's info@)
never make them one person."""

from __future__ import annotations

from tests.imports.import_builders import contact, run

from rapport.accounts.models import User
from rapport.imports.models import Merge
from rapport.imports.selectors import review_queue
from rapport.people.models import Person

LANDLINE = "+1 (415) 555-0188"


def _names(owner: User) -> list[str]:
    return sorted(Person.objects.filter(owner=owner).values_list("full_name", flat=True))


def test_a_family_landline_on_every_card_joins_no_one_and_asks_nothing(owner: User) -> None:
    family = ["Maria Garcia", "José Garcia", "Lucía Garcia", "Pablo Garcia"]
    cards = [contact(f"v{n}", name, phones=[LANDLINE]) for n, name in enumerate(family)]
    result = run(owner, "vcard", contacts=cards)
    assert _names(owner) == sorted(family)
    assert not Merge.objects.filter(owner=owner).exists()
    assert result.review == 0  # a number on three or more people is no clue at all


def test_a_parents_mobile_on_a_childs_card_is_only_reviewed(owner: User) -> None:
    mobile = "+44 7700 900123"
    result = run(owner, "vcard", contacts=[
        contact("v1", "Helen Carter", phones=[mobile], emails=["helen@carter.example"]),
        contact("v2", "Helena Carter", phones=[mobile]),  # her daughter, not a nickname
    ])  # fmt: skip
    assert _names(owner) == ["Helen Carter", "Helena Carter"]
    assert result.review == 1
    pair = review_queue(owner=owner).get()
    assert pair.evidence["keys"] == {"phone": ["+447700900123"]}


def test_a_number_already_on_two_people_is_no_evidence_for_a_third(owner: User) -> None:
    run(owner, "vcard", contacts=[
        contact("v1", "Tom Becker", phones=[LANDLINE]),
        contact("v2", "Tom Becker Sr", phones=[LANDLINE], emails=["tb@becker.example"]),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 1  # one name, one number: one Tom
    result = run(owner, "csv", contacts=[
        contact("c1", "Anna Becker", phones=[LANDLINE], file="contacts.csv"),
        contact("c2", "Tim Becker", phones=[LANDLINE], file="contacts.csv"),
        contact("c3", "Toni Becker", phones=[LANDLINE], file="contacts.csv"),
    ])  # fmt: skip
    assert _names(owner) == ["Anna Becker", "Tim Becker", "Tom Becker", "Toni Becker"]
    assert result.review == 0


def test_a_short_local_number_shared_by_strangers_merges_no_one(owner: User) -> None:
    run(owner, "vcard", contacts=[
        contact("v1", "Ana Souza", phones=["5550 1234"]),
        contact("v2", "Bruno Costa", phones=["5550-1234"]),
    ])  # fmt: skip
    assert _names(owner) == ["Ana Souza", "Bruno Costa"]


def test_a_shared_number_still_merges_one_person_written_two_ways(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "William Smith", phones=["+1 415 555 0142"]),
        contact("v2", "BILL SMITH", phones=["(415) 555-0142"]),
        contact("v3", "W. Smith", phones=["415.555.0142"]),
    ])  # fmt: skip
    assert _names(owner) == ["William Smith"]
    assert result.counts["people"]["merged"] == 2


def test_an_offices_info_address_joins_no_one(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "John Smith", emails=["info@smith-plumbing.example"]),
        contact("v2", "Jane Smith", emails=["INFO@smith-plumbing.example"]),
    ])  # fmt: skip
    assert _names(owner) == ["Jane Smith", "John Smith"]
    assert not Merge.objects.filter(owner=owner).exists()
    assert result.review == 0


def test_two_namesakes_at_one_employer_with_their_own_addresses_stay_two(owner: User) -> None:
    result = run(owner, "vcard", contacts=[
        contact("v1", "David Chen", company="Acme", emails=["david.chen@acme.example"]),
        contact("v2", "David Chen", company="Acme Inc.", emails=["dchen2@acme.example"]),
    ])  # fmt: skip
    assert Person.objects.filter(owner=owner).count() == 2
    assert result.review == 1
