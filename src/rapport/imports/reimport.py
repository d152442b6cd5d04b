"""An export imported again unchanged: recognised by its files' digest, without reading it.

At the end of an import (its rows written, in its transaction) the import works out what
importing the same files again would do, by the same first pass a re-import makes
(`merge/unchanged.py`). When that is nothing at all (every record unchanged since, no row
to write), the batch keeps the files' digest, that outcome (counts, warnings, the people
listed) and a fingerprint of what the outcome depends on in the database: the provenance
of this kind of import (how many records, the newest, how many still lead to a person or
a conversation) and the user's own positions. Importing files of the same digest again
while the fingerprint is the same is then provably that outcome, and is told as such
("unchanged since import #N: nothing to do"); anything else (the import undone, a person
or conversation it made deleted, another import of the kind since) imports in full.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Count, Max

from rapport.companies.models import CompanyAlias
from rapport.imports.models import BatchStatus, ImportBatch, ImportRecord, Position

_CHUNK = 1 << 20


@cache
def _reader() -> bytes:
    """Rapport's version and its import code: another may read the same bytes otherwise."""
    digest = hashlib.blake2b(importlib.metadata.version("rapport").encode(), digest_size=16)
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()


def files_digest(path: Path) -> str:
    """A digest of the file's bytes, or of every file under a folder (with their names),
    and of the code that reads them; "" when one cannot be read (the import says why)."""
    digest = hashlib.blake2b(_reader(), digest_size=32)
    try:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            name = "" if file == path else file.relative_to(path).as_posix()
            digest.update(f"{name}\0".encode())
            with file.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
            digest.update(b"\0")
    except OSError:
        return ""
    return digest.hexdigest()


def fingerprint(owner_id: int, kind: str) -> list[Any]:
    """What an unchanged re-import's outcome depends on in the database (a few queries)."""
    records = ImportRecord.objects.filter(owner_id=owner_id, source=kind).aggregate(
        count=Count("pk"), last=Max("pk"), people=Count("person"), talks=Count("conversation")
    )
    positions = list(
        Position.objects.filter(owner_id=owner_id)
        .order_by("pk")
        .values_list(
            *("pk", "company_id", "company__name_key", "title", "source_key"),
            *("started_on", "finished_on"),
        )
    )
    companies = {values[1] for values in positions} - {None}
    aliases = list(
        CompanyAlias.objects.filter(owner_id=owner_id, company_id__in=companies)
        .order_by("pk")
        .values_list("company_id", "name")
    )
    own = hashlib.blake2b(repr((positions, aliases)).encode(), digest_size=16).hexdigest()
    return [records["count"], records["last"], records["people"], records["talks"], own]


def unchanged_since(owner_id: int, kind: str, digest: str) -> ImportBatch | None:
    """The newest batch whose files had this digest, when importing them again now would
    do nothing but what it recorded (call inside the transaction that acts on it)."""
    if not digest:
        return None
    batch = (
        ImportBatch.objects.filter(
            owner_id=owner_id, kind=kind, status=BatchStatus.DONE, files_digest=digest
        )
        .exclude(again=None)
        .order_by("-pk")
        .first()
    )
    if batch is None or not isinstance(batch.again, dict):
        return None
    return batch if batch.again.get("fingerprint") == fingerprint(owner_id, kind) else None
