from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.companies.selectors import company_get
from rapport.core.http import AuthedRequest
from rapport.postings.clip import clip_key_matches
from rapport.postings.errors import UnreadablePage
from rapport.postings.forms import ClipForm, PageForm, PostingForm
from rapport.postings.intake import page_read_given, page_read_link
from rapport.postings.reading import Reading
from rapport.postings.services import SavedJob, posting_save


@login_required
@require_http_methods(["GET", "POST"])
def save(request: AuthedRequest) -> HttpResponse:
    """The "Save a job" form: a link, or the page itself; saved at once when the page has
    a JobPosting with a title and a company, else shown to be completed."""
    initial = {"url": request.GET.get("url", ""), "company_hint": _company_pk(request)}
    posted = request.method == "POST"
    form = PageForm(request.POST if posted else None, request.FILES or None, initial=initial)
    if posted and form.is_valid():
        try:
            reading = _read(form)
        except UnreadablePage as error:
            form.add_error(None, error.message)
        else:
            company = _company_name(request, form.cleaned_data.get("company_hint"))
            return _saved_or_review(request, reading, company=company)
    return render(request, "postings/save.html", {"form": form}, status=_status(form))


def _read(form: PageForm) -> Reading:
    document = form.document()
    url = form.cleaned_data["url"]
    if document is not None:
        return page_read_given(document=document, url=url)
    return page_read_link(url=url)


def _status(form: PageForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _company_pk(request: AuthedRequest) -> int | None:
    pk = request.GET.get("company", "")
    return int(pk) if pk.isdigit() else None


def _company_name(request: AuthedRequest, pk: int | None) -> str:
    """The company of the page "Save a job" was opened from (?company=<pk>), if still yours."""
    if pk is None:
        return ""
    try:
        return company_get(owner=request.user, pk=pk).name
    except Http404:
        return ""


def _page_refused(request: AuthedRequest, url: str, message: str) -> HttpResponse:
    """The "Save a job" form again, saying why the page could not be used."""
    form = PageForm(data={"url": url})
    form.is_valid()
    form.add_error(None, message)
    return render(request, "postings/save.html", {"form": form}, status=400)


def _saved_or_review(
    request: AuthedRequest, reading: Reading, *, company: str = "", trusted: bool = True
) -> HttpResponse:
    if reading.complete and trusted:
        try:
            saved = posting_save(
                owner=request.user, data=reading.posting, read_from=reading.read_from
            )
        except ValidationError:
            pass  # shown on the form below, field by field
        else:
            return _to_opportunity(request, saved)
    form = PostingForm(initial=PostingForm.initial_from(reading, company=company))
    context = {"form": form, "reading": reading}
    return render(request, "postings/review.html", context)


def _to_opportunity(request: AuthedRequest, saved: SavedJob) -> HttpResponse:
    opportunity = saved.opportunity
    if saved.created:
        messages.success(
            request,
            f"Saved {opportunity.title} at {opportunity.company.name}. "
            "Talk to someone there before you apply.",
        )
    else:
        messages.success(
            request,
            f"You had saved {opportunity.title} at {opportunity.company.name} before: "
            "it is updated.",
        )
    return redirect("opportunities:detail", opportunity.pk)


@login_required
@require_POST
def review(request: AuthedRequest) -> HttpResponse:
    """The checked (or completed) posting, saved."""
    form = PostingForm(request.POST)
    if form.is_valid():
        try:
            saved = posting_save(
                owner=request.user, data=form.to_data(), read_from=form.details_read_from()
            )
        except ValidationError as error:
            for key, errors in getattr(error, "message_dict", {"": error.messages}).items():
                form.add_error(key if key in form.fields else None, errors)
        else:
            return _to_opportunity(request, saved)
    return render(request, "postings/review.html", {"form": form, "reading": None}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def clip(request: AuthedRequest) -> HttpResponse:
    """The bookmarklet's window (see clip.py)."""
    if request.method == "POST":
        return _clip_received(request)
    context: dict[str, Any] = {"form": ClipForm(), "url": request.GET.get("url", "")}
    response = render(request, "postings/clip.html", context)
    # The window must keep its opener (the job's page) to receive the page from it.
    response.headers["Cross-Origin-Opener-Policy"] = "unsafe-none"
    return response


def _clip_received(request: AuthedRequest) -> HttpResponse:
    form = ClipForm(request.POST, request.FILES)
    url = str(form.data.get("url", ""))
    if not form.is_valid():
        problems = [str(e) for e in form.errors.get("page", [])]
        message = " ".join(problems) or "No page arrived from the bookmarklet."
        return _page_refused(request, url, message)
    upload = form.cleaned_data["page"]
    try:
        reading = page_read_given(document=b"".join(upload.chunks()), url=url)
    except UnreadablePage as error:
        return _page_refused(request, url, error.message)
    trusted = clip_key_matches(request.user, form.cleaned_data["key"])
    return _saved_or_review(request, reading, trusted=trusted)
