"""Every write the imports app offers, in one place to import from.

The code lives in focused modules: importing (a parsed file into the database), merging
(people into one, and apart again; many pairs at once: bulk), undo (an import, reversed).
"""

from rapport.imports.history.undo import UndoResult, import_undo
from rapport.imports.importing import ImportResult, import_source
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
    "UndoResult",
    "candidate_keep_apart",
    "candidate_merge",
    "candidates_keep_apart",
    "candidates_merge",
    "import_source",
    "import_undo",
    "keep_apart_add",
    "merge_undo",
    "person_merge",
]
