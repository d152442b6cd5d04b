"""Turning a source (a file, a calendar URL, an IMAP account) into what it shows: `Found`.

Nothing here writes; writing.py does, in one transaction, once everything was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from rapport.accounts.models import User
from rapport.capture.calendar.ics import calendar_parse, calendar_read
from rapport.capture.errors import CaptureError
from rapport.capture.known import KnownPeople
from rapport.capture.mail.ats import Opening, company_names
from rapport.capture.mail.headers import Mail
from rapport.capture.mail.mbox import Folder, mbox_folders, mbox_read
from rapport.capture.mail.rules import MailContext, mails_sort
from rapport.capture.models import CaptureSettings
from rapport.capture.writing import Found
from rapport.companies.models import CompanyAlias
from rapport.imports.match import email_key
from rapport.imports.models import ImportKind
from rapport.opportunities.models import CLOSED_STAGES, Opportunity

IMAP_LOOKBACK = timedelta(days=365)  # the first sync of an account reads a year back


def settings_of(owner: User) -> CaptureSettings:
    found, _ = CaptureSettings.objects.get_or_create(owner=owner)
    return found


def my_addresses(owner: User, *extra: str) -> set[str]:
    lines = CaptureSettings.lines(settings_of(owner).addresses)
    return {key for value in [*lines, *extra] if (key := email_key(value))}


def ics_found(
    data: bytes, *, where: str, owner: User, known: KnownPeople, now: datetime, kind: str
) -> Found:
    calendar = calendar_parse(data, where=where)
    try:
        read = calendar_read(calendar, known=known, me=my_addresses(owner), now=now)
    except CaptureError as error:
        raise CaptureError(f"{where}: {error}") from error
    return Found(
        kind=kind,
        read_label="events",
        read=read.events,
        occurrences=read.occurrences,
        skipped=read.skipped,
    )


def ics_file_found(path: Path, *, owner: User, known: KnownPeople, now: datetime) -> Found:
    if not path.is_file():
        raise CaptureError(f"{path}: no such file.")
    data = path.read_bytes()
    return ics_found(data, where=str(path), owner=owner, known=known, now=now, kind=ImportKind.ICS)


def openings(owner: User) -> list[Opening]:
    rows = (
        Opportunity.objects.filter(owner=owner)
        .exclude(stage__in=CLOSED_STAGES)
        .select_related("company")
        .order_by("-updated_at", "-pk")
    )
    aliases: dict[int, list[str]] = {}
    company_ids = {o.company_id for o in rows}
    for company_id, name in CompanyAlias.objects.filter(
        owner=owner, company_id__in=company_ids
    ).values_list("company_id", "name"):
        aliases.setdefault(company_id, []).append(name)
    return [
        Opening(
            o.pk,
            o.title,
            o.stage,
            o.company.name,
            company_names(o.company.name, aliases.get(o.company_id, [])),
        )
        for o in rows
    ]


def mails_found(
    mails: Iterable[tuple[Mail, bool]], *, owner: User, known: KnownPeople, kind: str, me: set[str]
) -> Found:
    settings = settings_of(owner)
    context = MailContext(
        known=known,
        me=my_addresses(owner) | me,
        excluded_domains=frozenset(
            d.casefold().lstrip("@") for d in CaptureSettings.lines(settings.excluded_domains)
        ),
        exclude_own_domain=settings.exclude_own_domain,
        openings=openings(owner),
    )
    found = mails_sort(mails, context)
    warnings = []
    if not found.me and found.read:
        warnings.append(
            "Could not tell which address is yours: mail was counted as received. Add your "
            "addresses on the capture settings page and import again."
        )
    return Found(
        kind=kind,
        read_label="messages",
        read=found.read,
        mail=found,
        skipped=found.skipped,
        warnings=warnings,
    )


def mbox_found(path: Path, *, owner: User, known: KnownPeople) -> Found:
    """Read an mbox (or a folder of them) as a stream: a message is let go once sorted."""
    trash = _Tally()
    mails = _mbox_mails(mbox_folders(path), trash)
    found = mails_found(mails, owner=owner, known=known, kind=ImportKind.MBOX, me=set())
    if trash.count:
        found.skipped["spam or trash"] += trash.count
        found.read += trash.count
    return found


class _Tally:
    count = 0


def _mbox_mails(folders: list[Folder], trash: _Tally) -> Iterator[tuple[Mail, bool]]:
    for folder in folders:
        if folder.is_trash:
            trash.count += sum(1 for _ in mbox_read(folder))
            continue
        for mail in mbox_read(folder):
            yield mail, folder.is_sent
