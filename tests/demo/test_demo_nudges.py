"""The demo shows every kind of nudge the playbook has, connect-before-apply first (#15, 12)."""

from __future__ import annotations

from django.utils import timezone

from rapport.accounts.models import User
from rapport.demo.services import demo_network_load
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.selectors import nudge_plan, today_page

# Kinds the outreach rules add (#16), from messages sent: the demo may or may not have them.
OUTREACH = {"try-another-contact", "follow-up-outreach"}
# A coach's assignment (#18) exists only in a career centre, which the demo is not.
COACHING = {"assignment"}


def test_the_demo_shows_every_nudge_kind_connect_before_apply_first(owner: User) -> None:
    today = timezone.localdate()
    demo_network_load(owner=owner, today=today)

    plan = nudge_plan(owner=owner, today=today)
    shown = {str(nudge.kind) for nudge in plan.visible}
    assert {str(kind) for kind in NudgeKind} - OUTREACH - COACHING <= shown
    page = today_page(owner=owner, today=today)
    first = page.nudges[0]
    assert first.kind == NudgeKind.CONNECT_BEFORE_APPLY
    assert first.title == "Talk to someone at Brightline Health before applying"
