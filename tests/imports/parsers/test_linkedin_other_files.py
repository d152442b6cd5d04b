"""LinkedIn's files that Rapport does not read, chosen alone by mistake (as a LinkedIn export
or as a contacts CSV), are refused naming the file they are, not "no header found"; in a
whole export they are passed over, as ever. Headers as LinkedIn wrote them (2018 to 2024,
fixtures/interop/linkedin/observed_headers.txt); the rows are made up."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.imports.parsers.parser_helpers import write

from rapport.imports.parse import parse_contacts_csv, parse_linkedin
from rapport.imports.parse.records import ImportFormatError

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
FILES = [
    (
        "Contacts.csv",
        "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,"
        "Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\r\n"
        'Google,Ana,Souza,Acme,CTO,ana@example.com,,"Mon Sep 12 12:34:56 UTC 2022",,,,'
        "Ana Souza,,,,\r\n",
        "Contacts.csv (the address book you once let LinkedIn import",
    ),
    (
        "Imported Contacts.csv",
        "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,"
        "Instant Message Handles,Addresses,Sites,Full Name,Birthday,Location,Bookmarked At,"
        'Profiles\r\nAna,Souza,Acme,CTO,ana@example.com,,"11/4/18, 9:00 AM",,,,Ana Souza,,,,\r\n',
        "Imported Contacts.csv (the address book you once let LinkedIn import",
    ),
    (
        "Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\nJo,Bloggs,,,,"
        '"Engineer at Acme",,Software,,"London, UK",,,\r\n',
        "Profile.csv (your own profile)",
    ),
    (
        "Company Follows.csv",
        "Organization,Followed On\r\nAcme,Mon Sep 12 12:34:56 UTC 2022\r\n",
        "Company Follows.csv (the companies you follow)",
    ),
    (
        "Email Addresses.csv",
        "Email Address,Confirmed,Primary,Updated On\r\n"
        'jo@example.com,Yes,Yes,"9/12/22, 1:00 PM"\r\n',
        "Email Addresses.csv (your own e-mail addresses)",
    ),
    (
        "Job Applications.csv",
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        'Resume Name,Question And Answers\r\n"9/12/22, 12:34 PM",jo@example.com,,Acme,'
        "Engineer,https://www.linkedin.com/jobs/view/1,cv.pdf,\r\n",
        "Job Applications.csv (your job applications)",
    ),
    (
        "Saved Jobs.csv",
        "Saved Date,Job Url,Job Title,Company Name\r\n"
        '"9/12/22, 12:34 PM",https://www.linkedin.com/jobs/view/1,Engineer,Acme\r\n',
        "Saved Jobs.csv (jobs you saved)",
    ),
    (
        "PhoneNumbers.csv",
        "Extension,Number,Type\r\n,+44 20 7946 0000,Mobile\r\n",
        "PhoneNumbers.csv (your own phone numbers)",
    ),
]


@pytest.mark.parametrize(("name", "text", "told"), FILES)
def test_chosen_alone_as_a_linkedin_export_it_is_refused_by_name(
    tmp_path: Path, name: str, text: str, told: str
) -> None:
    path = write(tmp_path, f"renamed {name}", text)
    with pytest.raises(ImportFormatError) as refused:
        parse_linkedin(path)
    assert f"line 1: is LinkedIn's {told}" in str(refused.value)
    assert "a file Rapport does not read; expected Connections.csv" in str(refused.value)


@pytest.mark.parametrize(("name", "text", "told"), FILES)
def test_chosen_as_a_contacts_csv_it_is_refused_by_name(
    tmp_path: Path, name: str, text: str, told: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ImportFormatError) as refused:
        parse_contacts_csv(path)
    assert f"line 1: is LinkedIn's {told}" in str(refused.value)
    assert "export your contacts as a vCard file" in str(refused.value)


def test_in_a_whole_export_they_are_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for name, text, _ in FILES:
        write(folder, name, text)
    write(folder, "Connections.csv", f"{CONNECTIONS}Ana,Souza,,,Acme,CTO,12 Sep 2022\r\n")
    source = parse_linkedin(folder)
    assert [(c.full_name, c.company) for c in source.contacts] == [("Ana Souza", "Acme")]
    assert source.files == ["export/Connections.csv"]
