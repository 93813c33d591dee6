"""Mule detection on IBM's AMLSim graphs (``../shared/datasets/amlsim-sample``), AMLworld protocol.

AMLSim writes ``nodes.csv`` (nodeid, isFraud, ...) and ``transactions.csv`` (sourceNodeId,
targetNodeId, value, time). Each time step becomes a day; every transfer is an online payment.
The period is split 60/20/20 by time; the detector fits on the first part, the F1-best threshold
is chosen on the second, and the minority-class (fraud account) F1 is measured on the third.
Node ids are only keys, never features.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from scamnet.core.errors import NotFoundError
from scamnet.detect.money import MuleDetector
from scamnet.detect.money.mule import PREFIX
from scamnet.evaluate.money import best_f1_threshold, detection_figures, period_parts
from scamnet.features.data import Data
from scamnet.features.money import mule_features

DEFAULT_AMLSIM = Path("../shared/datasets/amlsim-sample")


@dataclass(frozen=True)
class AmlsimGraph:
    name: str
    data: Data
    parts: list[Data]  # train, validation, test
    fraud: set[str]  # account: entities with isFraud = 1


def amlsim_graph(folder: Path) -> AmlsimGraph:
    """One AMLSim output folder as canonical transfers, split 60/20/20 by time."""
    nodes, edges = folder / "nodes.csv", folder / "transactions.csv"
    if not nodes.exists() or not edges.exists():
        raise NotFoundError(f"no AMLSim nodes.csv and transactions.csv in {folder}",
                            hint=f"pass a folder of {DEFAULT_AMLSIM} (20K_cycle200, 20K_fanin200)")
    con = duckdb.connect()
    transfers = con.sql(f"""
        SELECT 'x' || row_number() OVER () AS txn_id,
               TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_days(CAST(time AS INTEGER)) AS ts,
               'A' || sourceNodeId AS src_account, 'A' || targetNodeId AS dst_account,
               CAST(value AS DECIMAL(18, 2)) AS amount, 'CNY' AS currency, 'online' AS channel
        FROM read_csv('{edges.as_posix()}')""").to_arrow_table()
    fraud = {PREFIX + "A" + str(r[0]) for r in con.sql(
        f"SELECT nodeid FROM read_csv('{nodes.as_posix()}') WHERE isFraud = 1").fetchall()}
    data = Data.from_tables(transfers=transfers)
    return AmlsimGraph(folder.name, data, period_parts(data), fraud)


def bench_amlsim(folder: Path, *, seed: int = 0) -> dict[str, Any]:
    """scamnet's features with the unsupervised score and with LightGBM, on one AMLSim graph."""
    graph = amlsim_graph(folder)
    started = time.perf_counter()
    features = [mule_features(p) for p in graph.parts]
    seconds = time.perf_counter() - started
    rows = []
    for mode in ("unsupervised", "lightgbm"):
        labels = {PREFIX + a: PREFIX + a in graph.fraud for a in features[0]["account_id"].to_pylist()}
        detector = MuleDetector(seed=seed).fit_features(features[0], labels if mode == "lightgbm" else None)
        val, test = (_split(detector, f, graph.fraud) for f in features[1:])
        threshold = best_f1_threshold(*val)
        rows.append({"graph": graph.name, "method": f"scamnet features + {mode}", "threshold": threshold}
                    | detection_figures(*test, threshold) | {"feature_s": seconds})
    transfers = graph.data.count("transfers")
    return {"graph": graph.name, "transfers": transfers, "transfers_per_s": transfers / seconds, "rows": rows}


def _split(detector: MuleDetector, features, fraud: set[str]):
    result = detector.score_features(features)
    entities, scores = result["entity"].to_pylist(), result["score"].to_numpy()
    is_fraud = np.array([e in fraud for e in entities], dtype=bool)
    return scores[is_fraud], scores[~is_fraud]
