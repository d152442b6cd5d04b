"""Timing of the parsers on export-sized files. Run by hand, not collected by pytest:

    .venv/bin/python tests/imports/parsers/bench_parsers.py

A capped LinkedIn network (30,000 connections, ~3.5 MB) plus 20,000 messages, and 5,000
vCards in the mix phones and Apple write (QP names, folded notes, some with a PHOTO).
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))

from rapport.imports.parse import parse_linkedin, parse_vcard
from rapport.imports.parse.records import ParsedSource

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
FIRST = ["Ana", "José", "Zoë", "Chen", "Priya", "Sam 🚀", "Jürgen", "Fatima", "Olu", "Mary-Kate"]
LAST = ["Souza", "García Núñez", "Smith, PhD", "O'Brien", "Wei", "Müller", "Patel", "Okafor"]
COMPANIES = ["Stripe", "Société Générale", "Acme, Inc.", "Globex", "", "Initech", "Novartis"]


def connections(rows: int, rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{n:x}".lower().replace(" ", "-").replace(",", "")
        url = f"https://www.linkedin.com/in/{slug}"
        email = f"{n}@example.com" if n % 80 == 0 else ""
        title = rng.choice(["Senior Software Engineer", "Director, Talent Acquisition", "CEO"])
        when = (
            f"{rng.randint(1, 28):02d} {rng.choice(['Jan', 'Mar', 'Nov'])} 20{rng.randint(10, 24)}"
        )
        writer.writerow([first, last, url, email, rng.choice(COMPANIES), title, when])
    return PREAMBLE + out.getvalue()


MESSAGE_HEADER = [
    *("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO"),
    *("RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"),
    *("IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"),
]
HTML = "<p>Hi,</p><p>Great to meet you &amp; thanks!</p>"
TWO_URLS = "https://www.linkedin.com/in/me,https://www.linkedin.com/in/x"


def messages(rows: int, rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MESSAGE_HEADER)
    for n in range(rows):
        body = HTML if n % 10 == 0 else "Thanks! " * 20
        when = f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:11:12 UTC"
        sender = [f"conv-{n // 5}", "", rng.choice(FIRST), f"https://www.linkedin.com/in/p{n}"]
        rest = ["Me, Other", TWO_URLS if n % 7 else "", when, "", body, "INBOX", "No", "No"]
        writer.writerow(sender + rest)
    return out.getvalue()


def apple_card(n: int) -> list[str]:
    return [
        *(f"N:Doe{n};Jane;;;", f"FN:Jane Doe{n}, Jr.", "ORG:Globex;Research"),
        *("TITLE:Director, Talent", f"item1.EMAIL;type=INTERNET;type=pref:j{n}@x.example"),
        *(f"TEL;type=CELL;type=VOICE:+1 555 {n:04d}", "item2.URL:http\\://x.example"),
        *("item2.X-ABLabel:_$!<HomePage>!$_", "NOTE:Met at a fair\\, keen to help.\\n"),
        " Follow up.",
    ]


def android_card(n: int) -> list[str]:
    return [
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller",
        f"TEL;CELL;PREF:+49 170 {n:07d}",
        f"EMAIL;PREF;INTERNET:j{n}@example.de",
    ]


def vcards(cards: int) -> str:
    parts = []
    for n in range(cards):
        lines = ["BEGIN:VCARD", "VERSION:3.0" if n % 2 else "VERSION:2.1"]
        lines += apple_card(n) if n % 2 else android_card(n)
        if n % 10 == 0:  # ~3 KB folded photo, never decoded
            lines += ["PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * 19] + [" " + "QUFB" * 18] * 40
        lines.append("END:VCARD")
        parts.append("\r\n".join(lines))
    return "\r\n".join(parts) + "\r\n"


def timed(label: str, parse: Callable[[Path], ParsedSource], path: Path) -> None:
    """Best of three: the machine is shared, and the minimum is the parser's own cost."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        source = parse(path)
        runs.append(time.perf_counter() - start)
    counts = f"{len(source.contacts)} contacts, {len(source.messages)} messages"
    print(f"{label:<34} best {min(runs):5.2f} s, worst {max(runs):5.2f} s   ({counts})")


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export"
        export.mkdir()
        (export / "Connections.csv").write_text(connections(30_000, rng), encoding="utf-8")
        (export / "messages.csv").write_text(messages(20_000, rng), encoding="utf-8")
        cp1252 = Path(folder) / "Connections.csv"
        cp1252.write_bytes(
            (export / "Connections.csv").read_text().encode("cp1252", errors="replace")
        )
        cards = Path(folder) / "contacts.vcf"
        cards.write_text(vcards(5_000), encoding="utf-8", newline="")
        timed("Connections.csv (30,000 rows)", parse_linkedin, export / "Connections.csv")
        timed("messages.csv (20,000 rows)", parse_linkedin, export / "messages.csv")
        timed("folder: both files together", parse_linkedin, export)
        timed("Connections.csv as Windows-1252", parse_linkedin, cp1252)
        timed("5,000 vCards", parse_vcard, cards)


if __name__ == "__main__":
    main()
