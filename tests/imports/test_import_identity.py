"""Who the user is in their messages, and what the messages call everyone else."""

from __future__ import annotations

import datetime as dt

from tests.imports.import_builders import contact, message, run, utc

from rapport.accounts.models import User
from rapport.conversations.models import Conversation
from rapport.imports.history.undo import import_undo
from rapport.imports.parse.records import MessageRecord
from rapport.people.models import Person

ME = ("Olivia Owner", "https://www.linkedin.com/in/olivia")
ANA = ("Ana Souza", "https://www.linkedin.com/in/ana-souza")
BRUNO = ("Bruno Costa", "https://www.linkedin.com/in/bruno")
RITA = ("Rita Recruiter", "https://www.linkedin.com/in/rita")
ANN = ("Ann Lee", "https://www.linkedin.com/in/annlee")
CARL = ("Carl Ng", "https://www.linkedin.com/in/carlng")


def _export() -> list[MessageRecord]:
    """Two threads: the user is the one in both."""
    return [message("t1", ME, [ANA], utc(2024, 4, 1)), message("t2", BRUNO, [ME], utc(2024, 4, 2))]


def _one_thread(me: tuple[str, str] = ME, rita: tuple[str, str] = RITA) -> list[MessageRecord]:
    """Rita writes twice, the user answers once: alone, either could be the user."""
    return [
        message("t9", rita, [me], utc(2024, 5, 1, 9), "We're hiring"),
        message("t9", rita, [me], utc(2024, 5, 2, 9), "Following up"),
        message("t9", me, [rita], utc(2024, 5, 2, 10), "Thanks!"),
    ]


def _names(owner: User) -> set[str]:
    return set(Person.objects.filter(owner=owner).values_list("full_name", flat=True))


def _notes(owner: User, day: dt.date) -> str:
    return Conversation.objects.get(owner=owner, occurred_on=day).notes


def test_a_later_single_thread_knows_the_user_from_an_earlier_import(owner: User) -> None:
    run(owner, messages=_export())
    result = run(owner, messages=_one_thread())
    assert _names(owner) == {"Ana Souza", "Bruno Costa", "Rita Recruiter"}
    assert _notes(owner, dt.date(2024, 5, 2)) == "Rita Recruiter: Following up\nMe: Thanks!"
    assert result.warnings == []


def test_the_user_is_known_by_name_in_messages_without_profile_urls(owner: User) -> None:
    run(owner, messages=_export())
    result = run(owner, messages=_one_thread(me=(ME[0], ""), rita=(RITA[0], "")))
    assert _names(owner) == {"Ana Souza", "Bruno Costa", "Rita Recruiter"}
    # What it remembers still has the profile, for the next file that has URLs.
    result.batch.refresh_from_db()
    assert result.batch.user_identity == {"linkedin": "linkedin.com/in/olivia", "name": ME[0]}


def test_a_connection_is_not_the_user_and_the_user_is_remembered(owner: User) -> None:
    first = run(
        owner,
        contacts=[contact(ANA[1], "Ana Souza", linkedin_url=ANA[1])],
        messages=[
            message("t1", ANA, [ME], utc(2024, 4, 1)),
            message("t1", ANA, [ME], utc(2024, 4, 1)),
            message("t1", ME, [ANA], utc(2024, 4, 2)),
        ],
    )
    assert first.warnings == []
    run(owner, messages=_one_thread())
    assert _names(owner) == {"Ana Souza", "Rita Recruiter"}


def test_a_connection_from_an_earlier_import_is_not_the_user(owner: User) -> None:
    run(owner, contacts=[contact(RITA[1], "Rita Recruiter", linkedin_url=RITA[1])])
    result = run(owner, messages=_one_thread())
    assert _names(owner) == {"Rita Recruiter"}
    assert result.warnings == []


def test_a_single_thread_alone_says_whom_it_took_for_the_user(owner: User) -> None:
    result = run(owner, messages=_one_thread())
    (taken,) = {ME[0], RITA[0]} - _names(owner)
    (warning,) = result.warnings
    assert taken in warning
    assert "whole LinkedIn export" in warning
    # A guess is not remembered: the next single thread is no surer.
    again = run(owner, messages=[message("t7", ME, [ANA], utc(2024, 6, 1))])
    assert len(again.warnings) == 1


def test_an_undone_import_takes_what_it_taught_about_the_user_with_it(owner: User) -> None:
    taught = run(owner, messages=_export())
    import_undo(batch=taught.batch)
    result = run(owner, messages=_one_thread())
    assert len(result.warnings) == 1


def test_group_recipients_are_named_by_the_rows_that_name_them(owner: User) -> None:
    # "Ann Lee, PhD, Carl Ng" with two profile URLs: which name goes with which is unknown.
    run(
        owner,
        messages=[
            message("g1", ME, [("", ANN[1]), ("", CARL[1])], utc(2024, 5, 1, 23)),
            message("g1", ANN, [("", ME[1]), ("", CARL[1])], utc(2024, 5, 2, 0)),
            message("g3", ME, [CARL], utc(2024, 5, 3)),
        ],
    )
    assert _names(owner) == {"Ann Lee", "Carl Ng"}
    ann = Person.objects.get(owner=owner, linkedin_key="linkedin.com/in/annlee")
    assert (ann.first_name, ann.last_name) == ("Ann", "Lee")


def test_someone_named_by_their_profile_gets_their_name_when_messages_name_them(
    owner: User,
) -> None:
    run(
        owner,
        messages=[
            message("g1", ME, [("", ANN[1]), ("", CARL[1])], utc(2024, 5, 1)),
            message("g2", ME, [BRUNO], utc(2024, 5, 1)),
        ],
    )
    assert "linkedin.com/in/annlee" in _names(owner)  # nothing in that file names her
    result = run(owner, messages=[message("g4", ANN, [ME], utc(2024, 6, 1))])
    ann = Person.objects.get(owner=owner, linkedin_key="linkedin.com/in/annlee")
    assert (ann.full_name, ann.first_name, ann.last_name) == ("Ann Lee", "Ann", "Lee")
    assert result.counts["people"]["updated"] == 1
    assert Person.objects.filter(owner=owner, full_name="Ann Lee").count() == 1
    import_undo(batch=result.batch)
    ann.refresh_from_db()
    assert ann.full_name == "linkedin.com/in/annlee"


def test_someone_named_by_their_profile_gets_their_name_from_a_connection(owner: User) -> None:
    run(owner, messages=[message("g1", ME, [("", ANN[1]), ("", CARL[1])], utc(2024, 5, 1)),
                         message("g2", ME, [BRUNO], utc(2024, 5, 1))])  # fmt: skip
    result = run(
        owner, contacts=[contact(ANN[1], first_name="Ann", last_name="Lee", linkedin_url=ANN[1])]
    )
    ann = Person.objects.get(owner=owner, linkedin_key="linkedin.com/in/annlee")
    assert (ann.full_name, ann.first_name, ann.last_name) == ("Ann Lee", "Ann", "Lee")
    assert ann.name_key == "ann lee"
    assert result.counts["people"]["merged"] == 1
    import_undo(batch=result.batch)
    ann.refresh_from_db()
    assert ann.full_name == "linkedin.com/in/annlee"  # undo gives the old name back


def test_a_nul_character_in_the_users_name_is_dropped_not_an_error(owner: User) -> None:
    """PostgreSQL refuses a NUL in JSON as in text: what is remembered of the user loses it."""
    me = ("Olivia\x00 Owner", ME[1])
    threads = [
        message("t1", me, [ANA], utc(2024, 4, 1)),
        message("t2", BRUNO, [me], utc(2024, 4, 2)),
    ]
    result = run(owner, messages=threads)
    result.batch.refresh_from_db()
    assert result.batch.user_identity == {"linkedin": "linkedin.com/in/olivia", "name": ME[0]}
