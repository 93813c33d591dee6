"""Replay parity of the online detectors on a world: live scores at the end against the batch scores.

Fits ``fraud_number``, ``goip`` and ``mule`` on the world as ``scamnet run`` does, applies every
event of the world to the online detectors' state in time order, then scores every entity the batch
scores from its live figures. Prints per detector the entities, the mean and largest absolute score
difference, the alert sets (score at or above 0.5) and their Jaccard index, the live features that
differ from the batch features (how many entities), the time per event and per score, and how many decisions' detector actions differ between the kept
scores a decision uses (``live_scores.REFRESH``) and scores computed afresh for every event (``--fresh``: slow on
worlds with busy gateways, whose every call is then scored over all its callees).

    nice .venv/bin/python bench/bench_online_parity.py WORLD [--fresh] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.online.events import rows_in_time_order
from scamnet.online.live_scores import LiveDetectors
from scamnet.service.decide import EVENT_TABLES
from scamnet.service.live_detectors import REFERENCE_TABLES, fitted_detectors


def parity(world: Path, fresh_too: bool = False) -> dict[str, Any]:
    data = Data.from_dir(world)
    tables = {n: pq.read_table(world / f"{n}.parquet") for n in (*EVENT_TABLES, *REFERENCE_TABLES)
              if (world / f"{n}.parquet").exists()}
    live = fitted_detectors(data, tables, Settings())
    assert live.fraud_number is not None and live.goip is not None and live.mule is not None
    features = {"fraud_number": live.fraud_number.features(data), "goip": live.goip.features(data),
                "mule": mule_features(data)}
    batch = {"fraud_number": live.fraud_number.score(data), "goip": live.goip.score(data),
             "mule": live.mule.score_features(features["mule"])}
    ordered = list(rows_in_time_order({n: tables[n] for n in EVENT_TABLES if n in tables}))
    fresh = LiveDetectors(live.telecom.refs, fraud_number=live.fraud_number, goip=live.goip, mule=live.mule,
                          thresholds=live.thresholds)
    fresh.always_fresh = True
    kept_s, differ, acted = 0.0, 0, 0
    for kind, row in ordered:
        started = time.perf_counter()
        kept = {(r.name, r.action) for r, _ in live.reasons(kind, row)}
        live.update(kind, row)
        kept_s += time.perf_counter() - started
        if not fresh_too:
            continue
        found = {(r.name, r.action) for r, _ in fresh.reasons(kind, row)}
        fresh.update(kind, row)
        differ += kept != found
        acted += bool(found)
    report: dict[str, Any] = {"world": str(world), "events": len(ordered),
                              "reasons_and_update_us_per_event": round(1e6 * kept_s / len(ordered), 1),
                              **({"events_with_a_fresh_detector_reason": acted, "events_whose_kept_reasons_differ": differ}
                                 if fresh_too else {})}
    for name in ("fraud_number", "goip", "mule"):
        report[name] = _compare(live, name, batch[name], features[name])
    return report


def _compare(live: LiveDetectors, name: str, batch: pa.Table, features: pa.Table) -> dict[str, Any]:
    scores = dict(zip(batch["entity"].to_pylist(), batch["score"].to_pylist(), strict=True))
    started = time.perf_counter()
    found = live.scores(list(scores))
    spent = time.perf_counter() - started
    diff = np.array([abs(found.get(e, 0.0) - s) for e, s in scores.items()])
    alerts, flagged = {e for e, s in scores.items() if s >= 0.5}, {e for e, s in found.items() if s >= 0.5}
    return {"entities": len(scores), "missing": len(set(scores) - set(found)),
            "mean_abs_diff": float(diff.mean()) if len(diff) else 0.0, "max_abs_diff": float(diff.max()) if len(diff) else 0.0,
            "alerts_batch": len(alerts), "alerts_live": len(flagged),
            "jaccard": len(alerts & flagged) / len(alerts | flagged) if alerts | flagged else 1.0,
            "features_differ": _differing(live, name, features), "score_us": round(1e6 * spent / max(len(scores), 1))}


def _differing(live: LiveDetectors, name: str, features: pa.Table) -> dict[str, int]:
    differ: dict[str, int] = {}
    for row in features.to_pylist():
        key = row.get("account_id") or row["entity"].partition(":")[2]
        mine = (live.telecom.number_features(key) if name == "fraud_number" else live.telecom.device_features(key)
                if name == "goip" else live.money.account_features(key)) or {}
        for column, value in row.items():
            if column not in ("entity", "account_id", "sims") and not _same(value, mine.get(column)):
                differ[column] = differ.get(column, 0) + 1
    return differ


def _same(batch: Any, live: Any) -> bool:
    a, b = (np.nan if v is None else float(v) for v in (batch, live))
    return bool(np.isnan(a) and np.isnan(b)) or abs(a - b) <= 1e-6 * max(1.0, abs(a))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("--fresh", action="store_true", help="also decide with scores computed afresh for every event")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = parity(args.world, args.fresh)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
