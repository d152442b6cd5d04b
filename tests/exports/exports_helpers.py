"""A network with every kind of record and every awkward character, built through services."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from django.db import connection

from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder
from rapport.companies.services import (
    company_find_or_create,
    company_set_referral_protocol,
    employment_add,
)
from rapport.conversations.models import Introduction, IntroductionState, OutcomeKind
from rapport.conversations.services import (
    OutcomeInput,
    conversation_log,
    introduction_set_state,
)
from rapport.exports import backup_rows
from rapport.exports.backup import Manifest
from rapport.opportunities.models import Opportunity
from rapport.opportunities.services import opportunity_create, opportunity_save
from rapport.people.models import Person
from rapport.people.services import (
    person_create,
    person_save,
    person_set_contact_points,
    person_set_tags,
)

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="SQLite backups (online backup API); the PostgreSQL run skips them"
)
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES, reason="PostgreSQL backups; needs DATABASE_URL=postgres://..."
)

TRICKY_NOTES = (
    'Knows everyone at Acme, Inc.; ask about "the portal".\n'
    "Second line, with a backslash \\ and a tab\there.\r\n"
    "Ünïcødé: café, Zürich, 東京, emoji ☕ — and a long line to be folded by the vCard writer "
    "because it goes on well past seventy-five octets."
)


def network_populate(owner: User, *, prefix: str = "") -> None:
    """People, companies, a conversation with every kind of outcome, an opportunity."""
    ana = person_create(
        owner=owner,
        full_name=f"{prefix}Ana Souza",
        headline="Head of Learning, Acme; mentor",
        location="Zürich",
        linkedin_url="https://www.linkedin.com/in/ana-souza/",
        how_we_met="PGCE, 2014",
        notes=TRICKY_NOTES,
    )
    person_set_contact_points(
        person=ana,
        values=["ana@example.com", "+41 44 668 18 00", "https://ana.example/", "@ana_learns"],
    )
    person_set_tags(person=ana, names=["mentor", "learning design", "+1 formula tag"])
    jane = person_create(
        owner=owner, full_name=f"{prefix}Doe, Jane", headline="-1", location="@x", notes="=SUM(1)"
    )
    person_set_contact_points(person=jane, values=["jane.doe@example.org"])
    zoe = person_create(
        owner=owner, full_name=f"{prefix}Zoë Łukasiewicz-O'Brien", introduced_by=ana
    )
    zoe.cadence_days = 45
    person_save(person=zoe)

    acme, _ = company_find_or_create(owner=owner, name="Acme, Inc.")
    company_find_or_create(owner=owner, name="ACME Inc")  # an alias
    employment_add(
        person=ana,
        company=acme,
        title="Director, Learning; Design",
        started_on=dt.date(2020, 1, 6),
    )
    employment_add(
        person=zoe,
        company=acme,
        title="Intern",
        started_on=dt.date(2015, 6, 1),
        ended_on=dt.date(2015, 9, 1),
    )
    company_set_referral_protocol(
        company=acme,
        channel="Internal referral portal",
        steps="Ana submits; then apply within 7 days.",
        apply_order=ApplyOrder.REFERRAL_FIRST,
        learned_from=ana,
        learned_on=dt.date(2024, 5, 2),
    )
    conversation_log(
        owner=owner,
        occurred_on=dt.date(2024, 5, 1),
        channel="coffee",
        participants=[ana.full_name, jane.full_name],
        companies=["Acme, Inc.", "Globex"],
        notes="Coffee at *Kafi*; she shared her team's roadmap.",
        outcomes=[
            OutcomeInput(kind=OutcomeKind.ADVICE, text="Build a portfolio first."),
            OutcomeInput(kind=OutcomeKind.NAME, person=f"{prefix}Bo Lindqvist", text="Ask Bo"),
            OutcomeInput(
                kind=OutcomeKind.LEAD,
                company="Globex",
                title="Learning Designer",
                text="Not advertised yet",
            ),
            OutcomeInput(
                kind=OutcomeKind.INSIGHT,
                company="Globex",
                title="Learning Designer",
                text="They use Articulate",
            ),
            OutcomeInput(kind=OutcomeKind.RECOMMEND, company="Initech", text="Great culture"),
            OutcomeInput(kind=OutcomeKind.AVOID, company="Umbrella", text="Layoffs"),
            OutcomeInput(kind=OutcomeKind.GAVE, text="Shared my target list"),
        ],
    )
    introduction = Introduction.objects.get(
        owner=owner, introduced__full_name=f"{prefix}Bo Lindqvist"
    )
    introduction_set_state(introduction=introduction, state=IntroductionState.MET)
    opportunity = opportunity_create(
        owner=owner,
        company=acme,
        title='=HYPERLINK("http://evil.example")',
        url="https://acme.example/jobs/1",
        stage="applied",
        description="Learning design for the onboarding team",
        tailoring_notes="+ tailor the resume to the portal's keywords",
    )
    opportunity.referrer = Person.objects.get(owner=owner, full_name=f"{prefix}Ana Souza")
    opportunity.referral_channel = "Portal"
    opportunity_save(opportunity=opportunity)
    assert Opportunity.objects.filter(owner=owner).count() == 2


def rows_backup(path: Path) -> Path:
    """A row backup made the way PostgreSQL makes them, whatever this run's database."""
    payload = path.with_name(backup_rows.PAYLOAD)
    tables = backup_rows.snapshot(target=payload)
    data = payload.read_bytes()
    manifest = Manifest(
        engine=connection.vendor,
        payload=backup_rows.PAYLOAD,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        tables=tables,
        app_version="test",
        created_at="2025-01-31T12:00:00Z",
    )
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("manifest.json", manifest.dumps())
        out.writestr(backup_rows.PAYLOAD, data)
    return path
