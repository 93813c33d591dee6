"""``scamnet bench serve``: in-process decisions per second of the decision service, replaying a world.

Every event of the world goes through the decider in time order (rules, watchlist, content
detectors, live state), timed per event kind on one core: in CPU seconds of this process (what a
core spends; on a quiet machine the wall time is the same, on a shared one it is not), with Python's collector
treated as ``scamnet serve`` treats it (what was loaded frozen out of its walks, then every ``serve_gc_every_s``
what survived: ``service/memory.py``). With ``http`` the figures of
``serve_http.http_load`` (``scamnet serve`` on loopback under an open-loop load) join them. Memory
is the process's resident growth over the replay (the live state, each account's last day of
transfers, caches) per entity the live state tracks: an upper bound, allocator slack included.
With ``state_url`` set it is the Redis server's growth (live state and pay history together).
"""

from __future__ import annotations

import gc
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from scamnet.core.settings import Settings
from scamnet.evaluate.results import Result, flatten
from scamnet.evaluate.serve_http import HttpLoad
from scamnet.features.data import Data
from scamnet.online.content import ContentJudge
from scamnet.online.decider import Decider
from scamnet.online.events import KINDS, event_from_row, rows_in_time_order
from scamnet.online.live import live_state
from scamnet.online.live_scores import LiveDetectors
from scamnet.online.redis_state import RedisState
from scamnet.online.state import MemoryState
from scamnet.rules.load import load_rules, starter_rules
from scamnet.service.decide import EVENT_TABLES
from scamnet.service.live_detectors import REFERENCE_TABLES, fitted_detectors
from scamnet.service.memory import SurvivorFreezer
from scamnet.service.policies import decision_policy
from scamnet.store.accounts import AccountProfile

#: Events a group holds in the grouped run: what the service takes at once when requests queue (``serve_max_events``
#: caps it; 300 is a quarter-second's worth at 1,200 requests a second).
GROUP = 300


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
    grouped_events_per_s: float
    entities: int
    mb_per_million_entities: float
    http: HttpLoad = flatten(HttpLoad)


def bench_serve(world: Path, settings: Settings, http: HttpLoad | None = None) -> ServeBench:
    """Decide on every event of ``world`` in time order, in this process; speed overall and per kind (and ``http``'s)."""
    tables = {name: pq.read_table(world / f"{name}.parquet") for name in EVENT_TABLES if (world / f"{name}.parquet").exists()}
    rules = load_rules(settings.rules_file) if settings.rules_file else starter_rules()
    decider = Decider(live_state(settings), rules, decision_policy(settings), content=ContentJudge(),
                      profiles=world_profiles(world), utc_offset_hours=settings.utc_offset_hours)
    ordered = list(rows_in_time_order(tables))  # read before the memory baseline: the rows are not the service's
    decider.detectors = _online_detectors(world, settings)
    _freeze_loaded()
    before = _memory(decider)
    spent, counts = _replay(decider, ordered, SurvivorFreezer(settings.serve_gc_every_s))
    entities, grown = _tracked(decider, ordered), _memory(decider) - before
    total, events = sum(spent.values()), sum(counts.values())
    mean = {k: round(1e6 * spent[k] / counts[k], 1) if counts[k] else 0.0 for k in spent}
    grouped = _grouped_rate(Decider(live_state(settings), rules, decision_policy(settings), content=ContentJudge(),
                                    profiles=decider.profiles, utc_offset_hours=settings.utc_offset_hours),
                             ordered, _online_detectors(world, settings), settings.serve_gc_every_s)
    gc.unfreeze()
    return ServeBench(str(world), events, round(total, 3), round(events / total if total else 0.0),
                      mean["transfer"], mean["message"], mean["call"], mean["session"], grouped, entities,
                      round(grown / entities * 1e6 / 2**20) if entities else math.nan, http or HttpLoad.skipped())


def _online_detectors(world: Path, settings: Settings) -> LiveDetectors | None:
    """The online detectors fitted on the world, as the service fits them on its store (setting ``online_detectors``)."""
    if not settings.online_detectors:
        return None
    tables = {n: pq.read_table(world / f"{n}.parquet") for n in REFERENCE_TABLES if (world / f"{n}.parquet").exists()}
    return fitted_detectors(Data.from_dir(world), tables, settings)


def _grouped_rate(decider: Decider, ordered: list[tuple[str, dict[str, Any]]],
                  detectors: LiveDetectors | None = None, gc_every_s: float = 0.0, group: int = GROUP) -> float:
    """Decisions per second when events come in groups, as the service takes them under load (messages judged together;
    between two groups the collector's survivors frozen every ``gc_every_s``, as the service does)."""
    decider.detectors = detectors
    _freeze_loaded()
    freezer = SurvivorFreezer(gc_every_s)
    started = time.process_time()
    for start in range(0, len(ordered), group):
        decider.decide_many(ordered[start:start + group])
        freezer.maybe_freeze()
    spent = time.process_time() - started
    return round(len(ordered) / spent) if spent else 0.0


def _replay(decider: Decider, ordered: list[tuple[str, dict[str, Any]]],
            freezer: SurvivorFreezer | None = None) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds spent deciding and events decided, per kind (and the freezer's turn after each, as the service's)."""
    spent = {"transfer": 0.0, "message": 0.0, "call": 0.0, "session": 0.0}
    counts = dict.fromkeys(spent, 0)
    freeze = freezer.maybe_freeze if freezer is not None else lambda: False
    for kind, row in ordered:
        started = time.process_time()
        decider.decide(kind, row)
        freeze()
        spent[kind] += time.process_time() - started
        counts[kind] += 1
    return spent, counts


def _freeze_loaded() -> None:
    """What was loaded (models, profiles, the world's rows) out of the collector's walks, as ``DecisionService.start``
    freezes what it loaded: without it the full collections walk it again and again."""
    gc.collect()
    gc.freeze()


def resident_bytes() -> float:
    """This process's resident memory now (Linux ``/proc``); NaN elsewhere."""
    statm = Path("/proc/self/statm")
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") if statm.exists() else math.nan


def _memory(decider: Decider) -> float:
    """Bytes the service's state takes: this process's resident memory, or the Redis server's (``INFO memory``:
    the live state and the pay history, which share the server) when the state is there."""
    return float(decider.state.memory_bytes()) if isinstance(decider.state, RedisState) else resident_bytes()


def _tracked(decider: Decider, ordered: list[tuple[str, dict[str, Any]]]) -> int:
    """Entities the live state tracks: counted in it, or, in Redis, from the events it was given."""
    if isinstance(decider.state, MemoryState):
        return len(decider.state)
    return len({t.entity for kind, row in ordered for t in event_from_row(KINDS[kind], row).touches})


def world_profiles(world: Path) -> dict[str, AccountProfile]:
    """The accounts' reference facts of a world's files, as the service reads them from a store."""
    born = {r["person_id"]: r["birth_year"] for r in pq.read_table(world / "persons.parquet").to_pylist()}
    return {r["account_id"]: AccountProfile(r["opened_at"], r["holder_type"],
                                            born.get(r["holder_id"]) if r["holder_type"] == "person" else None,
                                            r["msisdn"], r["holder_id"])
            for r in pq.read_table(world / "accounts.parquet").to_pylist()}
