"""Case linking: reports that name the same entities, or entities a few strong links apart.

Two reports land in one case when they name the same number, account, link or wallet, or when
what they name is tied by a short path of strong links (the two numbers are SIMs of one gateway,
the two accounts are run from one device or held by one person). Hubs — nodes with more strong links than ``hub_degree`` — are
never walked through, so a shared bank branch device or a mall's IP address links nothing.
The evidence of a case is every entity reached from two or more of its reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import pyarrow.compute as pc

from scamnet.graph.edges import STRONG_TYPES
from scamnet.graph.entity_graph import EntityGraph, strong_degrees

#: Links walked between named entities. Not transfers: mules also pay landlords and shops, and on
#: the demo world one such shop, two transfers from mules of three gangs, merged all 53 reports.
#: Not SIM ownership: gangs register SIMs with stolen identities.
WALK_TYPES = STRONG_TYPES - {"report_mentions", "transfer", "owns_phone", "chain_transfer"}


@dataclass(frozen=True)
class Evidence:
    """An entity shared by reports of a case: ``named`` when the victims wrote it themselves."""

    entity: str
    reports: tuple[str, ...]
    named: bool


@dataclass(frozen=True)
class Case:
    reports: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def linked_cases(graph: EntityGraph, hops: int = 2, hub_degree: int = 200) -> list[Case]:
    """Groups of two or more linked reports, largest first, with their shared entities."""
    reports = np.flatnonzero(pc.starts_with(graph.names, "report:").to_numpy(zero_copy_only=False))
    if not len(reports):
        return []
    named = [items.tolist() for items in graph.neighbours(reports, frozenset({"report_mentions"}))]
    walk = _strong_walk_graph(graph, hub_degree)
    reached = [_reach(walk, items, hops) for items in named]
    return _group(graph, reports, named, reached)


def _strong_walk_graph(graph: EntityGraph, hub_degree: int) -> ig.Graph:
    strong = graph.edge_mask(WALK_TYPES)
    degree = strong_degrees(graph)
    ends = graph.ends[strong]
    ends = ends[(degree[ends[:, 0]] <= hub_degree) & (degree[ends[:, 1]] <= hub_degree)]
    return ig.Graph(n=graph.node_count, edges=ends if len(ends) else [], directed=False)


def _reach(walk: ig.Graph, items: list[int], hops: int) -> dict[int, bool]:
    """Node → whether it was named (True) or reached over strong links (False)."""
    found = {item: True for item in items}
    if hops > 0 and items:
        for near in walk.neighborhood(items, order=hops, mindist=1):
            for node in near:
                found.setdefault(node, False)
    return found


def _group(graph: EntityGraph, reports: np.ndarray, named: list[list[int]], reached: list[dict[int, bool]]) -> list[Case]:
    by_entity: dict[int, list[int]] = {}
    for r, nodes in enumerate(reached):
        for node in nodes:
            by_entity.setdefault(node, []).append(r)
    shared = {node: rs for node, rs in by_entity.items() if len(rs) >= 2}
    links = ig.Graph(n=len(reports), edges=[(rs[0], other) for rs in shared.values() for other in rs[1:]])
    cases = []
    for component in links.connected_components():
        if len(component) < 2:
            continue
        members = set(component)
        evidence = [_evidence(graph, reports, node, rs, reached) for node, rs in shared.items() if rs[0] in members]
        ids = tuple(sorted(graph.name(int(reports[r])) for r in component))
        cases.append(Case(ids, tuple(sorted(evidence, key=lambda e: (not e.named, -len(e.reports), e.entity)))))
    return sorted(cases, key=lambda c: (-len(c.reports), c.reports))


def _evidence(graph: EntityGraph, reports: np.ndarray, node: int, rs: list[int], reached: list[dict[int, bool]]) -> Evidence:
    names = tuple(sorted(graph.name(int(reports[r])) for r in rs))
    return Evidence(graph.name(node), names, named=sum(reached[r][node] for r in rs) >= 2)
