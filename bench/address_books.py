"""Address books: one .vcf of 3.0, 2.1 and 4.0 cards (Apple, Google, Android quirks) and a
Google Contacts CSV (current layout)."""

from __future__ import annotations

import base64
import binascii
import random
import uuid
from collections.abc import Sequence
from pathlib import Path

from bench.population import Record, weighted
from bench.textfile import CsvText, LineCounter

VCARD_FILE = "contacts.vcf"
GOOGLE_FILE = "google_contacts.csv"
CRLF = "\r\n"
GOOGLE_HEADER = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
    "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label",
    "Phone 2 - Value", "Phone 3 - Label", "Phone 3 - Value", "Address 1 - Label",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
    "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
    "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value",
)  # fmt: skip


def escape(text: str) -> str:
    """vCard 3.0/4.0 TEXT escaping."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold at 75 octets (CRLF + space), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line + CRLF
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts) + CRLF


def _qp(text: str) -> str:
    """Quoted-printable as Android writes it, soft line breaks included."""
    encoded = binascii.b2a_qp(text.replace("\n", "\r\n").encode("utf-8"), istext=False)
    return encoded.decode("ascii").replace("=\n", "=" + CRLF)


def _n(record: Record) -> list[str]:
    middle = f"{record.middle}." if record.middle else ""
    parts = (record.last, record.first, middle, record.prefix, record.suffix)
    return [record.cased(p) for p in parts]


def _apple_url(url: str) -> str:
    """Apple (and Google) escape the colon: `https\\://`."""
    return url.replace(":", "\\:")


# --- vCard flavours: each returns logical lines, folded by the writer -----------------------


def _apple(rng: random.Random, record: Record) -> list[str]:
    lines = ["VERSION:3.0", "PRODID:-//Apple Inc.//iOS 17.1//EN"]
    lines += ["N:" + ";".join(escape(p) for p in _n(record)), "FN:" + escape(record.full_name)]
    if record.company:
        lines.append(f"ORG:{escape(record.company)};")
    if record.title:
        lines.append(f"TITLE:{escape(record.title)}")
    for index, email in enumerate(record.emails):
        pref = ";type=pref" if index == 0 else ""
        lines.append(f"item{index + 1}.EMAIL;type=INTERNET{pref}:{email}")
    for index, phone in enumerate(record.phones):
        kind = "type=WORK;type=VOICE" if index else "type=CELL;type=VOICE;type=pref"
        lines.append(f"TEL;{kind}:{phone}")
    if record.url:
        slug = record.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if rng.random() < 0.5:
            lines.append(f"X-SOCIALPROFILE;type=linkedin;x-user={slug}:x-apple:{slug}")
        else:
            lines += [f"item9.URL:{_apple_url(record.url)}", "item9.X-ABLabel:LinkedIn"]
    if record.city:
        city, region, country = record.city
        lines += [
            f"item8.ADR;type=HOME;type=pref:;;;{city};{region};;{country}",
            "item8.X-ABADR:us",
        ]
    if record.notes:
        lines.append(f"NOTE:{escape(record.notes)}")
    if rng.random() < 0.5:
        lines.append(f"UID:{uuid.UUID(int=rng.getrandbits(128), version=4)}")
    if rng.random() < 0.05:
        photo = base64.b64encode(rng.randbytes(240)).decode()
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
    return lines


def _google(rng: random.Random, record: Record) -> list[str]:
    lines = ["VERSION:3.0", "FN:" + escape(record.full_name)]
    lines.append("N:" + ";".join(escape(p) for p in _n(record)))
    for index, email in enumerate(record.emails):
        lines.append(f"EMAIL;TYPE=INTERNET;TYPE={'WORK' if index == 0 else 'HOME'}:{email}")
    for index, phone in enumerate(record.phones):
        lines.append(f"TEL;TYPE={'CELL' if index == 0 else 'WORK'}:{phone}")
    if record.city:
        city, region, country = record.city
        lines.append(f"ADR;TYPE=HOME:;;;{escape(city)};{escape(region)};;{escape(country)}")
    if record.company:
        lines.append(f"ORG:{escape(record.company)}")
    if record.title:
        lines.append(f"TITLE:{escape(record.title)}")
    if record.url:
        lines += [f"item1.URL:{_apple_url(record.url)}", "item1.X-ABLabel:PROFILE"]
    if record.notes:
        lines.append(f"NOTE:{escape(record.notes)}")
    lines.append("CATEGORIES:myContacts")
    return lines


def _android(rng: random.Random, record: Record) -> list[str]:
    """vCard 2.1: bare types, and quoted-printable UTF-8 for anything not ASCII."""

    def text(name: str, value: str) -> str:
        if value.isascii() and "\n" not in value:
            return f"{name}:{value}"
        return f"{name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(value)}"

    lines = ["VERSION:2.1", text("N", ";".join(_n(record))), text("FN", record.full_name)]
    for index, phone in enumerate(record.phones):
        lines.append(f"TEL;{'CELL;PREF' if index == 0 else 'WORK'}:{phone}")
    for email in record.emails:
        lines.append(f"EMAIL;HOME:{email}")
    if record.company:
        lines.append(text("ORG", record.company))
    if record.title:
        lines.append(text("TITLE", record.title))
    if record.url:
        lines.append(f"URL:{record.url}")
    if record.notes:
        lines.append(text("NOTE", record.notes))
    return lines


def _v4(rng: random.Random, record: Record) -> list[str]:
    lines = ["VERSION:4.0", f"UID:urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"]
    lines += ["FN:" + escape(record.full_name), "N:" + ";".join(escape(p) for p in _n(record))]
    for index, email in enumerate(record.emails):
        lines.append(f"EMAIL;TYPE=work;PREF={index + 1}:{email}")
    for index, phone in enumerate(record.phones):
        number = phone if phone.startswith("+") else f"+1 {phone}"
        uri = "tel:" + "-".join(number.replace("(", "").replace(")", "").replace(".", " ").split())
        lines.append(f'TEL;VALUE=uri;TYPE="cell,voice";PREF={index + 1}:{uri}')
    if record.company:
        lines.append(f"ORG:{escape(record.company)}")
    if record.title:
        lines.append(f"TITLE:{escape(record.title)}")
    if record.url:
        lines.append(f"URL;TYPE=work:{record.url}")
    if record.notes:
        lines.append(f"NOTE:{escape(record.notes)}")
    return lines


FLAVOURS = (("apple", 0.5), ("google", 0.3), ("android", 0.12), ("v4", 0.08))
_WRITERS = {"apple": _apple, "google": _google, "android": _android, "v4": _v4}


def write_vcards(path: Path, rng: random.Random, records: Sequence[Record]) -> None:
    out = LineCounter()
    for record in records:
        flavour = weighted(rng, FLAVOURS)
        lines = _WRITERS[flavour](rng, record)
        record.line = out.write("BEGIN:VCARD" + CRLF)
        record.file = VCARD_FILE
        record.variations.append(f"vcard_{flavour}")
        for line in lines:
            # Android's quoted-printable carries its own soft breaks; the rest fold.
            out.write(line + CRLF if flavour == "android" else fold(line))
        out.write("END:VCARD" + CRLF)
    out.save(path)


# --- Google Contacts CSV -------------------------------------------------------------------


def _google_row(rng: random.Random, record: Record) -> list[str]:
    row = dict.fromkeys(GOOGLE_HEADER, "")
    row["First Name"] = record.cased(record.first)
    row["Middle Name"] = record.cased(f"{record.middle}.") if record.middle else ""
    row["Last Name"] = record.cased(record.last)
    row["Name Prefix"], row["Name Suffix"] = record.prefix, record.suffix
    row["Organization Name"], row["Organization Title"] = record.company, record.title
    row["Notes"], row["Labels"] = record.notes, "* myContacts"
    emails = list(record.emails)
    if len(emails) == 2 and rng.random() < 0.1:
        emails = [" ::: ".join(emails)]  # Google joins several values in one cell
    for index, email in enumerate(emails[:2], start=1):
        row[f"E-mail {index} - Label"] = "* Work" if index == 1 else "Home"
        row[f"E-mail {index} - Value"] = email
    for index, phone in enumerate(record.phones[:3], start=1):
        row[f"Phone {index} - Label"] = "Mobile" if index == 1 else "Work"
        row[f"Phone {index} - Value"] = phone
    if record.city:
        city, region, country = record.city
        row["Address 1 - Label"], row["Address 1 - City"] = "Home", city
        row["Address 1 - Region"], row["Address 1 - Country"] = region, country
        row["Address 1 - Formatted"] = f"{city}\n{region} {country}".strip()
    if record.url:
        row["Website 1 - Label"], row["Website 1 - Value"] = "Profile", record.url
    return [row[name] for name in GOOGLE_HEADER]


def write_google_csv(path: Path, rng: random.Random, records: Sequence[Record]) -> None:
    out = CsvText(lineterminator=CRLF)
    out.row(GOOGLE_HEADER)
    for record in records:
        record.line = out.row(_google_row(rng, record))
        record.file = GOOGLE_FILE
    out.save(path)
