"""Replay parity: a world's events sent through the live decider in time order leave, for every number,
device and account, the score the batch detectors give on the same events (docs/serve.md states the
tolerance and why some figures differ)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.detect.money.mule import MuleDetector
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.evaluate.serve import world_profiles
from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.online.content import ContentJudge
from scamnet.online.decider import Decider, Verdict, replay
from scamnet.online.detector_refs import References
from scamnet.online.events import rows_in_time_order
from scamnet.online.live_scores import SHOWN, LiveDetectors, Thresholds
from scamnet.online.state import MemoryState
from scamnet.online.watchlist import Watchlist
from scamnet.online.windows import parse_windows
from scamnet.rules.load import starter_rules
from scamnet.service.decide import decision_policy
from scamnet.service.simulate import simulate_world
from scamnet.store.watchlist import Listing

EVENTS = ("calls", "messages", "transfers", "sessions")
REFERENCE = ("subscribers", "persons", "accounts", "reports", "report_items")
#: Live and batch features differ only in float rounding (sums in another order). Scores of numbers and devices
#: then agree to 1e-6. A mule's busiest day's passed amount is ranked among the reference population's, which
#: holds the batch's own figure: the live figure, a rounding below it, ranks one place lower. One place is
#: 1/N of the N reference amounts; it enters two evidence items (weights 0.7 and 0.6) and the cubed noisy-OR
#: moves at most 3 times as much as an item's weighted strength: at most 3 x 1.3 / N.
TOLERANCE = {"fraud_number": 1e-6, "goip": 1e-6}


class Replayed:
    def __init__(self, world: Path) -> None:
        data = Data.from_dir(world)
        self.detectors = {"fraud_number": FraudNumberDetector().fit(data), "goip": GoipDetector().fit(data)}
        self.mule_features = mule_features(data)
        self.detectors["mule"] = MuleDetector().fit_features(self.mule_features)
        self.features = {"fraud_number": self.detectors["fraud_number"].features(data),
                         "goip": self.detectors["goip"].features(data)}
        self.batch = {name: _scores(d.score_features(self.mule_features) if name == "mule" else d.score(data))
                      for name, d in self.detectors.items()}
        tables = {name: pq.read_table(world / f"{name}.parquet") for name in (*EVENTS, *REFERENCE)}
        self.world, self.tables = world, tables
        self.labels = pq.read_table(world / "labels.parquet").to_pylist()
        self.live = LiveDetectors(References.of_tables(tables), thresholds=Thresholds(0.5, 0.8), **self.detectors)
        decider = Decider(MemoryState(parse_windows("1h,24h,7d")), starter_rules(), decision_policy(Settings()))
        decider.detectors = self.live
        self.verdicts = replay(decider, {name: tables[name] for name in EVENTS})


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Replayed:
    out = tmp_path_factory.mktemp("world")
    simulate_world(out, "demo", seed=5, people=300, days=3)
    return Replayed(out)


def _scores(table: pa.Table) -> dict[str, float]:
    return dict(zip(table["entity"].to_pylist(), table["score"].to_pylist(), strict=True))


@pytest.mark.parametrize("detector", ["fraud_number", "goip", "mule"])
def test_every_entity_ends_with_the_batch_score_within_the_tolerance(replayed: Replayed, detector: str) -> None:
    batch = replayed.batch[detector]
    live = replayed.live.scores(list(batch))
    assert len(batch) > 100 and set(live) == set(batch), "the live detectors score the entities the batch scores"
    mule = replayed.detectors["mule"]
    tolerance = TOLERANCE.get(detector) or 3 * 1.3 / len(mule.reference_)  # type: ignore[attr-defined]
    off = {e: (live[e], s) for e, s in batch.items() if abs(live[e] - s) > tolerance}
    assert off == {}
    rounded = [e for e, s in batch.items() if abs(live[e] - s) > 1e-6]
    assert len(rounded) <= 0.05 * len(batch), "all but the few accounts whose figure ties a reference amount agree to 1e-6"
    alerts = {e for e, s in batch.items() if s >= 0.5}
    assert alerts, "the batch raises alerts on this world: agreeing on them means something"
    assert {e for e, s in live.items() if s >= 0.5} == alerts


@pytest.mark.parametrize("detector", ["fraud_number", "goip"])
def test_the_live_telecom_figures_equal_the_batch_features(replayed: Replayed, detector: str) -> None:
    differ: dict[str, int] = {}
    for row in replayed.features[detector].to_pylist():
        kind, _, key = row["entity"].partition(":")
        state = replayed.live.telecom
        live = state.number_features(key) if kind == "phone" else state.device_features(key)
        assert live is not None, row["entity"]
        for name, value in row.items():
            if name not in ("entity", "sims") and not _same(value, live[name]):
                differ[name] = differ.get(name, 0) + 1
    assert differ == {}


def test_the_live_account_figures_equal_the_batch_mule_features(replayed: Replayed) -> None:
    differ: dict[str, int] = {}
    for row in replayed.mule_features.to_pylist():
        live = replayed.live.money.account_features(row["account_id"])
        assert live is not None, row["account_id"]
        differ.update({name: differ.get(name, 0) + 1 for name, value in row.items()
                       if name != "account_id" and not _same(value, live[name])})
    assert differ == {}


def test_a_payment_to_a_planted_mule_the_live_score_flags_is_held_with_the_detector_s_reasons(replayed: Replayed) -> None:
    mules = {r["entity"] for r in replayed.labels if r["label"].startswith("mule_")}
    flagged = [v for v in replayed.verdicts if v.kind == "transfer" and _detector_reason(v, "mule")]
    assert flagged, "payments into accounts the live mule score flags"
    held = [v for v in flagged if _detector_reason(v, "mule").action == Action.HOLD]  # type: ignore[union-attr]
    assert held and all(v.action in (Action.HOLD, Action.BLOCK) for v in held)
    payees = {_detector_reason(v, "mule").evidence["on"] for v in held}  # type: ignore[union-attr]
    assert len(payees & mules) >= len(payees) / 2, "most accounts held for their live mule score are planted mules"
    reason = _detector_reason(held[-1], "mule")
    assert reason is not None and reason.evidence["score"] >= 0.8 and reason.evidence["cues"]
    assert {"in_count", "in_amount", "pass_through_1h"} <= set(reason.evidence)


def test_calls_from_a_number_the_live_score_flags_are_blocked_or_warned_with_window_figures(replayed: Replayed) -> None:
    fraud = {r["entity"] for r in replayed.labels if r["label"] in ("fraud_number", "goip_sim")}
    calls = [v for v in replayed.verdicts if v.kind == "call" and _detector_reason(v, "fraud_number")]
    callers = {_detector_reason(v, "fraud_number").evidence["on"] for v in calls}  # type: ignore[union-attr]
    assert callers and len(callers & fraud) >= 0.8 * len(callers), "the flagged callers are mostly planted fraud numbers"
    blocked = [v for v in calls if v.action == Action.BLOCK]
    assert blocked and "callback_share" in _detector_reason(blocked[0], "fraud_number").evidence  # type: ignore[union-attr]


def test_events_decided_in_groups_get_the_verdicts_they_get_one_by_one(replayed: Replayed) -> None:
    """A group's entities are scored together (one call per detector) on the figures each event saw, so the
    verdicts, reasons and victim tasks are those of the same events decided one at a time."""
    flagged = [Listing(e, "fraud_number", s, ("batch",)) for e, s in replayed.batch["fraud_number"].items() if s >= 0.5]
    events = list(rows_in_time_order({name: replayed.tables[name] for name in EVENTS}))
    decided = []
    for group in (1, 300):
        decider = Decider(MemoryState(parse_windows("1h,24h,7d")), starter_rules(), decision_policy(Settings()),
                          content=ContentJudge(), profiles=world_profiles(replayed.world), watchlist=Watchlist(flagged))
        decider.detectors = LiveDetectors(References.of_tables(replayed.tables), thresholds=Thresholds(0.5, 0.8),
                                          **replayed.detectors)  # type: ignore[arg-type]
        verdicts = [v for at in range(0, len(events), group) for v in decider.decide_many(events[at:at + group])]
        decided.append(([_without_task_ids(v.as_dict()) for v in verdicts],
                        [{k: v for k, v in t.row().items() if k != "task_id"} for t in decider.victims.take_tasks()]))
    (one, one_tasks), (grouped, grouped_tasks) = decided
    assert sum(1 for v in one if any(r["source"] == "detector" and r["name"] in SHOWN for r in v["reasons"])) > 1000
    assert one_tasks, "victims are tasked on this world: the watch's part of the decisions is compared too"
    assert grouped == one and grouped_tasks == one_tasks


def _without_task_ids(verdict: dict) -> dict:  # type: ignore[type-arg]
    """A task's id is random: the verdict as it is but for the id of the task a reason opened."""
    reasons = [r | {"evidence": {k: v for k, v in r["evidence"].items() if k != "task"}} for r in verdict["reasons"]]
    return verdict | {"reasons": reasons}


def _detector_reason(verdict: Verdict, name: str):  # type: ignore[no-untyped-def]
    return next((r for r in verdict.reasons if r.source == "detector" and r.name == name), None)


def _same(batch: object, live: object) -> bool:
    if isinstance(batch, list):
        return True
    a = np.nan if batch is None else float(batch)  # type: ignore[arg-type]
    b = np.nan if live is None else float(live)  # type: ignore[arg-type]
    return bool(np.isnan(a) and np.isnan(b)) or abs(a - b) <= 1e-6 * max(1.0, abs(a))
