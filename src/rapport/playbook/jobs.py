"""Job changes the playbook congratulates: read from the imports app's change events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapport.accounts.models import User
from rapport.imports.models import ChangeEvent
from rapport.playbook.nudges import Ref


@dataclass(frozen=True)
class JobChange:
    pk: int
    person: Ref
    company: Ref | None
    title: str
    moved: bool  # a new company, not a new title at the same one
    occurred_on: date


def job_changes_since(*, owner: User, since: date) -> list[JobChange]:
    """Job changes seen on or after `since`, newest first (one query)."""
    rows = (
        ChangeEvent.objects.filter(owner=owner, occurred_on__gte=since)
        .select_related("person", "new_company")
        .order_by("-occurred_on", "-pk")
    )
    return [
        JobChange(
            pk=event.pk,
            person=Ref(event.person_id, event.person.full_name),
            company=Ref(event.new_company.pk, event.new_company.name)
            if event.new_company
            else None,
            title=event.new_title,
            moved=event.new_company_id != event.old_company_id,
            occurred_on=event.occurred_on,
        )
        for event in rows
    ]
