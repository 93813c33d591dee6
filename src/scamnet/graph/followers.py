"""What follows a gang member into its gang once the communities are found: a number its SIM, a SIM its device.

A fraud number is one SIM card, and the card sits in one device. When a SIM bank spoofs one IMEI
per SIM, that SIM and its IMEI are tied to nothing but the number: no box IMEI gathers them, so
only a flagged number can bring them in. They follow the number after Leiden rather than joining
the graph before it, so they can neither glue two gangs nor turn one falsely flagged number into a
three-member "gang" of its own.

A number the calls show with many SIMs is not one card: it is a spoofed caller id (a bank's
hotline shown by several gangs' SIMs) and brings no SIM. A device with many SIMs is a hub and
follows no one.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.graph.entity_graph import EntityGraph, strong_degrees

#: ``(member kind, link, follower kind)``, in this order: a number its SIM, then a SIM its device.
FOLLOW_RULES = (("phone", "sim_number", "imsi"), ("imsi", "device_sim", "imei"))

#: A number seen with more SIMs than this is a shown (possibly spoofed) caller id, not one card.
MAX_SIMS_PER_NUMBER = 2


def shown_number_links(graph: EntityGraph) -> np.ndarray:
    """Which links are a number a SIM only showed: a SIM's own number is the one most of its calls and
    messages carry; any other number its events carried was a spoofed caller id (someone else's number,
    a bank's hotline), which ties the SIM to no one.

    >>> from scamnet.graph.edges import edge_rows
    >>> from scamnet.graph.entity_graph import build_entity_graph
    >>> g = build_entity_graph(edge_rows([("imsi:1", "phone:+8617000000001", "sim_number", 40, None, None),
    ...                                   ("imsi:1", "phone:+861095588", "sim_number", 9, None, None),
    ...                                   ("imsi:1", "phone:+8617000000001", "sim_number", 1, None, None),
    ...                                   ("imsi:1", "imei:1", "device_sim", 49, None, None)]))
    >>> shown_number_links(g).tolist()
    [False, True, False, False]
    """
    mask = graph.edge_mask(frozenset({"sim_number"}))
    rows = np.flatnonzero(mask)
    out = np.zeros(graph.edge_count, dtype=bool)
    if not len(rows):
        return out
    ends = graph.ends[rows]
    is_sim = pc.starts_with(graph.names, "imsi:").to_numpy(zero_copy_only=False)
    sim = np.where(is_sim[ends[:, 0]], ends[:, 0], ends[:, 1])
    phone = np.where(is_sim[ends[:, 0]], ends[:, 1], ends[:, 0])
    # one pair may have several rows (calls, messages, the subscriber record): add them up first
    pairs, pair_of = np.unique(np.stack([sim, phone], axis=1), axis=0, return_inverse=True)
    pair_of = pair_of.ravel()
    totals = np.bincount(pair_of, weights=graph.edges["count"].to_numpy(zero_copy_only=False)[rows])
    top = np.zeros(graph.node_count)
    np.maximum.at(top, pairs[:, 0], totals)
    out[rows] = totals[pair_of] < top[sim]
    return out


def spoofed_number_links(graph: EntityGraph) -> np.ndarray:
    """Every link of a number some SIM showed without owning it (``shown_number_links``). A victim
    names the spoofed number in the report, the calls carry it, but it says nothing about who
    called: a bank's hotline shown by several gangs, or a stranger's number, must glue none of them.
    """
    shown = shown_number_links(graph)
    ends = graph.ends[shown]
    is_phone = pc.starts_with(graph.names, "phone:").to_numpy(zero_copy_only=False)
    phones = np.unique(np.where(is_phone[ends[:, 0]], ends[:, 0], ends[:, 1])) if len(ends) else ends[:, 0]
    return np.isin(graph.ends[:, 0], phones) | np.isin(graph.ends[:, 1], phones)


def with_followers(graph: EntityGraph, members: pa.Table, hub_degree: int, usable: np.ndarray | None = None) -> pa.Table:
    """``members`` (``entity, community, centrality, serves``) plus the SIMs and devices that follow them,
    over the links ``usable`` marks (all by default).

    A follower joins the community most of its members-to-follow are in, with their lowest centrality.
    """
    usable = np.ones(graph.edge_count, dtype=bool) if usable is None else usable
    if members.num_rows == 0:
        return members
    community = dict(zip(members["entity"].to_pylist(), members["community"].to_pylist(), strict=True))
    centrality = dict(zip(members["entity"].to_pylist(), members["centrality"].to_pylist(), strict=True))
    serves = dict(zip(members["community"].to_pylist(), members["serves"].to_pylist(), strict=True))
    small = strong_degrees(graph) <= hub_degree
    added: list[tuple[str, int, float, int]] = []
    for member_kind, link, follower_kind in FOLLOW_RULES:
        anchors = [e for e in community if e.startswith(member_kind + ":")]
        found = _followers(graph, anchors, link, follower_kind, community, centrality, small, usable)
        for follower, (gang, rank) in found.items():
            community[follower], centrality[follower] = gang, rank
            added.append((follower, gang, rank, serves.get(gang, 0)))
    if not added:
        return members
    extra = pa.table([list(c) for c in zip(*added, strict=True)], schema=members.schema)
    return pa.concat_tables([members, extra])


def _followers(graph: EntityGraph, anchors: list[str], link: str, kind: str, community: dict[str, int],
               centrality: dict[str, float], small: np.ndarray, usable: np.ndarray) -> dict[str, tuple[int, float]]:
    links = _last_seen(graph, anchors, link, kind, usable)
    if link == "sim_number":  # a number shown with many SIMs is a caller id, not one card
        chosen = {a: list(near) for a, near in links.items() if len(near) <= MAX_SIMS_PER_NUMBER}
    else:  # a SIM brings the device it was used in last, not the farm phone that kept it alive before
        chosen = {a: [max(near, key=lambda n: (near[n], -n))] for a, near in links.items()}
    names = graph.names
    votes: dict[int, Counter] = {}
    ranks: dict[int, float] = {}
    for anchor, near in chosen.items():
        name = names[anchor].as_py()
        for node in near:
            if small[node]:
                votes.setdefault(node, Counter())[community[name]] += 1
                ranks[node] = min(ranks.get(node, 1.0), centrality[name])
    out = {}
    for node, counted in votes.items():
        follower = names[node].as_py()
        if follower not in community:
            out[follower] = (max(counted, key=lambda c: (counted[c], -c)), ranks[node])
    return out


def _last_seen(graph: EntityGraph, anchors: list[str], link: str, kind: str,
               usable: np.ndarray) -> dict[int, dict[int, int]]:
    """For each anchor node, its neighbours of ``kind`` over ``link`` and when each was last seen with it (µs)."""
    nodes = np.array(graph.nodes_of(anchors), dtype=np.int64)
    mask = graph.edge_mask(frozenset({link})) & usable
    last = pc.fill_null(graph.edges["last_seen"].cast(pa.int64()), 0).to_numpy(zero_copy_only=False)[mask]
    ends = graph.ends[mask]
    pairs, last = np.concatenate([ends, ends[:, ::-1]]), np.concatenate([last, last])
    of_kind = pc.starts_with(graph.names, kind + ":").to_numpy(zero_copy_only=False)
    keep = np.isin(pairs[:, 0], nodes) & of_kind[pairs[:, 1]]
    out: dict[int, dict[int, int]] = {}
    for (anchor, node), at in zip(pairs[keep].tolist(), last[keep].tolist(), strict=True):
        seen = out.setdefault(anchor, {})
        seen[node] = max(seen.get(node, 0), int(at))
    return out
