"""vCard 2.1, 3.0 and 4.0 files (phones, Apple, Google, Outlook): one or many cards.

Cards are read one by one, so a damaged card costs a warning, not the file.
"""

from __future__ import annotations

import binascii
import functools
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from rapport.core.text import fold
from rapport.imports.parse.common import (
    clean,
    contact_label,
    display_name,
    email_addresses,
    in_reading_order,
    known_label,
    names_no_one,
    not_an_address,
    profile_url,
    skip,
    stable_key,
    unique,
    warn,
)
from rapport.imports.parse.encoding import (
    charset_name,
    codec_for,
    guess_charset,
    keep_bytes,
    read_bytes,
)
from rapport.imports.parse.records import (
    CompanyRecord,
    ContactRecord,
    ImportFormatError,
    ParsedSource,
)
from rapport.imports.parse.vcard_lines import (
    BadLine,
    Property,
    RawCard,
    logical_lines,
    read_property,
    single_byte,
    split_cards,
    split_unescaped,
    unescape,
)

EXPECTED_VCARD = "a vCard file (.vcf) starting with BEGIN:VCARD"
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_NOT_PERSONAL = frozenset({"fax", "pager", "assistant"})


def parse_vcard(path: Path) -> ParsedSource:
    """Every readable card of a .vcf file. ImportFormatError if none can be read."""
    file = display_name(path)
    text, raw = keep_bytes(read_bytes(path, file, EXPECTED_VCARD), file, EXPECTED_VCARD)
    # Worked out only if a card cannot tell its charset alone (one pass over the file).
    whole = functools.cache(partial(_file_charset, text, raw=raw))
    source = ParsedSource(kind="vcard", files=[file])
    first_problem: int | None = None
    name_only: dict[str, int] = {}
    for card in split_cards(text, file):
        if not _read_card(card, file, source, raw=raw, whole=whole):
            if first_problem is None:
                first_problem = card.start
            continue
        contact = source.contacts[-1]
        if _only_a_name(contact):
            # Two cards with nothing but "Ana Souza" may be two people: the second is the
            # second Ana Souza of the file (same key again when the file is re-imported).
            seen = name_only.get(contact.source_key, 0)
            name_only[contact.source_key] = seen + 1
            if seen:
                contact.source_key = stable_key(contact.source_key, f"#{seen + 1}")
    if not (source.contacts or source.companies):
        reason = source.warnings[0].split(": ", 1)[-1] if source.warnings else "no cards"
        reason = reason.removesuffix("; skipped")
        message = f"no card could be read ({reason}); expected {EXPECTED_VCARD}"
        raise ImportFormatError(message, file=file, line=first_problem)
    return source


def _read_card(
    card: RawCard,
    file: str,
    source: ParsedSource,
    *,
    raw: bool = False,
    whole: Callable[[], str] = str,
) -> bool:
    """Add the card's contact to `source`; False (with a warning) if it has none."""
    if not card.closed:
        skip(source, "contacts")
        warn(source, file, card.start, "card has no END:VCARD (cut short?); skipped")
        return False
    properties, bad_lines = [], []
    for line, text in logical_lines(card):
        try:
            prop = read_property(line, text)
        except BadLine:
            bad_lines.append(line)
            continue
        if prop is not None:
            properties.append(prop)
    if raw or any(p.undeclared for p in properties):
        _decode_card(properties, file, source, raw=raw, whole=whole)
    _report_damage(card, properties, bad_lines, file, source)
    if other_kind := _not_a_contact(properties):
        skip(source, "contacts")
        warn(source, file, card.start, f"card is {other_kind}, not a person; skipped")
        return False
    organisation = _organisation(properties, card.start, file)
    if organisation is not None:
        source.companies.append(organisation)
        return False
    contact = _contact(properties, card.start, file)
    if contact is None:
        skip(source, "contacts")
        warn(source, file, card.start, "card has no name, e-mail or phone; skipped")
        return False
    source.contacts.append(contact)
    return True


# What a card that is not a person's or a company's says it is (RFC 6350 KIND, RFC 6869's
# device, RFC 6473's application), and the marks programs used before KIND: Apple's (iCloud,
# macOS Contacts, Fastmail, Nextcloud, Radicale) X-ADDRESSBOOKSERVER-KIND, Evolution's
# X-EVOLUTION-KIND and X-EVOLUTION-LIST:TRUE (a contact list: its EMAILs are its members').
_OTHER_KINDS = {
    "group": "a group of contacts",
    "location": "a place",
    "device": "a device",
    "application": "an application",
}
_KIND_PROPERTIES = ("KIND", "X-ADDRESSBOOKSERVER-KIND", "X-EVOLUTION-KIND")


def _not_a_contact(properties: list[Property]) -> str:
    """What the card is, as "a group of contacts (KIND:group)", if it says it is no person's
    or company's card: its name is a list's and its e-mails its members'. "" if it does not."""
    for prop in properties:
        if prop.name in _KIND_PROPERTIES and (kind := _OTHER_KINDS.get(prop.text.casefold())):
            return f"{kind} ({prop.name}:{prop.text})"
        if prop.name == "X-EVOLUTION-LIST" and prop.text.casefold() == "true":
            return f"a contact list (X-EVOLUTION-LIST:{prop.text})"
    return ""


def _file_charset(text: str, *, raw: bool) -> str:
    """The charset the undeclared 8-bit text of a whole file surely reads in, or "": what a
    card whose own text is too short to tell is read in. That text is the file's 8-bit lines
    (`raw`: kept as bytes) and its quoted-printable values with no CHARSET that are not UTF-8."""
    eight_bit = [line for line in text.splitlines() if not line.isascii()] if raw else []
    lines = [_value(line).encode("latin-1") for line in eight_bit]
    lines += _undeclared_qp(text)
    if not lines:
        return ""
    charset, sure = guess_charset(b"\n".join(lines))
    return charset if sure else ""


def _value(line: str) -> str:
    """The value of a property's line ("Иванов" of "FN:Иванов"), or the line if it has none:
    its name would make every word of the value look like it mixes scripts."""
    return line.split(":", 1)[-1]


_QP_LINE = re.compile(r"^([^:\n]*QUOTED-PRINTABLE[^:\n]*):(.*)$", re.IGNORECASE | re.MULTILINE)
_QP_EIGHT_BIT = re.compile(r"=[89A-F][0-9A-F]", re.IGNORECASE)


def _undeclared_qp(text: str) -> list[bytes]:
    """The bytes of the file's quoted-printable lines that declare no charset and are not
    UTF-8 (each line on its own: enough to tell a charset by)."""
    found = []
    for head, value in _QP_LINE.findall(text):
        if "CHARSET" in head.upper() or not _QP_EIGHT_BIT.search(value):
            continue
        data = binascii.a2b_qp(value.encode("latin-1", errors="replace"))
        if not _reads_in(data, "utf-8"):
            found.append(data)
    return found


def _decode_card(
    properties: list[Property],
    file: str,
    source: ParsedSource,
    *,
    raw: bool,
    whole: Callable[[], str] = str,
) -> None:
    """Decode the 8-bit values of a card of a file that is not UTF-8 (`raw`: kept as bytes,
    see encoding.keep_bytes), and its quoted-printable ones that declare no charset and are
    not UTF-8: each by its CHARSET; those without one by the charset the card declares
    elsewhere, else the one its undeclared values read best in (warned if unsure)."""
    declared = next((c for p in properties for c in p.params.get("CHARSET", [])[:1]), "")
    todo = [p for p in properties if p.undeclared or (raw and _eight_bit(p))]
    for prop in todo:  # 8-bit text said to be UTF-8 that is a single-byte charset's
        if not prop.mislabelled and codec_for(prop.params.get("CHARSET", [""])[0]) == "utf-8":
            prop.mislabelled = single_byte(prop.value.encode("latin-1"))
    undeclared = [p for p in todo if not p.params.get("CHARSET")]
    guessed = codec_for(declared)
    if undeclared and not guessed:
        data = b"\n".join(p.value.encode("latin-1") for p in undeclared)
        guessed, sure = guess_charset(data)
        if not sure and whole() and _reads_in(data, whole()):
            guessed, sure = whole(), True  # the rest of the file says which it is
        if not sure:
            message = (
                f"the card's text declares no charset and is not UTF-8; read as "
                f"{charset_name(guessed)}, which may be wrong: check its names"
            )
            warn(source, file, undeclared[0].line, message)
    mislabelled = _read_mislabelled([p for p in todo if p.mislabelled], file, source, whole)
    for prop in todo:
        charset = codec_for(prop.params.get("CHARSET", [""])[0]) or guessed or "utf-8"
        charset = mislabelled if prop.mislabelled else charset
        data = prop.value.encode("latin-1")
        try:
            prop.value = data.decode(charset)
        except UnicodeDecodeError:
            prop.value, prop.damaged = data.decode(charset, errors="replace"), True


def _read_mislabelled(
    properties: list[Property], file: str, source: ParsedSource, whole: Callable[[], str]
) -> str:
    """The charset the card's text said to be UTF-8 and in a single-byte charset reads in
    (ThunderSync writes Latin-1 as "CHARSET=UTF-8"), told with a warning; its letters had
    been replaced as unreadable. "" if there is none."""
    if not properties:
        return ""
    data = b"\n".join(p.value.encode("latin-1") for p in properties)
    charset, sure = guess_charset(data)
    if not sure and whole() not in ("", "utf-8") and _reads_in(data, whole()):
        charset, sure = whole(), True  # the rest of the file says which it is
    maybe = "" if sure else ", which may be wrong"
    message = f"{properties[0].name} says it is UTF-8 and is not; read as {charset_name(charset)}"
    warn(source, file, properties[0].line, f"{message}{maybe}: check it")
    return charset


def _eight_bit(prop: Property) -> bool:
    """A value of a file kept as bytes that is not ASCII and not quoted-printable (decoded
    by read_property)."""
    return not prop.value.isascii() and not _is_qp(prop)


def _reads_in(data: bytes, charset: str) -> bool:
    try:
        data.decode(charset)
    except UnicodeDecodeError:
        return False
    return True


def _is_qp(prop: Property) -> bool:
    return any(v.upper() == "QUOTED-PRINTABLE" for v in prop.params.get("ENCODING", []))


def _report_damage(
    card: RawCard, properties: list[Property], bad_lines: list[int], file: str, source: ParsedSource
) -> None:
    if bad_lines:
        message = f"{len(bad_lines)} unreadable line(s) ignored in the card of line {card.start}"
        warn(source, file, bad_lines[0], message)
    for prop in properties:
        if prop.damaged:
            message = f"{prop.name} is not valid {prop.params.get('CHARSET', ['UTF-8'])[0]}"
            warn(source, file, prop.line, message + "; unreadable characters replaced")
        if prop.name == "EMAIL" and (shown := not_an_address(prop.text)):
            warn(source, file, prop.line, f'EMAIL "{shown}" holds no e-mail address; left out')


def _contact(properties: list[Property], line: int, file: str) -> ContactRecord | None:
    by_name: dict[str, list[Property]] = {}
    for prop in properties:
        by_name.setdefault(prop.name, []).append(prop)
    labels = _labels(properties)
    first, last, middle, name_from_n = _name_parts(by_name.get("N", []))
    company = _first_text([p.components()[0] for p in by_name.get("ORG", [])])
    email_props = _by_preference(by_name.get("EMAIL", []))
    phone_props = _by_preference(by_name.get("TEL", []))
    emails = unique([e for p in email_props for e in email_addresses(p.text)])
    phones = unique([_phone(p, labels) for p in phone_props])
    written = _first_text([clean(p.text) for p in by_name.get("FN", [])])
    nickname = _nickname(by_name.get("NICKNAME", []))
    full_name = written or name_from_n or nickname or company or next(iter(emails + phones), "")
    if not full_name:
        return None
    if written and name_from_n and names_no_one(written):  # FN:ana@example.com
        full_name = name_from_n
    elif written:  # "Wurst, Hans" (Open-Xchange, Outlook's "File As"): "Hans Wurst"
        full_name = in_reading_order(written, last, first, f"{first} {middle}")
    linkedin_url, urls = _links(properties, labels)
    uid = _first_text([p.text for p in by_name.get("UID", [])])
    title = _first_text([clean(p.text) for p in by_name.get("TITLE", [])])
    location = _location(by_name.get("ADR", []))
    notes = "\n\n".join(note for p in by_name.get("NOTE", []) if (note := p.text))
    details = (title, location, ",".join(urls), notes)
    key = _card_key(  # from the name as written: a card keeps its key as Rapport changes
        written or full_name,
        emails,
        phones,
        linkedin=linkedin_url,
        company=company,
        details=details,
    )
    return ContactRecord(
        source_key=uid or key,
        line=line,
        full_name=full_name,
        first_name=first,
        last_name=last,
        emails=emails,
        phones=phones,
        urls=urls,
        linkedin_url=linkedin_url,
        company=company,
        title=title,
        location=location,
        notes=notes,
        file=file,
        labels=_value_labels(
            [(e, p) for p in email_props for e in email_addresses(p.text)]
            + [(_phone(p, labels), p) for p in phone_props],
            properties,
        ),
    )


def _value_labels(values: list[tuple[str, Property]], properties: list[Property]) -> dict[str, str]:
    """{value: label} from Apple's itemN.X-ABLabel, else from TYPE=work, home, cell…"""
    written = {p.group: p.text for p in properties if p.name == "X-ABLABEL" and p.group}
    found: dict[str, str] = {}
    for value, prop in values:
        own = _APPLE_LABEL.sub(r"\1", written[prop.group]) if prop.group in written else ""
        label = contact_label(own) if own else known_label(prop.types)
        if value and label:
            found.setdefault(value, label)
    return found


def _only_a_name(contact: ContactRecord) -> bool:
    """A card without UID that says nothing but a name (its key is the name's)."""
    return contact.source_key.startswith("sha256:") and not (
        contact.emails or contact.phones or contact.linkedin_url or contact.urls
        or contact.company or contact.title or contact.location or contact.notes
    )  # fmt: skip


def _card_key(
    full_name: str,
    emails: list[str],
    phones: list[str],
    *,
    linkedin: str = "",
    company: str = "",
    details: tuple[str, ...] = (),
) -> str:
    """The card's key without a UID: what it says about whom, so that two people's cards
    differ (name, addresses, numbers, profile, employer) and, when it has no address,
    number or profile, also its title, location, links and note."""
    digits = sorted(re.sub(r"\D", "", phone) for phone in phones)
    parts = [full_name, ",".join(sorted(e.casefold() for e in emails)), ",".join(digits)]
    if linkedin or company:
        parts += [linkedin, company]
    if not (emails or phones or linkedin):
        parts += details
    return stable_key("vcard", *parts)


def _organisation(properties: list[Property], line: int, file: str) -> CompanyRecord | None:
    """The company whose own card this is, or None for a person's card (see _is_organisation)."""
    by_name: dict[str, list[Property]] = {}
    for prop in properties:
        by_name.setdefault(prop.name, []).append(prop)
    org = _first_text([clean(p.components()[0]) for p in by_name.get("ORG", [])])
    full_name = _first_text([clean(p.text) for p in by_name.get("FN", [])])
    if not _is_organisation(by_name, org, full_name):
        return None
    labels = _labels(properties)
    linkedin, urls = _links(properties, labels)
    return CompanyRecord(
        line=line,
        name=org or full_name,
        phones=unique([_phone(p, labels) for p in _by_preference(by_name.get("TEL", []))]),
        urls=unique([u for u in [*urls, linkedin] if u]),
        emails=unique(
            [e for p in _by_preference(by_name.get("EMAIL", [])) for e in email_addresses(p.text)]
        ),
        notes="\n\n".join(note for p in by_name.get("NOTE", []) if (note := p.text)),
        file=file,
    )


_ORGANISATION_KINDS = frozenset({"org", "organization", "organisation"})


def _is_organisation(by_name: dict[str, list[Property]], org: str, full_name: str) -> bool:
    """A company's own card: vCard 4.0 KIND:org, Apple's X-ABShowAs:COMPANY, or a card whose
    N is empty (or missing) and whose only name is its ORG (Outlook, Google, Android)."""
    if any(p.text.casefold() in _ORGANISATION_KINDS for p in by_name.get("KIND", [])):
        return bool(org or full_name)
    if any(p.text.casefold() == "company" for p in by_name.get("X-ABSHOWAS", [])):
        return bool(org or full_name)
    names = by_name.get("N", [])
    no_person = not names or not any(clean(part) for part in names[0].components())
    no_person = no_person and not _nickname(by_name.get("NICKNAME", []))
    return bool(org) and no_person and (not full_name or fold(full_name) == fold(org))


def _nickname(nicknames: list[Property]) -> str:
    """The first nickname ("NICKNAME:Jim,Jimmie" is two): the name of a card with no other."""
    return _first_text(
        [clean(unescape(n)) for p in nicknames for n in split_unescaped(p.value, ",")]
    )


def _first_text(values: list[str]) -> str:
    return next((value for value in values if value), "")


def _name_parts(names: list[Property]) -> tuple[str, str, str, str]:
    """(given, family, additional, the whole name) from N:
    family;given;additional;prefix;suffix."""
    if not names:
        return "", "", "", ""
    parts = [clean(part) for part in names[0].components()] + [""] * 5
    family, given, additional, prefix, suffix = parts[:5]
    whole = " ".join(p for p in (prefix, given, additional, family) if p)
    return given, family, additional, f"{whole}, {suffix}" if whole and suffix else whole


def _by_preference(properties: list[Property]) -> list[Property]:
    """Preferred first: 4.0 PREF=1..100, 2.1/3.0 TYPE=pref; otherwise file order."""

    def rank(prop: Property) -> int:
        pref = prop.params.get("PREF", [""])[0]
        if pref.isdecimal():  # not "²", a digit int() cannot read
            return int(pref)
        return 1 if "pref" in prop.types else 101

    return sorted(properties, key=rank)


def _phone(prop: Property, labels: dict[str, str]) -> str:
    """The number, or "" for a fax, pager or assistant's line (shared, not this person's)."""
    if prop.types & _NOT_PERSONAL or any(w in labels.get(prop.group, "") for w in _NOT_PERSONAL):
        return ""
    value = prop.text
    if value[:4].casefold() == "tel:":  # vCard 4.0 TEL;VALUE=uri:tel:+1-418-656-9254;ext=102
        number, *params = unquote(value[4:]).split(";")
        extension = next((p[4:] for p in params if p[:4].casefold() == "ext="), "")
        value = f"{number} ext. {extension}" if extension else number
    value = clean(value)
    return value if any(char.isdigit() for char in value) else ""


def _location(addresses: list[Property]) -> str:
    """City, region, country of the preferred address (ADR: …;street;city;region;code;country)."""
    for prop in _by_preference(addresses):
        parts = [clean(part) for part in prop.components()] + [""] * 7
        where = ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)
        if where:
            return where
    return ""


def _labels(properties: list[Property]) -> dict[str, str]:
    """Apple's itemN.X-ABLabel: "_$!<HomePage>!$_" or a custom "LinkedIn", by group."""
    return {
        p.group: _APPLE_LABEL.sub(r"\1", p.text).casefold()
        for p in properties
        if p.name == "X-ABLABEL" and p.group
    }


def _links(properties: list[Property], labels: dict[str, str]) -> tuple[str, list[str]]:
    """(LinkedIn profile URL, other web addresses) from URL and X-SOCIALPROFILE."""
    linkedin, others = "", []
    for prop in _by_preference([p for p in properties if p.name in ("URL", "X-SOCIALPROFILE")]):
        profile = _linkedin_profile(prop, labels.get(prop.group, ""))
        if profile:
            linkedin = linkedin or profile
        elif prop.name == "URL" or prop.text.casefold().startswith(("http://", "https://")):
            others.append(prop.text)
    return linkedin, unique(others)


def _linkedin_profile(prop: Property, label: str) -> str:
    value = prop.text
    said_linkedin = "linkedin" in label or "linkedin" in prop.types
    if "linkedin.com" in value.casefold() or said_linkedin:
        if profile := profile_url(value):
            return profile
        # Apple: X-SOCIALPROFILE;type=linkedin;x-user=jdoe:x-apple:jdoe
        user = prop.params.get("X-USER", [""])[0].strip()
        if said_linkedin and user:
            return profile_url(f"linkedin.com/in/{user}")
    return ""
