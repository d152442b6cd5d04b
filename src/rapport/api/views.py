"""The token page: create (the secret shown once), list and revoke personal access tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rapport.api.forms import TokenForm
from rapport.api.models import ApiToken
from rapport.api.selectors import tokens_list
from rapport.api.services import token_create
from rapport.core.http import AuthedRequest


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
            )
        except ValidationError as error:
            form.add_error("name", error.message_dict["name"])
        else:
            form = TokenForm()
            messages.success(request, f"Token “{token.name}” created.")
    context = {"form": form, "secret": secret, "tokens": tokens_list(owner=request.user)}
    return render(request, "api/tokens.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request: AuthedRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(owner=request.user, pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("No such token.")
    token.revoke()
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("tokens:list")
