"""Inside Django: what the career-centre benchmark asks of the database it generated.

Session cookies for students spread over the whole centre and for a coach, each student's
pages (the target company they know most people at, for its page and its warm paths), and
the URLs of the career-centre pages that exist in this version of the app (the cohort
features land one by one: a page not there yet is left out, and said so).
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string

from bench.stats import summary
from rapport.accounts.models import User
from rapport.cohorts.models import Member
from rapport.companies.models import Company
from rapport.people.models import Person

# Career-centre pages by URL name, tried in order; the first that exists is measured.
COACH_DASHBOARDS = ("coaching:dashboard", "coaching:cohort", "coaching:home", "coaching:index")


def session_cookie(user: User) -> str:
    """A logged-in session, as the login page would make it, and the CSRF cookie a browser
    keeps from its first page (without it, every page would hand out a new one)."""
    store = import_string(settings.SESSION_ENGINE).SessionStore
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )


def _student(user: User) -> dict[str, Any]:
    company = _top_target(user)
    assert company is not None, f"{user} has no target company"
    return {
        "id": user.pk,
        "username": user.username,
        "cookie": session_cookie(user),
        "company": company.pk,
        "company_people": getattr(company, "staff", 0),
    }


def _url(names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def cohort_path_times(count: int, rounds: int = 3) -> dict[str, Any]:
    """The cohort-path query (`cohorts.intros.cohort_paths`) for `count` students spread over
    the centre, each asking about their own top target, `rounds` times, in this process (no
    HTTP): milliseconds per query, and how many paths it found. Empty if this version of the
    app has no cohort paths yet."""
    try:
        intros = importlib.import_module("rapport.cohorts.intros")
    except ImportError:
        return {}
    settings.LOCAL_MODE = False  # cohort paths are a server-mode feature
    students = _spread(count)
    asked = []
    for user in students:
        company = _top_target(user)
        if company is not None:
            asked.append((user, company))
    times, found = [], []
    for _ in range(rounds):
        for user, company in asked:
            start = time.perf_counter()
            paths = intros.cohort_paths(viewer=user, company=company)
            times.append((time.perf_counter() - start) * 1000)
            found.append(len(paths.paths))
    return {**summary(times), "paths_mean": sum(found) / max(1, len(found))}


def _spread(count: int) -> list[User]:
    students = list(User.objects.filter(username__startswith="student-").order_by("pk"))
    step = max(1, len(students) // max(1, count))
    return students[::step][:count]


def _top_target(user: User) -> Company | None:
    return (
        Company.objects.filter(owner=user, target_status="target")
        .annotate(staff=Count("employments"))
        .order_by("-staff", "pk")
        .first()
    )


def probe(count: int) -> dict[str, Any]:
    chosen = _spread(count)
    coach_member = (
        Member.objects.filter(role="coach").select_related("user").order_by("user_id").first()
    )
    coach: dict[str, Any] = {}
    if coach_member is not None:
        cohort = coach_member.cohorts.order_by("pk").first()
        coach = {
            "id": coach_member.user_id,
            "cookie": session_cookie(coach_member.user),
            "cohort": cohort.pk if cohort else None,
            "cohort_students": cohort.members.filter(role="student").count() if cohort else 0,
        }
    return {
        "students": [_student(user) for user in chosen],
        "coach": coach,
        "coach_dashboard": _url(COACH_DASHBOARDS),
        "users": User.objects.count(),
        "people_rows": Person.objects.count(),
    }
