"""Recruitment scam types and messages judged in context: recall and false alarms (``evaluate/recruitment.py``).

Texts: the recruitment scripts rendered with an unseen seed, and the genuine job adverts and card-renting
warnings, at the shipped threshold. World (with ``--world DIR``, a ``scamnet simulate`` folder): ``scam_text``
by the text alone and in context, and the recruitment offers named on mule alerts.

    nice .venv/bin/python bench/bench_recruitment.py --world worlds/demo [--text-model FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scamnet.core.clock import SystemClock
from scamnet.core.settings import Settings
from scamnet.evaluate.recruitment import recruitment_text_figures, world_figures

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--world", type=Path, help="a world folder written by scamnet simulate")
    parser.add_argument("--text-model", type=Path, help="a message model file (default: the shipped one)")
    parser.add_argument("--per-type", type=int, default=300)
    args = parser.parse_args()
    settings = Settings({"text_model": str(args.text_model)} if args.text_model else None)
    figures = {"texts": recruitment_text_figures(args.text_model, args.per_type)}
    if args.world:
        figures["world"] = world_figures(args.world, settings, SystemClock())
    print(json.dumps(figures, indent=2, ensure_ascii=False))
