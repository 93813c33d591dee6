"""The journal folded into the store: the last run's at start (``DecisionService.start``), and this run's
every ``journal_fold_s`` while the service runs (``fold_while_running``).

Events are ingested like any JSON Lines file (a row already present is not added twice), decisions
and dissuasion tasks stored each once; what the store cannot take now (another process writes it)
stays in the journal for a later fold, and at start the events are then replayed into the live state.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from scamnet.core.errors import ScamnetError
from scamnet.schema import table
from scamnet.service.decisions import read_decision_lines
from scamnet.service.dissuasion import TaskQueue, read_task_lines
from scamnet.service.ingest import ingest_files
from scamnet.service.journal import DECISIONS, OUTPUTS, TASKS
from scamnet.service.journal_clashes import set_clashes_aside
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
        files = _set_clashes_aside(service, files)
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


#: How long a fold while the service runs waits for the store when another process writes it (then: the next fold).
RUNNING_WAIT_S = 5.0


def fold_while_running(service: DecisionService) -> int:
    """This process's journal so far set aside (``Journal.rotate``) and folded into the store, so that batch runs,
    traces and the analyst's console see the live events within ``journal_fold_s`` rather than at the next start;
    how many events the store took. What the store cannot take now stays set aside for the next fold (or the next
    start); a crash in between folds it at the next start, where a row already stored is not added twice."""
    assert service.journal is not None and service.db is not None
    files = service.journal.rotate()
    parts = {name: [f for f in files if _table_of(f) == name] for name in OUTPUTS}
    events = [f for f in files if _table_of(f) not in OUTPUTS]
    taken = 0
    try:
        with service.store_turn():
            if events:
                kept = _set_clashes_aside(service, events)
                if kept:
                    taken = sum(s.new for s in ingest_files(kept, service.db, service.settings, wait_s=RUNNING_WAIT_S))
                _remove(events)
            if parts[DECISIONS]:
                with service.store(read_only=False, wait_s=RUNNING_WAIT_S) as store:
                    service.status.decisions_folded += add_decisions(store, read_decision_lines(parts[DECISIONS]))
                _remove(parts[DECISIONS])
            if parts[TASKS]:
                rows = read_task_lines(parts[TASKS])
                with service.store(read_only=False, wait_s=RUNNING_WAIT_S) as store:
                    upsert_tasks(store, pa.Table.from_pylist(rows, schema=table(TASKS).schema))
                _remove(parts[TASKS])
    except ScamnetError as exc:
        log.warning("journal kept for the next fold (%s)", exc.message)
    service.status.journal_folded += taken
    return taken


def _set_clashes_aside(service: DecisionService, files: list[Path]) -> list[Path]:
    """Lines reusing an id the store or the journal holds with other content moved to ``<journal>/rejected/``
    (``journal_clashes``); the files that still hold lines to fold."""
    assert service.journal is not None
    with service.store() as store:
        service.status.journal_rejected += set_clashes_aside(store, files, service.journal.folder / "rejected")
    return [path for path in files if path.stat().st_size]


def _table_of(path: Path) -> str:
    return path.stem.split("-")[0]


def _remove(files: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)  # a worker starting may have folded and removed it already
