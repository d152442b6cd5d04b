"""Writes of what a student shares about a company with their cohort (#18), opt-in per item.

A share carries only what the student typed into it, the company's name and key: never their
notes, people or conversations. Sharing, editing and retracting are each logged with
`audit_record`; retracting deletes the share, so it is gone from every page at once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction, Cohort, CohortShare, Role, ShareKind
from rapport.cohorts.services import audit_record
from rapport.companies.models import ApplyOrder, Company

TEXT_LIMIT = 4000


def protocol_text(*, company: Company) -> str:
    """The company's referral protocol as a starting text for a share.

    Only the channel, the order and the steps: never whom the student learned it from.
    """
    lines = []
    if company.referral_channel:
        lines.append(f"Channel: {company.referral_channel}")
    if company.referral_apply_order != ApplyOrder.UNKNOWN:
        lines.append(f"Apply: {company.get_referral_apply_order_display()}")
    if company.referral_steps:
        lines.append(f"Steps: {company.referral_steps}")
    return "\n".join(lines)


def sharing_cohorts(*, user: User) -> list[Cohort]:
    """The cohorts a user may share with: a student's own (coaches and admins share nothing)."""
    return list(
        Cohort.objects.filter(members__user=user, members__role=Role.STUDENT).order_by("name")
    )


def _clean(kind: str, text: str, reason: str) -> tuple[str, str]:
    text, reason = text.strip(), reason.strip()
    errors: dict[str, str] = {}
    if kind not in ShareKind.values:
        errors["kind"] = "Choose what you share: a referral protocol, an insight, a "
        errors["kind"] += "recommendation or a warning."
    if not text:
        errors["text"] = "Write what you want your cohort to know."
    elif len(text) > TEXT_LIMIT:
        errors["text"] = f"Keep it under {TEXT_LIMIT} characters (this is {len(text)})."
    if kind == ShareKind.WARNING and not reason:
        errors["reason"] = "A warning needs a reason: say why to avoid the company."
    elif len(reason) > TEXT_LIMIT:
        errors["reason"] = f"Keep it under {TEXT_LIMIT} characters (this is {len(reason)})."
    if errors:
        raise ValidationError(errors)
    return text, reason


def _describe(share: CohortShare) -> str:
    who = "named" if share.named else "anonymously"
    return (
        f"{share.get_kind_display()} about {share.company_name}, with {share.cohort.name} ({who})"
    )


@transaction.atomic
def share_create(
    *,
    sharer: User,
    company: Company,
    cohort: Cohort,
    kind: str,
    text: str,
    reason: str = "",
    named: bool = True,
) -> CohortShare:
    """Share something about one of the sharer's companies with one of their cohorts."""
    if company.owner_id != sharer.pk:
        raise ValidationError("You can only share about your own companies.")
    if cohort not in sharing_cohorts(user=sharer):
        raise ValidationError({"cohort": "You can only share with a cohort you are a student in."})
    text, reason = _clean(kind, text, reason)
    share = CohortShare.objects.create(
        sharer=sharer,
        cohort=cohort,
        company=company,
        company_key=company.name_key,
        company_name=company.name,
        kind=kind,
        text=text,
        reason=reason if kind == ShareKind.WARNING else "",
        named=named,
    )
    audit_record(subject=sharer, actor=sharer, action=AuditAction.SHARED, detail=_describe(share))
    return share


@transaction.atomic
def share_update(
    *, share: CohortShare, kind: str, text: str, reason: str = "", named: bool = True
) -> CohortShare:
    """Change what a share says, or whether it is named; its cohort and company stay."""
    text, reason = _clean(kind, text, reason)
    share.kind, share.text, share.named = kind, text, named
    share.reason = reason if kind == ShareKind.WARNING else ""
    share.save()
    audit_record(
        subject=share.sharer,
        actor=share.sharer,
        action=AuditAction.SHARE_EDITED,
        detail=_describe(share),
    )
    return share


@transaction.atomic
def share_retract(*, share: CohortShare) -> None:
    """Take a share back: it is deleted, so no member sees it anywhere any more."""
    detail = _describe(share)
    sharer = share.sharer
    share.delete()
    audit_record(subject=sharer, actor=sharer, action=AuditAction.SHARE_RETRACTED, detail=detail)
