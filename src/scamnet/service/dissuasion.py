"""The dissuasion queue the service keeps: tasks opened live, claimed by an officer, closed with an outcome.

While the service runs it owns the queue: each task (and each change to it: claimed, an outcome) is
journaled with the decisions before the answer, and kept in memory; at the next start the journal
is folded into the store's ``dissuasion_tasks`` (each task's newest version). At start the queue
is the store's tasks still to work plus the journal's. An outcome closes the task (``reached``
leaves it in progress, to call again) and says what becomes of the payment it held: ``persuaded``
cancels it, ``paid_anyway`` and ``false_alarm`` release it, ``unreachable`` keeps it held.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from scamnet.core.enums import TaskOutcome, TaskStatus
from scamnet.core.errors import ConfigError, ConflictError, NotFoundError
from scamnet.online.dissuasion import Task, script_for
from scamnet.store import open_store
from scamnet.store.tasks import TASKS, stored_tasks, upsert_tasks

_CLOSED = {TaskStatus.DONE.value, TaskStatus.CANCELLED.value}


class TaskQueue:
    """Task id → its newest row, for the tasks of this store still to work (and those closed since the start)."""

    def __init__(self, rows: Iterable[dict[str, Any]] = ()) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        for row in rows:
            self._keep(row)

    def _keep(self, row: dict[str, Any]) -> None:
        held = self.rows.get(row["task_id"])
        if held is None or (row["updated_at"] or row["created_at"]) >= (held["updated_at"] or held["created_at"]):
            self.rows[row["task_id"]] = row

    def add(self, tasks: Iterable[Task]) -> list[dict[str, Any]]:
        """Queue new tasks, or a task's new payment (its officer and status stay); the rows to journal."""
        rows = []
        for task in tasks:
            row, held = task.row(), self.rows.get(task.task_id)
            if held is not None and held["status"] in _CLOSED:  # closed already: the new payment is a task of its own
                row = {**row, "task_id": f"dt{secrets.token_hex(8)}"}
            elif held is not None:
                row = {**held, **{k: row[k] for k in ("txn_id", "amount", "priority", "reasons", "timeline", "updated_at")}}
            self._keep(row)
            rows.append(row)
        return rows

    def listing(self, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Tasks still to work (or of ``status``), most urgent first, each with its script."""
        chosen = [r for r in self.rows.values()
                  if (r["status"] == status if status else r["status"] not in _CLOSED)]
        chosen.sort(key=lambda r: (r["priority"], r["created_at"], r["task_id"]))
        return [{**r, "script": script_for(r["scam_type"])} for r in chosen[:limit]]

    def claim(self, task_id: str, officer: str, now: datetime) -> dict[str, Any]:
        """``officer`` takes the task: a 409 when another officer holds it or it is closed; the new row."""
        row = self._get(task_id)
        if row["status"] in _CLOSED:
            raise ConflictError(f"task {task_id} is closed ({row['outcome'] or row['status']})", hint="take an open task")
        if row["claimed_by"] not in (None, officer):
            raise ConflictError(f"task {task_id} is taken by {row['claimed_by']}", hint="take another task")
        return self._change(row, now, claimed_by=officer, status=TaskStatus.CLAIMED.value
                            if row["status"] == TaskStatus.OPEN.value else row["status"])

    def close(self, task_id: str, outcome: str, officer: str, note: str | None, now: datetime) -> dict[str, Any]:
        """Record what came of the call; the new row and what becomes of the held payment."""
        try:
            chosen = TaskOutcome(outcome)
        except ValueError:
            raise ConfigError(f"outcome {outcome!r}", hint="one of: " + ", ".join(o.value for o in TaskOutcome)) from None
        row = self._get(task_id)
        if row["status"] in _CLOSED:
            raise ConflictError(f"task {task_id} is closed already ({row['outcome']})", hint="nothing to change")
        if row["claimed_by"] not in (None, officer):
            raise ConflictError(f"task {task_id} is taken by {row['claimed_by']}", hint="only they close it")
        changed = self._change(row, now, claimed_by=officer, outcome=chosen.value, status=chosen.status.value,
                               note=note)
        return {**changed, "held_payment": chosen.held_payment if row["txn_id"] else None}

    def _get(self, task_id: str) -> dict[str, Any]:
        if task_id not in self.rows:
            raise NotFoundError(f"no dissuasion task {task_id!r} to work", hint="GET /v1/dissuasion lists them")
        return self.rows[task_id]

    def _change(self, row: dict[str, Any], now: datetime, **changes: Any) -> dict[str, Any]:
        new = {**row, **changes, "updated_at": now}
        self.rows[row["task_id"]] = new
        return new


def read_task_lines(files: Iterable[Path]) -> list[dict[str, Any]]:
    """Journaled task rows (JSON Lines, every value as text) back to typed rows."""
    rows = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for name in ("created_at", "updated_at"):
                row[name] = datetime.fromisoformat(row[name]) if row.get(name) else None
            row["priority"] = int(row["priority"])
            row["amount"] = float(row["amount"]) if row.get("amount") not in (None, "") else None
            rows.append(row)
    return rows


def stored_queue(db: Path, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The store's dissuasion queue (what a stopped service left), most urgent first."""
    with open_store(db, read_only=True) as store:
        queue = TaskQueue(stored_tasks(store, open_only=status is None))
    return queue.listing(status=status, limit=limit)


def change_stored_task(db: Path, task_id: str, officer: str, now: datetime, outcome: str | None = None,
                       note: str | None = None) -> dict[str, Any]:
    """Claim a task of the store (or record its ``outcome``) while no service holds the queue; the new row."""
    with open_store(db) as store:
        queue = TaskQueue(stored_tasks(store, open_only=False))
        changed = queue.claim(task_id, officer, now) if outcome is None else queue.close(task_id, outcome, officer, note, now)
        upsert_tasks(store, pa.Table.from_pylist([{k: v for k, v in changed.items() if k != "held_payment"}],
                                                 schema=TASKS.schema))
    return changed
