from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rapport.accounts.commands import add_user_argument, command_user
from rapport.postings.errors import UnreadablePage
from rapport.postings.fetching import MAX_BYTES
from rapport.postings.intake import page_read_given, page_read_link
from rapport.postings.reading import ReadFrom, Reading
from rapport.postings.selectors import saved_job_json, warm_path_count
from rapport.postings.services import SavedJob, posting_save


class Command(BaseCommand):
    help = (
        "Save a job posting as an opportunity, from its link or from a saved page, and see "
        "the warm paths into the company. Saving the same posting again updates it.\n"
        "Examples: rapport save-job https://boards.greenhouse.io/acme/jobs/123\n"
        "          rapport save-job saved-page.html --url https://www.linkedin.com/jobs/view/1\n"
        '          rapport save-job page.html --title "Data Engineer" --company Acme --json'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("page", metavar="URL_OR_FILE", help="The posting's link, or a file")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")
        parser.add_argument("--url", default="", help="Where a saved page came from")
        parser.add_argument("--title", default="", help="The job title, if the page lacks it")
        parser.add_argument("--company", default="", help="The company, if the page lacks it")
        add_user_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = command_user(options["user"])
        reading = _read(options["page"], options["url"])
        forced = {k: options[k].strip() for k in ("title", "company") if options[k].strip()}
        if not reading.complete and not forced:
            raise CommandError(_unread(options["page"], reading))
        data = replace(reading.posting, **forced)
        read_from = reading.read_from if reading.complete else ReadFrom.FORM
        try:
            saved = posting_save(owner=owner, data=data, read_from=read_from)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        paths = warm_path_count(
            owner=owner, opportunity=saved.opportunity, today=timezone.localdate()
        )
        if options["json"]:
            result = {
                "opportunity": saved_job_json(opportunity=saved.opportunity, posting=saved.posting),
                "created": saved.created,
                "paths": paths,
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(_lines(saved, reading, paths)))


def _read(page: str, url: str) -> Reading:
    path = Path(page).expanduser()
    try:
        if "://" not in page and path.is_file():
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{page}: larger than {MAX_BYTES // 2**20} MB; not a posting.")
            return page_read_given(document=path.read_bytes(), url=url)
        if "://" not in page and (path.suffix.lower() in {".html", ".htm"} or path.exists()):
            raise CommandError(f"{page}: no such file (a folder, or missing).")
        return page_read_link(url=page)
    except UnreadablePage as error:
        raise CommandError(f"{page}: {error.message}") from error
    except OSError as error:
        raise CommandError(f"{page}: cannot be read ({error.strerror or error}).") from error


def _unread(page: str, reading: Reading) -> str:
    found = reading.posting
    said = [
        f"{name} {getattr(found, name)!r}" for name in ("title", "company") if getattr(found, name)
    ]
    what = f"; found {', '.join(said)}" if said else ""
    return (
        f"{page}: I could not read a job posting here (no schema.org JobPosting{what}). "
        "Give --title and --company, or save it from the web form."
    )


def _lines(saved: SavedJob, reading: Reading, paths: int) -> list[str]:
    opportunity = saved.opportunity
    company = opportunity.company
    verb = "Saved" if saved.created else "Updated"
    lines = [f"{verb} {opportunity.title} at {company.name} (opportunity #{opportunity.pk})."]
    if reading.complete:
        lines.append(f"Read from {reading.read_from.label}.")
    if opportunity.deadline:
        lines.append(f"Apply by {opportunity.deadline:%d %b %Y}.")
    noun = "warm path" if paths == 1 else "warm paths"
    lines.append(f"{paths} {noun} into {company.name}: rapport paths {json.dumps(company.name)}")
    if company.has_referral_protocol():
        how = company.referral_channel or company.get_referral_apply_order_display()
        lines.append(f"Referrals there: {how}.")
    else:
        lines.append(f"Ask someone at {company.name} how referrals work there before you apply.")
    return lines
