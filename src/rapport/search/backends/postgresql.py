"""PostgreSQL: a search_document table with a weighted tsvector, kept in step by triggers.

Text goes through the `rapport_search` configuration: the `simple` dictionary behind
`unaccent`, so "jose" finds "José" and names are never stemmed. A GIN index on
(owner_id, document) (btree_gin) answers one owner's search inside the index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from rapport.search.backends.base import MARK_END, MARK_START, Found, Plan, RawHit, Subquery
from rapport.search.documents import (
    DOCUMENTS,
    FEEDS,
    Document,
    Feed,
    Kind,
    transliterated_sql,
)
from rapport.search.query import Term, tsquery

TABLE = "search_document"
# PostgreSQL's parser reads "ana@example.org", "stripe.com", "x_y" or "<b>x</b>" as single
# tokens (emails, hosts, tags: ts_headline even drops tags), where SQLite's tokenizer sees
# words. Wherever PostgreSQL parses text, these characters become control characters
# (blanks to the parser), and they are put back in what ts_headline returns.
SPLIT_CHARS = "@.:/<>&_-+"
_BLANKS = "".join(chr(code) for code in (4, 5, 6, 7, 14, 15, 16, 17, 18, 19))
_SPLIT_SQL = (
    "translate({}, '" + SPLIT_CHARS + "', " + " || ".join(f"chr({ord(b)})" for b in _BLANKS) + ")"
)
_UNSPLIT = str.maketrans(_BLANKS, SPLIT_CHARS)
_QUERY_SPLIT = str.maketrans(SPLIT_CHARS, " " * len(SPLIT_CHARS))
CONFIG = "rapport_search"
# ts_rank weights for D, C, B, A: titles are A, bodies D.
RANK = "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.document, query.q, 1)"
TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
BODY_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=1, MaxWords=24, MinWords=12, "
    "ShortWord=1, FragmentDelimiter=…"
)

STORAGE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
      END IF;
    END $$""",
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
      kind smallint NOT NULL,
      object_id bigint NOT NULL,
      owner_id bigint NOT NULL,
      recency timestamptz,
      title text NOT NULL,
      body text NOT NULL,
      document tsvector NOT NULL,
      PRIMARY KEY (kind, object_id)
    )""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_owner_document ON {TABLE} USING gin (owner_id, document)",
    # While a transaction has a row in search_batch (invisible to the others), its triggers
    # queue documents in search_dirty instead of refreshing them (services.search_index_batch).
    "CREATE TABLE IF NOT EXISTS search_batch (id integer PRIMARY KEY)",
    """CREATE TABLE IF NOT EXISTS search_dirty (
      kind smallint NOT NULL, object_id bigint NOT NULL, PRIMARY KEY (kind, object_id)
    )""",
]
DROP_STORAGE = [
    *(f"DROP FUNCTION IF EXISTS search_refresh_{kind.slug}(bigint[])" for kind in Kind),
    *(f"DROP FUNCTION IF EXISTS search_truncate_{kind.slug}()" for kind in Kind),
    *(f"DROP FUNCTION IF EXISTS search_feed_{feed.name}()" for feed in FEEDS),
    "DROP TABLE IF EXISTS search_batch",
    "DROP TABLE IF EXISTS search_dirty",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


# -- Schema ----------------------------------------------------------------------------------


def _select_documents(document: Document, where: str) -> str:
    recency, title, body = document.columns("string_agg")
    kind = int(document.kind)
    return (
        f"SELECT {kind}, doc.id, doc.owner_id, doc.recency, doc.title, doc.body, "
        f"setweight(to_tsvector('{CONFIG}', {_SPLIT_SQL.format(_spelt('doc.title'))}), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', {_SPLIT_SQL.format(_spelt('doc.body'))}), 'D') "
        f"FROM (SELECT src.id, src.owner_id, {recency} AS recency, coalesce({title}, '') AS title, "
        f"coalesce({body}, '') AS body FROM {document.table} src WHERE {where}) doc"
    )


def _spelt(column: str) -> str:
    """What is indexed of a column: its letters as `core.text.transliterate` writes them
    (unaccent's rules differ: the dotless i stays), as queries are (search.query)."""
    return transliterated_sql(column)


def _insert_documents(document: Document, where: str) -> str:
    return (
        f"INSERT INTO {TABLE}(kind, object_id, owner_id, recency, title, body, document) "
        + _select_documents(document, where)
    )


def _refresh_function(document: Document) -> str:
    return f"""CREATE OR REPLACE FUNCTION search_refresh_{document.kind.slug}(ids bigint[])
    RETURNS void LANGUAGE sql AS $$
      DELETE FROM {TABLE} WHERE kind = {int(document.kind)} AND object_id = ANY(ids);
      {_insert_documents(document, "src.id = ANY(ids)")};
    $$"""


def _feed_function(feed: Feed) -> str:
    # OLD is NULL in INSERT triggers and NEW in DELETE triggers, so one body serves all three.
    changed = (
        f"SELECT changed.id FROM ({feed.ids.format(row='NEW')} UNION "
        f"{feed.ids.format(row='OLD')}) changed WHERE changed.id IS NOT NULL"
    )
    return f"""CREATE OR REPLACE FUNCTION search_feed_{feed.name}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM search_batch) THEN
        INSERT INTO search_dirty(kind, object_id) SELECT {int(feed.kind)}, id FROM ({changed}) c
        ON CONFLICT DO NOTHING;
      ELSE
        PERFORM search_refresh_{feed.kind.slug}(ARRAY({changed}));
      END IF;
      RETURN NULL;
    END $$"""


def _feed_triggers(feed: Feed) -> Iterator[str]:
    function = f"search_feed_{feed.name}()"
    if not feed.rename_only:
        yield (
            f"CREATE TRIGGER search_{feed.name}_change AFTER INSERT OR DELETE ON {feed.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}"
        )
    when = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in feed.watch)
    yield (
        f"CREATE TRIGGER search_{feed.name}_update AFTER UPDATE ON {feed.table} FOR EACH ROW "
        f"{f'WHEN ({when}) ' if when else ''}EXECUTE FUNCTION {function}"
    )


def _truncate_trigger(document: Document) -> Iterator[str]:
    # TRUNCATE (Django's flush) fires no row triggers.
    name = f"search_truncate_{document.kind.slug}"
    yield f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN DELETE FROM {TABLE} WHERE kind = {int(document.kind)}; RETURN NULL; END $$"""
    yield (
        f"CREATE TRIGGER {name} AFTER TRUNCATE ON {document.table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
    )


def trigger_statements() -> Iterator[str]:
    for document in DOCUMENTS.values():
        yield _refresh_function(document)
        yield from _truncate_trigger(document)
    for feed in FEEDS:
        yield _feed_function(feed)
        yield from _feed_triggers(feed)


def _fingerprint() -> str:
    """Names this version of the triggers (kept as a comment on the table)."""
    text = "\n".join(trigger_statements())
    return "search triggers " + hashlib.sha256(text.encode()).hexdigest()[:16]


def triggers_installed(cursor: CursorWrapper) -> bool:
    """True if exactly today's triggers are there (not none, not an older version)."""
    cursor.execute("SELECT count(*) FROM pg_trigger WHERE left(tgname, 7) = 'search_'")
    (count,) = cursor.fetchone() or (0,)
    expected = sum(1 for s in trigger_statements() if s.startswith("CREATE TRIGGER"))
    cursor.execute("SELECT obj_description(to_regclass(%s), 'pg_class')", [TABLE])
    (comment,) = cursor.fetchone() or ("",)
    return bool(count == expected and comment == _fingerprint())


def drop_triggers(cursor: CursorWrapper) -> None:
    cursor.execute(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE left(t.tgname, 7) = 'search_' AND NOT t.tgisinternal"
    )
    for name, table in cursor.fetchall():
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')


def install_triggers(cursor: CursorWrapper) -> None:
    drop_triggers(cursor)
    for statement in trigger_statements():
        cursor.execute(statement)
    cursor.execute(f"COMMENT ON TABLE {TABLE} IS '{_fingerprint()}'")


def batch_start(cursor: CursorWrapper) -> bool:
    """Start queueing; False if a batch is already running (it will do the refresh)."""
    cursor.execute("INSERT INTO search_batch(id) VALUES (1) ON CONFLICT DO NOTHING")
    return bool(cursor.rowcount == 1)


def batch_finish(cursor: CursorWrapper) -> None:
    for document in DOCUMENTS.values():
        kind = int(document.kind)
        cursor.execute(
            f"SELECT search_refresh_{document.kind.slug}("
            f"ARRAY(SELECT object_id FROM search_dirty WHERE kind = {kind} ORDER BY object_id))"
        )
    cursor.execute("DELETE FROM search_dirty")
    cursor.execute("DELETE FROM search_batch")


def table_exists(cursor: CursorWrapper) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
    row = cursor.fetchone()
    return bool(row and row[0])


# -- Queries ---------------------------------------------------------------------------------


def _kind_clause(kind: Kind, subqueries: list[Subquery]) -> tuple[str, list[Any]]:
    sql, params = f"d.kind = {int(kind)}", list[Any]()
    for subquery, subquery_params in subqueries:
        sql += f" AND d.object_id IN ({subquery})"
        params.extend(subquery_params)
    return f"({sql})", params


def _where(plan: Plan, kinds: list[Kind]) -> tuple[str, list[Any]]:
    sql, params = "d.owner_id = %s AND d.document @@ query.q", [plan.owner_id]
    if plan.restriction is None and len(kinds) == len(Kind):
        return sql, params
    clauses = [_kind_clause(kind, plan.restriction_sql(kind)) for kind in kinds]
    sql += " AND (" + " OR ".join(clause for clause, _ in clauses) + ")"
    return sql, params + [p for _, clause_params in clauses for p in clause_params]


def _with_query(plan: Plan) -> tuple[str, list[Any]]:
    terms = tuple(
        Term(t.text.translate(_QUERY_SPLIT), phrase=t.phrase, prefix=t.prefix) for t in plan.terms
    )
    return f"WITH query AS (SELECT to_tsquery('{CONFIG}', %s) AS q) ", [tsquery(terms)]


class PostgresBackend:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def find(self, plan: Plan) -> Found:
        return Found(self._hits(plan), self._counts(plan))

    def _hits(self, plan: Plan) -> list[RawHit]:
        kinds = plan.allowed_kinds()
        if not kinds:
            return []
        prefix, params = _with_query(plan)
        where, where_params = _where(plan, kinds)
        sql = (
            f"{prefix}SELECT d.kind, d.object_id, d.recency, "
            f"ts_headline('{CONFIG}', {_SPLIT_SQL.format('d.title')}, query.q, %s), "
            f"ts_headline('{CONFIG}', {_SPLIT_SQL.format('d.body')}, query.q, %s) "
            "FROM (SELECT d.kind, d.object_id, d.recency, d.title, d.body, "
            f"{RANK} AS rank FROM {TABLE} d, query WHERE {where} "
            "ORDER BY rank DESC, d.recency DESC NULLS LAST, d.kind, d.object_id DESC "
            "LIMIT %s OFFSET %s) d, query "
            "ORDER BY d.rank DESC, d.recency DESC NULLS LAST, d.kind, d.object_id DESC"
        )
        all_params = [
            *params,
            TITLE_HEADLINE,
            BODY_HEADLINE,
            *where_params,
            plan.limit,
            plan.offset,
        ]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            rows = cursor.fetchall()
        return [
            RawHit(Kind(k), object_id, r, t.translate(_UNSPLIT), s.translate(_UNSPLIT))
            for k, object_id, r, t, s in rows
        ]

    def _counts(self, plan: Plan) -> dict[Kind, int]:
        kinds = plan.allowed_kinds(frozenset(Kind))
        if not kinds:
            return {}
        prefix, params = _with_query(plan)
        where, where_params = _where(plan, kinds)
        sql = f"{prefix}SELECT d.kind, count(*) FROM {TABLE} d, query WHERE {where} GROUP BY d.kind"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params + where_params)
            return {Kind(kind): count for kind, count in cursor.fetchall()}

    def rebuild(self, owner_id: int | None) -> int:
        where, params = ("TRUE", []) if owner_id is None else ("src.owner_id = %s", [owner_id])
        with self.connection.cursor() as cursor:
            if owner_id is None:
                cursor.execute(f"DELETE FROM {TABLE}")
            else:
                cursor.execute(f"DELETE FROM {TABLE} WHERE owner_id = %s", [owner_id])
            total = 0
            for document in DOCUMENTS.values():
                cursor.execute(_insert_documents(document, where), params)
                total += cursor.rowcount
        return total
