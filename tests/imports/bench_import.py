"""Timing of a heavy user's imports into an empty SQLite database. Run by hand, not by pytest:

    .venv/bin/python tests/imports/bench_import.py [--scale 1.0]

30,000 LinkedIn connections + 20,000 messages (5,000 thread-days) + invitations and
positions, then 5,000 vCards (3,000 of them people already imported), then a Google CSV
(2,000 rows, half of them on the cards). Then the same three files again. Prints parse
and import seconds for each, the totals, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

FIRST = [
    *("Ana", "José", "Zoë", "Chen", "Priya", "William", "Katherine", "Jürgen", "Fatima", "Olu"),
    *("Mary", "Robert", "Elizabeth", "Michael", "Sofia", "Mateus", "Aiko", "Noah", "Léa", "Omar"),
    *("Daniel", "Laura", "Thomas", "Anne", "Pedro", "Yuki", "Ingrid", "Hassan", "Camille", "Ian"),
]
NICK = {"William": "Bill", "Katherine": "Kate", "Robert": "Bob", "Elizabeth": "Liz"}
SYLLABLES = ["so", "za", "mar", "tin", "ok", "af", "or", "pa", "tel", "mül", "ler", "gar", "ci"]
SUFFIXES = ["", "", "", " Inc.", ", LLC", " GmbH"]
TITLES = ["Software Engineer", "Engineering Manager", "Recruiter", "Director, Product", "CEO"]


def last_names(rng: random.Random, count: int) -> list[str]:
    names = {
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(count * 2)
    }
    return sorted(names)[:count]


class World:
    """A seeded network: who is connected, where they work, what they wrote."""

    def __init__(self, scale: float, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.lasts = last_names(self.rng, 3000)
        self.companies = [f"{n}{s}" for n in last_names(self.rng, 2000) for s in ["corp"]]
        size = int(30_000 * scale)
        self.people = [self._person(n) for n in range(size)]

    def _person(self, n: int) -> dict[str, str]:
        rng = self.rng
        first, last = rng.choice(FIRST), rng.choice(self.lasts)
        company = rng.choice(self.companies) if rng.random() > 0.03 else ""
        return {
            "first": first,
            "last": last,
            "url": f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n:x}",
            "company": company,
            "title": rng.choice(TITLES),
            "email": f"{first.lower()}.{last.lower()}{n}@mail.example",
            "phone": f"+1 415 {n // 10000 + 200:03d} {n % 10000:04d}",
        }


def connections_csv(world: World) -> str:
    out = io.StringIO()
    out.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for n, p in enumerate(world.people):
        email = p["email"] if n % 80 == 0 else ""
        company = p["company"] + (world.rng.choice(SUFFIXES) if p["company"] else "")
        writer.writerow(
            [p["first"], p["last"], p["url"], email, company, p["title"], "07 Mar 2021"]
        )
    return out.getvalue()


def messages_csv(world: World, count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            *("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO"),
            *("RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"),
        ]
    )
    me = ("Olivia Owner", "https://www.linkedin.com/in/olivia-owner")
    for n in range(count):
        thread, day = n // 8, (n % 8) // 4  # 8 messages a thread, over two days
        other = world.people[(thread * 7) % len(world.people)]
        them = (f"{other['first']} {other['last']}", other["url"])
        sender, recipient = (me, them) if n % 2 else (them, me)
        when = f"2024-{1 + thread % 12:02d}-{10 + day:02d} 10:{n % 60:02d}:00 UTC"
        body = "Thanks for the chat about the team, and for the intro! " * 3
        writer.writerow([f"conv-{thread}", "", *sender, recipient[0], recipient[1], when, "", body,
                         "INBOX"])  # fmt: skip
    return out.getvalue()


def invitations_csv(world: World, count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                     "inviteeProfileUrl"])  # fmt: skip
    for p in world.people[:count]:
        writer.writerow([f"{p['first']} {p['last']}", "Olivia Owner", "3/7/24, 9:05 AM",
                         "Great meeting you at the meetup", "INCOMING", p["url"], ""])  # fmt: skip
    return out.getvalue()


def positions_csv() -> str:
    rows = ["Company Name,Title,Description,Location,Started On,Finished On"]
    rows += [f"Company {n},Engineer,,Lisbon,Jan {2010 + n},Dec {2010 + n}" for n in range(8)]
    return "\n".join(rows) + "\n"


def vcards(world: World, count: int) -> str:
    rng, cards = world.rng, []
    for n in range(count):
        if n < count * 3 // 5:  # someone already connected on LinkedIn
            p = world.people[(n * 11) % len(world.people)]
            first = NICK.get(p["first"], p["first"]) if n % 3 == 0 else p["first"]
        else:
            p = {
                **world.people[0],
                "last": rng.choice(world.lasts),
                "email": f"new{n}@x.example",
                "phone": f"+44 20 7946 {n:04d}",
                "company": rng.choice(world.companies),
            }
            first = rng.choice(FIRST)
        cards.append(
            "\r\n".join(
                [
                    "BEGIN:VCARD", "VERSION:3.0", f"N:{p['last']};{first};;;",
                    f"FN:{first} {p['last']}", f"ORG:{p['company']}", f"TITLE:{p['title']}",
                    f"EMAIL;TYPE=INTERNET:{p['email']}", f"TEL;TYPE=CELL:{p['phone']}",
                    f"UID:card-{n}", "END:VCARD",
                ]
            )
        )  # fmt: skip
    return "\r\n".join(cards) + "\r\n"


def google_csv(world: World, count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Middle Name", "Last Name", "Organization Name",
                     "Organization Title", "E-mail 1 - Label", "E-mail 1 - Value",
                     "Phone 1 - Label", "Phone 1 - Value"])  # fmt: skip
    for n in range(count):
        p = world.people[(n * 11) % len(world.people)] if n % 2 else world.people[-n - 1]
        writer.writerow([p["first"], "", p["last"], p["company"], p["title"], "* Work",
                         p["email"], "Mobile", p["phone"].replace("+1 ", "")])  # fmt: skip
    return out.getvalue()


def write_files(folder: Path, scale: float) -> dict[str, Path]:
    world = World(scale)
    export = folder / "linkedin"
    export.mkdir()
    (export / "Connections.csv").write_text(connections_csv(world), encoding="utf-8")
    (export / "messages.csv").write_text(messages_csv(world, int(20_000 * scale)))
    (export / "Invitations.csv").write_text(invitations_csv(world, int(1_000 * scale)))
    (export / "Positions.csv").write_text(positions_csv())
    (folder / "cards.vcf").write_text(vcards(world, int(5_000 * scale)), newline="")
    (folder / "google.csv").write_text(google_csv(world, int(2_000 * scale)))
    return {"linkedin": export, "vcard": folder / "cards.vcf", "csv": folder / "google.csv"}


def main() -> None:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--scale", type=float, default=1.0)
    scale = arguments.parse_args().scale
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RAPPORT_DATA_DIR"] = folder
        os.environ["DJANGO_SETTINGS_MODULE"] = "rapport.settings"
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        files = write_files(Path(folder), scale)
        run_imports(files)


def run_imports(files: dict[str, Path]) -> None:
    from rapport.accounts.models import User
    from rapport.imports.importing import import_source
    from rapport.imports.parse import parse
    from rapport.imports.selectors import review_queue
    from rapport.people.models import Person

    owner = User.objects.create(username="bench")
    for label in ("first import", "re-import"):
        total = cpu = 0.0
        for kind, path in files.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            parsed = parse(kind, path)
            parsed_at = time.perf_counter()
            result = import_source(owner=owner, parsed=parsed, files=[str(path)])
            done = time.perf_counter()
            total, cpu = total + done - start, cpu + time.process_time() - start_cpu
            people = result.counts["people"]
            print(f"{label:>12} {kind:<8} parse {parsed_at - start:5.2f} s  import "
                  f"{done - parsed_at:5.2f} s   people {people}")  # fmt: skip
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # CPU time as well: on a shared machine, wall time also measures the neighbours.
        print(f"{label:>12} total {total:5.2f} s (CPU {cpu:5.2f} s), peak memory {peak:.0f} MB")
    print(
        f"people: {Person.objects.count()}, waiting for review: {review_queue(owner=owner).count()}"
    )


if __name__ == "__main__":
    main()
