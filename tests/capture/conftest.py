from __future__ import annotations

from pathlib import Path

import pytest
from capture_world import FILES


@pytest.fixture
def files() -> Path:
    return FILES
