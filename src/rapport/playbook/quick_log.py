"""The quick log: a conversation logged from a phone in under a minute, right after it.

One person, how you talked, outcome chips, one note and the next step, logged through the
conversation service (playbook.services.quick_log). The page works without JavaScript; with
it, a quick log made offline waits on the phone and is sent when it is back online, under
the key it was given here, so that sending it twice logs it once.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from rapport.companies.selectors import company_get
from rapport.conversations.views import saved_message
from rapport.core.http import AuthedRequest
from rapport.core.text import sentence
from rapport.people.selectors import person_get
from rapport.people.services import person_ref
from rapport.playbook.forms import QuickLogForm
from rapport.playbook.services import QuickLogResult, quick_log


@login_required
@require_http_methods(["GET", "POST"])
def quick_log_page(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        form = QuickLogForm(owner=request.user, initial=_prefill(request))
        return _render(request, form)
    form = QuickLogForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            result = quick_log(owner=request.user, entry=form.entry())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _saved(result))
            return redirect("conversations:detail", result.conversation.pk)
    return _render(request, form)


def _prefill(request: AuthedRequest) -> dict[str, Any]:
    """A new key for this entry; ?with=<person pk> and ?company=<pk> from a nudge."""
    initial: dict[str, Any] = {"key": uuid.uuid4().hex}
    owner = request.user
    with suppress(Http404):  # a stale link: start from a blank form
        if (pk := request.GET.get("with", "")).isdigit():
            initial["person"] = person_ref(person_get(owner=owner, pk=int(pk)))
        if (pk := request.GET.get("company", "")).isdigit():
            initial["company"] = company_get(owner=owner, pk=int(pk)).name
    return initial


def _render(request: AuthedRequest, form: QuickLogForm) -> HttpResponse:
    """The page; its "Full form" link keeps the person a nudge or a person's page gave."""
    full_form = reverse("conversations:log")
    prefill = {k: v for k in ("with", "company") if (v := request.GET.get(k, "")).isdigit()}
    if prefill:
        full_form += "?" + urlencode(prefill)
    return render(request, "playbook/quick_log.html", {"form": form, "full_form": full_form})


def _saved(result: QuickLogResult) -> str:
    if result.logged is None:
        return "Already saved: this quick log was sent twice, and logged once."
    message = saved_message(result.logged)
    if result.followup is not None:
        message += " " + sentence(f"Follow up by {result.followup.due_on:%a %d %b}")
    return message
