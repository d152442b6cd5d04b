"""Every write the imports app offers, in one place to import from.

The code lives in focused modules: importing (a parsed file into the database), merging
(people into one, and apart again; many pairs at once: bulk; "different people" taken back:
apart), undo (an import, reversed).
"""

from rapport.imports.history.undo import UndoResult, import_undo
from rapport.imports.importing import ImportResult, import_source
from rapport.imports.merge.apart import PutBack, candidates_put_back, keep_apart_undo
from rapport.imports.merge.bulk import Decided, candidates_keep_apart, candidates_merge
from rapport.imports.merge.merging import (
    candidate_keep_apart,
    candidate_merge,
    keep_apart_add,
    merge_undo,
    person_merge,
)

__all__ = [
    "Decided",
    "ImportResult",
    "PutBack",
    "UndoResult",
    "candidate_keep_apart",
    "candidate_merge",
    "candidates_keep_apart",
    "candidates_merge",
    "candidates_put_back",
    "import_source",
    "import_undo",
    "keep_apart_add",
    "keep_apart_undo",
    "merge_undo",
    "person_merge",
]
