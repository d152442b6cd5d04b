"""The targets `make bench` checks are the ones bench/README.md defines, and no others."""

from __future__ import annotations

import re
from pathlib import Path

from bench.run import TARGETS

README = Path(__file__).resolve().parents[2] / "bench" / "README.md"


def _readme_targets() -> dict[str, tuple[str, float]]:
    """`metric` → (comparison, number) from the last column of the table of metrics."""
    found: dict[str, tuple[str, float]] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        targets = re.findall(r"([≤≥]) ([\d.]+)", cells[-1]) if len(cells) >= 4 else []
        metrics = re.findall(r"`(\w+)`", cells[0])
        if len(targets) == 1:  # "≤ 5 s, 0 new": one target for the row's metric
            targets *= len(metrics)
        for metric, (sign, number) in zip(metrics, targets, strict=False):
            found[metric] = ("<=" if sign == "≤" else ">=", float(number))
    return found


def test_every_target_run_checks_is_the_one_the_readme_defines() -> None:
    readme = _readme_targets()
    checked = {metric: target for metric, target in TARGETS.items() if metric in readme}
    assert checked == readme
    # What the README table has no row of its own for is a part of one that it has.
    assert set(TARGETS) - set(readme) == {"reimport_created"}
