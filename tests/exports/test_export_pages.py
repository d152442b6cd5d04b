"""The "Your data" settings page and its downloads: the owner's data, and only theirs."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from tests.exports.exports_helpers import network_populate

from rapport.accounts.models import User
from rapport.exports.selectors import export_csv, export_json, export_vcard


@pytest.fixture
def both(owner: User, other: User) -> None:
    network_populate(owner)
    network_populate(other, prefix="Secret ")


DOWNLOADS = [
    ("exports:json", {}, "application/json", ".json"),
    ("exports:vcard", {}, "text/vcard; charset=utf-8", ".vcf"),
    ("exports:csv_zip", {}, "application/zip", ".zip"),
    ("exports:csv", {"kind": "people"}, "text/csv; charset=utf-8", ".csv"),
]


def test_the_page_needs_a_login(client: Client, db: None) -> None:
    response = client.get(reverse("exports:your_data"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))


def test_the_page_offers_every_download(client_owner: Client) -> None:
    page = client_owner.get(reverse("exports:your_data")).content.decode()
    assert "Your data" in page
    for name, kwargs, _, _ in DOWNLOADS:
        assert reverse(name, kwargs=kwargs) in page
    assert "rapport backup" in page
    assert "<script>" not in page
    assert "style=" not in page


@pytest.mark.parametrize(("name", "kwargs", "content_type", "extension"), DOWNLOADS)
def test_each_download_is_an_attachment_of_the_owners_data_only(
    client_owner: Client,
    both: None,
    name: str,
    kwargs: dict[str, str],
    content_type: str,
    extension: str,
) -> None:
    response = client_owner.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="rapport')
    assert disposition.endswith(f'{extension}"')
    assert response["Cache-Control"] == "no-store"
    content = response.content
    if extension == ".zip":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(n) for n in archive.namelist())
    assert b"Ana Souza" in content
    assert b"Secret" not in content


def test_the_downloads_match_the_command_line_exports(
    client_owner: Client, owner: User, both: None
) -> None:
    assert client_owner.get(reverse("exports:json")).content == export_json(owner=owner)
    assert client_owner.get(reverse("exports:vcard")).content == export_vcard(owner=owner).encode()
    people = client_owner.get(reverse("exports:csv", kwargs={"kind": "people"})).content
    assert people == export_csv(owner=owner, kind="people")


def test_another_user_downloads_their_own_data(client_other: Client, both: None) -> None:
    content = client_other.get(reverse("exports:json")).content.decode()
    assert "Secret Ana Souza" in content
    assert '"Ana Souza"' not in content


def test_an_unknown_csv_kind_is_not_found(client_owner: Client) -> None:
    response = client_owner.get(reverse("exports:csv", kwargs={"kind": "passwords"}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["exports:json", "exports:vcard", "exports:csv_zip"])
def test_downloads_need_a_login(client: Client, db: None, name: str) -> None:
    assert client.get(reverse(name)).status_code == 302
