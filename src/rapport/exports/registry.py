"""Every model that holds a user's data, in the order an import or a restore creates them.

One list drives the JSON export, its import and the PostgreSQL backup. A new model that
holds user data is one more `Section` here; tests/exports fails until it is listed (or
deliberately left out in NOT_EXPORTED).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from rapport.capture.models import CaptureSettings, Source, Suggestion
from rapport.companies.models import Company, CompanyAlias, CompanyMerge, Employment
from rapport.conversations.models import Conversation, Introduction, Meeting, Outcome, Touch
from rapport.core.text import fold, linkedin_key
from rapport.exports.codecs import (
    Codec,
    FieldChanges,
    FieldValues,
    KeyRefs,
    RowId,
    RowsByLabel,
    SerializedRows,
)
from rapport.imports.models import (
    ChangeEvent,
    ImportBatch,
    ImportChange,
    ImportRecord,
    KeepApart,
    Merge,
    MergeCandidate,
    Position,
)
from rapport.network.models import Acquaintance, IntroductionRequest
from rapport.opportunities.models import Opportunity
from rapport.outreach.models import Attempt, Motivation
from rapport.people.models import ContactPoint, Person, Tag
from rapport.people.services import contact_key
from rapport.playbook.models import FollowUp, NudgeState, PlaybookSettings
from rapport.postings.models import Posting
from rapport.postings.urlkeys import url_key


@dataclass(frozen=True)
class Section:
    """One model in the export: its rows are listed under `name`, with ids "<kind>:<n>"."""

    name: str
    kind: str
    model: type[models.Model]
    # Left out of the file: keys computed from other fields (recomputed on import by
    # `derive`, so a hand-edited file cannot carry a stale key) and secrets.
    omitted: tuple[str, ...] = ()
    derive: Callable[[Any], None] | None = None
    # Fields holding primary keys as plain values, translated to and from file ids.
    codecs: Mapping[str, Codec] = field(default_factory=dict)

    def fields(self) -> list[models.Field[Any, Any]]:
        """The concrete fields written to the file: all but the id, the owner and omitted."""
        skipped = {"owner", *self.omitted}
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name not in skipped
        ]

    def many_to_many(self) -> list[models.ManyToManyField[Any, Any]]:
        return [f for f in self.model._meta.many_to_many if isinstance(f, models.ManyToManyField)]


def _person_keys(person: Person) -> None:
    person.name_key = fold(person.full_name)
    person.linkedin_key = linkedin_key(person.linkedin_url)


def _contact_point_key(point: ContactPoint) -> None:
    point.value_key = contact_key(point.kind, point.value)


def _company_key(company: Company) -> None:
    company.set_name_key()


def _posting_keys(posting: Posting) -> None:
    posting.source_key = url_key(posting.source_url)
    posting.apply_key = url_key(posting.apply_url)


_NUDGE_SUBJECTS: dict[str, type[models.Model]] = {
    "person": Person,
    "company": Company,
    "conversation": Conversation,
    "opportunity": Opportunity,
    "introduction": Introduction,
    "event": ChangeEvent,
    "attempt": Attempt,
}

# Ordered so that every required foreign key points at an earlier section; optional ones
# pointing later are filled in once all rows exist. Fields with codecs may only point at
# earlier sections, hence merges last: their history can name rows of any kind.
SECTIONS: tuple[Section, ...] = (
    Section("tags", "tag", Tag),
    Section("people", "person", Person, ("name_key", "linkedin_key"), _person_keys),
    Section("contact_points", "contact_point", ContactPoint, ("value_key",), _contact_point_key),
    Section("conversations", "conversation", Conversation),
    Section("companies", "company", Company, ("name_key",), _company_key),
    Section("company_aliases", "company_alias", CompanyAlias),
    Section("employments", "employment", Employment),
    Section("opportunities", "opportunity", Opportunity),
    Section("postings", "posting", Posting, ("source_key", "apply_key"), _posting_keys),
    Section("outcomes", "outcome", Outcome),
    Section("introductions", "introduction", Introduction),
    # Captured from calendar and mail (rapport.capture): what the mail and meetings showed,
    # the sources (never their passwords) and the suggestions with the user's answers.
    Section("touches", "touch", Touch),
    Section("meetings", "meeting", Meeting),
    Section("capture_sources", "capture_source", Source, ("secret",)),
    Section("suggestions", "suggestion", Suggestion),
    Section("capture_settings", "capture_settings", CaptureSettings),
    # Who knows whom, and introductions asked for (rapport.network)
    Section("acquaintances", "acquaintance", Acquaintance),
    Section("introduction_requests", "introduction_request", IntroductionRequest),
    # Messages sent to get a conversation, and the target list's motivation (rapport.outreach)
    Section("outreach_attempts", "outreach_attempt", Attempt),
    Section("motivations", "motivation", Motivation),
    # Import provenance (rapport.imports)
    Section("positions", "position", Position),
    Section("import_batches", "import_batch", ImportBatch, codecs={"created_rows": RowsByLabel()}),
    Section("import_records", "import_record", ImportRecord),
    Section(
        "import_changes",
        "import_change",
        ImportChange,
        codecs={
            "object_id": RowId(model_field="model", missing=0),
            "fields": FieldChanges(model_field="model"),
        },
    ),
    Section("change_events", "change_event", ChangeEvent),
    Section("keep_apart", "keep_apart", KeepApart),
    Section("merge_candidates", "merge_candidate", MergeCandidate),
    # The playbook (rapport.playbook)
    Section("follow_ups", "follow_up", FollowUp),
    Section("nudge_states", "nudge_state", NudgeState, codecs={"key": KeyRefs(_NUDGE_SUBJECTS)}),
    Section("playbook_settings", "playbook_settings", PlaybookSettings, ("feed_token",)),
    # Merge history (rapport.imports)
    Section(
        "merges",
        "merge",
        Merge,
        codecs={
            "absorbed_pk": RowId(model=Person),
            "absorbed": FieldValues(Person),
            "moved": RowsByLabel(),
            "dropped": SerializedRows(),
            "filled": FieldChanges(Person),
        },
    ),
    # The user's merges of companies (rapport.companies)
    Section(
        "company_merges",
        "company_merge",
        CompanyMerge,
        codecs={
            "absorbed_pk": RowId(model=Company),
            "absorbed": FieldValues(Company),
            "moved": RowsByLabel(),
            "dropped": SerializedRows(),
            "filled": FieldChanges(Company),
            "alias_pk": RowId(model=CompanyAlias),
        },
    ),
)

# Models with an owner that are deliberately not part of a user's export: uploads in flight;
# QuickLogKey only remembers which sends of a quick log were seen, so that a phone's queue
# sends each once; API tokens are credentials of this installation (a restored account makes
# new ones).
# An offer to introduce a contact is consent given to a career centre's cohort: a file
# restored elsewhere must not give it again without the student.
NOT_EXPORTED: frozenset[str] = frozenset(
    {"imports.ImportJob", "playbook.QuickLogKey", "api.ApiToken", "cohorts.IntroOffer"}
)


def section_for(model: type[models.Model]) -> Section:
    for section in SECTIONS:
        if section.model is model:
            return section
    raise LookupError(f"{model._meta.label} is not in the export registry")


def target_model(field: models.Field[Any, Any]) -> type[models.Model]:
    """The model a foreign key or many-to-many field points at."""
    related = field.related_model
    assert isinstance(related, type), field
    return related


def link_model(field: models.ManyToManyField[Any, Any]) -> type[models.Model]:
    """The table holding a many-to-many field's links."""
    through = field.remote_field.through
    assert isinstance(through, type), field
    return through
