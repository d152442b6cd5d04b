"""How each source writes a person: the first record of someone, a duplicate, a look-alike."""

from __future__ import annotations

import datetime as dt
import random
from urllib.parse import quote

from bench import names
from bench.population import Entity, Population, Record, ascii_fold, weighted

EVIDENCE_WEIGHTS = {"url": 0.25, "email": 0.3, "phone": 0.2, "company": 0.35}


def linkedin_record(pop: Population, entity: Entity, number: int) -> Record:
    """A Connections.csv row: the name as the member wrote it, their profile, rarely an email."""
    rng = pop.rng
    record = Record(
        id=f"li:{number}",
        source="linkedin",
        entity=entity.id,
        role="lookalike" if entity.lookalike_of is not None else "primary",
        first=entity.goes_by,
        last=entity.last,
        middle=entity.middle if rng.random() < 0.3 else "",
        suffix=entity.suffix,
        url=written_profile_url(rng, entity, plain=True),
        title=entity.title if entity.company else "",
    )
    roll = rng.random()
    if roll < 0.005:
        record.decoration = rng.choice(names.PRONOUNS)
    elif roll < 0.008:
        record.decoration = rng.choice(names.EMOJI)
    if entity.emails and rng.random() < 0.015:
        record.emails = [rng.choice(entity.emails)]
    if entity.company is not None:
        record.company = entity.company.spelling(rng, vary=0.1)
        record.current_company = True
    return pop.add(record)


def card_record(pop: Population, entity: Entity, source: str, record_id: str) -> Record:
    """The first address-book record of someone (or of a look-alike)."""
    rng = pop.rng
    record = Record(
        id=record_id,
        source=source,
        entity=entity.id,
        role="lookalike" if entity.lookalike_of is not None else "primary",
        first=entity.goes_by if rng.random() < 0.5 else entity.first,
        last=entity.last,
        middle=entity.middle if rng.random() < 0.5 else "",
        suffix=entity.suffix if rng.random() < 0.5 else "",
        emails=[written_email(rng, e) for e in entity.emails if rng.random() < 0.85],
        phones=[written_phone(rng, p) for p in entity.phones if rng.random() < 0.8],
    )
    _employer(pop, entity, record, current=0.8, old=0.3)
    if entity.slug and rng.random() < 0.1:
        record.url = written_profile_url(rng, entity)
    if record.current_company and source == "vcard" and rng.random() < 0.02:
        record.phones.append(written_phone(rng, entity.company.switchboard))  # type: ignore[union-attr]
        record.variations.append("switchboard")
    _extras(rng, entity, record, title=0.5, city=0.3, notes=0.25)
    return pop.add(record)


def duplicate_record(pop: Population, entity: Entity, source: str, record_id: str) -> Record | None:
    """Another record of someone already written, carrying one piece of evidence that it
    is them; None when nothing written before could serve as evidence."""
    options = pop.evidence_options(entity)
    if not options:
        return None
    rng = pop.rng
    evidence = weighted(rng, [(kind, EVIDENCE_WEIGHTS[kind]) for kind, _ in options])
    record = Record(
        id=record_id,
        source=source,
        entity=entity.id,
        role="duplicate",
        evidence=evidence,
        first=entity.first,
        last=entity.last,
    )
    _vary_name(pop, entity, record, risky=evidence != "company")
    _keys(pop, entity, record, evidence)
    if evidence == "company":
        assert entity.company is not None
        record.company = entity.company.spelling(rng, vary=0.6)
        record.current_company = True
    else:
        _employer(pop, entity, record, current=0.4, old=0.25)
    _extras(rng, entity, record, title=0.4, city=0.2, notes=0.15)
    return pop.add(record)


def _employer(
    pop: Population, entity: Entity, record: Record, *, current: float, old: float
) -> None:
    rng = pop.rng
    if entity.company is not None and rng.random() < current:
        record.company = entity.company.spelling(rng, vary=0.3)
        record.current_company = True
    elif entity.old_company is not None and rng.random() < old:
        record.company = entity.old_company.spelling(rng, vary=0.3)


def _extras(
    rng: random.Random, entity: Entity, record: Record, *, title: float, city: float, notes: float
) -> None:
    if record.current_company and rng.random() < title:
        record.title = entity.title
    if rng.random() < city:
        record.city = entity.city
    if rng.random() < notes:
        record.notes = note_text(rng)


def _keys(pop: Population, entity: Entity, record: Record, evidence: str) -> None:
    """The shared key the evidence names, and sometimes the person's other keys."""
    rng = pop.rng
    seen = pop.seen(entity, evidence) if evidence != "company" else []
    if evidence == "url" or (entity.slug and rng.random() < 0.05):
        record.url = written_profile_url(rng, entity)
    shared_email = rng.choice(seen) if evidence == "email" else ""
    shared_phone = rng.choice(seen) if evidence == "phone" else ""
    record.emails = [
        written_email(rng, e)
        for e in entity.emails
        if e == shared_email or (e != shared_email and rng.random() < 0.4)
    ]
    record.phones = [
        written_phone(rng, p)
        for p in entity.phones
        if p == shared_phone or (p != shared_phone and rng.random() < 0.4)
    ]


def _vary_name(pop: Population, entity: Entity, record: Record, *, risky: bool) -> None:
    """Write the name another way: a nickname, no accents, capitals, a suffix, a middle
    initial, a "Dr." (`risky` allows nicknames a matcher may not know)."""
    rng = pop.rng
    earlier = pop.records[entity.id]
    record.first = rng.choice(earlier).first if earlier else entity.goes_by
    record.middle = entity.middle if entity.middle and rng.random() < 0.3 else ""
    record.suffix = entity.suffix if rng.random() < 0.5 else ""
    nicknames = entity.nicknames + (entity.rare_nicknames if risky else ())
    applicable = ["upper", "lower", "suffix", "prefix"]
    if nicknames:
        applicable.append("nickname")
    folded = (ascii_fold(entity.first), ascii_fold(entity.last))
    if all(folded) and folded != (entity.first, entity.last):
        applicable.append("no_diacritics")  # not for names with no Latin spelling
    if entity.middle:
        applicable.append("middle")
    chosen = rng.sample(applicable, k=min(len(applicable), rng.choice((0, 1, 1, 2))))
    if nicknames and "nickname" not in chosen and rng.random() < 0.4:
        chosen.append("nickname")  # what address books most often differ by
    if "upper" in chosen and "lower" in chosen:
        chosen.remove("lower")
    for variation in chosen:
        _apply_variation(rng, entity, record, variation, nicknames)
    record.variations.extend(sorted(chosen) or ["exact"])


def _apply_variation(
    rng: random.Random, entity: Entity, record: Record, variation: str, nicknames: tuple[str, ...]
) -> None:
    if variation == "nickname":
        record.first = entity.first if record.first != entity.first else rng.choice(nicknames)
    elif variation == "no_diacritics":
        record.first, record.last = ascii_fold(record.first), ascii_fold(entity.last)
    elif variation in ("upper", "lower"):
        record.case = variation
    elif variation == "suffix":
        record.suffix = "" if record.suffix else entity.suffix or rng.choice(names.SUFFIXES)
    elif variation == "middle":
        record.middle = "" if record.middle else entity.middle
    elif variation == "prefix":
        record.prefix = "Dr." if rng.random() < 0.7 else "Prof."


# --- how values are written ----------------------------------------------------------------


def written_profile_url(rng: random.Random, entity: Entity, *, plain: bool = False) -> str:
    """The LinkedIn profile as Connections.csv (plain) or an address book writes it."""
    slug = entity.slug
    encoded = quote(slug, safe="-")
    if plain:
        return f"https://www.linkedin.com/in/{encoded}"
    return weighted(
        rng,
        [
            (f"https://www.linkedin.com/in/{encoded}/", 0.3),
            (f"linkedin.com/in/{slug}", 0.2),
            (f"http://linkedin.com/in/{encoded}", 0.2),
            (f"https://www.linkedin.com/in/{encoded}?trk=public_profile", 0.15),
            (f"https://de.linkedin.com/in/{encoded}", 0.15),
        ],
    )


def written_email(rng: random.Random, email: str) -> str:
    local, _, domain = email.partition("@")
    roll = rng.random()
    if domain == "gmail.com" and roll < 0.2:
        return f"{local.replace('.', '')}@{domain}"  # Gmail ignores dots
    if roll < 0.35:
        return f"{local.capitalize()}@{domain.capitalize()}"
    return email


def written_phone(rng: random.Random, e164: str) -> str:
    """+14155550134 as people type it; numbers abroad always keep their country code."""
    if e164.startswith("+1"):
        area, exchange, line = e164[2:5], e164[5:8], e164[8:]
        return weighted(
            rng,
            [
                (f"+1 {area}-{exchange}-{line}", 0.3),
                (f"({area}) {exchange}-{line}", 0.25),
                (f"{area}.{exchange}.{line}", 0.15),
                (e164, 0.15),
                (f"+1 ({area}) {exchange} {line}", 0.15),
            ],
        )
    digits = e164[1:]
    country = 2 if digits[:2] in ("44", "49", "55") else 1
    rest = digits[country:]
    spaced = f"+{digits[:country]} {rest[:4]} {rest[4:]}"
    return spaced if rng.random() < 0.6 else e164


def note_text(rng: random.Random) -> str:
    words = rng.sample(names.NOTE_WORDS, k=rng.randint(4, 12))
    opener = rng.choice(names.MESSAGE_OPENERS)
    return f"{opener} Talked about {', '.join(words[:-1])} and {words[-1]}."


def connected_on(rng: random.Random) -> dt.date:
    span = (dt.date(2026, 10, 31) - dt.date(2008, 1, 1)).days
    # More recent connections are more common: square the uniform draw towards today.
    return dt.date(2026, 10, 31) - dt.timedelta(days=int(span * rng.random() ** 2))
