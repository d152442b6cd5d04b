"""`import_source`: a parsed export becomes people, companies, jobs and conversations.

All or nothing (one transaction), idempotent (a record imported before is recognised by
its provenance and changes nothing), and fast: the owner's data is read once, matched in
memory and written in bulk.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import partial
from itertools import compress
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from rapport.accounts.models import User
from rapport.core.memory import gc_paused
from rapport.core.versions import data_version_held
from rapport.imports.loading import (
    entry_read_back,
    people_load,
    people_named_load,
    state_begin,
)
from rapport.imports.match import name_parts, phone_region
from rapport.imports.match.crowds import crowded_numbers
from rapport.imports.merge.contacts import (
    contacts_apply,
    contacts_stream_apply,
    record_phone_keys,
)
from rapport.imports.merge.invitations import (
    counterpart,
    entry_find,
    invitation_hints,
    invitations_apply,
)
from rapport.imports.merge.organisations import organisations_apply
from rapport.imports.merge.positions import positions_apply
from rapport.imports.merge.threads import messages_apply, user_identities
from rapport.imports.merge.unchanged import contact_todo, unchanged_skip
from rapport.imports.models import ImportBatch, ImportKind, RecordOutcome
from rapport.imports.parse.common import skips_told as parse_skips_told
from rapport.imports.parse.records import ContactRecord, ParsedSource
from rapport.imports.reimport import fingerprint, unchanged_since
from rapport.imports.session import (
    ImportState,
    Pending,
    pair_of,
    preferred_spellings,
    skips_told,
)
from rapport.imports.write.flush import flush
from rapport.search.services import search_index_batch

# Called with (done, total) records as an import goes. A total of 0 means it is not known
# yet: a file too big to hold is being read through once first, and `done` counts the
# records read so far.
Progress = Callable[[int, int], None]
# How often the records read so far are told while a file's total is not known.
READ_STEP = 10_000
# Records above which an import does not work out what importing it again would do (it
# would read all their provenance back): such an export is checked record by record again.
AGAIN_MAX = 200_000
# Address books of this many records to match or more are written in chunks of CHUNK
# records, in the same transaction: memory then holds, of each person written, the profile
# that later records are matched against, not their rows (see `_write`).
CHUNKED_FROM = 50_000
CHUNK = 5_000
# The ids of the rows an import created, by model label: 8 bytes an id, not 40 (an int and
# the list's pointer to it), three to five rows a record.
_Created = dict[str, "array[int]"]
BLOCKS = ("people", "companies", "employments", "conversations", "invitations", "positions")


@dataclass
class ImportResult:
    batch: ImportBatch
    counts: dict[str, dict[str, int]]
    review: int = 0  # pairs queued for the user to decide
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The first people created, merged and skipped, with why (see ImportState.list_person).
    people_listed: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # The import whose files these were, byte for byte, when nothing was left to do.
    unchanged_since: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The `rapport import --json` object."""
        return {
            "batch": self.batch.pk,
            **self.counts,
            "review": self.review,
            "errors": self.errors,
            "warnings": self.warnings,
            "people_listed": self.people_listed,
            "unchanged_since": self.unchanged_since,
        }


class _Ticker:
    """Calls `progress(done, total)` about a hundred times over the whole import."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        self.step = max(1, total // 100)

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.step == 0:
            self.progress(self.done, self.total)

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None and count:
            self.progress(self.done, self.total)

    def reading(self) -> Callable[[], None]:
        """A tick for each record read while the total is not known (see `Progress`)."""
        read = 0

        def tick() -> None:
            nonlocal read
            read += 1
            if self.progress is not None and read % READ_STEP == 0:
                self.progress(read, 0)

        return tick

    def grow(self, count: int) -> None:
        """`count` more to do than said at first (a file's records counted as read)."""
        self.total += count
        self.step = max(1, self.total // 100)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def import_source(
    *,
    owner: User,
    parsed: ParsedSource,
    files: list[str],
    progress: Progress | None = None,
    digest: str = "",
) -> ImportResult:
    """Import what a parser read, for `owner`, in one transaction (any error: no change).

    `digest`: the files' (reimport.files_digest), when the next import of the same files
    may be recognised by it (see `import_unchanged`).

    A big address book (CHUNKED_FROM records or more to match) is written in chunks, and
    its records are taken out of `parsed.contacts` as they are applied, to be freed,
    unless they are needed for `again` (a digest, AGAIN_MAX records or fewer).
    """
    if parsed.kind not in ImportKind.values:
        raise ValueError(f"Unknown import kind {parsed.kind!r}.")
    ticker = _Ticker(progress, _size(parsed))
    # The import's own rows are freed (by reference counting) before collections resume.
    with gc_paused(), _roomy_page_cache():
        result = _import(owner, parsed, files, ticker, digest)
    ticker.finish()
    return result


def import_unchanged(*, owner: User, kind: str, digest: str) -> ImportResult | None:
    """The import of files that an earlier import read byte for byte, when importing them
    again is provably nothing to do (see reimport.py): its outcome, told without reading
    them, on a batch of its own. None: they must be imported (`import_source`)."""
    with transaction.atomic():
        since = unchanged_since(owner.pk, kind, digest)
        if since is None:
            return None
        again = since.again or {}
        if not _nobody_named(owner, since, again.get("retry") or []):
            return None
        batch = ImportBatch.objects.create(
            owner=owner, kind=kind, files=since.files, exported_on=since.exported_on,
            counts=again["counts"], files_digest=digest, again=again,
            finished_at=timezone.now(),
        )  # fmt: skip
    return ImportResult(
        batch=batch,
        counts=again["counts"],
        warnings=[*again["warnings"], *_stale(batch)],
        people_listed=again["people_listed"],
        unchanged_since=again["since"],
    )


def _import(
    owner: User, parsed: ParsedSource, files: list[str], ticker: _Ticker, digest: str
) -> ImportResult:
    told = [*parsed.warnings]  # the parser's (the import may add some)
    # The search index is refreshed, and the owner's data version bumped, once for all the
    # rows written, not row by row.
    with transaction.atomic(), search_index_batch(), data_version_held(owner.pk):
        batch = ImportBatch.objects.create(
            owner=owner, kind=parsed.kind, files=files, exported_on=_exported_on(parsed)
        )
        today = batch.exported_on or timezone.localdate()
        state = state_begin(owner=owner, batch=batch, today=today, region=phone_region())
        # Worked out now: the records may be let go of while they are applied.
        again = bool(digest) and not parsed.companies and _size(parsed) <= AGAIN_MAX
        again = again and parsed.reread is None
        created: _Created = {}
        _apply(state, parsed, ticker, created, keep=again)
        counts = _counts(state, parsed)
        review = state.reviews + len(state.pending.candidates)
        _write(state, created)
        if state.chunked:  # a big import's largest part, let go of before the ids are listed
            state.matching_done()
        batch.created_rows = {label: ids.tolist() for label, ids in created.items()}
        batch.counts = counts
        batch.finished_at = timezone.now()
        if digest:
            batch.files_digest = digest
            batch.again = _again(state, parsed, told) if again else None
        batch.save(
            update_fields=[
                *("created_rows", "counts", "finished_at", "updated_at"),
                *("files_digest", "again"),
            ]
        )
    return ImportResult(
        batch=batch,
        counts=counts,
        review=review,
        errors=state.errors,
        warnings=[*parsed.warnings, *skips_told(state), *state.warnings, *_stale(batch)],
        people_listed=state.people_listed,
    )


@contextmanager
def _roomy_page_cache() -> Iterator[None]:
    """A larger SQLite page cache (64 MiB) while an import writes: its inserts land all over
    the indexes of tables of 30,000 rows, and the default 2 MiB keeps few of their pages."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _apply(
    state: ImportState, parsed: ParsedSource, ticker: _Ticker, created: _Created, *, keep: bool
) -> None:
    """`keep`: leave the records in `parsed` (`_again` reads them)."""
    if parsed.reread is not None:
        _apply_reread(state, parsed, ticker, created)
        return
    todo = unchanged_skip(state, parsed)
    ticker.advance(_size(parsed) - _size(todo))
    state.spellings = preferred_spellings(
        [c.company for c in todo.contacts]
        + [p.company for p in todo.positions]
        + [c.name for c in todo.companies]
    )
    organisations_apply(state, todo.companies, ticker.tick)
    if todo.contacts or todo.messages or todo.invitations:
        people_load(state)
    hints = invitation_hints(parsed.invitations)
    if not _chunked(todo):
        contacts_apply(state, todo.contacts, hints, ticker.tick)
    else:
        state.chunked = True
        state.index.forget_crowds()  # never asked `by_key`: no invitations
        let_go = not keep and todo.contacts is not parsed.contacts
        if let_go:
            parsed.contacts = []
        contacts_apply(state, todo.contacts, hints, _writing(state, ticker, created), let_go=let_go)
    if todo.messages:
        cast = user_identities(state, parsed)  # from all threads, not just the new
        messages_apply(state, todo.messages, cast, ticker.tick)
    invitations_apply(state, todo.invitations, ticker.tick)
    positions_apply(state, todo.positions, ticker.tick)


def _apply_reread(
    state: ImportState, parsed: ParsedSource, ticker: _Ticker, created: _Created
) -> None:
    """An address book too big to hold (`ParsedSource.reread`), read twice: first for what
    the whole file decides (which records need work, the spellings of new companies, the
    numbers that three people or more share), then record by record as it is applied."""
    assert parsed.reread is not None
    first = _first_pass(state, parsed.reread(parsed), ticker.reading())
    parse_skips_told(parsed)  # as `parse` tells them, now that the file has been read
    ticker.grow(len(first.marks) + len(parsed.companies))
    ticker.advance(len(first.marks) - first.todo)
    spellings = [*first.employers.elements(), *(c.name for c in parsed.companies)]
    state.spellings = preferred_spellings(spellings)
    organisations_apply(state, parsed.companies, ticker.tick)
    if not first.todo:
        return
    people_load(state)
    hints = invitation_hints(parsed.invitations)
    again = parsed.reread(ParsedSource(kind=parsed.kind))  # its tallies were taken above
    records = compress(again, first.marks)
    if first.todo < CHUNKED_FROM:
        contacts_apply(state, list(records), hints, ticker.tick)
        return
    state.chunked = state.deduped = True
    state.index.forget_crowds()
    contacts_stream_apply(state, records, first.crowded, hints, _writing(state, ticker, created))


@dataclass
class _FirstPass:
    marks: bytearray  # one a record, in file order: 1 if it needs work
    todo: int  # records that do
    employers: Counter[str]  # their company names, as written
    crowded: set[str]  # the phone keys they give to three people or more


def _first_pass(
    state: ImportState, records: Iterator[ContactRecord], tick: Callable[[], None]
) -> _FirstPass:
    """What the whole file decides, holding no record (`unchanged_skip` and `contacts_apply`
    work it out from the records when they are held)."""
    marks, seen, employers = bytearray(), set[str](), Counter[str]()
    cards: list[tuple[tuple[str, str, str], tuple[str, ...]]] = []
    for record in records:
        tick()
        todo = contact_todo(state, record, seen)
        marks.append(todo)
        if not todo:
            continue
        employers[record.company] += 1
        if phones := record_phone_keys(state, record):
            cards.append(((record.full_name, record.first_name, record.last_name), (*phones,)))
    crowded = crowded_numbers(cards, lambda names: name_parts(*names))
    return _FirstPass(marks, sum(marks), employers, crowded)


def _chunked(todo: ParsedSource) -> bool:
    """Whether to write in chunks: an address book (a LinkedIn export's other blocks read
    its people as they are) with enough records to match."""
    others = todo.messages or todo.invitations or todo.positions
    return not others and len(todo.contacts) >= CHUNKED_FROM


def _writing(state: ImportState, ticker: _Ticker, created: _Created) -> Callable[[], None]:
    """A tick that writes what is pending every CHUNK records."""
    done = 0

    def tick() -> None:
        nonlocal done
        ticker.tick()
        done += 1
        if done % CHUNK == 0:
            _write(state, created)
            state.pending = Pending()

    return tick


def _write(state: ImportState, created: _Created) -> None:
    """Write what is pending (adding the ids of the rows created to `created`); when
    writing in chunks, let go of the rows, and of this import's people but their profile."""
    pending = state.pending
    for label, pks in flush(state).items():
        if pks:
            state.first_pk.setdefault(label, min(pks))
            created.setdefault(label, array("q")).extend(pks)
    if not state.chunked:
        return
    state.reviews += len(pending.candidates)
    # Pairs proposed with someone unwritten are known by their ids now.
    ids = {-id(person): person.pk for person in pending.people}
    for pair in state.proposed_unwritten:
        state.proposed.discard(pair)
        a, b = pair
        state.proposed.add(pair_of(ids.get(a, a), ids.get(b, b)))
    state.proposed_unwritten = []
    state.company_at = {c.pk: c for c in state.companies.values()}
    read_back = partial(entry_read_back, state)
    for entry in state.held:
        entry.written(read_back)
    state.held = []


def _again(state: ImportState, parsed: ParsedSource, told: list[str]) -> dict[str, Any] | None:
    """What importing the same records again would do, once these are written, if that
    is nothing (None: something): worked out as a re-import would, from the provenance."""
    if parsed.companies:  # an organisation's card fills what the user may have cleared
        return None
    if _size(parsed) > AGAIN_MAX:  # its provenance read again would hold as much again
        return None
    batch = state.batch
    again = state_begin(owner=state.owner, batch=batch, today=state.today, region=state.region)
    todo = unchanged_skip(again, parsed)
    if todo.contacts or todo.messages:
        return None
    # Invitations with a note that reached nobody are tried again each time: nothing to
    # do while they still name nobody (checked again before skipping).
    retry = [counterpart(invitation) for invitation in todo.invitations]
    if retry:
        people_named_load(again, retry)
        invitations_apply(again, todo.invitations, lambda: None)
    positions_apply(again, todo.positions, lambda: None)
    if not _nothing_written(again):
        return None
    counts = _counts(again, parsed)
    return {
        "since": batch.pk,
        "fingerprint": fingerprint(state.owner_id, batch.kind),
        "counts": counts,
        "warnings": [*told, *skips_told(again), *again.warnings],
        "people_listed": again.people_listed,
        "retry": retry,
    }


def _nothing_written(state: ImportState) -> bool:
    """Nothing but the provenance of invitations that went nowhere, again."""
    pending = state.pending
    records = pending.records
    if any(r.outcome != RecordOutcome.SKIPPED for r in records) or state.errors:
        return False
    return not any(getattr(pending, f.name) for f in fields(pending) if f.name != "records")


def _nobody_named(owner: User, batch: ImportBatch, who: list[list[str]]) -> bool:
    """Whether these (name, profile URL) still name nobody among the owner's people."""
    if not who:
        return True
    state = ImportState(owner=owner, batch=batch, today=timezone.localdate(), region="")
    pairs = [(name, url) for name, url in who]
    people_named_load(state, pairs)
    return all(entry_find(state, name, url)[0] is None for name, url in pairs)


def _exported_on(parsed: ParsedSource) -> dt.date | None:
    """The day the data is from, when the export says (never later than today).

    Otherwise it is taken to be from today, the day that dates the moves it shows.
    """
    return min(parsed.exported_on, timezone.localdate()) if parsed.exported_on else None


def _stale(batch: ImportBatch) -> list[str]:
    newer = batch.superseded_on
    if newer is None:
        return []
    return [
        f"This export is from {batch.exported_on}, older than one imported before "
        f"({newer}): it added what was missing, but changed nobody's job."
    ]


def _size(parsed: ParsedSource) -> int:
    return (
        len(parsed.contacts)
        + len(parsed.companies)
        + len(parsed.messages)
        + len(parsed.invitations)
        + len(parsed.positions)
    )


def _counts(state: ImportState, parsed: ParsedSource) -> dict[str, dict[str, int]]:
    by_kind = parsed.skipped_by_kind
    if by_kind:  # rows the parser dropped, told apart by the list they would have joined
        pairs = (("contacts", "people"), ("invitations", "invitations"), ("positions", "positions"))
        for kind, block in pairs:
            state.tally(block).skipped += by_kind.get(kind, 0)
    else:
        state.tally("people").skipped += parsed.skipped
    companies = state.tally("companies")
    updated = state.companies_touched["updated"]
    companies.updated = len(updated)
    companies.unchanged = len(state.companies_touched["seen"] - updated)
    return {block: state.tally(block).as_dict() for block in BLOCKS}
