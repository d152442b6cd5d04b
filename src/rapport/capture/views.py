"""The inbox of suggestions and the capture settings page. Thin: services decide."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.capture.errors import CaptureError
from rapport.capture.forms import (
    AddressesForm,
    BulkForm,
    CalendarForm,
    ImapForm,
    PersonEditForm,
    StageEditForm,
)
from rapport.capture.models import Suggestion, SuggestionKind
from rapport.capture.selectors import (
    capture_settings_get,
    inbox_get,
    source_get,
    sources_list,
    suggestion_get,
    suggestions_pending,
)
from rapport.capture.services import (
    calendar_subscribe,
    imap_connect,
    source_forget,
    source_sync,
)
from rapport.capture.suggestions import (
    log_prefill,
    suggestion_accept,
    suggestion_dismiss,
    suggestion_edit_person,
    suggestion_edit_stage,
    suggestion_log,
)
from rapport.conversations.forms import ConversationForm, OutcomeFormSet
from rapport.conversations.views import (
    OUTCOMES,
    log_from_form,
    render_log,
    render_more_rows,
    saved_message,
    wants_more_rows,
)
from rapport.core.http import AuthedRequest


def _suggestion(request: AuthedRequest, pk: int) -> Suggestion:
    return suggestion_get(owner=request.user, pk=pk)


@login_required
@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    found = inbox_get(owner=request.user, now=timezone.now())
    return render(request, "capture/inbox.html", {"inbox": found})


# Accepting a conversation: the log form, pre-filled, posting back here.


def _log_extra(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "action": reverse("capture:accept", args=[suggestion.pk]),
        "lede": f"{suggestion.reason} Check who was there, add what came out of it, and save.",
    }


@login_required
@require_http_methods(["GET", "POST"])
def accept(request: AuthedRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    if not suggestion.is_pending:
        messages.info(
            request, f"This suggestion was already {suggestion.get_status_display().lower()}."
        )
        return redirect("capture:inbox")
    if suggestion.kind != SuggestionKind.CONVERSATION:
        return _accept_other(request, suggestion)
    owner = request.user
    if request.method == "GET":
        form = ConversationForm(owner=owner, initial=log_prefill(suggestion=suggestion))
        outcomes = OutcomeFormSet(prefix=OUTCOMES, form_kwargs={"owner": owner})
        return render_log(request, form, outcomes, **_log_extra(suggestion))
    form = ConversationForm(request.POST, owner=owner)
    outcomes = OutcomeFormSet(request.POST, prefix=OUTCOMES, form_kwargs={"owner": owner})
    if wants_more_rows(request):
        return render_more_rows(request, form, outcomes, **_log_extra(suggestion))
    if form.is_valid() and outcomes.is_valid():
        log = partial(suggestion_log, suggestion=suggestion)
        result = log_from_form(request, form, outcomes, log=log)
        if result is not None:
            messages.success(request, saved_message(result))
            return redirect("conversations:detail", result.conversation.pk)
    return render_log(request, form, outcomes, **_log_extra(suggestion))


def _accept_other(request: AuthedRequest, suggestion: Suggestion) -> HttpResponse:
    """A new person or a stage: confirm on a page (GET), then apply (POST)."""
    if request.method == "GET":
        return render(request, "capture/confirm.html", {"suggestion": suggestion})
    try:
        made = suggestion_accept(suggestion=suggestion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("capture:inbox")
    if suggestion.kind == SuggestionKind.NEW_PERSON:
        messages.success(request, f"Added {made.full_name}.")
        return redirect("people:detail", made.pk)
    messages.success(request, f"Moved {made} to {made.get_stage_display()}.")
    return redirect("capture:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change a new person's name or address, or the stage, before accepting."""
    suggestion = _suggestion(request, pk)
    if suggestion.kind == SuggestionKind.CONVERSATION:
        return redirect("capture:accept", suggestion.pk)
    form_class = PersonEditForm if suggestion.kind == SuggestionKind.NEW_PERSON else StageEditForm
    initial = (
        {"name": suggestion.payload.get("name", ""), "email": suggestion.payload.get("email", "")}
        if suggestion.kind == SuggestionKind.NEW_PERSON
        else {"stage": suggestion.stage}
    )
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, PersonEditForm):
                suggestion_edit_person(suggestion=suggestion, **form.cleaned_data)
            else:
                suggestion_edit_stage(suggestion=suggestion, stage=form.cleaned_data["stage"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Changed; accept it when it is right.")
            return redirect("capture:inbox")
    return render(request, "capture/edit.html", {"suggestion": suggestion, "form": form})


@login_required
@require_POST
def dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, pk)
    try:
        suggestion_dismiss(suggestion=suggestion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Dismissed: {suggestion.title}. It will not come back.")
    return redirect("capture:inbox")


@login_required
@require_POST
def bulk(request: AuthedRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    chosen = suggestions_pending(owner=request.user, pks=form.ids(request.POST))
    if not form.is_valid() or not chosen:
        messages.error(request, "Tick the suggestions first, then choose what to do.")
        return redirect("capture:inbox")
    done = 0
    for suggestion in chosen:
        try:
            if form.cleaned_data["action"] == "dismiss":
                suggestion_dismiss(suggestion=suggestion)
            else:
                suggestion_accept(suggestion=suggestion)
            done += 1
        except ValidationError as error:
            messages.error(request, f"{suggestion.title}: {' '.join(error.messages)}")
    verb = "Dismissed" if form.cleaned_data["action"] == "dismiss" else "Accepted"
    messages.success(request, f"{verb} {done} suggestion{'s' if done != 1 else ''}.")
    return redirect("capture:inbox")


# Settings: the sources, what is read, and forgetting a source.


def _settings_page(request: AuthedRequest, **forms_: Any) -> HttpResponse:
    owner = request.user
    context = {
        "sources": sources_list(owner=owner),
        "calendar_form": forms_.get("calendar_form") or CalendarForm(),
        "imap_form": forms_.get("imap_form") or ImapForm(),
        "addresses_form": forms_.get("addresses_form")
        or AddressesForm(instance=capture_settings_get(owner=owner)),
    }
    return render(request, "capture/settings.html", context)


@login_required
@require_GET
def settings_page(request: AuthedRequest) -> HttpResponse:
    return _settings_page(request)


@login_required
@require_POST
def calendar_add(request: AuthedRequest) -> HttpResponse:
    form = CalendarForm(request.POST)
    if form.is_valid():
        try:
            source = calendar_subscribe(owner=request.user, **form.cleaned_data)
        except CaptureError as error:
            form.add_error("url", str(error))
        else:
            result = source_sync(source=source)
            _say_synced(request, source.name, result.error)
            return redirect("capture:settings")
    return _settings_page(request, calendar_form=form)


@login_required
@require_POST
def imap_add(request: AuthedRequest) -> HttpResponse:
    form = ImapForm(request.POST)
    if form.is_valid():
        try:
            source = imap_connect(owner=request.user, **form.cleaned_data)
        except CaptureError as error:
            form.add_error(None, str(error))
        else:
            result = source_sync(source=source)
            _say_synced(request, source.name, result.error)
            return redirect("capture:settings")
    return _settings_page(request, imap_form=form)


def _say_synced(request: AuthedRequest, name: str, error: str) -> None:
    if error:
        messages.error(request, f"{name} was saved but could not be read yet: {error}")
    else:
        messages.success(request, f"{name} was read. New suggestions are in your inbox.")


@login_required
@require_POST
def addresses(request: AuthedRequest) -> HttpResponse:
    form = AddressesForm(request.POST, instance=capture_settings_get(owner=request.user))
    if form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("capture:settings")
    return _settings_page(request, addresses_form=form)


@login_required
@require_POST
def sync(request: AuthedRequest, source_pk: int) -> HttpResponse:
    source = source_get(owner=request.user, pk=source_pk)
    result = source_sync(source=source)
    _say_synced(request, source.name, result.error)
    return redirect("capture:settings")


@login_required
@require_http_methods(["GET", "POST"])
def forget(request: AuthedRequest, source_pk: int) -> HttpResponse:
    source = source_get(owner=request.user, pk=source_pk)
    if request.method == "GET":
        return render(request, "capture/forget.html", {"source": source})
    name = source.name
    result = source_forget(source=source)
    removed = sum(result.removed.values())
    messages.success(
        request,
        f"Forgot {name}: removed {removed} thing{'s' if removed != 1 else ''} it brought; "
        "what you accepted stays.",
    )
    return redirect("capture:settings")
