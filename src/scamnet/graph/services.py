"""Shared services: a laundering platform that several gangs' money flows into is its own group.

Scam compounds buy laundering from platforms (跑分) that run rented accounts for many gangs at
once. In the graph such a platform is a block of accounts run from the same few devices that
receives transfers from the first-layer accounts of several gangs. Modularity puts a small block
tied to several large ones into one of them, merging the platform into a gang and tying every
other gang it serves to it. This pass, after the communities are found, cuts such blocks out.

An *operated group* is a set of accounts and the devices they are run from (accounts linked
through ``account_device``). It is a shared service when accounts of at least ``min_feeders``
other operated groups pay into it and it has at least ``min_members`` members. Gang discovery
cuts it out before Leiden (so it cannot glue the gangs it serves into one) and keeps it as a
community of its own. A gang's own later layers are run from the gang's devices together with
its first layer, so the money into them comes from victims, not from other operated groups.

Two more kinds of sharing are cut before Leiden: a mule account rented to two gangs is a shared
service whose every link is cut, and which then joins the community its links weigh most towards
(``borrowed_accounts``, ``follow_links``); a gateway box whose slots are rented to another gang
keeps only its links to its main gang's SIMs (``rented_box_links``).
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig

MONEY_KINDS = ("account:", "device:")


@dataclass(frozen=True)
class Service:
    """An operated group (local node numbers) that money from ``feeders`` other operated groups flows into."""

    nodes: frozenset[int]
    feeders: int


def shared_services(sub: ig.Graph, names: list[str], min_feeders: int = 2, min_members: int = 3) -> list[Service]:
    """Operated groups of ``min_members`` or more fed by ``min_feeders`` or more other operated groups.

    Edges carry ``type`` and ``src`` (the payer's node for a transfer).

    >>> names = ["account:a1", "device:a", "account:b1", "device:b", "account:p1", "account:p2", "device:p"]
    >>> g = ig.Graph(n=7, edges=[(0, 1), (2, 3), (0, 4), (2, 5), (4, 6), (5, 6)])
    >>> g.es["type"] = ["account_device", "account_device", "transfer", "transfer", "account_device", "account_device"]
    >>> g.es["src"] = [0, 2, 0, 2, 4, 5]
    >>> shared_services(g, names)  # gangs a and b both pay into the platform p
    [Service(nodes=frozenset({4, 5, 6}), feeders=2)]
    """
    groups = _operated_groups(sub, names)
    group_of = {node: i for i, group in enumerate(groups) for node in group}
    found = []
    for i, group in enumerate(groups):
        feeders = {group_of.get(payer, -1) for payer in _payers(sub, group)} - {i, -1}
        if len(group) >= min_members and len(feeders) >= min_feeders:
            found.append(Service(frozenset(group), len(feeders)))
    return found


def _operated_groups(sub: ig.Graph, names: list[str]) -> list[set[int]]:
    """Accounts and devices joined by ``account_device`` links (connected groups of two or more)."""
    keep = [e.index for e in sub.es if e["type"] == "account_device"]
    if not keep:
        return []
    operated = sub.subgraph_edges(keep, delete_vertices=False)
    groups = []
    for component in operated.connected_components():
        members = {v for v in component if names[v].startswith(MONEY_KINDS)}
        if len(members) >= 2 and any(names[v].startswith("account:") for v in members):
            groups.append(members)
    return groups


def _payers(sub: ig.Graph, group: set[int]) -> set[int]:
    """Nodes outside ``group`` that transfer money into it."""
    payers = set()
    for node in group:
        for edge in sub.es[sub.incident(node)]:
            if edge["type"] == "transfer" and edge["src"] != node and edge["src"] not in group:
                payers.add(edge["src"])
    return payers


def borrowed_accounts(sub: ig.Graph, names: list[str], min_shared: int = 3) -> list[int]:
    """Accounts run from devices of two or more operations: a mule account rented to several gangs.

    Devices are one operation's when at least ``min_shared`` accounts are run from both. An account
    run from devices of two operations is a shared service, like a shared host: every one of its
    links (its devices, the transfers through it, the reports naming it) is cut before Leiden, so
    neither its renters' devices nor their victims' reports tie one gang to the other through it;
    afterwards it joins the community its links weigh most towards (``follow_links``).

    >>> names = ["account:a1", "account:a2", "account:a3", "device:a", "device:a'", "account:b1", "account:b2",
    ...          "account:b3", "device:b", "device:b'", "account:shared"]
    >>> edges = [(0, 3), (0, 4), (1, 3), (1, 4), (2, 3), (2, 4), (5, 8), (5, 9), (6, 8), (6, 9), (7, 8), (7, 9),
    ...          (10, 3), (10, 4), (10, 8)]
    >>> g = ig.Graph(n=11, edges=edges)
    >>> g.es["type"] = ["account_device"] * len(edges)
    >>> borrowed_accounts(g, names)  # the shared account is run from a's devices and one of b's
    [10]
    """
    devices_of: dict[int, set[int]] = {}
    for edge in sub.es:
        if edge["type"] == "account_device":
            account, device = sorted(edge.tuple, key=lambda v: not names[v].startswith("account:"))
            devices_of.setdefault(account, set()).add(device)
    clusters = _device_clusters(devices_of, min_shared)
    return sorted(a for a, devices in devices_of.items() if len({clusters[d] for d in devices}) > 1)


def follow_links(sub: ig.Graph, membership: list[int], followers: list[int], ignore: set[int]) -> list[int]:
    """Each follower joins the community its links weigh most towards (links to ``ignore`` nodes and to
    other followers aside); one with no such link keeps its own community.

    >>> g = ig.Graph(n=4, edges=[(0, 1), (0, 2), (0, 3)])
    >>> g.es["weight"] = [2.5, 2.5, 3.0]
    >>> follow_links(g, [5, 1, 1, 2], [0], set())  # two device links (5.0) outweigh one report (3.0)
    [1, 1, 1, 2]
    """
    skip = set(followers) | ignore
    out = list(membership)
    for node in followers:
        weights: dict[int, float] = {}
        for edge in sub.es[sub.incident(node)]:
            other = edge.target if edge.source == node else edge.source
            if other not in skip:
                weights[membership[other]] = weights.get(membership[other], 0.0) + edge["weight"]
        if weights:
            out[node] = max(weights, key=lambda c: (weights[c], -c))
    return out


def _device_clusters(devices_of: dict[int, set[int]], min_shared: int) -> dict[int, int]:
    """Each device's operation (a root device): devices joined when ``min_shared`` accounts use both."""
    pairs: dict[tuple[int, int], int] = {}
    for linked in devices_of.values():
        devices = sorted(linked)
        for i, a in enumerate(devices):
            for b in devices[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    parent: dict[int, int] = {d: d for linked in devices_of.values() for d in linked}

    def root(d: int) -> int:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for (a, b), n in pairs.items():
        if n >= min_shared:
            parent[max(root(a), root(b))] = min(root(a), root(b))
    return {d: root(d) for d in parent}


def box_links(sub: ig.Graph, names: list[str]) -> list[int]:
    """The gateway-to-SIM links (``device_sim`` from an ``imei:``)."""
    return [e.index for e in sub.es if e["type"] == "device_sim" and names[e.tuple[0]].startswith("imei:") !=
            names[e.tuple[1]].startswith("imei:")]


def rented_box_links(sub: ig.Graph, names: list[str], apart: list[int], min_sims: int = 10) -> list[int]:
    """Links of a gateway box to the SIMs of a second operation: slots rented out to another gang.

    ``apart`` is the communities found without the box links. A box whose SIMs fall into two or
    more communities with at least ``min_sims`` SIMs each keeps its links to the one holding most
    of them; the links to the others are returned (cut before Leiden). A gang's own box holds
    SIMs that send its links and take its victims' calls back: they fall into one community.
    """
    by_box: dict[int, dict[int, list[int]]] = {}
    for edge in sub.es[box_links(sub, names)]:
        imei, sim = edge.tuple if names[edge.tuple[0]].startswith("imei:") else edge.tuple[::-1]
        by_box.setdefault(imei, {}).setdefault(apart[sim], []).append(edge.index)
    cut = []
    for groups in by_box.values():
        big = {c: links for c, links in groups.items() if len(links) >= min_sims}
        if len(big) > 1:
            keep = max(big, key=lambda c: (len(big[c]), -c))
            cut += [e for c, links in big.items() if c != keep for e in links]
    return cut
