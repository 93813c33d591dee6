"""``scamnet bench gangs``: recovered gangs against the simulator's gang ids.

The gangs are found exactly as ``scamnet run`` finds them — from what the registered detectors
flag on the world (or, when none flags anything, from the reports' items grown along strong
links) — and only then compared with ``labels``: adjusted Rand index and purity over the
labelled fraud entities that landed in a gang, and the share of them that did.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.metrics import adjusted_rand_score

from scamnet.core.enums import CONFOUNDER_ROLES, LabelRole
from scamnet.core.settings import Settings
from scamnet.detect.base import detectors
from scamnet.evaluate.results import Result, flatten
from scamnet.features.data import Data
from scamnet.graph.edges import EDGE_WEIGHTS
from scamnet.graph.entity_graph import EntityGraph, entity_graph
from scamnet.graph.gangs import GangParams, gang_communities
from scamnet.store.labels import gang_ids

#: Links that only events make: a SIM known only from the subscriber table is not active.
ACTIVITY_TYPES = frozenset(EDGE_WEIGHTS) - {"sim_number", "owns_phone", "owns_account", "account_phone"}
_NOT_GANG_ROLES = sorted({r.value for r in CONFOUNDER_ROLES} | {LabelRole.VICTIM.value, LabelRole.VICTIM_TRANSFER.value})


@dataclass(frozen=True)
class GangRecovery(Result):
    """Found gangs against planted ones, over the labelled fraud entities."""

    ari: float
    purity: float
    coverage: float
    fraud_entities: int
    fraud_clustered: int
    gangs_planted: int
    gangs_found: int
    gangs_with_fraud: int
    members_unlabelled: int
    members_placed_share: float
    unlabelled_member_share: float


@dataclass(frozen=True)
class GangBench(Result):
    """``bench gangs`` on one world."""

    world: str
    resolution: float
    seeds: str
    flagged: dict[str, int]
    recovery: GangRecovery = flatten(GangRecovery)
    coverage_by_kind: dict[str, str]
    graph_nodes: int
    graph_edges: int
    detect_s: float
    graph_s: float
    gangs_s: float

    def summary(self) -> dict[str, object]:
        """The single figures (no mappings, no timings): the gang table of ``bench all``."""
        return {k: v for k, v in self.to_json().items() if not isinstance(v, dict) and not k.endswith("_s")}


def detector_flags(data: Data, settings: Settings) -> dict[str, list[str]]:
    """Entities each registered detector flags on ``data`` (score at or above ``alert_threshold``)."""
    flags = {}
    for name, cls in detectors().items():
        scores = cls(seed=settings.seed).fit(data).score(data).to_pylist()
        flags[name] = [r["entity"] for r in scores if r["score"] >= settings.alert_threshold]
    return flags


def gang_labels(data: Data) -> dict[str, str]:
    """Gang id of every labelled fraud entity (victims and confounders excluded)."""
    return gang_ids(data, exclude=_NOT_GANG_ROLES)


def gang_recovery(found: dict[str, int], truth: dict[str, str], active: set[str] | None = None) -> GangRecovery:
    """ARI and purity over the labelled fraud entities that were clustered, and their coverage.

    >>> gang_recovery({"a": 0, "b": 0, "c": 1, "x": 1}, {"a": "G1", "b": "G1", "c": "G2", "d": "G2"}).ari
    1.0
    """
    both = sorted(e for e in found if e in truth)
    predicted, actual = [found[e] for e in both], [truth[e] for e in both]
    by_gang: dict[int, Counter] = {}
    for p, a in zip(predicted, actual, strict=True):
        by_gang.setdefault(p, Counter())[a] += 1
    majority = sum(c.most_common(1)[0][1] for c in by_gang.values())
    members = [e for e in found if not e.startswith("report:")]
    unlabelled = sum(1 for e in members if e not in truth)
    return GangRecovery(
        ari=float(adjusted_rand_score(actual, predicted)) if both else 0.0,
        purity=majority / len(both) if both else 0.0,
        coverage=len(both) / len(truth) if truth else 0.0,
        fraud_entities=len(truth), fraud_clustered=len(both),
        gangs_planted=len(set(truth.values())), gangs_found=len(set(found.values())),
        gangs_with_fraud=len(by_gang),
        members_unlabelled=unlabelled,
        members_placed_share=members_placed_share(found, truth, by_gang, active),
        unlabelled_member_share=unlabelled / len(members) if members else 0.0,
    )


def members_placed_share(found: dict[str, int], truth: dict[str, str], by_gang: dict[int, Counter] | None = None,
                         active: set[str] | None = None) -> float:
    """Labelled gang members (messages aside) that sit in a found gang whose majority is their own gang.

    Unlike ARI over the clustered entities, a member left out of every gang counts against it.
    With ``active``, only members that did something in the data count (a SIM that sat in a
    gateway slot on days the slot was idle made no call: nothing can place it).

    >>> members_placed_share({"a": 0, "b": 0, "c": 0}, {"a": "G1", "b": "G1", "c": "G2", "d": "G2"})
    0.5
    """
    if by_gang is None:
        by_gang = {}
        for e, community in found.items():
            if e in truth:
                by_gang.setdefault(community, Counter())[truth[e]] += 1
    majority = {community: c.most_common(1)[0][0] for community, c in by_gang.items()}
    members = [e for e in truth if not e.startswith("msg:") and (active is None or e in active)]
    placed = sum(1 for e in members if e in found and majority.get(found[e]) == truth[e])
    return placed / len(members) if members else 0.0


def active_entities(graph: EntityGraph) -> set[str]:
    """Entities with a link from an event (a call, message, transfer, login, report), not only from
    the reference tables (a subscriber record, an account holder)."""
    mask = graph.edge_mask(ACTIVITY_TYPES)
    nodes = np.unique(graph.ends[mask])
    return set(pc.take(graph.names, pa.array(nodes, pa.int64())).to_pylist())


def coverage_by_kind(found: dict[str, int], truth: dict[str, str]) -> dict[str, str]:
    """``kind → "clustered / labelled"`` so a reader sees which kinds gang discovery reaches."""
    labelled = Counter(e.partition(":")[0] for e in truth)
    clustered = Counter(e.partition(":")[0] for e in truth if e in found)
    return {k: f"{clustered[k]} / {n}" for k, n in sorted(labelled.items())}


def bench_gangs(world_dir: Path, settings: Settings | None = None, resolution: float | None = None) -> GangBench:
    """Find gangs on the world at ``world_dir`` and score them against its labels."""
    settings = (settings or Settings()).replace(leiden_resolution=resolution)
    data = Data.from_dir(world_dir)
    started = time.perf_counter()
    flags = detector_flags(data, settings)
    detect_s = time.perf_counter() - started
    flagged = sorted({e for entities in flags.values() for e in entities})
    started = time.perf_counter()
    graph = entity_graph(data, settings.default_region)
    graph_s = time.perf_counter() - started
    params = GangParams(resolution=settings.leiden_resolution, seed=settings.seed, expand_hops=0 if flagged else 2)
    started = time.perf_counter()
    members = gang_communities(graph, flagged, params)
    gangs_s = time.perf_counter() - started
    found = dict(zip(members["entity"].to_pylist(), members["community"].to_pylist(), strict=True))
    truth = gang_labels(data)
    return GangBench(
        world=str(world_dir), resolution=settings.leiden_resolution,
        seeds="detector alerts" if flagged else "report items grown along strong links",
        flagged={name: len(entities) for name, entities in flags.items()},
        recovery=gang_recovery(found, truth, active_entities(graph)), coverage_by_kind=coverage_by_kind(found, truth),
        graph_nodes=graph.node_count, graph_edges=graph.edge_count,
        detect_s=round(detect_s, 2), graph_s=round(graph_s, 2), gangs_s=round(gangs_s, 2),
    )
