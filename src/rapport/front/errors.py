"""Error pages a person can act on: what went wrong, that nothing was saved, what to do instead."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 handler; a form too large to read (a pasted page) says how to send it."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return render(request, "errors/too_big.html", {"limit": limit}, status=413)
    return render(request, "400.html", status=400)
