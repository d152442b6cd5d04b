from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rapport.core.http import AuthedRequest
from rapport.people.selectors import people_suggest
from rapport.people.services import person_ref


@login_required
def suggest(request: AuthedRequest) -> HttpResponse:
    """Type-ahead options (a <datalist> body) for any field that names a person."""
    people = people_suggest(owner=request.user, query=request.GET.get("q", ""))
    options = [(person_ref(p), p.headline) for p in people]
    return render(request, "people/_suggest.html", {"options": options})
