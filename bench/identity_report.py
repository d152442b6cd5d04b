"""The identity benchmark's table: Rapport next to both baselines, stratum by stratum."""

from __future__ import annotations

from typing import Any

METHODS = (("rapport", "Rapport"), ("union_find", "union-find"), ("splink", "Splink"))
# What `figures` gives, in order (bench/README.md defines each).
METRICS = (
    "identity_precision", "identity_recall", "identity_namesake_employer_wrong",
    "identity_family_phone_wrong", "identity_strata_below_splink",
)  # fmt: skip


def _cell(figures: dict[str, float] | None) -> str:
    if figures is None:
        return f"{'—':>17}"
    wrong = int(figures["wrong_pairs"])
    return f"{figures['precision']:>6.3f} {figures['recall']:>5.3f} {wrong:>4}"


def table(result: dict[str, Any]) -> str:
    """One line a stratum: true pairs; precision, recall and wrong pairs of each method;
    the pairs Rapport sent to review (true/false)."""
    head = f"{'stratum':<18} {'pairs':>5}"
    for _, label in METHODS:
        head += f"  {label + ' P R wrong':>17}"
    lines = [head + "  review true/false"]
    for stratum, figures in result["rapport"].items():
        row = f"{stratum:<18} {int(figures['true_pairs']):>5}"
        for key, _ in METHODS:
            row += f"  {_cell(result.get(key, {}).get(stratum))}"
        review = result["review"].get(stratum)
        row += f"  {review['true']:>4}/{review['false']}" if review else ""
        lines.append(row)
    if "splink_missing" in result:
        lines.append(f"Splink not run: {result['splink_missing']}")
    return "\n".join(lines)


def below_splink(result: dict[str, Any]) -> list[str]:
    """The strata where Rapport's recall is below Splink's."""
    splink = result.get("splink", {})
    return [
        stratum
        for stratum, figures in result["rapport"].items()
        if stratum in splink and figures["recall"] < splink[stratum]["recall"] - 1e-9
    ]


Figure = tuple[str, float | None, str, float | None, str]  # name, value, unit, baseline, label


def figures(result: dict[str, Any]) -> list[Figure]:
    """The metrics of bench/README.md the identity benchmark gives, next to Splink's."""
    mine, splink = result["rapport"], result.get("splink")
    label = "Splink (DuckDB), same records" if splink else "Splink not installed"

    def theirs(stratum: str, figure: str) -> float | None:
        return splink[stratum][figure] if splink and stratum in splink else None

    found: list[Figure] = [
        ("identity_precision", mine["overall"]["precision"], "",
         theirs("overall", "precision"), label),
        ("identity_recall", mine["overall"]["recall"], "", theirs("overall", "recall"), label),
    ]  # fmt: skip
    for stratum in ("namesake_employer", "family_phone"):
        found.append(
            (f"identity_{stratum}_wrong", mine[stratum]["wrong_pairs"], "pairs",
             theirs(stratum, "wrong_pairs"), label)
        )  # fmt: skip
    below = float(len(below_splink(result))) if splink else None
    found.append(("identity_strata_below_splink", below, "strata", None, "recall per stratum"))
    return found
