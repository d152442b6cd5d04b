"""Every write capture offers: importing a file, connecting and syncing a source,
forgetting it, and the user's answer to a suggestion (suggestions.py)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.capture.calendar.fetch import (
    calendar_fetch,
    calendar_url_clean,
    host_allowed,
    url_host,
)
from rapport.capture.errors import CaptureError
from rapport.capture.known import KnownPeople, known_people
from rapport.capture.mail.imap import Account, imap_check, imap_read
from rapport.capture.models import Source, SourceKind, Suggestion, SuggestionStatus
from rapport.capture.reading import (
    IMAP_LOOKBACK,
    ics_file_found,
    ics_found,
    mails_found,
    mbox_found,
)
from rapport.capture.secrets import secret_forget, secret_read, secret_store
from rapport.capture.writing import Found, found_write
from rapport.conversations.models import Meeting
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import ImportResult
from rapport.imports.models import BatchStatus, ImportKind

logger = logging.getLogger(__name__)


def sync_every() -> timedelta:
    return timedelta(minutes=settings.RAPPORT_SYNC_MINUTES)


def capture_import_file(*, owner: User, kind: str, path: Path) -> ImportResult:
    """Import an .ics or mbox file (all or nothing; a second time, nothing new)."""
    path = path.expanduser()
    if not path.exists():
        raise CaptureError(f"{path}: no such file or folder.")
    known = known_people(owner=owner)
    if kind == SourceKind.ICS:
        found = ics_file_found(path, owner=owner, known=known, now=timezone.now())
    elif kind == SourceKind.MBOX:
        found = mbox_found(path, owner=owner, known=known)
    else:
        raise ValueError(f"Unknown capture kind {kind!r}.")
    with transaction.atomic():
        source, _ = Source.objects.get_or_create(
            owner=owner, kind=kind, location=str(path.resolve()), defaults={"name": path.name}
        )
        result = found_write(owner=owner, source=source, found=found, files=[str(path)],
                             known=known)  # fmt: skip
        source.sync_succeeded(every=timedelta(0))
        source.next_sync_at = None
        source.save()
    return result


def calendar_subscribe(*, owner: User, url: str, name: str = "") -> Source:
    """Subscribe to a calendar's private iCal URL (kept like a password)."""
    url = calendar_url_clean(url)
    host = url_host(url)
    host_allowed(host)
    location = f"{host} #{hashlib.sha256(url.encode()).hexdigest()[:12]}"
    with transaction.atomic():
        source, _created = Source.objects.get_or_create(
            owner=owner,
            kind=SourceKind.CALENDAR,
            location=location,
            defaults={
                "name": name.strip() or f"Calendar at {host}",
                "next_sync_at": timezone.now(),
            },
        )
        secret_store(source=source, secret=url)
    return source


def imap_connect(
    *, owner: User, host: str, port: int, username: str, password: str, name: str = ""
) -> Source:
    """Connect a mail account by IMAP with an app password; the login is tried first, so a
    wrong password saves nothing."""
    host = host.strip()
    host_allowed(host)
    account = Account(host=host, port=port, username=username.strip(), password=password)
    imap_check(account=account)
    with transaction.atomic():
        source, _ = Source.objects.update_or_create(
            owner=owner,
            kind=SourceKind.IMAP,
            location=f"{account.username}@{host}:{port}",
            defaults={
                "name": name.strip() or account.username,
                "username": account.username,
                "next_sync_at": timezone.now(),
                "last_error": "",
                "failures": 0,
            },
        )
        secret_store(source=source, secret=password)
    return source


@dataclass
class SyncResult:
    source: Source
    result: ImportResult | None = None
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.source.pk,
            "kind": self.source.kind,
            "name": self.source.name,
            "batch": self.result.batch.pk if self.result else None,
            "error": self.error,
            "next_sync_at": self.source.next_sync_at.isoformat()
            if self.source.next_sync_at
            else None,
        }


def source_sync(*, source: Source, now: datetime | None = None) -> SyncResult:
    """Read a subscribed calendar or an IMAP account now. An error is noted on the source
    (shown on the settings page) and retried later, each time waiting longer; nothing
    raised, nothing written."""
    now = now or timezone.now()
    try:
        result = _sync(source, now)
    except CaptureError as error:
        return _failed(source, str(error), now)
    except Exception as error:  # a background poll must never stop the worker
        logger.exception("Reading %s failed unexpectedly.", source.name)
        return _failed(source, f"unexpected error ({type(error).__name__}: {error}).", now)
    return SyncResult(source, result)


def _failed(source: Source, error: str, now: datetime) -> SyncResult:
    source.sync_failed(error, now=now)
    source.save(update_fields=["failures", "last_error", "next_sync_at", "updated_at"])
    return SyncResult(source, error=error)


def _sync(source: Source, now: datetime) -> ImportResult | None:
    owner = source.owner
    known = known_people(owner=owner)
    state = dict(source.state)
    if source.kind == SourceKind.CALENDAR:
        url = secret_read(source=source)
        fetched = calendar_fetch(
            url, etag=state.get("etag", ""), modified=state.get("modified", "")
        )
        state.update(etag=fetched.etag, modified=fetched.modified)
        found = None
        if fetched.data is not None:
            found = ics_found(fetched.data, where=source.name, owner=owner, known=known,
                              now=now, kind=ImportKind.CALENDAR)  # fmt: skip
    elif source.kind == SourceKind.IMAP:
        host, _, port = source.location.rpartition("@")[2].rpartition(":")
        account = Account(host, int(port), source.username, secret_read(source=source))
        read = imap_read(account=account, state=state, since=(now - IMAP_LOOKBACK).date())
        state = read.state
        found = mails_found(read.mails, owner=owner, known=known, kind=ImportKind.IMAP,
                            me={source.username})  # fmt: skip
    else:
        raise CaptureError(f"{source.name}: a file is imported again, not synced.")
    return _sync_write(source, found, state, now, known)


def _sync_write(
    source: Source, found: Found | None, state: dict[str, Any], now: datetime, known: KnownPeople
) -> ImportResult | None:
    with transaction.atomic():
        result = None
        if found is not None:
            result = found_write(owner=source.owner, source=source, found=found,
                                 files=[source.name], known=known)  # fmt: skip
            if not _changed_anything(result):
                result.batch.delete()  # a poll that found nothing new leaves no import behind
                result = None
        source.state = state
        source.sync_succeeded(now=now, every=sync_every())
        source.save()
    return result


def _changed_anything(result: ImportResult) -> bool:
    return any(
        result.counts.get(block, {}).get(what, 0)
        for block in ("touches", "meetings", "suggestions")
        for what in ("created", "updated")
    )


def sources_sync(*, owner: User | None = None, due_only: bool = False) -> list[SyncResult]:
    """Sync every subscribed calendar and IMAP account (of `owner`, or everyone's)."""
    sources = Source.objects.filter(kind__in=[SourceKind.CALENDAR, SourceKind.IMAP])
    if owner is not None:
        sources = sources.filter(owner=owner)
    if due_only:
        sources = sources.filter(next_sync_at__lte=timezone.now())
    return [source_sync(source=s) for s in sources.select_related("owner").order_by("pk")]


@dataclass
class ForgetResult:
    removed: dict[str, int] = field(default_factory=dict)
    kept: int = 0  # accepted suggestions: what they made is the user's


def source_forget(*, source: Source) -> ForgetResult:
    """Forget a source: undo what it brought (touches, meetings, suggestions), but what the
    user accepted; delete its secret and its settings."""
    result = ForgetResult()
    with transaction.atomic():
        batches = list(source.batches.filter(status=BatchStatus.DONE).order_by("-pk"))
        meetings = {pk for b in batches for pk in b.created_rows.get("conversations.Meeting", [])}
        for batch in batches:
            undone = import_undo(batch=batch)
            for label, count in undone.removed.items():
                result.removed[label] = result.removed.get(label, 0) + count
        leftovers = Suggestion.objects.filter(source=source).exclude(
            status=SuggestionStatus.ACCEPTED
        )
        count = leftovers.delete()[1].get("capture.Suggestion", 0)
        if count:
            result.removed["capture.Suggestion"] = (
                result.removed.get("capture.Suggestion", 0) + count
            )
        kept = Suggestion.objects.filter(owner=source.owner, meeting__isnull=False)
        unused = Meeting.objects.filter(pk__in=meetings).exclude(pk__in=kept.values("meeting_id"))
        if gone := unused.delete()[1].get("conversations.Meeting", 0):
            result.removed["conversations.Meeting"] = (
                result.removed.get("conversations.Meeting", 0) + gone
            )
        result.kept = Suggestion.objects.filter(source=source).count()
        secret_forget(source=source)
        source.delete()
    return result
