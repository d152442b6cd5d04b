"""Inside Django: how many SQL queries the Today page runs (must not grow with the data)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.accounts.models import User
from rapport.people.models import Person


def count_queries() -> dict[str, Any]:
    owner = User.objects.order_by("pk").get()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    url = reverse("playbook:today")
    client.get(url)  # first request: sessions, caches and templates warmed
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"the Today page answered HTTP {response.status_code}")
    return {
        "queries": len(captured),
        "status": response.status_code,
        "bytes": len(response.content),
        "people": Person.objects.filter(owner=owner).count(),
        "sql": [query["sql"][:200] for query in captured.captured_queries],
    }
