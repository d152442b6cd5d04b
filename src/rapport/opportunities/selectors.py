"""Reads about opportunities, always scoped to one owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from rapport.accounts.models import User
from rapport.opportunities.models import CLOSED_STAGES, Opportunity, Stage

OPEN_STAGES = [stage for stage in Stage if stage not in CLOSED_STAGES]


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    opportunities: list[Opportunity]


@dataclass(frozen=True)
class Board:
    columns: list[BoardColumn]  # one per open stage, in pipeline order
    closed: list[BoardColumn]  # accepted, rejected, withdrawn
    stage: str = ""  # the stage filter ("" shows every stage)

    @property
    def is_empty(self) -> bool:
        return not any(column.opportunities for column in self.columns + self.closed)

    @property
    def every_column(self) -> list[BoardColumn]:
        return self.columns + self.closed

    @property
    def shown_columns(self) -> list[BoardColumn]:
        return [c for c in self.columns if not self.stage or c.stage == self.stage]

    @property
    def shown_closed(self) -> list[BoardColumn]:
        return [c for c in self.closed if not self.stage or c.stage == self.stage]


def opportunity_board(*, owner: User, stage: str = "") -> Board:
    """Every opportunity of the owner by stage, most recently moved first (one query);
    `stage` (a Stage value) picks the column to show, as the phone's stacked board does."""
    rows = list(
        # The company's owner said too: PostgreSQL then joins the owner's companies only.
        Opportunity.objects.filter(owner=owner, company__owner=owner)
        .select_related("company", "source_person", "referrer")
        .order_by("-stage_changed_at", "-pk")
    )

    def column(stage: Stage) -> BoardColumn:
        return BoardColumn(stage, [o for o in rows if o.stage == stage])

    closed = [stage for stage in Stage if stage in CLOSED_STAGES]
    return Board(
        columns=[column(stage) for stage in OPEN_STAGES],
        closed=[column(stage) for stage in closed],
        stage=stage if stage in Stage.values else "",
    )


def opportunity_get(*, owner: User, pk: int) -> Opportunity:
    opportunity = (
        Opportunity.objects.filter(owner=owner, pk=pk)
        .select_related(
            "company__referral_learned_from",
            "source_person",
            "source_conversation",
            "referrer",
        )
        .first()
    )
    if opportunity is None:
        raise Http404("No such opportunity.")
    return opportunity
