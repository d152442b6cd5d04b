from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from rapport.core.http import AuthedRequest
from rapport.core.selectors import home_summary


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/home.html", {"summary": home_summary(owner=request.user)})
