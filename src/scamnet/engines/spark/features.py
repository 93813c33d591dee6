"""Feature queries on Spark: the shipped SQL files, transpiled (``sql.py``), over the world's views.

DuckDB computes a common table expression once; Spark inlines it wherever it is named, and on
the deeper feature queries (a CTE read by CTEs read by CTEs) its analyzer then works for minutes
before running anything. So each CTE read more than once runs as a step of its own, materialised
(``localCheckpoint``) under a name of its own, and the query after it reads that name: the same
SQL, DuckDB's order. A CTE read once, by the final query only, stays inline.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

import sqlglot
from sqlglot import exp

from scamnet.engines.spark.sql import spark_feature_sql
from scamnet.features.runner import computed_view, included_queries

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_NAMES = itertools.count()


def spark_feature(spark: SparkSession, name: str, *, since: datetime | None = None, until: datetime | None = None,
                  utc_offset_hours: float = 0.0, params: Mapping[str, object] | None = None,
                  tables: Mapping[str, DataFrame] | None = None, computed: Mapping[str, DataFrame] | None = None) -> DataFrame:
    """The frame feature query ``name`` computes over the registered world (``tables.register_world``).

    ``tables`` are frames the query reads besides the canonical views (computed outside SQL), as
    temp views of those names. ``computed`` maps a query ``name`` includes whole to its frame over
    the same world, computed once for several queries (``telecom/bank_facts``); one not given is
    computed first, as a step of its own (sqlglot would move its CTEs beside the outer query's,
    where names such as ``c`` clash).
    """
    computed = dict(computed or {})
    for query in included_queries(name):
        if query not in computed:
            computed[query] = spark_feature(spark, query, since=since, until=until, utc_offset_hours=utc_offset_hours,
                                            params=params, tables=tables).localCheckpoint()
    for table_name, frame in (tables or {}).items():
        frame.createOrReplaceTempView(table_name)
    for query, frame in computed.items():
        frame.createOrReplaceTempView(computed_view(query))
    sql = spark_feature_sql(name, since, until, utc_offset_hours, frozenset(computed))
    tree = sqlglot.parse_one(sql, read="spark")
    return run_stepwise(spark, tree, dict(params) if params else None)


def run_stepwise(spark: SparkSession, tree: exp.Expression, params: dict[str, object] | None) -> DataFrame:
    """``tree`` run on Spark, each of its CTEs (and theirs) materialised first under a unique view name."""
    tree = tree.copy()
    with_ = tree.args.get("with_") or tree.args.get("with")
    if with_ is not None:
        key = "with_" if "with_" in tree.args else "with"
        tree.set(key, None)
        # detached copies: a body's parents then end at the body, not at the WITH being taken apart
        ctes, inline = [(c.alias, c.this.copy()) for c in with_.expressions], []
        for at, (alias, body) in enumerate(ctes):
            later = _readers(ctes, at, tree)
            if later == [tree] and _references(tree, alias) <= 1:
                inline.append(exp.CTE(this=body, alias=exp.TableAlias(this=exp.to_identifier(alias))))
                continue  # read once, by the final query: Spark inlines it at no cost
            view = f"scamnet_cte_{next(_NAMES)}_{alias}"
            run_stepwise(spark, body, params).localCheckpoint().createOrReplaceTempView(view)
            for other in later:
                _point_at(other, alias, view)
        if inline:
            tree.set(key, exp.With(expressions=inline))
    sql = tree.sql(dialect="spark", comments=False)
    used = {p.name for p in tree.find_all(exp.Placeholder)} if params else set()
    return spark.sql(sql, args={k: v for k, v in params.items() if k in used} if params else None)


def _readers(ctes: list[tuple[str, exp.Expression]], at: int, tree: exp.Expression) -> list[exp.Expression]:
    """What can read ``ctes[at]``: the CTE bodies after it up to the next CTE of the same name, and
    the final query ``tree`` when no later CTE takes the name (sqlglot moves nested CTEs to the top
    for Spark, so two included queries may each define ``t``)."""
    alias, found = ctes[at][0], []
    for other, body in ctes[at + 1:]:
        if other == alias:
            return found
        found.append(body)
    return [*found, tree]


def _references(tree: exp.Expression, alias: str) -> int:
    return sum(1 for t in tree.find_all(exp.Table) if t.name == alias and not t.args.get("db") and not _shadowed(t, alias))


def _point_at(tree: exp.Expression, alias: str, view: str) -> None:
    """References to table ``alias`` in ``tree`` read ``view`` instead (still known as ``alias``)."""
    for table in list(tree.find_all(exp.Table)):
        if table.name == alias and not table.args.get("db") and not _shadowed(table, alias):
            table.set("this", exp.to_identifier(view))
            if not table.alias:
                table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))


def _shadowed(node: exp.Expression, alias: str) -> bool:
    """Whether an inner WITH between ``node`` and the root defines ``alias`` again."""
    parent = node.parent
    while parent is not None:
        inner = parent.args.get("with_") or parent.args.get("with")
        if inner is not None and any(c.alias == alias for c in inner.expressions):
            return True
        parent = parent.parent
    return False
