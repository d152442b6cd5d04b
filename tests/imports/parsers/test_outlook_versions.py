# ruff: noqa: RUF001 - Cyrillic names on purpose
"""Outlook's CSV export in other languages, version by version (#11): each version's column
names, as seen (fixtures/PROVENANCE.md), are read for names, company, job title, e-mails,
phones and place; Outlook in a language Rapport does not read is named and a vCard asked for.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rapport.imports.parse import parse_contacts_csv
from rapport.imports.parse.records import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "csv"  # see fixtures/PROVENANCE.md

# What each column holds, in the order the tests write them (Outlook's order).
_ROLES = ("first", "last", "company", "title", "city", "country", "work", "home", "mobile", "email")
_LATIN = ("Zoé", "Núñez", "Acme Ltda", "Engenheira", "Lyon", "France", "+33 1", "+33 2", "+33 3")
_CYRILLIC = ("Зоя", "Нуньес", "ООО Акме", "Инженер", "Лион", "Франция", "+7 1", "+7 2", "+7 3")

# (language and version, code page, the column names for _ROLES)
VARIANTS = [
    pytest.param(
        "cp1252",
        ("Vorname", "Nachname", "Firma", "Position", "Ort geschäftlich", "Land geschäftlich",
         "Telefon geschäftlich", "Telefon privat", "Mobiltelefon", "E-Mail-Adresse"),
        id="German-2003",
    ),
    pytest.param(
        "cp1252",
        ("Vorname", "Nachname", "Firma", "Position", "Ort geschäftlich",
         "Land/Region geschäftlich", "Telefon geschäftlich", "Telefon (privat)",
         "Mobiltelefon", "E-Mail-Adresse"),
        id="German-2007-2013",
    ),
    pytest.param(
        "cp1252",
        ("Vorname", "Nachname", "Firma", "Position", "Ort privat", "Land/Region privat",
         "Telefon geschäftlich", "Telefon privat", "Mobiltelefon", "E-Mail-Adresse"),
        id="German-2010-Microsoft",
    ),
    pytest.param(
        "cp1252",
        ("Prénom", "Nom", "Société", "Profession", "Ville (bureau)", "Pays (bureau)",
         "Téléphone (bureau)", "Téléphone (domicile)", "Tél. mobile", "Adresse de messagerie"),
        id="French-2003",
    ),
    pytest.param(
        "cp1252",
        ("Prénom", "Nom", "Société", "Profession", "Ville (domicile)", "Pays/Région (domicile)",
         "Téléphone (bureau)", "Téléphone (domicile)", "Tél. mobile", "Adresse de messagerie"),
        id="French-2007-later",
    ),
    pytest.param(
        "utf-8-sig",
        ("Prénom", "Nom", "Société", "Profession", "Ville (bureau)", "Pays/Région (bureau)",
         "Téléphone (bureau)", "Téléphone (domicile)", "Tél. mobile", "Adresse de courrier"),
        id="French-365",
    ),
    pytest.param(
        "cp1252",
        ("Nombre", "Apellidos", "Organización", "Puesto", "Ciudad de trabajo",
         "País o región del trabajo", "Teléfono del trabajo", "Particular", "Mobile Phone",
         "E-mail Address"),
        id="Spanish-Microsoft",
    ),
    pytest.param(
        "cp1252",
        ("Nombre", "Apellidos", "Organización", "Puesto", "Otra ciudad", "Otro país o región",
         "Teléfono del trabajo", "Particular", "Teléfono móvil",
         "Dirección de correo electrónico"),
        id="Spanish-Roundcube",
    ),
    pytest.param(
        "cp1252",
        ("Nome", "Cognome", "Società", "Qualifica", "Città di lavoro",
         "Nazione/Regione di lavoro", "Telefono di Lavoro", "Telefono di casa",
         "Telefono Mobile", "Indirizzo E-mail"),
        id="Italian-Roundcube",
    ),
    pytest.param(
        "cp1252",
        ("Nome", "Cognome", "Società", "Posizione", "Città (uff.)", "Paese (uff.)", "Ufficio",
         "Abitazione", "Cellulare", "Indirizzo posta elettronica"),
        id="Italian-2007-2013",
    ),
    pytest.param(
        "cp1252",
        ("Nome", "Cognome", "Società", "Posizione", "Città (ab.)",
         "Paese/area geografica (ab.)", "Ufficio", "Abitazione", "Cellulare",
         "Indirizzo posta elettronica"),
        id="Italian-later",
    ),
    pytest.param(
        "cp1252",
        ("Voornaam", "Achternaam", "Bedrijf", "Functie", "Werkadres, plaats",
         "Land/regio (werk)", "Telefoon op werk", "Telefoon thuis", "Mobiele telefoon",
         "E-mailadres"),
        id="Dutch-2007-later",
    ),
    pytest.param(
        "cp1252",
        ("Primeiro nome", "Último nome", "Empresa", "Cargo", "Cidade comercial",
         "Região/País comercial", "Fone comercial", "Fone de casa", "Celular",
         "Endereço de E-mail"),
        id="Portuguese-Brazil-Roundcube",
    ),
    pytest.param(
        "cp1252",
        ("Primeiro nome", "Sobrenome", "Empresa", "Cargo", "Business City",
         "País/Região da Empresa", "Telefone comercial", "Telefone residencial",
         "Telefone celular", "E-mail Address"),
        id="Portuguese-Brazil-Microsoft",
    ),
    pytest.param(
        "cp1252",
        ("Primeiro nome", "Apelido", "Empresa", "Cargo", "Localidade da empresa",
         "País/Região da Empresa", "Telefone da empresa", "Telefone da residência", "Telemóvel",
         "Endereço de correio electrónico"),
        id="Portuguese-Portugal-Microsoft",
    ),
    pytest.param(
        "cp1251",
        ("Имя", "Фамилия", "Организация", "Должность", "Город (раб. адрес)",
         "Страна или регион (раб. адрес)", "Рабочий телефон", "Домашний телефон",
         "Телефон переносной", "Адрес эл. почты"),
        id="Russian",
    ),
]  # fmt: skip


def _write(path: Path, codec: str, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(codec))
    return path


@pytest.mark.parametrize(("codec", "header"), VARIANTS)
def test_each_version_s_names_are_read(tmp_path: Path, codec: str, header: tuple[str, ...]) -> None:
    assert len(header) == len(_ROLES)
    first, last, company, title, city, country, work, home, mobile = (
        _CYRILLIC if codec == "cp1251" else _LATIN
    )
    row = [first, last, company, title, city, country, work, home, mobile, "zoe@example.com"]
    path = _write(tmp_path / "contacts.csv", codec, [list(header), row])
    (zoe,) = parse_contacts_csv(path).contacts
    assert (zoe.first_name, zoe.last_name, zoe.full_name) == (first, last, f"{first} {last}")
    assert (zoe.company, zoe.title) == (company, title)
    assert zoe.emails == ["zoe@example.com"]
    assert zoe.phones == [work, home, mobile]
    assert [zoe.labels[phone] for phone in zoe.phones] == ["Work", "Home", "Mobile"]
    assert zoe.location == f"{city}, {country}"


@pytest.mark.parametrize(
    ("codec", "header"),
    [
        pytest.param("cp1252", ("Vorname", "Nachname", "Position", "Beruf"), id="German"),
        pytest.param("cp1252", ("Nombre", "Apellidos", "Puesto", "Profesión"), id="Spanish"),
        pytest.param("cp1252", ("Nome", "Cognome", "Posizione", "Professione"), id="Italian"),
        pytest.param("cp1252", ("Voornaam", "Achternaam", "Functie", "Beroep"), id="Dutch"),
        pytest.param("cp1252", ("Primeiro nome", "Sobrenome", "Cargo", "Profissão"), id="pt-BR"),
        pytest.param("cp1252", ("Primeiro nome", "Apelido", "Cargo", "Profissão"), id="pt-PT"),
        pytest.param("cp1251", ("Имя", "Фамилия", "Должность", "Профессия"), id="Russian"),
    ],
)
def test_outlook_s_profession_is_read_when_there_is_no_job_title(
    tmp_path: Path, codec: str, header: tuple[str, ...]
) -> None:
    rows = [[*header, "E-mail Address"], ["Ana", "Lee", "", "Nurse", "ana@example.com"]]
    (ana,) = parse_contacts_csv(_write(tmp_path / "contacts.csv", codec, rows)).contacts
    assert (ana.full_name, ana.title) == ("Ana Lee", "Nurse")


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(("Prénom", "Nom", "Société", "Téléphone société"), id="French"),
        pytest.param(
            ("Nombre", "Apellidos", "Organización", "Número de centralita de la organización"),
            id="Spanish",
        ),
        pytest.param(("Nome", "Cognome", "Società", "Telefono principale società"), id="Italian"),
        pytest.param(
            ("Primeiro nome", "Sobrenome", "Empresa", "Telefone principal da empresa"), id="pt-BR"
        ),
    ],
)
def test_the_company_s_switchboard_is_the_company_s(
    tmp_path: Path, header: tuple[str, ...]
) -> None:
    rows = [
        [*header, "E-mail Address"],
        ["Ana", "Lee", "Acme", "+1 100", "ana@example.com"],
        ["", "", "Acme", "+1 100", ""],
    ]
    source = parse_contacts_csv(_write(tmp_path / "contacts.csv", "cp1252", rows))
    (ana,) = source.contacts
    assert (ana.full_name, ana.company, ana.phones) == ("Ana Lee", "Acme", [])
    (acme,) = source.companies
    assert (acme.name, acme.phones) == ("Acme", ["+1 100"])


# A whole Dutch Outlook header (2007 and later), in its order, as in Open-Xchange's tests.
DUTCH = [
    "Titel", "Voornaam", "Middelste naam", "Achternaam", "Achtervoegsel", "Bedrijf", "Afdeling",
    "Functie", "Werkadres, straat", "Werkadres 2, straat", "Werkadres 3, straat",
    "Werkadres, plaats", "Werkadres, provincie", "Werkadres, postcode", "Land/regio (werk)",
    "Huisadres, straat", "Huisadres, straat 2", "Huisadres, straat 3", "Huisadres, plaats",
    "Huisadres, provincie", "Huisadres, postcode", "Land/regio (thuis)", "Ander adres, straat",
    "Ander adres, straat 2", "Ander adres, straat 3", "Ander adres, plaats",
    "Ander adres, provincie", "Ander adres, postcode", "Land/regio (anders)", "Telefoon assistent",
    "Fax op werk", "Telefoon op werk", "Telefoon op werk 2", "Terugbellen", "Autotelefoon",
    "Hoofdtelefoon bedrijf", "Fax thuis", "Telefoon thuis", "Telefoon thuis 2", "ISDN",
    "Mobiele telefoon", "Andere fax", "Andere telefoon", "Pager", "Hoofdtelefoon", "Radiotelefoon",
    "Teksttelefoon", "Telex", "Account", "Adreslijstserver", "Ander adres, postbusnummer",
    "Beroep", "Categorien", "E-mailadres", "E-mailtype", "Weergavenaam voor e-mail",
    "E-mailadres 2", "E-mailtype 2", "E-mail, weergegeven naam 2", "E-mailadres 3", "E-mailtype 3",
    "E-mail, weergegeven naam 3", "Factuurinformatie", "Gebruiker 1", "Gebruiker 2", "Gebruiker 3",
    "Gebruiker 4", "Geslacht", "Gevoeligheid", "Hobby's", "Huisadres, postbusnummer", "Initialen",
    "Internet Beschikbaarheidsinfo", "Kantoorlocatie", "Kinderen", "Locatie", "Naam assistent",
    "Naam manager", "Notities", "Organisatie-id", "Partner", "Prioriteit", "Priv",
    "Referentie van", "Reisafstand", "Sofinummer", "Speciale datum", "Taal", "Trefwoorden",
    "Verjaardag", "Webpagina", "Werkadres, postbusnummer",
]  # fmt: skip


def test_a_whole_dutch_header(tmp_path: Path) -> None:
    cells = {
        "Voornaam": "Sanne", "Achternaam": "de Vries", "Bedrijf": "Bakkerij Jansen",
        "Functie": "Bedrijfsleider", "Werkadres, plaats": "Utrecht",
        "Werkadres, provincie": "Utrecht", "Land/regio (werk)": "Nederland",
        "Telefoon op werk": "030 123 4567", "Telefoon op werk 2": "030 123 4568",
        "Autotelefoon": "06 0000 0001", "Hoofdtelefoon bedrijf": "030 999 9999",
        "Fax op werk": "030 123 0000", "Telefoon thuis": "030 765 4321",
        "Telefoon thuis 2": "030 765 4322", "Mobiele telefoon": "06 1234 5678",
        "Andere telefoon": "06 0000 0002", "Hoofdtelefoon": "030 123 4500",
        "E-mailadres": "sanne@jansen.example", "E-mailadres 2": "sanne@thuis.example",
        "Notities": "Ontmoet op de beurs", "Webpagina": "www.jansen.example",
        "Achtervoegsel": "jr.", "Geslacht": "Niet-gespecificeerd", "Prioriteit": "Normaal",
        "Verjaardag": "0-0-00",
    }  # fmt: skip
    assert set(cells) <= set(DUTCH)
    assert len(DUTCH) == 92
    rows = [DUTCH, [cells.get(name, "") for name in DUTCH]]
    (sanne,) = parse_contacts_csv(_write(tmp_path / "contacten.csv", "cp1252", rows)).contacts
    assert (sanne.full_name, sanne.company, sanne.title) == (
        "Sanne de Vries jr.",
        "Bakkerij Jansen",
        "Bedrijfsleider",
    )
    assert sanne.location == "Utrecht, Utrecht, Nederland"
    assert sanne.emails == ["sanne@jansen.example", "sanne@thuis.example"]
    # Not the fax, nor the company's switchboard ("Hoofdtelefoon bedrijf").
    assert sanne.phones == [
        "030 123 4567", "030 123 4568", "06 0000 0001", "030 765 4321", "030 765 4322",
        "06 1234 5678", "06 0000 0002", "030 123 4500",
    ]  # fmt: skip
    assert (sanne.notes, sanne.urls) == ("Ontmoet op de beurs", ["www.jansen.example"])


# A whole Italian Outlook header of a later version, in its order ("Complete Outlook Italian
# column set" of a public Thunderbird-to-Outlook converter).
ITALIAN = [
    "Titolo", "Nome", "Secondo nome", "Cognome", "Titolo straniero", "Società", "Reparto",
    "Posizione", "Via (uff.)", "Via (uff.) 2", "Via (uff.) 3", "Città (uff.)", "Provincia (uff.)",
    "CAP (uff.)", "Paese/area geografica (uff.)", "Via (ab.)", "Via (ab.) 2", "Via (ab.) 3",
    "Città (ab.)", "Provincia (ab.)", "CAP (ab.)", "Paese/area geografica (ab.)", "Altra via",
    "Altra via 2", "Altra via 3", "Altra città", "Altra provincia", "Altro CAP",
    "Altro paese/area geografica", "Telefono assistente", "Fax (uff.)", "Ufficio", "Ufficio 2",
    "Richiamata automatica", "Telefono auto", "Telefono principale società", "Fax (ab.)",
    "Abitazione", "Abitazione 2", "ISDN", "Cellulare", "Altro fax", "Altro telefono",
    "Cercapersone", "Telefono principale", "Radiotelefono", "Telefono TTY/TDD", "Telex", "Account",
    "Altro indirizzo - Casella postale", "Anniversario", "Categorie", "Cod. Fisc./P. IVA",
    "Compleanno", "Dati fatturazione", "Disponibilità Internet", "Figli", "Hobby",
    "Indennità trasferta", "Indirizzo (ab.) - Casella postale",
    "Indirizzo (uff.) - Casella postale", "Iniziali", "Lingua", "Luogo", "Nome assistente",
    "Nome coniuge/partner", "Nome manager", "Notes", "Numero ID organizzativo", "Pagina Web",
    "Parole chiave", "Indirizzo posta elettronica", "Tipo posta elettronica",
    "Nome visualizzato posta elettronica", "Indirizzo posta elettronica 2",
    "Tipo posta elettronica 2", "Nome visualizzato posta elettronica 2",
    "Indirizzo posta elettronica 3", "Tipo posta elettronica 3",
    "Nome visualizzato posta elettronica 3", "Presentato da", "Priorità", "Privato", "Professione",
    "Riservatezza", "Server di directory", "Sesso", "Ubicazione ufficio", "Utente 1", "Utente 2",
    "Utente 3", "Utente 4",
]  # fmt: skip


def test_a_whole_italian_header(tmp_path: Path) -> None:
    cells = {
        "Titolo": "Dott.ssa", "Nome": "Giulia", "Cognome": "Rossi", "Società": "Studio Rossi",
        "Reparto": "Legale", "Posizione": "Avvocata", "Città (ab.)": "Torino",
        "Provincia (ab.)": "TO", "Paese/area geografica (ab.)": "Italia",
        "Fax (uff.)": "011 000 0000", "Ufficio": "011 111 1111", "Abitazione": "011 222 2222",
        "Cellulare": "333 333 3333", "Telefono principale società": "011 999 9999",
        "Indirizzo posta elettronica": "giulia@studio.example", "Tipo posta elettronica": "SMTP",
        "Nome visualizzato posta elettronica": "Giulia Rossi (giulia@studio.example)",
        "Notes": "Conosciuta al convegno", "Priorità": "Normale", "Privato": "Falso",
        "Sesso": "Non specificato", "Anniversario": "0/0/00",
    }  # fmt: skip
    assert set(cells) <= set(ITALIAN)
    assert len(ITALIAN) == 92
    rows = [ITALIAN, [cells.get(name, "") for name in ITALIAN]]
    (giulia,) = parse_contacts_csv(_write(tmp_path / "contatti.csv", "cp1252", rows)).contacts
    assert (giulia.full_name, giulia.company, giulia.title) == (
        "Giulia Rossi",
        "Studio Rossi",
        "Avvocata",
    )
    assert giulia.location == "Torino, TO, Italia"
    assert giulia.emails == ["giulia@studio.example"]
    assert giulia.phones == ["011 111 1111", "011 222 2222", "333 333 3333"]
    assert giulia.notes == "Conosciuta al convegno"


def _other_languages() -> list[tuple[str, str, str]]:
    """(locale, code page, header) of Outlook in languages Rapport does not read."""
    found = []
    for line in (FIXTURES / "outlook_other_languages.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            locale_and_codec, header = line.split("\t")
            locale, codec = locale_and_codec.split()
            found.append((locale, codec, header))
    return found


@pytest.mark.parametrize(
    ("codec", "header"),
    [pytest.param(codec, header, id=locale) for locale, codec, header in _other_languages()],
)
def test_outlook_in_a_language_not_read_is_named_and_a_vcard_asked_for(
    tmp_path: Path, codec: str, header: str
) -> None:
    names = next(csv.reader([header]))
    row = ",".join('""' for _ in names)
    path = tmp_path / "contacts.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode(codec))
    with pytest.raises(ImportFormatError) as caught:
        parse_contacts_csv(path)
    message = str(caught.value)
    shown = ", ".join(f'"{name}"' for name in names[:4])
    assert f"Outlook's export in a language Rapport cannot read ({len(names)} columns: " in message
    assert f"{shown}, …" in message  # its own first names, read in its code page
    assert "export your contacts as a vCard file (.vcf) instead" in message


# A whole French Outlook header of a recent version, in its order ("Adresse de courrier",
# typographic apostrophes), as a French Outlook export is written by a public program (GestSIS).
FRENCH = [
    "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Titre",
    "Rue (bureau)", "Rue (bureau) 2", "Rue (bureau) 3", "Ville (bureau)", "Dép/Région (bureau)",
    "Code postal (bureau)", "Pays/Région (bureau)", "Rue (domicile)", "Rue (domicile) 2",
    "Rue (domicile) 3", "Ville (domicile)", "Dép/Région (domicile)", "Code postal (domicile)",
    "Pays/Région (domicile)", "Rue (autre)", "Rue (autre) 2", "Rue (autre) 3", "Ville (autre)",
    "Dép/Région (autre)", "Code postal (autre)", "Pays/Région (autre)",
    "Téléphone de l'assistant(e)", "Télécopie (bureau)", "Téléphone (bureau)",
    "Téléphone 2 (bureau)", "Rappel", "Téléphone (voiture)", "Téléphone société",
    "Télécopie (domicile)", "Téléphone (domicile)", "Téléphone 2 (domicile)", "RNIS",
    "Tél. mobile", "Télécopie (autre)", "Téléphone (autre)", "Récepteur de radiomessagerie",
    "Téléphone principal", "Radiotéléphone", "Téléphone TDD/TTY", "Télex",
    "Adresse de courrier", "Type de courrier", "Nom complet de l'adresse de courrier",
    "Adresse de courrier 2", "Type de courrier 2", "Nom complet de l'adresse de courrier 2",
    "Adresse de courrier 3", "Type de courrier 3", "Nom complet de l'adresse de courrier 3",
    "Anniversaire", "Anniversaire de mariage ou fête", "Autre boîte postale",
    "B.P. professionnelle", "Boîte postale du domicile", "Bureau", "Catégories", "Compte",
    "Conjoint(e)", "Critère de diffusion", "Disponibilité Internet", "Emplacement", "Enfants",
    "Informations facturation", "Initiales", "Kilométrage", "Langue", "Mots clés",
    "Nom de l'assistant(e)", "Notes", "Numéro d’identification d’administration publique",
    "Numéro d'identification de l'organisation", "Page web", "Passe-temps", "Priorité", "Privé",
    "Profession", "Recommandé par", "Responsable", "Serveur d’annuaire", "Sexe",
    "Utilisateur 1", "Utilisateur 2", "Utilisateur 3", "Utilisateur 4",
]  # fmt: skip


def test_a_whole_french_header_of_a_recent_version(tmp_path: Path) -> None:
    cells = [""] * len(FRENCH)
    for name, value in {
        "Prénom": "Loïc", "Nom": "Lefèvre", "Société": "Société Générale", "Service": "Ventes",
        "Ville (domicile)": "Lausanne", "Code postal (domicile)": "1000",
        "Pays/Région (domicile)": "Suisse", "Téléphone (bureau)": "021 111 11 11",
        "Téléphone société": "021 999 99 99", "Téléphone (domicile)": "021 222 22 22",
        "Tél. mobile": "079 333 33 33", "Adresse de courrier": "loic@example.ch",
        "Type de courrier": "SMTP", "Adresse de courrier 2": "loic@maison.example",
        "Notes": "Vu au salon", "Page web": "www.example.ch", "Critère de diffusion": "Normal",
    }.items():  # fmt: skip
        cells[FRENCH.index(name)] = value
    cells[0], cells[7] = "M.", "Directeur commercial"  # "Titre" twice: before the name, job
    assert len(FRENCH) == 92
    path = _write(tmp_path / "contacts.csv", "utf-8-sig", [FRENCH, cells])
    (loic,) = parse_contacts_csv(path).contacts
    assert (loic.full_name, loic.company, loic.title) == (
        "Loïc Lefèvre",
        "Société Générale",
        "Directeur commercial",
    )
    assert loic.location == "Lausanne, Suisse"
    assert loic.emails == ["loic@example.ch", "loic@maison.example"]
    assert loic.phones == ["021 111 11 11", "021 222 22 22", "079 333 33 33"]
    assert (loic.notes, loic.urls) == ("Vu au salon", ["www.example.ch"])
