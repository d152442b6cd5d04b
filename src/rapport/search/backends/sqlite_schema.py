"""SQLite: one FTS5 table for every owner and kind, and the triggers that keep it.

The rowid of a document says whose and what it is: owner id << 40 | kind << 37 | object id
(so up to 8 million users and 137 billion rows per table). FTS5 pushes rowid ranges into
its doclists, so one owner's search (or one owner's people) is a range scan that never
decodes another owner's rows, and triggers find a document by rowid without a lookup.

Recency lives in a narrow side table under the same rowid: ordering thousands of matches by
it costs a quarter of reading the stored column of the FTS5 table.

FTS5 writes cheaply in batches of ascending rowids, and dearly one document at a time
(every switch between delete and insert flushes a segment): a heavy import refreshed row by
row spends ~10 s in triggers, against ~1 s to index the same rows at the end. So while a
row is in search_batch (see services.search_index_batch), the triggers only queue the
documents to refresh in search_dirty, and the batch refreshes them all when it ends.

Even queueing costs a few µs a row, and a batch mostly inserts. So the batch notes, in
search_watermark, the highest rowid of every table whose inserts feed documents when it
starts; an insert above it does nothing in its trigger, and the batch finds those rows by
rowid range when it ends, in one statement per feed. (An insert at or below it, with an
explicit id filling a gap, is queued as before. Updates and deletes are always queued.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.backends.utils import CursorWrapper

from rapport.search.documents import DOCUMENTS, FEEDS, Document, Feed, Kind, with_spelling

TABLE = "search_index"
RECENCY = "search_recency"
BATCH = "search_batch"
DIRTY = "search_dirty"
WATERMARK = "search_watermark"
OWNER_SHIFT = 40
KIND_SHIFT = 37
ID_MASK = (1 << KIND_SHIFT) - 1
KIND_MASK = (1 << (OWNER_SHIFT - KIND_SHIFT)) - 1

# Created with the triggers too: databases indexed before it existed have no migration for it.
_WATERMARK_STORAGE = (
    f"CREATE TABLE IF NOT EXISTS {WATERMARK} (name TEXT PRIMARY KEY, high INTEGER NOT NULL)"
)

STORAGE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    f"CREATE TABLE IF NOT EXISTS {RECENCY} (id INTEGER PRIMARY KEY, recency TEXT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {BATCH} (id INTEGER PRIMARY KEY)",
    f"CREATE TABLE IF NOT EXISTS {DIRTY} (id INTEGER PRIMARY KEY)",
    _WATERMARK_STORAGE,
]
DROP_STORAGE = [f"DROP TABLE IF EXISTS {t}" for t in (TABLE, RECENCY, BATCH, DIRTY, WATERMARK)]


def rowid_sql(owner: str, kind: Kind, object_id: str) -> str:
    return f"(({owner} << {OWNER_SHIFT}) | ({int(kind)} << {KIND_SHIFT}) | {object_id})"


def rowid_range(owner_id: int, kind: Kind | None = None) -> tuple[int, int]:
    """The rowids of one owner's documents (of one kind, if given)."""
    if kind is None:
        low = owner_id << OWNER_SHIFT
        return low, low + (1 << OWNER_SHIFT) - 1
    low = (owner_id << OWNER_SHIFT) | (int(kind) << KIND_SHIFT)
    return low, low + ID_MASK


def insert_documents(document: Document, where: str) -> list[str]:
    """Index the rows of `document.table` that `where` selects (over the alias src)."""
    recency, title, body = document.columns("group_concat")
    rowid = rowid_sql("src.owner_id", document.kind, "src.id")
    source = f"FROM {document.table} src WHERE {where}"
    return [
        f"INSERT INTO {TABLE}(rowid, title, body) "
        f"SELECT doc.id, doc.title, {with_spelling('doc.title', 'doc.body')} FROM "
        f"(SELECT {rowid} AS id, coalesce({title}, '') AS title, coalesce({body}, '') AS body "
        # OFFSET keeps SQLite from flattening the subquery, which would work the body out
        # (its subqueries and all) again for each of the three times `with_spelling` names it.
        f"{source} LIMIT -1 OFFSET 0) doc",
        f"INSERT INTO {RECENCY}(id, recency) SELECT {rowid}, coalesce({recency}, '') {source}",
    ]


def _delete(rowid: str) -> list[str]:
    return [
        f"DELETE FROM {TABLE} WHERE rowid = {rowid}",
        f"DELETE FROM {RECENCY} WHERE id = {rowid}",
    ]


def _refresh(feed: Feed, rows: Sequence[str]) -> list[str]:
    """Rebuild the documents that a change to `rows` (NEW, OLD) touches.

    Delete then insert, never INSERT OR REPLACE: the conflict policy of the statement that
    fired the trigger wins, and Django adds to many-to-many fields with INSERT OR IGNORE.
    Recency comes from the document's own row, so it does not change here.
    """
    document = DOCUMENTS[feed.kind]
    rowids = f"SELECT {rowid_sql('src.owner_id', feed.kind, 'src.id')} FROM {document.table} src"
    if feed.link and len(rows) == 1:  # one id: "rowid =" is several times faster than "IN"
        parent = f"{rows[0]}.{feed.link}"
        return [
            f"DELETE FROM {TABLE} WHERE rowid = ({rowids} WHERE src.id = {parent})",
            insert_documents(document, f"src.id = {parent}")[0],
        ]
    ids = " UNION ".join(feed.ids.format(row=row) for row in rows)
    return [
        f"DELETE FROM {TABLE} WHERE rowid IN ({rowids} WHERE src.id IN ({ids}))",
        insert_documents(document, f"src.id IN ({ids})")[0],
    ]


def _own(feed: Feed, event: str) -> list[str]:
    old = _delete(rowid_sql("OLD.owner_id", feed.kind, "OLD.id"))
    new = insert_documents(DOCUMENTS[feed.kind], "src.id = NEW.id")
    return {"INSERT": new, "UPDATE": old + new, "DELETE": old}[event]


def _queue(feed: Feed, rows: Sequence[str]) -> list[str]:
    """Note the documents a change touches, for the batch to refresh (no INSERT OR IGNORE:
    the conflict policy of the statement that fired the trigger would override it)."""
    if feed.own:
        rowids = " UNION ".join(
            f"SELECT {rowid_sql(f'{row}.owner_id', feed.kind, f'{row}.id')} AS id" for row in rows
        )
    else:
        ids = " UNION ".join(feed.ids.format(row=row) for row in rows)
        rowid = rowid_sql("src.owner_id", feed.kind, "src.id")
        table = DOCUMENTS[feed.kind].table
        rowids = f"SELECT {rowid} AS id FROM {table} src WHERE src.id IN ({ids})"
    return [
        f"INSERT INTO {DIRTY}(id) SELECT changed.id FROM ({rowids}) changed "
        f"WHERE changed.id NOT IN (SELECT id FROM {DIRTY})"
    ]


def _trigger(feed: Feed, event: str, *, batched: bool) -> str:
    rows = {"INSERT": ["NEW"], "DELETE": ["OLD"]}.get(event, ["OLD", "NEW"])
    if batched:
        statements = _queue(feed, rows)
    else:
        statements = _own(feed, event) if feed.own else _refresh(feed, rows)
    conditions = [f"{'' if batched else 'NOT '}EXISTS (SELECT 1 FROM {BATCH})"]
    if batched and event == "INSERT":  # rows above the watermark: found when the batch ends
        conditions = [f"NEW.rowid <= ({_high(feed.table)})"]
    if event == "UPDATE" and feed.watch:
        conditions.append("(" + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in feed.watch) + ")")
    body = "".join(f"{statement}; " for statement in statements)
    name = f"search_{feed.name}_{event.lower()}{'_batched' if batched else ''}"
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {feed.table} FOR EACH ROW "
        f"WHEN {' AND '.join(conditions)} BEGIN {body}END"
    )


def _high(table: str) -> str:
    """The watermark of `table` (NULL outside a batch)."""
    return f"SELECT high FROM {WATERMARK} WHERE name = '{table}'"


def _inserting_feeds() -> list[Feed]:
    return [feed for feed in FEEDS if not feed.rename_only]


def trigger_statements() -> Iterator[str]:
    for feed in FEEDS:
        events = ("UPDATE",) if feed.rename_only else ("INSERT", "UPDATE", "DELETE")
        for event in events:
            yield _trigger(feed, event, batched=False)
            yield _trigger(feed, event, batched=True)


def _installed(cursor: CursorWrapper) -> dict[str, str]:
    cursor.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'trigger' AND substr(name, 1, 7) = 'search_'"
    )
    return dict(cursor.fetchall())


def _trigger_names(cursor: CursorWrapper) -> list[str]:
    return list(_installed(cursor))


def triggers_installed(cursor: CursorWrapper) -> bool:
    """True if exactly today's triggers are there (not none, not an older version)."""
    return set(_installed(cursor).values()) == set(trigger_statements())


def drop_triggers(cursor: CursorWrapper) -> None:
    for name in _trigger_names(cursor):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def install_triggers(cursor: CursorWrapper) -> None:
    drop_triggers(cursor)
    cursor.execute(_WATERMARK_STORAGE)
    for statement in trigger_statements():
        cursor.execute(statement)


def table_exists(cursor: CursorWrapper) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [RECENCY])
    return cursor.fetchone() is not None


def batch_start(cursor: CursorWrapper) -> bool:
    """Start queueing; False if a batch is already running (it will do the refresh)."""
    cursor.execute(f"INSERT INTO {BATCH}(id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {BATCH})")
    if cursor.rowcount != 1:
        return False
    for table in dict.fromkeys(feed.table for feed in _inserting_feeds()):
        cursor.execute(
            f"INSERT INTO {WATERMARK}(name, high) SELECT %s, coalesce(max(rowid), 0) FROM {table}",
            [table],
        )
    return True


def _queue_inserted(cursor: CursorWrapper) -> None:
    """Queue the documents that rows inserted above the watermarks feed."""
    for feed in _inserting_feeds():
        table = DOCUMENTS[feed.kind].table
        rowid = rowid_sql("src.owner_id", feed.kind, "src.id")
        high = _high(feed.table)
        ids = f"{feed.ids.format(row='added')} FROM {feed.table} added WHERE added.rowid > ({high})"
        cursor.execute(
            f"INSERT OR IGNORE INTO {DIRTY}(id) SELECT {rowid} FROM {table} src "
            f"WHERE src.id IN ({ids})"
        )


def batch_finish(cursor: CursorWrapper) -> None:
    """Refresh every queued document at once, in rowid order, and stop queueing."""
    _queue_inserted(cursor)
    cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT id FROM {DIRTY})")
    cursor.execute(f"DELETE FROM {RECENCY} WHERE id IN (SELECT id FROM {DIRTY})")
    for document in DOCUMENTS.values():
        queued = (
            f"SELECT id & {ID_MASK} FROM {DIRTY} "
            f"WHERE ((id >> {KIND_SHIFT}) & {KIND_MASK}) = {int(document.kind)}"
        )
        for statement in insert_documents(document, f"src.id IN ({queued})"):
            cursor.execute(statement)
    cursor.execute(f"DELETE FROM {DIRTY}")
    cursor.execute(f"DELETE FROM {WATERMARK}")
    cursor.execute(f"DELETE FROM {BATCH}")


def rebuild(cursor: CursorWrapper, owner_id: int | None) -> int:
    if owner_id is None:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"DELETE FROM {RECENCY}")
    else:
        low, high = rowid_range(owner_id)
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid BETWEEN %s AND %s", [low, high])
        cursor.execute(f"DELETE FROM {RECENCY} WHERE id BETWEEN %s AND %s", [low, high])
    where, params = ("1", []) if owner_id is None else ("src.owner_id = %s", [owner_id])
    total = 0
    for document in DOCUMENTS.values():
        documents, recency = insert_documents(document, where)
        cursor.execute(documents, params)
        total += cursor.rowcount
        cursor.execute(recency, params)
    if owner_id is None:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    return total
