"""The prep brief: what to read before talking to someone, on one printable page."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playbook_world import World, days_ago

from rapport.companies.services import company_set_referral_protocol, employment_add
from rapport.conversations.models import Introduction, OutcomeKind
from rapport.conversations.services import OutcomeInput
from rapport.people.models import Person
from rapport.playbook.models import FollowUp, FollowUpKind
from rapport.playbook.prep import prep_brief


def _prep_url(person: Person) -> str:
    return reverse("playbook:prep", kwargs={"person_pk": person.pk})


def _ana_at_stripe(world: World) -> Person:
    stripe = world.company("Stripe", target=True)
    ana = world.person("Ana Souza", works_at=stripe)
    world.talk(
        days_ago(30),
        ana,
        outcomes=[
            OutcomeInput(kind=OutcomeKind.ADVICE, text="Learn SQL properly"),
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lind"),
            OutcomeInput(kind=OutcomeKind.GAVE, text="My notes on the data meetup"),
        ],
    )
    return ana


def test_the_brief_says_how_you_know_them_and_what_you_gave_each_other(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)

    page = client_owner.get(_prep_url(ana)).content.decode()

    assert "Before you talk to Ana Souza" in page
    assert "Learn SQL properly" in page
    assert "My notes on the data meetup" in page
    assert "Bo Lind" in page  # introduced you to
    assert "26 Oct 2026" in page  # last talked


def test_the_brief_marks_the_targets_where_they_might_know_someone(
    world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)
    canva = world.company("Canva", target=True)
    world.company("Atlassian", target=True)
    bo = Person.objects.get(owner=world.owner, full_name="Bo Lind")
    employment_add(person=bo, company=canva)

    brief = prep_brief(person=ana)

    marks = {t.company.name: t.connections for t in brief.targets}
    assert marks == {
        "Stripe": ["works there"],
        "Canva": ["introduced you to Bo Lind, who works there"],
        "Atlassian": [],
    }
    assert [t.company.name for t in brief.targets][-1] == "Atlassian"


def test_the_brief_asks_open_questions_for_each_goal(world: World, today: dt.date) -> None:
    brief = prep_brief(person=_ana_at_stripe(world))

    goals = {q.goal for q in brief.questions}
    assert goals == {"Advice", "Names", "Hidden leads", "Insights"}
    texts = [q.text for q in brief.questions]
    assert "Do you know anyone at Stripe?" in texts
    assert "Have you heard of openings at Stripe that aren't advertised?" in texts
    assert not any("job" in text.lower() for text in texts)


def test_the_brief_asks_about_referrals_at_the_company_of_an_active_lead(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)
    world.lead("Staff Engineer", world.company("Stripe"), saved_on=days_ago(3))

    page = client_owner.get(_prep_url(ana)).content.decode()

    assert "Ask how referrals work" in page
    assert "How do referrals work at Stripe?" in page


def test_a_known_referral_protocol_is_shown_instead_of_the_question(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)
    stripe = world.company("Stripe")
    world.lead("Staff Engineer", stripe, saved_on=days_ago(3))
    company_set_referral_protocol(company=stripe, channel="Referral form on the wiki", steps="")

    page = client_owner.get(_prep_url(ana)).content.decode()

    assert "Referral form on the wiki" in page
    assert "How do referrals work at Stripe?" not in page


def test_the_brief_is_printable(client_owner: Client, world: World, today: dt.date) -> None:
    page = client_owner.get(_prep_url(_ana_at_stripe(world))).content.decode()

    assert "playbook/playbook.css" in page
    assert "data-print" in page


def test_a_follow_up_can_be_added_from_the_brief(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)

    response = client_owner.post(
        reverse("playbook:followup_create", kwargs={"person_pk": ana.pk}),
        {"kind": FollowUpKind.THANK_YOU, "due_on": "2026-11-27", "note": "Send the article"},
    )

    assert response.status_code == 302
    followup = FollowUp.objects.get(owner=world.owner)
    assert (followup.person, followup.due_on) == (ana, dt.date(2026, 11, 27))


def test_it_refuses_another_users_prep_brief(
    client_other: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)

    assert client_other.get(_prep_url(ana)).status_code == 404
    url = reverse("playbook:followup_create", kwargs={"person_pk": ana.pk})
    response = client_other.post(url, {"kind": "follow_up", "due_on": "2026-11-27"})
    assert response.status_code == 404
    assert not FollowUp.objects.exists()


def test_the_brief_reads_a_fixed_number_of_queries(world: World, today: dt.date) -> None:
    ana = _ana_at_stripe(world)
    with CaptureQueriesContext(connection) as small:
        prep_brief(person=ana)
    for i in range(10):
        world.talk(
            days_ago(i + 2), ana, outcomes=[OutcomeInput(kind=OutcomeKind.NAME, person=f"N {i}")]
        )
    assert Introduction.objects.filter(owner=world.owner).count() == 11

    with CaptureQueriesContext(connection) as large:
        prep_brief(person=ana)

    assert len(large) == len(small)


def test_the_brief_offers_interview_prompts_filled_with_what_is_known(
    client_owner: Client, world: World, today: dt.date
) -> None:
    ana = _ana_at_stripe(world)  # Engineer at Stripe, a target
    world.company("Canva", target=True)

    brief = prep_brief(person=ana)

    assert [q.goal for q in brief.prompts][::2] == [
        "Trends",
        "Insights",
        "Advice",
        "Next steps",
    ]
    assert {q.goal for q in brief.prompts} == {
        "Trends",
        "Insights",
        "Advice",
        "Resources",
        "Next steps",
    }
    texts = [q.text for q in brief.prompts]
    assert "What trends are changing Stripe's business right now?" in texts
    assert "How has the work of an Engineer changed since you started?" in texts
    assert "What does someone need to succeed as an Engineer at Stripe?" in texts
    assert "If you were in my shoes, aiming at Canva, what would you do next?" in texts
    assert all(text.endswith("?") for text in texts)
    assert not any("job" in text.lower() for text in texts)
    page = client_owner.get(_prep_url(ana)).content.decode()
    assert "An informational interview" in page
    assert "Which people, events or reading would you recommend to learn about Stripe?" in page


def test_prompts_for_someone_with_no_known_job_stay_general(world: World, today: dt.date) -> None:
    bo = world.person("Bo Lind")

    texts = [q.text for q in prep_brief(person=bo).prompts]

    assert "What trends are changing your field right now?" in texts
    assert "Who else or elsewhere would you suggest I talk to?" not in texts
    assert "Who else would you suggest I talk to, here or elsewhere?" in texts
