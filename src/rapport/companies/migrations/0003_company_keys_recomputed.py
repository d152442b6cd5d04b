"""Company.name_key again, after company_key learnt that "The Gates Foundation" is "Gates
Foundation", "Amazon Web Services (AWS)" is "Amazon Web Services" (an abbreviation of the name;
"University of California (UCLA)" stays apart from "(UC Berkeley)") and "Ernst & Young" is
"Ernst and Young".

Every company gets the key of its name. Where two companies of one owner now share a key,
they are one company: the older one stays, takes over everything that pointed at the other
(jobs, aliases, opportunities, conversations, provenance, ...), keeps the other's name as an
alias and fills what it lacks from the other's fields; the other is deleted. Nothing the user
wrote about the other is lost: what the survivor has its own of (a status, a referral route,
a website) stays, and the other's goes into the survivor's notes ("Merged from "X": was
marked to avoid — slow hiring (warned against by Ana Souza)"). The search index follows by
its triggers (on SQLite it is rebuilt after `migrate`).

company_key is imported, not copied: the keys must be those the running code looks up
(company_save, imports and filters all call rapport.core.text.company_key), so a frozen copy
would be wrong as soon as the function changes again. A later change of the function needs a
migration like this one (its functions can be imported from here).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import DEFAULT_DB_ALIAS, migrations, models, transaction

from rapport.companies.merging import (  # noqa: F401 - named here by tests and 0004
    REFERRAL,
    SINGLE,
    STATUS,
    company_fill,
)
from rapport.core.text import company_key

KEY_LENGTH = 200  # Company.name_key's max_length; imports clip keys to it too

def key_of(name: str) -> str:
    return company_key(name)[:KEY_LENGTH]


def recompute_company_keys(apps: Any, schema_editor: Any) -> None:
    db = schema_editor.connection.alias if schema_editor is not None else DEFAULT_DB_ALIAS
    Company = apps.get_model("companies", "Company")
    with transaction.atomic(using=db):
        companies = Company._base_manager.using(db).order_by("owner_id", "created_at", "pk")
        groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for company in companies.iterator(chunk_size=2000):
            groups[(company.owner_id, key_of(company.name))].append(company)
        rekeyed: list[tuple[Any, str]] = []
        for (_, key), (survivor, *others) in groups.items():
            for other in others:
                company_merge(apps, db, survivor=survivor, other=other)
            if survivor.name_key != key:
                rekeyed.append((survivor, key))
        _rekey(Company, db, rekeyed)


def _rekey(Company: Any, db: str, rekeyed: list[tuple[Any, str]]) -> None:
    """Give each company its new key. A key another company still holds (one about to get a
    new key itself) is freed first, under a placeholder no key can be (keys are casefolded)."""
    rows = Company._base_manager.using(db)
    held = {
        (owner_id, key): pk for pk, owner_id, key in rows.values_list("pk", "owner_id", "name_key")
    }
    for company, key in rekeyed:
        if held.get((company.owner_id, key), company.pk) != company.pk:
            holder = held[(company.owner_id, key)]
            rows.filter(pk=holder).update(name_key=f"REKEYING {holder}")
    for company, key in rekeyed:
        rows.filter(pk=company.pk).update(name_key=key)
        company.name_key = key


def company_merge(apps: Any, db: str, *, survivor: Any, other: Any) -> None:
    """Make `other` part of `survivor`: everything that points at it points at the survivor,
    its name is an alias, its fields fill the survivor's blanks; then it is deleted."""
    Company = apps.get_model("companies", "Company")
    CompanyAlias = apps.get_model("companies", "CompanyAlias")
    company_fill(survivor, other)
    for relation in Company._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and not relation.many_to_many:
            _repoint(relation.related_model, relation.field, db, survivor, other)
    aliases = CompanyAlias._base_manager.using(db).filter(company_id=survivor.pk)
    aliases.filter(name=survivor.name).delete()  # the name itself is no alias
    if other.name != survivor.name and not aliases.filter(name=other.name).exists():
        CompanyAlias._base_manager.using(db).create(
            owner_id=survivor.owner_id, company_id=survivor.pk, name=other.name
        )
    survivor.save(using=db)
    Company._base_manager.using(db).filter(pk=other.pk).delete()


def _repoint(model: Any, field: Any, db: str, survivor: Any, other: Any) -> None:
    """Point `model.field` at the survivor where it points at `other`. A row that would then
    repeat one the survivor already has (a unique constraint says so: the same alias, the same
    conversation about it) goes instead."""
    rows = model._base_manager.using(db)
    pointing = rows.filter(**{field.name: other.pk})
    together = _unique_with(model, field)
    if not together:
        pointing.update(**{field.name: survivor.pk})
        return
    for row in pointing:
        repeats = any(
            rows.filter(
                **{field.name: survivor.pk},
                **{name: getattr(row, model._meta.get_field(name).attname) for name in names},
            ).exists()
            for names in together
        )
        if repeats:
            rows.filter(pk=row.pk).delete()
        else:
            rows.filter(pk=row.pk).update(**{field.name: survivor.pk})


def _unique_with(model: Any, field: Any) -> list[list[str]]:
    """The other fields of each unique set of `model` that holds `field`."""
    sets = [list(names) for names in model._meta.unique_together]
    sets += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and constraint.condition is None
    ]
    if field.unique:
        sets.append([field.name])
    return [[name for name in names if name != field.name] for names in sets if field.name in names]


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0002_initial"),
        # Every app whose rows point at companies, so that they are moved too.
        ("conversations", "0002_initial"),
        ("imports", "0002_importjob"),
        ("network", "0001_initial"),
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(recompute_company_keys, migrations.RunPython.noop, elidable=True)
    ]
