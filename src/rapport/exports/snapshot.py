"""Reads that see the database as it was at one instant, while others keep writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def consistent_read() -> Iterator[None]:
    """One transaction whose reads all see the same snapshot.

    PostgreSQL's default (READ COMMITTED) would let rows committed mid-export appear in
    later queries only, so an export could list an outcome whose conversation it missed.
    SQLite's transactions already read one snapshot. Nested in an outer transaction (tests),
    the outer one's isolation applies.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
