"""A career centre in server mode: cohorts, who is a student, coach or admin, and what members
choose to share with each other and with their coaches.

Nothing here is shared by default. Every row that lets someone else see something was made
by the student it is about (a share, an offer to introduce, a grant to a coach), and every
such act is logged as an `AuditEvent` that the student can read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    STUDENT = "student", "Student"
    COACH = "coach", "Coach"
    ADMIN = "admin", "Admin"


class Cohort(models.Model):
    """A group of students who search at the same time, and the coaches who coach them."""

    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A user's role in the career centre. A user without one uses Rapport on their own."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="member"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STUDENT)
    # The cohorts a student belongs to, or a coach coaches; an admin needs none.
    cohorts = models.ManyToManyField(Cohort, related_name="members", blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invite(models.Model):
    """A one-time link an admin sends to someone: opening it, they choose a password.

    Only a hash of the link's token is stored.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    username = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STUDENT)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invite for {self.username} ({self.get_role_display()})"

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class AuditAction(models.TextChoices):
    SHARED = "shared", "Shared with the cohort"
    SHARE_EDITED = "share_edited", "Edited a share"
    SHARE_RETRACTED = "share_retracted", "Retracted a share"
    OFFERED = "offered", "Offered to introduce a contact"
    OFFER_WITHDRAWN = "offer_withdrawn", "Withdrew an offer to introduce"
    INTRO_ASKED = "intro_asked", "Asked for an introduction"
    INTRO_ACCEPTED = "intro_accepted", "Accepted to introduce"
    INTRO_DECLINED = "intro_declined", "Declined to introduce"
    ASK_WITHDRAWN = "ask_withdrawn", "Withdrew a request for an introduction"
    GRANTED = "granted", "Let a coach see progress"
    REVOKED = "revoked", "Stopped a coach seeing progress"
    COACH_VIEWED = "coach_viewed", "A coach looked at progress"
    ASSIGNED = "assigned", "A coach set an assignment"
    ASSIGNMENT_DONE = "assignment_done", "Reported an assignment done"
    JOINED = "joined", "Joined the career centre"
    ROLE_CHANGED = "role_changed", "Role or cohort changed"
    DEACTIVATED = "deactivated", "Account deactivated"
    REACTIVATED = "reactivated", "Account reactivated"


class AuditEvent(models.Model):
    """One act that shares a student's data or looks at it, shown to that student.

    `subject` is whose data or consent the act concerns; `actor` who did it (the student,
    a coach, an admin). Rows are never edited; they go when the subject's account goes.
    """

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.detail}"


class ShareKind(models.TextChoices):
    PROTOCOL = "protocol", "How referrals work"
    INSIGHT = "insight", "Insight"
    RECOMMENDATION = "recommendation", "Recommendation"
    WARNING = "warning", "Warning"


class CohortShare(models.Model):
    """What a student chose to tell their cohort about a company.

    Companies are each user's own rows, so a share names its company by key
    (`Company.name_key`, the same for every spelling): every member's company with that key
    shows it. Retracting a share deletes it.
    """

    sharer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_shares"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="shares")
    company_key = models.CharField(max_length=200)
    company_name = models.CharField(max_length=200)
    # The sharer's own company the share was made from (gone if they delete it; the share stays).
    company = models.ForeignKey(
        "companies.Company", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ShareKind.choices)
    text = models.TextField()
    reason = models.TextField(blank=True, help_text="Why to avoid the company (warnings).")
    named = models.BooleanField(default=True, help_text="Show who shared it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["cohort", "company_key"], name="share_cohort_company"),
            models.Index(fields=["sharer", "-updated_at"], name="share_sharer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} about {self.company_name}"


class IntroOffer(models.Model):
    """A student's contact they are happy to introduce cohort members to.

    Members see the contact's name, company and title only: never their e-mail address,
    phone number or notes.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intro_offers"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "person"], name="intro_offer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.owner} will introduce {self.person}"


class IntroAskState(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed: the offer was withdrawn"


class IntroAsk(models.Model):
    """A cohort member asking the owner of an offer (the introducer) for an introduction.

    The offered person's name, company and title are kept as they were asked about: the
    ask outlives its offer (withdrawn, or the person deleted), and the requester still sees
    what they asked and the answer. A pending ask whose offer is gone counts as closed.
    """

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intro_asks"
    )
    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intro_asks_received"
    )
    offer = models.ForeignKey(
        IntroOffer, on_delete=models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    person_name = models.CharField(max_length=300)
    company_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    state = models.CharField(
        max_length=10, choices=IntroAskState.choices, default=IntroAskState.PENDING
    )
    reply = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the requester saw the answer (their introductions page); until then Today says it.
    answer_seen_at = models.DateTimeField(null=True, blank=True)
    # The requester's own person made from an accepted request, when they chose to add one.
    added_as = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["introducer", "state"], name="intro_ask_introducer"),
            models.Index(fields=["requester", "-created_at"], name="intro_ask_requester"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} asks {self.introducer} to introduce {self.person_name}"

    @property
    def is_open(self) -> bool:
        return self.state == IntroAskState.PENDING and self.offer_id is not None

    @property
    def shown_state(self) -> str:
        """The state as the people concerned read it (a pending ask whose offer went is closed)."""
        if self.state == IntroAskState.PENDING and self.offer_id is None:
            return IntroAskState.CLOSED.label
        return IntroAskState(self.state).label


class CoachGrant(models.Model):
    """A student letting one coach see their progress (counts and signals, never content).

    Revoking sets `revoked_at`; granting again clears it.
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_grants"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_grants"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "coach"], name="coach_grant_unique"),
        ]
        indexes = [models.Index(fields=["coach", "revoked_at"], name="coach_grant_coach")]

    def __str__(self) -> str:
        return f"{self.student} → coach {self.coach}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CoachLookSet(models.Model):
    """The students a coach's dashboard showed. Many looks show the same students: each look
    (`CoachLook`) is one row that names its set, and is in the log of every student in it."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # sha256 of the students' ids, sorted: finds the set of a look in one query.
    digest = models.CharField(max_length=64)
    students = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coach", "digest"], name="coach_look_set_unique"),
        ]

    def __str__(self) -> str:
        return f"students seen by {self.coach}"


class CoachLook(models.Model):
    """One look of a coach at their dashboard, shown in the log of each student it showed."""

    shown = models.ForeignKey(CoachLookSet, on_delete=models.CASCADE, related_name="looks")
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["shown", "-at"], name="coach_look_shown_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.detail}"


class Assignment(models.Model):
    """A task a coach sets a student ("talk to three alumni at a target this week").

    It appears among the student's nudges until they report it done.
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    report = models.TextField(blank=True, help_text="What the student says they did.")

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        indexes = [models.Index(fields=["student", "done_at"], name="assignment_student")]

    def __str__(self) -> str:
        return self.text
