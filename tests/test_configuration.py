"""Configuration: read once into settings; server mode answers only its own address."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from rapport import conf
from rapport.accounts.models import User
from rapport.imports.uploads import upload_save


def test_server_mode_answers_the_host_and_origin_of_its_base_url() -> None:
    assert conf.base_url_origin("https://rapport.example.org/") == (
        "rapport.example.org",
        "https://rapport.example.org",
    )
    assert conf.base_url_origin("http://careers.uni.example:8443/rapport") == (
        "careers.uni.example",
        "http://careers.uni.example:8443",
    )
    for wrong in ("", "rapport.example.org", "ftp://rapport.example.org", "https://"):
        assert conf.base_url_origin(wrong) is None, wrong


def test_server_mode_refuses_to_start_without_a_base_url(settings: Settings) -> None:
    settings.LOCAL_MODE = False
    settings.ALLOWED_HOSTS = []
    assert "rapport.E003" in {message.id for message in run_checks()}
    settings.ALLOWED_HOSTS = ["rapport.example.org"]
    assert "rapport.E003" not in {message.id for message in run_checks()}


def test_a_secret_may_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret from a file\n", encoding="utf-8")
    monkeypatch.setenv("RAPPORT_EMAIL_PASSWORD", "from the environment")
    assert conf.envsecret("RAPPORT_EMAIL_PASSWORD") == "from the environment"
    monkeypatch.setenv("RAPPORT_EMAIL_PASSWORD_FILE", str(secret))
    assert conf.envsecret("RAPPORT_EMAIL_PASSWORD") == "s3cret from a file"


def test_uploaded_files_are_readable_by_the_server_only(
    owner: User, settings: Settings, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    path = upload_save(owner=owner, upload=SimpleUploadedFile("Connections.csv", b"a,b\n"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_commands_that_all_find_no_secret_key_agree_on_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = conf.local_secret_key(tmp_path)
    # Another command found no key a moment ago, and makes one now that the first exists.
    monkeypatch.setattr(Path, "exists", lambda self: False)

    assert conf.local_secret_key(tmp_path) == first
    assert len(first) >= 50
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # nothing left behind
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
