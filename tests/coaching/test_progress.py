"""What a coach sees of a student: the right counts and signals, and no private content."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.coaching.conftest import Centre

from rapport.accounts.models import User
from rapport.coaching.selectors import first_week, progress_for
from rapport.cohorts.centre import user_delete
from rapport.cohorts.grants import grant_give, grant_revoke
from rapport.cohorts.models import AuditAction, AuditEvent, CoachLook
from rapport.cohorts.selectors import audit_for
from rapport.cohorts.services import member_set
from rapport.companies.models import Company
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.services import conversation_log
from rapport.core.versions import cache_clear
from rapport.opportunities.models import Opportunity, Stage
from rapport.outreach.services import attempt_record
from rapport.people.models import Person
from rapport.people.services import person_create
from rapport.playbook.models import FollowUp, FollowUpKind
from rapport.playbook.selectors import apply_check

SECRET = "Ana said the data team reorg is confidential"


def _opportunity(owner: User, company: Company, stage: str, title: str = "Analyst") -> Opportunity:
    return Opportunity.objects.create(owner=owner, company=company, title=title, stage=stage)


def _private_life(student: User, today: dt.date) -> None:
    """A student with notes, contacts and conversations a coach must never read."""
    conversation_log(
        owner=student,
        occurred_on=today - dt.timedelta(days=20),
        channel="coffee",
        participants=["Ana Souza"],
        companies=["Stripe"],
        notes=SECRET,
    )
    ana = Person.objects.get(owner=student, full_name="Ana Souza")
    stripe = Company.objects.get(owner=student, name="Stripe")
    employment_add(person=ana, company=stripe, title="Data lead")
    acme, _ = company_find_or_create(owner=student, name="Acme Robotics")
    _opportunity(student, stripe, Stage.APPLIED, "Data Analyst")  # talked to Ana there
    _opportunity(student, acme, Stage.APPLIED, "Robot Whisperer")  # nobody at Acme
    _opportunity(student, acme, Stage.LEAD, "Intern")
    bo = person_create(owner=student, full_name="Bo Lindqvist")
    attempt_record(owner=student, person=bo, sent_on=today, message="Hi Bo, private words")
    FollowUp.objects.create(
        owner=student,
        person=bo,
        kind=FollowUpKind.THANK_YOU,
        due_on=today - dt.timedelta(days=2),
        note="Thank Bo for the intro to Carla",
    )


def test_the_coach_sees_counts_and_signals_and_nothing_private(centre: Centre) -> None:
    today = timezone.localdate()
    _private_life(centre.student, today)
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    html = centre.client(centre.coach).get(f"/coach/students/{centre.student.pk}/")
    page = html.content.decode()
    assert "No conversation in 20 days" in page
    assert "1 application with no contact at the company" in page
    assert "1 overdue follow-up" in page
    for private in (
        SECRET,
        "Ana",
        "Souza",
        "Stripe",
        "Acme",
        "Bo",
        "Carla",
        "private words",
        "Data Analyst",
        "Robot Whisperer",
        "Intern",
        "reorg",
    ):
        assert not _says(page, private), private
    dashboard = centre.client(centre.coach).get("/coach/").content.decode()
    for private in (SECRET, "Ana", "Stripe", "Acme", "Bo", "Carla", "Data Analyst"):
        assert not _says(dashboard, private), private


def _says(page: str, words: str) -> bool:
    """Whether the page has these words as words (a short name like "Bo" may be in a random
    token of the page, e.g. its CSRF token)."""
    return re.search(rf"\b{re.escape(words)}\b", page) is not None


def test_the_counts_are_right(centre: Centre) -> None:
    today = timezone.localdate()
    _private_life(centre.student, today)
    progress = progress_for(student_ids=[centre.student.pk], today=today)[centre.student.pk]
    assert progress.stages == {Stage.APPLIED: 2, Stage.LEAD: 1}
    assert (progress.before_applying, progress.applied, progress.interviewing) == (1, 2, 0)
    assert len(progress.weeks) == 8
    assert progress.weeks[0].start == first_week(today)
    assert progress.weeks[-1].attempts == 1
    assert progress.conversations_total == 1  # 20 days ago: within the 8 weeks
    assert progress.last_conversation == today - dt.timedelta(days=20)
    assert progress.quiet_days == 20
    assert (progress.applied_without_contact, progress.overdue_followups) == (1, 1)


def test_a_student_with_nothing_yet_is_quiet(centre: Centre) -> None:
    progress = progress_for(student_ids=[centre.peer.pk], today=timezone.localdate())
    assert progress[centre.peer.pk].signals == ["No conversation yet"]


def test_applications_without_contact_agree_with_the_check_before_applying(
    centre: Centre,
) -> None:
    """The grouped count is `apply_check(...).has_conversation` for every application."""
    student, today = centre.student, timezone.localdate()
    _private_life(student, today)
    stripe = Company.objects.get(owner=student, name="Stripe")
    gone, _ = company_find_or_create(owner=student, name="Globex")
    old, _ = company_find_or_create(owner=student, name="Initech")
    # Talked to someone who left Globex: does not count.
    conversation_log(owner=student, occurred_on=today, channel="call", participants=["Cy"])
    cy = Person.objects.get(owner=student, full_name="Cy")
    employment = employment_add(person=cy, company=gone, title="PM")
    employment.is_current = False
    employment.save()
    _opportunity(student, gone, Stage.APPLIED)
    # Talked to someone at Initech a year ago, long before the lead: does not count.
    conversation_log(
        owner=student,
        occurred_on=today - dt.timedelta(days=400),
        channel="call",
        participants=["Di"],
    )
    employment_add(person=Person.objects.get(owner=student, full_name="Di"), company=old)
    _opportunity(student, old, Stage.APPLIED)
    _opportunity(student, stripe, Stage.APPLIED, "Second role")
    # Another student's talk to someone at their own Stripe counts for nothing here.
    _private_life(centre.peer, today)
    applied = Opportunity.objects.filter(owner=student, stage=Stage.APPLIED)
    expected = sum(
        1 for o in applied if not apply_check(opportunity=o, today=today).has_conversation
    )
    found = progress_for(student_ids=[student.pk], today=today)[student.pk]
    assert expected == 3
    assert found.applied_without_contact == expected


def _students(n: int, centre: Centre, today: dt.date) -> list[int]:
    ids = []
    for i in range(n):
        student = User.objects.create_user(username=f"student{i}")
        _private_life(student, today)
        ids.append(student.pk)
    return ids


@pytest.mark.parametrize("n", [1, 5])
def test_a_cohort_costs_a_fixed_number_of_queries(centre: Centre, n: int) -> None:
    today = timezone.localdate()
    ids = _students(n, centre, today)
    with CaptureQueriesContext(connection) as queries:
        progress = progress_for(student_ids=ids, today=today)
    assert len(queries) == 6
    assert {p.applied_without_contact for p in progress.values()} == {1}


def test_the_dashboard_lists_those_who_granted_most_stuck_first(centre: Centre) -> None:
    today = timezone.localdate()
    _private_life(centre.student, today)  # three signals
    conversation_log(owner=centre.peer, occurred_on=today, channel="call", participants=["Ed"])
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    page = coach.get("/coach/").content.decode()
    assert page.index("olivia") < page.index("mallory")
    assert "2 of 2" not in page
    assert "1 of 2 show a stuck signal" in page
    by_name = coach.get("/coach/?sort=name").content.decode()
    assert by_name.index("mallory") < by_name.index("olivia")
    centre.client(centre.peer).post("/cohort/coaches/revoke", {"coach": centre.coach.pk})
    page = coach.get("/coach/").content.decode()
    assert "mallory" not in page
    assert "1 in your cohorts has not" in page


def test_the_dashboard_seen_again_is_kept_yet_logged_and_never_stale(centre: Centre) -> None:
    today = timezone.localdate()
    _private_life(centre.student, today)  # last talked 20 days ago
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    coach.get("/coach/")  # the browser's first page: it gets its CSRF cookie
    cache_clear()
    with CaptureQueriesContext(connection) as computed:
        first = coach.get("/coach/").content.decode()
    with CaptureQueriesContext(connection) as kept:
        again = coach.get("/coach/").content.decode()
    assert again == first
    assert len(kept) < len(computed)
    assert len(_coach_views(centre.student)) == 3  # every look is logged, kept page or not

    conversation_log(owner=centre.student, occurred_on=today, channel="call", participants=["Ed"])
    assert "1 had no conversation in 14 days" in first
    assert "0 had no conversation in 14 days" in coach.get("/coach/").content.decode()

    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    assert "mallory" in coach.get("/coach/").content.decode()


def test_the_kept_dashboard_counts_who_has_not_granted_as_it_changes(centre: Centre) -> None:
    """The students shown stay the same, so only the count says what changed: a student
    who joins the cohort, grants, has their account closed or changes role."""
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    spring = centre.coach.member.cohorts.get()

    def not_granted() -> str:
        page = coach.get("/coach/").content.decode()
        assert "olivia" in page
        found = re.search(r"(\d+) in your cohorts ha(?:s|ve) not", page)
        return found.group(1) if found else "0"

    assert not_granted() == "1"  # mallory
    newcomer = User.objects.create_user(username="nadia", password="correct-horse-5")
    member_set(user=newcomer, role="student", cohorts=[spring])
    assert not_granted() == "2"
    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    assert not_granted() == "1"
    newcomer.is_active = False
    newcomer.save()
    assert not_granted() == "0"
    newcomer.is_active = True
    newcomer.save()
    assert not_granted() == "1"
    member_set(user=newcomer, role="admin", cohorts=[])
    assert not_granted() == "0"


def test_a_look_at_the_dashboard_logs_exactly_the_students_shown(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    grant_revoke(student=centre.peer, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    page = coach.get("/coach/").content.decode()
    assert "olivia" in page
    assert "mallory" not in page
    assert [(e.actor, e.detail) for e in _coach_views(centre.student)] == [
        (centre.coach, "Cohort dashboard: counts and signals")
    ]
    assert _coach_views(centre.peer) == []
    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    coach.get("/coach/")
    coach.get("/coach/")
    assert len(_coach_views(centre.student)) == 3
    assert len(_coach_views(centre.peer)) == 2
    assert len(_coach_views(centre.peer, limit=1)) == 1


def test_a_look_is_one_row_whatever_the_cohort_size(centre: Centre) -> None:
    """A look is written once, not once per student: looks at the same students share the
    record of whom they showed."""
    spring = centre.coach.member.cohorts.get()
    for n in range(30):
        student = User.objects.create_user(username=f"s{n}", password="correct-horse-6")
        member_set(user=student, role="student", cohorts=[spring])
        grant_give(student=student, coach_id=centre.coach.pk)
    coach = centre.client(centre.coach)
    coach.get("/coach/")
    rows = AuditEvent.objects.count() + CoachLook.objects.count()
    with CaptureQueriesContext(connection) as looked:
        coach.get("/coach/")
    assert AuditEvent.objects.count() + CoachLook.objects.count() == rows + 1
    assert [q for q in looked.captured_queries if "INSERT INTO" in q["sql"]]
    assert all(len(_coach_views(User.objects.get(username=f"s{n}"))) == 2 for n in range(30))


def test_a_kept_look_asks_the_same_few_queries_whatever_the_cohort_size(centre: Centre) -> None:
    """Every look reads who the coach is and the versions of what the page shows, even when
    the page is kept: the role with the cohorts' versions in one query, the coach's and all
    the students' data versions in another, whether one student granted or thirty-one."""
    coach = centre.client(centre.coach)

    def kept_look() -> list[str]:
        coach.get("/coach/")  # computed, and kept
        with CaptureQueriesContext(connection) as looked:
            assert coach.get("/coach/").status_code == 200
        return [query["sql"] for query in looked.captured_queries]

    grant_give(student=centre.student, coach_id=centre.coach.pk)
    one = kept_look()
    spring = centre.coach.member.cohorts.get()
    for n in range(30):
        student = User.objects.create_user(username=f"s{n}", password="correct-horse-6")
        member_set(user=student, role="student", cohorts=[spring])
        grant_give(student=student, coach_id=centre.coach.pk)
    many = kept_look()
    assert len(many) == len(one)
    assert sum("cohorts_member" in sql for sql in many) == 1
    assert sum("playbook_dataversion" in sql for sql in many) == 2


def _coach_views(student: User, limit: int = 50) -> list[AuditEvent]:
    """The coach views in the student's log, as the student's cohort page lists them."""
    return [
        event
        for event in audit_for(subject=student, limit=limit)
        if event.action == AuditAction.COACH_VIEWED
    ]


def test_looks_stay_in_the_log_when_an_account_in_them_goes(centre: Centre) -> None:
    grant_give(student=centre.student, coach_id=centre.coach.pk)
    grant_give(student=centre.peer, coach_id=centre.coach.pk)
    centre.client(centre.coach).get("/coach/")
    admin = User.objects.create_user(username="admin_ada", password="correct-horse-7")
    user_delete(user=centre.peer, actor=admin)
    assert [e.actor for e in _coach_views(centre.student)] == [centre.coach]
    user_delete(user=centre.coach, actor=admin)
    assert [e.actor for e in _coach_views(centre.student)] == [None]  # "a deleted member"
    hub = centre.client(centre.student).get("/cohort/").content.decode()
    assert "A coach looked at progress" in hub
