"""The page an invitation link opens: the invitee chooses a password and is logged in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rapport.accounts.throttle import client_address, login_failed, login_succeeded, login_wait
from rapport.cohorts.admin_forms import InvitePasswordForm
from rapport.cohorts.invites import (
    InviteAttempt,
    InviteError,
    LinkState,
    invite_accept,
    invite_find,
)

# What the page says for a link that cannot be used, and its status.
UNUSABLE = {
    LinkState.UNKNOWN: (404, "This invitation link is not valid."),
    LinkState.USED: (410, "This invitation link has been used already."),
    LinkState.EXPIRED: (410, "This invitation link has expired."),
}


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    if settings.LOCAL_MODE:
        raise Http404("Local mode has no invitations.")
    attempt = InviteAttempt("(invitation link)", client_address(request))
    wait = login_wait(attempt)
    if wait:  # too many wrong links from this address: the token is not even looked up
        response = render(request, "cohorts/invite/wait.html", {"wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    state, invite = invite_find(token)
    if invite is None or state is not LinkState.USABLE:
        if state is LinkState.UNKNOWN:
            login_failed(attempt)
        return _unusable(request, *UNUSABLE[state])
    form = InvitePasswordForm(invite, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invite_accept(raw=token, password=form.cleaned_data["new_password1"])
        except InviteError as error:
            return _unusable(request, 410, str(error))
        except ValidationError as error:  # the password, checked again inside the transaction
            form.add_error("new_password1", error)
        else:
            auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            login_succeeded(attempt)
            messages.success(request, f"Welcome, {user.username}: your account is ready.")
            return redirect("cohorts:hub")
    context = {"invite": invite, "form": form}
    return render(
        request, "cohorts/invite/accept.html", context, status=422 if form.errors else 200
    )


def _unusable(request: HttpRequest, status: int, reason: str) -> HttpResponse:
    return render(request, "cohorts/invite/invalid.html", {"reason": reason}, status=status)
