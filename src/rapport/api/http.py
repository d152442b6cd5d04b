"""The API's HTTP conventions: bearer tokens, problem+json errors, ETags, rate limits."""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from rapport.api import cache
from rapport.api.models import ApiToken
from rapport.api.services import token_authenticate

PROBLEM = "application/problem+json"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer rap_…`; a read-only token may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_authenticate(raw=token.strip())
        if found is not None and found.read_only and request.method not in SAFE_METHODS:
            raise HttpError(403, "This token is read-only: it cannot change anything.")
        return found


class TokenRateThrottle(BaseThrottle):
    """At most RAPPORT_API_RATE requests per token and window ("600/m"), counted in the cache
    (each app process has its own). A counter per window costs the same at any rate, and the
    object keeps no request's state: one instance serves every thread."""

    def __init__(self) -> None:
        self._wait = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        allowed, seconds = _parse_rate(settings.RAPPORT_API_RATE)
        now = time.time()
        window = int(now // seconds)
        key = f"api-throttle-{token.pk}-{seconds}-{window}"
        django_cache.add(key, 0, timeout=seconds + 1)
        try:
            count = django_cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            django_cache.add(key, 1, timeout=seconds + 1)
            count = 1
        self._wait.seconds = (window + 1) * seconds - now
        return count <= allowed

    def wait(self) -> float | None:
        seconds: float | None = getattr(self._wait, "seconds", None)
        return seconds


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_rate(rate: str) -> tuple[int, int]:
    """("600/m") → (600, 60)."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip()[:1]]


class RapportAPI(NinjaAPI):
    """Answers GETs with an ETag, and If-None-Match with 304 Not Modified."""

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method != "GET" or response.status_code != 200:
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        cache.keep(request, response, etag)
        return cache.conditional(request, response, etag)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Errors are documented as what they are: RFC 9457 problem documents."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM] = content.pop("application/json")
        return schema


def problem(status: int, title: str, detail: str = "", **extra: Any) -> JsonResponse:
    """An RFC 9457 problem document."""
    body = {"type": "about:blank", "title": title, "status": status, **extra}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status, content_type=PROBLEM)


def _on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(422, "The request is not valid.", errors=exc.errors)


def _on_django_validation(request: HttpRequest, exc: Any) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    detail = " ".join(message for messages in errors.values() for message in messages)
    return problem(422, "The request is not valid.", detail, errors=errors)


def _on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(404, "Not found.", "You have nothing with this id.")


def _on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
    response = problem(
        401,
        "A valid token is needed.",
        "Send `Authorization: Bearer <token>` with a live token (`rapport token create`).",
    )
    response["WWW-Authenticate"] = 'Bearer realm="rapport"'
    return response


def _on_throttled(request: HttpRequest, exc: Any) -> HttpResponse:
    wait = max(1, int(exc.wait or 1))
    response = problem(429, "Too many requests.", f"Try again in {wait} seconds.")
    response["Retry-After"] = str(wait)
    return response


def _on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(exc.status_code, str(exc))


def api_create() -> RapportAPI:
    api = RapportAPI(
        title="Rapport API",
        version="1",
        description="Your network, targets, conversations and next moves, for your own "
        "programs. Every call acts as the token's owner; writes do what the web pages do.",
        urls_namespace="api",
        auth=TokenAuth(),
        throttle=[TokenRateThrottle()],
        docs=Swagger(settings={"persistAuthorization": False}),
    )
    api.add_exception_handler(ValidationError, _on_validation)
    api.add_exception_handler(DjangoValidationError, _on_django_validation)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(AuthenticationError, _on_authentication)
    api.add_exception_handler(Throttled, _on_throttled)
    api.add_exception_handler(HttpError, _on_http_error)
    return api
