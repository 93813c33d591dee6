"""``scamnet bench serve``: in-process decisions per second of the decision service, replaying a world.

Every event of the world goes through the decider in time order (rules, watchlist, content
detectors, live state), timed per event kind on one core. HTTP latency under load is not measured
here yet (docs/serve.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from scamnet.core.settings import Settings
from scamnet.evaluate.results import Result
from scamnet.online.content import ContentJudge
from scamnet.online.decider import Decider, rows_in_time_order
from scamnet.online.live import live_state
from scamnet.rules.load import load_rules, starter_rules
from scamnet.service.decide import EVENT_TABLES, decision_policy
from scamnet.store.accounts import AccountProfile


@dataclass(frozen=True)
class ServeBench(Result):
    world: str
    events: int
    seconds: float
    events_per_s: float
    transfer_us: float
    message_us: float
    call_us: float
    session_us: float


def bench_serve(world: Path, settings: Settings) -> ServeBench:
    """Decide on every event of ``world`` in time order, in this process; speed overall and per kind."""
    tables = {name: pq.read_table(world / f"{name}.parquet") for name in EVENT_TABLES if (world / f"{name}.parquet").exists()}
    rules = load_rules(settings.rules_file) if settings.rules_file else starter_rules()
    decider = Decider(live_state(settings), rules, decision_policy(settings), content=ContentJudge(),
                      profiles=_profiles(world), utc_offset_hours=settings.utc_offset_hours)
    spent = {"transfer": 0.0, "message": 0.0, "call": 0.0, "session": 0.0}
    counts = dict.fromkeys(spent, 0)
    for kind, row in rows_in_time_order(tables):
        started = time.perf_counter()
        decider.decide(kind, row)
        spent[kind] += time.perf_counter() - started
        counts[kind] += 1
    total, events = sum(spent.values()), sum(counts.values())
    mean = {k: round(1e6 * spent[k] / counts[k], 1) if counts[k] else 0.0 for k in spent}
    return ServeBench(str(world), events, round(total, 3), round(events / total if total else 0.0),
                      mean["transfer"], mean["message"], mean["call"], mean["session"])


def _profiles(world: Path) -> dict[str, AccountProfile]:
    born = {r["person_id"]: r["birth_year"] for r in pq.read_table(world / "persons.parquet").to_pylist()}
    return {r["account_id"]: AccountProfile(r["opened_at"], r["holder_type"], born.get(r["holder_id"]))
            for r in pq.read_table(world / "accounts.parquet").to_pylist()}
