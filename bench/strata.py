"""The hard cases of identity, stratum by stratum: cards a matcher must join or keep apart.

    written by bench.generate beside the heavy user's files: identity.vcf, identity.json

Each stratum is a set of small scenes (one person written twice, a household, two namesakes
at one employer…) made from the same population as the heavy user's data, so no name of a
scene is anyone else's by chance. bench/README.md says what each stratum means. Scenes are
written to one vCard file in order, after the heavy user's files are imported.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import address_books, names
from bench.population import Entity, Population, Record, ascii_fold, weighted

CARDS_FILE = "identity.vcf"
TRUTH_FILE = "identity.json"
SCENES_AT_FULL_SCALE = 150  # scenes per stratum at scale 1.0
EVIDENCE = (("email", 0.4), ("phone", 0.3), ("company", 0.3))

# Spellings of one name in two transliterations (or two languages' forms of it).
TRANSLITERATIONS = (
    ("Mohammed", "Muhammad"), ("Mohamed", "Mohammad"), ("Aleksandr", "Alexander"),
    ("Sergey", "Sergei"), ("Dmitriy", "Dmitri"), ("Yusuf", "Youssef"), ("Yevgeny", "Evgeny"),
    ("Andrey", "Andrei"), ("Natalya", "Natalia"), ("Yuliya", "Julia"), ("Olga", "Olha"),
    ("Mikhail", "Michail"), ("Aleksey", "Alexei"), ("Ahmed", "Ahmad"), ("Hussein", "Hussain"),
    ("Tatyana", "Tatiana"), ("Konstantin", "Constantin"), ("Grigoriy", "Grigory"),
)  # fmt: skip
# Given names a letter or two apart, as siblings and couples have them.
NEAR_NAMES = (
    ("Daniel", "Daniela"), ("Carl", "Carol"), ("Francis", "Frances"), ("Louis", "Louise"),
    ("Julian", "Juliana"), ("Christian", "Christina"), ("Martin", "Martina"), ("Marie", "Maria"),
    ("Eric", "Erica"), ("Paul", "Paula"), ("Mario", "Maria"), ("Robert", "Roberta"),
)  # fmt: skip
# Nicknames that no nicknames table lists (as far as we know): only a shared key joins them.
RARE_NICKNAMES = (
    ("Yevgeny", "Zhenya"), ("Anatoly", "Tolya"), ("Nikolai", "Kolya"), ("Jesús", "Chuy"),
    ("Ignacio", "Nacho"), ("Vladimir", "Volodya"), ("Svetlana", "Sveta"), ("Mikhail", "Misha"),
    ("Giuseppe", "Beppe"), ("Johannes", "Hannes"), ("Guillermo", "Memo"),
    ("Rosario", "Charo"), ("Concepción", "Conchita"), ("Mercedes", "Merche"),
    ("Dolores", "Lola"), ("Wojciech", "Wojtek"), ("Katarzyna", "Kasia"),
)  # fmt: skip


class Scenes:
    """Builds the strata's records; `truth` says who each record is and in which stratum."""

    def __init__(self, pop: Population, rng: random.Random) -> None:
        self.pop = pop
        self.rng = rng
        self.records: list[Record] = []
        self.stratum: dict[str, str] = {}

    # --- people ----------------------------------------------------------------------

    def person(self, first: str = "", last: str = "") -> Entity:
        """A new person with an employer, a work and a personal address and a mobile."""
        pop, rng = self.pop, self.rng
        entity = pop.new_entity(on_linkedin=False)
        if first or last:
            entity.first, entity.last = first or entity.first, last or entity.last
            entity.nicknames = entity.rare_nicknames = ()
            entity.goes_by = entity.first
        entity.middle = entity.suffix = ""
        if entity.company is None:
            entity.company = pop.company()
        local = "".join(c for c in ascii_fold(entity.first).casefold() if c.isalnum()) or "x"
        surname = "".join(c for c in ascii_fold(entity.last).casefold() if c.isalnum()) or "y"
        entity.emails = [
            f"{local}.{surname}.{entity.id}@{entity.company.domain}",
            f"{local}{surname}{entity.id}@{rng.choice(('gmail.com', 'outlook.com', 'proton.me'))}",
        ]
        entity.phones = [_phone(entity.id)]
        return entity

    def free_name(self, *firsts: str, last: str = "") -> tuple[str, str]:
        """(firsts[0], a last name) that nobody has with any of `firsts` (its other forms);
        with `last`, that one or an error."""
        for _ in range(1000):
            surname = last or self.rng.choice(names.LAST_NAMES)
            if self.pop.claim_names(firsts, surname):
                return firsts[0], surname
            if last:
                break
        raise RuntimeError(f"no free name for {firsts} {last}; add names to bench/names.py")

    # --- records ---------------------------------------------------------------------

    def card(self, stratum: str, entity: Entity, role: str = "primary", **fields: Any) -> Record:
        """A card of `entity` with its name, employer and every key, unless `fields` say."""
        values: dict[str, Any] = {
            "first": entity.first,
            "last": entity.last,
            "emails": list(entity.emails),
            "phones": list(entity.phones),
            "company": entity.company.name if entity.company else "",
            "current_company": entity.company is not None,
        }
        values |= fields
        record = Record(
            id=f"id:{len(self.records)}",
            source="vcard",
            entity=entity.id,
            role=role,
            **values,
        )
        self.pop.add(record)
        self.records.append(record)
        self.stratum[record.id] = stratum
        return record

    def again(self, stratum: str, entity: Entity, evidence: str = "", **fields: Any) -> Record:
        """Another card of `entity` carrying only the `evidence` ("email", "phone", "company",
        or one drawn from EVIDENCE when "") among its keys."""
        evidence = evidence or weighted(self.rng, EVIDENCE)
        keys: dict[str, Any] = {"emails": [], "phones": [], "company": "", "current_company": False}
        if evidence == "email":
            keys["emails"] = [self.rng.choice(entity.emails)]
        elif evidence == "phone":
            keys["phones"] = [entity.phones[0]]
        elif evidence == "company" and entity.company is not None:
            keys["company"] = entity.company.spelling(self.rng, vary=0.5)
            keys["current_company"] = True
        record = self.card(stratum, entity, "duplicate", **(keys | fields))
        record.evidence = evidence
        return record

    def truth(self) -> list[dict[str, Any]]:
        return [
            {
                "id": r.id,
                "file": r.file,
                "line": r.line,
                "entity": r.entity,
                "role": r.role,
                "stratum": self.stratum[r.id],
                "evidence": r.evidence,
                "name": r.full_name,
            }
            for r in self.records
        ]


def _phone(number: int) -> str:
    """A mobile number of its own for each person of the scenes (+1 415 7xx xxxx)."""
    return f"+1415{7000000 + (number * 7919) % 1000000}"


def _one_edit(rng: random.Random, word: str) -> str:
    """`word` with one letter replaced, dropped, doubled or swapped (never the first)."""
    at = rng.randrange(2, len(word) - 1) if len(word) > 3 else 1
    letter = rng.choice("aeioulnrst".replace(word[at].lower(), ""))
    edits = {
        "replace": word[:at] + letter + word[at + 1 :],
        "drop": word[:at] + word[at + 1 :],
        "insert": word[:at] + letter + word[at:],
        "swap": word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :],
    }
    return edits[rng.choice(sorted(edits))]


# --- the strata ------------------------------------------------------------------------------


def typo(s: Scenes) -> None:
    person = s.person()
    s.card("typo", person)
    if s.rng.random() < 0.5 and len(person.last) > 3:
        s.again("typo", person, last=_one_edit(s.rng, person.last))
    else:
        s.again("typo", person, first=_one_edit(s.rng, person.first))


def swapped(s: Scenes) -> None:
    person = s.person()
    s.card("swapped", person)
    s.again("swapped", person, first=person.last, last=person.first)


def surname_change(s: Scenes) -> None:
    person = s.person()
    s.card("surname_change", person)
    _, new_last = s.free_name(person.first)
    new_employer = s.rng.random() < 0.5
    s.again(
        "surname_change",
        person,
        "email",
        last=new_last,
        emails=[person.emails[1]],  # the personal address stays
        company=s.pop.company(other_than=(person.company,)).name if new_employer else "",
        current_company=new_employer,
    )


def initials(s: Scenes) -> None:
    person = s.person()
    s.card("initials", person)
    s.again("initials", person, first=f"{ascii_fold(person.first)[:1] or person.first[:1]}.")


def transliteration(s: Scenes) -> None:
    one, other = s.rng.choice(TRANSLITERATIONS)
    if s.rng.random() < 0.5:
        one, other = other, one
    person = s.person(*s.free_name(one, other))
    s.card("transliteration", person)
    s.again("transliteration", person, first=other)


def namesake_employer(s: Scenes) -> None:
    """Two people of one name at one employer, each with their own work address; the first
    sometimes written twice (sharing their work address)."""
    first = s.person()
    second = s.person(first.first, first.last)
    second.company = first.company
    assert first.company is not None
    local = second.emails[0].split("@")[0]
    second.emails[0] = f"{local}@{first.company.domain}"
    for person in (first, second):
        s.card("namesake_employer", person, emails=[person.emails[0]], phones=[])
    if s.rng.random() < 0.5:
        s.again("namesake_employer", first, "email", emails=[first.emails[0]])


def family_phone(s: Scenes) -> None:
    """A household of 2-4 on one landline, each maybe with a mobile of their own (in some,
    two of them a letter or two apart: Daniel and Daniela); one of them written again with
    their own mobile or address."""
    size = weighted(s.rng, [(2, 0.4), (3, 0.35), (4, 0.25)])
    last = s.rng.choice(names.LAST_NAMES)
    firsts = [n for n, _ in names.FIRST_NAMES if s.pop.claim_names((n,), last, only_check=True)]
    chosen = s.rng.sample(firsts, min(size, len(firsts)))
    if s.rng.random() < 0.3:  # Daniel and Daniela, Carl and Carol
        near = [p for p in NEAR_NAMES if s.pop.claim_names(p, last, only_check=True)]
        chosen[:2] = s.rng.choice(near) if near else chosen[:2]
    landline = _phone(len(s.pop.entities) + 500_000)
    family = []
    for first in chosen:
        person = s.person(*s.free_name(first, last=last))
        own = person.phones if s.rng.random() < 0.6 else []
        person.phones = [landline, *own]
        home: dict[str, Any] = {"phones": [landline, *own], "emails": [person.emails[1]]}
        s.card("family_phone", person, **home, company="", current_company=False)
        family.append(person)
    again = s.rng.choice(family)
    if len(again.phones) > 1:
        s.again("family_phone", again, "phone", phones=[landline, again.phones[1]])
    else:
        s.again("family_phone", again, "email", emails=[again.emails[1]], phones=[landline])


def shared_office(s: Scenes) -> None:
    """Colleagues whose cards all carry the office's info@ address; one written again with
    their own address too."""
    size = weighted(s.rng, [(2, 0.4), (3, 0.35), (4, 0.25)])
    team = [s.person() for _ in range(size)]
    office = team[0].company
    assert office is not None
    shared = f"info@{office.domain}"
    for person in team:
        person.company = office
        own = [person.emails[0].split("@")[0] + f"@{office.domain}"]
        person.emails = own
        s.card("shared_office", person, emails=[shared, *own], phones=[], company=office.name)
    again = team[0]
    s.again("shared_office", again, "email", emails=[shared, again.emails[0]])


def job_change(s: Scenes) -> None:
    """One person before and after a move: another employer, its address, nothing shared."""
    person = s.person()
    s.card("job_change", person, emails=[person.emails[0]], phones=[])
    new = s.pop.company(other_than=(person.company,))
    s.again(
        "job_change",
        person,
        "none",
        emails=[f"{person.emails[0].split('@')[0]}@{new.domain}"],
        company=new.name,
        current_company=True,
    )


def rare_nickname(s: Scenes) -> None:
    formal, nickname = s.rng.choice(RARE_NICKNAMES)
    person = s.person(*s.free_name(formal, nickname))
    s.card("rare_nickname", person)
    s.again("rare_nickname", person, first=nickname)


STRATA: dict[str, Callable[[Scenes], None]] = {
    "typo": typo,
    "swapped": swapped,
    "surname_change": surname_change,
    "initials": initials,
    "transliteration": transliteration,
    "namesake_employer": namesake_employer,
    "family_phone": family_phone,
    "shared_office": shared_office,
    "job_change": job_change,
    "rare_nickname": rare_nickname,
}


def write(root: Path, pop: Population, *, scale: float, seed: int) -> None:
    """Write identity.vcf and identity.json under `root`, scenes of every stratum in turn."""
    rng = random.Random(seed + 1)  # the heavy user's files stay the same bytes
    pop.rng = rng
    scenes = Scenes(pop, rng)
    count = max(40, round(SCENES_AT_FULL_SCALE * scale))
    for make in STRATA.values():
        for _ in range(count):
            make(scenes)
    address_books.write_vcards(root / CARDS_FILE, rng, scenes.records)
    for record in scenes.records:
        record.file = CARDS_FILE
    truth = {"seed": seed, "scale": scale, "records": scenes.truth()}
    (root / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
