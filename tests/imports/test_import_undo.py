"""Undo: an import, a merge; review decisions; all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from tests.imports.import_builders import contact, counts, message, run, snapshot, utc

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.conversations.models import Conversation
from rapport.conversations.services import conversation_log
from rapport.imports.models import (
    BatchStatus,
    CandidateStatus,
    ChangeEvent,
    ImportBatch,
    ImportRecord,
    KeepApart,
    Merge,
)
from rapport.imports.selectors import person_merges, review_queue
from rapport.imports.services import (
    candidate_keep_apart,
    candidate_merge,
    import_undo,
    merge_undo,
)
from rapport.people.models import ContactPoint, Person
from rapport.people.services import (
    person_create,
    person_save,
    person_set_contact_points,
    person_set_tags,
)

ANA = "https://www.linkedin.com/in/ana-souza"
ME = ("Olivia Owner", "https://www.linkedin.com/in/olivia")


def _ana(**fields: Any) -> Any:
    fields.setdefault("company", "Acme")
    return contact(ANA, first_name="Ana", last_name="Souza", linkedin_url=ANA, **fields)


def test_undoing_an_import_restores_the_exact_previous_state(owner: User) -> None:
    typed = person_create(owner=owner, full_name="Bruno Costa")
    person_set_contact_points(person=typed, values=["bruno@globex.com"])
    run(owner, contacts=[_ana(title="Engineer")])
    before = snapshot()
    newer = run(
        owner,
        contacts=[
            _ana(company="Stripe", title="Engineering Manager", location="Lisbon"),
            contact("https://www.linkedin.com/in/bruno", "Bruno Costa", company="Globex",
                    emails=["bruno@globex.com"], headline="CTO", phones=["+351 912 345 678"]),
            contact("https://www.linkedin.com/in/carla", "Carla Dias", company="Google"),
        ],
        messages=[message("t1", ME, [("Ana Souza", ANA)], utc(2024, 5, 1)),
                  message("t2", ME, [("Dan Ek", "")], utc(2024, 5, 2))],
    )  # fmt: skip
    assert ChangeEvent.objects.count() == 1
    result = import_undo(batch=newer.batch)
    assert snapshot() == before
    assert result.removed["people.Person"] == 2  # Carla, and Dan from the messages
    newer.batch.refresh_from_db()
    assert newer.batch.status == BatchStatus.UNDONE
    assert newer.batch.undone_at is not None


def test_undoing_the_first_import_leaves_what_the_user_had(owner: User) -> None:
    typed = person_create(owner=owner, full_name="Bruno Costa")
    before = snapshot()
    first = run(owner, contacts=[_ana(), contact("b", "Bruno Costa", company="Globex")])
    import_undo(batch=first.batch)
    assert snapshot() == before
    assert Person.objects.get(owner=owner) == typed


def test_undoing_a_card_import_takes_back_what_its_merges_filled(owner: User) -> None:
    run(owner, contacts=[_ana()])
    before = snapshot()
    cards = run(
        owner,
        "vcard",
        contacts=[contact("uid-1", "Ana Souza", urls=[ANA], location="Porto",
                          emails=["ana@acme.com"], notes="Met at PyCon")],
    )  # fmt: skip
    ana = Person.objects.get(owner=owner)
    assert (ana.location, ana.notes, ana.contact_points.count()) == ("Porto", "Met at PyCon", 1)
    import_undo(batch=cards.batch)
    assert snapshot() == before


def test_undo_keeps_a_field_the_user_changed_since(owner: User) -> None:
    run(owner, contacts=[_ana()])
    cards = run(owner, "vcard", contacts=[contact("v", "Ana Souza", urls=[ANA], location="Porto")])
    Person.objects.filter(owner=owner).update(location="Lisbon, really")
    import_undo(batch=cards.batch)
    assert Person.objects.get(owner=owner).location == "Lisbon, really"


def test_an_import_can_be_undone_only_once(owner: User) -> None:
    result = run(owner, contacts=[_ana()])
    import_undo(batch=result.batch)
    with pytest.raises(ValidationError, match="already been undone"):
        import_undo(batch=result.batch)


def test_after_an_undo_the_same_file_imports_afresh(owner: User) -> None:
    first = run(owner, contacts=[_ana()])
    import_undo(batch=first.batch)
    again = run(owner, contacts=[_ana()])
    assert again.counts["people"]["created"] == 1
    assert Employment.objects.filter(owner=owner, is_current=True).count() == 1


def test_undoing_a_merge_splits_the_record_off_and_keeps_them_apart(owner: User) -> None:
    run(owner, contacts=[_ana()])
    card = contact("uid-1", "Ana Souza", urls=[ANA], phones=["+1 415 555 0123"], location="Porto")
    run(owner, "vcard", contacts=[card])
    ana = Person.objects.get(owner=owner)
    merge = person_merges(person=ana).get()
    split = merge_undo(merge=merge)
    ana.refresh_from_db()
    assert ana.location == ""
    assert (split.full_name, split.location) == ("Ana Souza", "Porto")
    assert list(split.contact_points.values_list("value", flat=True)) == ["+1 415 555 0123"]
    assert KeepApart.objects.filter(owner=owner).count() == 1
    again = run(owner, "vcard", contacts=[card])
    assert again.counts["people"]["unchanged"] == 1
    assert Person.objects.filter(owner=owner).count() == 2
    with pytest.raises(ValidationError):
        merge_undo(merge=merge)


def _queued_pair(owner: User) -> None:
    run(owner, "csv", contacts=[contact("r1", "Ana Souza", company="Acme", emails=["a@acme.com"])])
    run(
        owner,
        "vcard",
        contacts=[contact("v1", "Ana Souza", company="Globex", emails=["ana@globex.com"])],
        messages=[],
    )
    ana_vcard = Person.objects.get(owner=owner, contact_points__value="ana@globex.com")
    person_set_tags(person=ana_vcard, names=["pycon"])
    conversation = Conversation.objects.create(
        owner=owner, occurred_on=dt.date(2024, 1, 1), channel="coffee"
    )
    conversation.participants.add(ana_vcard)


def test_merging_a_reviewed_pair_moves_everything_and_can_be_undone(owner: User) -> None:
    _queued_pair(owner)
    before = snapshot()
    candidate = review_queue(owner=owner).get()
    merge = candidate_merge(candidate=candidate)
    assert candidate.status == CandidateStatus.MERGED
    ana = Person.objects.get(owner=owner)
    assert ana.contact_points.count() == 2
    assert list(ana.tags.values_list("name", flat=True)) == ["pycon"]
    assert Conversation.objects.get(owner=owner).participants.get() == ana
    assert review_queue(owner=owner).count() == 0
    merge_undo(merge=merge)
    after = snapshot()
    for label in ("people.Person", "people.ContactPoint", "companies.Employment", "participants"):
        assert after[label] == before[label], label
    assert KeepApart.objects.filter(owner=owner).count() == 1


def test_keeping_a_reviewed_pair_apart_is_remembered_on_reimport(owner: User) -> None:
    _queued_pair(owner)
    candidate = review_queue(owner=owner).get()
    candidate_keep_apart(candidate=candidate)
    assert candidate.status == CandidateStatus.KEPT_APART
    rows = counts()
    result = run(
        owner,
        "vcard",
        contacts=[contact("v1", "Ana Souza", company="Globex", emails=["ana@globex.com"])],
    )
    assert result.review == 0
    assert counts() == rows
    with pytest.raises(ValidationError):
        candidate_merge(candidate=candidate)


def test_an_error_while_writing_leaves_nothing_written(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.imports.write import flush

    real = flush.rows_insert

    def fail_at_provenance(rows: Any, **kwargs: Any) -> None:
        if rows and isinstance(rows[0], ImportRecord):
            raise RuntimeError("disk full")
        real(rows, **kwargs)

    # Written after people, contact points, jobs and conversations: all rolled back too.
    monkeypatch.setattr(flush, "rows_insert", fail_at_provenance)
    with pytest.raises(RuntimeError):
        run(owner, contacts=[_ana(emails=["ana@acme.com"])],
            messages=[message("t1", ME, [("Ana Souza", ANA)], utc(2024, 5, 1))])  # fmt: skip
    assert all(n == 0 for n in counts().values())
    assert not ImportBatch.objects.exists()


def test_an_error_halfway_through_the_records_leaves_nothing_written(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapport.imports.merge import contacts

    real = contacts.contact_apply
    seen: list[object] = []

    def flaky(*args: Any) -> None:
        seen.append(args)
        if len(seen) == 2:
            raise ValueError("unexpected value")
        real(*args)

    monkeypatch.setattr(contacts, "contact_apply", flaky)
    with pytest.raises(ValueError, match="unexpected"):
        run(owner, contacts=[_ana(), contact("b", "Bruno Costa"), contact("c", "Carla Dias")])
    assert not Person.objects.exists()
    assert not ContactPoint.objects.exists()
    assert not Merge.objects.exists()
    assert not ImportBatch.objects.exists()


def test_undo_keeps_a_company_the_user_has_put_on_their_target_list(owner: User) -> None:
    from rapport.companies.models import Company, TargetStatus

    result = run(owner, contacts=[_ana(company="Stripe")])
    Company.objects.filter(owner=owner).update(target_status=TargetStatus.TARGET)
    import_undo(batch=result.batch)
    assert list(Company.objects.filter(owner=owner).values_list("name", flat=True)) == ["Stripe"]
    assert not Person.objects.filter(owner=owner).exists()


def test_a_merge_inside_one_file_can_be_undone(owner: User) -> None:
    run(
        owner,
        "csv",
        contacts=[
            contact("r1", "Ana Souza", emails=["ana@acme.com"]),
            contact("r2", "Ana Souza", emails=["ana@acme.com"], phones=["+1 415 555 0123"]),
        ],
    )
    merge = Merge.objects.get(owner=owner)
    split = merge_undo(merge=merge)
    assert Person.objects.filter(owner=owner).count() == 2
    assert list(split.contact_points.values_list("kind", flat=True)) == ["phone"]


# What the user or a later import has worked on since stays


def _two_connections(owner: User) -> Any:
    return run(
        owner,
        contacts=[
            _ana(title="Engineer", emails=["ana@acme.com"]),
            contact("https://www.linkedin.com/in/bo", first_name="Bo", last_name="Lind",
                    linkedin_url="https://www.linkedin.com/in/bo", company="Globex"),
        ],
    )  # fmt: skip


def test_undo_keeps_a_person_edited_since_with_what_the_import_gave_them(owner: User) -> None:
    first = _two_connections(owner)
    ana = Person.objects.get(owner=owner, full_name="Ana Souza")
    ana.notes = "Met at PyCon; owes me an intro to Stripe."
    person_save(person=ana)

    result = import_undo(batch=first.batch)

    assert list(Person.objects.filter(owner=owner).values_list("full_name", flat=True)) == [
        "Ana Souza"
    ]
    ana.refresh_from_db()
    assert ana.notes == "Met at PyCon; owes me an intro to Stripe."
    assert list(ana.contact_points.values_list("value", flat=True)) == ["ana@acme.com"]
    job = Employment.objects.get(person=ana)
    assert (job.company.name, job.title, job.is_current) == ("Acme", "Engineer", True)
    assert result.kept == {"people.Person": 1, "people.ContactPoint": 1,
                           "companies.Employment": 1, "companies.Company": 1}  # fmt: skip
    assert result.removed["people.Person"] == 1  # Bo, whom nobody touched


def test_undo_keeps_people_in_a_conversation_the_user_logged(owner: User) -> None:
    first = _two_connections(owner)
    conversation_log(
        owner=owner, occurred_on=dt.date(2024, 6, 1), channel="call",
        participants=["Bo Lind"], notes="Advice on Globex's teams",
    )  # fmt: skip

    import_undo(batch=first.batch)

    bo = Person.objects.get(owner=owner)
    assert bo.full_name == "Bo Lind"
    assert Conversation.objects.get(owner=owner).participants.get() == bo


def test_undo_keeps_a_tagged_person(owner: User) -> None:
    first = _two_connections(owner)
    person_set_tags(person=Person.objects.get(owner=owner, full_name="Bo Lind"), names=["mentor"])

    import_undo(batch=first.batch)

    assert list(Person.objects.filter(owner=owner).values_list("full_name", flat=True)) == [
        "Bo Lind"
    ]


def test_undoing_an_earlier_import_keeps_what_a_later_one_added(owner: User) -> None:
    first = _two_connections(owner)
    cards = run(owner, kind="vcard",
                contacts=[contact("vcard:ana", "Ana Souza", emails=["ana@acme.com"],
                                  phones=["+351 912 345 678"], file="contacts.vcf")])  # fmt: skip
    assert cards.counts["people"]["merged"] == 1

    import_undo(batch=first.batch)

    ana = Person.objects.get(owner=owner)
    assert ana.full_name == "Ana Souza"
    assert sorted(ana.contact_points.values_list("value", flat=True)) == [
        "+351 912 345 678",
        "ana@acme.com",
    ]
    assert ImportRecord.objects.filter(batch=cards.batch, person=ana).exists()
    # Once the later import goes too, nothing vouches for Ana, and nobody worked on her.
    assert import_undo(batch=cards.batch).removed["people.Person"] == 1
    assert not Person.objects.filter(owner=owner).exists()


def test_undoing_the_newest_import_then_the_one_before_leaves_nothing(owner: User) -> None:
    first = _two_connections(owner)
    second = run(owner, contacts=[
        _ana(company="Stripe", title="Engineering Manager", location="Lisbon"),
        contact("https://www.linkedin.com/in/bo", first_name="Bo", last_name="Lind",
                linkedin_url="https://www.linkedin.com/in/bo", company="Globex",
                headline="Data lead"),
    ])  # fmt: skip
    assert ChangeEvent.objects.filter(owner=owner).count() == 1

    import_undo(batch=second.batch)
    result = import_undo(batch=first.batch)

    assert result.kept == {}  # only imports ever touched them
    assert not Person.objects.filter(owner=owner).exists()
    assert not Employment.objects.filter(owner=owner).exists()


def test_undoing_an_import_takes_back_a_reviewed_merge_of_someone_it_brought(
    owner: User,
) -> None:
    run(owner, "csv", contacts=[contact("r1", "Ana Souza", company="Acme", emails=["a@acme.com"])])
    cards = run(owner, "vcard", contacts=[
        contact("v1", "Ana Souza", company="Globex", emails=["ana@globex.com"], location="Porto",
                linkedin_url="https://www.linkedin.com/in/ana2"),
    ])  # fmt: skip
    candidate_merge(candidate=review_queue(owner=owner).get())
    ana = Person.objects.get(owner=owner)
    assert (ana.location, ana.linkedin_key) == ("Porto", "linkedin.com/in/ana2")

    import_undo(batch=cards.batch)

    ana.refresh_from_db()
    assert (ana.location, ana.linkedin_key) == ("", "")
    assert list(ana.contact_points.values_list("value", flat=True)) == ["a@acme.com"]
    assert not Merge.objects.filter(owner=owner).exists()  # nothing left to split off
    assert Person.objects.filter(owner=owner).count() == 1


def test_undoing_the_oldest_import_first_and_then_the_rest_leaves_only_your_work(
    owner: User,
) -> None:
    cards = run(owner, "vcard", contacts=[
        contact("v1", "Alice Moreau", company="Acme", emails=["alice@acme.com"]),
        contact("v2", "Carl Jensen", company="Globex", emails=["carl@globex.com"]),
    ])  # fmt: skip
    rows = run(owner, "csv", contacts=[
        contact("r1", "Alice Moreau", emails=["alice@acme.com"], phones=["+33 6 12 34 56 78"]),
    ])  # fmt: skip
    connections = run(owner, contacts=[
        contact("https://www.linkedin.com/in/alice", first_name="Alice", last_name="Moreau",
                linkedin_url="https://www.linkedin.com/in/alice",
                emails=["alice@acme.com", "alice.moreau@gmail.com"], company="Acme"),
    ])  # fmt: skip
    carl = Person.objects.get(owner=owner, full_name="Carl Jensen")
    carl.notes = "Mentor; ask about Globex's platform team."
    person_save(person=carl)

    assert import_undo(batch=cards.batch).kept["people.Person"] == 2  # Alice: later imports
    import_undo(batch=rows.batch)
    import_undo(batch=connections.batch)

    assert list(Person.objects.filter(owner=owner).values_list("full_name", flat=True)) == [
        "Carl Jensen"
    ]
    assert not ContactPoint.objects.filter(owner=owner, value="alice@acme.com").exists()
    assert list(Company.objects.filter(owner=owner).values_list("name", flat=True)) == ["Globex"]


def test_undo_says_how_to_get_back_what_a_later_import_found_unchanged(owner: User) -> None:
    first = _two_connections(owner)
    again = _two_connections(owner)  # an older export listing the same people

    result = import_undo(batch=first.batch)

    assert result.notes == [
        f"Import #{again.batch.pk} found some of the same people unchanged and wrote nothing "
        "for them: import its file again to have back everyone it lists."
    ]
    assert _two_connections(owner).counts["people"]["created"] == 2  # and so it does
