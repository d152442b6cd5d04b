"""Personal access tokens: made on the settings page or with `rapport token`, shown once."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from rapport.accounts.models import User
from rapport.api.models import ApiToken
from rapport.api.services import token_hash


def _token(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_a_token_is_printed_once_and_only_its_fingerprint_kept(owner: User) -> None:
    created = json.loads(_token("create", "--name", "spreadsheet", "--read-only", "--json"))
    secret = created["secret"]
    assert secret.startswith("rap_")
    stored = ApiToken.objects.get(owner=owner)
    assert stored.token_hash == token_hash(secret)
    assert secret not in str(list(ApiToken.objects.values()))
    listed = json.loads(_token("list", "--json"))["tokens"]
    assert listed == [created["token"]]
    assert "secret" not in _token("list", "--json")
    response = Client().get("/api/v1/people", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_revoking_a_token_by_name_and_clear_errors(owner: User) -> None:
    _token("create", "--name", "script")
    with pytest.raises(CommandError, match="already have a token called 'script'"):
        _token("create", "--name", "script")
    with pytest.raises(CommandError, match="Give the token a name"):
        _token("create")
    assert _token("revoke", "script") == "Revoked script.\n"
    with pytest.raises(CommandError, match="no token called 'script'"):
        _token("revoke", "script")
    _token("create", "--name", "script")  # the name is free again
    assert "revoked" in _token("list")


def test_the_settings_page_shows_a_new_token_once_and_revokes_it(
    client_owner: Client, owner: User
) -> None:
    page = client_owner.post("/settings/tokens/", {"name": "Claude Desktop"})
    html = page.content.decode()
    token = ApiToken.objects.get(owner=owner)
    assert "Copy it now" in html
    assert not token.read_only
    assert "Copy it now" not in client_owner.get("/settings/tokens/").content.decode()
    assert "Claude Desktop" in client_owner.get("/settings/tokens/").content.decode()

    client_owner.post(f"/settings/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_empty_name_on_the_page_is_said_and_creates_nothing(
    client_owner: Client, owner: User
) -> None:
    page = client_owner.post("/settings/tokens/", {"name": "  "})
    assert page.status_code == 422
    assert "This field is required." in page.content.decode()
    assert not ApiToken.objects.exists()
