from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rapport.companies.selectors import companies_suggest
from rapport.core.http import AuthedRequest


@login_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Type-ahead options (a <datalist> body) for any field that names a company."""
    companies = companies_suggest(owner=request.user, query=request.GET.get("q", ""))
    return render(request, "companies/_suggest.html", {"companies": companies})
