"""Reads for the home page. The playbook's Today page will take this place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.models import Company, TargetStatus
from rapport.conversations.models import Conversation
from rapport.conversations.selectors import with_summary
from rapport.opportunities.models import CLOSED_STAGES, Opportunity
from rapport.people.models import Person


@dataclass(frozen=True)
class HomeSummary:
    people: int
    targets: int
    conversations_this_week: int
    open_opportunities: int
    recent_conversations: QuerySet[Conversation]
    active_opportunities: QuerySet[Opportunity]
    top_targets: QuerySet[Company]

    @property
    def is_empty(self) -> bool:
        return not (self.people or self.targets or self.open_opportunities)


def home_summary(*, owner: User) -> HomeSummary:
    week_ago = timezone.localdate() - timedelta(days=7)
    conversations = Conversation.objects.filter(owner=owner)
    open_opportunities = Opportunity.objects.filter(owner=owner).exclude(stage__in=CLOSED_STAGES)
    targets = Company.objects.filter(owner=owner, target_status=TargetStatus.TARGET)
    return HomeSummary(
        people=Person.objects.filter(owner=owner).count(),
        targets=targets.count(),
        conversations_this_week=conversations.filter(occurred_on__gte=week_ago).count(),
        open_opportunities=open_opportunities.count(),
        recent_conversations=with_summary(conversations)[:5],
        active_opportunities=open_opportunities.select_related("company")[:6],
        top_targets=targets.order_by("priority", "name")[:8],
    )
