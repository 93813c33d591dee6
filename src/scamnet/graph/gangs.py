"""Gang communities: Leiden over the graph of flagged entities, reports and what ties them.

The nodes are the entities someone flagged (detector alerts, a partner's watchlist), every
report with the entities its victim named, and the infrastructure between them that no one
flagged but that ties two of them together (the SIM between a gateway and a fraud number, the
person who holds two mule accounts). Contact with strangers (calls, SMS) weighs little and
hubs (a mall's Wi-Fi address) never bridge, so victims and confounders do not glue gangs.

Communities come from igraph's built-in Leiden on the modularity with a ``resolution``
(setting ``leiden_resolution``); members are ranked by weighted PageRank inside their gang.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.graph.edges import STRONG_TYPES
from scamnet.graph.entity_graph import EntityGraph, strong_degrees
from scamnet.graph.followers import spoofed_number_links, with_followers
from scamnet.graph.services import (
    Service,
    borrowed_accounts,
    box_links,
    follow_links,
    rented_box_links,
    shared_services,
)

#: Links that may tie in an unflagged node. Not transfers: an ordinary account that paid two
#: flagged ones is a customer far more often than a hidden mule (on the baseline world, bridging
#: over transfers added ~230 unlabelled accounts to the gangs and not one fraud entity). Not SIM
#: ownership: gangs register SIMs with stolen identities, and on the demo world eight people
#: "owned" numbers of two gangs each, gluing all three into one.
BRIDGE_TYPES = STRONG_TYPES - {"transfer", "owns_phone"}

#: What a member brings with it, in this order: a flagged gateway its SIMs, those SIMs their
#: numbers, a link its domain, a number the messages it sent. ``(member kind, link, joining kind)``.
ATTACH_RULES = (
    ("imei", "device_sim", "imsi"),
    ("imsi", "sim_number", "phone"),
    ("url", "url_domain", "domain"),
    ("phone", "message_sender", "msg"),
)

MEMBERS_SCHEMA = pa.schema([("entity", pa.string()), ("community", pa.int64()), ("centrality", pa.float64()),
                            ("serves", pa.int64())])

#: A member's role follows from its kind: the dossier groups members by it.
KIND_ROLES = {
    "imei": "gateway", "imsi": "sim", "phone": "number", "account": "mule", "url": "link", "domain": "domain",
    "wallet": "wallet", "msg": "message", "report": "report", "person": "person", "device": "device", "ip": "ip",
}


def role_of(entity: str) -> str:
    """>>> role_of("imei:8600001"), role_of("report:R1")
    ('gateway', 'report')
    """
    kind = entity.partition(":")[0]
    return KIND_ROLES.get(kind, kind)


@dataclass(frozen=True)
class GangParams:
    """How gangs are found: Leiden ``resolution``, the degree above which a node is a hub that
    never bridges, how many strong hops to expand from seeds, the smallest gang kept, and whether
    Leiden runs again inside each community found until none splits (``refine``)."""

    resolution: float = 0.005
    objective: str = "modularity"
    seed: int = 0
    hub_degree: int = 200
    expand_hops: int = 0
    min_members: int = 3
    refine: bool = True


def gang_communities(graph: EntityGraph, flagged: Iterable[str], params: GangParams) -> pa.Table:
    """``(entity, community, centrality, serves)`` of every member of every gang found.

    ``community`` numbers are arbitrary but stable for a given input and ``seed``. ``serves`` is 0
    for a gang, and for a shared service (``services.py``: a laundering platform) the number of
    other communities whose money flows into it.
    """
    flagged_nodes = np.array(sorted(set(graph.nodes_of(sorted(set(flagged))))), dtype=np.int64)
    seeds = _with_reports(graph, flagged_nodes)
    usable = ~spoofed_number_links(graph)  # a spoofed caller id ties no one to anything
    nodes = _attach(graph, _expand(graph, seeds, params, usable), params, usable)
    sub, names = _subgraph(graph, nodes, usable)
    borrowed = borrowed_accounts(sub, names)  # rented to several gangs: no link of theirs glues them
    lent = _links_of(sub, borrowed)
    services = shared_services(_cut(sub, lent), names)
    hosting = [e.index for e in sub.es if e["type"] == "url_domain"]
    cut = set(_links_of(sub, [n for s in services for n in s.nodes])) | set(hosting) | set(lent)
    apart = _leiden(_cut(sub, sorted(cut | set(box_links(sub, names)))), params)  # SIMs' communities without their boxes
    cut |= set(rented_box_links(sub, names, apart))
    membership = _domains_follow_links(sub, _leiden(_cut(sub, sorted(cut)), params), hosting)
    membership = follow_links(sub, membership, borrowed, {n for s in services for n in s.nodes})
    membership, serves = _with_services(membership, services)
    members = _kept_members(sub, names, membership, serves, set(flagged_nodes.tolist()), nodes, params)
    return with_followers(graph, members, params.hub_degree, usable)


def _with_reports(graph: EntityGraph, flagged: np.ndarray) -> np.ndarray:
    reports = np.flatnonzero(_of_kind(graph, "report"))
    named = graph.neighbours(reports, frozenset({"report_mentions"}))
    return np.union1d(np.union1d(flagged, reports), np.concatenate([np.array([], np.int64), *named]))


def _expand(graph: EntityGraph, seeds: np.ndarray, params: GangParams, usable: np.ndarray) -> np.ndarray:
    """Seeds plus non-hub nodes strongly tied to two seeds (bridges), or to one when expanding."""
    ends, strong = graph.ends, graph.edge_mask(BRIDGE_TYPES) & usable
    small = strong_degrees(graph) <= params.hub_degree
    nodes = seeds
    for hop in range(max(params.expand_hops, 0) + 1):
        bridging_only = hop == params.expand_hops
        nodes = np.union1d(nodes, _neighbours_of(nodes, ends[strong], small, 2 if bridging_only else 1))
    return nodes


def _attach(graph: EntityGraph, nodes: np.ndarray, params: GangParams, usable: np.ndarray) -> np.ndarray:
    small = strong_degrees(graph) <= params.hub_degree
    for member, link, joining in ATTACH_RULES:
        ends = graph.ends[graph.edge_mask(frozenset({link})) & usable]
        pairs = np.concatenate([ends, ends[:, ::-1]])  # (member, joining) either way round
        keep = _of_kind(graph, member)[pairs[:, 0]] & _of_kind(graph, joining)[pairs[:, 1]]
        pairs = pairs[keep & np.isin(pairs[:, 0], nodes) & small[pairs[:, 1]]]
        nodes = np.union1d(nodes, pairs[:, 1])
    return nodes


def _of_kind(graph: EntityGraph, kind: str) -> np.ndarray:
    return pc.starts_with(graph.names, kind + ":").to_numpy(zero_copy_only=False)


def _neighbours_of(nodes: np.ndarray, ends: np.ndarray, small: np.ndarray, ties: int) -> np.ndarray:
    inside = np.zeros(len(small), dtype=bool)
    inside[nodes] = True
    a_in, b_in = inside[ends[:, 0]], inside[ends[:, 1]]
    pairs = np.concatenate([ends[a_in & ~b_in][:, ::-1], ends[b_in & ~a_in]])  # (outside, inside)
    pairs = pairs[small[pairs[:, 0]]] if len(pairs) else pairs
    if not len(pairs):
        return np.array([], dtype=np.int64)
    pairs = np.unique(pairs, axis=0)
    outside, seen = np.unique(pairs[:, 0], return_counts=True)
    return outside[seen >= ties]


def _subgraph(graph: EntityGraph, nodes: np.ndarray, usable: np.ndarray) -> tuple[ig.Graph, list[str]]:
    ends = graph.ends
    inside = np.zeros(graph.node_count, dtype=bool)
    inside[nodes] = True
    keep = np.flatnonzero(inside[ends[:, 0]] & inside[ends[:, 1]] & usable)
    sub = ig.Graph(n=len(nodes), edges=np.searchsorted(nodes, ends[keep]) if len(keep) else [], directed=False)
    sub.es["weight"] = graph.weights[keep].tolist()
    sub.es["src"] = np.searchsorted(nodes, ends[keep, 0]).tolist() if len(keep) else []
    sub.es["type"] = pc.take(graph.edges["type"], pa.array(keep, pa.int64())).to_pylist()
    return sub, pc.take(graph.names, pa.array(nodes)).to_pylist()


def _domains_follow_links(sub: ig.Graph, membership: list[int], hosting: list[int]) -> list[int]:
    """Each domain joins the community most of its links are in. Leiden runs without the
    link-to-domain ties: one host serving several gangs' sites must not glue them."""
    votes: dict[int, dict[int, int]] = {}
    for edge in sub.es[hosting]:
        a, b = edge.tuple
        url = edge["src"]  # url_domain links run URL -> domain
        domain = b if a == url else a
        votes.setdefault(domain, {}).setdefault(membership[url], 0)
        votes[domain][membership[url]] += 1
    out = list(membership)
    for domain, counts in votes.items():
        out[domain] = max(counts, key=lambda c: (counts[c], -c))
    return out


def _links_of(sub: ig.Graph, nodes: Iterable[int]) -> list[int]:
    """Every link of ``nodes`` (shared services, borrowed accounts), so they glue none of the gangs they serve."""
    return sorted({e for node in nodes for e in sub.incident(node)})


def _cut(sub: ig.Graph, edges: list[int]) -> ig.Graph:
    """``sub`` without ``edges`` (the same nodes)."""
    if not edges:
        return sub
    cut = sub.copy()
    cut.delete_edges(edges)
    return cut


def _with_services(membership: list[int], services: list[Service]) -> tuple[list[int], dict[int, int]]:
    """Each shared service as a community of its own; ``serves`` holds how many groups feed it."""
    out, serves = list(membership), {}
    next_id = max(membership, default=-1) + 1
    for number, service in enumerate(services, start=next_id):
        for node in service.nodes:
            out[node] = number
        serves[number] = service.feeders
    return out, serves


def _leiden(sub: ig.Graph, params: GangParams) -> list[int]:
    """Community of each node: Leiden inside each connected component, on the component's own
    modularity, so a gang's cut does not depend on how many other gangs the world holds; then again
    inside each community found, on its own modularity, until none splits. Weak ties (a victim on
    two gangs' leaked lists, a mule's holder who was another gang's victim) can join every gang of a
    world into one component, whose null model then hides a thin link between two of them."""
    membership = [0] * sub.vcount()
    previous = random.getstate()
    random.seed(params.seed)  # igraph draws from Python's random module: seed it, then restore it
    try:
        next_id = 0
        pending = [list(c) for c in sub.connected_components()]
        while pending:
            group = pending.pop()
            parts = _split(sub.induced_subgraph(group), params) if len(group) > 2 else [0] * len(group)
            if max(parts) > 0 and params.refine:
                split: dict[int, list[int]] = {}
                for node, part in zip(group, parts, strict=True):
                    split.setdefault(part, []).append(node)
                pending += [split[k] for k in sorted(split, reverse=True)]
                continue
            for node, part in zip(group, parts, strict=True):
                membership[node] = next_id + part
            next_id += max(parts) + 1
    finally:
        random.setstate(previous)
    return membership


def _split(component: ig.Graph, params: GangParams) -> list[int]:
    if component.ecount() == 0:
        return list(range(component.vcount()))
    clusters = component.community_leiden(
        objective_function=params.objective, weights="weight", resolution=params.resolution, n_iterations=-1
    )
    return list(clusters.membership)


def _kept_members(sub: ig.Graph, names: list[str], membership: list[int], serves: dict[int, int], flagged: set[int],
                  nodes: np.ndarray, params: GangParams) -> pa.Table:
    groups: dict[int, list[int]] = {}
    for local, community in enumerate(membership):
        groups.setdefault(community, []).append(local)
    rows: list[tuple[str, int, float, int]] = []
    for community, members in sorted(groups.items()):
        if _is_gang(members, names, flagged, nodes, params):
            rows += [(*row, serves.get(community, 0)) for row in _ranked(sub, names, members, community)]
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[], [], [], []]
    return pa.table(columns, schema=MEMBERS_SCHEMA)


def _is_gang(members: list[int], names: list[str], flagged: set[int], nodes: np.ndarray, params: GangParams) -> bool:
    entities = [m for m in members if not names[m].startswith("report:")]
    reports = len(members) - len(entities)
    has_flag = any(int(nodes[m]) in flagged for m in entities)
    return len(entities) >= params.min_members and (has_flag or reports >= 2)


def _ranked(sub: ig.Graph, names: list[str], members: list[int], community: int) -> list[tuple[str, int, float]]:
    inner = sub.induced_subgraph(members)
    ranks = inner.pagerank(weights="weight") if inner.ecount() else [1.0] * len(members)
    top = max(ranks) or 1.0
    return [(names[m], community, float(r) / top) for m, r in zip(members, ranks, strict=True)]
