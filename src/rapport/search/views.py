from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from rapport.core.http import AuthedRequest
from rapport.core.pages import page_cached
from rapport.search.forms import TYPE_LABELS, SearchForm
from rapport.search.query import clean
from rapport.search.selectors import TYPES, search

PAGE_SIZE = 20
BOX_SIZE = 8
BOX_TARGET = "search-box-results"  # the id of the header box's dropdown (search/_box.html)


@require_GET
@login_required
@page_cached("search")
def results(request: AuthedRequest) -> HttpResponse:
    """The full results page; its results region for htmx; the header box's top matches.
    The full page is kept by the owner's data version (core/pages.py): the index is written
    in the same transactions as the rows it is built from, all of them watched by it."""
    query = clean(request.GET.get("q", ""))
    htmx = HtmxDetails(request)
    if htmx and htmx.target == BOX_TARGET:
        found = search(owner=request.user, query=query, limit=BOX_SIZE)
        return render(request, "search/_box_results.html", {"found": found, "query": query})
    form = SearchForm({**request.GET.dict(), "q": query})
    page = form.page_number()
    found = search(
        owner=request.user,
        query=query,
        types=[form.value("type")] if form.value("type") else None,
        tag=form.value("tag"),
        company=form.value("company"),
        target_status=form.value("status"),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    context = {
        "form": form,
        "found": found,
        "query": query,
        "page": page,
        "tabs": _tabs(form.value("type"), found.counts),
        "filtered": any(form.value(f) for f in ("tag", "company", "status")),
    }
    template = "search/results.html#results" if htmx else "search/results.html"
    return render(request, template, context)


def _tabs(current: str, counts: dict[str, int]) -> list[dict[str, object]]:
    everything = {"type": "", "label": "Everything", "count": sum(counts.values())}
    tabs = [everything] + [
        {"type": t, "label": TYPE_LABELS[t], "count": counts.get(t, 0)} for t in TYPES
    ]
    for tab in tabs:
        tab["current"] = tab["type"] == current
    return tabs
