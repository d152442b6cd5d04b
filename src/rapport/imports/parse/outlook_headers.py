# ruff: noqa: RUF001 - the Russian names are Cyrillic on purpose
"""Outlook's contact export in other languages: its column names, by language, as the
English Outlook names them (`header_key` form), for the columns Rapport reads.

Outlook writes its CSV header in the language of its installation ("Vorname", "Prénom",
"Имя") and in the machine's ANSI code page (Windows-1252, Windows-1251…; encoding.py reads
those). Where each name comes from is in tests/imports/parsers/fixtures/PROVENANCE.md.
"""

from __future__ import annotations

from rapport.imports.parse.tabular import header_key

# The English names, as the Outlook layout in contacts_csv.py reads them.
_FIRST, _MIDDLE, _LAST, _SUFFIX = "first name", "middle name", "last name", "suffix"
_COMPANY, _TITLE, _NOTES, _WEB = "company", "job title", "notes", "web page"
_EMAIL, _EMAIL2, _EMAIL3 = "e-mail address", "e-mail 2 address", "e-mail 3 address"
_MOBILE, _WORK, _WORK2 = "mobile phone", "business phone", "business phone 2"
_HOME, _HOME2, _OTHER = "home phone", "home phone 2", "other phone"
_PRIMARY, _CAR, _MAIN = "primary phone", "car phone", "company main phone"
_FAX = "business fax"  # read as a fax: left out, like the English one
_PROFESSION = "profession"  # Outlook's own field, read when the job title is empty


def _places(**names: str) -> dict[str, str]:
    """{"Ort geschäftlich": "business city", …} from business_city="Ort geschäftlich"."""
    return {
        localized: english.removesuffix("_uff")
        .replace("country_region", "country/region")
        .replace("_", " ")
        for english, localized in names.items()
    }


_GERMAN = {
    "Vorname": _FIRST, "Weitere Vornamen": _MIDDLE, "Nachname": _LAST, "Suffix": _SUFFIX,
    "Firma": _COMPANY, "Position": _TITLE, "Notizen": _NOTES, "Webseite": _WEB,
    "E-Mail-Adresse": _EMAIL, "E-Mail 2: Adresse": _EMAIL2, "E-Mail 3: Adresse": _EMAIL3,
    "Mobiltelefon": _MOBILE, "Telefon geschäftlich": _WORK,
    "Telefon geschäftlich 2": _WORK2, "Telefon privat": _HOME, "Telefon privat 2": _HOME2,
    "Weiteres Telefon": _OTHER, "Haupttelefon": _PRIMARY, "Autotelefon": _CAR,
    "Fax geschäftlich": _FAX,
    **_places(
        business_city="Ort geschäftlich", home_city="Ort privat", other_city="Weiterer Ort",
        business_state="Region geschäftlich", home_state="Region privat",
        other_state="Weitere Region", business_country_region="Land geschäftlich",
        home_country_region="Land privat", other_country_region="Weiteres Land",
    ),
    # Outlook 2007 to 2013 (a real 2013 export; Tine 2.0's maps of 2007 and 2010): its
    # home phone in brackets, "Land/Region" for the country, "Bundesland/Kanton" for the
    # state of a home or other address.
    "Telefon (privat)": _HOME, "Telefon (privat 2)": _HOME2, "Telefon Firma": _MAIN,
    **_places(
        business_country_region="Land/Region geschäftlich",
        home_country_region="Land/Region privat",
        other_country_region="Weiteres/e Land/Region",
        home_state="Bundesland/Kanton privat", other_state="Weiteres/r Bundesland/Kanton",
    ),
    # Outlook's own field "Beruf" (Microsoft's map of German Outlook's export; Open-Xchange's).
    "Beruf": _PROFESSION,
}  # fmt: skip
_FRENCH = {
    "Prénom": _FIRST, "Deuxième prénom": _MIDDLE, "Nom": _LAST, "Suffixe": _SUFFIX,
    "Société": _COMPANY, "Profession": _PROFESSION, "Notes": _NOTES, "Page Web": _WEB,
    "Adresse de messagerie": _EMAIL, "Adresse de messagerie 2": _EMAIL2,
    "Adresse de messagerie 3": _EMAIL3, "Tél. mobile": _MOBILE,
    "Téléphone (bureau)": _WORK, "Téléphone 2 (bureau)": _WORK2,
    "Téléphone (domicile)": _HOME, "Téléphone 2 (domicile)": _HOME2,
    "Téléphone (autre)": _OTHER, "Téléphone principal": _PRIMARY,
    "Téléphone (voiture)": _CAR, "Télécopie (bureau)": _FAX,
    **_places(
        business_city="Ville (bureau)", home_city="Ville (domicile)", other_city="Ville (autre)",
        business_state="Dép/Région (bureau)", home_state="Dép/Région (domicile)",
        other_state="Dép/Région (autre)", business_country_region="Pays/Région (bureau)",
        home_country_region="Pays/Région (domicile)", other_country_region="Pays/Région (autre)",
    ),
    # Microsoft's map of French Outlook's export: the company's switchboard.
    "Téléphone société": _MAIN,
    # Later versions (Microsoft 365) say "courrier" for "messagerie" (a whole French header
    # of a recent export; a converter of French Outlook exports).
    "Adresse de courrier": _EMAIL, "Adresse de courrier 2": _EMAIL2,
    "Adresse de courrier 3": _EMAIL3,
    # Outlook 2003 and earlier said "Pays", as the English one said "Country" (Open-Xchange's
    # French Outlook map, made from Outlook's own names).
    **_places(
        business_country_region="Pays (bureau)", home_country_region="Pays (domicile)",
        other_country_region="Pays (autre)",
    ),
}  # fmt: skip
_SPANISH = {
    "Nombre": _FIRST, "Segundo nombre": _MIDDLE, "Apellidos": _LAST, "Sufijo": _SUFFIX,
    "Organización": _COMPANY, "Puesto": _TITLE, "Notas": _NOTES, "Página web": _WEB,
    "Dirección de correo electrónico": _EMAIL,
    "Dirección de correo electrónico 2": _EMAIL2,
    "Dirección de correo electrónico 3": _EMAIL3,
    "Dirección del correo electrónico 3": _EMAIL3,
    "Teléfono móvil": _MOBILE, "Teléfono del trabajo": _WORK, "Particular": _HOME,
    "Otro teléfono": _OTHER, "Teléfono principal": _PRIMARY,
    **_places(
        business_city="Ciudad de trabajo", other_city="Otra ciudad",
        business_state="Provincia o estado de trabajo", other_state="Otra provincia o estado",
        business_country_region="País o región del trabajo",
        home_country_region="País o región del domicilio",
        other_country_region="Otro país o región",
    ),
    # Microsoft's map of Spanish Outlook's export (which leaves some columns in English,
    # "Mobile Phone", "Home City": read as the English ones).
    "Número de centralita de la organización": _MAIN, "Profesión": _PROFESSION,
}  # fmt: skip
_ITALIAN = {
    "Nome": _FIRST, "Secondo nome": _MIDDLE, "Cognome": _LAST, "Suffisso": _SUFFIX,
    "Società": _COMPANY, "Qualifica": _TITLE, "Note": _NOTES, "Pagina Web": _WEB,
    "Indirizzo E-mail": _EMAIL, "Indirizzo E-mail 2": _EMAIL2, "Indirizzo E-mail 3": _EMAIL3,
    "Indirizzo posta elettronica": _EMAIL, "Indirizzo posta elettronica 2": _EMAIL2,
    "Indirizzo posta elettronica 3": _EMAIL3,
    "Telefono Mobile": _MOBILE, "Cellulare": _MOBILE, "Telefono di Lavoro": _WORK,
    "Telefono di Lavoro 2": _WORK2, "Telefono di casa": _HOME, "Telefono di casa 2": _HOME2,
    "Telefono Principale": _PRIMARY, "Telefono dell'Auto": _CAR, "Fax di Lavoro": _FAX,
    **_places(
        business_city="Città di lavoro", home_city="Città di residenza",
        other_city="Città Altro", business_state="Provincia di lavoro",
        business_city_uff="Città (uff.)", business_state_uff="Provincia (uff.)",
        home_state="Provincia di residenza",
        business_country_region="Nazione/Regione di lavoro",
        home_country_region="Nazione/Regione di casa",
        other_country_region="Nazione/Regione Altro",
    ),
    # Outlook 2007 and later (Microsoft's map of Italian Outlook's export; a whole Italian
    # header in Outlook's order): "Posizione" is the job title ("Titolo" the title before
    # the name), "Ufficio" and "Abitazione" the business and home phones, "(uff.)" and
    # "(ab.)" the business and home addresses; a country is "Paese", or "Paese/area
    # geografica" in later versions.
    "Titolo straniero": _SUFFIX, "Posizione": _TITLE, "Professione": _PROFESSION,
    "Ufficio": _WORK, "Ufficio 2": _WORK2, "Abitazione": _HOME, "Abitazione 2": _HOME2,
    "Altro telefono": _OTHER, "Telefono auto": _CAR, "Telefono principale società": _MAIN,
    "Fax (uff.)": _FAX,
    **_places(
        home_city="Città (ab.)", other_city="Altra città", home_state="Provincia (ab.)",
        other_state="Altra provincia", business_country_region="Paese (uff.)",
        home_country_region="Paese (ab.)", other_country_region="Altro paese",
    ),
    **_places(
        business_country_region="Paese/area geografica (uff.)",
        home_country_region="Paese/area geografica (ab.)",
        other_country_region="Altro paese/area geografica",
    ),
}  # fmt: skip
_DUTCH = {
    "Voornaam": _FIRST, "Middelste naam": _MIDDLE, "Achternaam": _LAST, "Bedrijf": _COMPANY,
    "Functie": _TITLE, "Notities": _NOTES, "Webpagina": _WEB,
    "E-mailadres": _EMAIL, "E-mailadres 2": _EMAIL2, "E-mailadres 3": _EMAIL3,
    "Mobiele telefoon": _MOBILE, "Telefoon op werk": _WORK, "Telefoon thuis": _HOME,
    "Hoofdtelefoon bedrijf": _MAIN,
    # Microsoft's map of Dutch Outlook's export, the same as Open-Xchange's map of Outlook 2007
    # and a whole Dutch header in Open-Xchange's tests: an address's parts after its kind
    # ("Werkadres, plaats"), the country "Land/regio (werk)".
    "Achtervoegsel": _SUFFIX, "Beroep": _PROFESSION, "Telefoon op werk 2": _WORK2,
    "Telefoon thuis 2": _HOME2, "Andere telefoon": _OTHER, "Hoofdtelefoon": _PRIMARY,
    "Autotelefoon": _CAR, "Fax op werk": _FAX,
    **_places(
        business_city="Werkadres, plaats", home_city="Huisadres, plaats",
        other_city="Ander adres, plaats", business_state="Werkadres, provincie",
        home_state="Huisadres, provincie", other_state="Ander adres, provincie",
        business_country_region="Land/regio (werk)", home_country_region="Land/regio (thuis)",
        other_country_region="Land/regio (anders)",
    ),
}  # fmt: skip
_PORTUGUESE = {
    "Primeiro nome": _FIRST, "Nome do meio": _MIDDLE, "Último nome": _LAST, "Sufixo": _SUFFIX,
    "Empresa": _COMPANY, "Cargo": _TITLE, "Notas": _NOTES, "Página Web": _WEB,
    "Endereço de E-mail": _EMAIL, "Endereço de E-mail 2": _EMAIL2,
    "Endereço de E-mail 3": _EMAIL3, "Celular": _MOBILE, "Fone comercial": _WORK,
    "Fone comercial 2": _WORK2, "Fone de casa": _HOME, "Fone de casa 2": _HOME2,
    "Outro Fone": _OTHER, "Fone Primario": _PRIMARY, "Fone do carro": _CAR,
    "Fax comercial": _FAX,
    **_places(
        business_city="Cidade comercial", home_city="Cidade de casa", other_city="Outra cidade",
        business_state="Estado comercial", home_state="Estado de casa",
        other_state="Outro Estado", business_country_region="Região/País comercial",
        home_country_region="Região/País de casa", other_country_region="Outro País/Região",
    ),
    # Brazil, Outlook 2007 and later (Microsoft's map of Brazilian Outlook's export): the
    # family name "Sobrenome", "Telefone comercial", "Telefone residencial"; "Cidade" is the
    # other address's city and "Estado" the home state, as that map has them.
    "Segundo nome": _MIDDLE, "Sobrenome": _LAST, "Anotações": _NOTES, "Página da Web": _WEB,
    "Endereço de email 2": _EMAIL2, "Endereço de email 3": _EMAIL3,
    "Telefone celular": _MOBILE, "Telefone comercial": _WORK, "Telefone comercial 2": _WORK2,
    "Telefone residencial": _HOME, "Telefone residencial 2": _HOME2,
    "Outro telefone": _OTHER, "Telefone principal": _PRIMARY, "Telefone do carro": _CAR,
    "Telefone principal da empresa": _MAIN, "Profissão": _PROFESSION,
    **_places(
        home_city="Cidade do endereço residencial", other_city="Cidade", home_state="Estado",
        business_country_region="País/Região da Empresa",
        home_country_region="País/Região de Residência",
    ),
    # Portugal (Microsoft's map of Portuguese Outlook's export): there the family name is
    # "Apelido", the mobile "Telemóvel", a city "Localidade", a region "Distrito".
    "Outros nomes/apelidos": _MIDDLE, "Apelido": _LAST, "Página na Web": _WEB,
    "Endereço de correio electrónico": _EMAIL,
    "Endereço do correio electrónico 2": _EMAIL2,
    "Endereço do correio electrónico 3": _EMAIL3, "Telemóvel": _MOBILE,
    "Telefone da empresa": _WORK, "2º telefone da empresa": _WORK2,
    "Telefone da residência": _HOME, "2º telefone da residência": _HOME2,
    "Fax da empresa": _FAX,
    **_places(
        business_city="Localidade da empresa", home_city="Localidade da residência",
        other_city="Localidade do outro endereço", business_state="Distrito da empresa",
        home_state="Distrito da residência", other_state="Distrito do outro endereço",
        home_country_region="País da Residência/Região",
    ),
}  # fmt: skip
_RUSSIAN = {
    "Имя": _FIRST, "Отчество": _MIDDLE, "Фамилия": _LAST, "Суффикс": _SUFFIX,
    "Организация": _COMPANY, "Должность": _TITLE, "Заметки": _NOTES, "Веб-страница": _WEB,
    "Адрес эл. почты": _EMAIL, "Адрес 2 эл. почты": _EMAIL2, "Адрес 3 эл. почты": _EMAIL3,
    "Телефон переносной": _MOBILE, "Рабочий телефон": _WORK, "Телефон раб. 2": _WORK2,
    "Домашний телефон": _HOME, "Телефон дом. 2": _HOME2, "Другой телефон": _OTHER,
    "Основной телефон": _PRIMARY, "Телефон в машине": _CAR, "Рабочий факс": _FAX,
    "Основной телефон организации": _MAIN, "Профессия": _PROFESSION,
    **_places(
        business_city="Город (раб. адрес)", home_city="Город (дом. адрес)",
        other_city="Город (другой адрес)", business_state="Область (раб. адрес)",
        home_state="Область (дом. адрес)", other_state="Область (другой адрес)",
        business_country_region="Страна или регион (раб. адрес)",
        home_country_region="Страна или регион (дом. адрес)",
        other_country_region="Страна или регион (другой адрес)",
    ),
}  # fmt: skip

# French Outlook names two columns "Titre": the title before a name ("M.", "Dr"), where the
# English header has "Title", then, after "Service", the job title, where it has "Job
# Title" (Polytechnique.org's French Outlook header). Of two, the second is the job title;
# "Titre" alone is the title before the name, not read.
_REPEATED = {"titre": _TITLE}


def repeated_columns(header: list[str]) -> dict[str, int]:
    """{English name: index} of the columns a localized header names like another, before
    them: French Outlook's second "Titre" is "job title"."""
    found: dict[str, int] = {}
    for name, english in _REPEATED.items():
        at = [index for index, written in enumerate(header) if written == name]
        if len(at) > 1:
            found[english] = at[1]
    return found


LANGUAGES: dict[str, dict[str, str]] = {
    language: {header_key(name): english for name, english in names.items()}
    for language, names in {
        "German": _GERMAN,
        "French": _FRENCH,
        "Spanish": _SPANISH,
        "Italian": _ITALIAN,
        "Dutch": _DUTCH,
        "Portuguese": _PORTUGUESE,
        "Russian": _RUSSIAN,
    }.items()
}


def in_english(names: frozenset[str]) -> tuple[str, dict[str, str]] | None:
    """(language, {its column name: the English one}) of a localized Outlook header, or None.

    A header is taken for one language when it has that language's first and last name
    columns and at least two more of the columns read (an export has some ninety)."""
    for language, english in LANGUAGES.items():
        found = {name: english[name] for name in names if name in english}
        read = set(found.values())
        if {_FIRST, _LAST} <= read and len(read) >= _ENOUGH:
            return language, found
    return None


_ENOUGH = 4
