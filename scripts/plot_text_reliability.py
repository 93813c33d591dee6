"""Draw the message model's reliability plot (docs/text_reliability.svg) from ``scamnet bench text`` JSON files.

    .venv/bin/python -m scamnet bench text --datasets ../shared/datasets --loso-only --json bench_text.json
    .venv/bin/python scripts/plot_text_reliability.py docs/text_reliability.svg bench_text.json [more.json ...]

The bins are the benches' ``reliability`` lists: calibrated scam probabilities of left-out rows, each
scored by a model that never saw its source, in bins of width 0.1, against the share of those rows
that were scams. Several files (runs of ``--only`` some sources) are merged bin by bin, weighted by
rows. Plain SVG, written by hand: no plotting library needed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SIZE, PAD = 360, 48


def _xy(p: float, q: float) -> tuple[float, float]:
    return PAD + p * SIZE, PAD + (1 - q) * SIZE


def reliability_svg(bins: list[dict[str, float]], title: str) -> str:
    """An SVG of predicted against observed scam share per bin; dot area grows with the rows in the bin."""
    most = max((b["rows"] for b in bins), default=1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE + 2 * PAD}" height="{SIZE + 2 * PAD}" '
             'font-family="sans-serif" font-size="11">',
             f'<rect x="{PAD}" y="{PAD}" width="{SIZE}" height="{SIZE}" fill="white" stroke="#888"/>',
             f'<line x1="{PAD}" y1="{PAD + SIZE}" x2="{PAD + SIZE}" y2="{PAD}" stroke="#bbb" stroke-dasharray="4 3"/>',
             f'<text x="{PAD}" y="{PAD - 16}" font-size="13">{title}</text>',
             f'<text x="{PAD + SIZE / 2}" y="{PAD + SIZE + 34}" text-anchor="middle">calibrated scam probability</text>',
             f'<text x="14" y="{PAD + SIZE / 2}" transform="rotate(-90 14 {PAD + SIZE / 2})" text-anchor="middle">'
             'observed share of scams</text>']
    for tick in range(0, 11, 2):
        x, y = _xy(tick / 10, tick / 10)
        parts += [f'<text x="{x}" y="{PAD + SIZE + 16}" text-anchor="middle">{tick / 10:.1f}</text>',
                  f'<text x="{PAD - 6}" y="{y + 4}" text-anchor="end">{tick / 10:.1f}</text>']
    points = [_xy(b["predicted"], b["observed"]) for b in bins]
    parts.append('<polyline fill="none" stroke="#c0392b" stroke-width="1.5" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
    for (x, y), b in zip(points, bins, strict=True):
        radius = 3 + 9 * (b["rows"] / most) ** 0.5
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#c0392b" fill-opacity="0.5">'
                     f'<title>{b["rows"]} rows: predicted {b["predicted"]:.3f}, observed {b["observed"]:.3f}</title></circle>')
    return "\n".join([*parts, "</svg>"]) + "\n"


def merged_bins(benches: list[dict]) -> list[dict[str, float]]:
    """The benches' bins merged by bin (width 0.1), means weighted by rows."""
    merged: dict[int, list[float]] = {}
    for bench in benches:
        for b in bench["reliability"]:
            slot = merged.setdefault(min(int(b["predicted"] * 10), 9), [0.0, 0.0, 0.0])
            slot[0] += b["predicted"] * b["rows"]
            slot[1] += b["observed"] * b["rows"]
            slot[2] += b["rows"]
    return [{"predicted": p / n, "observed": o / n, "rows": n} for _, (p, o, n) in sorted(merged.items())]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("bench_json", type=Path, nargs="+")
    args = parser.parse_args()
    bins = merged_bins([json.loads(path.read_text(encoding="utf-8")) for path in args.bench_json])
    title = "scam_text: calibrated probability on left-out sources"
    args.out.write_text(reliability_svg(bins, title), encoding="utf-8")
    print(f"wrote {args.out} ({len(bins)} bins, {sum(int(b['rows']) for b in bins)} rows)")
