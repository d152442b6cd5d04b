"""What `rapport importjson` and `rapport import json` share: run the import, word the result.

Usage from any command: `self.stdout.write(json_import_output(owner=..., path=...,
replace=..., as_json=...))`. Raises CommandError (naming the file) when nothing was imported.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from rapport.accounts.models import User
from rapport.exports import shared
from rapport.exports.services import DataFileError, json_import


def json_import_output(*, owner: User, path: Path, replace: bool, as_json: bool) -> str:
    try:
        report = json_import(owner=owner, path=path.expanduser(), replace=replace)
    except DataFileError as error:
        raise CommandError(str(error)) from error
    if as_json:
        return json.dumps(report, sort_keys=True)
    counts = ", ".join(
        f"{block['created']} {name.replace('_', ' ')}"
        for name, block in report.items()
        if name != "errors" and block["created"]
    )
    skipped = shared.skipped_sentence(report.get(shared.SECTION, {}).get("skipped", 0))
    return f"Imported {counts or 'nothing'} into {owner.username}'s account from {path}.{skipped}"
