"""How `make bench` reports a timing: the median of its runs, their spread, every sample."""

from __future__ import annotations

import json
from pathlib import Path

from bench.run import Metric, table, write_json


def test_a_timing_is_the_median_of_its_runs_with_every_sample_kept(tmp_path: Path) -> None:
    runs = Metric.of_runs(
        "import_seconds", [9.1, 8.7, 12.4, 8.9, 9.0], "s", [0.4, 0.3, 0.5, 0.4, 0.35]
    )
    quality = Metric("merge_precision", 1.0, "", 0.74)
    write_json([runs, quality], tmp_path / "bench.json")
    saved = json.loads((tmp_path / "bench.json").read_text())
    assert saved["import_seconds"] == {
        "value": 9.0,
        "unit": "s",
        "baseline": 0.4,
        "samples": [9.1, 8.7, 12.4, 8.9, 9.0],
        "min": 8.7,
        "max": 12.4,
        "baseline_samples": [0.4, 0.3, 0.5, 0.4, 0.35],
    }
    assert saved["merge_precision"] == {"value": 1.0, "unit": "", "baseline": 0.74}
    assert "8.7-12.4 of 5" in table([runs, quality])
