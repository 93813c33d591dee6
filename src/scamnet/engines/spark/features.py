"""Feature queries on Spark: the shipped SQL files, transpiled (``sql.py``), over the world's views.

DuckDB computes a common table expression once; Spark inlines it wherever it is named, and on
the deeper feature queries (a CTE read by CTEs read by CTEs) its analyzer then works for minutes
before running anything. So each CTE read more than once runs as a step of its own, materialised
(``session.materialised``) under a name of its own, and the query after it reads that name: the same
SQL, DuckDB's order. A CTE read once, by the final query only, stays inline. A CTE that several
queries of one step define word for word over the world's tables is materialised once for all
(``share_fragments``), and a final ORDER BY of output columns can be left to the driver that collects
the rows (``spark_feature_driver_sorted``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pyarrow as pa
import sqlglot
from sqlglot import exp

from scamnet.engines.spark.session import materialised
from scamnet.engines.spark.sql import spark_feature_sql
from scamnet.features.runner import computed_view, included_queries
from scamnet.schema import INPUT_TABLES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_NAMES = itertools.count()
_CTE_PREFIX = "scamnet_cte_"
#: The world's canonical tables: a CTE over these (and other materialised CTEs) alone is shared.
_WORLD_VIEWS = frozenset(spec.name for spec in INPUT_TABLES)
#: ``(session, CTE body as Spark SQL, parameters)`` -> its materialised view, until the world changes.
_MATERIALISED: dict[tuple[int, str, tuple[tuple[str, str], ...]], str] = {}


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
    tree = _feature_tree(spark, name, since, until, utc_offset_hours, params, tables, computed)
    return run_stepwise(spark, tree, dict(params) if params else None)


@dataclass(frozen=True)
class DriverSorted:
    """A feature query's frame without its final ORDER BY, and the columns that ORDER BY named: the rows come
    to the driver in that order (``rows``) without Spark sorting them globally first (a sampling pass and a
    shuffle of every row: a quarter to a third of ``content/message_context``'s time on 9.25 M events)."""

    frame: DataFrame
    keys: tuple[str, ...]

    def cached(self) -> DriverSorted:
        """The same, its frame cached: computed once for the rows and for further work on Spark."""
        return DriverSorted(self.frame.cache(), self.keys)

    def rows(self) -> pa.Table:
        """The rows collected to the driver, sorted as the query's ORDER BY sorts them (nulls last, as DuckDB)."""
        table = self.frame.toArrow()
        return table.sort_by([(key, "ascending") for key in self.keys]) if self.keys else table


def spark_feature_driver_sorted(spark: SparkSession, name: str, *, utc_offset_hours: float = 0.0,
                                params: Mapping[str, object] | None = None, tables: Mapping[str, DataFrame] | None = None,
                                computed: Mapping[str, DataFrame] | None = None) -> DriverSorted:
    """``spark_feature`` over the whole period, for a caller that collects the rows: when the query ends in an
    ORDER BY of output columns, ascending, Spark leaves the order to the driver (``DriverSorted``)."""
    tree = _feature_tree(spark, name, None, None, utc_offset_hours, params, tables, computed).copy()
    keys = _order_columns(tree)
    if keys:
        tree.set("order", None)
    return DriverSorted(run_stepwise(spark, tree, dict(params) if params else None), keys)


def _order_columns(tree: exp.Expression) -> tuple[str, ...]:
    """The output columns ``tree``'s final ORDER BY names, each ascending; none when it sorts on anything else."""
    order = tree.args.get("order")
    if order is None or not isinstance(tree, exp.Select):
        return ()
    named = set(tree.named_selects)
    keys = []
    for ordered in order.expressions:
        column = ordered.this
        if ordered.args.get("desc") or not isinstance(column, exp.Column) or column.name not in named:
            return ()
        keys.append(column.name)
    return tuple(keys)


def _feature_tree(spark: SparkSession, name: str, since: datetime | None, until: datetime | None, utc_offset_hours: float,
                  params: Mapping[str, object] | None, tables: Mapping[str, DataFrame] | None,
                  computed: Mapping[str, DataFrame] | None) -> exp.Expression:
    """Feature query ``name`` parsed as Spark SQL over the registered world, with ``tables`` and the queries it
    includes (``computed``, or computed here first) registered as the views it reads."""
    computed = dict(computed or {})
    for query in included_queries(name):
        if query not in computed:
            computed[query] = materialised(spark_feature(spark, query, since=since, until=until,
                                                         utc_offset_hours=utc_offset_hours, params=params, tables=tables))
    for table_name, frame in (tables or {}).items():
        frame.createOrReplaceTempView(table_name)
    for query, frame in computed.items():
        frame.createOrReplaceTempView(computed_view(query))
    sql = spark_feature_sql(name, since, until, utc_offset_hours, frozenset(computed))
    return sqlglot.parse_one(sql, read="spark")


def run_stepwise(spark: SparkSession, tree: exp.Expression, params: dict[str, object] | None) -> DataFrame:
    """``tree`` run on Spark, each of its CTEs read more than once (and theirs) materialised first
    under a unique view name; a CTE read once stays a CTE of its one reader, which Spark inlines at
    no cost (each materialised CTE is a Spark job of its own), and one read by none is not run."""
    tree = tree.copy()
    with_ = tree.args.get("with_") or tree.args.get("with")
    if with_ is not None:
        key = "with_" if "with_" in tree.args else "with"
        tree.set(key, None)
        # detached copies: a body's parents then end at the body, not at the WITH being taken apart
        ctes = [(c.alias, c.this.copy()) for c in with_.expressions]
        inline: dict[int, list[exp.CTE]] = {}  # the CTEs each reader (by id) holds for itself
        for at, (alias, body) in enumerate(ctes):
            _keep_inline(body, inline.pop(id(body), []))
            later = _readers(ctes, at, tree)
            reading = [other for other in later if _references(other, alias)]
            if not reading:
                continue
            shared = _already_materialised(spark, body, params)
            if shared is not None:  # the same rows another query of this world materialised (``share_fragments``)
                for other in reading:
                    _point_at(other, alias, shared)
                continue
            if len(reading) == 1 and _references(reading[0], alias) == 1:
                cte = exp.CTE(this=body, alias=exp.TableAlias(this=exp.to_identifier(alias)))
                inline.setdefault(id(reading[0]), []).append(cte)
                continue
            view = _materialised(spark, alias, body, params)
            for other in reading:
                _point_at(other, alias, view)
        _keep_inline(tree, inline.pop(id(tree), []))
    sql = tree.sql(dialect="spark", comments=False)
    used = {p.name for p in tree.find_all(exp.Placeholder)} if params else set()
    return spark.sql(sql, args={k: v for k, v in params.items() if k in used} if params else None)


def share_fragments(spark: SparkSession, names: list[str], *, since: datetime | None = None,
                    until: datetime | None = None, utc_offset_hours: float = 0.0) -> int:
    """Materialise once each CTE that two or more of feature queries ``names`` define word for word over the
    world's tables alone (the period's calls, ``c``, in every telecom query), so that each of them reads it,
    where a query reading it once would compute it inline again; the number of CTEs materialised."""
    bodies: dict[str, tuple[str, exp.Expression]] = {}
    readers: dict[str, set[str]] = {}
    for name in names:
        tree = sqlglot.parse_one(spark_feature_sql(name, since, until, utc_offset_hours), read="spark")
        with_ = tree.args.get("with_") or tree.args.get("with")
        for cte in with_.expressions if with_ is not None else []:
            if all(t.name in _WORLD_VIEWS for t in cte.this.find_all(exp.Table)) and not any(cte.this.find_all(exp.Placeholder)):
                key = cte.this.sql(dialect="spark", comments=False)
                bodies.setdefault(key, (cte.alias, cte.this.copy()))
                readers.setdefault(key, set()).add(name)
    common = [bodies[key] for key, found in readers.items() if len(found) > 1]
    for alias, body in common:
        _materialised(spark, alias, body, None)
    return len(common)


def _already_materialised(spark: SparkSession, body: exp.Expression, params: dict[str, object] | None) -> str | None:
    key, shared = _key(spark, body, params)
    return _MATERIALISED.get(key) if shared else None


def _materialised(spark: SparkSession, alias: str, body: exp.Expression, params: dict[str, object] | None) -> str:
    """The view holding CTE ``body`` computed, under a name of its own. A body another feature query
    of this world already materialised, word for word over the world's tables (``c``, the period's
    calls, read by every telecom query), is that query's view: the feature SQL shares fragments."""
    key, shared = _key(spark, body, params)
    if shared and key in _MATERIALISED:
        return _MATERIALISED[key]
    view = f"{_CTE_PREFIX}{next(_NAMES)}_{alias}"
    materialised(run_stepwise(spark, body, params)).createOrReplaceTempView(view)
    if shared:
        _MATERIALISED[key] = view
    return view


def _key(spark: SparkSession, body: exp.Expression,
         params: dict[str, object] | None) -> tuple[tuple[int, str, tuple[tuple[str, str], ...]], bool]:
    """``body``'s key among the materialised CTEs, and whether it reads only the world's tables and such CTEs
    (then any query of this world may share its rows)."""
    used = sorted((p.name, repr(params[p.name])) for p in body.find_all(exp.Placeholder) if params and p.name in params)
    key = (id(spark), body.sql(dialect="spark", comments=False), tuple(used))
    return key, all(t.name in _WORLD_VIEWS or t.name.startswith(_CTE_PREFIX) for t in body.find_all(exp.Table))


def forget_materialised() -> None:
    """Forget the CTEs materialised so far: the world's tables are about to change (``register_world``)."""
    _MATERIALISED.clear()


def _keep_inline(reader: exp.Expression, ctes: list[exp.CTE]) -> None:
    """``ctes`` (in their order) defined in ``reader``'s own WITH, before the ones it has."""
    if not ctes:
        return
    key = "with_" if "with_" in reader.arg_types else "with"
    own = reader.args.get(key)
    reader.set(key, exp.With(expressions=[*ctes, *(own.expressions if own is not None else [])]))


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
