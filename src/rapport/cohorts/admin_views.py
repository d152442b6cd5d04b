"""The career centre's admin pages: cohorts, members, accounts and invitations.

Only members with the admin role see them; everyone else (students, coaches, users on their
own, local mode) gets 404, as for a page that does not exist.
"""

from __future__ import annotations

from smtplib import SMTPException

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.accounts.models import User
from rapport.cohorts import centre
from rapport.cohorts.admin_forms import CohortForm, InviteForm, MemberForm
from rapport.cohorts.invites import (
    INVITE_LIFETIME,
    InviteError,
    invite_create,
    invite_mail_possible,
    invite_mail_send,
    invite_url,
    invite_withdraw,
    invites_pending,
)
from rapport.cohorts.models import Cohort, Invite, Member, Role
from rapport.cohorts.selectors import member_get
from rapport.core.http import AuthedRequest

NEW_LINK_KEY = "cohorts_new_invite_link"
MEMBERS_PAGE_SIZE = 50  # a university career centre has thousands of accounts


def admin_required(request: AuthedRequest) -> Member:
    member = None if settings.LOCAL_MODE else member_get(user=request.user)
    if member is None or member.role != Role.ADMIN or not request.user.is_active:
        raise Http404("No such page.")
    return member


@login_required
@require_http_methods(["GET", "POST"])
def cohorts(request: AuthedRequest) -> HttpResponse:
    """The cohorts with their counts, and a new cohort."""
    admin_required(request)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = centre.cohort_create(name=form.cleaned_data["name"])
        except centre.CentreError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Cohort “{cohort.name}” created.")
            return redirect("cohorts:admin_cohorts")
    context = {"form": form, "cohorts": centre.cohorts_with_counts()}
    return render(
        request, "cohorts/admin/cohorts.html", context, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_detail(request: AuthedRequest, cohort_pk: int) -> HttpResponse:
    """One cohort: its members, and renaming it."""
    admin_required(request)
    cohort = get_object_or_404(Cohort, pk=cohort_pk)
    form = CohortForm(request.POST or None, initial={"name": cohort.name})
    if request.method == "POST" and form.is_valid():
        try:
            centre.cohort_rename(cohort=cohort, name=form.cleaned_data["name"])
        except centre.CentreError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Cohort renamed “{cohort.name}”.")
            return redirect("cohorts:admin_cohort", cohort_pk=cohort.pk)
    context = {"cohort": cohort, "form": form, "members": centre.members_list(cohort=cohort)}
    status = 422 if form.errors else 200
    return render(request, "cohorts/admin/cohort.html", context, status=status)


@login_required
@require_GET
def members(request: AuthedRequest) -> HttpResponse:
    admin_required(request)
    query = request.GET.get("q", "").strip()[:100]
    users = centre.members_find(query=query)
    page = Paginator(users, MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"members": centre.members_rows(page.object_list), "page": page, "query": query}
    return render(request, "cohorts/admin/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_detail(request: AuthedRequest, user_pk: int) -> HttpResponse:
    """One user: their role and cohort (to change), deactivating or deleting the account."""
    admin_required(request)
    user = get_object_or_404(User, pk=user_pk)
    row = centre.member_row(user=user)
    initial = {"role": row.role or Role.STUDENT, "cohort": row.cohorts[0] if row.cohorts else None}
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            centre.member_change(
                user=user,
                role=form.cleaned_data["role"],
                cohort=form.cleaned_data["cohort"],
                actor=request.user,
            )
        except centre.CentreError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved the role and cohort of {user.username}.")
            return redirect("cohorts:admin_member", user_pk=user.pk)
    context = {"row": row, "form": form, "is_self": user == request.user}
    status = 422 if form.errors else 200
    return render(request, "cohorts/admin/member.html", context, status=status)


@login_required
@require_POST
def member_active(request: AuthedRequest, user_pk: int) -> HttpResponse:
    admin_required(request)
    user = get_object_or_404(User, pk=user_pk)
    active = request.POST.get("active") == "1"
    try:
        centre.user_active_set(user=user, active=active, actor=request.user)
    except centre.CentreError as error:
        messages.error(request, str(error))
    else:
        done = "reactivated: they can log in again" if active else "deactivated: they cannot log in"
        messages.success(request, f"The account of {user.username} is {done}.")
    return redirect("cohorts:admin_member", user_pk=user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_delete(request: AuthedRequest, user_pk: int) -> HttpResponse:
    """Confirm, then delete the user and everything of theirs."""
    admin_required(request)
    user = get_object_or_404(User, pk=user_pk)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm_username", "").strip() != user.username:
            error = f"Type the username “{user.username}” to confirm."
        else:
            try:
                name = centre.user_delete(user=user, actor=request.user)
            except centre.CentreError as refused:
                error = str(refused)
            else:
                messages.success(request, f"{name} and all their data deleted.")
                return redirect("cohorts:admin_members")
    context = {"row": centre.member_row(user=user), "error": error}
    status = 422 if error else 200
    return render(request, "cohorts/admin/member_delete.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invites(request: AuthedRequest) -> HttpResponse:
    """Invite someone: the one-time link is shown once, here."""
    admin_required(request)
    form = InviteForm(request.POST or None)
    # Shown once, after the redirect that keeps a reload from making another invitation.
    link = request.session.pop(NEW_LINK_KEY, "") if request.method == "GET" else ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invite, raw = invite_create(
                username=data["username"],
                email=data["email"] or "",
                role=data["role"],
                cohort=data["cohort"],
                actor=request.user,
            )
        except InviteError as error:
            form.add_error("username", str(error))
        else:
            request.session[NEW_LINK_KEY] = invite_url(raw)
            _mail(request, invite, invite_url(raw))
            return redirect("cohorts:admin_invites")
    context = {
        "form": form,
        "link": link,
        "lifetime_days": INVITE_LIFETIME.days,
        "pending": invites_pending(),
    }
    return render(
        request, "cohorts/admin/invites.html", context, status=422 if form.errors else 200
    )


def _mail(request: AuthedRequest, invite: Invite, link: str) -> None:
    """Say the invitation is made, and e-mail it when mail is set up."""
    if not invite_mail_possible(invite):
        messages.success(request, f"Invitation for {invite.username} made.")
        return
    try:
        invite_mail_send(invite=invite, link=link)
    except (OSError, SMTPException, ValueError) as error:
        messages.warning(
            request,
            f"Invitation for {invite.username} made, but it could not be e-mailed ({error}): "
            "send them the link yourself.",
        )
    else:
        messages.success(
            request, f"Invitation for {invite.username} made and e-mailed to {invite.email}."
        )


@login_required
@require_POST
def invite_withdraw_view(request: AuthedRequest, invite_pk: int) -> HttpResponse:
    admin_required(request)
    invite = get_object_or_404(Invite, pk=invite_pk, used_at__isnull=True)
    invite_withdraw(invite=invite)
    messages.success(
        request, f"Invitation for {invite.username} withdrawn: its link no longer works."
    )
    return redirect("cohorts:admin_invites")
