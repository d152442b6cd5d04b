"""The `rapport` command: every subcommand is a Django management command."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rapport", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
