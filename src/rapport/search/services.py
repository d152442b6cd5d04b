"""Keep the search index whole: rebuild it, or batch its upkeep during a bulk write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from rapport.accounts.models import User
from rapport.search.backends import backend_for
from rapport.search.schema import vendor_schema


def search_index_rebuild(*, owner: User | None = None) -> int:
    """Rebuild one owner's documents, or everyone's; return how many were indexed."""
    with transaction.atomic():
        return backend_for(connection).rebuild(None if owner is None else owner.pk)


@contextmanager
def search_index_batch() -> Iterator[None]:
    """Refresh the documents that the writes in this block touch once, at its end.

    The index is right without it (triggers refresh each document as its rows change), but
    refreshing row by row costs ~100 µs per write on SQLite: an importer writing tens of
    thousands of rows should wrap them in this block (about ten times faster). It runs in one
    transaction; searches inside it see the index as it was before the block, other
    transactions are never affected. Nested blocks leave the refresh to the outermost one.
    """
    schema = vendor_schema(connection)
    with transaction.atomic():
        with connection.cursor() as cursor:
            started = schema.batch_start(cursor)
        yield
        if started:
            with connection.cursor() as cursor:
                schema.batch_finish(cursor)
