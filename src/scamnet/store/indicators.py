"""Indicators: the store's own flagged entities as indicator facts, and partners' watchlists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import replace_table_rows

INDICATORS = table("indicators")

# Flagged entities of the given kinds, with their best score, gang, scam type and when they
# were active (first/last event that names them).
_FLAGGED_SQL = """
WITH flagged AS (
    SELECT entity, max(score) AS score FROM alerts WHERE split_part(entity, ':', 1) IN (SELECT unnest($kinds))
    GROUP BY entity),
seen AS (
    SELECT 'phone:' || caller AS entity, started_at AS ts FROM calls
    UNION ALL SELECT 'phone:' || sender, sent_at FROM messages
    UNION ALL SELECT 'account:' || src_account, ts FROM transfers
    UNION ALL SELECT 'account:' || dst_account, ts FROM transfers),
spans AS (SELECT entity, min(ts) AS first_seen, max(ts) AS last_seen FROM seen
          WHERE entity IN (SELECT entity FROM flagged) GROUP BY entity)
SELECT f.entity, f.score, s.first_seen, s.last_seen, m.gang_id, g.scam_types[1]
FROM flagged f LEFT JOIN spans s USING (entity)
LEFT JOIN (SELECT entity, min(gang_id) AS gang_id FROM gang_members GROUP BY entity) m USING (entity)
LEFT JOIN gangs g USING (gang_id)
ORDER BY f.entity
"""


@dataclass(frozen=True)
class FlaggedEntity:
    """What the store knows of a flagged entity: best score, activity span, gang and its main scam type."""

    entity: str
    score: float
    first_seen: datetime | None
    last_seen: datetime | None
    gang_id: str | None
    scam_type: str | None


def flagged_of_kinds(store: Store, kinds: list[str]) -> list[FlaggedEntity]:
    """The flagged entities of ``kinds`` (``phone``, ``account``, ...), in entity order."""
    return [FlaggedEntity(*r) for r in store.con.execute(_FLAGGED_SQL, {"kinds": kinds}).fetchall()]


def replace_watchlist(store: Store, source: str, rows: pa.Table) -> int:
    """Replace the indicators from ``source`` with ``rows``; all or nothing."""
    return replace_table_rows(store, INDICATORS, rows, "source = ?", [source])
