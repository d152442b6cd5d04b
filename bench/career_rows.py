"""Inside Django: a university career centre's database, written with COPY.

Students (each with a network of realistic size: LinkedIn connections, their jobs now and
before, LinkedIn conversations, and a hand-entered part at bench/seed.py's proportions),
cohorts of them with a coach each, what they share with their cohort (`CohortShare`), the
contacts they offer to introduce (`IntroOffer`), the grants that let their coach see their
progress (`CoachGrant`), assignments and the audit log of it all.

Rows go in with COPY while the session's triggers are off (`session_replication_role =
replica`, which needs a superuser: a bench database only). Those triggers keep the search
index and the per-owner data version: afterwards every owner's data version starts anew,
and the search index is rebuilt in one pass if asked for (the pages measured don't read
it). Foreign keys are not checked during COPY either: every id is assigned here, after the
tables' highest, and their sequences are moved past them.
Keys are computed as the app computes them (`core.text.fold`, `company_key`).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from bench import names
from bench.records import note_text
from rapport.accounts.models import User
from rapport.cohorts.models import Assignment as CoachAssignment
from rapport.cohorts.models import (
    AuditAction,
    AuditEvent,
    CoachGrant,
    Cohort,
    CohortShare,
    IntroAsk,
    IntroAskState,
    IntroOffer,
    Member,
    Role,
    ShareKind,
)
from rapport.companies.models import ApplyOrder, Company, Employment, TargetStatus
from rapport.conversations.models import (
    Channel,
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
)
from rapport.core.models import Source
from rapport.core.text import company_key, fold
from rapport.network.models import Acquaintance
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person, Relationship
from rapport.playbook.models import FollowUp, FollowUpKind
from rapport.search.backends import backend_for

PASSWORD = "career-bench-password"  # every bench user's (the login page is measured, not used)
FLUSH = 50_000  # rows kept before a COPY
HEAVY_PEOPLE = 30_000  # bench/seed.py's heavy user: the hand-entered part scales from it


@dataclass(frozen=True)
class Shape:
    """How big the centre is, and each student's network."""

    students: int = 2_000
    people: int = 1_500
    cohorts: int = 20
    conversations: int = 500  # per student, logged ones included (1M for 2,000)
    shares: int = 10  # per student (20,000 for 2,000)
    offers: int = 20  # contacts each student offers to introduce
    companies_per_person: float = 0.2
    seed: int = 20261207

    @property
    def hand(self) -> float:
        return self.people / HEAVY_PEOPLE


# -- COPY ------------------------------------------------------------------------------------


_MISSING = object()


def _default(model_field: models.Field[Any, Any], now: datetime) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return now.isoformat()  # formatted once, not once a row
    if model_field.has_default():
        return model_field.get_default()
    if model_field.null:
        return None
    if isinstance(model_field, models.CharField | models.TextField):
        return ""
    return _MISSING


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _cell(value: Any) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPE)
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value).translate(_ESCAPE)
    return str(value)


class Table:
    """A model's rows, buffered and written with COPY; ids assigned after the table's highest."""

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        meta = model._meta
        self.table = meta.db_table
        self.fields = list(meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.template = [_default(f, now) for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.pk = self.index[meta.pk.attname] if isinstance(meta.pk, models.AutoField) else None
        if self.pk is not None:
            self.template[self.pk] = 0  # assigned by add()
        self.rows: list[list[Any]] = []
        self.count = 0
        self.next_id = 0

    def start(self, cursor: Any) -> None:
        if self.pk is not None:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {self.table}")
            self.next_id = cursor.fetchone()[0] + 1

    def add(self, **values: Any) -> int:
        """Buffer a row (the fields not given take their defaults); return its id."""
        row = self.template.copy()
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        if _MISSING in row:
            missing = [f.attname for f, v in zip(self.fields, row, strict=True) if v is _MISSING]
            raise ValueError(f"{self.table}: {', '.join(missing)} need a value")
        made = 0
        if self.pk is not None:
            made = row[self.pk] = self.next_id
            self.next_id += 1
        self.rows.append(row)
        self.count += 1
        return made

    def flush(self, cursor: Any, *, full: bool = True) -> None:
        if not self.rows or (not full and len(self.rows) < FLUSH):
            return
        text = "".join("\t".join(map(_cell, row)) + "\n" for row in self.rows)
        with cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
            copy.write(text.encode())
        self.rows.clear()

    def finish(self, cursor: Any) -> None:
        self.flush(cursor)
        if self.pk is not None:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{self.table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {self.table}))"
            )


# -- The centre ------------------------------------------------------------------------------


def company_names(count: int) -> list[str]:
    """The same names, in the same order, for every student: students of one centre aim at
    the same employers, so their shares meet on the same companies."""
    known = [name for name, _, _ in names.KNOWN_COMPANIES]
    made = [f"{a} {b}" for b in names.COMPANY_SECOND for a in names.COMPANY_FIRST]
    return (known + made)[:count]


@dataclass
class Student:
    user_id: int
    number: int
    cohort: int
    people: list[int] = field(default_factory=list)
    active: list[int] = field(default_factory=list)
    companies: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    works_at: dict[int, int] = field(default_factory=dict)  # person -> current company index
    names: dict[int, str] = field(default_factory=dict)  # person -> full name


class Centre:
    """Generates the rows; `write()` sends them to the database."""

    MODELS: tuple[type[models.Model], ...] = (
        User, Cohort, Member, Member.cohorts.through, Company, Person, Employment,
        Conversation, Conversation.participants.through, Conversation.companies.through,
        Outcome, Introduction, Acquaintance, Opportunity, FollowUp,
        CohortShare, IntroOffer, IntroAsk, CoachGrant, CoachAssignment, AuditEvent,
    )  # fmt: skip

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.t = {model: Table(model, self.now) for model in self.MODELS}
        count = max(10, int(shape.people * shape.companies_per_person))
        self.names = company_names(count)
        self.keys = [company_key(name) for name in self.names]
        # A few employers of many of the student's people, as in life (bench/server_users).
        self.weights = [1 / (rank + 10) for rank in range(count)]
        self.password = make_password(PASSWORD)
        self.cohort_ids: list[int] = []
        self.coach_ids: list[int] = []
        # (offer, its owner, the person's name)
        self.offers_by_cohort: dict[int, list[tuple[int, int, str]]] = {}
        self.students_by_cohort: dict[int, list[int]] = {}

    def table(self, model: type[models.Model]) -> Table:
        return self.t[model]

    def write(self) -> dict[str, Any]:
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg's own, for COPY
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in self.t.values():
                table.start(cursor)
            self._cohorts()
            for number in range(self.shape.students):
                self._student(number)
                for table in self.t.values():
                    table.flush(cursor, full=False)
            self._asks()
            for table in self.t.values():
                table.finish(cursor)
            # The triggers that keep each owner's data version were off: start all anew.
            cursor.execute("DELETE FROM playbook_dataversion")
            cursor.execute("SET LOCAL session_replication_role = origin")
        copied = time.perf_counter() - start
        return {
            "copy_seconds": copied,
            "rows": {t.table: t.count for t in self.t.values()},
        }

    # Users, cohorts, coaches

    def _user(self, username: str, first: str, last: str) -> int:
        return self.table(User).add(
            username=username,
            password=self.password,
            first_name=first,
            last_name=last,
            email=f"{username}@career.example.org",
            is_active=True,
            is_staff=False,
            is_superuser=False,
            date_joined=self.now,
            last_login=None,
        )

    def _member(self, user_id: int, role: Role, cohort: int) -> None:
        self.table(Member).add(user_id=user_id, role=role)
        self.table(Member.cohorts.through).add(member_id=user_id, cohort_id=cohort)

    def _cohorts(self) -> None:
        for index in range(self.shape.cohorts):
            cohort = self.table(Cohort).add(name=f"Cohort {index + 1:02d}")
            coach = self._user(f"coach-{index}", "Coach", f"Number {index}")
            self._member(coach, Role.COACH, cohort)
            self.cohort_ids.append(cohort)
            self.coach_ids.append(coach)
            self.offers_by_cohort[cohort] = []
            self.students_by_cohort[cohort] = []

    # One student

    def _student(self, number: int) -> None:
        rng = self.rng
        first, last = rng.choice(names.FIRST_NAMES)[0], rng.choice(names.LAST_NAMES)
        user = self._user(f"student-{number}", first, last)
        slot = number % self.shape.cohorts
        student = Student(user, number, self.cohort_ids[slot])
        self._member(user, Role.STUDENT, student.cohort)
        self.students_by_cohort[student.cohort].append(user)
        self._network(student)
        self._hand_entered(student)
        self._shares(student)
        self._offers(student)
        self._coaching(student, self.coach_ids[slot])

    def _network(self, s: Student) -> None:
        rng, owner = self.rng, s.user_id
        companies = self.table(Company)
        s.companies = [
            companies.add(owner_id=owner, name=name, name_key=key, source=Source.IMPORT)
            for name, key in zip(self.names, self.keys, strict=True)
        ]
        people, jobs = self.table(Person), self.table(Employment)
        picks = rng.choices(range(len(s.companies)), weights=self.weights, k=2 * self.shape.people)
        for index in range(self.shape.people):
            first = rng.choice(names.FIRST_NAMES)[0]
            last = rng.choice(names.LAST_NAMES)
            full = f"{first} {last}"
            person = people.add(
                owner_id=owner,
                first_name=first,
                last_name=last,
                full_name=full,
                name_key=fold(full),
                source=Source.IMPORT,
                connected_on=self.today - timedelta(days=rng.randint(30, 4_000)),
            )
            s.people.append(person)
            now, before = picks[2 * index], picks[2 * index + 1]
            start = self.today - timedelta(days=rng.randint(30, 2_500))
            if rng.random() < 0.9:
                s.works_at[person] = now
                s.names[person] = full
                self._job(jobs, owner, person, s.companies[now], start, None)
            if rng.random() < 0.6 and before != now:
                end = start
                self._job(jobs, owner, person, s.companies[before], start - timedelta(900), end)
        linkedin = max(0, self.shape.conversations - self._logged_count())
        self._talks(s, linkedin, [Channel.LINKEDIN], s.people, notes=False)

    def _job(
        self, jobs: Table, owner: int, person: int, company: int, start: date, end: date | None
    ) -> None:
        jobs.add(
            owner_id=owner,
            person_id=person,
            company_id=company,
            title=self.rng.choice(names.TITLES),
            started_on=start,
            ended_on=end,
            is_current=end is None,
            source=Source.IMPORT,
        )

    def _logged_count(self) -> int:
        return max(3, round(5_000 * self.shape.hand))

    def _talks(
        self, s: Student, count: int, channels: Sequence[str], whom: list[int], *, notes: bool
    ) -> list[int]:
        """LinkedIn's (`notes` False: a month old or more) or logged by hand, a few of
        those this week (so a small data set shows the same Today page as a big one)."""
        rng, talks = self.rng, self.table(Conversation)
        with_whom = self.table(Conversation.participants.through)
        made = []
        for index in range(count):
            if notes and index < 3:
                days = rng.randint(0, self.today.weekday())
            else:
                days = rng.randint(0, 1_000) + (0 if notes else 30)
            talk = talks.add(
                owner_id=s.user_id,
                occurred_on=self.today - timedelta(days=days),
                channel=rng.choice(channels),
                notes=f"## Notes\n\n{note_text(rng)}" if notes else "",
                source=Source.MANUAL if notes else Source.IMPORT,
            )
            with_whom.add(conversation_id=talk, person_id=rng.choice(whom))
            made.append(talk)
        return made

    def _hand_entered(self, s: Student) -> None:
        """bench/seed.py's Seeder, at P / 30,000 of a heavy user's, as rows."""
        rng, scale = self.rng, self.shape.hand
        n = {k: max(3, round(v * scale)) for k, v in _HAND.items()}
        s.active = rng.sample(s.people, min(len(s.people), n["active"]))
        head = list(range(n["targets"] // 5))  # the biggest employers, and a random spread
        spread = rng.sample(range(len(head), len(s.companies)), n["targets"] - len(head))
        s.targets = head + spread
        close = set(s.active[: len(s.active) // 10])
        # Targets and relationships are updates of rows still in the buffers.
        self._mark_targets(s)
        self._mark_relationships(s, close)
        channels = [Channel.COFFEE, Channel.CALL, Channel.VIDEO, Channel.EMAIL, Channel.EVENT]
        talks = self._talks(s, self._logged_count(), channels, s.active, notes=True)
        about = self.table(Conversation.companies.through)
        for talk in talks:
            about.add(conversation_id=talk, company_id=s.companies[rng.choice(s.targets)])
        self._outcomes(s, talks)
        self._introductions(s, talks, n["introductions"])
        self._acquaintances(s, n["acquaintances"])
        self._leads(s, n["opportunities"], n["followups"])

    def _mark_targets(self, s: Student) -> None:
        companies = self.table(Company)
        columns = {c: i for i, c in enumerate(f.attname for f in companies.fields)}
        first = len(companies.rows) - len(s.companies)
        for rank, index in enumerate(s.targets):
            row = companies.rows[first + index]
            row[columns["target_status"]] = TargetStatus.TARGET
            if rank % 5 == 0:
                row[columns["priority"]] = 1 + rank % 3
                row[columns["referral_channel"]] = "Internal referral portal"
                row[columns["referral_apply_order"]] = ApplyOrder.REFERRAL_FIRST
                row[columns["referral_learned_from_id"]] = self.rng.choice(s.active)
                row[columns["referral_learned_on"]] = self.today - timedelta(
                    days=self.rng.randint(1, 300)
                )

    def _mark_relationships(self, s: Student, close: set[int]) -> None:
        people = self.table(Person)
        columns = {c: i for i, c in enumerate(f.attname for f in people.fields)}
        first = len(people.rows) - len(s.people)
        active = set(s.active)
        for offset, pk in enumerate(s.people):
            if pk in active:
                people.rows[first + offset][columns["relationship"]] = (
                    Relationship.CLOSE if pk in close else Relationship.ACTIVE
                )

    def _outcomes(self, s: Student, talks: list[int]) -> None:
        rng, outcomes = self.rng, self.table(Outcome)
        kinds = [OutcomeKind.ADVICE, OutcomeKind.NAME, OutcomeKind.INSIGHT, OutcomeKind.AVOID]
        for talk in rng.sample(talks, len(talks) // 3):
            kind = rng.choice(kinds)
            about_company = kind in (OutcomeKind.INSIGHT, OutcomeKind.AVOID)
            outcomes.add(
                owner_id=s.user_id,
                conversation_id=talk,
                kind=kind,
                text=note_text(rng),
                from_person_id=rng.choice(s.active),
                person_id=rng.choice(s.people) if kind == OutcomeKind.NAME else None,
                company_id=s.companies[rng.choice(s.targets)] if about_company else None,
            )

    def _introductions(self, s: Student, talks: list[int], count: int) -> None:
        rng, intros = self.rng, self.table(Introduction)
        pairs: dict[int, int] = {}
        while len(pairs) < min(count, len(s.people) - 1):
            introducer, introduced = rng.choice(s.active), rng.choice(s.people)
            if introducer != introduced:
                pairs.setdefault(introduced, introducer)
        states = list(IntroductionState)
        for introduced, introducer in pairs.items():
            intros.add(
                owner_id=s.user_id,
                introducer_id=introducer,
                introduced_id=introduced,
                state=rng.choice(states),
                conversation_id=rng.choice(talks) if rng.random() < 0.3 else None,
            )
        people = self.table(Person)
        column = [f.attname for f in people.fields].index("introduced_by_id")
        first_pk = s.people[0]
        first = len(people.rows) - len(s.people)
        for introduced, introducer in pairs.items():
            people.rows[first + introduced - first_pk][column] = introducer

    def _acquaintances(self, s: Student, count: int) -> None:
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < count:
            a, b = sorted(self.rng.sample(s.people, 2))
            pairs.add((a, b))
        known = self.table(Acquaintance)
        for a, b in sorted(pairs):
            known.add(owner_id=s.user_id, person_a_id=a, person_b_id=b, note="Worked together")

    def _leads(self, s: Student, opportunities: int, followups: int) -> None:
        rng = self.rng
        stages = [Stage.LEAD, Stage.RESEARCHING, Stage.CONNECTED, Stage.REFERRED, Stage.APPLIED]
        made = [
            self.table(Opportunity).add(
                owner_id=s.user_id,
                company_id=s.companies[rng.choice(s.targets)],
                title=rng.choice(names.TITLES),
                advertised=rng.random() < 0.7,
                stage=rng.choice(stages),
                source_person_id=rng.choice(s.active),
                referrer_id=rng.choice(s.active) if rng.random() < 0.2 else None,
                stage_changed_at=self.now - timedelta(days=rng.randint(0, 60)),
            )
            for _ in range(opportunities)
        ]
        kinds = list(FollowUpKind)
        for _ in range(followups):
            self.table(FollowUp).add(
                owner_id=s.user_id,
                person_id=rng.choice(s.active),
                opportunity_id=rng.choice(made) if rng.random() < 0.2 else None,
                kind=rng.choice(kinds),
                due_on=self.today + timedelta(days=rng.randint(-30, 30)),
                done_at=self.now if rng.random() < 0.5 else None,
            )

    # What a student shares with the cohort and their coach

    def _audit(self, subject: int, actor: int, action: str, detail: str) -> None:
        self.table(AuditEvent).add(
            subject_id=subject, actor_id=actor, action=action, detail=detail[:300], at=self.now
        )

    def _shares(self, s: Student) -> None:
        rng, kinds = self.rng, list(ShareKind)
        for index in rng.sample(s.targets, min(self.shape.shares, len(s.targets))):
            kind = rng.choice(kinds)
            name = self.names[index]
            self.table(CohortShare).add(
                sharer_id=s.user_id,
                cohort_id=s.cohort,
                company_key=self.keys[index],
                company_name=name,
                company_id=s.companies[index],
                kind=kind,
                text=note_text(rng),
                reason="The team is in turmoil." if kind == ShareKind.WARNING else "",
                named=rng.random() < 0.7,
            )
            self._audit(s.user_id, s.user_id, AuditAction.SHARED, f"{kind.label}: {name}")

    def _offers(self, s: Student) -> None:
        """Contacts working now at one of the student's targets (those cohort paths find)."""
        targets = set(s.targets)
        at_targets = [p for p, c in s.works_at.items() if c in targets]
        for person in self.rng.sample(at_targets, min(self.shape.offers, len(at_targets))):
            offer = self.table(IntroOffer).add(owner_id=s.user_id, person_id=person)
            self.offers_by_cohort[s.cohort].append((offer, s.user_id, s.names[person]))
            self._audit(s.user_id, s.user_id, AuditAction.OFFERED, "A contact")

    def _coaching(self, s: Student, coach: int) -> None:
        rng = self.rng
        revoked = rng.random() < 0.05  # a few students stopped their coach seeing progress
        self.table(CoachGrant).add(
            student_id=s.user_id,
            coach_id=coach,
            granted_at=self.now - timedelta(days=30),
            revoked_at=self.now if revoked else None,
        )
        self._audit(s.user_id, s.user_id, AuditAction.GRANTED, "Your coach")
        for done in (True, False):
            self.table(CoachAssignment).add(
                student_id=s.user_id,
                coach_id=coach,
                text="Talk to three alumni at a target this week",
                due_on=self.today + timedelta(days=rng.randint(-7, 7)),
                done_at=self.now if done else None,
                report="Talked to two." if done else "",
            )
            self._audit(s.user_id, coach, AuditAction.ASSIGNED, "An assignment")

    def _asks(self) -> None:
        """Every fifth student asks a cohort member for an introduction (naming the
        introducer and the person on the request too, where this version of the app keeps
        them there)."""
        states = list(IntroAskState)
        kept = {f.attname for f in IntroAsk._meta.concrete_fields}
        for cohort, members in self.students_by_cohort.items():
            offers = self.offers_by_cohort[cohort]
            for requester in members[::5]:
                others = [o for o in offers if o[1] != requester]
                if not others:
                    continue
                offer, owner, name = self.rng.choice(others)
                state = self.rng.choice(states)
                named = {"introducer_id": owner, "person_name": name}
                self.table(IntroAsk).add(
                    requester_id=requester,
                    offer_id=offer,
                    message="Could you introduce me?",
                    state=state,
                    decided_at=None if state == IntroAskState.PENDING else self.now,
                    **{k: v for k, v in named.items() if k in kept},
                )


_HAND = {
    "targets": 500,
    "introductions": 5_000,
    "acquaintances": 5_000,
    "active": 2_000,
    "opportunities": 300,
    "followups": 1_000,
}


def search_index_rebuild() -> float:
    """The search index as its triggers would have kept it: every document in one pass."""
    start = time.perf_counter()
    with transaction.atomic():
        backend_for(connection).rebuild(None)
    return time.perf_counter() - start


def analyze() -> float:
    """Fresh statistics, as autovacuum keeps them on a real server (VACUUM also sets the
    visibility map, which index-only scans need)."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - start


def generate(shape: Shape, *, search_index: bool = False) -> dict[str, Any]:
    """The centre, then fresh statistics, then (if asked) the search index: the pages the
    benchmark measures do not read it, and it costs ~250 µs a document (20 minutes for the
    whole centre's 4.6 million on two busy cores)."""
    result = Centre(shape).write()
    result["vacuum_seconds"] = analyze()
    if search_index:
        result["search_index_seconds"] = search_index_rebuild()
    return result
