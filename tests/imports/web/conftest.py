"""Fixtures of the import pages' tests."""

from __future__ import annotations

import pytest
from tests.imports.web.import_web_helpers import review_pair

from rapport.accounts.models import User
from rapport.imports.models import MergeCandidate


@pytest.fixture
def pairs(owner: User) -> list[MergeCandidate]:
    """Two pairs waiting in the review queue."""
    return [review_pair(owner, "Ana Souza", "Ana S."), review_pair(owner, "Bo Lind", "Bo L.")]
