"""The decision service's decisions as the store keeps them: added once each, read back newest first."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows

DECISIONS = table("decisions")


def add_decisions(store: Store, rows: pa.Table) -> int:
    """Store the decisions whose ``decision_id`` the store does not hold yet; how many were new."""
    ids = rows.column("decision_id").to_pylist()
    if not ids:
        return 0
    with store.transaction() as con:
        con.register("_given_ids", pa.table({"decision_id": ids}))
        try:
            held = {r[0] for r in con.execute(
                "SELECT d.decision_id FROM decisions d JOIN _given_ids g USING (decision_id)").fetchall()}
        finally:
            con.unregister("_given_ids")
        new = rows.filter(pa.array([i not in held for i in ids], pa.bool_()))
        if new.num_rows:
            append_rows(con, DECISIONS, new.cast(DECISIONS.schema))
    return new.num_rows


def stored_decisions(store: Store, *, entity: str | None = None, since: datetime | None = None,
                     limit: int = 100) -> list[dict]:
    """The newest ``limit`` decisions (about ``entity``, made at or after ``since``), newest first."""
    where: list[str] = []
    params: list[object] = []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if since is not None:
        where.append("ts >= ?")
        params.append(since)
    sql = (f"SELECT {', '.join(DECISIONS.column_names)} FROM decisions"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY ts DESC, decision_id DESC LIMIT ?")
    found: pa.Table = store.con.sql(sql, params=[*params, limit]).to_arrow_table()
    return found.cast(DECISIONS.schema).to_pylist()
