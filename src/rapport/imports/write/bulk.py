"""Insert many rows fast: what `bulk_create` does, without its per-value overhead.

Django's bulk_create prepares every value of every row through the field machinery: about
150 µs a row for a Person, 5 s for a 30,000-connection import. Here the ids are allocated
first (so dependent rows can point at them), values that the database driver takes as they
are (text, numbers, booleans) are passed through, and the rows go in with `executemany`.
On databases other than SQLite and PostgreSQL it falls back to bulk_create.

Like bulk_create: no save(), no signals, no validation. Callers validate and clip values.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import chain
from typing import Any

from django.db import connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

BATCH_SIZE = 1000
# Query parameters per statement: SQLite's historical limit (newer builds allow more).
MAX_PARAMS = 999
# Values of these fields reach the driver unchanged, as Django itself would send them.
_AS_IS = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "FloatField",
    "ForeignKey", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "TextField",
}  # fmt: skip


def rows_insert(rows: Sequence[models.Model], *, with_pks: bool = True) -> None:
    """Insert unsaved model instances; with `with_pks`, each gets its pk set first.

    Foreign keys may point at instances saved earlier in the same import: their ids are
    read at insert time, as bulk_create does.
    """
    if not rows:
        return
    model = type(rows[0])
    if connection.vendor not in ("sqlite", "postgresql"):
        model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if with_pks or not f.primary_key]
    if with_pks:
        attname = meta.pk.attname  # set in the dicts: `.pk` is a property
        for row, pk in zip(rows, _allocate_ids(model, len(rows)), strict=True):
            row.__dict__[attname] = pk
    db = connections[connection.alias]  # the connection itself, not the per-call proxy
    relations = {
        f.name: (f.attname, f.target_field.attname)
        for f in fields
        if isinstance(f, models.ForeignKey)
    }
    # Columns in three groups, so that a row costs one C-level call in the common case:
    # values as they are, values converted one by one, and the same stamp for every row.
    plain, converted, stamped = _columns(fields, timezone.now(), db)
    values_of = _getter([f.attname for f in plain])
    stamps = tuple(stamp for _, stamp in stamped)
    conversions = [(f.attname, convert) for f, convert in converted]
    data = []
    alias = db.alias
    for row in rows:
        values = row.__dict__
        state = values["_state"]  # `_state` read from the dict, as `row._state` finds it
        if relations and state.fields_cache:  # (else _resolve_relations has nothing to do)
            _resolve_relations(row, relations)
        if conversions:
            converted_values = tuple([convert(values[name]) for name, convert in conversions])
            data.append(values_of(values) + converted_values + stamps)
        else:  # provenance, aliases, contact points: nothing to convert
            data.append(values_of(values) + stamps)
        state.adding, state.db = False, alias
    columns = [f.column for f in plain] + [f.column for f, _ in (*converted, *stamped)]
    _insert(meta.db_table, columns, data)


def values_insert(
    model: type[models.Model], names: Sequence[str], data: list[tuple[Any, ...]]
) -> None:
    """Insert rows given as the values of the fields `names` (attnames), as the driver takes
    them: for rows of ids alone (a many-to-many link), which a model instance would only
    hold to be taken apart again. No defaults, no stamps, no conversion."""
    if not data:
        return
    if connection.vendor not in ("sqlite", "postgresql"):
        rows = [model(**dict(zip(names, values, strict=True))) for values in data]
        model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        return
    meta = model._meta
    columns = {f.attname: f.column for f in meta.concrete_fields}
    _insert(meta.db_table, [columns[name] for name in names], data)


def rows_update(rows: Sequence[models.Model], names: Iterable[str]) -> None:
    """Save the fields `names` of stored rows (their auto_now fields stamped too).

    One UPDATE per row, sent with executemany: bulk_update's CASE expressions cost SQLite
    time quadratic in the rows per statement.
    """
    if not rows:
        return
    model = type(rows[0])
    meta = model._meta
    wanted = set(names)
    fields = [
        f
        for f in meta.concrete_fields
        if not f.primary_key and (f.attname in wanted or getattr(f, "auto_now", False))
    ]
    if connection.vendor not in ("sqlite", "postgresql"):
        model._default_manager.bulk_update(rows, [f.name for f in fields], batch_size=BATCH_SIZE)
        return
    db = connections[connection.alias]
    now = timezone.now()
    plain, converted, stamped = _columns(fields, now, db)
    values_of = _getter([f.attname for f in plain])
    stamps = tuple(stamp for _, stamp in stamped)
    pk = meta.pk.attname
    data = []
    for row in rows:
        values = row.__dict__
        for field, _ in stamped:
            values[field.attname] = now  # as save() would
        data.append(
            values_of(values)
            + tuple([convert(values[f.attname]) for f, convert in converted])
            + stamps
            + (values[pk],)
        )
    quote = connection.ops.quote_name
    columns = [f.column for f in plain] + [f.column for f, _ in (*converted, *stamped)]
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, data)


def _insert(table: str, columns: list[str], data: list[tuple[Any, ...]]) -> None:
    """Many rows per INSERT statement, as bulk_create does.

    Row by row (executemany), each statement on a table with triggers opens a statement
    journal and copies into it every page it changes: three times the cost on SQLite.
    """
    quote = connection.ops.quote_name
    per_statement = max(1, MAX_PARAMS // len(columns))
    with connection.cursor() as cursor:
        execute: Callable[..., Any]
        if connection.vendor == "sqlite":
            # The driver's own execute, given "?" marks: Django's would rewrite "%s" to "?"
            # with a regular expression, over a thousand marks a statement.
            execute, mark = partial(sqlite3.Cursor.execute, cursor.cursor), "?"
        else:
            execute, mark = cursor.execute, "%s"
        one = "(" + ", ".join([mark] * len(columns)) + ")"
        head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
        full = head + ", ".join([one] * per_statement)
        for start in range(0, len(data), per_statement):
            chunk = data[start : start + per_statement]
            sql = full if len(chunk) == per_statement else head + ", ".join([one] * len(chunk))
            execute(sql, list(chain.from_iterable(chunk)))


def _resolve_relations(row: models.Model, relations: dict[str, tuple[str, str]]) -> None:
    """Copy the ids of related rows saved since this one was built (as bulk_create does).

    `relations`: (attname, target's attname) of each foreign key, by name. Only the objects
    the row was given are looked at: a foreign key caches its object by its name (most rows
    have one or two, of five or more foreign keys)."""
    cache = row._state.fields_cache
    if not cache:
        return
    values = row.__dict__
    for name, related in cache.items():
        relation = relations.get(name)
        if relation is None or related is None:
            continue
        attname, target = relation
        if values[attname] is not None:
            continue
        # The target column read from the instance's dict: `.pk` costs a property call.
        pk = related.__dict__.get(target)
        if pk is None:
            pk = related.pk
        if pk is None:
            raise ValueError(f"{row._meta.label}.{name} points at an unsaved row.")
        values[attname] = pk


Converter = Callable[[Any], Any]


def _getter(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values under `names` of a dict, as a tuple, in one C-level call when it can."""
    if len(names) > 1:
        return operator.itemgetter(*names)
    # itemgetter of a single name gives a value, not a tuple.
    return lambda values: tuple(values[name] for name in names)


def _columns(
    fields: list[models.Field[Any, Any]], now: Any, db: BaseDatabaseWrapper
) -> tuple[
    list[models.Field[Any, Any]],
    list[tuple[models.Field[Any, Any], Converter]],
    list[tuple[models.Field[Any, Any], Any]],
]:
    """The fields whose values go as they are, those converted, and those stamped `now`."""
    plain, converted, stamped = [], [], []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamped.append((field, field.get_db_prep_save(now, db)))
        elif field.get_internal_type() in _AS_IS:
            plain.append(field)
        else:
            converted.append((field, _converter(field, db)))
    return plain, converted, stamped


def _converter(field: models.Field[Any, Any], db: BaseDatabaseWrapper) -> Converter:
    """How to turn the field's value into what the driver takes."""
    if field.get_internal_type() == "DateField":  # an import's dates are dates already
        adapt: Converter = db.ops.adapt_datefield_value
        return adapt
    prep = field.get_db_prep_save
    return lambda value: prep(value, db)


def _allocate_ids(model: type[models.Model], count: int) -> range | list[int]:
    """`count` ids nobody has used, the database's own sequence moved past them."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite AUTOINCREMENT: never reuse an id, even of a deleted row. The import holds
        # the write lock (transaction_mode IMMEDIATE), so nobody takes these meanwhile;
        # inserting them moves sqlite_sequence past them.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        highest = max(found[0] if found else 0, cursor.fetchone()[0] or 0)
    return range(highest + 1, highest + 1 + count)
