"""Per-account money features: the SQL queries in ``features/sql/money`` and the time-ordered
features of ``money_sequence`` joined into one table.

Each part gives one row per account it has something to say about; accounts missing from a part
get its neutral value (0, or null where "unknown" differs from 0, like forwarding time).
"""

from __future__ import annotations

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.money_sequence import sequence_features
from scamnet.features.runner import run_feature

QUERIES = (
    "money/account_flows",
    "money/shared_devices",
    "money/flow_patterns",
    "money/victim_proximity",
)

#: Columns that stay null when unknown (no inflow, no payment out, no opening date).
UNKNOWN_KEPT = frozenset({"kept_share", "cashout_share", "median_forward_minutes", "age_days_at_first_in",
                          "pass_through_1h", "pass_through_24h", "burst_ratio", "busiest_day_pass_through",
                          "busiest_day_pass_through_24h"})


def mule_features(data: Data, utc_offset_hours: float = 8.0) -> pa.Table:
    """One row per account that moved money in the period, one column per feature, sorted by account.

    ``utc_offset_hours`` sets the local clock of the night-time share.
    """
    parts = {name.split("/")[1]: run_feature(data, name, utc_offset_hours=utc_offset_hours) for name in QUERIES}
    sequence = sequence_features(data)
    con = data.con
    for name, part in parts.items():
        con.register(f"_money_{name}", part)
    con.register("_money_sequence", sequence)
    try:
        return con.sql(_join_sql(parts, sequence)).to_arrow_table()
    finally:
        for name in [*parts, "sequence"]:
            con.unregister(f"_money_{name}")


def _join_sql(parts: dict[str, pa.Table], sequence: pa.Table) -> str:
    first, *rest = parts
    columns = [_column(f"_money_{name}", col) for name, part in parts.items()
               for col in part.column_names if col != "account_id"]
    columns += [_column("_money_sequence", col) for col in sequence.column_names if col != "k"]
    joins = "".join(f" LEFT JOIN _money_{name} USING (account_id)" for name in rest)
    joins += f" LEFT JOIN _money_sequence ON _money_sequence.k = hash(_money_{first}.account_id)"
    return (f"SELECT account_id, {', '.join(columns)} FROM _money_{first}{joins} "
            f"WHERE account_id IS NOT NULL ORDER BY account_id")


def _column(source: str, col: str) -> str:
    value = f"{source}.{col}" if col in UNKNOWN_KEPT else f"coalesce({source}.{col}, 0)"
    return f"CAST({value} AS DOUBLE) AS {col}"
