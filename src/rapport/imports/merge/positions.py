"""The user's own work history (LinkedIn Positions.csv), kept as Position rows.

Former-colleague paths will start from these: someone who worked at one of your companies
while you did. A position is recognised on re-import by company, title and start date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rapport.core.text import fold
from rapport.imports.models import Position
from rapport.imports.parse.records import PositionRecord
from rapport.imports.session import ImportState, company_for
from rapport.imports.write.rows import clip


def position_key(company_key: str, title: str, record: PositionRecord) -> str:
    started = record.started_on.isoformat() if record.started_on else ""
    return clip(Position, "source_key", f"{company_key}|{fold(title)}|{started}")


def positions_apply(
    state: ImportState, records: list[PositionRecord], tick: Callable[[], None]
) -> None:
    for record in records:
        tick()
        position_apply(state, record)


def position_apply(state: ImportState, record: PositionRecord) -> None:
    """A job without a company (freelance, a career break) is kept, with its title."""
    tally = state.tally("positions")
    company = company_for(state, record.company)
    title = clip(Position, "title", record.title)
    key = position_key(company.name_key if company else "", title, record)
    position = state.positions.get(key)
    if position is None:
        position = Position(
            owner_id=state.owner_id,
            company=company,
            title=title,
            description=record.description.replace("\x00", "").strip(),
            location=clip(Position, "location", record.location),
            started_on=record.started_on,
            finished_on=_finished(record),
            source_key=key,
        )
        state.positions[key] = position
        state.pending.positions.append(position)
        tally.created += 1
    elif (
        position.finished_on != _finished(record)
        and position.pk is not None
        and state.batch.superseded_on is None  # an older export does not reopen a job
    ):
        # The job you held at the last export has ended since.
        state.journal(position, {"finished_on": [position.finished_on, _finished(record)]})
        position.finished_on = _finished(record)
        state.pending.positions_changed[position.pk] = position
        tally.updated += 1
    else:
        tally.unchanged += 1


def _finished(record: PositionRecord) -> dt.date | None:
    if record.finished_on and record.started_on and record.finished_on < record.started_on:
        return record.started_on
    return record.finished_on
