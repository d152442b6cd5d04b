"""The message asking a contact for an introduction: a conversation and information, never
a job."""

from __future__ import annotations

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.people.models import Person


def _first(person: Person) -> str:
    return (person.first_name or person.full_name).split()[0]


def _sender(user: User) -> str:
    return user.get_full_name() or user.first_name or user.username


def ask_draft(*, owner: User, introducer: Person, target: Person, company: Company) -> str:
    """A first draft for the user to edit and send themselves."""
    job = (
        Employment.objects.filter(owner=owner, person=target, company=company, is_current=True)
        .only("title")
        .first()
    )
    if job is not None:
        role = f" as {job.title}" if job.title else ""
        who = f"I saw that you know {target.full_name}, who works at {company.name}{role}."
    else:
        who = f"I understand you know {target.full_name}, who knows people at {company.name}."
    return "\n\n".join(
        [
            f"Hi {_first(introducer)},",
            f"I hope you are well! I am looking into {company.name} and would love to "
            "understand what it is like to work there.",
            f"{who} Would you be comfortable introducing us? I would love 20 minutes of "
            f"{_first(target)}'s time for a conversation: how the team works, what they "
            "look for, and how people usually join. I am not asking for a job or a "
            "referral, just a conversation and some information.",
            "I am happy to write a short note you can forward, and to return the favour any time.",
            f"Thank you,\n{_sender(owner)}",
        ]
    )
