"""Who may see a student's progress: only a coach of their cohort whom they let, until they
stop it. Everyone else gets 404, and every look is in the student's log."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.coaching.conftest import Centre

from rapport.cohorts.grants import grant_give, grant_revoke
from rapport.cohorts.models import Assignment, AuditAction, CoachGrant
from rapport.cohorts.selectors import audit_for
from rapport.cohorts.services import member_set


def _student_url(centre: Centre) -> str:
    return f"/coach/students/{centre.student.pk}/"


def test_the_student_lets_a_coach_see_and_stops_it_from_the_hub(centre: Centre) -> None:
    student = centre.client(centre.student)
    hub = student.get("/cohort/").content.decode()
    assert "Let coach_kim see my progress" in hub
    assert "coach_lee" not in hub  # not a coach of the student's cohort

    student.post("/cohort/coaches/grant", {"coach": centre.coach.pk})
    hub = student.get("/cohort/").content.decode()
    assert "Stop coach_kim seeing my progress" in hub
    assert "Let a coach see progress" in hub  # the log
    assert centre.client(centre.coach).get(_student_url(centre)).status_code == 200

    student.post("/cohort/coaches/revoke", {"coach": centre.coach.pk})
    assert "Stopped a coach seeing progress" in student.get("/cohort/").content.decode()
    assert centre.client(centre.coach).get(_student_url(centre)).status_code == 404


def test_a_student_cannot_grant_a_coach_of_another_cohort(centre: Centre) -> None:
    student = centre.client(centre.student)
    assert student.post("/cohort/coaches/grant", {"coach": centre.stranger.pk}).status_code == 404
    assert student.post("/cohort/coaches/grant", {"coach": "x"}).status_code == 404
    assert student.post("/cohort/coaches/revoke", {"coach": centre.coach.pk}).status_code == 404
    assert not CoachGrant.objects.exists()


def _coach_urls(centre: Centre) -> list[str]:
    return ["/coach/", _student_url(centre)]


def _refused(client: Client, centre: Centre) -> None:
    assert client.get(_student_url(centre)).status_code == 404
    post = client.post(f"{_student_url(centre)}assign", {"text": "Call three alumni"})
    assert post.status_code == 404
    assert not Assignment.objects.exists()


def test_a_coach_without_a_grant_gets_404(centre: Centre) -> None:
    _refused(centre.client(centre.coach), centre)


def test_after_revocation_the_coach_gets_404_and_no_cached_page(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    page = coach.get(_student_url(centre))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "no-store" in coach.get("/coach/")["Cache-Control"]
    grant_revoke(student=centre.student, coach_id=centre.coach.pk)
    _refused(coach, centre)
    assert "olivia" not in coach.get("/coach/").content.decode()


def test_a_coach_of_another_cohort_gets_404_even_with_a_grant_row(centre: Centre) -> None:
    # A grant left over from when the student was in the stranger's cohort counts for nothing.
    CoachGrant.objects.create(student=centre.student, coach=centre.stranger)
    _refused(centre.client(centre.stranger), centre)
    assert "olivia" not in centre.client(centre.stranger).get("/coach/").content.decode()


@pytest.mark.parametrize("who", ["student", "peer"])
def test_students_get_404_for_every_coach_url(centre: Centre, who: str) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    client = centre.client(getattr(centre, who))
    for url in _coach_urls(centre):
        assert client.get(url).status_code == 404, url
    _refused(client, centre)


def test_someone_on_their_own_and_local_mode_get_404(centre: Centre, settings: object) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    loner = centre.client(centre.peer)
    centre.peer.member.delete()
    assert loner.get("/coach/").status_code == 404
    settings.LOCAL_MODE = True  # type: ignore[attr-defined]
    coach = centre.client(centre.coach)
    assert coach.get("/coach/").status_code == 404
    assert coach.get(_student_url(centre)).status_code == 404


def test_every_coach_view_is_in_the_students_log(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    coach.get(_student_url(centre))
    coach.get("/coach/")
    log = audit_for(subject=centre.student)
    views = [e for e in log if e.action == AuditAction.COACH_VIEWED]
    assert [(e.actor, e.detail) for e in views] == [
        (centre.coach, "Cohort dashboard: counts and signals"),
        (centre.coach, "Your progress page"),
    ]
    hub = centre.client(centre.student).get("/cohort/").content.decode()
    assert hub.count("A coach looked at progress") == 2
    assert not [e for e in audit_for(subject=centre.peer) if e.action == AuditAction.COACH_VIEWED]


def test_a_grant_lapses_when_the_student_leaves_the_cohort_or_the_account_is_closed(
    centre: Centre,
) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    autumn = centre.stranger.member.cohorts.get()
    member_set(user=centre.student, role="student", cohorts=[autumn])
    _refused(coach, centre)
    assert "olivia" not in coach.get("/coach/").content.decode()
    # Back in the coach's cohort, the grant she never revoked counts again ...
    spring = centre.coach.member.cohorts.get()
    member_set(user=centre.student, role="student", cohorts=[spring])
    assert coach.get(_student_url(centre)).status_code == 200
    # ... until her account is closed.
    centre.student.is_active = False
    centre.student.save()
    _refused(coach, centre)


def test_a_grant_lapses_when_the_student_is_no_longer_a_student(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    assert "olivia" in coach.get("/coach/").content.decode()
    spring = centre.coach.member.cohorts.get()
    member_set(user=centre.student, role="coach", cohorts=[spring])
    assert "olivia" not in coach.get("/coach/").content.decode()
    _refused(coach, centre)
