"""A gang's network picture as data: its most central members and the links among them.

The links are the entity graph's (normalised entity ids, typed links with counts).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

PICTURE_NODES = 150
LINK_COLUMNS = ("src", "dst", "type", "count")


def links_among(edges: pa.Table, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The graph's links with both ends among ``members``, strongest first."""
    among = pa.array([m["entity"] for m in members], pa.string())
    inside = edges.filter(pc.and_(pc.is_in(edges["src"], value_set=among), pc.is_in(edges["dst"], value_set=among)))
    rows = inside.select(list(LINK_COLUMNS)).to_pylist()
    return sorted(rows, key=lambda r: (-r["count"], r["type"], r["src"], r["dst"]))


def member_network(members: list[dict[str, Any]], links: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes and edges of a network picture: the first ``PICTURE_NODES`` members and their links."""
    shown = members[:PICTURE_NODES]
    names = {m["entity"] for m in shown}
    return {
        "nodes": [{"entity": m["entity"], "role": m["role"], "centrality": m["centrality"]} for m in shown],
        "edges": [{"a": e["src"], "b": e["dst"], "kind": e["type"], "count": e["count"]}
                  for e in links if e["src"] in names and e["dst"] in names],
    }
