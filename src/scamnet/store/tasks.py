"""Dissuasion tasks as the store keeps them: the newest version of each task, and the ones still to work."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows

TASKS = table("dissuasion_tasks")
#: Statuses of tasks someone still has to work.
OPEN_STATUSES = ("open", "claimed", "contacted")


def upsert_tasks(store: Store, rows: pa.Table) -> int:
    """Keep each task's newest version (by ``updated_at``): replaced if the store has an older one; how many kept."""
    if rows.num_rows == 0:
        return 0
    newest: dict[str, dict[str, Any]] = {}
    for row in rows.to_pylist():
        held = newest.get(row["task_id"])
        if held is None or (row["updated_at"] or row["created_at"]) >= (held["updated_at"] or held["created_at"]):
            newest[row["task_id"]] = row
    latest = pa.Table.from_pylist(list(newest.values()), schema=TASKS.schema)
    with store.transaction() as con:
        con.register("_given_tasks", latest)
        try:
            con.execute("DELETE FROM dissuasion_tasks WHERE task_id IN (SELECT g.task_id FROM _given_tasks g "
                        "JOIN dissuasion_tasks t USING (task_id) "
                        "WHERE coalesce(g.updated_at, g.created_at) >= coalesce(t.updated_at, t.created_at))")
            kept = {r[0] for r in con.execute("SELECT task_id FROM dissuasion_tasks "
                                              "WHERE task_id IN (SELECT task_id FROM _given_tasks)").fetchall()}
        finally:
            con.unregister("_given_tasks")
        fresh = latest.filter(pa.array([t not in kept for t in latest["task_id"].to_pylist()], pa.bool_()))
        return append_rows(con, TASKS, fresh)


def stored_tasks(store: Store, *, open_only: bool = True) -> list[dict[str, Any]]:
    """The stored tasks (only those still to work), most urgent first."""
    where = f"WHERE status IN {OPEN_STATUSES}" if open_only else ""
    rows: pa.Table = store.con.sql(f"SELECT {', '.join(TASKS.column_names)} FROM dissuasion_tasks {where} "
                                   "ORDER BY priority, created_at, task_id").to_arrow_table()
    return rows.cast(TASKS.schema).to_pylist()


def tasks_to_work(store: Store) -> list[dict[str, Any]]:
    """``stored_tasks`` still to work; none in a store older than the queue (migration 0006) opened read-only."""
    try:
        return stored_tasks(store)
    except duckdb.Error:
        return []
