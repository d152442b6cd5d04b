"""Exports as real programs write them, in the shapes the other parser tests do not show.

Each fixture is small and inline; what is asserted is what a user would check after an
import: the right people, e-mails, companies and dates, or an error naming file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin, parse_vcard
from rapport.imports.parse.records import ContactRecord, ImportFormatError

UTC = dt.UTC
NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_2024 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
CONNECTIONS_2018 = "First Name,Last Name,Email Address,Company,Position,Connected On"
MESSAGES_2023 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
MESSAGES_2024 = MESSAGES_2023 + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
INVITATIONS_2022 = "From,To,Sent At,Message,Direction"
INVITATIONS_2024 = INVITATIONS_2022 + ",inviterProfileUrl,inviteeProfileUrl"
POSITIONS = "Company Name,Title,Description,Location,Started On,Finished On"
ANA_URL = "https://www.linkedin.com/in/ana-souza"
ME_URL = "https://www.linkedin.com/in/me-myself"


def table(header: str, *rows: list[str], delimiter: str = ",", end: str = "\n") -> str:
    """CSV text as csv.writer quotes it (only where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=end)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue()


def by_name(contacts: list[ContactRecord]) -> dict[str, ContactRecord]:
    return {contact.full_name: contact for contact in contacts}


def row_for(header: str, values: dict[str, str]) -> list[str]:
    """A row for `header` with these values by (case-insensitive) column name."""
    return [values.get(name.casefold(), "") for name in header.split(",")]


# --- Connections.csv: every header and date shape since 2018 -------------------------------

CONNECTION = {
    "first name": "Ana",
    "last name": "Souza, PhD",
    "url": ANA_URL,
    "email address": "ana@example.com",
    "company": "Stripe",
    "position": "Staff Engineer",
}


@pytest.mark.parametrize(
    ("header", "preamble", "connected_on"),
    [
        (CONNECTIONS_2018, "", "9/14/18, 8:02 PM"),  # 2018: no preamble, US date and time
        (CONNECTIONS_2018, NOTES, "14 Sep 2018"),  # 2021-2022: preamble, no URL
        (CONNECTIONS_2024, NOTES, "14 Sep 2018"),
        (CONNECTIONS_2024, NOTES, "14-Sep-18"),  # opened and re-saved in Excel
        (CONNECTIONS_2024, "", "14 Sept 2018"),
        ("First Name,Last Name,Company,Position,Connected On", "", "14 Sep 2018"),
    ],
    ids=["2018", "2022", "2024", "excel", "no-preamble", "no-url-no-email"],
)
def test_connections_of_every_year_give_name_company_email_and_date(
    tmp_path: Path, header: str, preamble: str, connected_on: str
) -> None:
    row = row_for(header, {**CONNECTION, "connected on": connected_on})
    (ana,) = parse_linkedin(
        write(tmp_path, "Connections.csv", preamble + table(header, row))
    ).contacts
    assert (ana.full_name, ana.first_name, ana.last_name) == ("Ana Souza, PhD", "Ana", "Souza")
    assert (ana.company, ana.title) == ("Stripe", "Staff Engineer")
    assert ana.emails == (["ana@example.com"] if "Email" in header else [])
    assert ana.connected_on == dt.date(2018, 9, 14)
    assert ana.linkedin_url == (ANA_URL if "URL" in header else "")


def test_a_preamble_with_other_text_and_several_lines_is_read_past(tmp_path: Path) -> None:
    preamble = (
        "Notes:\n"
        '"Some e-mail addresses are missing, see ""Privacy"".\nA second paragraph, too."\n'
        "\n\n"
    )
    row = row_for(CONNECTIONS_2024, {**CONNECTION, "connected on": "01 Feb 2024"})
    text = preamble + table(CONNECTIONS_2024, row)
    (ana,) = parse_linkedin(write(tmp_path, "Connections.csv", text)).contacts
    assert (ana.first_name, ana.line) == ("Ana", 7)


def test_extra_trailing_columns_and_crlf_line_ends_change_nothing(tmp_path: Path) -> None:
    header = CONNECTIONS_2024 + ",Tags,"
    row = row_for(header, {**CONNECTION, "connected on": "01 Feb 2024", "tags": "recruiter"})
    text = NOTES.replace("\n", "\r\n") + table(header, row, end="\r\n")
    (ana,) = parse_linkedin(write(tmp_path, "Connections.csv", text)).contacts
    assert (ana.company, ana.title) == ("Stripe", "Staff Engineer")
    assert ana.connected_on == dt.date(2024, 2, 1)


def test_utf16_tab_separated_connections_with_the_preamble_are_read(tmp_path: Path) -> None:
    row = row_for(
        CONNECTIONS_2024, {**CONNECTION, "first name": "Zoë", "connected on": "01 Jan 2024"}
    )
    body = table(CONNECTIONS_2024, row, delimiter="\t", end="\r\n")
    text = "\ufeff" + NOTES.replace("\n", "\r\n") + body
    (zoe,) = parse_linkedin(write(tmp_path, "Connections.csv", text, "utf-16-le")).contacts
    assert (zoe.full_name, zoe.company) == ("Zoë Souza, PhD", "Stripe")
    assert zoe.linkedin_url == ANA_URL


def test_a_european_excel_re_save_keeps_accents_columns_and_day_first_dates(
    tmp_path: Path,
) -> None:
    # Excel (French locale) pads every row to the widest one, writes ";" and Windows-1252.
    text = (
        "Notes:;;;;;;\r\n"
        "When exporting your connection data, you may notice that some are missing;;;;;;\r\n"
        ";;;;;;\r\n"
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
        "René;Dubois;;;Société Générale;Analyste, senior;25/03/2024\r\n"
        "Ana;Souza;;;Stripe;Eng;05/03/2024\r\n"
        "Zoë;Brontë;;;Haworth;Writer;12/11/2023\r\n"
    )
    contacts = by_name(parse_linkedin(write(tmp_path, "Connections.csv", text, "cp1252")).contacts)
    assert contacts["René Dubois"].company == "Société Générale"
    assert contacts["René Dubois"].title == "Analyste, senior"
    assert contacts["René Dubois"].connected_on == dt.date(2024, 3, 25)
    # 25/03 shows the file is day first, so 05/03 is the 5th of March, not the 3rd of May.
    assert contacts["Ana Souza"].connected_on == dt.date(2024, 3, 5)
    assert contacts["Zoë Brontë"].connected_on == dt.date(2023, 11, 12)


def test_us_dates_stay_month_first_when_the_file_shows_it(tmp_path: Path) -> None:
    rows = [
        row_for(CONNECTIONS_2018, {**CONNECTION, "connected on": "11/4/18, 9:05 AM"}),
        row_for(CONNECTIONS_2018, {"first name": "Bo", "connected on": "3/15/17, 10:00 PM"}),
    ]
    text = table(CONNECTIONS_2018, *rows)
    ana, bo = parse_linkedin(write(tmp_path, "Connections.csv", text)).contacts
    assert ana.connected_on == dt.date(2018, 11, 4)
    assert bo.connected_on == dt.date(2017, 3, 15)


def test_a_connection_without_a_url_keeps_its_key_whichever_way_its_date_is_written(
    tmp_path: Path,
) -> None:
    row = row_for(CONNECTIONS_2018, {**CONNECTION, "connected on": "05 Mar 2024"})
    original = parse_linkedin(write(tmp_path, "a.csv", table(CONNECTIONS_2018, row))).contacts[0]
    rows = [
        row_for(CONNECTIONS_2018, {**CONNECTION, "connected on": "05/03/2024"}),
        row_for(CONNECTIONS_2018, {"first name": "Bo", "connected on": "25/12/2023"}),
    ]
    resaved = parse_linkedin(write(tmp_path, "b.csv", table(CONNECTIONS_2018, *rows))).contacts[0]
    assert resaved.source_key == original.source_key


# --- messages.csv --------------------------------------------------------------------------

MESSAGE_HEADERS = {
    "2018": ("From,To,Date,Subject,Content,Direction,Folder", "11/4/18, 9:05 AM"),
    "2020": ("FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER", "2018-11-04T09:05:00"),
    "2021": (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
        "2018-11-04 09:05:00 UTC",
    ),
    "2023": (MESSAGES_2023, "2018-11-04 09:05:00 UTC"),
    "2024": (MESSAGES_2024, "2018-11-04 09:05:00 UTC"),
    "attachments": (
        MESSAGES_2023 + ",ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT",
        "2018-11-04 09:05:00 UTC",
    ),
}


@pytest.mark.parametrize(("header", "date"), MESSAGE_HEADERS.values(), ids=MESSAGE_HEADERS)
def test_messages_of_every_year_give_sender_recipient_time_and_text(
    tmp_path: Path, header: str, date: str
) -> None:
    values = {
        "from": "Ana Souza",
        "sender profile url": ANA_URL,
        "to": "Me Myself",
        "recipient profile urls": ME_URL,
        "date": date,
        "subject": "Referral",
        "content": "Hello, Me!",
        "direction": "INCOMING",
        "folder": "INBOX",
        "is message draft": "No",
    }
    text = table(header, row_for(header, values))
    (message,) = parse_linkedin(write(tmp_path, "messages.csv", text)).messages
    assert (message.sender_name, message.subject, message.content) == (
        "Ana Souza",
        "Referral",
        "Hello, Me!",
    )
    assert message.recipients[0][0] == "Me Myself"
    assert message.sent_at == dt.datetime(2018, 11, 4, 9, 5, tzinfo=UTC)
    assert message.conversation_id


def test_messages_without_draft_columns_and_with_multi_line_crlf_content(tmp_path: Path) -> None:
    row = row_for(
        MESSAGES_2023,
        {
            "conversation id": "c1",
            "from": "Ana Souza",
            "sender profile url": ANA_URL,
            "to": "Me Myself",
            "recipient profile urls": ME_URL,
            "date": "2023-04-01 10:00:00 UTC",
            "content": "Hi!\r\nHappy to refer you.\r\n\r\nAna",
            "folder": "INBOX",
        },
    )
    (message,) = parse_linkedin(write(tmp_path, "messages.csv", table(MESSAGES_2023, row))).messages
    assert message.content == "Hi!\nHappy to refer you.\n\nAna"
    assert message.sent_at == dt.datetime(2023, 4, 1, 10, 0, tzinfo=UTC)
    assert message.recipients == [("Me Myself", ME_URL)]


def test_recipient_names_and_urls_joined_by_semicolons_are_paired(tmp_path: Path) -> None:
    row = row_for(
        MESSAGES_2024,
        {
            "conversation id": "c1",
            "from": "Me Myself",
            "sender profile url": ME_URL,
            "to": "Ana Souza; Jane Smith, PhD",
            "recipient profile urls": f"{ANA_URL};https://www.linkedin.com/in/janesmithphd",
            "date": "2024-05-01 10:00:00 UTC",
            "content": "Meet each other!",
            "is message draft": "No",
        },
    )
    (message,) = parse_linkedin(write(tmp_path, "messages.csv", table(MESSAGES_2024, row))).messages
    assert message.recipients == [
        ("Ana Souza", ANA_URL),
        ("Jane Smith, PhD", "https://www.linkedin.com/in/janesmithphd"),
    ]


def test_a_message_with_only_an_attachment_is_kept(tmp_path: Path) -> None:
    header = MESSAGES_2023 + ",ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT"
    row = row_for(
        header,
        {
            "conversation id": "c1",
            "from": "Ana Souza",
            "to": "Me Myself",
            "date": "2024-05-01 10:00:00 UTC",
            "attachments": "https://www.linkedin.com/dms/prv/attachment/abc",
            "is message draft": "No",
        },
    )
    (message,) = parse_linkedin(write(tmp_path, "messages.csv", table(header, row))).messages
    assert (message.sender_name, message.content) == ("Ana Souza", "")


# --- Invitations.csv and Positions.csv ---------------------------------------------------


@pytest.mark.parametrize("header", [INVITATIONS_2022, INVITATIONS_2024], ids=["2022", "2024"])
def test_invitations_with_or_without_profile_url_columns(tmp_path: Path, header: str) -> None:
    row = row_for(
        header,
        {
            "from": "Ana Souza",
            "to": "Me Myself",
            "sent at": "3/7/24, 9:05\u202fPM",  # newer exports: a narrow no-break space
            "message": "Hi,\r\nloved your talk.",
            "direction": "incoming",
            "inviterprofileurl": ANA_URL,
            "inviteeprofileurl": ME_URL,
        },
    )
    (invitation,) = parse_linkedin(
        write(tmp_path, "Invitations.csv", table(header, row))
    ).invitations
    assert (invitation.from_name, invitation.to_name) == ("Ana Souza", "Me Myself")
    assert invitation.sent_at == dt.datetime(2024, 3, 7, 21, 5, tzinfo=UTC)
    assert invitation.direction == "INCOMING"
    assert invitation.message == "Hi,\nloved your talk."
    assert invitation.inviter_url == (ANA_URL if "inviter" in header else "")


def test_positions_with_year_only_month_year_and_excel_dates(tmp_path: Path) -> None:
    rows = [
        ["Acme", "Analyst", "Line one\r\nLine two", "Lyon", "2019", "2021"],
        ["Globex", "Lead", "", "", "Mar-21", ""],  # Excel turns "Mar 2021" into "Mar-21"
        ["Initech", "Intern", "", "", "September 2015", "Dec 2015"],
    ]
    text = table(POSITIONS, *rows)
    acme, globex, initech = parse_linkedin(write(tmp_path, "Positions.csv", text)).positions
    assert (acme.started_on, acme.finished_on) == (dt.date(2019, 1, 1), dt.date(2021, 1, 1))
    assert acme.description == "Line one\nLine two"
    assert (globex.started_on, globex.finished_on) == (dt.date(2021, 3, 1), None)
    assert (initech.started_on, initech.finished_on) == (dt.date(2015, 9, 1), dt.date(2015, 12, 1))


def test_unreadable_position_dates_are_reported_not_silently_dropped(tmp_path: Path) -> None:
    text = table(POSITIONS, ["Acme", "Analyst", "", "", "Frühjahr 2019", ""])
    source = parse_linkedin(write(tmp_path, "Positions.csv", text))
    assert source.positions[0].started_on is None
    assert source.warnings == [
        "Positions.csv, line 2: 1 Started On value(s) not understood, e.g. 'Frühjahr 2019'"
    ]


# --- the export as LinkedIn zips it -------------------------------------------------------


def linkedin_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_with_a_subfolder_lower_case_names_and_unrelated_csvs(tmp_path: Path) -> None:
    folder = "Complete_LinkedInDataExport_12-01-2024/"
    connection = row_for(CONNECTIONS_2024, {**CONNECTION, "connected on": "01 Dec 2024"})
    message = row_for(
        MESSAGES_2024,
        {"from": "Ana Souza", "to": "Me", "date": "2024-12-01 10:00:00 UTC", "content": "Hi"},
    )
    endorsements = "Endorsement Date\tSkill Name\tEndorser First Name\tEndorser Last Name\r\n"
    path = linkedin_zip(
        tmp_path / "Complete_LinkedInDataExport_12-01-2024.zip",
        {
            folder + "connections.csv": NOTES + table(CONNECTIONS_2024, connection),
            folder + "MESSAGES.CSV": table(MESSAGES_2024, message),
            folder + "Profile.csv": "First Name,Last Name,Headline\nMe,Myself,Analyst\n",
            folder + "Imported Contacts.csv": (
                "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At\n"
                "Bo,Li,Initech,CTO,bo@example.com,,2018-01-01\n"
            ),
            folder + "Jobs/Job Applications.csv": (
                "Application Date,Contact Email,Company Name,Job Title\n1/2/24,,Acme,Analyst\n"
            ),
            folder + "Endorsement_Received_Info.csv": ("\ufeff" + endorsements).encode("utf-16-le"),
            folder + "Rich_Media/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
        },
    )
    source = parse_linkedin(path)
    assert [c.full_name for c in source.contacts] == ["Ana Souza, PhD"]  # not Bo from Imported
    assert [m.content for m in source.messages] == ["Hi"]
    assert sorted(Path(f).name for f in source.files) == ["MESSAGES.CSV", "connections.csv"]


OTHER_LINKEDIN_FILES = {
    # Headers of the export's other files (2018-2024): none of them is read as people.
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary",
    "Imported Contacts.csv": (
        "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,"
        "Instant Message Handles,Addresses,Sites,Full Name,Birthday,Location,Bookmarked At,Profiles"
    ),
    "Contacts.csv": (
        "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses"
    ),
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On",
    "PhoneNumbers.csv": "Extension,Number,Type",
    "Company Follows.csv": "Organization,Followed On",
    "Jobs/Job Applications.csv": (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,Question And Answers"
    ),
    "Jobs/Saved Jobs.csv": "Saved Date,Job Url,Job Title,Company Name",
    "Recommendations_Received.csv": (
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
    ),
}


def test_the_exports_other_files_are_left_out_of_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport_11-04-2018"
    (folder / "Jobs").mkdir(parents=True)
    for name, header in OTHER_LINKEDIN_FILES.items():
        cells = ["Ana", "Souza", "x", "y", "1/2/24", "a@b.example", "1", "2", "3"]
        write(folder, name, table(header, cells[: header.count(",") + 1]))
    connection = row_for(CONNECTIONS_2018, {**CONNECTION, "connected on": "11/4/18, 9:05 AM"})
    write(folder, "Connections.csv", table(CONNECTIONS_2018, connection))
    source = parse_linkedin(folder)
    assert source.files == ["Basic_LinkedInDataExport_11-04-2018/Connections.csv"]
    assert [c.full_name for c in source.contacts] == ["Ana Souza, PhD"]


def test_an_empty_file_in_the_zip_is_a_warning_not_a_failed_import(tmp_path: Path) -> None:
    connection = row_for(CONNECTIONS_2024, {**CONNECTION, "connected on": "01 Dec 2024"})
    path = linkedin_zip(
        tmp_path / "export.zip",
        {"Connections.csv": NOTES + table(CONNECTIONS_2024, connection), "Invitations.csv": ""},
    )
    source = parse_linkedin(path)
    assert [c.first_name for c in source.contacts] == ["Ana"]
    assert source.warnings == ["export.zip/Invitations.csv: is empty; skipped"]


def test_a_zip_entry_whose_name_starts_with_nul_is_passed_over(tmp_path: Path) -> None:
    connection = row_for(CONNECTIONS_2024, {**CONNECTION, "connected on": "01 Dec 2024"})
    members = {
        "Export/Connections.csv": NOTES + table(CONNECTIONS_2024, connection),
        "Export/Positions.csv": table(POSITIONS, ["Acme", "Analyst", "", "", "2019", ""]),
    }
    data = bytearray(linkedin_zip(tmp_path / "export.zip", members).read_bytes())
    data[data.rindex(b"Export/Positions.csv")] = 0  # the central directory's copy of the name
    path = tmp_path / "damaged.zip"
    path.write_bytes(data)
    source = parse_linkedin(path)
    assert [c.first_name for c in source.contacts] == ["Ana"]
    assert source.positions == []


def test_an_empty_file_chosen_on_its_own_says_it_is_empty(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"is empty; expected Connections\.csv") as caught:
        parse_linkedin(write(tmp_path, "Connections.csv", "\r\n"))
    assert caught.value.file == "Connections.csv"


def test_a_header_only_connections_file_says_it_has_no_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "Connections.csv", NOTES + CONNECTIONS_2024 + "\n")
    with pytest.raises(ImportFormatError, match="has a header but no rows"):
        parse_linkedin(path)


# --- address-book CSVs: Google, Outlook, Thunderbird ---------------------------------------

GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels"
)
GOOGLE_OLDER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Name Prefix,Name Suffix,Nickname,"
    "Notes,Group Membership"
)
OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business City","Business State","Business Postal Code",'
    '"Business Country/Region","Assistant\'s Phone","Business Fax","Business Phone",'
    '"Company Main Phone","Home Phone","Mobile Phone","Pager","E-mail Address","E-mail Type",'
    '"E-mail Display Name","E-mail 2 Address","Notes","Web Page"'
)
THUNDERBIRD = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,"
)


def groups(kind: str, count: int, label: str = "Label") -> str:
    return ",".join(f"{kind} {n} - {label},{kind} {n} - Value" for n in range(1, count + 1))


@pytest.mark.parametrize(("emails", "phones"), [(1, 1), (3, 2), (5, 4)])
def test_google_csv_with_any_number_of_email_and_phone_groups(
    tmp_path: Path, emails: int, phones: int
) -> None:
    header = ",".join([GOOGLE, groups("E-mail", emails), groups("Phone", phones)])
    header += ",Website 1 - Label,Website 1 - Value"
    values = {
        "first name": "Ana",
        "last name": "Souza",
        "organization name": "Stripe",
        "labels": "* myContacts ::: Work",
        "e-mail 1 - label": "* Work",
        "e-mail 1 - value": "ana@stripe.example ::: ana.s@stripe.example",
        "phone 1 - label": "Mobile",
        "phone 1 - value": "+1 415 555 0100 ::: +1 415 555 0101",
        "website 1 - value": "https://www.linkedin.com/in/ana-souza/",
    }
    if emails > 1:
        values[f"e-mail {emails} - value"] = "ana@home.example"
    if phones > 1:
        values[f"phone {phones} - label"] = "Work Fax"
        values[f"phone {phones} - value"] = "+1 415 555 0199"
    (ana,) = parse_contacts_csv(
        write(tmp_path, "contacts.csv", table(header, row_for(header, values)))
    ).contacts
    expected = ["ana@stripe.example", "ana.s@stripe.example"]
    assert ana.emails == expected + (["ana@home.example"] if emails > 1 else [])
    assert ana.phones == ["+1 415 555 0100", "+1 415 555 0101"]  # the fax is left out
    assert (ana.full_name, ana.company) == ("Ana Souza", "Stripe")
    assert ana.linkedin_url == ANA_URL


def test_older_google_csv_saved_as_utf16_is_read(tmp_path: Path) -> None:
    header = ",".join([GOOGLE_OLDER, groups("E-mail", 2, "Type"), groups("Phone", 2, "Type")])
    header += ",Organization 1 - Type,Organization 1 - Name,Organization 1 - Title"
    values = {
        "name": "Kofi Mensah",
        "given name": "Kofi",
        "family name": "Mensah",
        "e-mail 1 - type": "* Work",
        "e-mail 1 - value": "kofi@acme.example",
        "phone 1 - type": "Work Fax",
        "phone 1 - value": "+233 30 000 0000",
        "phone 2 - type": "Mobile",
        "phone 2 - value": "+233 20 123 4567",
        "organization 1 - name": "Acme Ghana",
        "organization 1 - title": "Country Manager",
    }
    text = "\ufeff" + table(header, row_for(header, values), end="\r\n")
    (kofi,) = parse_contacts_csv(write(tmp_path, "google.csv", text, "utf-16-le")).contacts
    assert (kofi.full_name, kofi.company, kofi.title) == (
        "Kofi Mensah",
        "Acme Ghana",
        "Country Manager",
    )
    assert (kofi.emails, kofi.phones) == (["kofi@acme.example"], ["+233 20 123 4567"])


def test_outlook_csv_with_every_field_quoted_in_windows_1252(tmp_path: Path) -> None:
    values = {
        "first name": "René",
        "last name": "Dubois",
        "company": "Société Générale",
        "job title": "Directeur RH",
        "business city": "Paris",
        "business country/region": "France",
        "business fax": "+33 1 00 00 00 00",
        "company main phone": "+33 1 11 11 11 11",
        "mobile phone": "+33 6 12 34 56 78",
        "e-mail address": "rene@sg.example",
        "e-mail display name": "René Dubois (rene@sg.example)",
        "notes": "Rencontré au café\r\n\u2013 à relancer",
    }
    names = [name.strip('"').casefold() for name in OUTLOOK.split(",")]
    row = ",".join('"' + values.get(name, "") + '"' for name in names)
    text = OUTLOOK + "\r\n" + row + "\r\n"
    (rene,) = parse_contacts_csv(write(tmp_path, "outlook.csv", text, "cp1252")).contacts
    assert (rene.full_name, rene.company, rene.title) == (
        "René Dubois",
        "Société Générale",
        "Directeur RH",
    )
    assert rene.emails == ["rene@sg.example"]
    assert rene.phones == ["+33 6 12 34 56 78"]
    assert rene.location == "Paris, France"
    assert rene.notes == "Rencontré au café\n\u2013 à relancer"


def test_thunderbird_csv_with_its_trailing_comma_is_read(tmp_path: Path) -> None:
    values = {
        "first name": "Zoë",
        "last name": "Brontë",
        "display name": "Zoë Brontë",
        "primary email": "zoe@haworth.example",
        "secondary email": "zoe@home.example",
        "work phone": "+44 1535 000000",
        "fax number": "+44 1535 999999",
        "mobile number": "+44 7700 900000",
        "home city": "Haworth",
        "home country": "United Kingdom",
        "organization": "Haworth Press",
        "job title": "Writer",
        "web page 1": "https://www.linkedin.com/in/zoe-bronte",
    }
    text = table(THUNDERBIRD, row_for(THUNDERBIRD, values), end="\r\n")
    (zoe,) = parse_contacts_csv(write(tmp_path, "thunderbird.csv", text, "cp1252")).contacts
    assert (zoe.full_name, zoe.company, zoe.title) == ("Zoë Brontë", "Haworth Press", "Writer")
    assert zoe.emails == ["zoe@haworth.example", "zoe@home.example"]
    assert zoe.phones == ["+44 1535 000000", "+44 7700 900000"]
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-bronte"
    assert zoe.location == "Haworth, United Kingdom"


def test_a_linkedin_file_given_as_an_address_book_says_which_import_to_use(
    tmp_path: Path,
) -> None:
    text = NOTES + table(CONNECTIONS_2024, row_for(CONNECTIONS_2024, CONNECTION))
    with pytest.raises(ImportFormatError, match="LinkedIn export") as caught:
        parse_contacts_csv(write(tmp_path, "Connections.csv", text))
    assert caught.value.file == "Connections.csv"
    assert "Google Contacts" in str(caught.value)


def test_a_vcard_given_as_an_address_book_csv_says_which_import_to_use(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEND:VCARD\r\n"
    with pytest.raises(ImportFormatError, match=r"vCard file") as caught:
        parse_contacts_csv(write(tmp_path, "contacts.csv", text))
    assert (caught.value.file, caught.value.line) == ("contacts.csv", 1)


# --- vCard ---------------------------------------------------------------------------------


def vcf(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    return write(tmp_path, "contacts.vcf", text, encoding)


def test_lower_case_names_and_types_lf_only_and_trailing_spaces(tmp_path: Path) -> None:
    text = (
        "begin:vcard  \n"
        "version:3.0\n"
        "n:Souza;Ana;;;\n"
        "fn:Ana Souza\n"
        "tel;type=cell:+1 415 555 0100\n"
        "tel;type=fax:+1 415 555 0199\n"
        "email;type=internet;type=work:ana@stripe.example\n"
        "org:Stripe;Payments\n"
        "end:vcard \n"
    )
    (ana,) = parse_vcard(vcf(tmp_path, text)).contacts
    assert (ana.full_name, ana.first_name, ana.last_name) == ("Ana Souza", "Ana", "Souza")
    assert (ana.phones, ana.emails) == (["+1 415 555 0100"], ["ana@stripe.example"])
    assert ana.company == "Stripe"


def test_lines_folded_with_a_tab_are_joined(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Sou\r\n\tza\r\n"
        "NOTE:Met at PyCon\\, keen to \r\n\thelp.\r\nEND:VCARD\r\n"
    )
    (ana,) = parse_vcard(vcf(tmp_path, text)).contacts
    assert (ana.full_name, ana.notes) == ("Ana Souza", "Met at PyCon, keen to help.")


def test_vcard_21_quoted_printable_soft_breaks_and_latin1_charset(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\n"
        "VERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCr=\r\n"
        "gen;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=\r\n"
        "=BCller\r\n"
        "ORG;CHARSET=ISO-8859-1:Siemens AG\r\n"
        "END:VCARD\r\n"
    )
    (juergen,) = parse_vcard(vcf(tmp_path, text)).contacts
    assert (juergen.full_name, juergen.first_name, juergen.last_name) == (
        "Jürgen Müller",
        "Jürgen",
        "Müller",
    )
    assert juergen.company == "Siemens AG"


def test_quoted_printable_without_a_charset_is_read_as_windows_1252_if_not_utf8(
    tmp_path: Path,
) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:Dubois;Ren=E9\r\n"
        "FN;ENCODING=QUOTED-PRINTABLE:Ren=E9 Dubois\r\n"
        "ORG;ENCODING=QUOTED-PRINTABLE:Soci=C3=A9t=C3=A9 G=C3=A9n=C3=A9rale\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Caf=E9 =96 suite=0D=0A=\r\nligne 2\r\n"
        "END:VCARD\r\n"
    )
    source = parse_vcard(vcf(tmp_path, text))
    (rene,) = source.contacts
    assert (rene.full_name, rene.first_name) == ("René Dubois", "René")
    assert rene.company == "Société Générale"  # UTF-8 still wins when it is UTF-8
    assert rene.notes == "Café \u2013 suite\nligne 2"
    assert source.warnings == []


def test_a_latin1_vcard_21_file_with_8bit_values_is_read(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:Müller;Jürgen\r\n"
        "FN;CHARSET=ISO-8859-1:Jürgen Müller\r\nTEL;CELL;PREF:+49 170 1234567\r\nEND:VCARD\r\n"
    )
    (juergen,) = parse_vcard(vcf(tmp_path, text, "latin-1")).contacts
    assert (juergen.full_name, juergen.phones) == ("Jürgen Müller", ["+49 170 1234567"])


def test_an_empty_n_falls_back_to_fn_then_to_the_email(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Ana Souza\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:\nEMAIL:solo@example.com\nEND:VCARD\n"
    )
    ana, solo = parse_vcard(vcf(tmp_path, text)).contacts
    assert (ana.full_name, ana.first_name, ana.last_name) == ("Ana Souza", "", "")
    assert (solo.full_name, solo.emails) == ("solo@example.com", ["solo@example.com"])


def test_a_company_card_is_a_company_not_a_person(tmp_path: Path) -> None:
    # iOS and Google write company cards with an empty N; 4.0 says KIND:org.
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Acme Recruiting\nORG:Acme Recruiting;\n"
        "X-ABShowAs:COMPANY\nTEL;type=WORK:+1 555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nORG:Globex\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Initech\nEMAIL:jobs@initech.example\nEND:VCARD\n"
    )
    source = parse_vcard(vcf(tmp_path, text))
    assert source.contacts == []
    acme, globex, initech = source.companies
    assert (acme.name, acme.phones, acme.line) == ("Acme Recruiting", ["+1 555 0100"], 1)
    assert globex.name == "Globex"
    assert (initech.name, initech.emails) == ("Initech", ["jobs@initech.example"])


def test_a_card_cut_short_at_the_end_of_the_file_is_reported_with_its_line(
    tmp_path: Path,
) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEMAIL:bo@exa"
    )
    source = parse_vcard(vcf(tmp_path, text))
    assert [c.full_name for c in source.contacts] == ["Ana Souza"]
    assert source.skipped == 1
    assert source.warnings == ["contacts.vcf, line 5: card has no END:VCARD (cut short?); skipped"]


def test_a_file_whose_only_card_is_cut_short_is_an_error_naming_file_and_line(
    tmp_path: Path,
) -> None:
    text = "\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEMAIL:bo@exa"
    with pytest.raises(ImportFormatError) as caught:
        parse_vcard(vcf(tmp_path, text))
    assert (caught.value.file, caught.value.line) == ("contacts.vcf", 2)
    assert "card has no END:VCARD (cut short?)" in str(caught.value)
    assert "skipped" not in str(caught.value)


def test_apple_item_labels_pick_the_linkedin_url_and_leave_out_the_fax(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\n"
        "item1.EMAIL;type=INTERNET;type=pref:ana@stripe.example\r\n"
        "item1.X-ABLabel:_$!<Other>!$_\r\n"
        "item2.URL:https\\://www.linkedin.com/in/ana-souza\r\n"
        "item2.X-ABLabel:profile\r\n"
        "item3.TEL:+1 415 555 0199\r\n"
        "item3.X-ABLabel:Work Fax\r\n"
        "ITEM4.TEL:+1 415 555 0100\r\n"
        "item4.X-ABLabel:_$!<Mobile>!$_\r\n"
        "item5.URL:http\\://ana.example\r\n"
        "item5.X-ABLabel:_$!<HomePage>!$_\r\n"
        "END:VCARD\r\n"
    )
    (ana,) = parse_vcard(vcf(tmp_path, text)).contacts
    assert ana.emails == ["ana@stripe.example"]
    assert ana.phones == ["+1 415 555 0100"]
    assert ana.linkedin_url == ANA_URL
    assert ana.urls == ["http://ana.example"]


def test_vcard_40_pref_orders_emails_and_phones(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Souza\r\n"
        "EMAIL;TYPE=work:ana@stripe.example\r\n"
        "EMAIL;PREF=1;TYPE=home:ana@home.example\r\n"
        'TEL;VALUE=uri;TYPE="cell,voice";PREF=2:tel:+1-415-555-0100\r\n'
        "TEL;VALUE=uri;PREF=1:tel:+1-415-555-0101\r\n"
        "END:VCARD\r\n"
    )
    (ana,) = parse_vcard(vcf(tmp_path, text)).contacts
    assert ana.emails == ["ana@home.example", "ana@stripe.example"]
    assert ana.phones == ["+1-415-555-0101", "+1-415-555-0100"]


@pytest.mark.parametrize(
    "photo",
    [
        # 2.1: base64 lines indented or not, ended by a blank line (or not)
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n    AAAQABAAD/2wBD\r\n\r\n",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\nAAAQABAAD/2wBD\r\n",
        # 3.0 folded base64, 4.0 data: URI with its comma escaped
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n AAAQABAAD/2wBD\r\n",
        "PHOTO:data:image/jpeg;base64\\,/9j/4AAQSkZJRgABAQ\r\n AAAQABAAD/2wBD\r\n",
        "PHOTO;VALUE=uri:https://example.com/ana.jpg\r\n",
    ],
    ids=["2.1-indented", "2.1-bare", "3.0", "4.0-data-uri", "uri"],
)
def test_photos_never_cost_the_properties_around_them(tmp_path: Path, photo: str) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\n"
        + photo
        + "TEL;CELL:+1 415 555 0100\r\nEMAIL:ana@stripe.example\r\nEND:VCARD\r\n"
    )
    source = parse_vcard(vcf(tmp_path, text))
    (ana,) = source.contacts
    assert (ana.phones, ana.emails) == (["+1 415 555 0100"], ["ana@stripe.example"])
    assert source.warnings == []
