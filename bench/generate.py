"""The seeded generator: a heavy user's exports, with labelled duplicates and look-alikes.

    python -m bench.generate OUT_DIR [--scale 1.0] [--seed 20251103]

writes OUT_DIR/linkedin_export/ (Connections.csv, messages.csv, Invitations.csv,
Positions.csv), OUT_DIR/contacts.vcf, OUT_DIR/google_contacts.csv and OUT_DIR/truth.json:
which source records (file and line, as the parsers report them) are one real person.
Same seed and scale, same bytes: only random.Random(seed) decides anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import address_books, linkedin_files, names, strata
from bench.population import Entity, Population, Record, weighted
from bench.records import card_record, connected_on, duplicate_record, linkedin_record

DEFAULT_SEED = 20251103
TRUTH_FILE = "truth.json"
# The heavy user of bench/README.md, at scale 1.0.
FULL = {
    "connections": 30_000,
    "messages": 20_000,
    "vcards": 5_000,
    "google": 2_500,
    "invitations": 600,
    "companies": 2_500,
    "strangers": 600,
}
BLANK_CONNECTIONS = 0.008  # rows LinkedIn blanks but for the date (45 in 3,761 seen)
LINKEDIN_LOOKALIKES = 0.01
VCARD_MIX = (("dup_linkedin", 0.40), ("dup_same", 0.04), ("lookalike", 0.03), ("new", 0.53))
CSV_MIX = (
    ("dup_linkedin", 0.25), ("dup_vcard", 0.15), ("dup_same", 0.03), ("lookalike", 0.03),
    ("new", 0.54),
)  # fmt: skip


@dataclass
class Dataset:
    """Where the generated files are, as paths to import and names the parsers give them."""

    root: Path
    linkedin: Path
    vcard: Path
    google: Path
    truth: Path

    @classmethod
    def at(cls, root: Path) -> Dataset:
        return cls(
            root=root,
            linkedin=root / linkedin_files.FOLDER,
            vcard=root / address_books.VCARD_FILE,
            google=root / address_books.GOOGLE_FILE,
            truth=root / TRUTH_FILE,
        )

    def imports(self) -> list[tuple[str, Path]]:
        """(kind, path) in the order a user would import them."""
        return [("linkedin", self.linkedin), ("vcard", self.vcard), ("csv", self.google)]


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(5, round(full * scale)) for name, full in FULL.items()}


class Builder:
    """Records source by source, in the order they will be imported."""

    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.counts = counts_for(scale)
        self.pop = Population(self.rng, self.counts["companies"])
        self.on_linkedin: list[Entity] = []
        self.sources: dict[str, list[Entity]] = {"vcard": [], "csv": []}

    def connections(self) -> list[tuple[dt.date, Record | None]]:
        rows: list[tuple[dt.date, Record | None]] = []
        total = self.counts["connections"]
        blanks = round(total * BLANK_CONNECTIONS)
        for number in range(total - blanks):
            lookalike = self._lookalike_of() if self.rng.random() < LINKEDIN_LOOKALIKES else None
            entity = self.pop.new_entity(on_linkedin=True, lookalike_of=lookalike)
            self.on_linkedin.append(entity)
            rows.append((connected_on(self.rng), linkedin_record(self.pop, entity, number)))
        rows += [(connected_on(self.rng), None) for _ in range(blanks)]
        return rows

    def cards(self, source: str, count: int, mix: tuple[tuple[str, float], ...]) -> list[Record]:
        prefix = "vc" if source == "vcard" else "gc"
        made: list[Record] = []
        while len(made) < count:
            record_id = f"{prefix}:{len(made)}"
            record = self._card(source, weighted(self.rng, mix), record_id)
            if record is not None:
                made.append(record)
                self.sources[source].append(self.pop.entities[record.entity])
        return made

    def _card(self, source: str, kind: str, record_id: str) -> Record | None:
        pop = self.pop
        if kind == "new":
            return card_record(pop, pop.new_entity(on_linkedin=False), source, record_id)
        if kind == "lookalike":
            original = self._lookalike_of()
            entity = pop.new_entity(on_linkedin=False, lookalike_of=original)
            return card_record(pop, entity, source, record_id)
        pools: dict[str, Callable[[], list[Entity]]] = {
            "dup_linkedin": lambda: self.on_linkedin,
            "dup_vcard": lambda: [e for e in self.sources["vcard"] if not e.slug],
            "dup_same": lambda: self.sources[source],
        }
        pool = pools[kind]()
        if not pool:
            return None
        return duplicate_record(pop, self.rng.choice(pool), source, record_id)

    def _lookalike_of(self) -> Entity | None:
        known = [e for e in self.pop.entities[-2000:] if e.company is not None]
        return self.rng.choice(known) if known else None

    def strangers(self) -> list[linkedin_files.Member]:
        """People who messaged the user without being connections (not in the truth)."""
        found = []
        for number in range(self.counts["strangers"]):
            first = self.rng.choice(names.FIRST_NAMES)[0]
            last = self.rng.choice(names.LAST_NAMES)
            slug = f"stranger-{number}-{self.rng.getrandbits(24):06x}"
            found.append((f"{first} {last}", f"https://www.linkedin.com/in/{slug}"))
        return found


def generate(out: Path, *, scale: float = 1.0, seed: int = DEFAULT_SEED) -> Dataset:
    """Write the data set under `out` (created if needed); return where each part is."""
    data = Dataset.at(out)
    builder = Builder(seed, scale)
    connections = builder.connections()
    vcards = builder.cards("vcard", builder.counts["vcards"], VCARD_MIX)
    google = builder.cards("csv", builder.counts["google"], CSV_MIX)
    linkedin_files.write_folder(
        data.linkedin, builder.pop, connections, builder.counts["messages"],
        builder.counts["invitations"], builder.strangers(),
    )  # fmt: skip
    address_books.write_vcards(data.vcard, builder.rng, vcards)
    address_books.write_google_csv(data.google, builder.rng, google)
    records = [r for _, r in connections if r is not None] + vcards + google
    truth = _truth(builder, records, seed=seed, scale=scale)
    data.truth.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    strata.write(out, builder.pop, scale=scale, seed=seed)  # the identity benchmark's cards
    return data


def _truth(builder: Builder, records: list[Record], *, seed: int, scale: float) -> dict[str, Any]:
    return {
        "seed": seed,
        "scale": scale,
        "counts": builder.counts,
        "entities": len(builder.pop.entities),
        "records": [
            {
                "id": r.id,
                "source": r.source,
                "file": r.file,
                "line": r.line,
                "entity": r.entity,
                "role": r.role,
                "lookalike_of": builder.pop.entities[r.entity].lookalike_of,
                "evidence": r.evidence,
                "variations": r.variations,
                "name": r.full_name,
            }
            for r in records
        ],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = the heavy user (bench/README.md)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    data = generate(args.out, scale=args.scale, seed=args.seed)
    print(f"wrote {data.root} (truth: {data.truth.name})")


if __name__ == "__main__":
    main()
