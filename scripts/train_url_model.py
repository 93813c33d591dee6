"""Rebuild the link model shipped in the package: Hannousse (CC BY 4.0), validin domains (MIT), MISP lists (CC0), maltrail (MIT).

    .venv/bin/python scripts/train_url_model.py --datasets ../shared/datasets
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scamnet.detect.content.url.url_risk import shipped_model_path
from scamnet.evaluate.training import train_shipped_url_model

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, required=True, help="the data-set folder, e.g. ../shared/datasets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=10_000, help="validin phishing and MISP benign domains, each")
    args = parser.parse_args()
    print(json.dumps(train_shipped_url_model(shipped_model_path(), args.datasets, args.seed, args.limit), indent=2, ensure_ascii=False))
