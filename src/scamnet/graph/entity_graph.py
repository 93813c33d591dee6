"""The entity graph: typed entity ids as nodes, typed weighted links as edges (igraph).

Nodes are numbered ``0..n-1``; ``names`` holds their entity ids as an Arrow array, so a graph
of millions of nodes is built without a Python object per node. Edge ``i`` of igraph is row
``i`` of ``edges`` (type, count, first / last seen); ``weights[i]`` is its weight (the type's
weight, growing with the log of the event count).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.features.data import Data
from scamnet.graph.edges import CONTACT_TYPES, EDGE_WEIGHTS, STRONG_TYPES, entity_edges


@dataclass(frozen=True)
class EntityGraph:
    """An undirected igraph over entity ids, with the edge table it was built from."""

    graph: ig.Graph
    names: pa.Array
    edges: pa.Table
    #: ``(src, dst)`` node numbers of each edge, in the order of ``edges`` and of igraph's edges.
    ends: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        """Node number by entity id."""
        return {name: i for i, name in enumerate(self.names.to_pylist())}

    def name(self, node: int) -> str:
        return self.names[node].as_py()

    def nodes_of(self, entities: list[str]) -> list[int]:
        """Node numbers of the ``entities`` present in the graph (absent ones are skipped)."""
        found = pc.index_in(pa.array(entities, pa.string()), value_set=self.names)
        return [int(i) for i in found.drop_null().to_pylist()]

    def kind(self, node: int) -> str:
        return self.name(node).partition(":")[0]

    def edge_mask(self, types: frozenset[str]) -> np.ndarray:
        """Which edges have one of ``types``."""
        return pc.is_in(self.edges["type"], value_set=pa.array(sorted(types))).to_numpy(zero_copy_only=False)

    @cached_property
    def weights(self) -> np.ndarray:
        return edge_weights(self.edges)

    @property
    def node_count(self) -> int:
        return self.graph.vcount()

    @property
    def edge_count(self) -> int:
        return self.graph.ecount()


def build_entity_graph(edges: pa.Table) -> EntityGraph:
    """The graph of an edge table (``scamnet.graph.edges.EDGES_SCHEMA``).

    >>> from scamnet.graph.edges import edge_rows
    >>> g = build_entity_graph(edge_rows([("imei:1", "imsi:2", "device_sim", 9, None, None),
    ...                                    ("imsi:2", "phone:+8617000000001", "sim_number", 1, None, None)]))
    >>> g.node_count, g.edge_count, g.edges["type"].to_pylist(), g.name(int(g.ends[0][0]))
    (3, 2, ['device_sim', 'sim_number'], 'imei:1')
    """
    names = pc.unique(pa.concat_arrays([edges["src"].combine_chunks(), edges["dst"].combine_chunks()]))
    src = pc.index_in(edges["src"], value_set=names).to_numpy(zero_copy_only=False)
    dst = pc.index_in(edges["dst"], value_set=names).to_numpy(zero_copy_only=False)
    ends = np.column_stack([src, dst]).astype(np.int64).reshape(-1, 2)
    # No igraph edge attributes: a Python object per edge would cost more than the graph itself.
    # Types and weights stay as columns (``edges``, ``weights``), in igraph's edge order.
    graph = ig.Graph(n=len(names), directed=False)
    graph.add_edges(ends)  # from the array directly: faster than a list of pairs
    return EntityGraph(graph, names, edges, ends)


def edge_weights(edges: pa.Table) -> np.ndarray:
    """Each link's type weight; for contact (calls, SMS, transfers) times ``1 + ln(count)``.

    Repeated contact ties two parties harder, slowly. A SIM in a gateway or a number named in a
    report is a fact, not a degree: its weight does not grow with the traffic that revealed it.
    """
    types = edges["type"]
    base = np.array([EDGE_WEIGHTS.get(t, 1.0) for t in types.to_pylist()], dtype=float)
    counts = np.maximum(edges["count"].to_numpy(zero_copy_only=False).astype(float), 1.0)
    contact = pc.is_in(types, value_set=pa.array(sorted(CONTACT_TYPES))).to_numpy(zero_copy_only=False)
    return base * np.where(contact, 1.0 + np.log(counts), 1.0)


def entity_graph(data: Data, region: str = "CN") -> EntityGraph:
    """The entity graph of everything ``data`` holds."""
    return build_entity_graph(entity_edges(data, region))


def strong_degrees(graph: EntityGraph) -> np.ndarray:
    """Each node's number of strong links (report mentions excluded): what makes a node a hub."""
    ends = graph.ends[graph.edge_mask(STRONG_TYPES - {"report_mentions"})]
    return np.bincount(ends.ravel(), minlength=graph.node_count)
