"""Fixtures for running the real `rapport` program; see rapport_cli for the helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rapport_cli import Rapport, Server, local_rapport, serving


@pytest.fixture
def rapport(tmp_path: Path) -> Rapport:
    return local_rapport(tmp_path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One `rapport serve` for the module: starting it migrates a new database (~1 s)."""
    with serving(local_rapport(tmp_path_factory.mktemp("serve"))) as running:
        yield running
