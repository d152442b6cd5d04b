"""Importing in a real browser: upload, preview, import, review a look-alike, undo."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from tests.browser.helpers import assert_accessible, screenshot
from tests.imports.import_builders import contact, run

from rapport.accounts.services import local_user_get_or_create, login_token_create
from rapport.imports.models import ImportBatch
from rapport.people.models import ContactPoint, Person

CARDS = """BEGIN:VCARD\r
VERSION:3.0\r
N:Souza;Ana;;;\r
FN:Ana Souza\r
ORG:Acme Inc.\r
EMAIL;type=INTERNET;type=WORK:ana@acme.com\r
TEL;type=CELL:+44 7700 900123\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:Okafor;Bruno;;;\r
FN:Bruno Okafor\r
ORG:Initech\r
EMAIL:bruno@initech.example\r
END:VCARD\r
"""


def test_a_card_import_is_previewed_confirmed_reviewed_and_undone(
    live_server: LiveServer, page: Page, settings: Settings, tmp_path: Path
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path
    user = local_user_get_or_create()
    # Already known from LinkedIn: Ana at Acme, and a Bruno Okafor who works elsewhere.
    run(user, contacts=[
        contact("https://www.linkedin.com/in/ana", first_name="Ana", last_name="Souza",
                linkedin_url="https://www.linkedin.com/in/ana", company="Acme"),
        contact("https://www.linkedin.com/in/bruno", first_name="Bruno", last_name="Okafor",
                linkedin_url="https://www.linkedin.com/in/bruno", company="Globex",
                emails=["bruno@globex.example"]),
    ])  # fmt: skip
    page.goto(f"{live_server.url}/login/{login_token_create(user=user)}/")

    page.goto(f"{live_server.url}/imports/")
    assert_accessible(page)
    screenshot(page, "import")
    page.get_by_label("What is this file?").select_option("vcard")
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    page.get_by_label("File", exact=True).set_input_files(str(cards))
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("button", name="Import", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "import-preview")
    assert not ContactPoint.objects.filter(owner=user, value="+44 7700 900123").exists()
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("link", name="Review possible duplicates")).to_be_visible()
    expect(page.get_by_text("1 possible duplicate waits for your review.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "import-done")
    ana = Person.objects.get(owner=user, full_name="Ana Souza")  # merged, not doubled
    assert ana.contact_points.get(value="+44 7700 900123").label == "Mobile"

    page.get_by_role("link", name="Review possible duplicates").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("duplicate")
    assert_accessible(page)
    screenshot(page, "import-review")
    page.get_by_role("button", name="Keep apart").first.click()
    expect(page.get_by_text("Bruno Okafor").first).to_be_visible()
    assert Person.objects.filter(owner=user, full_name="Bruno Okafor").count() == 2

    card_import = ImportBatch.objects.filter(owner=user).latest("pk")  # ids depend on test order
    page.goto(f"{live_server.url}/imports/")
    page.get_by_role("link", name=f"Undo this import (#{card_import.pk})").click()
    assert_accessible(page)
    page.get_by_role("button", name="Undo this import").click()
    expect(page.get_by_text(f"Import #{card_import.pk} was undone.")).to_be_visible()
    assert not ContactPoint.objects.filter(owner=user, value="+44 7700 900123").exists()
    assert Person.objects.filter(owner=user, full_name="Bruno Okafor").count() == 1
