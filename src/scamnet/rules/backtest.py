"""Back-testing: every rule run as SQL over a table of past events' contexts (one row per event).

The context table has a key column (``txn_id`` for transfers) and one column per vocabulary
field; ``features/sql/rules/transfer_context.sql`` computes it from the store. The decision of
each event is taken from the rules' SQL truth values with the same ``strongest`` as the live
``decide``, so the two can only differ if the Python and SQL forms of a rule do (a parity test
guards that).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from scamnet.core.errors import ConfigError
from scamnet.rules.decide import strongest
from scamnet.rules.model import Rule
from scamnet.rules.sql import hits_query


def rule_hits(rules: Sequence[Rule], context: pa.Table, key: str) -> pa.Table:
    """``key`` and one boolean column per enabled rule (named as the rule): did it fire on the event."""
    enabled = [r for r in rules if r.enabled]
    missing = sorted({f for r in enabled for f in r.fields} - set(context.column_names))
    if missing:
        raise ConfigError(f"the context lacks field(s) {', '.join(missing)}",
                          hint="rules on this event kind cannot be back-tested on this context")
    con = duckdb.connect()
    try:
        con.register("context", context)
        return con.sql(hits_query([(r.name, r.tree) for r in enabled], "context", key)).to_arrow_table()
    finally:
        con.close()


def backtest_decisions(rules: Sequence[Rule], hits: pa.Table, key: str) -> pa.Table:
    """``key``, ``action`` and ``rules`` (fired, by priority) for every event of ``hits``."""
    enabled = sorted((r for r in rules if r.enabled), key=lambda r: (-r.priority, r.name))
    columns = {r.name: hits[r.name].to_pylist() for r in enabled}
    fired = [[r for r in enabled if columns[r.name][i]] for i in range(hits.num_rows)]
    return pa.table({
        key: hits[key],
        "action": pa.array([strongest(r.action for r in row).value for row in fired], pa.string()),
        "rules": pa.array([[r.name for r in row] for row in fired], pa.list_(pa.string())),
    })
