"""The shipped feature SQL, transpiled from DuckDB's dialect to Spark SQL by sqlglot.

The feature files are the one source of truth: the runner's placeholders are filled for the
period exactly as on the embedded path, then sqlglot rewrites the dialect. The only rewrite of
our own is an AST mapping where the two engines differ and sqlglot does not map it:

- ``hash`` is 64-bit in DuckDB, 32-bit in Spark: ``xxhash64`` keeps keys apart;
- ``epoch(ts)`` keeps microseconds in DuckDB; sqlglot's ``UNIX_TIMESTAMP`` drops them, so it
  becomes ``UNIX_MICROS(ts) / 1e6``;
- a decimal literal (``1.0``) is a DOUBLE on Spark: DuckDB averages decimals into a DOUBLE,
  Spark into a DECIMAL rounded to 5 places (``avg(CASE WHEN ... THEN 1.0 ELSE 0.0 END)``);
- a bare ``(TRUE)`` (an open period) is ``TRUE``: Spark's parser misreads ``t WHERE (TRUE)``
  as an alias with a column list;
- ``floor(x)`` is a DOUBLE, as DuckDB's floor of a DOUBLE (every ``floor`` of the feature SQL
  reads one: ``epoch`` and ``/`` give DOUBLEs); Spark's is a BIGINT, and a reason would read
  "11 days" where the embedded path writes "11.0 days";
- ``percentile_cont(f) WITHIN GROUP (ORDER BY x)`` is Spark's exact ``percentile(x, f)`` (the
  same interpolation): sqlglot writes ``PERCENTILE_APPROX``, an estimate.
Parameters (``$name``) are bound by Spark as named arguments (``:name``).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import sqlglot
from sqlglot import exp

from scamnet.features.data import Data
from scamnet.features.runner import feature_sql, period_sql

#: DuckDB function -> Spark function of the same meaning, where sqlglot keeps the name.
_RENAMED = {"hash": "xxhash64"}


def spark_feature_sql(name: str, since: datetime | None = None, until: datetime | None = None,
                      utc_offset_hours: float = 0.0, computed: frozenset[str] = frozenset()) -> str:
    """Feature query ``name`` for ``[since, until)``, in Spark SQL; the queries it includes whole
    that are in ``computed`` read their views (``computed_view``) instead.

    >>> "xxhash64(" in spark_feature_sql("money/account_events")
    True
    """
    period = Data(None, since, until)  # type: ignore[arg-type]  # only the period is read
    return transpiled(period_sql(feature_sql(name, computed), period, utc_offset_hours))


@lru_cache(maxsize=128)
def transpiled(duckdb_sql: str) -> str:
    """``duckdb_sql`` in Spark SQL; a construct sqlglot cannot carry over raises ``UnsupportedError``."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    tree = tree.transform(_rename)
    return tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE, comments=False)


def _rename(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.WithinGroup) and isinstance(node.this, exp.PercentileCont) and len(node.expression.expressions) == 1:
        ordered = node.expression.expressions[0]
        if not ordered.args.get("desc"):
            return exp.Anonymous(this="percentile", expressions=[ordered.this.copy(), node.this.this.copy()])
    # ``FROM t WHERE (TRUE)``: Spark reads ``WHERE (TRUE)`` as an alias with a column list
    if isinstance(node, exp.Paren) and isinstance(node.this, exp.Boolean):
        return node.this
    if isinstance(node, exp.Floor) and not isinstance(node.parent, exp.Cast):
        return exp.Cast(this=node.copy(), to=exp.DataType.build("double"))
    if isinstance(node, exp.TimeToUnix):  # DuckDB's epoch keeps the microseconds; UNIX_TIMESTAMP drops them
        micros = exp.Cast(this=exp.Anonymous(this="unix_micros", expressions=[node.this]), to=exp.DataType.build("double"))
        return exp.Paren(this=exp.Div(this=micros, expression=exp.Literal.number("1000000.0")))
    if isinstance(node, exp.Literal) and not node.is_string and "." in node.name and not isinstance(node.parent, exp.Cast):
        # 1.0 is a DECIMAL in both; DuckDB's avg of decimals is a DOUBLE, Spark's a DECIMAL of 5 places
        return exp.Cast(this=node.copy(), to=exp.DataType.build("double"))
    if isinstance(node, exp.Anonymous) and node.name.lower() in _RENAMED:
        return exp.Anonymous(this=_RENAMED[node.name.lower()], expressions=node.expressions)
    return node
