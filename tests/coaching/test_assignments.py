"""A coach sets an assignment; it is among the student's nudges on Today at once (the page
is cached by the data version); the student reports it done and the coach sees it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from tests.coaching.conftest import Centre

from rapport.cohorts.grants import grant_give, grant_revoke
from rapport.cohorts.models import Assignment, AuditAction, AuditEvent
from rapport.core.versions import data_version
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.selectors import nudges_for_today

TASK = "Talk to three alumni at a target this week"


def _assign_url(centre: Centre) -> str:
    return f"/coach/students/{centre.student.pk}/assign"


def test_an_assignment_goes_to_today_and_comes_back_done(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    student, coach = centre.client(centre.student), centre.client(centre.coach)
    due = timezone.localdate() + dt.timedelta(days=3)
    assert "Talk to three alumni" not in student.get("/").content.decode()  # cached now
    before = data_version(centre.student.pk)

    post = coach.post(_assign_url(centre), {"text": TASK, "due_on": due.isoformat()})
    assert post.status_code == 302
    assert data_version(centre.student.pk) != before
    today = student.get("/").content.decode()
    assert TASK in today
    assert "From your coach" in today
    assignment = Assignment.objects.get()
    assert f'href="/cohort/assignments/{assignment.pk}/"' in today

    form = student.get(f"/cohort/assignments/{assignment.pk}/").content.decode()
    assert TASK in form
    student.post(f"/cohort/assignments/{assignment.pk}/", {"report": "Met Ana and two more"})
    assert TASK not in student.get("/").content.decode()
    page = coach.get(f"/coach/students/{centre.student.pk}/").content.decode()
    assert "Done" in page
    assert "Met Ana and two more" in page
    actions = set(
        AuditEvent.objects.filter(subject=centre.student).values_list("action", flat=True)
    )
    assert {AuditAction.ASSIGNED, AuditAction.ASSIGNMENT_DONE} <= actions


def test_the_assignment_is_a_nudge_high_when_due(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    today = timezone.localdate()
    centre.client(centre.coach).post(_assign_url(centre), {"text": TASK, "due_on": str(today)})
    nudges = [n for n in nudges_for_today(owner=centre.student) if n.kind == NudgeKind.ASSIGNMENT]
    assert [(n.title, n.due, n.urgency.label) for n in nudges] == [(TASK, today, "high")]
    assert all(n.kind != NudgeKind.ASSIGNMENT for n in nudges_for_today(owner=centre.peer))


def test_bad_input_is_refused_and_nothing_saved(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for data, message in (
        ({"text": "   "}, "Say what the assignment is."),
        ({"text": TASK, "due_on": "next week"}, "Give the due date as a date"),
        ({"text": TASK, "due_on": str(yesterday)}, "The due date has passed"),
        ({"text": "x" * 301}, "under 300 characters"),
    ):
        response = coach.post(_assign_url(centre), data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_reporting_done_twice_or_someone_elses_gets_nowhere(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    centre.client(centre.coach).post(_assign_url(centre), {"text": TASK})
    assignment = Assignment.objects.get()
    url = f"/cohort/assignments/{assignment.pk}/"
    for who in (centre.peer, centre.coach):
        assert centre.client(who).get(url).status_code == 404
        assert centre.client(who).post(url, {"report": "done"}).status_code == 404
    student = centre.client(centre.student)
    student.post(url, {"report": "first"})
    again = student.post(url, {"report": "second"})
    assert again.status_code == 400
    assert "You reported it done" in again.content.decode()
    assignment.refresh_from_db()
    assert assignment.report == "first"


def test_after_revocation_the_student_keeps_the_assignment_the_coach_sees_nothing(
    centre: Centre,
) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    centre.client(centre.coach).post(_assign_url(centre), {"text": TASK})
    grant_revoke(student=centre.student, coach_id=centre.coach.pk)
    assert TASK in centre.client(centre.student).get("/").content.decode()
    assert (
        centre.client(centre.coach).post(_assign_url(centre), {"text": "More"}).status_code == 404
    )
    assert Assignment.objects.count() == 1
