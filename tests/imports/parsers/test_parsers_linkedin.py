"""LinkedIn export: Connections, messages, Invitations, Positions; zip, folder or one CSV."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse, parse_linkedin
from rapport.imports.parse.records import (
    ContactRecord,
    ImportFormatError,
    MessageRecord,
    ParsedSource,
)

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
UTC = dt.UTC


def connections(source: ParsedSource) -> dict[str, ContactRecord]:
    return {contact.full_name: contact for contact in source.contacts}


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# --- Connections.csv ----------------------------------------------------------------------


def test_connections_header_is_found_below_the_notes_preamble() -> None:
    source = parse_linkedin(FIXTURES / "Connections.csv")
    ana = source.contacts[0]
    assert ana.full_name == "Ana Souza"
    assert ana.line == 5  # Notes:, the quoted paragraph, a blank line, the header
    assert ana.emails == ["ana@example.com"]
    assert (ana.company, ana.title) == ("Stripe", "Staff Engineer")
    assert ana.connected_on == dt.date(2024, 11, 12)
    assert ana.file == "Connections.csv"
    assert source.files == ["Connections.csv"]


def test_connections_without_a_preamble_are_read_from_line_one(tmp_path: Path) -> None:
    text = fixture_text("Connections.csv")
    path = write(tmp_path, "Connections.csv", text[text.index("First Name") :])
    source = parse_linkedin(path)
    assert source.contacts[0].full_name == "Ana Souza"
    assert source.contacts[0].line == 2


def test_profile_url_is_the_source_key_and_percent_escapes_become_readable() -> None:
    jose = connections(parse_linkedin(FIXTURES / "Connections.csv"))["José García Núñez"]
    assert jose.linkedin_url == "https://www.linkedin.com/in/josé-garcía-núñez-4b1a2c3"
    assert jose.source_key == "linkedin.com/in/josé-garcía-núñez-4b1a2c3"


def test_a_country_subdomain_and_a_trailing_slash_do_not_change_the_profile_url() -> None:
    people = connections(parse_linkedin(FIXTURES / "Connections.csv"))
    assert people["陈 伟"].linkedin_url == "https://www.linkedin.com/in/chenwei"
    assert people["Jane Smith, PhD"].linkedin_url == "https://www.linkedin.com/in/janesmithphd"


def test_a_last_name_with_credentials_keeps_them_in_the_full_name_only() -> None:
    jane = connections(parse_linkedin(FIXTURES / "Connections.csv"))["Jane Smith, PhD"]
    assert (jane.first_name, jane.last_name) == ("Jane", "Smith")
    assert jane.title == "Director, Clinical Research"


def test_emoji_and_non_latin_names_survive() -> None:
    people = connections(parse_linkedin(FIXTURES / "Connections.csv"))
    assert people["Sam 🚀 Lee"].first_name == "Sam 🚀"
    assert people["陈 伟"].title == "产品经理"


def test_rows_blank_but_for_the_date_are_skipped_and_counted() -> None:
    source = parse_linkedin(FIXTURES / "Connections.csv")
    assert len(source.contacts) == 6
    assert source.skipped == 2
    assert source.skipped_by_kind == {"contacts": 2}


def test_the_2018_export_has_no_url_column_and_dates_with_a_time() -> None:
    source = parse_linkedin(FIXTURES / "Connections_2018.csv")
    maria, tom = source.contacts
    assert maria.connected_on == dt.date(2018, 11, 4)
    assert tom.connected_on == dt.date(2017, 3, 15)
    assert (tom.last_name, tom.full_name) == ("Baker", "Tom Baker, MBA")
    assert maria.linkedin_url == ""
    assert maria.source_key.startswith("sha256:")


def test_excel_re_saved_dates_like_05_mar_24_are_read(tmp_path: Path) -> None:
    text = "First Name,Last Name,Company,Position,Connected On\nAna,Souza,Stripe,Eng,05-Mar-24\n"
    source = parse_linkedin(write(tmp_path, "Connections.csv", text))
    assert source.contacts[0].connected_on == dt.date(2024, 3, 5)


def test_an_unreadable_date_is_one_warning_not_an_error(tmp_path: Path) -> None:
    text = "First Name,Last Name,Connected On\nAna,Souza,sometime\nBo,Li,never\n"
    source = parse_linkedin(write(tmp_path, "Connections.csv", text))
    assert [c.connected_on for c in source.contacts] == [None, None]
    assert source.warnings == [
        "Connections.csv, line 2: 2 Connected On value(s) not understood, e.g. 'sometime'"
    ]


def test_hashed_source_key_is_stable_when_rows_move_and_when_the_company_changes(
    tmp_path: Path,
) -> None:
    header = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    before = header + "Pat,O'Brien,,Globex,Recruiter,05 Jan 2023\n"
    after = header + "New,Person,,X,Y,01 Dec 2024\npat,o'brien,,Initech,Head of TA,05 Jan 2023\n"
    first = parse_linkedin(write(tmp_path, "a.csv", before)).contacts[0]
    again = parse_linkedin(write(tmp_path, "b.csv", after)).contacts[1]
    assert first.source_key == again.source_key


def test_same_file_parsed_twice_gives_identical_records() -> None:
    assert parse_linkedin(FIXTURES) == parse_linkedin(FIXTURES)


def test_a_file_is_recognised_by_its_header_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "my network (1).csv"
    shutil.copy(FIXTURES / "Connections.csv", path)
    assert len(parse_linkedin(path).contacts) == 6


def test_a_csv_with_no_recognisable_header_names_the_file_line_and_columns(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "Connections.csv", "Name,Phone\nAna,555\n")
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(path)
    assert caught.value.file == "Connections.csv"
    assert caught.value.line == 1
    assert "First Name, Last Name" in str(caught.value)
    assert "Connected On" in str(caught.value)


# --- encodings and delimiters -------------------------------------------------------------


def test_utf16_tab_separated_connections_are_read(tmp_path: Path) -> None:
    text = "First Name\tLast Name\tCompany\tPosition\tConnected On\r\n"
    text += 'Zoë\t"Brontë, MA"\tHaworth Ltd\tWriter\t01 Jan 2024\r\n'
    path = write(tmp_path, "Connections.csv", "\ufeff" + text, encoding="utf-16-le")
    (zoe,) = parse_linkedin(path).contacts
    assert (zoe.full_name, zoe.last_name, zoe.company) == (
        "Zoë Brontë, MA",
        "Brontë",
        "Haworth Ltd",
    )


def test_big_endian_utf16_is_read_too(tmp_path: Path) -> None:
    text = "\ufeffFirst Name\tLast Name\tConnected On\nAna\tSouza\t01 Jan 2024\n"
    path = write(tmp_path, "Connections.csv", text, encoding="utf-16-be")
    assert parse_linkedin(path).contacts[0].full_name == "Ana Souza"


def test_a_windows_1252_file_re_saved_in_excel_keeps_its_accents(tmp_path: Path) -> None:
    text = "First Name,Last Name,Company,Position,Connected On\r\n"
    text += "René,Dubois,Société Générale,Analyste,01 Jan 2024\r\n"
    (rene,) = parse_linkedin(write(tmp_path, "Connections.csv", text, encoding="cp1252")).contacts
    assert (rene.first_name, rene.company) == ("René", "Société Générale")


def test_a_utf8_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Connections.csv", "\ufeff" + fixture_text("Connections_2018.csv"))
    assert parse_linkedin(path).contacts[0].first_name == "Maria"


def test_semicolon_separated_csv_from_a_european_excel_is_read(tmp_path: Path) -> None:
    text = "First Name;Last Name;Company;Position;Connected On\nAna;Souza;Stripe;Eng;05.03.2024\n"
    (ana,) = parse_linkedin(write(tmp_path, "Connections.csv", text)).contacts
    assert (ana.full_name, ana.company) == ("Ana Souza", "Stripe")
    assert ana.connected_on == dt.date(2024, 3, 5)  # day first, as that Excel writes it


def test_a_binary_file_is_refused_naming_the_file_and_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ImportFormatError, match=r"binary file.*expected a CSV") as caught:
        parse_linkedin(path)
    assert caught.value.file == "photo.csv"


# --- messages.csv -------------------------------------------------------------------------


def messages_by_conversation() -> dict[str, MessageRecord]:
    source = parse_linkedin(FIXTURES / "messages.csv")
    return {message.conversation_id: message for message in source.messages}


def test_a_message_has_its_people_and_an_aware_utc_time() -> None:
    message = messages_by_conversation()["2-conv-ana"]
    assert message.sender_name == "Ana Souza"
    assert message.sender_url == "https://www.linkedin.com/in/ana-souza"
    assert message.recipients == [("Me Myself", "https://www.linkedin.com/in/me-myself")]
    assert message.sent_at == dt.datetime(2024, 11, 12, 14, 3, 27, tzinfo=UTC)
    assert message.content == "Thanks for connecting!\nHappy to chat about Stripe."
    assert message.line == 2


def test_drafts_and_system_rows_are_skipped_and_counted() -> None:
    source = parse_linkedin(FIXTURES / "messages.csv")
    contents = [message.content for message in source.messages]
    assert "Unsent thoughts" not in contents
    assert "Message request accepted" not in contents
    assert source.skipped_by_kind == {"messages": 3}  # a draft, an empty FROM, a request


def test_a_linkedin_member_sender_is_kept_with_no_url() -> None:
    message = messages_by_conversation()["2-conv-member"]
    assert (message.sender_name, message.sender_url) == ("LinkedIn Member", "")


def test_inmail_html_becomes_plain_text() -> None:
    message = messages_by_conversation()["2-conv-inmail"]
    assert message.subject == "Senior Analyst role at Globex"
    assert message.content == "Hi Me,\n\nI came across your profile & thought of you.\nBest,\nRiley"


def test_several_recipients_are_paired_with_their_urls_when_the_counts_match() -> None:
    assert messages_by_conversation()["2-conv-group"].recipients == [
        ("Ana Souza", "https://www.linkedin.com/in/ana-souza"),
        ("Sam Lee", "https://www.linkedin.com/in/samlee"),
    ]


def test_names_with_credentials_pair_with_semicolon_urls_credentials_and_all() -> None:
    # "Jane Smith, PhD, Sam Lee" for two profiles: the credential stays with its name (#11).
    assert messages_by_conversation()["2-conv-group2"].recipients == [
        ("Jane Smith, PhD", "https://www.linkedin.com/in/janesmithphd"),
        ("Sam Lee", "https://www.linkedin.com/in/samlee"),
    ]


def test_one_recipient_whose_name_has_a_comma_keeps_the_whole_name() -> None:
    assert messages_by_conversation()["2-conv-jane"].recipients == [
        ("Jane Smith, PhD", "https://www.linkedin.com/in/janesmithphd")
    ]


def test_messages_from_2021_without_recipient_urls_are_read(tmp_path: Path) -> None:
    text = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
        "FOLDER\n"
        "c1,,Ana Souza,https://www.linkedin.com/in/ana-souza,Me,2021-06-01 10:00:00 UTC,,Hi,INBOX\n"
    )
    (message,) = parse_linkedin(write(tmp_path, "messages.csv", text)).messages
    assert message.recipients == [("Me", "")]


def test_messages_from_2018_get_a_conversation_id_from_their_participants(
    tmp_path: Path,
) -> None:
    text = (
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ana Souza,Me,"11/4/18, 9:05 AM",,Hello,INCOMING,INBOX\n'
        'Me,Ana Souza,"11/4/18, 9:30 PM",,Hi Ana,OUTGOING,SENT\n'
    )
    first, reply = parse_linkedin(write(tmp_path, "messages.csv", text)).messages
    assert first.conversation_id == reply.conversation_id
    assert reply.sent_at == dt.datetime(2018, 11, 4, 21, 30, tzinfo=UTC)


# --- Invitations.csv and Positions.csv ----------------------------------------------------


def test_invitations_have_direction_time_and_profile_urls() -> None:
    outgoing, incoming = parse_linkedin(FIXTURES / "Invitations.csv").invitations
    assert (outgoing.from_name, outgoing.to_name, outgoing.direction) == (
        "Me Myself",
        "Ana Souza",
        "OUTGOING",
    )
    assert outgoing.sent_at == dt.datetime(2024, 3, 7, 9, 5, tzinfo=UTC)
    assert outgoing.message == "Hi Ana, loved your talk on payments."
    assert outgoing.invitee_url == "https://www.linkedin.com/in/ana-souza"
    assert incoming.sent_at == dt.datetime(2023, 12, 25, 23, 47, tzinfo=UTC)
    assert incoming.direction == "INCOMING"


def test_positions_read_month_or_year_dates_and_an_empty_end_means_current() -> None:
    current, past = parse_linkedin(FIXTURES / "Positions.csv").positions
    assert (current.company, current.title, current.location) == (
        "Acme Corp",
        "Senior Analyst",
        "Lyon, France",
    )
    assert current.started_on == dt.date(2021, 3, 1)
    assert current.finished_on is None
    assert current.description.endswith("Mentored two juniors.")
    assert (past.started_on, past.finished_on) == (dt.date(2018, 1, 1), dt.date(2021, 2, 1))
    assert past.line == 4  # the first position's description spans two lines


# --- the export as a zip or a folder ------------------------------------------------------


def make_zip(path: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(FIXTURES.iterdir()):
            archive.write(file, prefix + file.name)
        archive.writestr(prefix + "Profile.csv", "First Name,Last Name,Headline\nMe,Myself,Hi\n")
        archive.writestr(prefix + "Rich_Media.zip", b"PK\x03\x04 not ours")
        archive.writestr("__MACOSX/._Connections.csv", b"\x00\x05\x16\x07\x00\x02\x00\x00")
    return path


def test_the_export_zip_gives_every_kind_of_record(tmp_path: Path) -> None:
    source = parse_linkedin(make_zip(tmp_path / "Basic_LinkedInDataExport.zip"))
    assert len(source.contacts) == 8
    assert len(source.messages) == 6
    assert len(source.invitations) == 2
    assert len(source.positions) == 2
    assert "Basic_LinkedInDataExport.zip/Connections.csv" in source.files
    assert not any("Profile" in file for file in source.files)
    assert source.contacts[0].file == "Basic_LinkedInDataExport.zip/Connections.csv"


def test_files_nested_in_a_folder_inside_the_zip_are_found(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", prefix="Complete_LinkedInDataExport_11-26-2025/")
    source = parse_linkedin(path)
    assert len(source.contacts) == 8
    assert source.files[0].startswith("export.zip/Complete_LinkedInDataExport_11-26-2025/")


def test_a_truncated_zip_says_it_is_not_complete(tmp_path: Path) -> None:
    whole = make_zip(tmp_path / "whole.zip").read_bytes()
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportFormatError, match="is not a complete zip archive") as caught:
        parse_linkedin(path)
    assert caught.value.file == "Basic_LinkedInDataExport.zip"


def test_an_unpacked_folder_is_read_like_the_zip(tmp_path: Path) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport"
    shutil.copytree(FIXTURES, folder / "nested")
    source = parse_linkedin(folder)
    assert len(source.contacts) == 8
    assert source.files[0] == "Basic_LinkedInDataExport/nested/Connections.csv"


def test_a_zip_without_any_file_we_read_names_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name,Headline\nMe,Myself,Hi\n")
    with pytest.raises(ImportFormatError, match=r"Connections\.csv.*messages\.csv"):
        parse_linkedin(path)


def test_a_known_file_name_whose_header_is_unknown_is_an_error_not_zero_rows(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "Connections.csv", "Vorname,Nachname\nAna,Souza\n")
    with pytest.raises(ImportFormatError, match="no header found"):
        parse_linkedin(folder)


def test_coach_chats_that_share_the_messages_header_are_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(FIXTURES / "messages.csv", folder / "messages.csv")
    shutil.copy(FIXTURES / "messages.csv", folder / "coach_messages.csv")
    assert parse_linkedin(folder).files == ["export/messages.csv"]


def test_a_missing_path_is_an_import_format_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no such file"):
        parse_linkedin(tmp_path / "nowhere.zip")


def test_parse_dispatches_on_the_kind() -> None:
    assert parse("linkedin", FIXTURES / "Positions.csv").kind == "linkedin"
    with pytest.raises(ValueError, match="unknown import kind"):
        parse("myspace", FIXTURES / "Positions.csv")
