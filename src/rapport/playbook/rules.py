"""The playbook's advice as rules: each turns the facts into nudges, with no database access.

Every rule is one function of `Facts` (see facts.py). Reasons are written for the person
reading them: what happened, why it matters, what to do next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from rapport.conversations.models import IntroductionState
from rapport.opportunities.models import Stage
from rapport.outreach.days import business_days_after
from rapport.outreach.drafts import DraftFacts, follow_up
from rapport.playbook.facts import (
    FOLLOW_UP_AFTER,
    TRY_ANOTHER_AFTER,
    Facts,
    Intro,
    Lead,
    Staff,
    talked_since,
    talks_count_from,
)
from rapport.playbook.links import link
from rapport.playbook.nudges import Nudge, NudgeKind, Ref, Urgency
from rapport.playbook.text import a, ago, channel_noun, every, first_name, listing

Rule = Callable[[Facts], Iterator[Nudge]]

# Before these stages an application has not gone out: a contact still helps most.
BEFORE_APPLYING = frozenset({Stage.LEAD, Stage.RESEARCHING, Stage.CONNECTED})
THANK_WITHIN = timedelta(days=2)
REACH_OUT_WITHIN = timedelta(days=3)  # a name you were given: while it is fresh
REACH_OUT_FOR = timedelta(days=60)
DEADLINE_NOTICE = timedelta(days=5)  # a working week: time to talk to someone first


def _staff(facts: Facts, company_id: int) -> list[Staff]:
    return facts.staff.get(company_id, [])


def _needs_connecting(lead: Lead, facts: Facts) -> bool:
    """Saved but not yet connected, and you have talked to nobody who works there."""
    early = lead.stage in {Stage.LEAD, Stage.RESEARCHING}
    since = talks_count_from(lead.saved_on, facts.today)
    return early and not talked_since(_staff(facts, lead.company.pk), since)


def connect_before_apply(facts: Facts) -> Iterator[Nudge]:
    for lead in facts.leads:
        if not _needs_connecting(lead, facts):
            continue
        staff = _staff(facts, lead.company.pk)
        names = [s.person.name for s in staff[:3]]
        talked = [s.last_talked for s in staff if s.last_talked]
        lately = f"since {max(talked):%d %b %Y}" if talked else "yet"
        reason = (
            f"You saved the {lead.ref.name} lead at {lead.company.name} "
            f"{ago(lead.saved_on, facts.today)} and haven't talked to anyone there {lately}. "
        )
        reason += (
            f"You know {listing(names)} there: ask about the role and the team before you apply."
            if staff
            else "You don't know anyone there yet: ask your network who does."
        )
        yield Nudge(
            kind=NudgeKind.CONNECT_BEFORE_APPLY,
            key=f"{NudgeKind.CONNECT_BEFORE_APPLY}:opportunity:{lead.ref.pk}",
            title=f"Talk to someone at {lead.company.name} before applying",
            reason=reason,
            due=lead.saved_on + timedelta(days=3),
            urgency=Urgency.HIGH,
            person=staff[0].person if staff else None,
            company=lead.company,
            opportunity=lead.ref,
            suggestions=(
                "Ask about the role, the team and what they look for",
                "Ask how referrals work there",
                "Tailor your resume with what you learn",
            ),
        )


def ask_referral_protocol(facts: Facts) -> Iterator[Nudge]:
    seen: set[int] = set()
    for lead in facts.leads:
        staff = _staff(facts, lead.company.pk)
        if lead.referral_known or lead.stage not in BEFORE_APPLYING or not staff:
            continue
        if lead.company.pk in seen:
            continue
        seen.add(lead.company.pk)
        contact = staff[0].person
        yield Nudge(
            kind=NudgeKind.ASK_REFERRAL_PROTOCOL,
            key=f"{NudgeKind.ASK_REFERRAL_PROTOCOL}:company:{lead.company.pk}",
            title=f"Ask {first_name(contact.name)} how referrals work at {lead.company.name}",
            reason=(
                f"You know {contact.name} at {lead.company.name}, where you're looking at "
                f"{lead.ref.name}, and you don't know yet how referrals work there. Ask before "
                "you apply: some companies have a referral channel that beats applying online."
            ),
            due=lead.saved_on + timedelta(days=5),
            urgency=Urgency.MEDIUM,
            person=contact,
            company=lead.company,
            opportunity=lead.ref,
            suggestions=(
                "Is there a referral channel, or do I apply online?",
                "Should I apply before or after being referred?",
            ),
        )


def apply_before_deadline(facts: Facts) -> Iterator[Nudge]:
    """A posting that closes within DEADLINE_NOTICE and has no application yet."""
    for lead in facts.leads:
        deadline = lead.deadline
        if deadline is None or lead.stage not in BEFORE_APPLYING:
            continue
        if not deadline - DEADLINE_NOTICE <= facts.today <= deadline:
            continue
        days = (deadline - facts.today).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        reason = f"The {lead.ref.name} posting at {lead.company.name} closes {when} "
        reason += f"({deadline:%a %d %b}). "
        reason += (
            "You haven't talked to anyone there yet: reach out today, ask how referrals work, "
            "then apply — a referral beats a cold application."
            if _needs_connecting(lead, facts)
            else "Apply before then, with your referral if they have a referral channel."
        )
        staff = _staff(facts, lead.company.pk)
        yield Nudge(
            kind=NudgeKind.DEADLINE,
            key=f"{NudgeKind.DEADLINE}:opportunity:{lead.ref.pk}:{deadline.isoformat()}",
            title=f"Apply to {lead.company.name} by {deadline:%d %b}",
            reason=reason,
            due=deadline,
            urgency=Urgency.HIGH if days <= 2 else Urgency.MEDIUM,
            person=staff[0].person if staff else None,
            company=lead.company,
            opportunity=lead.ref,
            suggestions=("Talk to someone there first", "Tailor your resume", "Apply"),
        )


def thank_you(facts: Facts) -> Iterator[Nudge]:
    for talk in facts.talks:
        for person in talk.people:
            touches = facts.touches.get(person.pk, [])
            if any(t.on >= talk.occurred_on and t.conversation_id != talk.pk for t in touches):
                continue
            due = talk.occurred_on + THANK_WITHIN
            noun = channel_noun(talk.channel)
            yield Nudge(
                kind=NudgeKind.THANK_YOU,
                key=f"{NudgeKind.THANK_YOU}:conversation:{talk.pk}:person:{person.pk}",
                title=f"Thank {first_name(person.name)} for the {noun}",
                reason=(
                    f"You had {a(noun)} with {person.name} {ago(talk.occurred_on, facts.today)}. "
                    "A short thank-you within 48 hours — with something useful for them — "
                    "keeps you top of mind."
                ),
                due=due,
                urgency=Urgency.HIGH if due <= facts.today else Urgency.MEDIUM,
                person=person,
                suggestions=("Send a thank-you note", "Share something you promised or found"),
            )


def _met_on(intro: Intro, facts: Facts) -> date | None:
    """When you met the introduced person: your last conversation since you were given
    their name (no need to mark the introduction met), or when you said you met."""
    talked = facts.last_talked.get(intro.introduced.pk)
    if talked is not None and (intro.offered_on is None or talked >= intro.offered_on):
        return talked
    return intro.changed_on if intro.state == IntroductionState.MET else None


def _reported_back(intro: Intro, met_on: date, facts: Facts) -> bool:
    talked = facts.last_talked.get(intro.introducer.pk)
    done = facts.reported_back.get(intro.introducer.pk, [])
    return (talked is not None and talked >= met_on) or any(d >= met_on for d in done)


def report_back(facts: Facts) -> Iterator[Nudge]:
    for intro in facts.intros:
        met_on = _met_on(intro, facts)
        if met_on is None or _reported_back(intro, met_on, facts):
            continue
        introducer, introduced = intro.introducer, intro.introduced
        yield Nudge(
            kind=NudgeKind.REPORT_BACK,
            key=f"{NudgeKind.REPORT_BACK}:introduction:{intro.pk}",
            title=f"Tell {first_name(introducer.name)} how it went with {introduced.name}",
            reason=(
                f"{introducer.name} introduced you to {introduced.name}, and you met "
                f"{ago(met_on, facts.today)}. Close the loop: thank {first_name(introducer.name)}"
                " and say how it went — people who make introductions like to know they helped."
            ),
            due=met_on + THANK_WITHIN,
            urgency=Urgency.MEDIUM,
            person=introducer,
            suggestions=(f"Report back on your talk with {introduced.name}", "Say thank you"),
        )


def reach_out(facts: Facts) -> Iterator[Nudge]:
    """A name you were given: reach out within a few days, while the introduction is fresh."""
    for intro in facts.intros:
        offered_on = intro.offered_on
        if intro.state == IntroductionState.MET or offered_on is None:
            continue
        contacted = facts.last_contacted.get(intro.introduced.pk)
        if contacted is not None and contacted >= offered_on:
            continue
        if facts.today - offered_on > REACH_OUT_FOR:
            continue  # a name given months ago: keep-in-touch's job, if ever
        introducer, introduced = intro.introducer, intro.introduced
        due = offered_on + REACH_OUT_WITHIN
        yield Nudge(
            kind=NudgeKind.REACH_OUT,
            key=f"{NudgeKind.REACH_OUT}:introduction:{intro.pk}",
            title=f"Reach out to {introduced.name}",
            reason=(
                f"{introducer.name} gave you {introduced.name}'s name "
                f"{ago(offered_on, facts.today)}. Reach out within a few days, while it is "
                f"fresh: say that {first_name(introducer.name)} suggested you talk."
            ),
            due=due,
            urgency=Urgency.HIGH if due <= facts.today else Urgency.MEDIUM,
            person=introduced,
            suggestions=(
                f"Mention {first_name(introducer.name)} in the first line",
                "Ask for 20 minutes, not a job",
            ),
        )


def keep_in_touch(facts: Facts) -> Iterator[Nudge]:
    for lapsed in facts.lapsed:
        person = lapsed.person
        about = lapsed.company.name if lapsed.company else lapsed.headline or "their field"
        yield Nudge(
            kind=NudgeKind.KEEP_IN_TOUCH,
            key=f"{NudgeKind.KEEP_IN_TOUCH}:person:{person.pk}:{lapsed.last_talked.isoformat()}",
            title=f"Get back in touch with {person.name}",
            reason=(
                f"You last talked to {person.name} {ago(lapsed.last_talked, facts.today)}, "
                f"and you meant to keep in touch {every(lapsed.cadence_days)}. "
                "Give before you ask: send them something useful."
            ),
            due=lapsed.last_talked + timedelta(days=lapsed.cadence_days),
            urgency=Urgency.LOW,
            person=person,
            suggestions=(
                f"Share an article about {about}",
                f"Introduce {first_name(person.name)} to someone they would like to meet",
                "Congratulate them on recent news, or ask how their work is going",
            ),
        )


def target_no_contact(facts: Facts) -> Iterator[Nudge]:
    askers = [r.name for r in facts.recent_contacts]
    for company in facts.targets:
        if _staff(facts, company.pk):
            continue
        ask = (
            f"Ask {listing(askers)} — people you talked to lately — whether they know "
            "someone there, and share your target list with them."
            if askers
            else "Share your target list in every conversation: someone will know someone there."
        )
        yield Nudge(
            kind=NudgeKind.TARGET_NO_CONTACT,
            key=f"{NudgeKind.TARGET_NO_CONTACT}:company:{company.pk}",
            title=f"Find a way into {company.name}",
            reason=f"{company.name} is on your target list, but you don't know anyone there. {ask}",
            due=facts.today,
            urgency=Urgency.LOW,
            person=facts.recent_contacts[0] if facts.recent_contacts else None,
            company=company,
            suggestions=("Share your target list", f"Ask who knows someone at {company.name}"),
        )


def lead_no_insight(facts: Facts) -> Iterator[Nudge]:
    for lead in facts.leads:
        known = lead.ref.pk in facts.insight_opportunities
        if known or lead.company.pk in facts.insight_companies or _needs_connecting(lead, facts):
            continue  # a lead nobody there was asked about is connect-before-apply's job
        staff = _staff(facts, lead.company.pk)
        who = f"Ask {staff[0].person.name}" if staff else "Find someone there who can tell you"
        yield Nudge(
            kind=NudgeKind.LEAD_NO_INSIGHT,
            key=f"{NudgeKind.LEAD_NO_INSIGHT}:opportunity:{lead.ref.pk}",
            title=f"Learn what {lead.company.name} looks for in {a(lead.ref.name)}",
            reason=(
                f"You have no insight yet into the {lead.ref.name} role at {lead.company.name}: "
                f"what the team is like, what they look for. {who}, and tailor your resume "
                "to what you learn."
            ),
            due=lead.saved_on + timedelta(days=7),
            urgency=Urgency.MEDIUM,
            person=staff[0].person if staff else None,
            company=lead.company,
            opportunity=lead.ref,
            suggestions=("Ask what the team is like", "Ask what makes someone succeed there"),
        )


def job_change(facts: Facts) -> Iterator[Nudge]:
    for change in facts.job_changes:
        where = f" at {change.company.name}" if change.company else ""
        role = f" as {change.title}" if change.title else ""
        news = f"moved to {change.company.name if change.company else 'a new job'}{role}"
        if not change.moved:
            news = f"is now {change.title or 'in a new role'}{where}"
        yield Nudge(
            kind=NudgeKind.JOB_CHANGE,
            key=f"{NudgeKind.JOB_CHANGE}:event:{change.pk}",
            title=f"Congratulate {first_name(change.person.name)} on the new job",
            reason=(
                f"{change.person.name} {news} ({ago(change.occurred_on, facts.today)}). "
                "Congratulate them: it is a natural reason to get back in touch, and a new job "
                "means new colleagues they could introduce you to."
            ),
            due=change.occurred_on + timedelta(days=7),
            urgency=Urgency.MEDIUM,
            person=change.person,
        )


def weekly_goals(facts: Facts) -> Iterator[Nudge]:
    settings, week = facts.settings, facts.week
    gaps = [
        (settings.goal_conversations - week.conversations, "Hold {} more conversation{}"),
        (settings.goal_names - week.names, "Ask for {} more name{} of people to talk to"),
        (settings.goal_gave - week.gave, "Give something back {} more time{}"),
    ]
    todo = [text.format(gap, "" if gap == 1 else "s") for gap, text in gaps if gap > 0]
    if not todo:
        return
    yield Nudge(
        kind=NudgeKind.WEEKLY_GOALS,
        key=f"{NudgeKind.WEEKLY_GOALS}:week:{week.start.isoformat()}",
        title="Keep up with this week's connecting goals",
        reason=(
            f"This week so far: {week.conversations} of {settings.goal_conversations} "
            f"conversations, {week.names} of {settings.goal_names} new names and {week.gave} "
            f"of {settings.goal_gave} gave-backs."
        ),
        due=week.end,
        urgency=Urgency.MEDIUM if facts.today.weekday() >= 3 else Urgency.LOW,
        suggestions=tuple(todo),
    )


def prepare_meeting(facts: Facts) -> Iterator[Nudge]:
    """A meeting in the calendar tomorrow (or later today) with someone you know."""
    for meeting in facts.meetings:
        when = "today" if meeting.on == facts.today else "tomorrow"
        at = f" at {meeting.at}" if meeting.at else ""
        for person in meeting.people:
            yield Nudge(
                kind=NudgeKind.PREPARE_MEETING,
                key=f"{NudgeKind.PREPARE_MEETING}:meeting:{meeting.pk}:person:{person.pk}",
                title=f"Read up on {first_name(person.name)} before “{meeting.title}”",
                reason=(
                    f"You meet {person.name} {when}{at} (“{meeting.title}”, from your "
                    "calendar). Read the prep brief: what you talked about last, what they "
                    "gave you, and what you can give back."
                ),
                due=facts.today,
                urgency=Urgency.HIGH,
                person=person,
                suggestions=("Read the prep brief", "Prepare one question and one thing to give"),
            )


def try_another_contact(facts: Facts) -> Iterator[Nudge]:
    """3B7, the 3: no reply after three business days, reach out to someone else there."""
    for waiting in facts.waiting:
        due = business_days_after(waiting.sent_on, TRY_ANOTHER_AFTER)
        if waiting.company_id is None or waiting.tried_another or due > facts.today:
            continue
        company = Ref(waiting.company_id, waiting.company_name)
        path = facts.next_paths.get(waiting.pk)
        reason = (
            f"You wrote to {waiting.person_name} about {company.name} "
            f"{ago(waiting.sent_on, facts.today)} ({waiting.sent_on:%a %d %b}) and have had no "
            "reply in 3 business days. Don't wait on one person: reach out to another "
            f"contact at {company.name} today. "
        )
        if path is None:
            reason += f"You know no other way in yet: ask your network who knows {company.name}."
            suggestions: tuple[str, ...] = (f"Ask who knows someone at {company.name}",)
        elif path.introduce_to is not None:
            reason += f"Next best way in: {path.explanation}"
            suggestions = (f"Ask {path.contact.name} to introduce you to {path.introduce_to.name}",)
        else:
            reason += f"Next best way in: {path.explanation}"
            suggestions = (f"Write to {path.contact.name}",)
        yield Nudge(
            kind=NudgeKind.TRY_ANOTHER_CONTACT,
            key=f"{NudgeKind.TRY_ANOTHER_CONTACT}:attempt:{waiting.pk}",
            title=f"Try another contact at {company.name}",
            reason=reason,
            due=due,
            urgency=Urgency.MEDIUM,
            person=path.contact if path else None,
            company=company,
            suggestions=suggestions,
            attempt_id=waiting.pk,
            ask_url=path.ask_url if path else "",
        )


def follow_up_outreach(facts: Facts) -> Iterator[Nudge]:
    """3B7, the 7: no reply after seven business days, follow up with the same person."""
    for waiting in facts.waiting:
        due = business_days_after(waiting.sent_on, FOLLOW_UP_AFTER)
        if waiting.followed_up or due > facts.today:
            continue
        person = Ref(waiting.person_id, waiting.person_name)
        draft = follow_up(
            DraftFacts(
                first_name=first_name(person.name),
                sender=facts.sender,
                company=waiting.company_name,
                sent_on=waiting.sent_on,
                subject=waiting.subject,
            )
        )
        yield Nudge(
            kind=NudgeKind.FOLLOW_UP_OUTREACH,
            key=f"{NudgeKind.FOLLOW_UP_OUTREACH}:attempt:{waiting.pk}",
            title=f"Follow up with {person.name}",
            reason=(
                f"You wrote to {person.name} {ago(waiting.sent_on, facts.today)} "
                f"({waiting.sent_on:%a %d %b}) and have had no reply in 7 business days. "
                "A short, friendly follow-up is part of the method: people are busy, "
                "not unwilling."
            ),
            due=due,
            urgency=Urgency.HIGH,
            person=person,
            company=Ref(waiting.company_id, waiting.company_name) if waiting.company_id else None,
            suggestions=(
                "Send the short follow-up below, then move on if there is still no reply",
            ),
            attempt_id=waiting.pk,
            draft=draft.body,
        )


# Rules about finding a job: they rest while the user only keeps the network warm.
def coach_assignments(facts: Facts) -> Iterator[Nudge]:
    """What a coach set the student, until they report it done."""
    for task in facts.assignments:
        due = task.due_on or task.set_on
        soon = (due - facts.today).days <= 1
        when = f", due {task.due_on:%a %d %b}" if task.due_on else ""
        yield Nudge(
            kind=NudgeKind.ASSIGNMENT,
            key=f"{NudgeKind.ASSIGNMENT}:{task.pk}",
            title=task.text,
            reason=(
                f"{task.coach} set you this {ago(task.set_on, facts.today)}{when}. "
                "When it is done, say so and what you did: your coach sees it."
            ),
            due=due,
            urgency=Urgency.HIGH if soon else Urgency.MEDIUM,
            report_url=link("cohorts:assignment", task.pk),
        )


SEARCH_RULES: tuple[Rule, ...] = (
    connect_before_apply,
    apply_before_deadline,
    ask_referral_protocol,
    target_no_contact,
    lead_no_insight,
    try_another_contact,
)
ALWAYS_RULES: tuple[Rule, ...] = (
    coach_assignments,
    follow_up_outreach,
    prepare_meeting,
    thank_you,
    reach_out,
    report_back,
    keep_in_touch,
    job_change,
    weekly_goals,
)


def nudges_compute(facts: Facts) -> list[Nudge]:
    """Every nudge the facts call for, most urgent first."""
    rules = ALWAYS_RULES if facts.settings.is_keep_warm() else SEARCH_RULES + ALWAYS_RULES
    nudges = [nudge for rule in rules for nudge in rule(facts)]
    return sorted(nudges, key=Nudge.sort_key)
