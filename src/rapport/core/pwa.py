"""Rapport as an installable app: its manifest, its service worker and the offline pages.

The service worker (templates/core/sw.js) is served from the site's root so that it may look
after every page. It keeps the static files and a few pages (the quick log, the offline
notice) for use offline, and holds a quick log sent while offline until it can be sent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

THEME = "#1d4e89"
OFFLINE_TYPES = {".css", ".js", ".svg", ".png"}


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    home = reverse("front:home")
    icons = [
        {"src": static("rapport/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("rapport/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("rapport/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("rapport/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": "Rapport",
        "short_name": "Rapport",
        "description": "Your network, your conversations, what to do next.",
        "id": home,
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "background_color": "#f7f8fa",
        "theme_color": THEME,
        "icons": icons,
        "shortcuts": [{"name": "Quick log", "url": reverse("playbook:quick_log")}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    files = _static_files()
    config = {
        # A new version whenever a static file changes: the worker then replaces its cache.
        "version": hashlib.sha256(
            b"".join(path.read_bytes() for path in files.values())
        ).hexdigest()[:16],
        "staticUrl": static(""),
        "staticFiles": [static(name) for name in files],
        "pages": [
            reverse(name)
            for name in ("playbook:quick_log", "core:offline", "core:queued", "core:manifest")
        ],
        "quickLog": reverse("playbook:quick_log"),
        "offline": reverse("core:offline"),
        "queued": reverse("core:queued"),
        "conversations": reverse("conversations:list"),
    }
    script = render_to_string("core/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def _static_files() -> dict[str, Path]:
    """Every static file a page may need (by its name under /static/), to keep offline."""
    found: dict[str, Path] = {}
    for finder in finders.get_finders():
        for name, storage in finder.list([]):
            if Path(name).suffix in OFFLINE_TYPES and name not in found:
                found[name.replace("\\", "/")] = Path(storage.path(name))
    return dict(sorted(found.items()))


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What a page opened offline shows (kept by the service worker)."""
    return render(request, "core/offline.html", {"queued": False})


@require_GET
def queued(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when it keeps a quick log sent offline."""
    return render(request, "core/offline.html", {"queued": True})
