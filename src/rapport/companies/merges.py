"""The user's merges of two companies into one ("Doctors Without Borders" and "Doctors Without
Borders/Médecins Sans Frontières (MSF)"), and their undo.

A merge points every row that pointed at the absorbed company (jobs, aliases, opportunities,
conversations, provenance…) at the survivor, gives the survivor what it lacked (the one
policy, merging.company_fill), keeps the absorbed name as an alias (so that imports and
searches find it), and keeps in a CompanyMerge what is needed to undo all of that.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from rapport.companies.merging import company_fill
from rapport.companies.models import Company, CompanyAlias, CompanyMerge
from rapport.core.repoint import references_repoint, references_to, rows_restore

_BOOKKEEPING = frozenset({"id", "owner_id", "created_at", "updated_at"})


def company_merge(*, survivor: Company, absorbed: Company) -> CompanyMerge:
    """Merge `absorbed` into `survivor` (which keeps its name and its own values), reversibly."""
    if survivor.owner_id != absorbed.owner_id:
        raise ValidationError("These companies belong to different users.")
    if survivor.pk == absorbed.pk:
        raise ValidationError("A company cannot be merged with itself.")
    with transaction.atomic():
        snapshot, before = _fields(absorbed), _fields(survivor)
        company_fill(survivor, absorbed)
        filled = {k: [before[k], v] for k, v in _fields(survivor).items() if v != before[k]}
        moved, dropped = _move_references(absorbed, survivor)
        absorbed_pk, absorbed_name = absorbed.pk, absorbed.name
        absorbed.delete()
        survivor.save()
        alias = _alias(survivor, absorbed_name)
        return CompanyMerge.objects.create(
            owner_id=survivor.owner_id,
            survivor=survivor,
            absorbed_pk=absorbed_pk,
            absorbed_name=absorbed_name,
            absorbed=snapshot,
            moved=moved,
            dropped=dropped,
            filled=filled,
            alias_pk=alias.pk if alias else None,
        )


def company_merge_undo(*, merge: CompanyMerge) -> Company:
    """Split a merge: the absorbed company comes back with what was its own."""
    if merge.undone_at is not None:
        raise ValidationError("This merge has already been undone.")
    with transaction.atomic():
        survivor = merge.survivor
        company = _recreate(merge)
        for label, ids in merge.moved.items():
            model_label, name = label.rsplit(".", 1)
            model = _model(model_label)
            model._base_manager.filter(pk__in=ids, **{name: survivor}).update(**{name: company})
        rows_restore(merge.dropped)
        if merge.alias_pk is not None:
            CompanyAlias.objects.filter(pk=merge.alias_pk, company=survivor).delete()
        _restore_filled(survivor, merge.filled)
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at", "updated_at"])
    return company


def _fields(company: Company) -> dict[str, Any]:
    """The company's own fields, JSON-ready: {attname: value}."""
    values: dict[str, Any] = {}
    for field in Company._meta.concrete_fields:
        if field.attname in _BOOKKEEPING:
            continue
        value = getattr(company, field.attname)
        values[field.attname] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def _alias(survivor: Company, name: str) -> CompanyAlias | None:
    """The absorbed name as an alias of the survivor, unless it is one already."""
    if name == survivor.name or survivor.aliases.filter(name=name).exists():
        return None
    return CompanyAlias.objects.create(owner_id=survivor.owner_id, company=survivor, name=name)


def _move_references(
    absorbed: Company, survivor: Company
) -> tuple[dict[str, list[int]], list[dict[str, Any]]]:
    moved: dict[str, list[int]] = {}
    dropped: list[dict[str, Any]] = []
    for model, name in references_to(Company):
        ids = list(model._base_manager.filter(**{name: absorbed}).values_list("pk", flat=True))
        if ids:
            moved[f"{model._meta.label}.{name}"] = references_repoint(
                model, name, ids, survivor, dropped
            )
    return moved, dropped


def _recreate(merge: CompanyMerge) -> Company:
    values = {
        field.attname: field.to_python(merge.absorbed[field.attname])
        for field in Company._meta.concrete_fields
        if field.attname in merge.absorbed
    }
    pk = merge.absorbed_pk
    if pk is not None and Company.objects.filter(pk=pk).exists():
        pk = None
    company = Company(pk=pk, owner_id=merge.owner_id, **values)
    company.set_name_key()
    clash = Company.objects.filter(owner_id=merge.owner_id, name_key=company.name_key).first()
    if clash is not None:
        raise ValidationError(
            f"{company.name!r} cannot come back: {clash.name!r} is now written the same way."
        )
    company.save(force_insert=True)
    return company


def _restore_filled(survivor: Company, filled: dict[str, list[Any]]) -> None:
    """Give back the survivor's fields the merge filled, where they still hold that."""
    now = _fields(survivor)
    restored = [name for name, (_, after) in filled.items() if now.get(name) == after]
    if not restored:
        return
    fields = {f.attname: f for f in Company._meta.concrete_fields}
    for name in restored:
        setattr(survivor, name, fields[name].to_python(filled[name][0]))
    survivor.save(update_fields=[*restored, "updated_at"])


def _model(label: str) -> type[models.Model]:
    app_label, model_name = label.split(".")
    model: type[models.Model] = Company._meta.apps.get_model(app_label, model_name)
    return model
