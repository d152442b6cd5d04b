"""Fields that hold primary keys as plain values (JSON journals, nudge keys).

A primary key means nothing in another database, so the export writes these as file ids
("person:3") and the import turns them back into the new rows' keys. A key whose row is
gone (or is of a kind Rapport does not export) is dropped: it could only ever point at the
wrong row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models


class ExportRefs(Protocol):
    def file_id(self, model: type[models.Model], pk: Any) -> str | None: ...


class ImportRefs(Protocol):
    def pk(self, file_id: Any) -> int | None: ...

    def kind(self, model: type[models.Model]) -> str: ...


class Codec(Protocol):
    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any: ...

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        """The database value; raises ValueError saying what the file value should be."""
        ...


def model_of(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _relation(model: type[models.Model] | None, name: str) -> type[models.Model] | None:
    """The model `name` (a field name or attname) of `model` points at, if a foreign key."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return None
    related = field.related_model if field.many_to_one or field.one_to_one else None
    return related if isinstance(related, type) else None


@dataclass(frozen=True)
class RowsByLabel:
    """{"app.Model": [pk, ...]} or {"app.Model.field": [pk, ...]}: rows listed by model."""

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        result = {}
        for key, pks in value.items():
            model = model_of(".".join(key.split(".")[:2]))
            ids = [refs.file_id(model, pk) for pk in pks] if model else []
            if found := [i for i in ids if i is not None]:
                result[key] = found
        return result

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
            raise ValueError("should be an object of id lists")
        loaded = {key: [refs.pk(i) for i in ids] for key, ids in value.items()}
        return {key: [pk for pk in pks if pk is not None] for key, pks in loaded.items()}


@dataclass(frozen=True)
class RowId:
    """The pk of one row: of `model`, or of the model named by the field `model_field`."""

    model: type[models.Model] | None = None
    model_field: str = ""
    missing: int | None = None  # stored when the row is gone (0 for a non-null field)

    def _model(self, obj: models.Model) -> type[models.Model] | None:
        return self.model or model_of(getattr(obj, self.model_field))

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        model = self._model(obj)
        return refs.file_id(model, value) if model and value is not None else None

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError("should be an id or null")
        pk = refs.pk(value) if value is not None else None
        return self.missing if pk is None else pk


@dataclass(frozen=True)
class FieldValues:
    """{attname: value} of a `model` row (a snapshot): its foreign keys translated."""

    model: type[models.Model]

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        return {k: _dump_ref(_relation(self.model, k), v, refs) for k, v in value.items()}

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if not isinstance(value, dict):
            raise ValueError("should be an object")
        return {k: _load_ref(_relation(self.model, k), v, refs) for k, v in value.items()}


@dataclass(frozen=True)
class FieldChanges:
    """{field: [before, after]} of a row of `model` (or of the model named by
    `model_field`): foreign keys translated."""

    model: type[models.Model] | None = None
    model_field: str = ""

    def _model(self, obj: models.Model) -> type[models.Model] | None:
        return self.model or model_of(getattr(obj, self.model_field))

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        model = self._model(obj)
        return {
            k: [_dump_ref(_relation(model, k), v, refs) for v in pair] for k, pair in value.items()
        }

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
            raise ValueError("should be an object of [before, after] pairs")
        model = self._model(obj)
        return {
            k: [_load_ref(_relation(model, k), v, refs) for v in pair] for k, pair in value.items()
        }


@dataclass(frozen=True)
class SerializedRows:
    """Rows in Django's serializer format, kept to be recreated: their own pk is dropped
    (they get a new one when recreated) and their foreign keys are translated."""

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        return [self._row(item, lambda m, v: _dump_ref(m, v, refs)) for item in value]

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
            raise ValueError("should be a list of serialized rows")
        return [self._row(item, lambda m, v: _load_ref(m, v, refs)) for item in value]

    def _row(self, item: dict[str, Any], translate: Any) -> dict[str, Any]:
        model = model_of(str(item.get("model", "")))
        fields = {
            name: translate(_relation(model, name), v)
            for name, v in dict(item.get("fields", {})).items()
        }
        return {**item, "pk": None, "fields": fields}


@dataclass(frozen=True)
class KeyRefs:
    """A text key with "<word>:<pk>" parts ("thank_you:conversation:12:person:3")."""

    words: dict[str, type[models.Model]]

    def _pattern(self) -> re.Pattern[str]:
        words = "|".join(sorted(self.words, key=len, reverse=True))
        return re.compile(rf"(?:(?<=:)|^)({words}):(\d+)(?=:|$)")

    def dump(self, value: Any, obj: models.Model, refs: ExportRefs) -> Any:
        def number(match: re.Match[str]) -> str:
            found = refs.file_id(self.words[match.group(1)], int(match.group(2)))
            return f"{match.group(1)}:{found.rsplit(':', 1)[1] if found else 0}"

        return self._pattern().sub(number, value)

    def load(self, value: Any, obj: models.Model, refs: ImportRefs) -> Any:
        if not isinstance(value, str):
            raise ValueError("should be text")
        kinds = {word: refs.kind(model) for word, model in self.words.items()}

        def pk(match: re.Match[str]) -> str:
            found = refs.pk(f"{kinds[match.group(1)]}:{match.group(2)}")
            return f"{match.group(1)}:{found or 0}"

        return self._pattern().sub(pk, value)


def _dump_ref(model: type[models.Model] | None, value: Any, refs: ExportRefs) -> Any:
    if model is None or value is None:
        return value
    return refs.file_id(model, value)


def _load_ref(model: type[models.Model] | None, value: Any, refs: ImportRefs) -> Any:
    if model is None or value is None:
        return value
    return refs.pk(value)
