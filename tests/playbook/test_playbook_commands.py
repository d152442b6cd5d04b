"""Every playbook command explains itself, with an example."""

from __future__ import annotations

import pytest
from django.core.management import load_command_class


@pytest.mark.parametrize("name", ["today", "digest"])
def test_each_command_has_help_with_an_example(name: str) -> None:
    command = load_command_class("rapport.playbook", name)

    example = command.help.split("Example:", 1)[1]
    assert f"rapport {name}" in example
