"""Rapport on a phone with no connection: the service worker serves the quick log and the
static files, keeps a quick log made offline, and sends it once when back online."""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, log_in

from rapport.conversations.models import Conversation
from rapport.people.services import person_resolve

# The quick logs the service worker keeps (IndexedDB "rapport-offline", store "quick-logs").
READ_KEPT = """() => new Promise((resolve) => {
  const opening = indexedDB.open("rapport-offline", 1);
  opening.onsuccess = () => {
    const request = opening.result.transaction("quick-logs").objectStore("quick-logs").getAll();
    request.onsuccess = () => resolve(request.result);
  };
})"""
KEEP = """(entry) => new Promise((resolve) => {
  const opening = indexedDB.open("rapport-offline", 1);
  opening.onsuccess = () => {
    const transaction = opening.result.transaction("quick-logs", "readwrite");
    transaction.objectStore("quick-logs").put(entry);
    transaction.oncomplete = () => resolve(true);
  };
})"""


def _controlled(page: Page, url: str) -> None:
    """Open `url` once the service worker is installed and looks after the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_a_quick_log_made_offline_is_sent_once_when_back_online(
    live_server: LiveServer, phone_app: Page
) -> None:
    user = log_in(phone_app, live_server)
    person_resolve(owner=user, text="Ana Souza")
    quick_log = f"{live_server.url}/playbook/quick-log/"
    _controlled(phone_app, quick_log)

    phone_app.context.set_offline(True)
    phone_app.goto(quick_log)
    expect(phone_app.get_by_role("heading", level=1)).to_have_text("Quick log")
    sticky = phone_app.locator(".site-header").evaluate("el => getComputedStyle(el).position")
    assert sticky == "sticky", "the style sheet comes from the cache"
    phone_app.get_by_label("Who", exact=True).fill("Ana Souza")
    phone_app.get_by_role("checkbox", name="Advice").tap()
    phone_app.get_by_label("What advice?").fill("Ask the team lead, not HR")
    phone_app.get_by_role("button", name="Save").tap()
    expect(phone_app.get_by_role("heading", level=1)).to_have_text("Saved on this device")
    expect(phone_app.get_by_role("status")).to_contain_text("1 quick log waits to be sent")
    assert_accessible(phone_app)
    assert not Conversation.objects.filter(owner=user).exists()
    kept = phone_app.evaluate(READ_KEPT)
    assert len(kept) == 1

    phone_app.context.set_offline(False)  # the page hears it and asks the worker to send
    expect(phone_app.get_by_role("status")).to_contain_text("1 quick log made offline sent.")
    conversation = Conversation.objects.get(owner=user)
    assert conversation.outcomes.get().text == "Ask the team lead, not HR"
    assert phone_app.evaluate(READ_KEPT) == []

    # The same quick log sent again (the network failed after the server saved it): one.
    phone_app.evaluate(KEEP, kept[0])
    phone_app.evaluate("document.getElementById('offline-status').remove()")
    phone_app.evaluate("navigator.serviceWorker.controller.postMessage('send')")
    expect(phone_app.get_by_role("status")).to_contain_text("1 quick log made offline sent.")
    assert phone_app.evaluate(READ_KEPT) == []
    assert Conversation.objects.filter(owner=user).count() == 1


def test_a_page_opened_offline_says_so_and_offers_the_quick_log(
    live_server: LiveServer, phone_app: Page
) -> None:
    log_in(phone_app, live_server)
    _controlled(phone_app, live_server.url + "/")
    phone_app.context.set_offline(True)
    phone_app.goto(live_server.url + "/companies/")
    expect(phone_app.get_by_role("heading", level=1)).to_have_text("You are offline")
    phone_app.get_by_role("link", name="Quick log").first.tap()
    expect(phone_app.get_by_role("heading", level=1)).to_have_text("Quick log")


def test_a_quick_log_the_server_refuses_can_be_opened_again_as_it_was_typed(
    live_server: LiveServer, phone_app: Page
) -> None:
    log_in(phone_app, live_server)
    quick_log = f"{live_server.url}/playbook/quick-log/"
    _controlled(phone_app, quick_log)
    token = phone_app.locator("main input[name=csrfmiddlewaretoken]").input_value()
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "key": "0f6c2d0e-5d1a-4b8e-9a53-6c1f0b7e2a11",
            "person": "Someone Gone (#999)",
            "channel": "call",
            "occurred_on": "2026-12-07",
            "notes": "Kept while offline",
        }
    )
    phone_app.evaluate(
        KEEP, {"key": "0f6c2d0e-5d1a-4b8e-9a53-6c1f0b7e2a11", "body": body, "url": quick_log}
    )
    phone_app.evaluate("navigator.serviceWorker.controller.postMessage('send')")
    status = phone_app.get_by_role("status")
    expect(status).to_contain_text("could not be saved as it was")
    status.get_by_role("link", name="open it to fix it").tap()
    expect(phone_app.get_by_label("Notes")).to_have_value("Kept while offline")
    expect(phone_app.get_by_role("radio", name="Phone call")).to_be_checked()
    expect(phone_app.get_by_label("Who", exact=True)).to_have_value("Someone Gone (#999)")
    assert phone_app.evaluate(READ_KEPT) == []
