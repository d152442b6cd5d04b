"""Error pages say what happened and what to do, in the app's own layout."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import get_template
from django.test import Client

from rapport.accounts.models import User
from rapport.opportunities.models import Opportunity


def test_a_pasted_page_too_large_for_a_form_says_to_upload_the_file_and_saves_nothing(
    client_owner: Client, owner: User
) -> None:
    html = "<p>" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + "</p>"
    response = client_owner.post("/jobs/save/", {"html": html})
    assert response.status_code == 413
    page = response.content.decode()
    assert "too large to send in a form" in page
    assert "upload the saved file" in page
    assert "Nothing was saved." in page
    assert not Opportunity.objects.filter(owner=owner).exists()


def test_an_unknown_address_gets_a_page_with_a_way_back(client_owner: Client) -> None:
    response = client_owner.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is nothing here" in page
    assert 'href="/"' in page


def test_a_server_error_page_needs_no_request_or_database() -> None:
    html = get_template("500.html").render({})
    assert "Something went wrong in Rapport" in html
    assert "nothing of it was saved" in html
