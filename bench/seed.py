"""Inside Django: what a heavy user adds by hand after importing, as bulk rows.

5,000 logged conversations with outcomes, 500 target companies (some to avoid, some with a
referral protocol), 5,000 introductions and 5,000 "know each other" links, open leads and
follow-ups; at scale 1.0. Dates are relative to today, so the Today page has work to show.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from bench import names
from bench.records import note_text
from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder, Company, TargetStatus
from rapport.conversations.models import (
    Channel,
    Conversation,
    Introduction,
    IntroductionState,
    Outcome,
    OutcomeKind,
)
from rapport.network.models import Acquaintance
from rapport.opportunities.models import Opportunity, Stage
from rapport.people.models import Person, Relationship
from rapport.playbook.models import FollowUp, FollowUpKind

FULL = {
    "conversations": 5_000,
    "targets": 500,
    "introductions": 5_000,
    "acquaintances": 5_000,
    "active": 2_000,
    "opportunities": 300,
    "followups": 1_000,
}
BATCH = 2_000
CHANNELS = [Channel.COFFEE, Channel.CALL, Channel.VIDEO, Channel.EMAIL, Channel.EVENT]
OUTCOMES = [
    OutcomeKind.ADVICE, OutcomeKind.NAME, OutcomeKind.INSIGHT, OutcomeKind.RECOMMEND,
    OutcomeKind.AVOID, OutcomeKind.GAVE,
]  # fmt: skip


class Seeder:
    def __init__(self, owner: User, rng: random.Random, scale: float, today: date) -> None:
        self.owner, self.rng, self.today = owner, rng, today
        self.n = {name: max(3, round(full * scale)) for name, full in FULL.items()}
        self.people = list(
            Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True)
        )
        self.active = rng.sample(self.people, min(len(self.people), self.n["active"]))
        self.targets: list[int] = []

    def targets_mark(self) -> None:
        """The biggest employers and a random spread of the others, as a real list is."""
        by_size = list(
            Company.objects.filter(owner=self.owner)
            .annotate(staff=Count("employments"))
            .order_by("-staff", "pk")
            .values_list("pk", flat=True)
        )
        count = min(len(by_size), self.n["targets"])
        head = by_size[: count // 5]
        self.targets = head + self.rng.sample(by_size[count // 5 :], count - len(head))
        rows = Company.objects.filter(pk__in=self.targets)
        rows.update(target_status=TargetStatus.TARGET)
        for index, pk in enumerate(self.targets):
            if index % 5 == 0:
                Company.objects.filter(pk=pk).update(
                    priority=1 + index % 3,
                    referral_channel="Internal referral portal",
                    referral_apply_order=ApplyOrder.REFERRAL_FIRST,
                    referral_learned_from_id=self.rng.choice(self.active),
                    referral_learned_on=self.today - timedelta(days=self.rng.randint(1, 300)),
                )
        avoid = [pk for pk in by_size[count:] if self.rng.random() < 0.02][: count // 25]
        Company.objects.filter(pk__in=avoid).update(
            target_status=TargetStatus.AVOID, status_reason="Heard the team is in turmoil."
        )

    def relationships(self) -> None:
        close = self.active[: len(self.active) // 10]
        Person.objects.filter(pk__in=self.active).update(relationship=Relationship.ACTIVE)
        Person.objects.filter(pk__in=close).update(relationship=Relationship.CLOSE)

    def conversations(self) -> list[Conversation]:
        rng = self.rng
        rows = [
            Conversation(
                owner=self.owner,
                occurred_on=self._day(this_week=index < 3),
                channel=rng.choice(CHANNELS),
                notes=f"## Notes\n\n{note_text(rng)}\n\n- {rng.choice(names.NOTE_WORDS)}",
            )
            for index in range(self.n["conversations"])
        ]
        talks = Conversation.objects.bulk_create(rows, batch_size=BATCH)
        through = Conversation.participants.through
        links = {(t.pk, p) for t in talks for p in rng.sample(self.active, rng.randint(1, 2))}
        through.objects.bulk_create(
            [through(conversation_id=t, person_id=p) for t, p in sorted(links)], batch_size=BATCH
        )
        about = Conversation.companies.through
        topics = {(t.pk, c) for t in talks if self.targets for c in rng.sample(self.targets, 1)}
        about.objects.bulk_create(
            [about(conversation_id=t, company_id=c) for t, c in sorted(topics)], batch_size=BATCH
        )
        return talks

    def _day(self, *, this_week: bool) -> date:
        """Spread over the last three years: about five a day for a heavy user. A few fall
        in this week at any scale, so a small data set shows the same page (and runs the
        same queries) as a big one."""
        if this_week:
            return self.today - timedelta(days=self.rng.randint(0, self.today.weekday()))
        return self.today - timedelta(days=self.rng.randint(0, 1_000))

    def backdate(self, model: type[Introduction] | type[Opportunity], pks: list[int]) -> None:
        """Rows made today by bulk_create, spread over the last three years instead
        (created_at and updated_at are automatic, so they are set by update())."""
        buckets: dict[int, list[int]] = {}
        for pk in pks:
            buckets.setdefault(self.rng.randint(0, 1_000), []).append(pk)
        now = timezone.now()
        for days, group in sorted(buckets.items()):
            when = now - timedelta(days=days)
            model.objects.filter(pk__in=group).update(created_at=when, updated_at=when)

    def outcomes(self, talks: list[Conversation]) -> None:
        rng = self.rng
        rows = []
        for talk in rng.sample(talks, len(talks) // 3):
            kind = rng.choice(OUTCOMES)
            needs_company = kind in (OutcomeKind.INSIGHT, OutcomeKind.RECOMMEND, OutcomeKind.AVOID)
            rows.append(
                Outcome(
                    owner=self.owner,
                    conversation=talk,
                    kind=kind,
                    text=note_text(rng),
                    from_person_id=rng.choice(self.active),
                    person_id=rng.choice(self.people) if kind == OutcomeKind.NAME else None,
                    company_id=rng.choice(self.targets) if needs_company else None,
                )
            )
        Outcome.objects.bulk_create(rows, batch_size=BATCH)

    def introductions(self, talks: list[Conversation]) -> None:
        rng = self.rng
        pairs: dict[int, int] = {}
        while len(pairs) < min(self.n["introductions"], len(self.people) - 1):
            introducer, introduced = rng.choice(self.active), rng.choice(self.people)
            if introducer != introduced:
                pairs.setdefault(introduced, introducer)
        states = list(IntroductionState)
        made = Introduction.objects.bulk_create(
            [
                Introduction(
                    owner=self.owner,
                    introducer_id=a,
                    introduced_id=b,
                    state=rng.choice(states),
                    conversation=rng.choice(talks) if rng.random() < 0.3 else None,
                )
                for b, a in pairs.items()
            ],
            batch_size=BATCH,
        )
        self.backdate(Introduction, [intro.pk for intro in made])
        named = [Person(pk=b, introduced_by_id=a) for b, a in pairs.items()]
        Person.objects.bulk_update(named, ["introduced_by"], batch_size=BATCH)

    def acquaintances(self) -> None:
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < self.n["acquaintances"]:
            a, b = sorted(self.rng.sample(self.people, 2))
            pairs.add((a, b))
        Acquaintance.objects.bulk_create(
            [
                Acquaintance(owner=self.owner, person_a_id=a, person_b_id=b, note="Worked together")
                for a, b in sorted(pairs)
            ],
            batch_size=BATCH,
        )

    def leads(self) -> None:
        rng = self.rng
        stages = [Stage.LEAD, Stage.RESEARCHING, Stage.CONNECTED, Stage.REFERRED, Stage.APPLIED]
        opportunities = Opportunity.objects.bulk_create(
            [
                Opportunity(
                    owner=self.owner,
                    company_id=rng.choice(self.targets),
                    title=rng.choice(names.TITLES),
                    advertised=rng.random() < 0.7,
                    stage=rng.choice(stages),
                    source_person_id=rng.choice(self.active),
                    referrer_id=rng.choice(self.active) if rng.random() < 0.2 else None,
                )
                for _ in range(self.n["opportunities"])
            ],
            batch_size=BATCH,
        )
        self.backdate(Opportunity, [opportunity.pk for opportunity in opportunities])
        kinds = list(FollowUpKind)
        FollowUp.objects.bulk_create(
            [
                FollowUp(
                    owner=self.owner,
                    person_id=rng.choice(self.active),
                    opportunity=rng.choice(opportunities) if rng.random() < 0.2 else None,
                    kind=rng.choice(kinds),
                    due_on=self.today + timedelta(days=rng.randint(-30, 30)),
                    done_at=timezone.now() if rng.random() < 0.5 else None,
                )
                for _ in range(self.n["followups"])
            ],
            batch_size=BATCH,
        )


def seed(*, scale: float, seed: int) -> dict[str, Any]:
    """Add the hand-entered part of the heavy user's data to the imported database."""
    start = time.perf_counter()
    owner = User.objects.order_by("pk").first()
    if owner is None:
        raise SystemExit("nothing imported yet: run the import step first")
    seeder = Seeder(owner, random.Random(seed), scale, timezone.localdate())
    with transaction.atomic():
        seeder.targets_mark()
        seeder.relationships()
        talks = seeder.conversations()
        seeder.outcomes(talks)
        seeder.introductions(talks)
        seeder.acquaintances()
        seeder.leads()
    return {"seconds": time.perf_counter() - start, **seeder.n, "people": len(seeder.people)}
