"""Per-account money features: the SQL queries in ``features/sql/money`` joined into one table.

Each query gives one row per account it has something to say about; accounts missing from a
query get its neutral value (0, or null where "unknown" differs from 0, like forwarding time).
"""

from __future__ import annotations

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.runner import run_feature

QUERIES = (
    "money/account_flows",
    "money/pass_through",
    "money/shared_devices",
    "money/flow_patterns",
    "money/victim_proximity",
)

#: Columns that stay null when unknown (no inflow, no payment out, no opening date).
UNKNOWN_KEPT = frozenset({"kept_share", "cashout_share", "median_forward_minutes", "age_days_at_first_in",
                          "pass_through_1h", "pass_through_24h", "burst_ratio",
                          "busiest_day_pass_through"})


def mule_features(data: Data, queries: tuple[str, ...] = QUERIES) -> pa.Table:
    """One row per account that moved money in the period, one column per feature, sorted by account."""
    parts = {name.split("/")[1]: run_feature(data, name) for name in queries}
    con = data.con
    for name, part in parts.items():
        con.register(f"_money_{name}", part)
    try:
        return con.sql(_join_sql(parts)).to_arrow_table()
    finally:
        for name in parts:
            con.unregister(f"_money_{name}")


def _join_sql(parts: dict[str, pa.Table]) -> str:
    first, *rest = parts
    columns = []
    for name, part in parts.items():
        for col in part.column_names:
            if col == "account_id":
                continue
            value = f"_money_{name}.{col}"
            value = value if col in UNKNOWN_KEPT else f"coalesce({value}, 0)"
            columns.append(f"CAST({value} AS DOUBLE) AS {col}")
    joins = "".join(f" LEFT JOIN _money_{name} USING (account_id)" for name in rest)
    return (f"SELECT account_id, {', '.join(columns)} FROM _money_{first}{joins} "
            f"WHERE account_id IS NOT NULL ORDER BY account_id")
