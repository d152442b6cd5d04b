"""Rapport as an installable app: the manifest, its icons, the service worker, offline pages."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse


def test_the_manifest_makes_rapport_installable(client: Client) -> None:
    response = client.get(reverse("core:manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["name"], manifest["display"], manifest["start_url"]) == (
        "Rapport",
        "standalone",
        "/",
    )
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert {"192x192", "512x512", "any"} <= set(sizes)
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        assert served["Content-Type"] == icon["type"]
    assert manifest["shortcuts"][0]["url"] == reverse("playbook:quick_log")


def test_every_page_links_the_manifest_and_the_worker(client_owner: Client) -> None:
    page = client_owner.get(reverse("front:home")).content.decode()
    assert f'<link rel="manifest" href="{reverse("core:manifest")}">' in page
    assert f'content="{reverse("core:service_worker")}"' in page


def test_the_service_worker_keeps_every_static_file_and_the_shell(client: Client) -> None:
    response = client.get(reverse("core:service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert "Content-Security-Policy" in response
    script = response.content.decode()
    config = json.loads(script.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert {"/static/rapport/rapport.css", "/static/rapport/pwa.js"} <= set(config["staticFiles"])
    assert "/static/django_htmx/htmx-2.min.js" in config["staticFiles"]
    assert reverse("playbook:quick_log") in config["pages"]
    assert reverse("core:queued") in config["pages"]
    for url in config["staticFiles"]:
        assert client.get(url).status_code == 200, url


def test_the_offline_pages_say_what_happens(client_owner: Client) -> None:
    offline = client_owner.get(reverse("core:offline")).content.decode()
    assert "You are offline" in offline
    queued = client_owner.get(reverse("core:queued")).content.decode()
    assert "Saved on this device" in queued
