"""A gang's network picture as data: members chosen along the links that tie them together, and those links.

The links are the entity graph's (normalised entity ids, typed links with counts), as ``scamnet run``
stored them. A picture of a large gang cannot show every member; showing only the most central
ones drew loose dots, since the numbers, reports and devices that join a SIM cluster to the mule
accounts are rarely among the most central. So the members drawn are grown from the most central
one along its links (strongest neighbour first), then from the next most central not yet reached.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

PICTURE_NODES = 150
KEY_MEMBERS = 8
LINK_COLUMNS = ("src", "dst", "type", "count")


def links_among(edges: pa.Table, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The graph's links with both ends among ``members``, strongest first."""
    among = pa.array([m["entity"] for m in members], pa.string())
    inside = edges.filter(pc.and_(pc.is_in(edges["src"], value_set=among), pc.is_in(edges["dst"], value_set=among)))
    rows = inside.select(list(LINK_COLUMNS)).to_pylist()
    return sorted(rows, key=lambda r: (-r["count"], r["type"], r["src"], r["dst"]))


def member_network(members: list[dict[str, Any]], links: list[dict[str, Any]],
                   shown: int = PICTURE_NODES) -> dict[str, Any]:
    """Nodes and edges of a network picture: at most ``shown`` members, connected where the links allow.

    ``members`` come most central first. The answer also says how many members there are and which
    are the key (most central) members, whether drawn or not.

    >>> members = [{"entity": e, "role": "r", "centrality": c} for e, c in [("a", .9), ("b", .8), ("c", .1), ("d", .05)]]
    >>> net = member_network(members, [{"src": "a", "dst": "c", "type": "t", "count": 1},
    ...                                {"src": "c", "dst": "d", "type": "t", "count": 1}], shown=3)
    >>> [n["entity"] for n in net["nodes"]], len(net["edges"]), net["members_total"]
    (['a', 'c', 'd'], 2, 4)
    """
    chosen = _grown(members, links, shown)
    names = set(chosen)
    order = {m["entity"]: i for i, m in enumerate(members)}
    return {
        "nodes": [{"entity": m["entity"], "role": m["role"], "centrality": m["centrality"]}
                  for m in sorted((m for m in members if m["entity"] in names), key=lambda m: order[m["entity"]])],
        "edges": [{"a": e["src"], "b": e["dst"], "kind": e["type"], "count": e["count"]}
                  for e in links if e["src"] in names and e["dst"] in names],
        "members_total": len(members),
        "key_members": [{"entity": m["entity"], "role": m["role"], "centrality": m["centrality"]}
                        for m in members[:KEY_MEMBERS]],
    }


def _grown(members: list[dict[str, Any]], links: list[dict[str, Any]], shown: int) -> list[str]:
    """The members to draw: the paths that join the most central members of every role (the reports and
    numbers that tie a SIM cluster to the mule accounts), then a few neighbours of each in turn, so no
    one hub's hundred SIMs fill the picture; a part the links do not reach starts from its own centre."""
    rank = {m["entity"]: i for i, m in enumerate(members)}
    near: dict[str, list[str]] = defaultdict(list)
    for link in links:
        a, b = link["src"], link["dst"]
        if a in rank and b in rank and a != b:
            near[a].append(b)
            near[b].append(a)
    for entity in near:
        near[entity].sort(key=rank.__getitem__)
    chosen: dict[str, None] = {}
    for seed in (m["entity"] for m in members):
        if len(chosen) >= shown:
            break
        if seed not in chosen:
            _draw_part(seed, members, near, chosen, shown)
    return list(chosen)


def _draw_part(root: str, members: list[dict[str, Any]], near: dict[str, list[str]], chosen: dict[str, None],
               shown: int) -> None:
    parent = _paths_from(root, near)
    for target in _key_of_each_role(members, parent):
        path: list[str] = []
        step: str | None = target
        while step is not None and step not in chosen:
            path.append(step)
            step = parent[step]
        if len(chosen) + len(path) <= shown:
            chosen.update(dict.fromkeys(reversed(path)))
    chosen.setdefault(root, None)
    fanout = 3
    while len(chosen) < shown:
        added = 0
        for entity in list(chosen):
            if entity not in parent:
                continue
            for other in [n for n in near[entity] if n not in chosen][:fanout]:
                if len(chosen) >= shown:
                    return
                chosen[other] = None
                added += 1
        if not added:
            return
        fanout *= 2


def _paths_from(root: str, near: dict[str, list[str]]) -> dict[str, str | None]:
    """Breadth-first parents from ``root``: every member its links reach, with the way back."""
    parent: dict[str, str | None] = {root: None}
    queue = [root]
    for entity in queue:
        for other in near[entity]:
            if other not in parent:
                parent[other] = entity
                queue.append(other)
    return parent


def _key_of_each_role(members: list[dict[str, Any]], reached: dict[str, str | None], per_role: int = 3) -> list[str]:
    """The ``per_role`` most central reached members of each role, roles taking turns."""
    by_role: dict[str, list[str]] = defaultdict(list)
    for m in members:
        if m["entity"] in reached and len(by_role[m["role"]]) < per_role:
            by_role[m["role"]].append(m["entity"])
    return [e for turn in range(per_role) for found in by_role.values() if turn < len(found) for e in [found[turn]]]
