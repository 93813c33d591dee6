"""The entity graph: typed entity ids as nodes, typed weighted links as edges (igraph).

Nodes are numbered ``0..n-1``; ``names`` holds their entity ids as an Arrow array, so a graph
of millions of nodes is built without a Python object per node. Edge ``i`` is row ``i`` of
``edges`` (type, count, first / last seen), ``ends[i]`` its two node numbers and ``weights[i]``
its weight. Gang discovery and case linking work on these arrays and build igraph graphs only
of the parts they need; ``graph`` (the whole igraph, same numbering) is built on first use.
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
    """Entity ids as numbered nodes, the edge table, and each edge's two node numbers."""

    names: pa.Array
    edges: pa.Table
    #: ``(src, dst)`` node numbers of each edge, in the order of ``edges``.
    ends: np.ndarray

    @cached_property
    def graph(self) -> ig.Graph:
        """The whole graph as an undirected igraph (edge ``i`` is row ``i`` of ``edges``)."""
        graph = ig.Graph(n=self.node_count, directed=False)
        graph.add_edges(self.ends)  # from the array directly: faster than a list of pairs
        return graph

    def neighbours(self, nodes: np.ndarray, types: frozenset[str] | None = None) -> list[np.ndarray]:
        """For each of ``nodes``, its neighbours (over links of ``types``, or all)."""
        ends = self.ends if types is None else self.ends[self.edge_mask(types)]
        pairs = np.concatenate([ends, ends[:, ::-1]])
        pairs = pairs[np.isin(pairs[:, 0], nodes)]
        pairs = pairs[np.argsort(pairs[:, 0], kind="stable")]
        starts = np.searchsorted(pairs[:, 0], nodes, side="left")
        stops = np.searchsorted(pairs[:, 0], nodes, side="right")
        return [pairs[a:b, 1] for a, b in zip(starts, stops, strict=True)]

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
        return len(self.names)

    @property
    def edge_count(self) -> int:
        return len(self.ends)


def build_entity_graph(edges: pa.Table) -> EntityGraph:
    """The graph of an edge table (``scamnet.graph.edges.EDGES_SCHEMA``).

    >>> from scamnet.graph.edges import edge_rows
    >>> g = build_entity_graph(edge_rows([("imei:1", "imsi:2", "device_sim", 9, None, None),
    ...                                    ("imsi:2", "phone:+8617000000001", "sim_number", 1, None, None)]))
    >>> g.node_count, g.edge_count, g.edges["type"].to_pylist(), g.name(int(g.ends[0][0]))
    (3, 2, ['device_sim', 'sim_number'], 'imei:1')
    """
    # One hash pass over both columns numbers every entity id.
    both = pa.chunked_array(edges["src"].chunks + edges["dst"].chunks, pa.string())
    encoded = pc.dictionary_encode(both).combine_chunks()
    numbers = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    ends = numbers.reshape(2, -1).T.copy()
    return EntityGraph(encoded.dictionary, edges, ends)


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
