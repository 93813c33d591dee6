"""The entity graph's links and its connected components on Spark DataFrames.

Links come from the same feature SQL as on the embedded path (``graph/event_links``,
``graph/reference_links``, ``graph/chain_links``); the few links read from free text (report items, message
mentions) are normalised in Python by ``scamnet.graph.edges`` from rows Spark selected.

Components are found by min-label propagation written as a join loop (GraphFrames cannot be
used offline), finished on the driver: every node starts with its own id as label and takes the
smallest label among its neighbours, then the label its label holds. After each round the links
are rewritten between the labels of their ends (a link inside a label goes, and so does a second
copy); nodes of one label are of one component, so this smaller graph has the same components,
and once ``DRIVER_EDGES`` or fewer of its links are left (from the start, on a small world) the
driver collects them and finishes with scipy. Each component is named by its smallest node id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.engines.spark.features import spark_feature
from scamnet.engines.spark.session import materialised
from scamnet.graph.edges import (
    EDGES_SCHEMA,
    MENTION_PATTERNS,
    STRONG_TYPES,
    mention_edges,
    report_mention_edges,
    url_domain_edges,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Rounds after which component labelling stops even if links remain (then the widest
#: components are split in two or more; the run's summary says so).
MAX_ROUNDS = 40

#: Links left at or under which the driver finishes the components (scipy) instead of more
#: Spark rounds: 2 M pairs of ids are some 200 MB there, and under a second of work.
DRIVER_EDGES = 2_000_000

#: Nodes near the seeds at or under which every executor gets them whole (a broadcast join) to pick
#: the links around them, instead of shuffling every link of the world twice to meet them: 5 M ids
#: are some 250 MB in each executor. On 9.25 M events (5.2 M links, 0.98 M nodes near the seeds), the
#: links picked that way took 4–5 s against 15 s (docs/history/engines.md).
BROADCAST_NODES = 5_000_000


def edge_frame(spark: SparkSession, region: str = "CN") -> DataFrame:
    """Every typed link of the registered world: ``(src, dst, type, count, first_seen, last_seen)``,
    materialised (the gang step reads it several times).

    The links the feature SQL makes are computed once: their URLs, read here for the URLs' domains,
    come from the same materialised rows as the links returned (each computation is a pass over
    every event of the period: computed twice, the edge frame took 77 s of a 9.25 M-event world, once 59 s).
    """
    from pyspark.sql import functions as F

    names = EDGES_SCHEMA.names
    sql_links = spark_feature(spark, "graph/event_links").toDF(*names)
    for query in ("graph/reference_links", "graph/chain_links"):
        sql_links = sql_links.unionByName(spark_feature(spark, query).toDF(*names))
    sql_links = materialised(sql_links)
    urls = (sql_links.select(F.explode(F.array("src", "dst")).alias("e")).where("e LIKE 'url:%'").distinct()
            .toArrow()["e"])
    text_links = text_edges(spark, region, urls)
    if not text_links.num_rows:
        return sql_links
    extra = spark.createDataFrame(text_links)
    extra = extra.select(*[extra[f.name].cast(f.dataType) for f in sql_links.schema.fields])
    # each part materialised on its own: the union reads both, and the links from events are not copied again
    return sql_links.unionByName(materialised(extra))


def text_edges(spark: SparkSession, region: str, sql_urls: pa.ChunkedArray) -> pa.Table:
    """Links read from what people wrote (report items, message texts), and every URL's domain.

    Spark selects the rows (reports, and only the messages that mention a link or a number); the
    driver normalises the values as ``scamnet.graph.edges`` does on the embedded path.
    """
    reports = report_mention_edges(spark_feature(spark, "graph/report_mentions").toArrow(), region)
    mentions = mention_edges(spark_feature(spark, "graph/message_mentions", params=MENTION_PATTERNS).toArrow(), region)
    found = pa.concat_tables([reports.cast(EDGES_SCHEMA), mentions.cast(EDGES_SCHEMA)])
    ends = found.select(["src", "dst"])
    sql_ends = pa.table({"src": sql_urls.cast(pa.string()), "dst": sql_urls.cast(pa.string())}).cast(ends.schema)
    every_url = pa.concat_tables([ends, sql_ends])
    return pa.concat_tables([found, url_domain_edges(every_url).cast(EDGES_SCHEMA)])


def connected_components(spark: SparkSession, edges: DataFrame, max_rounds: int = MAX_ROUNDS,
                         driver_edges: int = DRIVER_EDGES) -> tuple[DataFrame, int]:
    """``(node, component)`` for every node of ``edges`` (``src``, ``dst``), the component named by
    its smallest node id; and the rounds it took on Spark (none when the driver had it all)."""
    from pyspark.sql import functions as F

    pairs = edges.select("src", "dst").where("src <> dst")
    # each link once, smaller end first; materialised, so every round's plan starts here
    links = pairs.select(F.least("src", "dst").alias("src"), F.greatest("src", "dst").alias("dst")).distinct()
    links = materialised(links)
    both = links.union(links.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    labels = both.select(F.col("src").alias("node")).distinct().withColumn("component", F.col("node"))
    left, rounds = links, 0  # the links between different labels: at first, every link
    while (remaining := left.count()) > driver_edges and rounds < max_rounds:  # a count of materialised rows
        labels, rounds = _propagated(both, labels), rounds + 1
        left = materialised(_contracted(links, labels))
    if remaining and remaining <= driver_edges:
        whole = _driver_components(spark, left)
        if not rounds:
            return whole, rounds
        named = whole.select(F.col("node").alias("component"), F.col("component").alias("whole"))
        labels = labels.join(named, "component", "left").select("node", F.coalesce("whole", "component").alias("component"))
        labels = materialised(labels)
    return labels, rounds


def _propagated(both: DataFrame, labels: DataFrame) -> DataFrame:
    """``labels`` one round on: each node takes the smallest label among its neighbours' and its
    own, then the label that label's node took (a pointer jump: a long chain takes about log2 of
    its length in rounds instead of its length); materialised."""
    from pyspark.sql import functions as F

    offered = (both.join(labels, both.src == labels.node).select(F.col("dst").alias("node"), "component")
               .union(labels).groupBy("node").agg(F.min("component").alias("component")))
    named = offered.select(F.col("node").alias("label"), F.col("component").alias("further"))
    offered = (offered.join(named, offered.component == named.label, "left")
               .select("node", F.least("component", F.coalesce("further", "component")).alias("component")))
    return materialised(offered)  # cut the lineage: each round would otherwise replan all before it


def _contracted(links: DataFrame, labels: DataFrame) -> DataFrame:
    """``links`` between the labels of their ends: each once, smaller end first, none to itself.
    Nodes of one label are of one component, so this graph has the components of ``links``."""
    from pyspark.sql import functions as F

    ends = links.join(labels.select(F.col("node").alias("src"), F.col("component").alias("a")), "src").join(
        labels.select(F.col("node").alias("dst"), F.col("component").alias("b")), "dst")
    return ends.where("a <> b").select(F.least("a", "b").alias("src"), F.greatest("a", "b").alias("dst")).distinct()


def _driver_components(spark: SparkSession, links: DataFrame) -> DataFrame:
    """``(node, component)`` of the few ``links`` left, found on the driver (scipy), each
    component named by its smallest id."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components as scipy_components

    found = links.toArrow().cast(pa.schema([("src", pa.string()), ("dst", pa.string())]))
    if not found.num_rows:
        return spark.createDataFrame([], "node string, component string")
    ends = pa.chunked_array(found["src"].chunks + found["dst"].chunks)
    ids = pc.unique(ends)
    ids = ids.take(pc.sort_indices(ids))  # an id's index is then its rank: the smallest id comes first
    src, dst = (pc.index_in(found[end], value_set=ids).to_numpy() for end in ("src", "dst"))
    matrix = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(len(ids), len(ids)))
    count, component = scipy_components(matrix, directed=False)
    smallest = np.full(count, len(ids), dtype=np.int64)
    np.minimum.at(smallest, component, np.arange(len(ids)))
    named = pa.table({"node": ids, "component": ids.take(pa.array(smallest[component]))})
    return spark.createDataFrame(named)


def seeded_links(spark: SparkSession, edges: DataFrame, flagged: list[str], hub_degree: int) -> tuple[pa.Table, int]:
    """The links the driver's gang step needs, as rows of ``edges``, and the rounds components took.

    The seeds are the ``flagged`` entities, the reports and what their victims named. Every link
    that touches a node of a component (of the strong links, hubs left out) holding a seed is
    kept once, as written (``src`` to ``dst``: a URL to its domain), and as often as ``edges``
    holds it (a victim who named one number twice named it twice) — the embedded graph's rows
    around those nodes, so Leiden weighs each tie as there. A hub outside those nodes is left out
    with its links: it would show only the few links it has to them, and so pass for a small node
    that bridges gangs; on the whole graph it is a hub and bridges nothing.
    """
    from pyspark.sql import functions as F

    strong = edges.where(F.col("type").isin(sorted(STRONG_TYPES)))
    degree = (strong.where("type <> 'report_mentions'").select(F.explode(F.array("src", "dst")).alias("node"))
              .groupBy("node").count())
    hubs = materialised(degree.where(F.col("count") > hub_degree).select("node"))
    linking = _without(_without(strong, hubs, "src"), hubs, "dst")
    components, rounds = connected_components(spark, linking)
    seeds = spark.createDataFrame([(e,) for e in flagged], "node string").union(
        edges.where("type = 'report_mentions'").select(F.explode(F.array("src", "dst")).alias("node"))).distinct()
    kept = components.join(seeds, "node", "left_semi").select("component").distinct()
    nodes = materialised(components.join(kept, "component", "left_semi").select("node").union(seeds).distinct())
    # each link once whichever of its ends is near: the edges go through two joins (one per end),
    # where a union of the two ends' links took them through five
    whole = nodes.count() <= BROADCAST_NODES  # a count of materialised rows
    near = _flagged(_flagged(edges, nodes, "src", whole), nodes, "dst", whole).where("near_src OR near_dst")
    # materialised, so that Spark knows how few the hubs outside are and may broadcast them
    outside = materialised(hubs.join(nodes, "node", "left_anti"))
    near = _without(_without(near, outside, "src"), outside, "dst")
    # by name, never by position: a join on a named column puts that column first
    local = near.toArrow().select(EDGES_SCHEMA.names).cast(EDGES_SCHEMA)
    return local.sort_by([("src", "ascending"), ("dst", "ascending"), ("type", "ascending")]), rounds


def _flagged(edges: DataFrame, nodes: DataFrame, end: str, broadcast: bool = False) -> DataFrame:
    """``edges`` with ``near_<end>``: true where their ``end`` is one of ``nodes`` (distinct: a frame of
    ``node``), NULL elsewhere; each row of ``edges`` once. ``broadcast``: every executor holds ``nodes``
    whole, and the edges are not shuffled to meet them."""
    from pyspark.sql import functions as F

    flags = nodes.select(F.col("node").alias(end), F.lit(True).alias(f"near_{end}"))
    return edges.join(F.broadcast(flags) if broadcast else flags, end, "left")


def _without(edges: DataFrame, nodes: DataFrame, end: str) -> DataFrame:
    """The rows of ``edges`` whose ``end`` is none of ``nodes``."""
    return edges.join(nodes.withColumnRenamed("node", end), end, "left_anti")
