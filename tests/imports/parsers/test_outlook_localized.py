# ruff: noqa: RUF001 - Cyrillic names on purpose
"""Outlook's CSV export in other languages (item 9 of #11): the header is mapped to the
English one; a header of no known layout names what it looks like and suggests a vCard."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv
from rapport.imports.parse.outlook_headers import LANGUAGES
from rapport.imports.parse.records import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "csv"  # see fixtures/PROVENANCE.md


def test_a_russian_export_in_windows_1251() -> None:
    source = parse_contacts_csv(FIXTURES / "outlook_ru.csv")
    petr, anna = source.contacts
    assert (petr.first_name, petr.last_name, petr.full_name) == (
        "Пётр",
        "Иванов",
        "Пётр Ильич Иванов",
    )
    assert (petr.company, petr.title, petr.location) == ("ООО Ромашка", "Инженер", "Москва")
    assert petr.emails == ["petr@romashka.example"]
    assert petr.phones == ["+7 916 123-45-67"]  # the work fax is left out
    assert petr.notes == "Встреча на конференции"
    assert (anna.full_name, anna.phones) == ("Анна Смирнова", ["+7 495 765-43-21"])


def test_a_german_export_in_windows_1252_with_a_company_of_its_own() -> None:
    source = parse_contacts_csv(FIXTURES / "outlook_de.csv")
    (juergen,) = source.contacts
    assert (juergen.full_name, juergen.company) == ("Jürgen Müller", "Müller & Söhne GmbH")
    assert juergen.emails == ["juergen@mueller.example", "jm@privat.example"]
    assert (juergen.phones, juergen.urls) == (["+49 170 1234567"], ["www.mueller.example"])
    assert juergen.location == "München, Deutschland"
    (bakery,) = source.companies
    assert (bakery.name, bakery.phones) == ("Bäckerei Schmidt", ["+49 30 1234567"])


def _english(language: str) -> dict[str, str]:
    """{English name: this language's name} for one name per English column."""
    english: dict[str, str] = {}
    for localized, name in LANGUAGES[language].items():
        english.setdefault(name, localized)
    return english


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize(("codec", "delimiter"), [("cp1252", ","), ("utf-8-sig", ";")])
def test_every_language_is_read(tmp_path: Path, language: str, codec: str, delimiter: str) -> None:
    russian = language == "Russian"
    codec = "cp1251" if russian and codec == "cp1252" else codec
    first, last = ("Зоя", "Нуньес") if russian else ("Zoé", "Núñez")
    names = _english(language)
    header = [names[n] for n in ("first name", "last name", "company", "e-mail address")]
    header += [names["mobile phone"]]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([header, [first, last, "Acme", "zoe@example.com", "+34 600 000 000"]])
    path = tmp_path / "contacts.csv"
    path.write_bytes(out.getvalue().encode(codec))
    (zoe,) = parse_contacts_csv(path).contacts
    assert (zoe.full_name, zoe.company, zoe.emails, zoe.phones) == (
        f"{first} {last}",
        "Acme",
        ["zoe@example.com"],
        ["+34 600 000 000"],
    )


def test_an_unknown_language_names_the_layout_and_suggests_a_vcard(tmp_path: Path) -> None:
    # Outlook in Polish (not mapped): some 90 columns.
    names = ["Tytuł", "Imię", "Drugie imię", "Nazwisko", *(f"Pole {n}" for n in range(86))]
    path = tmp_path / "kontakty.csv"
    path.write_bytes((",".join(f'"{n}"' for n in names) + "\r\n").encode("utf-8"))
    with pytest.raises(ImportFormatError) as caught:
        parse_contacts_csv(path)
    message = str(caught.value)
    assert "Outlook's export in a language Rapport cannot read (90 columns" in message
    assert '"Tytuł", "Imię", "Drugie imię", "Nazwisko", …' in message
    assert "export your contacts as a vCard file (.vcf) instead" in message


def test_another_table_is_named_by_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nom;Prénom;Courriel\nSouza;Ana;a@x.example\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        parse_contacts_csv(path)
    message = str(caught.value)
    assert 'a table of 3 column(s) Rapport does not know ("Nom", "Prénom", "Courriel")' in message
    assert "vCard" in message


def test_an_italian_export_with_another_version_s_names(tmp_path: Path) -> None:
    # Column names an Italian Outlook writes (a public program's "exportOutlook" header).
    header = '"Società","Nome","Cognome","Nome visualizzato posta elettronica",'
    header += '"Indirizzo posta elettronica","Via (uff.)","Città (uff.)","Provincia (uff.)"'
    row = '"Biblioteca Civica","Giulia","Rossi","Giulia Rossi","giulia@example.it",'
    row += '"Via Roma 1","Torino","TO"'
    path = tmp_path / "contatti.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode("cp1252"))
    (giulia,) = parse_contacts_csv(path).contacts
    assert (giulia.full_name, giulia.company, giulia.emails, giulia.location) == (
        "Giulia Rossi",
        "Biblioteca Civica",
        ["giulia@example.it"],
        "Torino, TO",
    )


def test_a_german_export_of_outlook_2013_keeps_home_phones_and_countries(tmp_path: Path) -> None:
    # Outlook 2007-2013 in German: "Telefon (privat)", "Land/Region privat",
    # "Bundesland/Kanton privat", "Telefon Firma" (a real 2013 export; Tine 2.0's maps).
    header = (
        '"Vorname","Nachname","Firma","Position","Ort privat","Bundesland/Kanton privat",'
        '"Land/Region privat","Telefon geschäftlich","Telefon Firma","Telefon (privat)",'
        '"Telefon (privat 2)","Mobiltelefon","E-Mail-Adresse"'
    )
    rows = [
        '"Jürgen","Weiß","Weiß GmbH","Leiter","Köln","NRW","Deutschland","0221 1111",'
        '"0221 9999","0221 2222","0221 3333","0171 4444","jw@example.de"',
        '"","","Weiß GmbH","","","","","","0221 9999","","","",""',
    ]
    path = tmp_path / "kontakte.csv"
    path.write_bytes("\r\n".join([header, *rows, ""]).encode("cp1252"))
    source = parse_contacts_csv(path)
    (juergen,) = source.contacts
    assert juergen.location == "Köln, NRW, Deutschland"
    assert juergen.phones == ["0221 1111", "0221 2222", "0221 3333", "0171 4444"]
    assert juergen.labels["0221 2222"] == "Home"
    (company,) = source.companies  # its switchboard, "Telefon Firma"
    assert (company.name, company.phones) == ("Weiß GmbH", ["0221 9999"])


FRENCH_HEADER = (  # French Outlook's first columns, in its order (Polytechnique.org's header)
    '"Titre","Prénom","Deuxième prénom","Nom","Suffixe","Surnom","Société ","Service ",'
    '"Titre","Rue (bureau)","Ville (bureau)","Pays/Région (bureau)","Téléphone (bureau)",'
    '"Adresse de messagerie","Profession"'
)


def test_a_french_export_reads_its_second_titre_as_the_job_title(tmp_path: Path) -> None:
    # "Titre" twice: the title before the name, then the job title. Only "Profession" was
    # read as a title (Roundcube's map), which Outlook keeps for another field, mostly empty.
    rows = [
        '"M.","Loïc","","Lefèvre","","","Société Générale","Ventes","Directeur commercial",'
        '"1 rue de la Paix","Paris","France","01 23 45 67 89","loic@example.fr",""',
        '"Mme","Anaïs","","Dubois","","","","","","","","","","anais@example.fr","Avocate"',
    ]
    path = tmp_path / "contacts.csv"
    path.write_bytes("\r\n".join([FRENCH_HEADER, *rows, ""]).encode("cp1252"))
    loic, anais = parse_contacts_csv(path).contacts
    assert (loic.full_name, loic.company, loic.title) == (
        "Loïc Lefèvre",
        "Société Générale",
        "Directeur commercial",
    )
    assert loic.location == "Paris, France"
    assert (anais.full_name, anais.title) == ("Anaïs Dubois", "Avocate")  # her Profession


def test_one_titre_alone_is_the_title_before_the_name(tmp_path: Path) -> None:
    header = '"Titre","Prénom","Nom","Société","Adresse de messagerie","Profession"'
    row = '"Dr","Anaïs","Dubois","Hôpital Nord","anais@example.fr","Chirurgienne"'
    path = tmp_path / "contacts.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode("cp1252"))
    (anais,) = parse_contacts_csv(path).contacts
    assert (anais.full_name, anais.title) == ("Anaïs Dubois", "Chirurgienne")


def test_an_english_export_reads_profession_when_there_is_no_job_title(tmp_path: Path) -> None:
    header = '"First Name","Last Name","Job Title","E-mail Address","Profession"'
    rows = [
        '"Ana","Lee","CTO","ana@example.com","Engineer"',
        '"Bo","Ng","","bo@example.com","Nurse"',
    ]
    path = tmp_path / "contacts.csv"
    path.write_bytes("\r\n".join([header, *rows, ""]).encode("cp1252"))
    assert [c.title for c in parse_contacts_csv(path).contacts] == ["CTO", "Nurse"]
