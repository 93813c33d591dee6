"""Analysts' verdicts on alerts: kept with who and when, and the newest sets the alert's status.

A detector that runs again replaces its alerts (``alerts.replace_alerts``); the verdicts stay in
``alert_reviews`` and are applied again to the new rows, so an alert an analyst dismissed stays
dismissed (and off the decision service's watchlist) until someone reopens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from scamnet.core.enums import ReviewVerdict
from scamnet.core.errors import NotFoundError
from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows

ALERT_REVIEWS = table("alert_reviews")



def _status_of(verdict_sql: str) -> str:
    """SQL for the alert status a verdict (the SQL expression ``verdict_sql``) leaves."""
    return f"CASE {verdict_sql} " + " ".join(f"WHEN '{v.value}' THEN '{v.status.value}'" for v in ReviewVerdict) + " END"


@dataclass(frozen=True)
class Review:
    review_id: str
    entity: str
    detector: str
    verdict: str
    analyst: str
    note: str | None
    reviewed_at: datetime


def add_reviews(store: Store, reviews: Sequence[Review]) -> None:
    """Keep ``reviews`` and set their alerts' status; all or nothing, and none when an alert does not exist."""
    with store.transaction() as con:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _reviewed (entity VARCHAR, detector VARCHAR)")
        con.execute("DELETE FROM _reviewed")
        con.executemany("INSERT INTO _reviewed VALUES (?, ?)", [[r.entity, r.detector] for r in reviews])
        missing = con.execute("SELECT r.entity, r.detector FROM _reviewed r ANTI JOIN alerts a "
                              "ON a.entity = r.entity AND a.detector = r.detector LIMIT 1").fetchall()
        if missing:
            entity, detector = missing[0]
            raise NotFoundError(f"no alert of detector {detector!r} on {entity!r}",
                                hint="GET /v1/alerts (or scamnet alerts list) shows the alerts; nothing was changed")
        append_rows(con, ALERT_REVIEWS, pa.Table.from_pylist([r.__dict__ for r in reviews], schema=ALERT_REVIEWS.schema))
        apply_reviews(con)


def apply_reviews(con: duckdb.DuckDBPyConnection, detector: str | None = None) -> None:
    """Set each reviewed alert's status (of ``detector``, or all) from its newest review."""
    where, params = ("WHERE detector = ?", [detector]) if detector else ("", [])
    con.execute(
        "UPDATE alerts SET status = newest.status FROM ("
        f"  SELECT entity, detector, {_status_of('arg_max(verdict, reviewed_at)')} AS status"
        f"  FROM alert_reviews {where} GROUP BY entity, detector) newest "
        "WHERE alerts.entity = newest.entity AND alerts.detector = newest.detector", params)


def reviews_of(store: Store, entity: str, detector: str | None = None) -> list[Review]:
    """Every review of ``entity``'s alerts (of ``detector``), newest first."""
    if not store.has_table("alert_reviews"):
        return []
    where, params = ("entity = ?" + (" AND detector = ?" if detector else "")), [entity, *([detector] if detector else [])]
    rows = store.con.execute(f"SELECT {', '.join(ALERT_REVIEWS.column_names)} FROM alert_reviews WHERE {where} "
                             "ORDER BY reviewed_at DESC, review_id DESC", params).fetchall()
    return [Review(*r) for r in rows]
