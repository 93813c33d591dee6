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

import numpy as np

from scamnet.core.errors import NotFoundError
from scamnet.detect.money import MuleDetector
from scamnet.detect.money.mule import PREFIX
from scamnet.evaluate.metrics import best_f1_threshold
from scamnet.evaluate.money import MuleFigures, mule_figures, period_parts
from scamnet.evaluate.results import Result, flatten
from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.store.labels import amlsim_fraud_accounts, amlsim_transfers

DEFAULT_AMLSIM = Path("../shared/datasets/amlsim-sample")


@dataclass(frozen=True)
class AmlsimGraph:
    name: str
    data: Data
    parts: list[Data]  # train, validation, test
    fraud: set[str]  # account: entities with isFraud = 1


@dataclass(frozen=True)
class AmlsimRow(Result):
    """One method on the last 20 % of an AMLSim graph's time steps."""

    graph: str
    method: str
    threshold: float
    figures: MuleFigures = flatten(MuleFigures)
    feature_s: float


@dataclass(frozen=True)
class AmlsimBench(Result):
    """``bench money --amlsim`` on one graph."""

    graph: str
    transfers: int
    transfers_per_s: float
    rows: list[AmlsimRow]


def amlsim_graph(folder: Path) -> AmlsimGraph:
    """One AMLSim output folder as canonical transfers, split 60/20/20 by time."""
    nodes, edges = folder / "nodes.csv", folder / "transactions.csv"
    if not nodes.exists() or not edges.exists():
        raise NotFoundError(f"no AMLSim nodes.csv and transactions.csv in {folder}",
                            hint=f"pass a folder of {DEFAULT_AMLSIM} (20K_cycle200, 20K_fanin200)")
    fraud = {PREFIX + account for account in amlsim_fraud_accounts(folder)}
    data = Data.from_tables(transfers=amlsim_transfers(folder))
    return AmlsimGraph(folder.name, data, period_parts(data), fraud)


def bench_amlsim(folder: Path, *, seed: int = 0) -> AmlsimBench:
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
        rows.append(AmlsimRow(graph.name, f"scamnet features + {mode}", threshold, mule_figures(*test, threshold), seconds))
    transfers = graph.data.count("transfers")
    return AmlsimBench(graph.name, transfers, transfers / seconds, rows)


def _split(detector: MuleDetector, features, fraud: set[str]):
    result = detector.score_features(features)
    entities, scores = result["entity"].to_pylist(), result["score"].to_numpy()
    is_fraud = np.array([e in fraud for e in entities], dtype=bool)
    return scores[is_fraud], scores[~is_fraud]
