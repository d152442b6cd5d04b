"""Reading a JSON export back: into an empty account it makes an exact copy, all or nothing.

The file is checked completely before anything is written, so a damaged, foreign or
newer-version file is refused with the place of the first problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from rapport.accounts.models import User
from rapport.exports import shared
from rapport.exports.errors import DataFileError
from rapport.exports.jsonexport import FORMAT, VERSION
from rapport.exports.registry import SECTIONS, Section, link_model, section_for, target_model

BATCH = 500
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Row:
    """One row of the file, checked: plain values by attname, references as file ids."""

    id: str
    where: str  # "people[3]", for messages
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, str | None] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    coded: dict[str, Any] = field(default_factory=dict)  # file values of codec fields


Rows = dict[str, list[Row]]  # section name -> rows, in the file's order


def json_import(*, owner: User, path: Path, replace: bool = False) -> dict[str, Any]:
    """Import the JSON export at `path` into `owner`'s account, all or nothing.

    An account that already holds data is refused unless `replace`, which deletes that
    data in the same transaction. Returns counts shaped like `rapport import --json`.
    Raises DataFileError, naming the file, for anything wrong with it.
    """
    document = json_document_read(path)
    rows = document_rows(document, path)
    try:
        with transaction.atomic():
            _make_room(owner=owner, replace=replace, path=path)
            _write(owner, rows)
    except _Invalid as problem:
        raise DataFileError(path, str(problem)) from None
    except DatabaseError as error:
        raise DataFileError(path, f"does not fit the database: {error}") from error
    report = import_report({name: len(section_rows) for name, section_rows in rows.items()})
    # Export only: what the user had shared with a cohort is not shared again (exports.shared).
    skipped = len(document.get(shared.SECTION, []))
    report[shared.SECTION] = {"created": 0, "updated": 0, "merged": 0, "unchanged": 0}
    report[shared.SECTION]["skipped"] = skipped
    return report


def import_report(created: dict[str, int]) -> dict[str, Any]:
    report: dict[str, Any] = {
        name: {"created": count, "updated": 0, "merged": 0, "unchanged": 0, "skipped": 0}
        for name, count in created.items()
    }
    report["errors"] = []
    return report


def account_has_data(*, owner: User) -> bool:
    return any(s.model._default_manager.filter(owner=owner).exists() for s in SECTIONS)


def _make_room(*, owner: User, replace: bool, path: Path) -> None:
    if not account_has_data(owner=owner):
        return
    if not replace:
        raise DataFileError(
            path,
            f"not imported: the account {owner.username!r} already holds data. Importing "
            "makes an exact copy; run again with --replace to delete what is there first.",
        )
    for section in reversed(SECTIONS):
        section.model._default_manager.filter(owner=owner).delete()


# Reading and checking ----------------------------------------------------------------


def json_document_read(path: Path) -> dict[str, Any]:
    """The parsed export at `path`, its format and version checked."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, f"cannot be read ({error.strerror})") from error
    if data.startswith(ZIP_MAGIC):
        raise DataFileError(
            path, "is a zip archive, not a JSON export (a backup? use `rapport restore`)"
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DataFileError(path, f"is not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise DataFileError(
            path,
            f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno} "
            "(truncated or damaged?)",
        ) from error
    return document_check(document, path)


def document_check(document: Any, path: Path) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataFileError(path, f'is not a Rapport export (no "format": "{FORMAT}")')
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise DataFileError(
            path,
            f"was written by a newer Rapport (format version {version}; this one reads "
            f"version {VERSION}). Upgrade Rapport to import it.",
        )
    if version != VERSION or isinstance(version, bool):
        raise DataFileError(path, f"has an unknown format version {version!r}")
    known = {"format", "version", shared.SECTION, *(s.name for s in SECTIONS)}
    if unknown := sorted(set(document) - known):
        raise DataFileError(path, f"has an unknown section {unknown[0]!r}")
    try:
        shared.skipped_count(document.get(shared.SECTION, []))
    except ValueError as problem:
        raise DataFileError(path, str(problem)) from None
    return document


def document_rows(document: dict[str, Any], path: Path) -> Rows:
    """Every row of the document, checked against the models; raises at the first problem."""
    try:
        rows = {s.name: _section_rows(s, document.get(s.name, [])) for s in SECTIONS}
        _check_references(rows)
    except _Invalid as problem:
        raise DataFileError(path, str(problem)) from None
    return rows


class _Invalid(Exception):
    pass


def _section_rows(section: Section, raw_rows: Any) -> list[Row]:
    if not isinstance(raw_rows, list):
        raise _Invalid(f"{section.name}: should be a list of rows")
    rows = [_row(section, raw, f"{section.name}[{index}]") for index, raw in enumerate(raw_rows)]
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if row.id in seen:
            raise _Invalid(f"{section.name}[{index}].id: {row.id!r} is listed twice")
        seen.add(row.id)
    return rows


def _row(section: Section, raw: Any, where: str) -> Row:
    if not isinstance(raw, dict):
        raise _Invalid(f"{where}: should be an object")
    row = Row(id=_own_id(section, raw.get("id"), f"{where}.id"), where=where)
    known = {"id"}
    for model_field in section.fields():
        known.add(model_field.name)
        if model_field.name in section.codecs:
            if model_field.name in raw:
                row.coded[model_field.name] = raw[model_field.name]
            continue
        _read_field(row, model_field, raw, f"{where}.{model_field.name}")
    for m2m in section.many_to_many():
        known.add(m2m.name)
        row.links[m2m.name] = _ref_list(raw.get(m2m.name, []), f"{where}.{m2m.name}")
    if unknown := sorted(set(raw) - known):
        raise _Invalid(f"{where}: unknown field {unknown[0]!r}")
    return row


def _own_id(section: Section, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.startswith(f"{section.kind}:"):
        raise _Invalid(f'{where}: should be an id like "{section.kind}:1", not {value!r}')
    return value


def _read_field(
    row: Row, model_field: models.Field[Any, Any], raw: dict[str, Any], where: str
) -> None:
    if model_field.name not in raw:
        if _required(model_field):
            raise _Invalid(f"{where}: is missing")
        return
    value = raw[model_field.name]
    if value is None and not model_field.null:
        raise _Invalid(f"{where}: may not be null")
    if model_field.is_relation:
        if value is not None and not isinstance(value, str):
            raise _Invalid(f"{where}: should be an id or null, not {value!r}")
        row.refs[model_field.name] = value
    else:
        row.values[model_field.attname] = _python_value(model_field, value, where)


def _required(model_field: models.Field[Any, Any]) -> bool:
    timestamp = getattr(model_field, "auto_now", False) or getattr(
        model_field, "auto_now_add", False
    )
    return not (
        timestamp
        or model_field.has_default()
        or model_field.null
        or model_field.empty_strings_allowed
    )


def _python_value(model_field: models.Field[Any, Any], value: Any, where: str) -> Any:
    if value is None:
        return None
    if isinstance(value, dict | list) and not isinstance(model_field, models.JSONField):
        raise _Invalid(f"{where}: should be a single value")
    try:
        converted = model_field.to_python(value)
    except ValidationError as error:
        raise _Invalid(f"{where}: {' '.join(error.messages)}") from None
    limit = getattr(model_field, "max_length", None)
    if isinstance(converted, str) and limit and len(converted) > limit:
        raise _Invalid(f"{where}: is longer than {limit} characters")
    return converted


def _ref_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"{where}: should be a list of ids")
    return value


def _check_references(rows: Rows) -> None:
    ids = {row.id for section_rows in rows.values() for row in section_rows}
    for section in SECTIONS:
        targets = {
            f.name: section_for(target_model(f)).kind for f in section.fields() if f.is_relation
        }
        targets |= {m.name: section_for(target_model(m)).kind for m in section.many_to_many()}
        for index, row in enumerate(rows[section.name]):
            refs = [(name, ref) for name, ref in row.refs.items() if ref is not None]
            refs += [(name, ref) for name, links in row.links.items() for ref in links]
            for name, ref in refs:
                if not ref.startswith(f"{targets[name]}:") or ref not in ids:
                    raise _Invalid(
                        f"{section.name}[{index}].{name}: there is no {targets[name]} "
                        f"{ref!r} in the file"
                    )


# Writing ------------------------------------------------------------------------------


class NewPks:
    """File ids -> keys of the rows created so far, for fields that hold keys as values."""

    def __init__(self, owner: User) -> None:
        self.owner = owner
        self.pks: dict[str, int] = {}

    def pk(self, file_id: Any) -> int | None:
        if file_id == "owner":
            return int(self.owner.pk)
        return self.pks.get(file_id) if isinstance(file_id, str) else None

    def kind(self, model: type[models.Model]) -> str:
        return section_for(model).kind


def _write(owner: User, rows: Rows) -> None:
    refs = NewPks(owner)
    pks = refs.pks
    built: dict[str, list[models.Model]] = {}
    for position, section in enumerate(SECTIONS):
        earlier = {s.model for s in SECTIONS[:position]}
        objs = [_build(section, row, owner, refs, earlier) for row in rows[section.name]]
        section.model._default_manager.bulk_create(objs, batch_size=BATCH)
        pks.update((row.id, obj.pk) for row, obj in zip(rows[section.name], objs, strict=True))
        built[section.name] = objs
    for section in SECTIONS:
        _finish(section, rows[section.name], built[section.name], pks)
        _link(section, rows[section.name], built[section.name], pks)


def _build(
    section: Section, row: Row, owner: User, refs: NewPks, earlier: set[type[models.Model]]
) -> models.Model:
    obj = section.model(owner=owner, **row.values)
    for model_field in section.fields():
        ref = row.refs.get(model_field.name)
        if ref is not None and target_model(model_field) in earlier:
            setattr(obj, model_field.attname, refs.pks[ref])
    # Codec fields point only at earlier sections (see registry), all created by now.
    for name, value in row.coded.items():
        try:
            setattr(obj, name, section.codecs[name].load(value, obj, refs))
        except (ValueError, TypeError, AttributeError) as error:
            raise _Invalid(f"{row.where}.{name}: {error}") from None
    if section.derive is not None:
        section.derive(obj)
    return obj


def _finish(
    section: Section, rows: list[Row], objs: list[models.Model], pks: dict[str, int]
) -> None:
    """Set what bulk_create could not: references to later rows, and the file's timestamps.

    bulk_create stamps auto_now fields with the current time; bulk_update does not.
    """
    stamps = [f.attname for f in section.fields() if _is_timestamp(f)]
    references = [f for f in section.fields() if f.is_relation]  # later ones were left empty
    for row, obj in zip(rows, objs, strict=True):
        for attname in stamps:
            if attname in row.values:
                setattr(obj, attname, row.values[attname])
        for model_field in references:
            ref = row.refs.get(model_field.name)
            setattr(obj, model_field.attname, None if ref is None else pks[ref])
    names = stamps + [f.name for f in references]
    if objs and names:
        section.model._default_manager.bulk_update(objs, names, batch_size=BATCH)


def _is_timestamp(model_field: models.Field[Any, Any]) -> bool:
    return bool(
        getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    )


def _link(section: Section, rows: list[Row], objs: list[models.Model], pks: dict[str, int]) -> None:
    for m2m in section.many_to_many():
        through = link_model(m2m)
        source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: obj.pk, target: pks[ref]})
            for row, obj in zip(rows, objs, strict=True)
            for ref in row.links[m2m.name]
        ]
        through._default_manager.bulk_create(links, batch_size=BATCH)
