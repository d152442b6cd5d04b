"""Merging two rows into one: what pointed at the absorbed row points at the survivor.

Used by the user's merges of two people (imports' history) and of two companies. A row that
would repeat one the survivor already has (a unique constraint) is dropped and kept, as
serialized data, so that an undo can restore it.
"""

from __future__ import annotations

import json
from typing import Any

from django.core import serializers
from django.db import IntegrityError, models, transaction


def references_to(target: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field) of every foreign key to `target`, through tables included."""
    return [
        (rel.related_model, rel.field.name)
        for rel in target._meta.get_fields(include_hidden=True)
        if isinstance(rel, models.ManyToOneRel) and isinstance(rel.related_model, type)
    ]


def references_repoint(
    model: type[models.Model],
    name: str,
    ids: list[int],
    to: models.Model,
    dropped: list[dict[str, Any]],
) -> list[int]:
    """Point `model` rows `ids` at `to` through field `name`; the ids moved. A row that
    would repeat one `to` has is deleted and appended to `dropped`."""
    try:
        with transaction.atomic():
            model._base_manager.filter(pk__in=ids).update(**{name: to})
        return ids
    except IntegrityError:
        pass
    moved = []
    for pk in ids:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=pk).update(**{name: to})
            moved.append(pk)
        except IntegrityError:
            rows = model._base_manager.filter(pk=pk)
            dropped += rows_serialize(rows)
            rows.delete()
    return moved


def rows_serialize(rows: models.QuerySet[Any]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(serializers.serialize("json", rows))
    return data


def rows_restore(rows: list[dict[str, Any]]) -> None:
    """Save serialized rows again; one whose target is gone, or that exists again, is not."""
    for item in serializers.deserialize("json", json.dumps(rows)):
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            continue
