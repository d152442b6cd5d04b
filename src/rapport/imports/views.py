from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from rapport.core.http import AuthedRequest
from rapport.core.text import plural, sentence
from rapport.imports import uploads
from rapport.imports.forms import UploadForm
from rapport.imports.merge.review import apart_pairs, review_pairs
from rapport.imports.selectors import (
    apart_group,
    batch_get,
    batch_review_ids,
    batches_list,
    candidate_get,
    keep_apart_get,
    kept_apart,
    merge_get,
    pair_in_queue,
    review_batches,
    review_queue,
)
from rapport.imports.services import (
    Decided,
    PutBack,
    UndoResult,
    candidate_keep_apart,
    candidate_merge,
    candidates_keep_apart,
    candidates_merge,
    candidates_put_back,
    import_undo,
    keep_apart_undo,
    merge_undo,
)
from rapport.imports.tasks import import_task, preview_task

REVIEW_PAGE_SIZE = 25


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = uploads.job_create(
            owner=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
        )
        preview_task.enqueue(job.pk)
        return redirect("imports:job", job.pk)
    context = {
        "form": form,
        "jobs": uploads.jobs_open(owner=request.user),
        "batches": batches_list(owner=request.user)[:50],
        "review_count": review_queue(owner=request.user).count(),
    }
    return render(request, "imports/home.html", context)


@login_required
def job_detail(request: AuthedRequest, job_pk: int) -> HttpResponse:
    job = uploads.job_get(owner=request.user, pk=job_pk)
    done, total = uploads.job_progress(job=job)
    rows = uploads.count_rows(job.result or job.preview)
    context = {"job": job, "done": done, "total": total, "rows": rows}
    template = "imports/job.html#status" if request.htmx else "imports/job.html"
    return render(request, template, context)


@login_required
@require_POST
def job_confirm_view(request: AuthedRequest, job_pk: int) -> HttpResponse:
    job = uploads.job_get(owner=request.user, pk=job_pk)
    if uploads.job_confirm(job=job):
        import_task.enqueue(job.pk)
    return redirect("imports:job", job.pk)


@login_required
@require_POST
def job_cancel_view(request: AuthedRequest, job_pk: int) -> HttpResponse:
    job = uploads.job_get(owner=request.user, pk=job_pk)
    try:
        uploads.job_cancel(job=job)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("imports:job", job.pk)
    messages.success(request, f"Cancelled: {job.original_name} was deleted, nothing imported.")
    return redirect("imports:home")


@login_required
def batch_undo_view(request: AuthedRequest, batch_pk: int) -> HttpResponse:
    batch = batch_get(owner=request.user, pk=batch_pk)
    if request.method != "POST":
        return render(request, "imports/confirm_undo.html", {"batch": batch})
    try:
        result = import_undo(batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Import #{batch.pk} was undone.{_kept_note(result)}")
        for note in result.notes:
            messages.info(request, note)
    return redirect("imports:home")


def _kept_note(result: UndoResult) -> str:
    people = result.kept.get("people.Person", 0)
    if not people:
        return ""
    whom = "1 person" if people == 1 else f"{people} people"
    return f" {whom} you have worked on since stayed."


@login_required
def review(request: AuthedRequest) -> HttpResponse:
    page = Paginator(review_queue(owner=request.user), REVIEW_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "pairs": review_pairs(list(page.object_list)),
        # Without JavaScript, "select every pair on this page" is this page again, all ticked.
        "all_selected": request.GET.get("select") == "all",
        "batches": [b for b in review_batches(owner=request.user) if b.pairs > 1],
    }
    return render(request, "imports/review.html", context)


@login_required
@require_POST
def candidate_merge_view(request: AuthedRequest, candidate_pk: int) -> HttpResponse:
    candidate = candidate_get(owner=request.user, pk=candidate_pk)
    try:
        merge = candidate_merge(candidate=candidate)
    except ValidationError as error:
        return _decided(request, " ".join(error.messages), error=True)
    return _decided(request, sentence(f"Merged: {merge}"))


@login_required
@require_POST
def candidate_apart_view(request: AuthedRequest, candidate_pk: int) -> HttpResponse:
    candidate = candidate_get(owner=request.user, pk=candidate_pk)
    names = f"{candidate.person_a} and {candidate.person_b}"
    try:
        pair = candidate_keep_apart(candidate=candidate)
    except ValidationError as error:
        return _decided(request, " ".join(error.messages), error=True)
    if request.htmx:  # taken back in place, the pair's card comes back
        undo = {"url": reverse("imports:apart_undo", args=[pair.pk]), "names": names}
        context = {"text": sentence(f"Kept apart: {names}"), "undo": undo}
        return render(request, "imports/_decided.html", context)
    messages.success(request, _with_undo(sentence(f"Kept apart: {names}"), candidate.pk))
    return redirect("imports:review")


def _decided(request: AuthedRequest, text: str, *, error: bool = False) -> HttpResponse:
    """htmx: the pair's place says what happened; otherwise back to the queue."""
    if request.htmx:
        return render(request, "imports/_decided.html", {"text": text, "error": error})
    (messages.error if error else messages.success)(request, text)
    return redirect("imports:review")


def _with_undo(text: str, group: int | None) -> str:
    """The message after keeping pairs apart, with the way back (asked first)."""
    if group is None:
        return text
    url = reverse("imports:apart_group", args=[group])
    return format_html('{} <a href="{}">Undo: put back in the queue…</a>', text, url)


@login_required
@require_POST
def candidates_decide_view(request: AuthedRequest) -> HttpResponse:
    """The pairs ticked on the review page, merged or kept apart together."""
    decision = request.POST.get("decision")
    try:
        ids = [int(value) for value in request.POST.getlist("candidate")]
    except ValueError:
        return HttpResponseBadRequest("Pairs are chosen by their number; nothing was changed.")
    if decision not in {"merge", "apart"}:
        return HttpResponseBadRequest("Say whether to merge or keep apart; nothing was changed.")
    back = _review_page(request.POST.get("page"))
    if not ids:
        messages.error(request, "Select at least one pair first: nothing was changed.")
        return redirect(back)
    if decision == "merge":
        decided = candidates_merge(owner=request.user, ids=ids)
        _tell(request, decided, "Merged {pairs}. Each merge can be undone from the person's page.")
    else:
        decided = candidates_keep_apart(owner=request.user, ids=ids)
        _tell(request, decided, "Kept {pairs} apart.", undo=True)
    return redirect(back)


@login_required
def batch_keep_apart_view(request: AuthedRequest, batch_pk: int) -> HttpResponse:
    """Every pair an import proposed, kept apart: asked first, since it is many at once."""
    batch = batch_get(owner=request.user, pk=batch_pk)
    ids = batch_review_ids(owner=request.user, batch=batch)
    if request.method != "POST":
        return render(request, "imports/confirm_apart.html", {"batch": batch, "pairs": len(ids)})
    decided = candidates_keep_apart(owner=request.user, ids=ids)
    _tell(request, decided, "Kept {pairs} apart.", undo=True)
    return redirect("imports:review")


def _review_page(page: str | None) -> str:
    return _page_of("imports:review", page)


def _page_of(name: str, page: str | None) -> str:
    url = reverse(name)
    return f"{url}?page={page}" if page and page.isdigit() and page != "1" else url


def _tell(request: AuthedRequest, decided: Decided, done: str, *, undo: bool = False) -> None:
    if decided.done:
        text = done.format(pairs=plural(decided.done, "pair"))
        messages.success(request, _with_undo(text, decided.group) if undo else text)
    if decided.skipped:
        it, was = ("it", "was") if decided.skipped == 1 else ("they", "were")
        messages.warning(
            request,
            f"{plural(decided.skipped, 'pair')} {was} skipped: {it} {was} no longer waiting for "
            "a decision (decided already, or one of the two was merged into someone else).",
        )


@login_required
def kept_apart_view(request: AuthedRequest) -> HttpResponse:
    """The pairs the user said are different people, to take a decision back."""
    page = Paginator(kept_apart(owner=request.user), REVIEW_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "pairs": apart_pairs(list(page.object_list))}
    return render(request, "imports/kept_apart.html", context)


@login_required
@require_POST
def apart_undo_view(request: AuthedRequest, apart_pk: int) -> HttpResponse:
    pair = keep_apart_get(owner=request.user, pk=apart_pk)
    names = f"{pair.person_a} and {pair.person_b}"
    queued = keep_apart_undo(pair=pair)
    if request.htmx and (candidate := pair_in_queue(owner=request.user, pair=pair)):
        return render(request, "imports/_pair.html", {"pair": review_pairs([candidate])[0]})
    text = _put_back_text(names, queued=bool(queued))
    if request.htmx:
        return render(request, "imports/_decided.html", {"text": text})
    messages.success(request, text)
    return redirect(_page_of("imports:kept_apart", request.POST.get("page")))


def _put_back_text(names: str, *, queued: bool) -> str:
    if queued:
        url = reverse("imports:review")
        return format_html('Back in the queue: {}. <a href="{}">Review them</a>', names, url)
    return (
        f"{names} are no longer kept apart. No import had proposed them, so they are not in "
        "the queue: a later import may propose them again."
    )


@login_required
def apart_group_view(request: AuthedRequest, candidate_pk: int) -> HttpResponse:
    """A decision that kept pairs apart (many at once, or one), taken back: asked first."""
    group = apart_group(owner=request.user, pk=candidate_pk)
    if request.method != "POST":
        context = {
            "group": group,
            "pairs": group.back,
            "more": group.back - len(group.shown),
        }
        return render(request, "imports/confirm_put_back.html", context)
    _tell_put_back(request, candidates_put_back(owner=request.user, ids=group.ids))
    return redirect("imports:review")


def _tell_put_back(request: AuthedRequest, result: PutBack) -> None:
    if result.done:
        messages.success(request, f"Put {plural(result.done, 'pair')} back in the queue.")
    if result.gone:
        it, was = ("it", "was") if result.gone == 1 else ("they", "were")
        messages.warning(
            request,
            f"{plural(result.gone, 'pair')} could not come back: one of the two people was merged "
            f"into someone else or deleted since. {it.capitalize()} {was} left as {it} {was}.",
        )
    if not result.done and not result.gone:
        messages.info(request, "Nothing to put back: these pairs are not kept apart any more.")


@login_required
@require_POST
def merge_undo_view(request: AuthedRequest, merge_pk: int) -> HttpResponse:
    merge = merge_get(owner=request.user, pk=merge_pk)
    try:
        split = merge_undo(merge=merge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # Splitting keeps the two apart (merge_undo): the way to take that back too.
        text = (
            '{} is a separate person again, kept apart from {}. <a href="{}">Pairs kept apart</a>'
        )
        url = reverse("imports:kept_apart")
        messages.success(request, format_html(text, split.full_name, merge.survivor, url))
    return redirect("people:detail", merge.survivor_id)
