from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)
from django.http import Http404

from rapport.accounts.commands import add_user_argument, command_user
from rapport.accounts.models import User
from rapport.capture.errors import CaptureError
from rapport.core.memory import gc_paused
from rapport.imports.history.undo import import_undo
from rapport.imports.importing import ImportResult, Progress, import_source, import_unchanged
from rapport.imports.parse import parse
from rapport.imports.parse.records import ImportFormatError
from rapport.imports.reimport import files_digest
from rapport.imports.selectors import batch_get

KINDS = ("linkedin", "vcard", "csv")
CAPTURE_KINDS = ("ics", "mbox")  # calendars and mail: rapport.capture


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's option order, and the description's lines as written."""


class Command(BaseCommand):
    help = (
        "Import contacts and messages, or undo an import.\n"
        "  linkedin PATH: LinkedIn's export (the .zip, its folder, or one of its CSV files)\n"
        "  vcard PATH:    an address book (.vcf)\n"
        "  csv PATH:      Google or Outlook contacts (.csv; the layout is detected)\n"
        "  ics PATH:      a calendar (.ics from Google, Outlook, Apple, Fastmail): meetings\n"
        "                 with people you know become suggestions (see `rapport inbox`)\n"
        "  mbox PATH:     a mail archive (Takeout, Thunderbird, Apple Mail .mbox): mail\n"
        "                 with people you know counts as contact; replies both ways and\n"
        "                 application mail become suggestions\n"
        "  json PATH:     a `rapport export json` file (an account holding data needs\n"
        "                 --replace, which deletes its data first)\n"
        "  undo BATCH:    take back everything import number BATCH did\n"
        "Re-importing a file changes nothing; people already known are matched and merged.\n"
        "Examples: rapport import linkedin ~/Downloads/Basic_LinkedInDataExport.zip\n"
        "          rapport import csv contacts.csv --json\n"
        "          rapport import ics ~/Downloads/calendar.ics --json\n"
        "          rapport import undo 12"
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind",
            choices=[*KINDS, *CAPTURE_KINDS, "json", "undo"],
            help="What to import, or undo",
        )
        parser.add_argument(
            "target", metavar="PATH|BATCH", help="File or folder; for undo, the import's number"
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="json only: delete the account's data first",
        )
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._handle(**options)
        except CommandError as error:
            if options["json"]:  # a script still gets its one JSON object, and the exit code
                self.stdout.write(json.dumps(_failure(str(error)), ensure_ascii=False))
            raise

    def _handle(self, **options: Any) -> None:
        owner = command_user(options["user"])
        if options["kind"] == "json":
            # Loaded here, not with the command: the backup and restore machinery behind it
            # takes a seventh of a second of start-up that no other import uses.
            from rapport.exports.commands import json_import_output

            self.stdout.write(
                json_import_output(
                    owner=owner,
                    path=Path(options["target"]),
                    replace=options["replace"],
                    as_json=options["json"],
                )
            )
            return
        if options["kind"] == "undo":
            self._undo(owner, options["target"], as_json=options["json"])
        elif options["kind"] in CAPTURE_KINDS:
            self._capture(owner, options["kind"], Path(options["target"]), as_json=options["json"])
        else:
            self._import(owner, options["kind"], Path(options["target"]), as_json=options["json"])

    def _import(self, owner: User, kind: str, path: Path, *, as_json: bool) -> None:
        path = path.expanduser()
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder.")
        show = self.stdout.isatty() and not as_json
        with self._progress(show, f"Importing {path.name}") as progress:
            try:
                result = _import_path(owner, kind, path, progress)
            except ImportFormatError as error:
                raise CommandError(str(error)) from error
            except UnicodeError as error:
                raise CommandError(f"{path}: not readable as text ({error}).") from error
            except OSError as error:
                raise CommandError(
                    f"{error.filename or path}: {error.strerror or error}."
                ) from error
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(_summary(result))

    def _capture(self, owner: User, kind: str, path: Path, *, as_json: bool) -> None:
        # Loaded here, not with the command: the calendar and mail libraries take a quarter
        # of a second of start-up that importing an address book (or one again) never uses.
        from rapport.capture.services import capture_import_file

        try:
            result = capture_import_file(owner=owner, kind=kind, path=path)
        except CaptureError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{error.filename or path}: {error.strerror or error}.") from error
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) if as_json
                          else _summary(result))  # fmt: skip

    @contextmanager
    def _progress(self, show: bool, label: str) -> Iterator[Progress | None]:
        if not show:
            yield None
            return
        from rich.progress import Progress as Bar

        with Bar(transient=True) as bar:
            task = bar.add_task(label, total=None)

            def update(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total or None)  # 0: not known yet

            yield update

    def _undo(self, owner: User, target: str, *, as_json: bool) -> None:
        if not target.isdigit():
            raise CommandError(f"{target!r} is not an import number (see `rapport import --help`).")
        try:
            batch = batch_get(owner=owner, pk=int(target))
        except Http404 as error:
            raise CommandError(f"There is no import number {target}.") from error
        try:
            result = import_undo(batch=batch)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if as_json:
            self.stdout.write(json.dumps({"batch": batch.pk, **result.as_dict()}))
            return
        removed = ", ".join(f"{n} {_noun(label, n)}" for label, n in result.removed.items())
        lines = [
            f"Undid import #{batch.pk}: removed {removed or 'nothing'}; "
            f"restored {result.restored} changed row(s)."
        ]
        if kept := ", ".join(f"{n} {_noun(label, n)}" for label, n in result.kept.items()):
            lines.append(f"Kept what you have worked on since: {kept}.")
        lines += result.notes
        self.stdout.write("\n".join(lines))


def _import_path(owner: User, kind: str, path: Path, progress: Progress | None) -> ImportResult:
    """Import the file or folder, unless it is byte for byte one imported before and
    importing it again would provably do nothing (then it is not even read)."""
    digest = files_digest(path)
    if result := import_unchanged(owner=owner, kind=kind, digest=digest):
        return result
    # The collector paused from reading to writing: resumed in between, its first collection
    # would walk every record read, all still alive (see core.memory.gc_paused).
    with gc_paused():
        parsed = parse(kind, path)
        files = parsed.files or [str(path)]
        result = import_source(
            owner=owner, parsed=parsed, files=files, progress=progress, digest=digest
        )
        # Freed before collections resume, whose first would walk every record once more.
        del parsed
    return result


# Plurals Django would spell by adding an "s" (its default), said right.
_PLURALS = {"people.Person": "people", "companies.CompanyAlias": "company aliases"}


def _noun(label: str, count: int) -> str:
    """How to say `count` rows of the model `label`: "1 person", "2 company aliases"."""
    meta = apps.get_model(label)._meta
    if count == 1:
        return str(meta.verbose_name)
    if "verbose_name_plural" in meta.original_attrs:  # the model spells it itself
        return str(meta.verbose_name_plural)
    return _PLURALS.get(label, str(meta.verbose_name_plural))


def _failure(message: str) -> dict[str, Any]:
    """The --json object of an import or undo that failed: the keys of
    ImportResult.as_dict that still mean something, no batch, and the error."""
    return {"batch": None, "errors": [message], "warnings": []}


def _summary(result: ImportResult) -> str:
    lines = [f"Import #{result.batch.pk} ({result.batch.get_kind_display()}):"]
    if (since := getattr(result, "unchanged_since", None)) is not None:
        lines.append(f"  unchanged since import #{since}: nothing to do")
    for block, counts in result.counts.items():
        if any(counts.values()):
            parts = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
            lines.append(f"  {block}: {parts}")
    if result.review:
        lines.append(f"  {result.review} possible duplicate(s) wait for your review.")
    lines += [f"  warning: {w}" for w in result.warnings]
    lines += [f"  error: {e}" for e in result.errors]
    lines.append(f"Undo with: rapport import undo {result.batch.pk}")
    return "\n".join(lines)
