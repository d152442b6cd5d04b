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

from rapport.core.text import company_key

KEY_LENGTH = 200  # Company.name_key's max_length; imports clip keys to it too

# The fields of Company the user fills in, by group. A group the survivor has none of it takes
# whole from the merged company (a status goes with its reason and who gave it); otherwise the
# survivor keeps its own and the merged company's, where it says something else, goes into the
# notes. The name becomes an alias; the notes are appended.
STATUS = ("target_status", "priority", "status_reason", "status_by_id", "status_conversation_id")
REFERRAL = (
    "referral_channel",
    "referral_steps",
    "referral_apply_order",
    "referral_learned_from_id",
    "referral_learned_on",
)
SINGLE = ("website", "careers_url", "phone")
SINGLE_WORDS = [
    ("website", "its website"),
    ("careers_url", "its careers page"),
    ("phone", "its phone number"),
]
# What a field holds when the user wrote nothing in it.
UNSET = {"target_status": "none", "referral_apply_order": "unknown"}
STATUS_WORDS = {"target": "was a target", "avoid": "was marked to avoid", "none": "was not listed"}
SAID_BY = {"target": "recommended by", "avoid": "warned against by", "none": "said by"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
APPLY_ORDER = {
    "referral_first": "get the referral before applying",
    "apply_first": "apply first, then get referred",
}


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
    _fill_blanks(survivor, other)
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


def _fill_blanks(survivor: Any, other: Any) -> None:
    """Give the survivor what it lacks of `other`'s fields, and write in its notes what of
    them it has otherwise."""
    if other.notes.strip() and other.notes.strip() not in survivor.notes:
        survivor.notes = f"{survivor.notes.rstrip()}\n\n{other.notes.strip()}".lstrip()
    kept_apart: list[str] = []
    if _unset(survivor, STATUS):
        _copy(STATUS, other, survivor)
    elif survivor.target_status == other.target_status:
        _copy([f for f in STATUS if _unset(survivor, [f])], other, survivor)
    if _differs(other, survivor, STATUS):
        kept_apart.append(_status_words(other))
    if _unset(survivor, REFERRAL):
        _copy(REFERRAL, other, survivor)
    if _differs(other, survivor, REFERRAL):
        kept_apart.append(_referral_words(other))
    single = [f for f in SINGLE if hasattr(survivor, f)]  # a field added later (0005)
    _copy([f for f in single if _unset(survivor, [f])], other, survivor)
    for field, words in SINGLE_WORDS:
        if field in single and _differs(other, survivor, [field]):
            kept_apart.append(f"{words} was {getattr(other, field)}")
    if kept_apart:
        merged = f'Merged from "{other.name}": {"; ".join(kept_apart)}'
        survivor.notes = f"{survivor.notes.rstrip()}\n\n{merged}".lstrip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _unset(company: Any, fields: Any) -> bool:
    return all(_blank(getattr(company, f)) or getattr(company, f) == UNSET.get(f) for f in fields)


def _differs(other: Any, survivor: Any, fields: Any) -> bool:
    """Whether `other` has something in `fields` that the survivor does not."""
    return any(not _unset(other, [f]) and getattr(other, f) != getattr(survivor, f) for f in fields)


def _status_words(company: Any) -> str:
    """ "was marked to avoid — slow hiring (warned against by Ana Souza, in your conversation
    of 3 Oct 2026)"."""
    words = STATUS_WORDS.get(company.target_status, f"was {company.target_status}")
    if company.priority is not None:
        words += f" (priority {company.priority})"
    if not _blank(company.status_reason):
        words += f" — {company.status_reason.strip()}"
    source = []
    if company.status_by_id is not None:
        said_by = SAID_BY.get(company.target_status, "said by")
        source.append(f"{said_by} {company.status_by.full_name}")
    if company.status_conversation_id is not None:
        source.append(f"in your conversation of {_day(company.status_conversation.occurred_on)}")
    return f"{words} ({', '.join(source)})" if source else words


def _referral_words(company: Any) -> str:
    """ "its referral route was: through the internal portal; send the CV first; get the
    referral before applying (learnt from Ana Souza on 3 Oct 2026)"."""
    route = [
        f"through {company.referral_channel.strip()}" if company.referral_channel.strip() else "",
        company.referral_steps.strip(),
        APPLY_ORDER.get(company.referral_apply_order, ""),
    ]
    route = [part for part in route if part]
    words = f"its referral route was: {'; '.join(route)}" if route else "it had a referral route"
    source = []
    if company.referral_learned_from_id is not None:
        source.append(f"from {company.referral_learned_from.full_name}")
    if company.referral_learned_on is not None:
        source.append(f"on {_day(company.referral_learned_on)}")
    return f"{words} (learnt {' '.join(source)})" if source else words


def _day(day: Any) -> str:
    """ "3 Oct 2026", as the company page writes it, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _copy(fields: Any, source: Any, target: Any) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


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
