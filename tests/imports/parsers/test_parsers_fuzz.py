"""Whatever the bytes, a parser returns records or raises ImportFormatError; nothing else."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard
from rapport.imports.parse.records import ImportFormatError, ParsedSource

FIXTURES = Path(__file__).parent / "fixtures"
Parser = Callable[[Path], ParsedSource]
PARSERS: dict[str, tuple[Parser, str]] = {
    "linkedin": (parse_linkedin, "Connections.csv"),
    "vcard": (parse_vcard, "contacts.vcf"),
    "csv": (parse_contacts_csv, "contacts.csv"),
}
VALID = {
    "linkedin": [*sorted((FIXTURES / "linkedin").iterdir())],
    "vcard": [*sorted((FIXTURES / "vcard").iterdir())],
    "csv": [*sorted((FIXTURES / "csv").iterdir())],
}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in VALID["linkedin"]:
            archive.write(path, f"Export/{path.name}")
    return buffer.getvalue()


def outcome(parser: Parser, path: Path) -> ParsedSource | ImportFormatError:
    try:
        return parser(path)
    except ImportFormatError as error:
        return error


def parse_or_refuse(parser: Parser, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    source = outcome(parser, path)
    if isinstance(source, ImportFormatError):
        assert source.file  # the message names the file
        return
    records = [*source.contacts, *source.messages, *source.invitations, *source.positions]
    assert all(record.file and record.line >= 1 for record in records)
    assert all(contact.full_name and contact.source_key for contact in source.contacts)
    assert parser(path) == source  # deterministic


@st.composite
def mangled(draw: st.DrawFn, originals: list[bytes]) -> bytes:
    """A valid file cut short, with bytes flipped, or with lines deleted."""
    data = draw(st.sampled_from(originals))
    how = draw(st.sampled_from(["truncate", "flip", "delete lines"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if how == "flip":
        flips = draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255))))
        mutable = bytearray(data)
        for index, value in flips[:20]:
            mutable[index] = value
        return bytes(mutable)
    lines = data.splitlines(keepends=True)
    doomed = draw(st.sets(st.integers(0, len(lines) - 1), max_size=max(1, len(lines) // 2)))
    return b"".join(line for number, line in enumerate(lines) if number not in doomed)


@pytest.mark.parametrize("kind", sorted(PARSERS))
@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_parse_or_raise_import_format_error(
    kind: str, data: bytes, tmp_path: Path
) -> None:
    parser, name = PARSERS[kind]
    parse_or_refuse(parser, tmp_path / name, data)


@pytest.mark.parametrize("kind", sorted(PARSERS))
@FUZZ
@given(text=st.text(max_size=500))
def test_random_text_parses_or_raises_import_format_error(
    kind: str, text: str, tmp_path: Path
) -> None:
    parser, name = PARSERS[kind]
    parse_or_refuse(parser, tmp_path / name, text.encode("utf-8", errors="surrogatepass"))


@pytest.mark.parametrize("kind", sorted(PARSERS))
@FUZZ
@given(data=st.data())
def test_mangled_valid_files_parse_or_raise_import_format_error(
    kind: str, data: st.DataObject, tmp_path: Path
) -> None:
    parser, name = PARSERS[kind]
    originals = [path.read_bytes() for path in VALID[kind]]
    parse_or_refuse(parser, tmp_path / name, data.draw(mangled(originals)))


@FUZZ
@given(data=mangled([export_zip()]))
def test_a_mangled_export_zip_parses_or_raises_import_format_error(
    data: bytes, tmp_path: Path
) -> None:
    parse_or_refuse(parse_linkedin, tmp_path / "export.zip", data)


@FUZZ
@given(
    lines=st.lists(
        st.text(alphabet=st.sampled_from(list("BEGIN:VCARD;=\\\r\n QP,FN"))), max_size=30
    )
)
def test_vcard_shaped_noise_parses_or_raises_import_format_error(
    lines: list[str], tmp_path: Path
) -> None:
    text = "BEGIN:VCARD\r\n" + "\r\n".join(lines)
    parse_or_refuse(parse_vcard, tmp_path / "contacts.vcf", text.encode("utf-8"))
