"""Import provenance: where each person and fact came from, and how to take it back.

A batch is one run of `rapport import`. Its records say which source record produced or
touched which rows (so a re-import recognises them), its merges say why two people became
one (so a merge can be explained and reversed), and its journal says what it changed
(so the whole batch can be undone).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.db import models

from rapport.core.models import OwnedModel


class ImportKind(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn export"
    VCARD = "vcard", "vCard address book"
    CSV = "csv", "Address-book CSV"
    ICS = "ics", "Calendar file"
    CALENDAR = "calendar", "Subscribed calendar"
    MBOX = "mbox", "Mail archive (mbox)"
    IMAP = "imap", "Mail account (IMAP)"


class BatchStatus(models.TextChoices):
    DONE = "done", "Imported"
    UNDONE = "undone", "Undone"


class ImportBatch(OwnedModel):
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    files = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=BatchStatus.choices, default=BatchStatus.DONE)
    counts = models.JSONField(default=dict)
    # {"app_label.Model": [pk, ...]}: the rows that exist because of this batch. One JSON
    # value instead of one journal row per created object keeps a 30,000-row import fast.
    created_rows = models.JSONField(default=dict)
    # When its writes ended: a row it created and changed after this was worked on since.
    finished_at = models.DateTimeField(null=True, blank=True)
    # {"linkedin": profile key, "name": name}: the user's own LinkedIn identity, when this
    # batch's messages showed it for certain; later imports of fewer threads rely on it.
    user_identity = models.JSONField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # The day its data is from, when the export says (a LinkedIn zip's own date; never
    # after the day it was imported): an export older than one imported before it of the
    # same kind records no moves (see `superseded_on`).
    exported_on = models.DateField(null=True, blank=True)
    # A digest of the files' bytes, and what importing them again would do while nothing
    # they touched has changed (see imports/reimport.py): an unchanged export is then
    # recognised without being read. Empty: not recognisable so (e.g. an upload).
    files_digest = models.CharField(max_length=64, blank=True, db_index=True)
    again = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import #{self.pk} ({self.get_status_display()})"

    @property
    def can_undo(self) -> bool:
        return self.status == BatchStatus.DONE

    @cached_property
    def superseded_on(self) -> dt.date | None:
        """The date of the newest export of the same kind imported before this one (and not
        undone), when it is newer than this one's; None when this one is the newest, or
        either date is unknown. An import reads it once (it is cached).

        Such an export is stale: it adds people, details and conversations, and fills what
        is empty, but what the newer export said about anyone's job stands (jobs.py).
        """
        if self.exported_on is None or self.pk is None:
            return None
        newer = ImportBatch.objects.filter(
            owner_id=self.owner_id,
            kind=self.kind,
            status=BatchStatus.DONE,
            pk__lt=self.pk,
            exported_on__gt=self.exported_on,
        )
        newest: dt.date | None = newer.aggregate(newest=models.Max("exported_on"))["newest"]
        return newest


class RecordType(models.TextChoices):
    CONTACT = "contact", "Contact"
    THREAD_DAY = "thread_day", "A day of a message thread"
    INVITATION = "invitation", "Invitation"
    POSITION = "position", "Your own position"


class RecordOutcome(models.TextChoices):
    CREATED = "created", "Created"
    MERGED = "merged", "Merged into an existing person"
    UPDATED = "updated", "Updated"
    SKIPPED = "skipped", "Nothing to apply"


class ImportRecord(OwnedModel):
    """One source record, and what it produced or touched in the batch that read it.

    A record gets a row in the batch that first saw it and in every later batch where it
    changed something; the newest row is the record's current provenance.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    source = models.CharField(max_length=10, choices=ImportKind.choices)
    record_type = models.CharField(max_length=12, choices=RecordType.choices)
    source_key = models.CharField(max_length=500)
    file = models.CharField(max_length=500, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=RecordOutcome.choices)
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="import_records"
    )
    # Not indexed: only followed when the row they point at is deleted, and an import
    # writes these rows by the ten thousand (each index costs on every insert).
    employment = models.ForeignKey(
        "companies.Employment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # What a contact record said about the person's job (company and title): the next
    # import of the same record compares with this to see whether they moved.
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    title = models.CharField(max_length=200, blank=True)
    # A fingerprint of the record's content: the same record, unchanged, is skipped whole.
    digest = models.CharField(max_length=32, blank=True)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    merge = models.ForeignKey(
        "Merge", null=True, on_delete=models.SET_NULL, related_name="records", db_index=False
    )

    class Meta:
        ordering = ["pk"]
        # Imports read all of an owner's provenance at once: the owner index serves them.
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "record_type", "source_key"], name="import_record_once_per_batch"
            )
        ]

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{self.get_record_type_display()} from {where or self.source}"


class ImportChange(OwnedModel):
    """A row that existed before the batch and that the batch changed: what it was before."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    model = models.CharField(max_length=100)  # "people.Person"
    object_id = models.BigIntegerField()
    # {"field": [value before, value the import set]}: undo restores a field only if it
    # still holds what the import set, so later edits by the user survive.
    fields = models.JSONField(default=dict)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.model} #{self.object_id}: {', '.join(self.fields)}"


class ChangeEvent(OwnedModel):
    """Someone changed jobs, as a newer export showed: "Ana moved to Stripe as EM"."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="job_changes"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="job_changes"
    )
    occurred_on = models.DateField()
    old_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_title = models.CharField(max_length=200, blank=True)
    new_company = models.ForeignKey(
        "companies.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_title = models.CharField(max_length=200, blank=True)
    old_employment = models.ForeignKey(
        "companies.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_employment = models.ForeignKey(
        "companies.Employment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["owner", "-occurred_on"])]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        if self.new_company_id and self.old_company_id == self.new_company_id:
            return f"{self.person} is now {self.new_title} at {self.new_company}"
        role = f" as {self.new_title}" if self.new_title else ""
        return f"{self.person} moved to {self.new_company}{role}"


class Merge(OwnedModel):
    """Two people became one: `absorbed` (a stored person or an incoming record) went into
    `survivor`. Holds what is needed to split them again."""

    survivor = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="merges")
    absorbed_pk = models.BigIntegerField(null=True, blank=True)  # None: it was never stored
    absorbed_name = models.CharField(max_length=300)
    absorbed = models.JSONField(default=dict)  # the absorbed person's own fields
    # {"app_label.Model.field": [pk, ...]}: rows that pointed at the absorbed person (or were
    # made from the absorbed record) and now point at the survivor.
    moved = models.JSONField(default=dict)
    # Serialized rows deleted because the survivor already had the same (a shared tag,
    # a conversation both were in); recreated on undo.
    dropped = models.JSONField(default=list)
    filled = models.JSONField(default=dict)  # survivor's {"field": [before, after]}
    evidence = models.JSONField(default=dict)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.absorbed_name} merged into {self.survivor}"


class KeepApart(OwnedModel):
    """Two people the user said are different: never merged or proposed again."""

    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person_a", "person_b"], name="keep_apart_unique_pair"
            ),
            # One row per pair, whichever way round it was decided.
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="keep_apart_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ≠ {self.person_b}"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    MERGED = "merged", "Merged"
    KEPT_APART = "kept_apart", "Kept apart"


class MergeCandidate(OwnedModel):
    """A pair that may be one person; matching was not sure enough to merge on its own."""

    # SET_NULL: deciding a candidate deletes one of its people, and the decision stays.
    person_a = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_b = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    score = models.FloatField()
    evidence = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    merge = models.ForeignKey(
        Merge, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person_a", "person_b"],
                condition=models.Q(status="pending"),
                name="merge_candidate_unique_pending_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ≟ {self.person_b} ({self.score:.0f})"


class Position(OwnedModel):
    """One of the user's own jobs (LinkedIn Positions.csv): later, former-colleague paths."""

    # None: a job LinkedIn lists without a company (freelance, a career break).
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="own_positions",
        null=True,
        blank=True,
    )
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)  # None: current
    source_key = models.CharField(max_length=500)

    class Meta:
        ordering = [models.F("started_on").desc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_key"], name="position_unique_source_per_owner"
            )
        ]

    def __str__(self) -> str:
        if self.company is None:
            return self.title
        return f"{self.title} at {self.company}" if self.title else str(self.company)

    @property
    def is_current(self) -> bool:
        return self.finished_on is None


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    PREVIEWING = "previewing", "Reading the file"
    READY = "ready", "Ready to import"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class ImportJob(OwnedModel):
    """A file uploaded on the import page: previewed, then imported, in the background."""

    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    stored_path = models.CharField(max_length=1000)  # under DATA_DIR/uploads/<owner id>/
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=dict)  # import_source's counts, had it been kept
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {JobStatus.QUEUED, JobStatus.PREVIEWING, JobStatus.IMPORTING}
