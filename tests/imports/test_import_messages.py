"""Messages, invitations and the user's own positions."""

from __future__ import annotations

import datetime as dt

from tests.imports.import_builders import contact, invitation, message, position, run, utc

from rapport.accounts.models import User
from rapport.conversations.models import Conversation
from rapport.imports.merge.threads import NOTES_LIMIT
from rapport.imports.models import Position
from rapport.imports.selectors import positions_list
from rapport.people.models import Person
from rapport.people.selectors import person_last_contacted

ME = ("Olivia Owner", "https://www.linkedin.com/in/olivia")
ANA = ("Ana Souza", "https://www.linkedin.com/in/ana-souza")
BRUNO = ("Bruno Costa", "https://www.linkedin.com/in/bruno")


def test_messages_become_one_conversation_per_thread_per_day(owner: User) -> None:
    result = run(
        owner,
        contacts=[contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1])],
        messages=[
            message("t1", ME, [ANA], utc(2024, 5, 1, 9), "Coffee next week?"),
            message("t1", ANA, [ME], utc(2024, 5, 1, 18), "Sure, Tuesday?"),
            message("t1", ME, [ANA], utc(2024, 5, 3), "Thanks for your time!"),
            message("t2", BRUNO, [ME], utc(2024, 4, 1), "Hello"),
        ],
    )
    assert result.counts["conversations"]["created"] == 3
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    days = Conversation.objects.filter(owner=owner, participants=ana).order_by("occurred_on")
    assert [c.occurred_on for c in days] == [dt.date(2024, 5, 1), dt.date(2024, 5, 3)]
    assert {c.channel for c in days} == {"linkedin"}
    assert days[0].notes == "Me: Coffee next week?\nAna Souza: Sure, Tuesday?"
    assert person_last_contacted(person=ana) == dt.date(2024, 5, 3)


def test_the_user_is_never_made_into_a_person(owner: User) -> None:
    run(
        owner,
        messages=[
            message("t1", ME, [ANA], utc(2024, 5, 1)),
            message("t2", BRUNO, [ME], utc(2024, 5, 2)),
            message("t3", ("Olivia Owner", ""), [("Dan Ek", "")], utc(2024, 5, 3)),
        ],
    )
    names = set(Person.objects.filter(owner=owner).values_list("full_name", flat=True))
    assert names == {"Ana Souza", "Bruno Costa", "Dan Ek"}


def test_someone_known_only_from_messages_is_found_again_by_their_profile(owner: User) -> None:
    run(owner, messages=[message("t1", BRUNO, [ME], utc(2024, 4, 1))])
    run(owner, messages=[message("t9", ME, [BRUNO], utc(2024, 7, 1)),
                         message("t8", ME, [ANA], utc(2024, 7, 1))])  # fmt: skip
    assert Person.objects.filter(owner=owner, full_name="Bruno Costa").count() == 1


def test_messages_from_linkedin_member_have_no_participant(owner: User) -> None:
    result = run(
        owner,
        messages=[
            message("t1", ("LinkedIn Member", ""), [ME], utc(2024, 5, 1)),
            message("t2", ME, [ANA], utc(2024, 5, 1)),
            message("t3", ME, [ANA], utc(2024, 5, 2)),
        ],
    )
    assert result.counts["conversations"]["skipped"] == 1
    assert not Person.objects.filter(owner=owner, full_name="LinkedIn Member").exists()


def test_conversation_notes_keep_the_first_500_characters_of_the_day(owner: User) -> None:
    long = "word " * 200
    run(
        owner,
        messages=[
            message("t1", ANA, [ME], utc(2024, 5, 1), long, subject="Intro"),
            message("t2", ME, [BRUNO], utc(2024, 5, 1)),
        ],
    )
    notes = Conversation.objects.get(owner=owner, participants__full_name="Ana Souza").notes
    assert notes.startswith("Subject: Intro\nAna Souza: word word")
    assert len(notes) == NOTES_LIMIT
    assert notes.endswith("…")


def test_an_invitation_note_becomes_how_we_met(owner: User) -> None:
    result = run(
        owner,
        contacts=[
            contact(BRUNO[1], first_name="Bruno", last_name="Costa", linkedin_url=BRUNO[1],
                    connected_on=dt.date(2023, 1, 6)),
            contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1],
                    connected_on=dt.date(2021, 3, 7)),
        ],
        invitations=[
            invitation(from_name="Bruno Costa", to_name="Olivia Owner", sent_at=utc(2023, 1, 5),
                       message="We met at PyCon", direction="INCOMING", inviter_url=BRUNO[1]),
        ],
    )  # fmt: skip
    assert result.counts["invitations"]["updated"] == 1  # used, not "unchanged"
    bruno = Person.objects.get(owner=owner, full_name="Bruno Costa")
    assert bruno.how_we_met == "LinkedIn invitation (received 5 Jan 2023): We met at PyCon"
    assert bruno.connected_on == dt.date(2023, 1, 6)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    assert ana.how_we_met == "Connected on LinkedIn"
    assert ana.connected_on == dt.date(2021, 3, 7)


def test_an_invitation_to_someone_known_before_fills_an_empty_how_we_met(owner: User) -> None:
    run(owner, contacts=[contact(ANA[1], "Ana Souza", linkedin_url=ANA[1])])
    result = run(
        owner,
        invitations=[
            invitation(from_name="Olivia Owner", to_name="Ana Souza", sent_at=None,
                       message="Loved your talk", direction="OUTGOING", invitee_url=ANA[1]),
        ],
    )  # fmt: skip
    assert result.counts["invitations"]["updated"] == 1
    assert Person.objects.get(owner=owner).how_we_met == "LinkedIn invitation: Loved your talk"


def test_own_positions_are_kept_with_their_companies(owner: User) -> None:
    result = run(
        owner,
        positions=[
            position("Initech", "Analyst", started_on=dt.date(2018, 2, 1),
                     finished_on=dt.date(2020, 6, 1)),
            position("Stripe, Inc.", "Engineer", started_on=dt.date(2020, 7, 1)),
        ],
    )  # fmt: skip
    assert result.counts["positions"]["created"] == 2
    jobs = list(positions_list(owner=owner))
    assert [(p.company.name, p.title, p.is_current) for p in jobs] == [
        ("Stripe, Inc.", "Engineer", True),
        ("Initech", "Analyst", False),
    ]
    run(owner, positions=[position("Stripe", "Engineer", started_on=dt.date(2020, 7, 1),
                                   finished_on=dt.date(2025, 1, 31))])  # fmt: skip
    assert Position.objects.get(owner=owner, title="Engineer").finished_on == dt.date(2025, 1, 31)


def test_in_a_single_thread_the_user_is_the_one_who_is_not_a_contact(owner: User) -> None:
    run(
        owner,
        contacts=[contact(ANA[1], first_name="Ana", last_name="Souza", linkedin_url=ANA[1])],
        messages=[
            message("t1", ANA, [ME], utc(2024, 5, 1)),
            message("t1", ANA, [ME], utc(2024, 5, 1)),
        ],
    )
    assert not Person.objects.filter(owner=owner, full_name="Olivia Owner").exists()
    assert Conversation.objects.get(owner=owner).participants.get().full_name == "Ana Souza"


def test_a_new_day_in_an_old_thread_becomes_a_new_conversation(owner: User) -> None:
    first = [message("t1", ME, [ANA], utc(2024, 5, 1)), message("t2", ME, [BRUNO], utc(2024, 5, 1))]
    run(owner, messages=first)
    later = run(owner, messages=[*first, message("t1", ANA, [ME], utc(2024, 6, 1), "Back!")])
    assert later.counts["conversations"]["created"] == 1
    assert later.counts["conversations"]["unchanged"] == 2
    assert later.counts["people"]["created"] == 0
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    assert person_last_contacted(person=ana) == dt.date(2024, 6, 1)
