from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rapport.core.http import AuthedRequest
from rapport.exports.selectors import (
    KINDS,
    export_csv,
    export_csv_zip,
    export_json,
    export_vcard,
)


@login_required
def your_data(request: AuthedRequest) -> HttpResponse:
    return render(request, "exports/your_data.html", {"kinds": KINDS})


@login_required
def download_json(request: AuthedRequest) -> HttpResponse:
    return _attachment(export_json(owner=request.user), "rapport", "json", "application/json")


@login_required
def download_vcard(request: AuthedRequest) -> HttpResponse:
    data = export_vcard(owner=request.user).encode("utf-8")
    return _attachment(data, "rapport-contacts", "vcf", "text/vcard; charset=utf-8")


@login_required
def download_csv_zip(request: AuthedRequest) -> HttpResponse:
    return _attachment(export_csv_zip(owner=request.user), "rapport-csv", "zip", "application/zip")


@login_required
def download_csv(request: AuthedRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such export")
    data = export_csv(owner=request.user, kind=kind)
    return _attachment(data, f"rapport-{kind}", "csv", "text/csv; charset=utf-8")


def _attachment(data: bytes, stem: str, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # private data: never kept in a shared cache
    return response
