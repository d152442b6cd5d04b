from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapport.accounts.commands import add_user_argument, command_user
from rapport.accounts.models import User
from rapport.exports.selectors import KINDS, export_csv, export_json, export_vcard
from rapport.exports.services import DataFileError, file_write_atomic


class Command(BaseCommand):
    help = (
        "Export everything you keep in Rapport: json (complete; `rapport importjson` reads "
        "it back), vcard (address books) or csv (spreadsheets). Writes to stdout unless "
        "--output is given.\n"
        "Examples: rapport export json --output rapport.json\n"
        "          rapport export vcard --output contacts.vcf\n"
        "          rapport export csv --output my-data/   (people, companies, opportunities)\n"
        "          rapport export csv --kind people --output people.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["json", "vcard", "csv"], help="What to export")
        parser.add_argument(
            "--output", "-o", type=Path, metavar="PATH", help="File (or folder, for csv)"
        )
        parser.add_argument("--kind", choices=KINDS, help="csv only: just this one file")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, output, kind = options["format"], options["output"], options["kind"]
        if kind and fmt != "csv":
            raise CommandError("--kind goes with csv: rapport export csv --kind people")
        if fmt == "csv" and not kind and output is None:
            raise CommandError(
                "Say where the three CSV files go (--output FOLDER), or pick one with --kind."
            )
        owner = command_user(options["user"])
        try:
            if fmt == "csv" and not kind:
                self._csv_folder(owner, output)
            else:
                self._one_file(self._render(owner, fmt, kind), output)
        except DataFileError as error:
            raise CommandError(str(error)) from error

    def _render(self, owner: User, fmt: str, kind: str | None) -> bytes:
        if fmt == "json":
            return export_json(owner=owner)
        if fmt == "vcard":
            return export_vcard(owner=owner).encode("utf-8")
        assert kind is not None
        return export_csv(owner=owner, kind=kind)

    def _one_file(self, data: bytes, output: Path | None) -> None:
        if output is None:
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        file_write_atomic(output, data)
        self.stderr.write(f"Wrote {output}")

    def _csv_folder(self, owner: User, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder}: is a file; csv writes three files into a folder")
        files = {kind: export_csv(owner=owner, kind=kind) for kind in KINDS}
        folder.mkdir(parents=True, exist_ok=True)
        for kind, data in files.items():
            file_write_atomic(folder / f"{kind}.csv", data)
        self.stderr.write(f"Wrote {', '.join(f'{kind}.csv' for kind in KINDS)} in {folder}")
