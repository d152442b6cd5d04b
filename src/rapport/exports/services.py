"""Writes: importing a JSON export into an account, backing up and restoring the database.

`json_import` is also what `rapport import json PATH` dispatches to.
"""

from rapport.exports.backup import Manifest, backup_create, backup_restore
from rapport.exports.errors import DataFileError
from rapport.exports.files import file_write_atomic
from rapport.exports.jsonimport import json_import

__all__ = [
    "DataFileError",
    "Manifest",
    "backup_create",
    "backup_restore",
    "file_write_atomic",
    "json_import",
]
