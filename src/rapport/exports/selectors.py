"""Reads: a user's data in each export format. The CLI and the settings page call these."""

from rapport.exports.csvexport import KINDS, export_csv, export_csv_zip
from rapport.exports.jsonexport import export_document, export_json
from rapport.exports.vcard import export_vcard

__all__ = [
    "KINDS",
    "export_csv",
    "export_csv_zip",
    "export_document",
    "export_json",
    "export_vcard",
]
