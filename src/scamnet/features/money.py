"""Per-account money features: ``features/sql/money/mule_features.sql``, which joins the money
queries with the time-ordered features of ``money_sequence`` (computed in NumPy, see there why).
"""

from __future__ import annotations

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.money_sequence import sequence_features
from scamnet.features.runner import run_feature


def mule_features(data: Data, utc_offset_hours: float = 8.0) -> pa.Table:
    """One row per account that moved money in the period, one column per feature, sorted by account.

    ``utc_offset_hours`` sets the local clock of the night-time share.
    """
    return run_feature(data, "money/mule_features", utc_offset_hours=utc_offset_hours,
                       tables={"account_sequence": sequence_features(data)})


def without_reports(data: Data) -> Data:
    """``data`` on a cursor of its own where the victims' reports and their items are empty: what the
    money features give when nobody reported (``bench money`` measures every mode both ways).

    Works on views over world folders (``Data.from_dir``); tables registered on a connection are not
    seen by another cursor.
    """
    con = data.con.cursor()
    for name in ("reports", "report_items"):
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM main.{name} WHERE FALSE")
    return Data(con, data.since, data.until)
