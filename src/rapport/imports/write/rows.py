"""Building rows to write: values clipped to fit, model instances made cheaply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models.base import ModelState

from rapport.imports.history.snapshot import concrete_field

_LENGTHS: dict[tuple[type[models.Model], str], int | None] = {}


def _max_length(model: type[models.Model], name: str) -> int | None:
    length: int | None = concrete_field(model, name).max_length
    _LENGTHS[model, name] = length
    return length


def clip(model: type[models.Model], name: str, value: str) -> str:
    """`value` made storable in `model.name`: one line of spaces, no NUL, not too long.

    PostgreSQL refuses both NUL and over-long values; one odd cell must not fail an import.
    """
    if not value:  # most optional cells
        return value
    # The only whitespace isprintable() lets through is the ASCII space (NUL, tabs, line
    # breaks and Unicode spaces are not printable): the cheap tests first, for clean values.
    if not value.isprintable() or "  " in value or value[0] == " " or value[-1] == " ":
        value = " ".join(value.replace("\x00", "").split())
    try:
        length = _LENGTHS[model, name]
    except KeyError:
        length = _max_length(model, name)
    return value[:length] if length and len(value) > length else value


M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Layout:
    template: dict[str, Any]  # attname: default, in concrete-field order
    fresh: tuple[models.Field[Any, Any], ...]  # defaults made anew for each row (dict, list)
    relations: dict[str, models.ForeignKey[Any, Any]]  # by name ("person", not "person_id")
    targets: dict[str, tuple[str, str]]  # relation name: (attname, target's attname)
    relation_names: frozenset[str]
    names: frozenset[str]  # attnames and relation names: what row() takes


_LAYOUTS: dict[type[models.Model], _Layout] = {}
_MISSING = object()


def _layout(model: type[models.Model]) -> _Layout:
    fields = model._meta.concrete_fields
    relations = {f.name: f for f in fields if isinstance(f, models.ForeignKey)}
    layout = _Layout(
        template={f.attname: f.get_default() for f in fields},
        fresh=tuple(f for f in fields if f.has_default() and callable(f.default)),
        relations=relations,
        targets={name: (f.attname, f.target_field.attname) for name, f in relations.items()},
        relation_names=frozenset(relations),
        names=frozenset({f.attname for f in fields} | set(relations)),
    )
    _LAYOUTS[model] = layout
    return layout


def row(model: type[M], **values: Any) -> M:
    """`model(**values)`, at a fifth of the cost: an import makes rows by the hundred thousand.

    A foreign key may be given as an object not saved yet: its id is read when the row is
    written (see bulk.py).
    """
    layout = _LAYOUTS.get(model) or _layout(model)
    if not layout.names.issuperset(values):
        unknown = sorted(set(values) - layout.names)
        raise TypeError(f"{model.__name__} has no field {unknown[0]!r}")
    # What Model.__init__ leaves behind, without its per-field descriptor calls (and, like
    # bulk_create, without the init signals, which no model of the project listens to).
    obj = model.__new__(model)
    data = obj.__dict__
    data["_state"] = ModelState()
    data.update(layout.template)
    for fresh in layout.fresh:
        data[fresh.attname] = fresh.get_default()
    data.update(values)
    relations = layout.relation_names.intersection(values)
    if not relations:
        return obj
    targets = layout.targets
    cache = data["_state"].fields_cache
    for name in relations:
        value = data.pop(name)  # a relation is kept as its id, and the object in the cache
        attname, target = targets[name]
        if value is None:
            data[attname] = None
            continue
        # The target column read from the instance's dict: `.pk` costs a property call.
        # (An unsaved row has None there, which is its pk too.)
        pk = value.__dict__.get(target, _MISSING)
        data[attname] = value.pk if pk is _MISSING else pk
        cache[name] = value  # what ForeignKey.set_cached_value does
    return obj
