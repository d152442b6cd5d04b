from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rapport.accounts import services


def login(request: HttpRequest) -> HttpResponseBase:
    if settings.LOCAL_MODE:
        # There is no password in local mode: `rapport serve` prints a one-time link.
        return render(request, "accounts/local_login.html", status=200)
    return LoginView.as_view(template_name="accounts/login.html")(request)


def token_login(request: HttpRequest, token: str) -> HttpResponse:
    user = services.login_token_consume(raw=token)
    if user is None:
        return render(request, "accounts/token_invalid.html", status=403)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("front:home")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    return redirect("accounts:login")
