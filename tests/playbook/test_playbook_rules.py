"""Each rule of the playbook fires when the advice applies, and clears once it was followed."""

from __future__ import annotations

import datetime as dt

from playbook_world import World, days_ago, of_kind

from rapport.companies.services import company_set_referral_protocol, employment_add
from rapport.conversations.models import Introduction, IntroductionState, OutcomeKind
from rapport.conversations.services import OutcomeInput, introduction_set_state
from rapport.imports.models import ChangeEvent
from rapport.opportunities.models import Stage
from rapport.opportunities.services import opportunity_move
from rapport.people.models import Relationship
from rapport.playbook.models import FollowUpKind, Mode
from rapport.playbook.nudges import Nudge, NudgeKind, Urgency
from rapport.playbook.selectors import nudges_for_today
from rapport.playbook.services import followup_create, followup_done, nudge_dismiss


def _nudges(world: World, today: dt.date, kind: str) -> list[Nudge]:
    return of_kind(nudges_for_today(owner=world.owner, today=today), kind)


# 1. Connect before you apply


def test_a_saved_lead_at_a_company_where_you_talked_to_nobody_asks_you_to_connect_first(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    lead = world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    [nudge] = _nudges(world, today, NudgeKind.CONNECT_BEFORE_APPLY)

    assert nudge.reason.startswith(
        "You saved the Staff Engineer lead at Stripe 5 days ago and haven't talked to anyone "
        "there yet."
    )
    assert "You know Ana Souza there" in nudge.reason
    assert nudge.urgency == Urgency.HIGH
    assert nudge.key == f"connect-before-apply:opportunity:{lead.pk}"
    assert nudge.person
    assert nudge.person.pk == ana.pk
    assert nudge.log_url().endswith(f"?with={ana.pk}&company={stripe.pk}")


def test_connect_before_apply_says_to_ask_around_when_you_know_nobody_there(
    world: World, today: dt.date
) -> None:
    world.lead("Data Analyst", world.company("Canva"), saved_on=days_ago(1))

    [nudge] = _nudges(world, today, NudgeKind.CONNECT_BEFORE_APPLY)

    assert "You don't know anyone there yet: ask your network who does." in nudge.reason
    assert nudge.person is None


def test_connect_before_apply_clears_after_a_conversation_with_someone_who_works_there(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    world.talk(days_ago(1), ana)

    assert _nudges(world, today, NudgeKind.CONNECT_BEFORE_APPLY) == []


def test_a_conversation_with_a_former_employee_does_not_count_as_a_way_in(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    bo = world.person("Bo Lindqvist")
    employment_add(person=bo, company=stripe, started_on=dt.date(2020, 1, 1), ended_on=days_ago(90))
    world.lead("Staff Engineer", stripe, saved_on=days_ago(5))
    world.talk(days_ago(1), bo)

    assert len(_nudges(world, today, NudgeKind.CONNECT_BEFORE_APPLY)) == 1


def test_connect_before_apply_stops_once_you_applied(world: World, today: dt.date) -> None:
    lead = world.lead("Staff Engineer", world.company("Stripe"), saved_on=days_ago(5))

    opportunity_move(opportunity=lead, stage=Stage.APPLIED)

    assert _nudges(world, today, NudgeKind.CONNECT_BEFORE_APPLY) == []


# 2. Ask how referrals work


def test_knowing_someone_at_an_active_leads_company_asks_for_the_referral_protocol(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(2))
    world.lead("Data Analyst", stripe, saved_on=days_ago(1))

    [nudge] = _nudges(world, today, NudgeKind.ASK_REFERRAL_PROTOCOL)

    assert nudge.title == "Ask Ana how referrals work at Stripe"
    assert "you don't know yet how referrals work there" in nudge.reason
    assert nudge.key == f"ask-referral-protocol:company:{stripe.pk}"


def test_the_referral_question_clears_once_the_protocol_is_known(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(2))

    company_set_referral_protocol(
        company=stripe, channel="Internal referral tool", steps="", learned_from=ana
    )

    assert _nudges(world, today, NudgeKind.ASK_REFERRAL_PROTOCOL) == []


def test_the_referral_question_needs_someone_to_ask(world: World, today: dt.date) -> None:
    world.lead("Staff Engineer", world.company("Stripe"), saved_on=days_ago(2))

    assert _nudges(world, today, NudgeKind.ASK_REFERRAL_PROTOCOL) == []


# 3. Thank them within 48 hours


def test_a_conversation_asks_for_a_thank_you_due_two_days_later(
    world: World, today: dt.date
) -> None:
    ana = world.person("Ana Souza")
    conversation = world.talk(days_ago(1), ana)

    [nudge] = _nudges(world, today, NudgeKind.THANK_YOU)

    assert nudge.title == "Thank Ana for the coffee"
    assert nudge.reason.startswith("You had a coffee with Ana Souza yesterday.")
    assert nudge.due == days_ago(1) + dt.timedelta(days=2)
    assert nudge.key == f"thank-you:conversation:{conversation.pk}:person:{ana.pk}"


def test_the_thank_you_turns_urgent_once_48_hours_passed(world: World, today: dt.date) -> None:
    world.talk(days_ago(3), world.person("Ana Souza"), channel="call")

    [nudge] = _nudges(world, today, NudgeKind.THANK_YOU)

    assert nudge.urgency == Urgency.HIGH
    assert nudge.due < today
    assert "You had a call with Ana Souza 3 days ago." in nudge.reason


def test_a_done_thank_you_follow_up_clears_the_nudge(world: World, today: dt.date) -> None:
    ana = world.person("Ana Souza")
    world.talk(days_ago(1), ana)
    followup = followup_create(
        owner=world.owner, kind=FollowUpKind.THANK_YOU, due_on=today, person=ana
    )

    followup_done(followup=followup)

    assert _nudges(world, today, NudgeKind.THANK_YOU) == []


def test_giving_something_back_counts_as_a_thank_you(world: World, today: dt.date) -> None:
    ana = world.person("Ana Souza")
    world.talk(days_ago(2), ana)

    world.talk(
        days_ago(1),
        ana,
        channel="email",
        outcomes=[OutcomeInput(kind=OutcomeKind.GAVE, text="The article on hiring")],
    )

    assert _nudges(world, today, NudgeKind.THANK_YOU) == []


def test_a_later_conversation_with_the_same_person_counts_as_a_thank_you(
    world: World, today: dt.date
) -> None:
    ana, bo = world.person("Ana Souza"), world.person("Bo Lindqvist")
    world.talk(days_ago(2), ana, bo)

    world.talk(days_ago(1), ana, channel="email")

    titles = {n.title for n in _nudges(world, today, NudgeKind.THANK_YOU)}
    assert titles == {"Thank Bo for the coffee", "Thank Ana for the email exchange"}


def test_an_old_conversation_no_longer_asks_for_a_thank_you(world: World, today: dt.date) -> None:
    world.talk(days_ago(15), world.person("Ana Souza"))

    assert _nudges(world, today, NudgeKind.THANK_YOU) == []


# 4. Close the loop with the introducer


def _introduced(world: World) -> Introduction:
    ana = world.person("Ana Souza")
    world.talk(days_ago(20), ana, outcomes=[OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lind")])
    introduction = Introduction.objects.get(owner=world.owner)
    introduction_set_state(introduction=introduction, state=IntroductionState.MADE)
    return introduction


def test_meeting_the_person_you_were_introduced_to_asks_you_to_report_back(
    world: World, today: dt.date
) -> None:
    introduction = _introduced(world)
    world.talk(days_ago(1), introduction.introduced)

    [nudge] = _nudges(world, today, NudgeKind.REPORT_BACK)

    assert nudge.title == "Tell Ana how it went with Bo Lind"
    assert "Ana Souza introduced you to Bo Lind, and you met yesterday." in nudge.reason
    assert nudge.person
    assert nudge.person.name == "Ana Souza"


def test_no_report_back_is_asked_before_you_met(world: World, today: dt.date) -> None:
    _introduced(world)

    assert _nudges(world, today, NudgeKind.REPORT_BACK) == []


def test_marking_the_introduction_thanked_closes_the_loop(world: World, today: dt.date) -> None:
    introduction = _introduced(world)
    world.talk(days_ago(1), introduction.introduced)

    introduction_set_state(introduction=introduction, state=IntroductionState.THANKED)

    assert _nudges(world, today, NudgeKind.REPORT_BACK) == []


def test_talking_to_the_introducer_after_the_meeting_closes_the_loop(
    world: World, today: dt.date
) -> None:
    introduction = _introduced(world)
    world.talk(days_ago(2), introduction.introduced)

    world.talk(days_ago(1), introduction.introducer, channel="email")

    assert _nudges(world, today, NudgeKind.REPORT_BACK) == []


# 5. Keep in touch on a cadence


def test_a_close_tie_not_talked_to_for_a_month_suggests_something_to_give(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe, relationship=Relationship.CLOSE)
    world.talk(days_ago(31), ana)

    [nudge] = _nudges(world, today, NudgeKind.KEEP_IN_TOUCH)

    assert nudge.reason == (
        "You last talked to Ana Souza 4 weeks ago, and you meant to keep in touch every month. "
        "Give before you ask: send them something useful."
    )
    assert "Share an article about Stripe" in nudge.suggestions
    assert any(s.startswith("Introduce Ana to someone") for s in nudge.suggestions)
    assert nudge.due == days_ago(1)


def test_keep_in_touch_waits_for_the_cadence(world: World, today: dt.date) -> None:
    world.talk(days_ago(29), world.person("Ana Souza", relationship=Relationship.CLOSE))
    world.talk(days_ago(100), world.person("Bo Lind"))  # network: every 6 months

    assert _nudges(world, today, NudgeKind.KEEP_IN_TOUCH) == []


def test_a_persons_own_cadence_beats_their_relationships(world: World, today: dt.date) -> None:
    world.talk(days_ago(15), world.person("Ana Souza", cadence_days=14))

    [nudge] = _nudges(world, today, NudgeKind.KEEP_IN_TOUCH)

    assert "every 2 weeks" in nudge.reason


def test_people_you_never_talked_to_get_no_keep_in_touch_nudge(
    world: World, today: dt.date
) -> None:
    world.person("Ana Souza", relationship=Relationship.CLOSE)

    assert _nudges(world, today, NudgeKind.KEEP_IN_TOUCH) == []


def test_a_new_conversation_clears_the_keep_in_touch_nudge(world: World, today: dt.date) -> None:
    ana = world.person("Ana Souza", relationship=Relationship.ACTIVE)
    world.talk(days_ago(70), ana)
    assert len(_nudges(world, today, NudgeKind.KEEP_IN_TOUCH)) == 1

    world.talk(days_ago(3), ana)

    assert _nudges(world, today, NudgeKind.KEEP_IN_TOUCH) == []


# 6. A target company with no way in


def test_a_target_where_you_know_nobody_suggests_whom_to_ask(world: World, today: dt.date) -> None:
    world.company("Canva", target=True)
    ana, bo = world.person("Ana Souza"), world.person("Bo Lind")
    world.talk(days_ago(40), ana)
    world.talk(days_ago(20), bo)

    [nudge] = _nudges(world, today, NudgeKind.TARGET_NO_CONTACT)

    assert nudge.reason == (
        "Canva is on your target list, but you don't know anyone there. Ask Bo Lind and "
        "Ana Souza — people you talked to lately — whether they know someone there, and share "
        "your target list with them."
    )
    assert nudge.person
    assert nudge.person.name == "Bo Lind"


def test_knowing_someone_at_a_target_clears_the_no_way_in_nudge(
    world: World, today: dt.date
) -> None:
    canva = world.company("Canva", target=True)
    assert len(_nudges(world, today, NudgeKind.TARGET_NO_CONTACT)) == 1

    world.person("Chen Wei", works_at=canva)

    assert _nudges(world, today, NudgeKind.TARGET_NO_CONTACT) == []


# 7. A lead with no insight yet


def test_a_lead_where_you_talked_to_someone_but_learned_nothing_asks_for_an_insight(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    world.talk(days_ago(3), ana)
    lead = world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    [nudge] = _nudges(world, today, NudgeKind.LEAD_NO_INSIGHT)

    assert nudge.key == f"lead-no-insight:opportunity:{lead.pk}"
    assert "You have no insight yet into the Staff Engineer role at Stripe" in nudge.reason
    assert "Ask Ana Souza" in nudge.reason


def test_an_insight_about_the_company_clears_the_lead_nudge(world: World, today: dt.date) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    world.talk(
        days_ago(1),
        ana,
        outcomes=[OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="Values docs")],
    )

    assert _nudges(world, today, NudgeKind.LEAD_NO_INSIGHT) == []


# 8. Someone changed jobs


def test_a_job_change_seen_in_an_import_suggests_congratulating(
    world: World, today: dt.date
) -> None:
    stripe = world.company("Stripe")
    ana = world.person("Ana Souza")
    event = ChangeEvent.objects.create(
        owner=world.owner,
        person=ana,
        occurred_on=days_ago(2),
        new_company=stripe,
        new_title="Engineering Manager",
    )

    [nudge] = _nudges(world, today, NudgeKind.JOB_CHANGE)

    assert nudge.title == "Congratulate Ana on the new job"
    assert nudge.reason.startswith(
        "Ana Souza moved to Stripe as Engineering Manager (2 days ago). Congratulate them"
    )
    assert nudge.key == f"job-change:event:{event.pk}"


def test_an_old_job_change_is_no_longer_news(world: World, today: dt.date) -> None:
    ChangeEvent.objects.create(
        owner=world.owner, person=world.person("Ana Souza"), occurred_on=days_ago(45)
    )

    assert _nudges(world, today, NudgeKind.JOB_CHANGE) == []


# 9. Weekly goals


def test_weekly_goals_count_this_weeks_conversations_names_and_gave_backs(
    world: World, today: dt.date
) -> None:
    ana = world.person("Ana Souza")
    world.talk(days_ago(10), ana)  # last week: not counted
    world.talk(
        days_ago(1),  # Tuesday
        ana,
        outcomes=[
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lind"),
            OutcomeInput(kind=OutcomeKind.GAVE, text="A contact"),
        ],
    )

    [nudge] = _nudges(world, today, NudgeKind.WEEKLY_GOALS)

    assert nudge.reason == (
        "This week so far: 1 of 3 conversations, 1 of 2 new names and 1 of 2 gave-backs."
    )
    assert nudge.suggestions == (
        "Hold 2 more conversations",
        "Ask for 1 more name of people to talk to",
        "Give something back 1 more time",
    )
    assert nudge.due == dt.date(2026, 11, 29)  # Sunday


def test_weekly_goals_clear_once_every_goal_is_met(world: World, today: dt.date) -> None:
    world.settings(goal_conversations=1, goal_names=0, goal_gave=0)

    world.talk(days_ago(1), world.person("Ana Souza"))

    assert _nudges(world, today, NudgeKind.WEEKLY_GOALS) == []


# Search and keep-warm


def test_keeping_warm_rests_the_job_search_nudges(world: World, today: dt.date) -> None:
    stripe = world.company("Stripe", target=True)
    world.company("Canva", target=True)
    world.person("Ana Souza", works_at=stripe)
    world.lead("Staff Engineer", stripe, saved_on=days_ago(5))

    world.settings(mode=Mode.KEEP_WARM)

    kinds = {n.kind for n in nudges_for_today(owner=world.owner, today=today)}
    assert kinds.isdisjoint(
        {
            NudgeKind.CONNECT_BEFORE_APPLY,
            NudgeKind.ASK_REFERRAL_PROTOCOL,
            NudgeKind.TARGET_NO_CONTACT,
            NudgeKind.LEAD_NO_INSIGHT,
        }
    )


def test_keeping_warm_doubles_the_cadences(world: World, today: dt.date) -> None:
    world.talk(days_ago(45), world.person("Ana Souza", relationship=Relationship.CLOSE))
    assert len(_nudges(world, today, NudgeKind.KEEP_IN_TOUCH)) == 1

    world.settings(mode=Mode.KEEP_WARM)

    assert _nudges(world, today, NudgeKind.KEEP_IN_TOUCH) == []


# Order and isolation


def test_nudges_come_most_urgent_first(world: World, today: dt.date) -> None:
    world.company("Canva", target=True)  # low
    world.talk(days_ago(3), world.person("Ana Souza"))  # thank-you, overdue: high

    nudges = nudges_for_today(owner=world.owner, today=today)

    assert [n.urgency for n in nudges] == sorted((n.urgency for n in nudges), reverse=True)
    assert nudges[0].kind == NudgeKind.THANK_YOU


def test_another_users_data_never_makes_nudges_for_me(
    world: World, other_world: World, today: dt.date
) -> None:
    stripe = other_world.company("Stripe", target=True)
    ana = other_world.person("Ana Souza", works_at=stripe, relationship=Relationship.CLOSE)
    other_world.lead("Staff Engineer", stripe, saved_on=days_ago(5))
    other_world.talk(days_ago(1), ana)
    other_world.talk(days_ago(60), other_world.person("Bo Lind", relationship=Relationship.CLOSE))
    world.settings(goal_conversations=0, goal_names=0, goal_gave=0)

    assert nudges_for_today(owner=world.owner, today=today) == []
    assert nudges_for_today(owner=other_world.owner, today=today)


def test_only_the_ten_longest_lapsed_contacts_show_and_dismissing_one_brings_the_next(
    world: World, today: dt.date
) -> None:
    for i in range(12):
        world.talk(days_ago(40 + i), world.person(f"Friend {i:02}", relationship="close"))

    shown = _nudges(world, today, NudgeKind.KEEP_IN_TOUCH)
    assert [n.person.name for n in shown if n.person] == [
        f"Friend {i:02}" for i in range(11, 1, -1)
    ]

    nudge_dismiss(owner=world.owner, key=shown[0].key)

    names = [n.person.name for n in _nudges(world, today, NudgeKind.KEEP_IN_TOUCH) if n.person]
    assert names == [f"Friend {i:02}" for i in range(10, 0, -1)]
