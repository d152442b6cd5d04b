from __future__ import annotations

import pytest
from tests.search.search_factories import Find

from rapport.accounts.models import User
from rapport.search.selectors import SearchResults, search


@pytest.fixture
def find(owner: User) -> Find:
    """Search the owner's data: find("kowal", types=["person"])."""

    def run(query: str, **options: object) -> SearchResults:
        return search(owner=owner, query=query, **options)  # type: ignore[arg-type]

    return run
