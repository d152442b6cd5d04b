"""The import page: upload, preview, import, undo; the review queue; the person page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from tests.imports.import_builders import contact, run
from tests.imports.web.import_web_helpers import (  # noqa: F401
    immediate_tasks,
    last_job,
    stored_files,
    upload,
)

from rapport.accounts.models import User
from rapport.imports.models import (
    BatchStatus,
    CandidateStatus,
    ImportBatch,
    ImportJob,
    JobStatus,
    KeepApart,
    Merge,
    MergeCandidate,
)
from rapport.imports.selectors import review_queue
from rapport.people.models import Person

pytestmark = pytest.mark.usefixtures("immediate_tasks")
ANA = "https://www.linkedin.com/in/ana-souza"


def test_an_upload_shows_a_preview_and_writes_nothing(client_owner: Client, owner: User) -> None:
    response = upload(client_owner)
    job = last_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert job.status == JobStatus.READY
    assert job.preview["people"]["created"] == 2
    assert not Person.objects.exists()
    assert not ImportBatch.objects.exists()
    page = client_owner.get(response["Location"]).content.decode()
    assert "Nothing has been written yet" in page
    assert "2 created" in page


def test_the_stored_upload_has_a_random_folder_not_the_client_path(client_owner: Client) -> None:
    upload(client_owner, name="../../etc/passwd.vcf")
    [stored] = stored_files()
    assert stored.name == "passwd.vcf"
    assert ".." not in last_job().stored_path
    assert len(stored.parent.name) == 32


def test_confirming_imports_lists_the_batch_and_deletes_the_upload(
    client_owner: Client, owner: User
) -> None:
    upload(client_owner)
    job = last_job()
    response = client_owner.post(reverse("imports:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 302
    assert job.status == JobStatus.DONE
    assert job.batch is not None
    assert job.result["people"]["created"] == 2
    assert Person.objects.filter(owner=owner).count() == 2
    assert stored_files() == []
    home = client_owner.get(reverse("imports:home")).content.decode()
    assert f"#{job.batch.pk}" in home
    assert "Undo this import" in home


def test_confirming_twice_imports_once(client_owner: Client, owner: User) -> None:
    upload(client_owner)
    job = last_job()
    client_owner.post(reverse("imports:job_confirm", args=[job.pk]))
    client_owner.post(reverse("imports:job_confirm", args=[job.pk]))
    assert ImportBatch.objects.filter(owner=owner).count() == 1


def test_undoing_an_import_from_the_page_restores_the_previous_state(
    client_owner: Client, owner: User
) -> None:
    upload(client_owner)
    client_owner.post(reverse("imports:job_confirm", args=[last_job().pk]))
    batch = ImportBatch.objects.get(owner=owner)
    url = reverse("imports:batch_undo", args=[batch.pk])
    assert "Undo import" in client_owner.get(url).content.decode()
    client_owner.post(url)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE
    assert not Person.objects.filter(owner=owner).exists()
    assert "Undone" in client_owner.get(reverse("imports:home")).content.decode()


def test_undo_says_who_stayed_because_the_user_worked_on_them(
    client_owner: Client, owner: User
) -> None:
    batch = run(owner, contacts=[_ana("Acme", "Engineer")]).batch
    Person.objects.get(owner=owner).save()  # edited since, as the person form would

    response = client_owner.post(reverse("imports:batch_undo", args=[batch.pk]), follow=True)

    assert "1 person you have worked on since stayed." in response.content.decode()
    assert Person.objects.filter(owner=owner).count() == 1


def test_cancelling_deletes_the_upload_and_imports_nothing(client_owner: Client) -> None:
    upload(client_owner)
    client_owner.post(reverse("imports:job_cancel", args=[last_job().pk]))
    assert not ImportJob.objects.exists()
    assert stored_files() == []
    assert not Person.objects.exists()


def test_a_bad_file_shows_where_it_is_wrong_and_writes_nothing(client_owner: Client) -> None:
    bad = b"this is not a contacts file\n\x00\x01"
    response = upload(client_owner, data=bad, name="contacts.csv", kind="csv")
    job = last_job()
    assert job.status == JobStatus.FAILED
    assert "contacts.csv" in job.error
    assert escape(job.error) in client_owner.get(response["Location"]).content.decode()
    assert not Person.objects.exists()
    assert not ImportBatch.objects.exists()
    assert stored_files() == []


def test_a_file_of_another_type_is_refused_by_the_form(client_owner: Client) -> None:
    response = upload(client_owner, name="photo.png")
    assert response.status_code == 200
    assert "Choose a .zip, .csv or .vcf file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_job_page_polls_while_running_and_stops_when_ready(
    client_owner: Client, owner: User
) -> None:
    job = ImportJob.objects.create(
        owner=owner, kind="vcard", stored_path="/nowhere/x.vcf", original_name="x.vcf"
    )
    running = client_owner.get(
        reverse("imports:job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert "<progress" in running.content.decode()
    assert "<html" not in running.content.decode()
    job.status = JobStatus.READY
    job.save()
    ready = client_owner.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "every 1s" not in ready
    assert 'http-equiv="refresh"' not in ready


def test_another_users_job_is_404_and_stays(client_other: Client, owner: User) -> None:
    job = ImportJob.objects.create(
        owner=owner, kind="vcard", stored_path="/nowhere/x.vcf", original_name="x.vcf",
        status=JobStatus.READY,
    )  # fmt: skip
    for name in ("imports:job", "imports:job_confirm", "imports:job_cancel"):
        assert client_other.post(reverse(name, args=[job.pk])).status_code in {404, 405}
        assert client_other.get(reverse(name, args=[job.pk])).status_code in {404, 405}
    job.refresh_from_db()
    assert job.status == JobStatus.READY


def _queued_pair(owner: User) -> MergeCandidate:
    run(owner, "csv", contacts=[contact("r1", "Ana Souza", company="Acme", emails=["a@acme.com"])])
    run(owner, "vcard", contacts=[contact("v1", "Ana Souza", company="Globex",
                                          emails=["ana@globex.com"])])  # fmt: skip
    return review_queue(owner=owner).get()


def test_the_review_queue_shows_both_people_and_the_evidence(
    client_owner: Client, owner: User
) -> None:
    _queued_pair(owner)
    page = client_owner.get(reverse("imports:review")).content.decode()
    assert "a@acme.com" in page
    assert "ana@globex.com" in page
    assert "Globex" in page
    assert "Names 100% alike" in page
    assert "Same person — merge" in page


def test_merging_a_pair_from_the_queue_makes_one_person(client_owner: Client, owner: User) -> None:
    candidate = _queued_pair(owner)
    url = reverse("imports:candidate_merge", args=[candidate.pk])
    response = client_owner.post(url, headers={"HX-Request": "true"})
    assert "Merged" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.MERGED
    assert Person.objects.filter(owner=owner).count() == 1


def test_keeping_a_pair_apart_is_remembered(client_owner: Client, owner: User) -> None:
    candidate = _queued_pair(owner)
    response = client_owner.post(reverse("imports:candidate_apart", args=[candidate.pk]))
    assert response["Location"] == reverse("imports:review")
    assert KeepApart.objects.filter(owner=owner).count() == 1
    assert Person.objects.filter(owner=owner).count() == 2
    assert "Nothing to review" in client_owner.get(reverse("imports:review")).content.decode()


def test_another_users_candidate_and_merge_are_404(client_other: Client, owner: User) -> None:
    candidate = _queued_pair(owner)
    assert (
        client_other.post(reverse("imports:candidate_merge", args=[candidate.pk])).status_code
        == 404
    )
    assert (
        client_other.post(reverse("imports:candidate_apart", args=[candidate.pk])).status_code
        == 404
    )
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING
    assert "Nothing to review" in client_other.get(reverse("imports:review")).content.decode()


def _ana(company: str, title: str) -> object:
    return contact(ANA, first_name="Ana", last_name="Souza", linkedin_url=ANA,
                   company=company, title=title)  # fmt: skip


def test_the_person_page_shows_a_job_change_and_where_they_came_from(
    client_owner: Client, owner: User
) -> None:
    run(owner, contacts=[_ana("Acme", "Engineer")])
    with time_machine.travel(dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC)):
        run(owner, contacts=[_ana("Stripe", "Engineering Manager")])
    ana = Person.objects.get(owner=owner)
    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "Moved to Stripe as Engineering Manager" in page
    assert "3 Nov 2026" in page
    assert "Where this came from" in page
    assert "Connections.csv, line" in page


def test_the_person_page_undoes_a_merge(client_owner: Client, owner: User) -> None:
    run(owner, contacts=[_ana("Acme", "Engineer")])
    card = contact("uid-1", "Ana Souza", urls=[ANA], phones=["+1 415 555 0123"])
    run(owner, "vcard", contacts=[card])
    ana = Person.objects.get(owner=owner)
    merge = Merge.objects.get(owner=owner, survivor=ana)
    page = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "Merged from" in page
    assert "Undo merge" in page
    response = client_owner.post(reverse("imports:merge_undo", args=[merge.pk]))
    assert response["Location"] == reverse("people:detail", args=[ana.pk])
    merge.refresh_from_db()
    assert merge.undone_at is not None
    assert Person.objects.filter(owner=owner).count() == 2
    after = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "Undo merge" not in after


def test_the_person_page_hides_the_import_card_for_a_hand_made_person(
    client_owner: Client, owner: User
) -> None:
    person = Person.objects.create(owner=owner, full_name="Hand Made")
    page = client_owner.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "From your imports" not in page


def test_the_footer_links_to_the_import_page(client_owner: Client) -> None:
    page = client_owner.get(reverse("imports:home")).content.decode()
    assert f'href="{reverse("imports:home")}"' in page
