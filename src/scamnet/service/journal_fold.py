"""The journal of the service's last run, folded into the store at start (``DecisionService.start``).

Events are ingested like any JSON Lines file (a row already present is not added twice), decisions
and dissuasion tasks stored each once; what the store cannot take now (another process writes it)
stays in the journal for a later start, and the events are then replayed into the live state.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pyarrow as pa

from scamnet.core.errors import ScamnetError
from scamnet.schema import table
from scamnet.service.decisions import read_decision_lines
from scamnet.service.dissuasion import TaskQueue, read_task_lines
from scamnet.service.ingest import ingest_files
from scamnet.service.journal import DECISIONS, TASKS
from scamnet.store.decisions import add_decisions
from scamnet.store.tasks import upsert_tasks

if TYPE_CHECKING:
    from scamnet.service.decide import DecisionService

log = logging.getLogger("scamnet.serve")


def fold_journal(service: DecisionService) -> dict[str, pa.Table]:
    """Ingest the journal of the last run into the store; its tables when the store cannot take them now."""
    assert service.journal is not None and service.db is not None
    _fold_decisions(service)
    _fold_tasks(service)
    files = service.journal.files()
    if not files:
        return {}
    try:
        summaries = ingest_files(files, service.db, service.settings, wait_s=0)  # start now; fold at a later start
    except ScamnetError as exc:
        log.warning("journal kept (%s); its events are replayed into the live state", exc.message)
        return service.journal.tables()
    service.journal.clear()
    service.status.journal_folded = sum(s.new for s in summaries)
    return {}


def _fold_tasks(service: DecisionService) -> None:
    """Store the tasks the last run journaled (each one's newest version); into the queue either way."""
    assert service.journal is not None and service.db is not None
    files = service.journal.files(TASKS)
    if not files:
        return
    rows = read_task_lines(files)
    service.queue = TaskQueue([*service.queue.rows.values(), *rows])
    try:
        with service.store(read_only=False, wait_s=0) as store:
            upsert_tasks(store, pa.Table.from_pylist(rows, schema=table("dissuasion_tasks").schema))
    except ScamnetError as exc:
        log.warning("dissuasion tasks kept in the journal (%s)", exc.message)
        return
    service.journal.clear(TASKS)


def _fold_decisions(service: DecisionService) -> None:
    """Store the decisions the last run journaled (each once); kept in the journal while the store is busy."""
    assert service.journal is not None and service.db is not None
    files = service.journal.files(DECISIONS)
    if not files:
        return
    try:
        with service.store(read_only=False, wait_s=0) as store:
            service.status.decisions_folded = add_decisions(store, read_decision_lines(files))
    except ScamnetError as exc:
        log.warning("decisions kept in the journal (%s)", exc.message)
        return
    service.journal.clear(DECISIONS)
