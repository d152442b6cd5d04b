"""`rapport import`, with calendar and mail files too: `rapport import ics|mbox PATH`.

The imports app's command, extended here (capture sits above imports, so it names the
lower command, never the reverse): rapport.capture comes before rapport.imports in
INSTALLED_APPS, which makes this the `import` command Django runs.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from rapport.accounts.commands import command_user
from rapport.capture.errors import CaptureError
from rapport.capture.services import capture_import_file

_base = importlib.import_module("rapport.imports.management.commands.import")
CAPTURE_KINDS = ("ics", "mbox")


class Command(_base.Command):  # type: ignore[name-defined,misc]
    help = _base.Command.help.replace(
        "  json PATH:",
        "  ics PATH:      a calendar (.ics from Google, Outlook, Apple, Fastmail): meetings\n"
        "                 with people you know become suggestions (see `rapport inbox`)\n"
        "  mbox PATH:     a mail archive (Takeout, Thunderbird, Apple Mail .mbox): mail\n"
        "                 with people you know counts as contact; replies both ways and\n"
        "                 application mail become suggestions\n"
        "  json PATH:",
    ).replace(
        "          rapport import undo 12",
        "          rapport import ics ~/Downloads/calendar.ics --json\n"
        "          rapport import undo 12",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest == "kind" and action.choices is not None:
                action.choices = [*CAPTURE_KINDS, *action.choices]

    def _handle(self, **options: Any) -> None:
        if options["kind"] not in CAPTURE_KINDS:
            super()._handle(**options)
            return
        owner = command_user(options["user"])
        path = Path(options["target"])
        try:
            result = capture_import_file(owner=owner, kind=options["kind"], path=path)
        except CaptureError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{error.filename or path}: {error.strerror or error}.") from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(_base._summary(result))
