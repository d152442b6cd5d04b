"""The playbook's pages. Thin: forms validate, services write, selectors read."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from rapport.cohorts.intros import answers_unseen, asks_waiting_count
from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached, request_data_version
from rapport.network.selectors import warm_paths_for_opportunity
from rapport.opportunities.models import Stage
from rapport.opportunities.selectors import opportunity_get
from rapport.opportunities.services import opportunity_move
from rapport.people.selectors import person_get
from rapport.playbook import services
from rapport.playbook.feed import feed_calendar, feed_owner
from rapport.playbook.forms import (
    ConfirmApplyForm,
    FollowUpActionForm,
    FollowUpForm,
    NudgeForm,
    SentForm,
    SettingsForm,
    SnoozeForm,
)
from rapport.playbook.nudges import NudgeKind
from rapport.playbook.prep import prep_brief
from rapport.playbook.review import weekly_review
from rapport.playbook.selectors import (
    FOLLOW_UP_HORIZON,
    apply_check,
    followup_get,
    followups_open,
    kind_counts,
    nudge_plan,
    playbook_settings_get,
    today_page,
)
from rapport.postings.clip import bookmarklet

LIST_PAGE_SIZE = 25

# Stages from which moving to "applied" is the next step forward.
APPLYABLE = frozenset({Stage.LEAD, Stage.RESEARCHING, Stage.CONNECTED, Stage.REFERRED})


def _next(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: a same-site `next`, or the default."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


def _done(request: AuthedRequest, text: str) -> HttpResponse:
    """htmx swaps the item out for a short note; without JavaScript, back to the page."""
    if request.htmx:
        return render(request, "playbook/_gone.html", {"text": text})
    messages.success(request, text)
    return redirect(_next(request, reverse("playbook:today")))


def _refused(request: AuthedRequest, error: ValidationError | str) -> HttpResponse:
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else error
    if request.htmx:
        return HttpResponse(text, status=400)
    messages.error(request, text)
    return redirect(_next(request, reverse("playbook:today")))


@login_required
@require_GET
@page_cached("today")
def today(request: AuthedRequest) -> HttpResponse:
    """Served from the page cache while the owner's data and the date stay the same; its data
    is cached too, for the pages the cache skips (after a flash message, say)."""
    version = request_data_version(request)
    page = today_page(owner=request.user, today=timezone.localdate(), version=version)
    context = {
        "page": page,
        # Asks for an introduction count in the data versions of both members concerned.
        "intros_waiting": asks_waiting_count(introducer=request.user),
        "intro_answers": answers_unseen(requester=request.user),
    }
    return render(request, "playbook/today.html", context)


@login_required
@require_GET
def nudge_list(request: AuthedRequest) -> HttpResponse:
    """Every visible nudge, most urgent first, 25 a page; `?kind=` keeps one kind."""
    today = timezone.localdate()
    plan = nudge_plan(owner=request.user, today=today)
    kinds = kind_counts(plan.visible)
    kind = request.GET.get("kind", "")
    if kind not in {str(k) for k in NudgeKind}:
        kind = ""
    nudges = [n for n in plan.visible if n.kind == kind] if kind else plan.visible
    context = {
        "today": today,
        "kinds": kinds,
        "kind": NudgeKind(kind) if kind else None,
        "total": len(plan.visible),
        "nudges": Paginator(nudges, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "playbook/nudges.html", context)


@login_required
@require_GET
def followup_list(request: AuthedRequest) -> HttpResponse:
    """Every open follow-up due by a week from today, soonest first, 25 a page."""
    today = timezone.localdate()
    rows = followups_open(owner=request.user, today=today)
    context = {
        "today": today,
        "horizon": today + FOLLOW_UP_HORIZON,
        "followups": Paginator(rows, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "playbook/followups.html", context)


@login_required
@require_POST
def nudge_dismiss(request: AuthedRequest) -> HttpResponse:
    form = NudgeForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Which nudge? Reload the page and try again.")
    try:
        services.nudge_dismiss(owner=request.user, key=form.cleaned_data["key"])
    except ValidationError as error:
        return _refused(request, error)
    return _done(request, "Dismissed. It won't come back.")


@login_required
@require_POST
def nudge_snooze(request: AuthedRequest) -> HttpResponse:
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Snooze for how long? Reload the page and try again.")
    today = timezone.localdate()
    until = today + timedelta(days=form.cleaned_data["days"])
    try:
        services.nudge_snooze(
            owner=request.user, key=form.cleaned_data["key"], until=until, today=today
        )
    except ValidationError as error:
        return _refused(request, error)
    return _done(request, f"Snoozed until {until:%A} {until.day} {until:%B}.")


@login_required
@require_POST
def nudge_sent(request: AuthedRequest) -> HttpResponse:
    form = SentForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Which nudge? Reload the page and try again.")
    person = person_get(owner=request.user, pk=form.cleaned_data["person"])
    try:
        services.nudge_sent(
            owner=request.user,
            key=form.cleaned_data["key"],
            person=person,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        return _refused(request, error)
    return _done(request, f"Recorded: you wrote to {person.full_name}. Well done!")


@login_required
@require_GET
def nudges_hidden(request: AuthedRequest) -> HttpResponse:
    """Nudges snoozed or dismissed (or done) that still apply: each can be brought back."""
    today = timezone.localdate()
    plan = nudge_plan(owner=request.user, today=today)
    context = {"today": today, "snoozed": plan.snoozed, "dismissed": plan.dismissed}
    return render(request, "playbook/nudges_hidden.html", context)


@login_required
@require_POST
def nudge_restore(request: AuthedRequest) -> HttpResponse:
    form = NudgeForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Which nudge? Reload the page and try again.")
    try:
        services.nudge_restore(owner=request.user, key=form.cleaned_data["key"])
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, "Restored: it is back on your list.")
    return redirect(_next(request, reverse("playbook:nudges_hidden")))


@login_required
@require_POST
def followup_done(request: AuthedRequest) -> HttpResponse:
    form = FollowUpActionForm(request.POST)
    if not form.is_valid():
        raise Http404("No such follow-up.")
    followup = followup_get(owner=request.user, pk=form.cleaned_data["followup"])
    services.followup_done(followup=followup)
    return _done(request, "Done. Well connected!")


@login_required
@require_POST
def followup_snooze(request: AuthedRequest) -> HttpResponse:
    form = FollowUpActionForm(request.POST)
    if not form.is_valid():
        raise Http404("No such follow-up.")
    followup = followup_get(owner=request.user, pk=form.cleaned_data["followup"])
    today = timezone.localdate()
    until = today + timedelta(days=form.cleaned_data["days"] or 1)
    services.followup_snooze(followup=followup, until=until, today=today)
    return _done(request, f"Snoozed until {until:%A} {until.day} {until:%B}.")


@login_required
@require_POST
def followup_create(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = person_get(owner=request.user, pk=person_pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.followup_create(owner=request.user, person=person, **form.cleaned_data)
        messages.success(request, f"Follow-up for {person.full_name} saved.")
    else:
        messages.error(request, "The follow-up needs a kind and a date.")
    return redirect("playbook:prep", person_pk=person.pk)


@login_required
@require_GET
def prep(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = person_get(owner=request.user, pk=person_pk)
    initial = {"due_on": timezone.localdate() + timedelta(days=7)}
    context = {"brief": prep_brief(person=person), "followup_form": FollowUpForm(initial=initial)}
    return render(request, "playbook/prep.html", context)


@login_required
@require_GET
def review(request: AuthedRequest) -> HttpResponse:
    context = {"review": weekly_review(owner=request.user, today=timezone.localdate())}
    return render(request, "playbook/review.html", context)


@login_required
def settings_view(request: AuthedRequest) -> HttpResponse:
    settings = playbook_settings_get(owner=request.user)
    form = SettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        services.playbook_settings_save(settings=form.instance)
        messages.success(request, f"Saved. Mode: {form.instance.get_mode_display().lower()}.")
        return redirect("playbook:settings")
    feed_url = ""
    if settings.feed_token:
        path = reverse("playbook:feed", kwargs={"token": settings.feed_token})
        feed_url = request.build_absolute_uri(path)
    origin = request.build_absolute_uri("/").rstrip("/")
    context = {
        "form": form,
        "settings": settings,
        "feed_url": feed_url,
        "bookmarklet": bookmarklet(origin=origin, user=request.user),
        "origin": origin,
    }
    return render(request, "playbook/settings.html", context)


@login_required
@require_POST
def feed_regenerate(request: AuthedRequest) -> HttpResponse:
    had_one = bool(playbook_settings_get(owner=request.user).feed_token)
    services.feed_token_regenerate(owner=request.user)
    note = " The old address no longer works." if had_one else ""
    messages.success(request, f"Your calendar feed has a new secret address.{note}")
    return redirect("playbook:settings")


@login_required
@require_POST
def feed_revoke(request: AuthedRequest) -> HttpResponse:
    services.feed_token_revoke(owner=request.user)
    messages.success(request, "Calendar feed turned off. Its address no longer works.")
    return redirect("playbook:settings")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed. No login: the secret token in the address is the credential."""
    owner = feed_owner(token=token)
    if owner is None:
        raise Http404("No such calendar feed.")
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = feed_calendar(owner=owner, today=timezone.localdate(), base_url=base_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rapport.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def confirm_apply(request: AuthedRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = opportunity_get(owner=request.user, pk=opportunity_pk)
    check = apply_check(opportunity=opportunity)
    form = ConfirmApplyForm(request.POST or None)
    default = reverse("opportunities:detail", kwargs={"pk": opportunity.pk})
    if request.method == "POST" and opportunity.stage in APPLYABLE and form.is_valid():
        opportunity_move(opportunity=opportunity, stage=Stage.APPLIED)
        messages.success(request, f"{opportunity} moved to Applied. Good luck!")
        return redirect(_next(request, default))
    context = {
        "check": check,
        "form": form,
        "applyable": opportunity.stage in APPLYABLE,
        "next": _next(request, default),
        "warm_paths": warm_paths_for_opportunity(
            owner=request.user, opportunity=opportunity, today=timezone.localdate()
        ),
    }
    return render(request, "playbook/confirm_apply.html", context)
