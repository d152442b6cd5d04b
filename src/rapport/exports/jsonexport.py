"""The JSON export: everything one user owns, in a documented, versioned, stable format.

See docs/export-format.md. The same data always gives the same bytes: rows are listed in
the order they were created, ids count from 1 within each kind ("person:1"), keys are
sorted and nothing depends on the clock, so two exports can be compared with `diff`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections import defaultdict
from typing import Any

from django.db import models

from rapport.accounts.models import User
from rapport.cohorts.models import CohortShare
from rapport.companies.models import Company
from rapport.exports import shared
from rapport.exports.registry import SECTIONS, Section, link_model, target_model
from rapport.exports.snapshot import consistent_read

FORMAT = "rapport-export"
VERSION = 1

# pk -> id in the file, per model: "person:3" is the owner's third person by creation.
IdMap = dict[type[models.Model], dict[int, str]]


def export_document(*, owner: User) -> dict[str, Any]:
    """The export of everything `owner` owns, as plain JSON-ready data."""
    with consistent_read():
        ids = _id_map(owner)
        document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        for section in SECTIONS:
            document[section.name] = _rows(section, owner, ids)
        document[shared.SECTION] = _shared_rows(owner, ids[Company])
    return document


def export_json(*, owner: User) -> bytes:
    return document_dumps(export_document(owner=owner))


def document_dumps(document: dict[str, Any]) -> bytes:
    text = json.dumps(
        document, ensure_ascii=False, sort_keys=True, indent=2, separators=(",", ": ")
    )
    return (text + "\n").encode("utf-8")


def _id_map(owner: User) -> IdMap:
    ids: IdMap = {}
    for section in SECTIONS:
        pks = section.model._default_manager.filter(owner=owner).order_by("pk")
        ids[section.model] = {
            pk: f"{section.kind}:{n}" for n, pk in enumerate(pks.values_list("pk", flat=True), 1)
        }
    return ids


def _rows(section: Section, owner: User, ids: IdMap) -> list[dict[str, Any]]:
    own_ids, refs = ids[section.model], FileIds(owner, ids)
    links = {field.name: _links(field, owner, ids) for field in section.many_to_many()}
    rows = []
    for obj in section.model._default_manager.filter(owner=owner).order_by("pk").iterator():
        row: dict[str, Any] = {"id": own_ids[obj.pk]}
        for field in section.fields():
            row[field.name] = _value(section, field, obj, refs)
        for name, targets in links.items():
            row[name] = targets.get(obj.pk, [])
        rows.append(row)
    return rows


def _links(
    field: models.ManyToManyField[Any, Any], owner: User, ids: IdMap
) -> dict[int, list[str]]:
    """pk of a row -> ids of the rows it links to through `field`, in creation order."""
    through = link_model(field)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    target_ids = ids[target_model(field)]
    pairs = (
        through._default_manager.filter(**{f"{source}__owner": owner})
        .order_by(f"{source}_id", f"{target}_id")
        .values_list(f"{source}_id", f"{target}_id")
    )
    links: dict[int, list[str]] = defaultdict(list)
    for source_pk, target_pk in pairs:
        # Only the owner's rows have ids: a link to anyone else's row is never exported.
        if target_pk in target_ids:
            links[source_pk].append(target_ids[target_pk])
    return links


def _shared_rows(owner: User, companies: dict[int, str]) -> list[dict[str, Any]]:
    """What the owner shared with a cohort (export only, see `exports.shared`)."""
    rows = []
    shares = CohortShare.objects.filter(sharer=owner).select_related("cohort").order_by("pk")
    for number, share in enumerate(shares, 1):
        rows.append(
            {
                "id": f"{shared.KIND}:{number}",
                "cohort": share.cohort.name,
                "company": companies.get(share.company_id) if share.company_id else None,
                "company_name": share.company_name,
                "kind": share.kind,
                "text": share.text,
                "reason": share.reason,
                "named": share.named,
                "created_at": json_value(share.created_at),
                "updated_at": json_value(share.updated_at),
            }
        )
    return rows


class FileIds:
    """Database keys -> file ids, for fields that hold keys as plain values."""

    def __init__(self, owner: User, ids: IdMap) -> None:
        self.owner, self.ids = owner, ids

    def file_id(self, model: type[models.Model], pk: Any) -> str | None:
        if model is User:
            return "owner" if pk == self.owner.pk else None
        return self.ids.get(model, {}).get(pk)


def _value(
    section: Section, field: models.Field[Any, Any], obj: models.Model, refs: FileIds
) -> Any:
    if codec := section.codecs.get(field.name):
        return codec.dump(field.value_from_object(obj), obj, refs)
    if field.is_relation:
        target_pk = getattr(obj, field.attname)
        return None if target_pk is None else refs.file_id(target_model(field), target_pk)
    return json_value(field.value_from_object(obj))


def json_value(value: Any) -> Any:
    """A database value as JSON: times in UTC with microseconds, dates as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value
