"""Loading the demo network from the first-run Today page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from rapport.core.http import AuthedRequest
from rapport.demo.services import demo_network_load


@login_required
@require_POST
def load(request: AuthedRequest) -> HttpResponse:
    try:
        summary = demo_network_load(owner=request.user, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"The demo network is loaded: {summary}. Start with the first thing to do below.",
        )
    return redirect("front:home")
