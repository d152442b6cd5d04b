"""What the user shared with a career centre's cohort (#18), in their JSON export.

An export-only section, `cohort_shares`: the file shows the student everything they shared,
but an import does not share it again. Sharing is consent given to one cohort on one
server; a file restored into another account or onto another server must not give it
without the student. The import counts the rows as skipped and says so. The rows are
written by `jsonexport._shared_rows`.
"""

from __future__ import annotations

from typing import Any

SECTION = "cohort_shares"
KIND = "cohort_share"


def skipped_count(raw: Any) -> int:
    """How many shares the file lists; ValueError if the section is not a list."""
    if not isinstance(raw, list):
        raise ValueError(f"{SECTION}: should be a list of rows")
    return len(raw)


def skipped_sentence(count: int) -> str:
    if not count:
        return ""
    things = (
        "thing you had shared with a cohort was"
        if count == 1
        else "things you had shared with a cohort were"
    )
    return (
        f" {count} {things} not shared again: sharing is "
        "consent you give on your career centre's server; share again from your companies' "
        "pages if you want to."
    )
