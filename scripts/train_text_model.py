"""Rebuild the message model shipped in the package, from licence-clean data only.

    .venv/bin/python scripts/train_text_model.py --datasets ../shared/datasets
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scamnet.detect.content.text.scam_text import shipped_model_path
from scamnet.evaluate.training import train_shipped_text_model

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, required=True, help="the data-set folder, e.g. ../shared/datasets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out-of-fold-repeats", type=int, default=1,
                        help="inner cross-validations whose out-of-fold scores set the calibration and thresholds (docs/content.md)")
    args = parser.parse_args()
    print(json.dumps(train_shipped_text_model(shipped_model_path(), args.datasets, args.seed, args.out_of_fold_repeats),
                     indent=2, ensure_ascii=False))
