"""The links among each gang's members, for the report's network pictures.

The links are the entity graph's (``graph.entity_graph``: normalised entity ids, typed links with
counts), built once for all gangs; each picture keeps a gang's most central members.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.settings import Settings
from scamnet.graph.edges import EDGES_SCHEMA
from scamnet.service.linking import store_graph
from scamnet.store import Store

PICTURE_NODES = 150


def gang_networks(store: Store, settings: Settings) -> dict[str, dict[str, Any]]:
    """Per gang id: its most central members (with roles) and the links among them."""
    rows = store.con.execute(
        "SELECT gang_id, entity, role, centrality FROM gang_members ORDER BY gang_id, centrality DESC, entity"
    ).fetchall()
    members: dict[str, list[dict[str, Any]]] = {}
    for gang_id, entity, role, centrality in rows:
        members.setdefault(gang_id, []).append({"entity": entity, "role": role, "centrality": centrality})
    if not members:
        return {}
    edges = store_graph(store, settings).edges
    return {gang_id: member_network(shown, links_among(edges, shown)) for gang_id, shown in members.items()}


def links_among(edges: pa.Table, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The graph's links with both ends among ``members``, strongest first."""
    among = pa.array([m["entity"] for m in members], pa.string())
    inside = edges.filter(pc.and_(pc.is_in(edges["src"], value_set=among), pc.is_in(edges["dst"], value_set=among)))
    rows = inside.select(EDGES_SCHEMA.names).to_pylist()
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
