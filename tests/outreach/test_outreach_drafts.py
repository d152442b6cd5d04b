"""Drafts follow the method: under 100 words, the connection first, a question asking for
insight (never a job), for each kind of message."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rapport.outreach.drafts import DraftFacts, draft_for
from rapport.outreach.models import AttemptKind

LONG = DraftFacts(
    first_name="Maximiliana",
    sender="Olivia Okonkwo-Fitzgerald",
    company="International Business Machines Corporation",
    title="Principal Staff Software Engineer, Developer Platform",
    introduced_by="Bartholomew Lindqvist-Andersson",
    how_we_met="the Lisbon data engineering meetup",
    target_name="Anastasia Papadopoulou",
    target_title="Director of Data Platform Engineering",
    sent_on=dt.date(2026, 11, 13),
    subject="Your insight on International Business Machines Corporation?",
)


def _second_paragraph(body: str) -> str:
    return body.split("\n\n")[1]


@pytest.mark.parametrize("kind", list(AttemptKind))
def test_every_draft_is_short_asks_a_question_and_never_for_a_job(kind: AttemptKind) -> None:
    draft = draft_for(kind, LONG)

    assert draft.words <= 100, draft.body
    assert draft.body.startswith("Hi Maximiliana,\n\n")
    assert draft.body.endswith("Olivia Okonkwo-Fitzgerald")
    assert re.search(r"\b(Could|Would) you\b|\bCould I\b", draft.body)
    assert "?" in draft.body
    assert "job" not in draft.body.lower().replace("not a job", "")
    assert "referral" not in draft.body.lower()


def test_the_connection_comes_first() -> None:
    introduced = draft_for(AttemptKind.COLD, LONG)
    assert _second_paragraph(introduced.body).startswith(
        "Bartholomew Lindqvist-Andersson suggested I get in touch with you."
    )
    met = draft_for(AttemptKind.COLD, DraftFacts("Ana", "Olivia", how_we_met="PyData Lisbon"))
    assert _second_paragraph(met.body).startswith("We are connected through PyData Lisbon.")
    alumna = draft_for(
        AttemptKind.ALUMNUS, DraftFacts("Ana", "Olivia", company="Stripe", worked_there=True)
    )
    assert _second_paragraph(alumna.body).startswith("I see you used to work at Stripe")
    cold = draft_for(
        AttemptKind.COLD, DraftFacts("Ana", "Olivia", company="Stripe", title="Data Engineer")
    )
    assert _second_paragraph(cold.body).startswith(
        "I came across your work as Data Engineer at Stripe."
    )


def test_an_introduction_request_names_whom_and_asks_as_a_question() -> None:
    draft = draft_for(
        AttemptKind.INTRODUCTION,
        DraftFacts(
            "Carla",
            "Olivia",
            company="Stripe",
            target_name="Ana Souza",
            target_title="a Data Engineer",
        ),
    )

    assert "you know Ana Souza, who is a Data Engineer at Stripe." in draft.body
    assert "Would you be comfortable introducing us?" in draft.body
    assert "Ana's advice" in draft.body
    assert draft.subject == "An introduction to Ana Souza?"


def test_a_follow_up_recalls_the_first_message() -> None:
    draft = draft_for(AttemptKind.FOLLOW_UP, LONG)

    assert "my note of Friday 13 November about International Business" in draft.body
    assert draft.subject.startswith("Re: Your insight on")


def test_the_mail_link_is_encoded() -> None:
    draft = draft_for(AttemptKind.COLD, DraftFacts("Ana", "Olivia", company="AT&T"))

    link = draft.mailto("ana+jobs@example.com")

    assert link.startswith(
        "mailto:ana%2Bjobs@example.com?subject=Your%20insight%20on%20AT%26T%3F&body=Hi%20Ana%2C%0A%0A"
    )
