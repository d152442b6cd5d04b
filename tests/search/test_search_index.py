"""The index follows every write, whoever makes it, in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from tests.search.search_factories import (
    Find,
    alias,
    company,
    contact,
    conversation,
    job,
    opportunity,
    outcome,
    person,
    tag,
    titles,
)

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.companies.services import employment_add
from rapport.conversations.models import Conversation
from rapport.core.text import fold
from rapport.people.models import Person, Tag
from rapport.people.services import person_create
from rapport.search import schema
from rapport.search.services import search_index_batch, search_index_rebuild


def test_a_person_created_by_the_service_is_findable_at_once(owner: User, find: Find) -> None:
    person_create(owner=owner, full_name="Maria Kowalski")
    assert titles(find("kowalski")) == ["Maria Kowalski"]


def test_an_edit_replaces_the_old_text(owner: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski", notes="likes chess")
    maria.full_name, maria.notes = "Maria Nowak", "likes tennis"
    maria.save()
    assert titles(find("kowalski")) == titles(find("chess")) == []
    assert titles(find("nowak tennis")) == ["Maria Nowak"]


def test_a_deleted_person_is_no_longer_found(owner: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski")
    job(maria, company(owner, "Stripe"))
    tag(maria, "mentor")
    conversation(owner, "coffee", with_=[maria])
    maria.delete()
    assert titles(find("kowalski")) == []
    assert titles(find("stripe")) == ["Stripe"]


def test_adding_a_job_makes_the_person_findable_by_the_company(owner: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski")
    assert titles(find("stripe", types=["person"])) == []
    employment_add(person=maria, company=company(owner, "Stripe"), title="Recruiter")
    assert titles(find("stripe recruiter")) == ["Maria Kowalski"]


def test_removing_a_job_forgets_the_company(owner: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski")
    job(maria, company(owner, "Stripe")).delete()
    assert titles(find("stripe", types=["person"])) == []


def test_renaming_a_company_renames_it_everywhere(owner: User, find: Find) -> None:
    old = company(owner, "Facebook")
    maria = person(owner, "Maria Kowalski")
    job(maria, old)
    conversation(owner, "coffee", with_=[maria], about=[old])
    opportunity(old, "Engineer")
    old.name = "Meta"
    old.save()
    assert find("facebook").total == 0
    assert find("meta").counts == {"person": 1, "company": 1, "conversation": 1, "opportunity": 1}


def test_deleting_a_company_takes_it_out_of_every_document(owner: User, find: Find) -> None:
    stripe = company(owner, "Stripe")
    job(person(owner, "Maria Kowalski"), stripe)
    opportunity(stripe, "Engineer")
    stripe.delete()
    assert find("stripe").total == 0


def test_tags_added_removed_and_renamed_are_followed(owner: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski")
    mentor = tag(maria, "mentor")
    assert titles(find("mentor")) == ["Maria Kowalski"]
    mentor.name = "coach"
    mentor.save()
    assert (find("mentor").total, titles(find("coach"))) == (0, ["Maria Kowalski"])
    maria.tags.remove(mentor)
    assert find("coach").total == 0
    tag(maria, "alumni")
    Tag.objects.filter(name="alumni").delete()
    assert find("alumni").total == 0


def test_contact_points_are_followed(owner: User, find: Find) -> None:
    point = contact(person(owner, "Maria Kowalski"), "maria@example.org")
    assert titles(find("maria@example.org")) == ["Maria Kowalski"]
    point.value = "mk@example.net"
    point.save()
    assert (find("example.org").total, find("example.net").total) == (0, 1)


def test_aliases_are_followed(owner: User, find: Find) -> None:
    google = company(owner, "Google")
    alphabet = alias(google, "Alphabet")
    assert titles(find("alphabet")) == ["Google"]
    alphabet.delete()
    assert find("alphabet").total == 0


def test_outcomes_participants_and_their_names_are_followed(owner: User, find: Find) -> None:
    maria, bo = person(owner, "Maria Kowalski"), person(owner, "Bo Lind")
    talk = conversation(owner, "coffee", with_=[maria])
    outcome(talk, "Apply through the referral portal")
    assert find("portal", types=["conversation"]).total == 1
    talk.participants.add(bo)
    assert find("lind", types=["conversation"]).total == 1
    bo.full_name = "Bo Lindqvist"
    bo.save()
    assert titles(find("lindqvist", types=["conversation"])) == [
        "Conversation with Maria Kowalski, Bo Lindqvist, 2 Nov 2026"
    ]
    talk.participants.remove(maria)
    assert find("kowalski", types=["conversation"]).total == 0
    talk.outcomes.all().delete()
    assert find("portal").total == 0


def test_a_conversation_names_its_people_in_one_order_on_every_database(
    owner: User, find: Find
) -> None:
    # Added the other way round from the order the people were made in: PostgreSQL's
    # string_agg lists them as it reads them unless told the order SQLite reads them in.
    maria, bo = person(owner, "Maria Kowalski"), person(owner, "Bo Lind")
    talk = conversation(owner, "coffee", with_=[bo])
    talk.participants.add(maria)
    talk.save()
    expected = ["Conversation with Maria Kowalski, Bo Lind, 2 Nov 2026"]
    assert titles(find("lind", types=["conversation"])) == expected
    if connection.vendor == "postgresql":  # read the rows as they lie, as a bigger table may
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    search_index_rebuild(owner=owner)
    assert titles(find("kowalski", types=["conversation"])) == expected


def test_a_deleted_conversation_is_no_longer_found(owner: User, find: Find) -> None:
    talk = conversation(owner, "coffee chat")
    outcome(talk, "some advice")
    talk.delete()
    assert find("coffee").total == find("advice").total == 0


def test_bulk_created_rows_are_indexed(owner: User, find: Find) -> None:
    people = Person.objects.bulk_create(
        Person(owner=owner, full_name=f"Person {n}", name_key=fold(f"Person {n}"))
        for n in range(50)
    )
    acme = Company.objects.bulk_create([Company(owner=owner, name="Acme", name_key="acme")])[0]
    Employment.objects.bulk_create(Employment(owner=owner, person=p, company=acme) for p in people)
    assert find("person").counts["person"] == 50
    assert find("acme").counts == {"person": 50, "company": 1, "conversation": 0, "opportunity": 0}


def test_a_rolled_back_write_leaves_no_trace(owner: User, find: Find) -> None:
    def write_then_fail() -> None:
        with transaction.atomic():
            person(owner, "Maria Kowalski")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert find("kowalski").total == 0


def test_rebuilding_gives_the_same_index(owner: User, other: User, find: Find) -> None:
    maria = person(owner, "Maria Kowalski", notes="chess")
    job(maria, company(owner, "Stripe"))
    conversation(owner, "coffee", with_=[maria])
    person(other, "Maria Kowalski")
    before = find("maria")
    assert search_index_rebuild(owner=owner) == 3
    assert find("maria") == before
    assert search_index_rebuild() == 4
    assert find("maria") == before


def test_outdated_triggers_are_replaced_after_migrating(owner: User, find: Find) -> None:
    module = schema.vendor_schema(connection)
    with connection.cursor() as cursor:
        assert module.triggers_installed(cursor)
        cursor.execute(OBSOLETE_TRIGGER[connection.vendor])
        assert not module.triggers_installed(cursor)
    schema.after_migrate(sender=None, using="default")
    with connection.cursor() as cursor:
        assert module.triggers_installed(cursor)
    person(owner, "Maria Kowalski")
    assert find("kowalski").total == 1


OBSOLETE_TRIGGER = {
    "sqlite": "CREATE TRIGGER search_obsolete AFTER INSERT ON people_tag BEGIN SELECT 1; END",
    "postgresql": "CREATE TRIGGER search_obsolete AFTER INSERT ON people_tag "
    "FOR EACH ROW EXECUTE FUNCTION search_truncate_person()",
}


def test_triggers_set_aside_for_migrations_come_back_with_the_writes_made_meanwhile(
    owner: User, find: Find
) -> None:
    schema.before_migrate(sender=None, using="default", plan=[("a migration", False)])
    Conversation.objects.create(owner=owner, occurred_on=dt.date(2026, 1, 5), notes="hackathon")
    schema.after_migrate(sender=None, using="default")
    assert find("hackathon").total == 1
    person(owner, "Maria Kowalski")
    assert find("kowalski").total == 1


def test_a_batch_refreshes_what_its_writes_touched_when_it_ends(owner: User, find: Find) -> None:
    stripe, gone = company(owner, "Stripe"), person(owner, "Gone Person")
    with search_index_batch():
        maria = person(owner, "Maria Kowalski")
        job(maria, stripe, "Recruiter")
        tag(maria, "mentor")
        stripe.name = "Stripe Payments"
        stripe.save()
        outcome(conversation(owner, "coffee", with_=[maria]), "portfolio review")
        gone.delete()
        assert find("kowalski").total == 0  # not yet: the batch refreshes at its end
    assert titles(find("kowalski recruiter mentor payments")) == ["Maria Kowalski"]
    assert titles(find("portfolio", types=["conversation"])) == [
        "Conversation with Maria Kowalski, 2 Nov 2026"
    ]
    assert find("gone").total == 0
    everything = find("stripe maria")
    search_index_rebuild(owner=owner)
    assert find("stripe maria") == everything


def test_writes_after_a_batch_are_indexed_at_once_again(owner: User, find: Find) -> None:
    with search_index_batch():
        person(owner, "Maria Kowalski")
    person(owner, "Bo Lindqvist")
    assert find("lindqvist").total == 1


def test_a_batch_folds_letters_without_an_accent_mark_as_each_write_does(
    owner: User, find: Find
) -> None:
    with search_index_batch():
        person(owner, "Łukasz Nowak", notes="Moved to Łódź in May")
        person(owner, "Ana Souza", notes="Moved to Porto")
    assert titles(find("lukasz")) == titles(find("lodz")) == ["Łukasz Nowak"]
    assert titles(find("porto")) == ["Ana Souza"]


def test_a_failed_batch_leaves_no_trace(owner: User, find: Find) -> None:
    def fail_in_batch() -> None:
        with search_index_batch():
            person(owner, "Maria Kowalski")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_in_batch()
    person(owner, "Bo Lindqvist")
    assert (find("kowalski").total, find("lindqvist").total) == (0, 1)


def test_nested_batches_refresh_once_at_the_outer_end(owner: User, find: Find) -> None:
    with search_index_batch():
        with search_index_batch():
            person(owner, "Maria Kowalski")
        assert find("kowalski").total == 0
    assert find("kowalski").total == 1


def test_a_batch_indexes_rows_inserted_with_ids_below_those_it_started_with(
    owner: User, find: Find
) -> None:
    gap = person(owner, "Gone Person")
    maria = person(owner, "Maria Kowalski")
    gap_id = gap.pk
    gap.delete()
    with search_index_batch():
        back = person(owner, "Ada Nowak")
        Person.objects.filter(pk=back.pk).delete()
        Person.objects.create(pk=gap_id, owner=owner, full_name="Ada Nowak", name_key="ada nowak")
        contact(maria, "maria@example.com")
        tag(maria, "mentor")
    assert titles(find("nowak")) == ["Ada Nowak"]
    assert titles(find("maria example mentor")) == ["Maria Kowalski"]
    everything = find("ada maria")
    search_index_rebuild(owner=owner)
    assert find("ada maria") == everything
