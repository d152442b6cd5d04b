from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.companies.selectors import companies_suggest, company_get, people_described
from rapport.conversations.forms import (
    MAX_ROWS,
    ConversationFilterForm,
    ConversationForm,
    EditOutcomeFormSet,
    IntroductionStateForm,
    OutcomeForm,
    OutcomeFormSet,
    Row,
    RowsField,
    outcome_edits,
    outcome_initial,
    outcome_inputs,
)
from rapport.conversations.models import Conversation, IntroductionState, OutcomeKind
from rapport.conversations.selectors import (
    conversation_get,
    conversation_outcomes_by_kind,
    conversations_list,
    introduction_get,
)
from rapport.conversations.services import (
    LogResult,
    conversation_add_outcome,
    conversation_delete,
    conversation_log_result,
    conversation_update,
    introduction_set_state,
)
from rapport.core.http import AuthedRequest
from rapport.core.text import sentence
from rapport.people.models import Person
from rapport.people.selectors import people_suggest, person_get
from rapport.people.services import person_ref

OUTCOMES = "outcomes"  # the formset prefix: outcomes-0-kind, outcomes-TOTAL_FORMS, …
PAGE_SIZE = 25


def _get_conversation(request: AuthedRequest, pk: int) -> Conversation:
    return conversation_get(owner=request.user, pk=pk)


@login_required
@require_GET
def conversation_list(request: AuthedRequest) -> HttpResponse:
    filters = ConversationFilterForm(request.GET)
    channel = query = ""
    if filters.is_valid():
        channel, query = filters.cleaned_data["channel"], filters.cleaned_data["q"]
    conversations = conversations_list(owner=request.user, channel=channel, query=query)
    page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "filtering": bool(channel or query)}
    return render(request, "conversations/list.html", context)


# Logging -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def log(request: AuthedRequest) -> HttpResponse:
    owner = request.user
    if request.method == "GET":
        form = ConversationForm(owner=owner, initial=_prefill(request))
        outcomes = OutcomeFormSet(prefix=OUTCOMES, form_kwargs={"owner": owner})
        return render_log(request, form, outcomes)
    form = ConversationForm(request.POST, owner=owner)
    outcomes = OutcomeFormSet(request.POST, prefix=OUTCOMES, form_kwargs={"owner": owner})
    if wants_more_rows(request):
        return render_more_rows(request, form, outcomes)
    if form.is_valid() and outcomes.is_valid():
        result = log_from_form(request, form, outcomes)
        if result is not None:
            messages.success(request, saved_message(result))
            return redirect("conversations:detail", result.conversation.pk)
    return render_log(request, form, outcomes)


def wants_more_rows(request: AuthedRequest) -> bool:
    """The no-JavaScript way to get one more row (person, company, outcome): the form is
    shown again, with what was typed, and nothing is saved."""
    return "add_row" in request.POST or "add_outcome" in request.POST


def _prefill(request: AuthedRequest) -> dict[str, Any]:
    """?with=<person pk> and ?company=<pk>, from "Log a conversation" links elsewhere."""
    initial: dict[str, Any] = {}
    try:
        if (pk := request.GET.get("with", "")).isdigit():
            initial["participants"] = [person_ref(person_get(owner=request.user, pk=int(pk)))]
        if (pk := request.GET.get("company", "")).isdigit():
            initial["companies"] = [company_get(owner=request.user, pk=int(pk)).name]
    except Http404:
        pass  # a stale link: start from a blank form
    return initial


def render_log(
    request: AuthedRequest,
    form: ConversationForm,
    outcomes: BaseFormSet[Any],
    more: str = "",
    **extra: Any,
) -> HttpResponse:
    """The log form page; `more` names the RowsField that gets one more row. Other apps
    that log through it (accepting a suggestion captured from the calendar) pass `action`
    (where it posts) and `lede` (what the page says)."""
    context = {
        "form": form,
        "outcomes": outcomes,
        "participant_rows": form.rows("participants", extra=int(more == "participants")),
        "company_rows": form.rows("companies", extra=int(more == "companies")),
        "has_errors": form.is_bound and not (form.is_valid() and outcomes.is_valid()),
        **extra,
    }
    return render(request, "conversations/log.html", context)


def render_more_rows(
    request: AuthedRequest,
    bound: ConversationForm,
    bound_outcomes: BaseFormSet[Any],
    formset: type[BaseFormSet[Any]] = OutcomeFormSet,
    **extra: Any,
) -> HttpResponse:
    """The same form, unbound (no error messages yet) and one row longer; `formset` is the
    class of `bound_outcomes` (the edit form's rows keep their outcome's id)."""
    form = ConversationForm(
        owner=request.user, initial={name: bound[name].value() for name in bound.fields}
    )
    rows: list[dict[str, Any]] = [
        {name: row[name].value() for name in row.fields} for row in bound_outcomes.forms
    ]
    if "add_outcome" in request.POST and len(rows) < MAX_ROWS:
        rows.append({})
    outcomes = formset(prefix=OUTCOMES, initial=rows, form_kwargs={"owner": request.user})
    outcomes.extra = 0 if rows else outcomes.extra
    return render_log(request, form, outcomes, more=request.POST.get("add_row", ""), **extra)


def log_from_form(
    request: AuthedRequest,
    form: ConversationForm,
    outcomes: BaseFormSet[OutcomeForm],
    log: Callable[..., LogResult] = conversation_log_result,
) -> LogResult | None:
    """Log what the (valid) form says through `log` (the conversation service, or one that
    wraps it); None with the errors put on the form if the service refused."""
    data = form.cleaned_data
    try:
        return log(
            owner=request.user,
            occurred_on=data["occurred_on"],
            channel=data["channel"],
            participants=data["participants"],
            companies=form.company_names(),
            notes=data["notes"],
            outcomes=outcome_inputs(outcomes),
        )
    except ValidationError as error:
        _attach_errors(error, form, [row for row in outcomes.forms if not row.is_blank()])
        return None


def _attach_errors(error: ValidationError, form: ConversationForm, rows: list[OutcomeForm]) -> None:
    """Put the service's errors ("participants", "outcome N", …) next to what they are about."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, errors in error.message_dict.items():
        if key.startswith("outcome ") and key[8:].isdigit() and int(key[8:]) <= len(rows):
            rows[int(key[8:]) - 1].add_error(None, errors)
        elif key in form.fields:
            form.add_error(key, errors)
        else:
            form.add_error(None, errors)


def saved_message(result: LogResult) -> str:
    """ "Saved. New people: Bo (introduced by Ana). New lead: Data Analyst at Stripe." """
    parts = ["Saved."]
    if result.new_people:
        parts.append(sentence(f"New people: {', '.join(map(_new_person, result.new_people))}"))
    leads = [str(o.opportunity) for o in result.outcomes_of(OutcomeKind.LEAD) if o.opportunity]
    if leads:
        parts.append(sentence(f"New lead{'s' if len(leads) > 1 else ''}: {'; '.join(leads)}"))
    for kind, label in [(OutcomeKind.RECOMMEND, "New target"), (OutcomeKind.AVOID, "To avoid")]:
        if companies := [str(o.company) for o in result.outcomes_of(kind) if o.company]:
            parts.append(sentence(f"{label}: {', '.join(companies)}"))
    if result.new_companies:
        # Last, so a misspelt company ("Stirpe") stands out without burying the rest.
        names = ", ".join(c.name for c in result.new_companies)
        parts.append(sentence(f"Added to your companies: {names}"))
    return " ".join(parts)


def _new_person(person: Person) -> str:
    if person.introduced_by is None:
        return person.full_name
    return f"{person.full_name} (introduced by {person.introduced_by.full_name})"


# Fragments for the log form (htmx) ------------------------------------------------------


@login_required
@require_GET
def row(request: AuthedRequest) -> HttpResponse:
    """One more "Person N" or "Company N" input (?field=); htmx sends the inputs so far."""
    group = ConversationForm.base_fields.get(request.GET.get("field", ""))
    if not request.htmx or not isinstance(group, RowsField):
        return redirect("conversations:log")
    number = min(len(request.GET.getlist(group.input_name)), MAX_ROWS - 1) + 1
    context = {"group": group, "row": Row(number, "", []), "autofocus": True}
    return render(request, "conversations/_row.html", context)


@login_required
@require_GET
def outcome_row(request: AuthedRequest) -> HttpResponse:
    """One more outcome fieldset, and the formset's TOTAL_FORMS updated out of band."""
    if not request.htmx:
        return redirect("conversations:log")
    total = request.GET.get(f"{OUTCOMES}-TOTAL_FORMS", "")
    index = min(int(total), MAX_ROWS - 1) if total.isdigit() else 0
    form = OutcomeForm(prefix=f"{OUTCOMES}-{index}", owner=request.user)
    form.fields["kind"].widget.attrs["autofocus"] = True
    context = {"outcome_form": form, "number": index + 1, "total": index + 1}
    return render(request, "conversations/log.html#outcome-added", context)


@login_required
@require_GET
def people_options(request: AuthedRequest) -> HttpResponse:
    """<option>s for the people datalist, from whichever input (?field=) is being typed in."""
    field = request.GET.get("field", "participant")
    query = request.GET.get("q") or request.GET.get(field, "")
    people = people_suggest(owner=request.user, query=query)
    options = [(person_ref(p), about) for p, about in people_described(people=people)]
    return render(request, "people/_suggest.html", {"options": options})


@login_required
@require_GET
def company_options(request: AuthedRequest) -> HttpResponse:
    """<option>s for the company datalist: whole names, from whichever input (?field=)."""
    field = request.GET.get("field", "companies")
    query = request.GET.get("q") or request.GET.get(field, "")
    companies = companies_suggest(owner=request.user, query=query)
    values = [c.name for c in companies]
    return render(request, "conversations/_company_options.html", {"values": values})


# One conversation -----------------------------------------------------------------------


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    conversation = _get_conversation(request, pk)
    return _render_detail(request, conversation, OutcomeForm(prefix="outcome", owner=request.user))


def _render_detail(
    request: AuthedRequest, conversation: Conversation, outcome_form: OutcomeForm
) -> HttpResponse:
    context = {
        "conversation": conversation,
        "outcome_groups": conversation_outcomes_by_kind(conversation=conversation),
        "introductions": conversation.introductions.all(),
        "states": IntroductionState.choices,
        "outcome_form": outcome_form,
    }
    return render(request, "conversations/detail.html", context)


@login_required
@require_POST
def outcome_add(request: AuthedRequest, pk: int) -> HttpResponse:
    conversation = _get_conversation(request, pk)
    form = OutcomeForm(request.POST, prefix="outcome", owner=request.user)
    if form.is_valid() and form.is_blank():
        form.add_error("kind", "Choose what kind of outcome this is.")
    if form.is_valid():
        try:
            conversation_add_outcome(conversation=conversation, outcome=form.to_input())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Outcome added.")
            return redirect("conversations:detail", conversation.pk)
    return _render_detail(request, conversation, form)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The log form again, filled in: change anything, through the same service rules."""
    conversation = _get_conversation(request, pk)
    owner = request.user
    page = {
        "action": reverse("conversations:edit", args=[conversation.pk]),
        "heading": "Edit the conversation",
        "lede": "Change the date, channel, people, companies, notes or outcomes. A removed "
        "outcome goes; the people, leads and targets it added stay.",
        "cancel": reverse("conversations:detail", args=[conversation.pk]),
    }
    form_kwargs = {"owner": owner}
    if request.method == "GET":
        form = ConversationForm(owner=owner, initial=_as_typed(conversation))
        rows = [outcome_initial(o) for o in conversation.outcomes.all()]
        return render_log(
            request,
            form,
            EditOutcomeFormSet(initial=rows, prefix=OUTCOMES, form_kwargs=form_kwargs),
            **page,
        )
    form = ConversationForm(request.POST, owner=owner)
    outcomes = EditOutcomeFormSet(request.POST, prefix=OUTCOMES, form_kwargs=form_kwargs)
    if wants_more_rows(request):
        return render_more_rows(request, form, outcomes, EditOutcomeFormSet, **page)
    if form.is_valid() and outcomes.is_valid():
        data = form.cleaned_data
        try:
            conversation_update(
                conversation=conversation,
                occurred_on=data["occurred_on"],
                channel=data["channel"],
                participants=data["participants"],
                companies=form.company_names(),
                notes=data["notes"],
                outcomes=outcome_edits(outcomes),
            )
        except ValidationError as error:
            _attach_errors(error, form, [row for row in outcomes.forms if not row.is_blank()])
        else:
            messages.success(request, "Conversation updated.")
            return redirect("conversations:detail", conversation.pk)
    return render_log(request, form, outcomes, **page)


def _as_typed(conversation: Conversation) -> dict[str, Any]:
    return {
        "occurred_on": conversation.occurred_on,
        "channel": conversation.channel,
        "participants": [person_ref(p) for p in conversation.participants.all()],
        "companies": [c.name for c in conversation.companies.all()],
        "notes": conversation.notes,
    }


@login_required
@require_POST
def introduction_state(request: AuthedRequest, introduction_pk: int) -> HttpResponse:
    introduction = introduction_get(owner=request.user, pk=introduction_pk)
    form = IntroductionStateForm(request.POST)
    if form.is_valid():
        introduction_set_state(introduction=introduction, state=form.cleaned_data["state"])
    if request.htmx:
        context = {"introduction": introduction, "states": IntroductionState.choices}
        return render(request, "conversations/detail.html#introduction", context)
    if form.is_valid():
        messages.success(request, f"Introduction to {introduction.introduced} updated.")
    if introduction.conversation_id is None:
        return redirect("people:detail", introduction.introduced_id)
    return redirect("conversations:detail", introduction.conversation_id)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    conversation = _get_conversation(request, pk)
    if request.method == "POST":
        conversation_delete(conversation=conversation)
        messages.success(
            request, "Conversation deleted. The people, leads and targets it added stay."
        )
        return redirect("conversations:list")
    return render(request, "conversations/delete.html", {"conversation": conversation})
