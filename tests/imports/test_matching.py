"""Matching keys and decisions, without a database."""

from __future__ import annotations

import pytest
from nicknames import NickNamer

from rapport.imports.match import Decision, Profile, compare, email_key, keys, name_parts, phone_key
from rapport.imports.match.index import MAX_BLOCK, PersonIndex
from rapport.imports.match.keys import name_block_keys


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Ana.Souza+jobs@GoogleMail.com", "anasouza@gmail.com"),
        ("ANA.SOUZA@gmail.com", "anasouza@gmail.com"),
        ("A.B+news@Acme.com", "a.b+news@acme.com"),
        ("mailto:ana@acme.org", "ana@acme.org"),
        ("not an email", ""),
        ("@acme.com", ""),
    ],
)
def test_email_keys_casefold_and_ignore_dots_and_tags_only_at_gmail(raw: str, key: str) -> None:
    assert email_key(raw) == key


def test_phone_numbers_written_differently_meet_in_e164() -> None:
    written = ["(415) 555-0123", "+1 415 555 0123", "415.555.0123", "tel:+14155550123"]
    assert {phone_key(p, "US") for p in written} == {"+14155550123"}


def test_a_number_with_a_country_code_ignores_the_default_region() -> None:
    assert phone_key("+44 20 7946 0958", "US") == phone_key("020 7946 0958", "GB")


def test_numbers_phonenumbers_cannot_read_fall_back_to_their_digits() -> None:
    assert phone_key("555 0199 888 777 666 555 4", "US") == "55501998887776665554"


@pytest.mark.parametrize("junk", ["", "1234", "000-000-0000", "ext. 12"])
def test_short_numbers_and_placeholders_are_not_keys(junk: str) -> None:
    assert phone_key(junk, "US") == ""


@pytest.mark.parametrize(
    ("args", "first", "last", "middle"),
    [
        (("Dr. Ana M. Souza",), "ana", "souza", "m"),
        (("", "Ana", "Smith, PhD"), "ana", "smith", ""),
        (("Ana Smith, PhD",), "ana", "smith", ""),
        (("Souza, Ana",), "ana", "souza", ""),
        (("Laura van der Berg",), "laura", "van der berg", ""),
        (("José Núñez",), "jose", "nunez", ""),
        (("Bill 'Billy' Smith (he/him)",), "bill", "smith", ""),
        (("", "Ana Maria", "Souza Jr."), "ana", "souza", "m"),
        (("Yo-Yo Ma",), "yo", "ma", "y"),
    ],
)
def test_name_parts_keep_first_and_last_names_only(
    args: tuple[str, ...], first: str, last: str, middle: str
) -> None:
    parts = name_parts(*args)
    assert parts is not None
    assert (parts.first, parts.last, parts.middle_initials) == (first, last, middle)


def test_a_single_name_gives_nothing_to_match_on() -> None:
    assert name_parts("Ana") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bill Smith", "William Smith"), ("Kate Lee", "Katherine Lee"), ("José Pérez", "Jose Perez")],
)
def test_nicknames_and_accents_share_a_block_key(a: str, b: str) -> None:
    parts_a, parts_b = name_parts(a), name_parts(b)
    assert parts_a is not None
    assert parts_b is not None
    assert set(name_block_keys(parts_a)) & set(name_block_keys(parts_b))


def _profile(name: str, **fields: object) -> Profile:
    return Profile(name=name_parts(name), **fields)  # type: ignore[arg-type]


def test_a_shared_linkedin_profile_merges_even_across_a_change_of_name() -> None:
    verdict = compare(
        _profile("Ana Lima", linkedin="linkedin.com/in/ana"),
        _profile("Ana Souza", linkedin="linkedin.com/in/ana"),
    )
    assert verdict.decision == Decision.MERGE
    assert verdict.evidence["keys"] == {"linkedin": "linkedin.com/in/ana"}


def test_a_shared_inbox_between_clearly_different_names_is_only_reviewed() -> None:
    verdict = compare(
        _profile("Ana Souza", emails={"team@acme.com"}),
        _profile("Bruno Costa", emails={"team@acme.com"}),
    )
    assert verdict.decision == Decision.REVIEW


def test_two_linkedin_profiles_are_two_people() -> None:
    verdict = compare(
        _profile("Ana Souza", linkedin="linkedin.com/in/a", companies={"acme"}),
        _profile("Ana Souza", linkedin="linkedin.com/in/b", companies={"acme"}),
    )
    assert verdict.decision == Decision.APART


def test_the_same_name_at_the_same_company_merges() -> None:
    verdict = compare(
        _profile("Bill Smith", companies={"google"}),
        _profile("William Smith", companies={"google"}),
    )
    assert verdict.decision == Decision.MERGE
    assert verdict.evidence["rule"] == "same name, same employer"


def test_the_same_name_with_another_work_email_at_the_same_domain_is_only_reviewed() -> None:
    # Two addresses at Stripe: one Ana Souza with an alias, or two Ana Souzas at Stripe.
    verdict = compare(
        _profile("Ana Souza", emails={"ana@stripe.com"}),
        _profile("Ana Souza", emails={"asouza@stripe.com"}),
    )
    assert verdict.decision == Decision.REVIEW


def test_the_same_name_with_different_employer_and_email_is_never_merged() -> None:
    verdict = compare(
        _profile("Ana Souza", companies={"acme"}, emails={"ana@acme.com"}),
        _profile("Ana Souza", companies={"globex"}, emails={"ana@globex.com"}),
    )
    assert verdict.decision == Decision.REVIEW
    assert verdict.evidence["rule"] == "same name, different employer and email"


def test_different_middle_initials_stop_a_merge_on_name_and_company() -> None:
    verdict = compare(
        _profile("John A. Smith", companies={"acme"}), _profile("John B. Smith", companies={"acme"})
    )
    assert verdict.decision == Decision.REVIEW


def test_an_index_skips_keys_so_common_they_identify_nobody() -> None:
    index: PersonIndex[int] = PersonIndex()
    for number in range(MAX_BLOCK + 1):
        index.add(number, Profile(phones={"+14155550000"}))
    assert index.candidates(Profile(phones={"+14155550000"})) == []
    index.add(999, Profile(phones={"+14155550000", "+14155550001"}))
    assert index.candidates(Profile(phones={"+14155550001"})) == [999]


def test_an_index_that_forgets_crowds_finds_whom_one_that_keeps_them_finds() -> None:
    keeping: PersonIndex[int] = PersonIndex()
    forgetting: PersonIndex[int] = PersonIndex()
    forgetting.forget_crowds()
    for index in (keeping, forgetting):
        for number in range(MAX_BLOCK + 5):
            index.add(number, Profile(phones={"+14155550000", f"+1415555{number:04d}"}))
        index.add(3, Profile(phones={"+14155550000"}))  # again: counted once
    for phones in ({"+14155550000"}, {"+14155550000", "+14155550007"}, {"+14155550049"}):
        found = forgetting.candidates(Profile(phones=phones))
        assert found == keeping.candidates(Profile(phones=phones))
    assert forgetting.holders("p:+14155550000") > MAX_BLOCK
    assert keeping.holders("p:+14155550000") == MAX_BLOCK + 5
    assert forgetting.holders("p:+14155550007") == keeping.holders("p:+14155550007") == 1
    assert forgetting.by_key("p:+14155550000") == []


def test_a_shared_linkedin_profile_between_two_first_names_is_only_reviewed() -> None:
    verdict = compare(
        _profile("Bruno Costa", linkedin="linkedin.com/in/ana"),
        _profile("Ana Souza", linkedin="linkedin.com/in/ana"),
    )
    assert verdict.decision == Decision.REVIEW


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Smith", "William Smith"),
        ("Kate Lee", "Katherine Lee"),
        ("Kathy Lee", "Kate Lee"),
        ("Bob Jones", "Robert Jones"),
        ("Liz Park", "Elizabeth Park"),
        ("Peggy Ray", "Margaret Ray"),
        ("Dick Ray", "Richard Ray"),
    ],
)
def test_a_nickname_of_the_same_name_at_the_same_company_merges(a: str, b: str) -> None:
    verdict = compare(_profile(a, companies={"acme"}), _profile(b, companies={"acme"}))
    assert verdict.decision == Decision.MERGE
    assert verdict.evidence["name"]["first"] == "nickname"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("William Smith", "Robert Smith"),  # both "Bill" in the nicknames table
        ("Lena Fischer", "Katherine Fischer"),  # listed, but nothing alike
        ("Susan Reyes", "Hannah Reyes"),
    ],
)
def test_first_names_linked_only_loosely_by_the_nicknames_table_never_merge(a: str, b: str) -> None:
    verdict = compare(_profile(a, companies={"acme"}), _profile(b, companies={"acme"}))
    assert verdict.decision != Decision.MERGE
    assert verdict.evidence["name"]["first"] == "different"


def test_same_first_name_names_the_formal_form() -> None:
    from rapport.imports.match.keys import same_first_name

    assert same_first_name("bill", "william") == "william"
    assert same_first_name("kate", "kathy") == "katherine"
    assert same_first_name("william", "robert") == ""
    assert same_first_name("ana", "ana") == "ana"


def test_accents_that_do_not_decompose_still_match() -> None:
    verdict = compare(
        _profile("Søren Ayd\u0131n", companies={"acme"}),
        _profile("SOREN AYDIN", companies={"acme"}),
    )
    assert verdict.decision == Decision.MERGE


# --- nicknames in both orders ---------------------------------------------------------------


def _table_pairs() -> list[tuple[str, str]]:
    """Every (nickname, formal name) pair of the nicknames table and the irregular forms."""
    table = NickNamer().nickname_lookup  # formal name -> its nicknames, as keys.py reads it
    listed = {(nick, formal) for formal, nicks in table.items() for nick in nicks}
    return sorted(listed | set(keys.IRREGULAR_NICKNAMES))


def test_the_whole_nickname_table_gives_one_answer_in_either_order() -> None:
    pairs = _table_pairs()
    assert len(pairs) > 1000  # the table really was read
    one_way = [(a, b) for a, b in pairs if keys.same_first_name(a, b) != keys.same_first_name(b, a)]
    assert one_way == []


@pytest.mark.parametrize(("nickname", "formal"), sorted(keys.IRREGULAR_NICKNAMES))
def test_every_irregular_nickname_matches_its_formal_name_in_both_orders(
    nickname: str, formal: str
) -> None:
    assert keys.same_first_name(nickname, formal) == formal
    assert keys.same_first_name(formal, nickname) == formal
    a, b = name_parts(f"{nickname} Ray"), name_parts(f"{formal.title()} Ray")
    assert a is not None
    assert b is not None
    assert set(name_block_keys(a)) & set(name_block_keys(b))  # they meet to be compared


@pytest.mark.parametrize(
    ("a", "b"),
    [("Pepe Ruiz", "José Ruiz"), ("Nancy Ray", "Ann Ray"), ("Anne Ray", "Nancy Ray"),
     ("Mary Ray", "Polly Ray")],
)  # fmt: skip
def test_nicknames_whose_formal_name_is_no_longer_merge_at_the_same_company(a: str, b: str) -> None:
    for one, other in ((a, b), (b, a)):
        verdict = compare(_profile(one, companies={"acme"}), _profile(other, companies={"acme"}))
        assert verdict.decision == Decision.MERGE
        assert verdict.evidence["name"]["first"] == "nickname"


# --- shared phone numbers -------------------------------------------------------------------

PHONE = {"+14155550123"}


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bill Smith", "William Smith"), ("J. Smith", "John Smith"), ("JOSÉ NÚÑEZ", "jose nunez"),
     ("Ana Souza", "Ana Souza"), ("Wang Wei", "Wei Wang"), ("Grace Smith", "Grace Smiht"),
     ("Larua Williams", "Laura Williams"), ("Phillip Moss", "Philip Moss")],
)  # fmt: skip
def test_a_shared_number_merges_names_alike_but_for_nicknames_initials_case_accents_order(
    a: str, b: str
) -> None:
    # and a slip in the last name: no family has two Graces, Smith and Smiht
    verdict = compare(_profile(a, phones=PHONE), _profile(b, phones=PHONE))
    assert verdict.decision == Decision.MERGE


@pytest.mark.parametrize(
    ("a", "b"),
    [("Daniela Smith", "Daniel Smith"), ("Carol Weber", "Carl Weber"),
     ("Christian Phan", "Christina Phan"),
     ("Marie Mendes", "Maria Mendes"), ("Emma Smith", "John Smith"), ("Ana Souza", "Bruno Costa"),
     ("John A. Smith", "John B. Smith")],
)  # fmt: skip
def test_a_shared_number_never_merges_names_that_differ(a: str, b: str) -> None:
    verdict = compare(_profile(a, phones=PHONE), _profile(b, phones=PHONE))
    assert verdict.decision != Decision.MERGE


def test_a_shared_number_and_employer_with_a_slip_in_the_first_name_is_only_reviewed() -> None:
    verdict = compare(
        _profile("Mariama Silva", phones=PHONE, companies={"acme"}),
        _profile("Mariana Silva", phones=PHONE, companies={"acme"}),
    )
    assert verdict.decision == Decision.REVIEW


@pytest.mark.parametrize(
    ("a", "b"),
    [("Irina Zhou", "Irina Zhu"), ("Laura Kang", "Laura King"), ("Andrew Li", "Andrei Li"),
     ("Amara Gallego", "Amara Gallo")],
)  # fmt: skip
def test_names_a_letter_apart_at_one_employer_never_merge(a: str, b: str) -> None:
    verdict = compare(_profile(a, companies={"acme"}), _profile(b, companies={"acme"}))
    assert verdict.decision != Decision.MERGE


# --- one name, one employer, two people -----------------------------------------------------


def test_the_same_name_at_one_employer_with_two_work_addresses_is_only_reviewed() -> None:
    verdict = compare(
        _profile("John Smith", companies={"acme"}, emails={"john.smith@acme.com"}),
        _profile("John Smith", companies={"acme"}, emails={"jsmith@acme.com"}),
    )
    assert verdict.decision == Decision.REVIEW
    assert verdict.evidence["rule"] == "same name, same employer, different work addresses"


@pytest.mark.parametrize(
    ("key", "role"),
    [("info@acme.com", True), ("office@smith.example", True), ("ana@acme.com", False),
     ("information.desk.ana@acme.com", False)],
)  # fmt: skip
def test_an_offices_mailbox_is_told_from_a_persons(key: str, role: bool) -> None:
    assert keys.role_address(key) is role


@pytest.mark.parametrize(
    ("a", "b"),
    [("Laura Kelly", "Laura Kely"), ("Larua Kelly", "Laura Kelly"), ("Matthew Li", "Mathew Li")],
)
def test_two_letters_swapped_or_one_doubled_is_one_name_at_one_employer(a: str, b: str) -> None:
    verdict = compare(_profile(a, companies={"acme"}), _profile(b, companies={"acme"}))
    assert verdict.decision == Decision.MERGE
