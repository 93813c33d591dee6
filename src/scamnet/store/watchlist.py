"""The watchlist the decision service reads: flagged entities with their best score and why, and a cheap version.

Open alerts (any status but ``dismissed``) come with the detector that raised them and its
reasons; partners' raw indicators (imported with ``scamnet share import``) with their source and
confidence. Partners' keyed hashes are listed apart (``hashed_watchlist_entries``, entity
``kind:<hash>``): the service finds them by hashing a live event's entities with the shared secret.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from scamnet.store.db import Store

_ENTRIES_SQL = """
SELECT entity, detector AS source, score, reasons FROM alerts WHERE status <> 'dismissed'
UNION ALL
SELECT kind || ':' || value, 'partner:' || source, confidence, [coalesce(scam_type, 'shared indicator')]
FROM indicators WHERE NOT hashed AND source <> 'own'
ORDER BY entity, score DESC, source
"""
_HASHED_SQL = """
SELECT kind || ':' || value, 'partner:' || source, confidence, [coalesce(scam_type, 'shared indicator (keyed hash)')]
FROM indicators WHERE hashed AND source <> 'own'
ORDER BY 1, 3 DESC, 2
"""
# Changes when a run replaces alerts, an analyst dismisses one, or a partner's bundle is imported.
_VERSION_SQL = """
SELECT (SELECT count(*) FROM alerts), (SELECT max(created_at) FROM alerts),
       (SELECT coalesce(sum(hash(entity, detector, score, status)), 0) FROM alerts),
       (SELECT count(*) FROM indicators),
       (SELECT coalesce(sum(hash(indicator_id, confidence)), 0) FROM indicators)
"""


@dataclass(frozen=True)
class Listing:
    """One reason an entity is on the watchlist: who listed it (detector or partner), the score, the evidence."""

    entity: str
    source: str
    score: float
    reasons: tuple[str, ...]


def watchlist_entries(store: Store) -> list[Listing]:
    """Every listing of every flagged entity, by entity then score (highest first)."""
    rows = store.con.execute(_ENTRIES_SQL).fetchall()
    return [Listing(entity, source, float(score), tuple(reasons or ())) for entity, source, score, reasons in rows]


def hashed_watchlist_entries(store: Store) -> list[Listing]:
    """Partners' keyed-hash indicators as listings of ``kind:<hash>``, best first."""
    rows = store.con.execute(_HASHED_SQL).fetchall()
    return [Listing(entity, source, float(score), tuple(reasons or ())) for entity, source, score, reasons in rows]


def watchlist_table(store: Store) -> pa.Table:
    """``entity`` and ``score`` of every listing: the ``watchlist`` table the rules back-test joins."""
    listed = watchlist_entries(store)
    return pa.table({"entity": [x.entity for x in listed], "score": [x.score for x in listed]},
                    schema=pa.schema([("entity", pa.string()), ("score", pa.float64())]))


def transfer_accounts(store: Store) -> list[str]:
    """Every account a transfer names, as payer or payee."""
    rows = store.con.execute(
        "SELECT src_account FROM transfers WHERE src_account IS NOT NULL "
        "UNION SELECT dst_account FROM transfers WHERE dst_account IS NOT NULL").fetchall()
    return [account for (account,) in rows]


def watchlist_version(store: Store) -> tuple[object, ...]:
    """A marker that changes whenever the watchlist does; cheap enough to ask every few seconds."""
    return tuple(store.con.execute(_VERSION_SQL).fetchone() or ())
