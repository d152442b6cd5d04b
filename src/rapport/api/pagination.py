"""Cursor pagination: in id order, so a page never repeats or skips a row as rows are added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja.params.functions import Query as QueryParam

M = TypeVar("M", bound=Model)
MAX_LIMIT = 200

# The cursor is the `next` of the previous page; any value of this shape is a valid one.
Cursor = QueryParam(
    "", pattern=r"^[0-9]{0,18}$", description="The `next` of the previous page (none: the first)"
)

Limit = QueryParam(50, ge=1, le=MAX_LIMIT, description="How many on a page")


def cursor_page(
    rows: QuerySet[M], *, cursor: str, limit: int, convert: Callable[[M], Any]
) -> dict[str, Any]:
    """The `limit` rows after `cursor` in id order, and the cursor of the page after them."""
    page = list(rows.filter(pk__gt=int(cursor or 0)).order_by("pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"items": [convert(row) for row in page], "next": str(page[-1].pk) if more else None}
