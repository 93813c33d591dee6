"""Read the JSON files `scripts/text_loso_jobs.sh` wrote and print each left-out source's figures per seed and their
mean over seeds: scam recall, legitimate rows flagged (a count, of the source's legitimate rows) and the alert
threshold of the model that scored it.

    .venv/bin/python scripts/text_loso_summary.py /tmp/loso [/tmp/loso_other ...]

With several folders (one per variant of a round), each source's rows are printed one folder after another.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path


def rows_by_source(folder: Path) -> dict[str, dict[int, dict]]:
    """{left-out source: {seed: its row}} of every ``loso_seed<S>_<sources>.json`` in ``folder``."""
    found: dict[str, dict[int, dict]] = {}
    for path in sorted(folder.glob("loso_seed*.json")):
        seed = int(re.search(r"loso_seed(\d+)_", path.name).group(1))  # type: ignore[union-attr]
        for row in json.loads(path.read_text(encoding="utf-8"))["loso"]:
            found.setdefault(row["left_out"], {})[seed] = row
    return found


def line(label: str, by_seed: dict[int, dict]) -> str:
    seeds = sorted(by_seed)
    recall = [by_seed[s]["scam_recall"] for s in seeds]
    flagged = [round((by_seed[s]["ham_flagged_pct"] or 0.0) * by_seed[s]["ham_rows"] / 100) for s in seeds]
    known = [r for r in recall if r is not None]
    thresholds = [by_seed[s]["threshold"] for s in seeds]
    mean_recall = f"{statistics.mean(known):.3f}" if known else "-"
    return (f"{label:40s} seeds {','.join(map(str, seeds)):7s} recall "
            f"{' / '.join('-' if r is None else f'{r:.3f}' for r in recall):23s} mean {mean_recall:6s} | legitimate "
            f"flagged {' / '.join(map(str, flagged)):12s} of {by_seed[seeds[0]]['ham_rows']:,} mean "
            f"{statistics.mean(flagged):5.1f} | threshold {' / '.join(f'{t:.3f}' for t in thresholds)}")


if __name__ == "__main__":
    folders = [Path(a) for a in sys.argv[1:]]
    if not folders:
        sys.exit(__doc__)
    tables = {folder: rows_by_source(folder) for folder in folders}
    for source in sorted({s for table in tables.values() for s in table}):
        for folder, table in tables.items():
            if source in table:
                print(line(f"{source} [{folder.name}]", table[source]))
