"""Python's memory while code holds tens of thousands of new objects: an import's records
and rows, the network index of a heavy user."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a parser builds its records, an import its rows,
    or warm paths their index.

    Each collection walks every object alive, and each of them keeps every object it makes
    until the end: with collections on, a 30,000-connection import takes twice as long, and
    reading LinkedIn's export a third longer. (Resumed while those objects are still alive, the
    first collection walks them all once.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
