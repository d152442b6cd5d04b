"""Rows as JSON and back: what a merge or an import needs to put things as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from rapport.people.models import Person

# Bookkeeping, not facts about the person: never copied back.
_NOT_SNAPSHOT = {"id", "owner", "created_at", "updated_at"}


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def jsonable(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """{field: [before, after]} with dates as ISO strings, ready for a JSONField."""
    return {name: [_json_value(v) for v in pair] for name, pair in changes.items()}


def concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """The model's field called `name` (or whose attname it is), never a relation."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a concrete field")
    return field


def person_snapshot(person: Person) -> dict[str, Any]:
    """The person's own fields ({attname: value}), enough to create them again."""
    return {
        field.attname: _json_value(getattr(person, field.attname))
        for field in person._meta.concrete_fields
        if field.name not in _NOT_SNAPSHOT
    }


def person_from_snapshot(*, owner_id: int, data: dict[str, Any], pk: int | None) -> Person:
    person = Person(owner_id=owner_id, pk=pk)
    for name, value in data.items():
        field = concrete_field(Person, name.removesuffix("_id"))
        setattr(person, name, field.to_python(value) if value is not None else None)
    return person


def fields_restore(obj: models.Model, changes: dict[str, list[Any]]) -> list[str]:
    """Put back each field's value from before, if it still holds what was set then.

    Returns the names restored; a field the user has changed since is left alone.
    """
    restored = []
    for name, (before, after) in changes.items():
        field = concrete_field(type(obj), name)
        current = getattr(obj, field.attname)
        if _json_value(current) != after:
            continue
        setattr(obj, field.attname, field.to_python(before) if before is not None else None)
        restored.append(field.attname)
    return restored
