from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rapport.accounts import services
from rapport.accounts.throttle import (
    Attempt,
    client_address,
    login_failed,
    login_succeeded,
    login_wait,
)


class ThrottledLoginView(LoginView):
    """Django's login, slowed down for an account or an address after repeated failures."""

    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        attempt = _attempt(request)
        wait = login_wait(attempt)
        if wait:
            # The password is not even checked: a guess made now tells nothing.
            response = self.render_to_response(self.get_context_data(wait=wait), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        login_succeeded(_attempt(self.request))
        return super().form_valid(form)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        login_failed(_attempt(self.request))
        return super().form_invalid(form)


def _attempt(request: HttpRequest) -> Attempt:
    return Attempt(str(request.POST.get("username", ""))[:150], client_address(request))


def login(request: HttpRequest) -> HttpResponseBase:
    if settings.LOCAL_MODE:
        # There is no password in local mode: `rapport serve` prints a one-time link.
        return render(request, "accounts/local_login.html", status=200)
    return ThrottledLoginView.as_view()(request)


def token_login(request: HttpRequest, token: str) -> HttpResponse:
    user = services.login_token_consume(raw=token)
    if user is None:
        return render(request, "accounts/token_invalid.html", status=403)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    login_succeeded(Attempt(user.username, client_address(request)))
    return redirect("front:home")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    return redirect("accounts:login")
