"""The import preview page tells every row an import would skip, and why (#11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from tests.imports.test_import_linkedin_shapes import skipping_export
from tests.imports.web.import_web_helpers import immediate_tasks, last_job, upload

from rapport.imports.models import JobStatus

pytestmark = pytest.mark.usefixtures("immediate_tasks")
__all__ = ["immediate_tasks"]


def test_the_preview_page_shows_each_skip_with_its_reason_and_count(
    client_owner: Client, tmp_path: Path
) -> None:
    archive = skipping_export(tmp_path)
    response = upload(client_owner, archive.read_bytes(), archive.name, kind="linkedin")
    job = last_job()
    assert job.status == JobStatus.READY
    page = client_owner.get(response["Location"]).content.decode()
    assert "Nothing has been written yet" in page
    assert "Connections.csv: 2 rows skipped (first at line 6): no name" in page
    assert "messages.csv: 1 conversation-day skipped (line 5): your own messages to" in page
    assert "Positions.csv: 1 position skipped (line 4): neither company nor title" in page
    assert "Invitations.csv: 1 invitation skipped (line 4): sent without a note" in page
