"""The `rapport` program's commands, run as a user would run them."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from rapport_cli import RAPPORT, Rapport

RAPPORT_COMMANDS = ["serve", "loginlink", "createuser", "demo"]


def _examples(help_text: str) -> list[str]:
    """The command lines after "Example:" / "Examples:", one per line, comments dropped."""
    _, _, rest = help_text.partition("Example")
    lines = rest.split(":", 1)[1].splitlines() if rest else []
    return [re.split(r"\s{2,}\(|\s<\s", line.strip())[0] for line in lines if line.strip()]


def _our_commands() -> dict[str, str]:
    return {name: app for name, app in get_commands().items() if app.startswith("rapport.")}


def test_every_rapport_command_is_checked_for_its_example() -> None:
    assert set(RAPPORT_COMMANDS) <= set(_our_commands())


@pytest.mark.parametrize("name", sorted(_our_commands()))
def test_each_commands_examples_run_as_written(name: str) -> None:
    """Each example names the command and parses with its options: no stale flag, no typo."""
    command = load_command_class(_our_commands()[name], name)
    parser = command.create_parser("rapport", name)
    examples = _examples(command.help)
    assert examples, f"`rapport {name} --help` shows no example"
    for example in examples:
        words = [w for w in shlex.split(example) if not re.fullmatch(r"[A-Z_]+=\S*", w)]
        assert words[:2] == ["rapport", name], example
        parser.parse_args(words[2:])  # a CommandError names the wrong option


@pytest.mark.parametrize("command", RAPPORT_COMMANDS)
def test_the_help_printed_by_the_program_shows_an_example(rapport: Rapport, command: str) -> None:
    result = rapport.run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout


def test_in_server_mode_check_reports_a_missing_secret_key(rapport: Rapport) -> None:
    server = rapport.with_env(
        RAPPORT_MODE="server", DATABASE_URL="postgres://rapport@127.0.0.1:5432/rapport"
    )
    result = server.run("check")
    assert result.returncode != 0
    assert "rapport.E001" in result.stderr
    assert "RAPPORT_SECRET_KEY" in result.stderr
    assert "rapport.E002" not in result.stderr


def test_in_server_mode_the_base_url_is_required_and_secrets_may_be_files(
    rapport: Rapport, tmp_path: Path
) -> None:
    key = tmp_path / "secret_key"
    key.write_text("a-long-random-secret-key-for-this-test-only-0123456789\n", encoding="utf-8")
    server = rapport.with_env(
        RAPPORT_MODE="server",
        DATABASE_URL="postgres://rapport@127.0.0.1:5432/rapport",
        RAPPORT_SECRET_KEY_FILE=str(key),
    )
    without = server.run("check")
    assert without.returncode != 0
    assert "rapport.E003" in without.stderr
    assert "RAPPORT_BASE_URL" in without.stderr
    assert "rapport.E001" not in without.stderr  # the key came from its file

    configured = server.with_env(RAPPORT_BASE_URL="https://rapport.example.org").run("check")
    assert configured.returncode == 0, configured.stderr


def test_in_local_mode_createuser_refuses(rapport: Rapport) -> None:
    result = rapport.run("createuser", "ana", "--password-stdin", stdin="long-enough-pw-42\n")
    assert result.returncode != 0
    assert "Local mode" in result.stderr
    assert "Created" not in result.stdout


def test_running_demo_twice_refuses_the_second_time(rapport: Rapport) -> None:
    first = rapport.run("demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Loaded the demo network: ")
    second = rapport.run("demo")
    assert second.returncode != 0
    assert "already has people or companies" in second.stderr
    assert "Nothing was changed" in second.stderr
    assert second.stdout == ""


def test_commands_started_together_on_a_fresh_data_folder_migrate_it_once(
    rapport: Rapport,
) -> None:
    """The first commands someone runs may start together (`rapport serve` in one window,
    `rapport loginlink` in another): each migrates a new database, one after the other
    (serve takes the same lock; three loginlinks show it here)."""
    started = [
        subprocess.Popen(
            [*RAPPORT, "loginlink"],
            env=rapport.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    finished = [process.communicate(timeout=120) for process in started]
    assert [process.returncode for process in started] == [0, 0, 0], finished
    assert all("/login/" in out for out, _ in finished)


def test_a_command_starts_without_the_libraries_only_reading_a_page_needs(
    rapport: Rapport,
) -> None:
    """extruct (with rdflib, mf2py and BeautifulSoup) is a tenth of a second of start-up:
    loaded when a job posting's page is read, not with the postings' models."""
    heavy = ("extruct", "rdflib", "mf2py", "bs4")
    done = rapport.run(
        "shell", "-c", f"import sys; print(sorted(set({heavy!r}) & set(sys.modules)))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
