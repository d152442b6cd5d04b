"""LinkedIn exports in the shapes that were once imported wrongly without a word (#11).

Each test writes the files as LinkedIn does (the headers are those of real exports, see
tests/imports/parsers/fixtures/interop/linkedin) and checks what a user would look at after
importing them: who became a person, what the conversations and "how we met" say, and the
warnings.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from tests.imports.parsers.parser_helpers import write

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.conversations.models import Conversation
from rapport.imports.importing import ImportResult, import_source
from rapport.imports.models import Position
from rapport.imports.parse import parse
from rapport.imports.parse.records import ParsedSource
from rapport.people.models import Person

NOTES = 'Notes:\n"When exporting your connection data, you may notice that some…"\n\n'
CONNECTIONS_2022 = "First Name,Last Name,Email Address,Company,Position,Connected On"
MESSAGES_2022 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"
)
MESSAGES_2023 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
INVITATIONS_2022 = "From,To,Sent At,Message,Direction"
SAM = ("Sam Rivera, MBA", "https://www.linkedin.com/in/samrivera")  # the user
ANA = ("Ana Souza", "https://www.linkedin.com/in/anasouza")
BRUNO = ("Bruno Costa", "https://www.linkedin.com/in/brunocosta")
KEMI = ("Kemi Okonkwo (ACIPM, HRPL), MILR", "https://www.linkedin.com/in/kemiokonkwo")


def csv_text(header: str, rows: list[list[str]], preamble: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for values in rows:
        writer.writerow(values)
    return preamble + header + "\n" + out.getvalue()


def message_row(
    thread: str, sender: tuple[str, str], to: str, when: str, content: str, title: str = ""
) -> list[str]:
    return [thread, title, sender[0], sender[1], to, f"{when} UTC", "", content, "INBOX"]


def import_file(owner: User, path: Path) -> ImportResult:
    parsed: ParsedSource = parse("linkedin", path)
    return import_source(owner=owner, parsed=parsed, files=parsed.files)


def reason(warnings: list[str], words: str) -> str:
    """The one warning with these words."""
    (found,) = [w for w in warnings if words in w]
    return found


def names(owner: User) -> set[str]:
    return set(Person.objects.filter(owner=owner).values_list("full_name", flat=True))


# --- 2. messages.csv of 2020-22: no RECIPIENT PROFILE URLS ----------------------------------


def messages_2022(tmp_path: Path) -> Path:
    rows = [
        # 1:1 with Ana: the user writes, Ana answers (the user is only named in TO then).
        message_row("t1", SAM, "Ana Souza", "2022-03-01 10:00:00", "Hi Ana"),
        message_row("t1", ANA, "Sam Rivera, MBA", "2022-03-01 11:00:00", "Hi Sam"),
        # 1:1 with Bruno, who writes first.
        message_row("t2", BRUNO, "Sam Rivera, MBA", "2022-04-01 09:00:00", "Coffee?"),
        message_row("t2", SAM, "Bruno Costa", "2022-04-01 09:30:00", "Sure"),
        # A group: the list holds the user and a name with commas inside brackets.
        message_row("t3", ANA, f"Sam Rivera, MBA, Bruno Costa, {KEMI[0]}", "2022-05-02 08:00:00",
                    "Welcome all"),
        message_row("t3", KEMI, "Sam Rivera, MBA, Ana Souza, Bruno Costa", "2022-05-02 09:00:00",
                    "Thanks Ana"),
        # A group with two people who never write: not known by any name.
        message_row("t4", SAM, "Ana Souza, Dmitri Volkov, Li Wei", "2022-06-01 08:00:00",
                    "Kick-off"),
        message_row("t5", ANA, "Sam Rivera, MBA, LinkedIn Member", "2022-06-02 08:00:00",
                    "Hidden"),
    ]  # fmt: skip
    return write(tmp_path, "messages.csv", csv_text(MESSAGES_2022, rows))


def test_2022_messages_alone_never_make_the_user_a_contact(owner: User, tmp_path: Path) -> None:
    result = import_file(owner, messages_2022(tmp_path))
    assert names(owner) == {"Ana Souza", "Bruno Costa", KEMI[0]}
    assert not any("taken as you" in w for w in result.warnings)  # the user is certain
    kemi = Person.objects.get(owner=owner, full_name=KEMI[0])
    assert (kemi.first_name, kemi.last_name) == ("Kemi", "Okonkwo")


def test_2022_group_lists_are_split_by_known_names_or_left_out_with_a_warning(
    owner: User, tmp_path: Path
) -> None:
    result = import_file(owner, messages_2022(tmp_path))
    assert all(len(name) < 60 for name in names(owner))
    group = Conversation.objects.get(owner=owner, notes__contains="Welcome all")
    assert {p.full_name for p in group.participants.all()} == {
        "Ana Souza",
        "Bruno Costa",
        KEMI[0],
    }
    kickoff = Conversation.objects.get(owner=owner, notes__contains="Kick-off")
    assert [p.full_name for p in kickoff.participants.all()] == ["Ana Souza"]
    warning = reason(result.warnings, "recipient list")
    assert warning.startswith("messages.csv: 1 recipient list names people that nobody")
    assert "(line 8: 'Dmitri Volkov, Li Wei')" in warning
    assert "not added as people" in warning


def test_a_group_list_is_split_by_the_people_imported_before(owner: User, tmp_path: Path) -> None:
    connections = csv_text(
        CONNECTIONS_2022,
        [
            ["Dmitri", "Volkov", "", "Acme", "Engineer", "07 Mar 2021"],
            ["Li", "Wei, PhD", "", "Globex", "Scientist", "08 Mar 2021"],
        ],
        preamble=NOTES,
    )
    import_file(owner, write(tmp_path, "Connections.csv", connections))
    result = import_file(owner, messages_2022(tmp_path))
    kickoff = Conversation.objects.get(owner=owner, notes__contains="Kick-off")
    assert {p.full_name for p in kickoff.participants.all()} == {
        "Ana Souza",
        "Dmitri Volkov",
        "Li Wei, PhD",
    }
    assert not [w for w in result.warnings if "recipient list" in w]
    assert Person.objects.filter(owner=owner).count() == 5


def test_a_lone_recipient_with_credentials_is_one_person(owner: User, tmp_path: Path) -> None:
    rows = [
        message_row("t1", SAM, "Ann Lee, PhD", "2022-03-01 10:00:00", "Hello Dr Lee"),
        message_row("t2", SAM, "Ana Souza", "2022-03-02 10:00:00", "Hi"),
        message_row("t2", ANA, "Sam Rivera, MBA", "2022-03-02 11:00:00", "Hi"),
    ]
    import_file(owner, write(tmp_path, "messages.csv", csv_text(MESSAGES_2022, rows)))
    assert names(owner) == {"Ann Lee, PhD", "Ana Souza"}


# --- 3. sponsored and system messages -------------------------------------------------------


def test_sponsored_and_linkedin_messages_are_skipped_and_counted(
    owner: User, tmp_path: Path
) -> None:
    acme = ("Acme Cloud", "https://www.linkedin.com/company/acme-cloud")
    rows = [
        message_row("t1", ANA, "Sam Rivera", "2023-03-01 10:00:00", "Hi Sam"),
        message_row("t1", SAM, "Ana Souza", "2023-03-01 11:00:00", "Hi Ana"),
        message_row("t2", SAM, "Bruno Costa", "2023-03-01 12:00:00", "Hi Bruno"),
        message_row("ad1", ("Priya Nair", "https://www.linkedin.com/in/priyanair"), "Sam Rivera",
                    "2023-03-02 10:00:00", "<p>Hi %FIRSTNAME%, grow your pipeline</p>"),
        message_row("ad2", ("Jordan Blake", "https://www.linkedin.com/in/jblake"), "Sam Rivera",
                    "2023-03-03 10:00:00", "Join our webinar", title="Sponsored Conversation"),
        message_row("ad2", SAM, "Jordan Blake", "2023-03-03 10:05:00", "Yes please",
                    title="Sponsored"),
        message_row("ad3", acme, "Sam Rivera", "2023-03-04 10:00:00", "Try Acme"),
        message_row("ad4", ("Jen from LinkedIn", ""), "Sam Rivera", "2023-03-05 10:00:00",
                    "Try Premium free for a month"),
        message_row("ad5", ("Kai Ito", "https://www.linkedin.com/in/kaiito"), "Sam Rivera",
                    "2023-03-06 10:00:00",
                    '<div class="spinmail-body"><a href="https://x.test">Apply</a></div>'),
    ]  # fmt: skip
    path = write(tmp_path, "messages.csv", csv_text(MESSAGES_2022, rows))
    result = import_file(owner, path)
    assert names(owner) == {"Ana Souza", "Bruno Costa"}
    assert Conversation.objects.filter(owner=owner).count() == 2
    (warning,) = [w for w in result.warnings if "sponsored" in w]
    assert warning.startswith("messages.csv: 6 messages skipped")


def test_html_entities_in_plain_messages_are_decoded(owner: User, tmp_path: Path) -> None:
    rows = [
        message_row("t1", ANA, "Sam Rivera", "2023-03-01 10:00:00",
                    "I&rsquo;d love to &amp; can meet at AT&T Park &#8212; R&D;"),
        message_row("t1", SAM, "Ana Souza", "2023-03-01 11:00:00", "Great"),
    ]  # fmt: skip
    import_file(owner, write(tmp_path, "messages.csv", csv_text(MESSAGES_2022, rows)))
    notes = Conversation.objects.get(owner=owner).notes
    assert "Ana Souza: I\u2019d love to & can meet at AT&T Park \u2014 R&D;" in notes


# --- 4. invitations imported after the connections -------------------------------------------


CONNECTIONS = csv_text(
    CONNECTIONS_2022,
    [
        ["Ana", "Souza", "", "Acme", "Engineer", "07 Mar 2021"],
        ["Kemi", "Okonkwo (ACIPM, HRPL), MILR", "", "Globex", "HR Lead", "08 Mar 2021"],
        ["Bruno", "Costa", "", "Initech", "CTO", "09 Mar 2021"],
    ],
    preamble=NOTES,
)
INVITATIONS = csv_text(
    INVITATIONS_2022,
    [
        ["Ana Souza", "Sam Rivera", "3/5/21, 9:05 AM", "We met at PyCon", "INCOMING"],
        ["Sam Rivera", KEMI[0], "3/6/21, 10:00 AM", "Loved your talk", "OUTGOING"],
        ["Sam Rivera", "Bruno Costa", "3/7/21, 10:00 AM", "", "OUTGOING"],
    ],
)


def test_invitations_imported_after_connections_reach_them(owner: User, tmp_path: Path) -> None:
    import_file(owner, write(tmp_path, "Connections.csv", CONNECTIONS))
    result = import_file(owner, write(tmp_path, "Invitations.csv", INVITATIONS))
    assert result.counts["invitations"]["updated"] == 2
    ana = Person.objects.get(owner=owner, first_name="Ana")
    assert ana.how_we_met == "LinkedIn invitation (received 5 Mar 2021): We met at PyCon"
    kemi = Person.objects.get(owner=owner, first_name="Kemi")
    assert kemi.how_we_met == "LinkedIn invitation (sent 6 Mar 2021): Loved your talk"
    assert Person.objects.get(owner=owner, first_name="Bruno").how_we_met == "Connected on LinkedIn"
    assert [w for w in result.warnings if "Invitations.csv" in w] == [
        "Invitations.csv: 1 invitation skipped (line 4): sent without a note, which would tell "
        "how you met"
    ]


def test_the_whole_export_after_a_lone_connections_file_adds_the_notes(
    owner: User, tmp_path: Path
) -> None:
    import_file(owner, write(tmp_path, "Connections.csv", CONNECTIONS))
    archive = tmp_path / "Basic_LinkedInDataExport_03-08-2021.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Connections.csv", CONNECTIONS)
        zipped.writestr("Invitations.csv", INVITATIONS)
    import_file(owner, archive)
    ana = Person.objects.get(owner=owner, first_name="Ana")
    assert ana.how_we_met.endswith("We met at PyCon")
    assert Person.objects.filter(owner=owner).count() == 3


def test_invitations_that_reach_nobody_say_import_connections_first(
    owner: User, tmp_path: Path
) -> None:
    result = import_file(owner, write(tmp_path, "Invitations.csv", INVITATIONS))
    assert result.counts["invitations"]["updated"] == 0
    warning = reason(result.warnings, "import your Connections first")
    assert warning.startswith("Invitations.csv: none of its 2 invitations with a note")
    assert Person.objects.filter(owner=owner).count() == 0


# --- 10. names ---------------------------------------------------------------------------------


def test_a_last_name_with_commas_in_brackets_keeps_the_family_name(
    owner: User, tmp_path: Path
) -> None:
    text = csv_text(
        CONNECTIONS_2022,
        [
            ["Kemi", "Okonkwo (ACIPM, HRPL), MILR", "", "Globex", "HR Lead", "08 Mar 2021"],
            ["Ann", "Lee,", "", "Acme", "", "09 Mar 2021"],
            ["Maria", "Smith (Jones)", "", "Acme", "", "10 Mar 2021"],
            ["Liam", "O&#39;Brien", "", "AT&amp;T", "", "11 Mar 2021"],
        ],
        preamble=NOTES,
    )
    import_file(owner, write(tmp_path, "Connections.csv", text))
    people = {p.first_name: p for p in Person.objects.filter(owner=owner)}
    assert people["Kemi"].last_name == "Okonkwo"
    assert people["Kemi"].full_name == "Kemi Okonkwo (ACIPM, HRPL), MILR"
    assert (people["Ann"].last_name, people["Ann"].full_name) == ("Lee", "Ann Lee")
    assert people["Maria"].last_name == "Smith (Jones)"
    assert people["Liam"].full_name == "Liam O'Brien"
    assert Company.objects.filter(owner=owner, name="AT&T").exists()


# --- 5. every skip has its reason and count ----------------------------------------------------


def import_json(path: Path) -> dict[str, Any]:
    out = io.StringIO()
    call_command("import", "linkedin", str(path), "--json", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


EXPORT = "Complete_LinkedInDataExport_03-08-2022.zip"


def skipping_export(tmp_path: Path) -> Path:
    connections = csv_text(
        CONNECTIONS_2022,
        [
            ["Ana", "Souza", "", "Acme", "Engineer", "07 Mar 2021"],
            ["", "", "", "", "", "08 Mar 2021"],
            ["", "", "", "", "", "09 Mar 2021"],
            ["Ana", "Souza", "", "Acme", "Engineer", "07 Mar 2021"],
        ],
        preamble=NOTES,
    )
    member = ("LinkedIn Member", "")
    messages = csv_text(
        MESSAGES_2022,
        [
            message_row("t1", SAM, "Ana Souza", "2022-03-01 10:00:00", "Hi Ana"),
            message_row("t2", SAM, "Bruno Costa", "2022-03-02 10:00:00", "Hi Bruno"),
            message_row("t3", member, "Sam Rivera, MBA", "2022-03-03 10:00:00", "Hello"),
            message_row("t4", SAM, "LinkedIn Member", "2022-03-04 10:00:00", "Still hiring?"),
            [*message_row("t5", SAM, "Ana Souza", "2022-03-05 10:00:00", "draft")[:-1], "DRAFT"],
        ],
    )
    positions = csv_text(
        "Company Name,Title,Description,Location,Started On,Finished On",
        [
            ["Acme", "Engineer", "", "", "Jan 2020", ""],
            ["", "Freelance data consultant", "", "Lisbon", "2018", "Dec 2019"],
            ["", "", "", "", "2017", ""],
        ],
    )
    archive = tmp_path / EXPORT
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Connections.csv", connections)
        zipped.writestr("messages.csv", messages)
        zipped.writestr("Positions.csv", positions)
        zipped.writestr("Invitations.csv", INVITATIONS)
    return archive


def test_every_skipped_row_is_told_with_its_reason_and_count(owner: User, tmp_path: Path) -> None:
    data = import_json(skipping_export(tmp_path))
    warnings = data["warnings"]
    blank = reason(warnings, "no name")
    assert blank.startswith(f"{EXPORT}/Connections.csv: 2 rows skipped (first at line 6): no name")
    assert "the same record again" in reason(
        warnings, f"{EXPORT}/Connections.csv: 1 row skipped (line 8)"
    )
    assert reason(warnings, "drafts").startswith(
        f"{EXPORT}/messages.csv: 1 message skipped (line 6)"
    )
    member = reason(warnings, "nobody else takes part but")
    assert member.startswith(f"{EXPORT}/messages.csv: 1 conversation-day skipped (line 4)")
    assert "LinkedIn Member" in member
    own = reason(warnings, "your own messages")
    assert own.startswith(f"{EXPORT}/messages.csv: 1 conversation-day skipped (line 5)")
    assert "neither company nor title" in reason(
        warnings, f"{EXPORT}/Positions.csv: 1 position skipped"
    )
    no_note = reason(warnings, "without a note")
    assert no_note.startswith(f"{EXPORT}/Invitations.csv: 1 invitation skipped (line 4)")
    nobody = reason(warnings, "went nowhere")  # Kemi is not among the connections
    assert nobody.startswith(f"{EXPORT}/Invitations.csv: 1 invitation skipped (line 3)")
    assert data["people"]["skipped"] == 3
    assert data["conversations"]["skipped"] == 2


def test_a_position_without_a_company_is_kept(owner: User, tmp_path: Path) -> None:
    import_json(skipping_export(tmp_path))
    positions = {p.title: p for p in Position.objects.filter(owner=owner)}
    assert set(positions) == {"Engineer", "Freelance data consultant"}
    freelance = positions["Freelance data consultant"]
    assert freelance.company is None
    assert (freelance.location, str(freelance)) == ("Lisbon", "Freelance data consultant")
    again = import_json(skipping_export(tmp_path))
    assert again["positions"] == {**again["positions"], "created": 0, "unchanged": 2}


def test_an_invitation_reaches_a_connection_written_without_their_credentials(
    owner: User, tmp_path: Path
) -> None:
    import_file(owner, write(tmp_path, "Connections.csv", CONNECTIONS))
    invitations = csv_text(
        INVITATIONS_2022,
        [
            ["Sam Rivera", "Kemi Okonkwo", "3/6/21, 10:00 AM", "Loved your talk", "OUTGOING"],
            ["ana souza", "Sam Rivera", "3/5/21, 9:05 AM", "We met at PyCon", "INCOMING"],
        ],
    )
    import_file(owner, write(tmp_path, "Invitations.csv", invitations))
    kemi = Person.objects.get(owner=owner, first_name="Kemi")
    assert kemi.how_we_met.endswith("Loved your talk")
    assert Person.objects.get(owner=owner, first_name="Ana").how_we_met.endswith("PyCon")


def test_invitations_imported_again_after_the_connections_reach_them(
    owner: User, tmp_path: Path
) -> None:
    path = write(tmp_path, "Invitations.csv", INVITATIONS)
    import_file(owner, path)
    import_file(owner, write(tmp_path, "Connections.csv", CONNECTIONS))
    again = import_file(owner, path)
    assert again.counts["invitations"]["updated"] == 2
    assert Person.objects.get(owner=owner, first_name="Ana").how_we_met.endswith("PyCon")
    assert import_file(owner, path).counts["invitations"]["updated"] == 0  # and only once


def test_a_message_to_a_company_page_makes_no_person(owner: User, tmp_path: Path) -> None:
    page = "https://www.linkedin.com/company/acme-cloud/"
    rows = [
        ["t1", "", ANA[0], ANA[1], "Sam Rivera", SAM[1], "2023-03-01 10:00:00 UTC", "", "Hi",
         "INBOX"],
        ["t2", "", SAM[0], SAM[1], "Bruno Costa", BRUNO[1], "2023-03-02 10:00:00 UTC", "",
         "Hello", "INBOX"],
        ["t3", "", SAM[0], SAM[1], "Acme Cloud", page, "2023-03-03 10:00:00 UTC", "",
         "Is the role open?", "INBOX"],
    ]  # fmt: skip
    result = import_file(owner, write(tmp_path, "messages.csv", csv_text(MESSAGES_2023, rows)))
    assert names(owner) == {"Ana Souza", "Bruno Costa"}
    assert "1 message skipped (line 4): sponsored" in reason(result.warnings, "sponsored")


def test_a_thread_with_a_namesake_is_skipped_for_that_reason(owner: User, tmp_path: Path) -> None:
    connections = csv_text(
        CONNECTIONS_2022,
        [
            ["Ana", "Souza", "", "Acme", "Engineer", "07 Mar 2021"],
            ["Ana", "Souza", "", "Globex", "Designer", "08 Mar 2022"],
            ["Bruno", "Costa", "", "Initech", "CTO", "09 Mar 2021"],
        ],
        preamble=NOTES,
    )
    rows = [
        message_row("t1", SAM, "Ana Souza", "2022-03-01 10:00:00", "Hi Ana"),
        message_row("t2", SAM, "Bruno Costa", "2022-03-02 10:00:00", "Hi Bruno"),
        message_row("t2", BRUNO, "Sam Rivera, MBA", "2022-03-02 11:00:00", "Hi Sam"),
    ]
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Connections.csv", connections)
        zipped.writestr("messages.csv", csv_text(MESSAGES_2022, rows))
    result = import_file(owner, archive)
    assert Conversation.objects.filter(owner=owner).count() == 1
    namesake = reason(result.warnings, "two or more of your people share")
    assert namesake.startswith("export.zip/messages.csv: 1 conversation-day skipped (line 2)")
    assert Person.objects.filter(owner=owner).count() == 3


def test_a_whole_export_imported_again_does_not_ask_for_connections(
    owner: User, tmp_path: Path
) -> None:
    archive = tmp_path / "export.zip"
    invitations = csv_text(
        INVITATIONS_2022,
        [
            ["Ana Souza", "Sam Rivera", "3/5/21, 9:05 AM", "We met at PyCon", "INCOMING"],
            ["Sam Rivera", "Pending Person", "3/6/21, 10:00 AM", "Hello", "OUTGOING"],
        ],
    )
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Connections.csv", CONNECTIONS)
        zipped.writestr("Invitations.csv", invitations)
    import_file(owner, archive)
    again = import_file(owner, archive)
    assert not [w for w in again.warnings if "Connections first" in w]
    assert "went nowhere" in reason(again.warnings, "Invitations.csv: 1 invitation skipped")


def test_a_2023_group_pairs_names_with_credentials_and_their_profiles(
    owner: User, tmp_path: Path
) -> None:
    ann, carl = "https://www.linkedin.com/in/annlee", "https://www.linkedin.com/in/carlng"
    rows = [
        ["t1", "", SAM[0], SAM[1], "Ann Lee, PhD, Carl Ng", f"{ann},{carl}",
         "2023-03-01 10:00:00 UTC", "", "Hello both", "INBOX"],
        ["t2", "", SAM[0], SAM[1], "Ana Souza", ANA[1], "2023-03-02 10:00:00 UTC", "", "Hi",
         "INBOX"],
    ]  # fmt: skip
    import_file(owner, write(tmp_path, "messages.csv", csv_text(MESSAGES_2023, rows)))
    people = {p.linkedin_url: p.full_name for p in Person.objects.filter(owner=owner)}
    assert people == {ann: "Ann Lee, PhD", carl: "Carl Ng", ANA[1]: "Ana Souza"}
