"""The decision service's use case: posted events → validated → decided on the live state → verdicts.

``DecisionService.start()`` loads the rules, the content detectors, the accounts' reference facts
and the watchlist, and rebuilds the live state from the store's history (in-process state only: a
Redis state shared by other instances is already current). ``decide_events`` validates a batch as
ingest validates (all or nothing: one bad event refuses the batch with every problem named), then
decides each event in the order given. The watchlist is reloaded without a restart: at most every
``watchlist_refresh_s`` seconds the store's cheap version marker is read, and the listings only
when it changed. A store another process is writing cannot be read for a moment; the service then
keeps the watchlist it has and tries again at the next check (``store_watch.StoreWatch``).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from scamnet.core.clock import Clock, SystemClock
from scamnet.core.errors import ConfigError, ScamnetError
from scamnet.core.settings import Settings
from scamnet.ingest.records import warm_up as warm_conversions
from scamnet.online.content import ContentJudge
from scamnet.online.decider import Decider, Verdict
from scamnet.online.events import KINDS
from scamnet.online.live import live_state, pay_history
from scamnet.rules.load import load_rules, starter_rules
from scamnet.service.decisions import RecentDecisions, decision_lines, decision_rows
from scamnet.service.dissuasion import TaskQueue
from scamnet.service.event_ids import AcceptedIds
from scamnet.service.event_validation import validated_each
from scamnet.service.journal import DECISIONS, TASKS, Journal, journal_lines
from scamnet.service.journal_fold import fold_journal, fold_while_running
from scamnet.service.keys import KeyRing
from scamnet.service.live_detectors import live_detectors
from scamnet.service.policies import decision_policy, victim_policy
from scamnet.service.readiness import Readiness
from scamnet.service.shared_fill import SharedStateWatch, rebuilt_live_state
from scamnet.service.shared_ids import SharedIds
from scamnet.service.store_watch import StoreWatch
from scamnet.store import Store, open_store
from scamnet.store.accounts import account_profiles
from scamnet.store.decisions import stored_decisions
from scamnet.store.keys import stored_keys
from scamnet.store.repo import read_table
from scamnet.store.tasks import tasks_to_work
from scamnet.store.watchlist import watchlist_version

log = logging.getLogger("scamnet.serve")
EVENT_TABLES = ("calls", "messages", "transfers", "sessions", "link_visits")


#: An accepted event (kind, row) and its journal line.
_Lined = tuple[tuple[str, dict[str, Any]], bytes]


@dataclass(frozen=True)
class Staged:
    """A decided group before its journal is flushed: each request's answer (verdicts or error), per event accepted
    the decision as JSON, its journal line (``None``: a retry), the fresh events, their decision rows and the
    journal lines."""

    answers: list[list[Verdict] | ScamnetError]
    published: list[bytes | None]
    fresh: list[tuple[str, dict[str, Any]]]
    kept: list[dict[str, Any]]
    lines: Sequence[tuple[str, Mapping[str, Any] | bytes]]


class DecisionService(StoreWatch):
    """One service instance: a decider over the store at ``db`` (optional: none = decide on live events only)."""

    def __init__(self, settings: Settings, db: Path | None, *, monotonic: Callable[[], float] = time.monotonic,
                 clock: Clock | None = None) -> None:
        self.settings, self.db, self.monotonic, self.clock = settings, db, monotonic, clock or SystemClock()
        if settings.auth not in ("on", "off"):
            raise ConfigError(f"auth = {settings.auth!r}", hint='auth is "on" (API keys required) or "off"')
        self.status = Readiness(state="redis" if settings.state_url else "memory", auth=settings.auth)
        self.decider: Decider | None = None
        self.keys = KeyRing()
        self.journal = Journal.of_store(db) if db is not None else None
        self.recent = RecentDecisions()
        self.queue = TaskQueue()
        self.ids = SharedIds(settings.state_url, settings.retry_memory_s) if settings.state_url else AcceptedIds()
        self._store_lock = threading.RLock()
        self._folded_at = monotonic()
        self.watch_store()
        self.shared_watch: SharedStateWatch | None = None  # set at start when the state is shared in Redis

    @contextmanager
    def store(self, *, read_only: bool = True, wait_s: float | None = None) -> Iterator[Store]:
        """The store, opened while no other thread of this service has it open.

        DuckDB refuses to open one file for reading and for writing at once in one process, and the
        service reads on its deciding thread, checks keys on request threads and writes analysts'
        verdicts and admins' keys on others: they take turns here.
        """
        assert self.db is not None
        with self.store_turn(), open_store(self.db, read_only=read_only, wait_s=wait_s) as store:
            yield store

    @contextmanager
    def store_turn(self) -> Iterator[None]:
        """This thread's turn with the store (for code that opens the store itself)."""
        with self._store_lock:
            yield

    def start(self) -> Readiness:
        """Load everything and rebuild the live state; the service is ready when this returns."""
        rules = load_rules(self.settings.rules_file) if self.settings.rules_file else starter_rules()
        state = live_state(self.settings)
        text_model = Path(self.settings.text_model) if self.settings.text_model else None
        brands = Path(self.settings.protected_brands_file) if self.settings.protected_brands_file else None
        self.decider = Decider(state, rules, decision_policy(self.settings), content=ContentJudge(text_model, brands),
                               history=pay_history(self.settings), utc_offset_hours=self.settings.utc_offset_hours,
                               victims=victim_policy(self.settings))
        self.status.rules = len([r for r in rules if r.enabled])
        kept = fold_journal(self) if self.db is not None and self.db.exists() else {}
        stored = self._load_store(self.db, self.decider) if self.db is not None and self.db.exists() else {}
        self.status.events_replayed = self._rebuild([t for t in (stored, kept) if t])
        self.status.ids_remembered = self.ids.seed([stored, kept])  # a retry across the restart is known
        # what start loaded (the live state rebuilt, models, profiles) lives as long as the service: the collector
        # need not walk it again at each full collection while the service decides (garbage collected first)
        gc.collect()
        gc.freeze()
        self.status.ready = True
        return self.status

    def _rebuild(self, history: list[dict[str, pa.Table]]) -> int:
        """The live state rebuilt from ``history`` (the store's events, then a journal it could not take yet)."""
        assert self.decider is not None
        replayed = rebuilt_live_state(self.decider, self.settings.state_url, history)
        if self.settings.state_url:
            self.shared_watch = SharedStateWatch(self.settings.state_url, self.settings.watchlist_refresh_s, self.monotonic)
        return replayed

    def check_shared(self) -> None:
        """Whether the Redis at ``state_url`` still holds the history it was filled with (``SharedStateWatch``): when it
        lost it, the service is no longer ready (``/readyz`` 503 says why) and the next instance to start refills it."""
        if self.shared_watch is not None and not self.status.shared_state_lost and self.shared_watch.lost():
            self.status.shared_state_lost, self.status.ready = True, False

    def _load_store(self, db: Path, decider: Decider) -> dict[str, pa.Table]:
        """Profiles, detectors, watchlist, keys and tasks from the store; its event tables (``_rebuild`` replays them)."""
        with self.store() as store:
            decider.profiles = account_profiles(store)
            decider.detectors = live_detectors(store, self.settings) if self.settings.online_detectors else None
            self._version, listings = watchlist_version(store), self._watchlist(store)
            self.keys = KeyRing(stored_keys(store))
            self.queue = TaskQueue([*tasks_to_work(store), *self.queue.rows.values()])
            tables = {name: read_table(store, name) for name in EVENT_TABLES}
        decider.watchlist = listings
        self.status.accounts, self.status.listed = len(decider.profiles), len(decider.watchlist)
        self.status.keys = len(self.keys)
        self.status.watchlist_checked_at = self.monotonic()
        return tables

    def fold_due(self) -> bool:
        """Whether this run's journal is due to be folded into the store (``journal_fold_s``; 0: only at start)."""
        every = self.settings.journal_fold_s
        return bool(every) and self.journal is not None and self.db is not None and \
            self.monotonic() - self._folded_at >= every

    def fold_running(self) -> int:
        """Fold this run's journal so far into the store (``journal_fold.fold_while_running``); the events it took."""
        self._folded_at = self.monotonic()
        return fold_while_running(self)

    def entity_view(self, entity: str, at: datetime | None = None) -> dict[str, Any]:
        """What the service knows of ``entity`` at ``at`` (default now): its listings and its live windows."""
        if self.decider is None:
            raise ScamnetError("the service is not started", hint="wait for /readyz")
        self.refresh()
        when = at or self.clock.now()
        listings = self.decider.watchlist.listings(entity)
        return {"entity": entity, "at": when.isoformat(), "listed": bool(listings),
                "listings": [{"source": x.source, "score": x.score, "reasons": list(x.reasons)} for x in listings],
                "live": self.decider.state.features(entity, when)}

    def decide_events(self, events: Sequence[Mapping[str, Any]]) -> list[Verdict]:
        """Validate every event (all or nothing), then decide each in the order given."""
        answer = self.decide_requests([events])[0]
        if isinstance(answer, ScamnetError):
            raise answer
        return answer

    def decide_requests(self, requests: Sequence[Sequence[Mapping[str, Any]]]) -> list[list[Verdict] | ScamnetError]:
        """Several posted batches at once, each all or nothing: its verdicts, or the ``InputError`` naming its problems
        (``decide_requests_kept`` says how)."""
        return self.decide_requests_kept(requests)[0]

    def decide_requests_kept(self, requests: Sequence[Sequence[Mapping[str, Any]]]
                             ) -> tuple[list[list[Verdict] | ScamnetError], list[bytes | None]]:
        """Each batch's verdicts or error, and per event of the batches accepted, in order, the decision kept as
        JSON (``decision_lines``; ``None`` for a retried event: its decision was kept when it was first accepted).

        The batches are validated together (one conversion instead of one per request), journaled with one
        flush to disk (group commit) and decided in the order given, messages judged together. A batch
        with a bad event is refused alone: the others are decided as if it had not been sent.
        """
        staged = self.decide_staged(requests)
        self.commit([staged])
        return staged.answers, staged.published

    def decide_staged(self, requests: Sequence[Sequence[Mapping[str, Any]]], *, check_here: bool = True) -> Staged:
        """``decide_requests_kept`` up to the journal: the answers may go out only after ``commit`` of this group.

        The decision service decides the next group while this one's journal is flushed to disk; a group's
        answers, retries included, wait for its own flush and every flush before it (``api.batcher``). With
        ``check_here`` false the store is not read here when its check is due (``api.batcher`` has it read on
        another thread, ``check_in_background``): what a finished check read is taken before the group.
        """
        if self.decider is None:
            raise ScamnetError("the service is not started", hint="wait for /readyz")
        started = time.perf_counter()
        if check_here:
            self.refresh()
        self._take_checked()
        validated = validated_each(requests, self.settings)
        # each event's journal line, made once: also what tells a retry from a reused id (``AcceptedIds.screen``)
        made = [None if isinstance(rows, ScamnetError) else journal_lines([(KINDS[k], row) for k, row in rows])
                for rows in validated]
        checked, repeats = self.ids.screen(validated, made)
        accepted = [(event, line) for rows, lines in zip(checked, made, strict=True) if not isinstance(rows, ScamnetError)
                    for event, line in zip(rows, lines or (), strict=True)]
        retried = [mark for marks in repeats for mark in marks]
        fresh_lines, verdicts, fresh_verdicts = self._decided(accepted, retried)
        fresh = [event for event, _ in fresh_lines]
        kept = decision_rows(fresh, fresh_verdicts, self.clock.now(), 1000 * (time.perf_counter() - started))
        tasks = self.queue.add(self.decider.victims.take_tasks())
        published = decision_lines(kept)  # the journal's line is what a Kafka intake publishes
        lines: list[tuple[str, Any]] = [*((KINDS[kind], line) for (kind, _), line in fresh_lines),
                                        *((DECISIONS, line) for line in published), *((TASKS, r) for r in tasks)] if fresh else []
        self.ids.remember(fresh)  # the next group's retries are known now; forgotten again if the flush fails
        answers, each = iter(verdicts), iter(published)
        return Staged([rows if isinstance(rows, ScamnetError) else [next(answers) for _ in rows] for rows in checked],
                      [None if again else next(each) for again in retried], fresh, kept, lines)

    def _decided(self, accepted: list[_Lined], retried: list[bool]) -> tuple[list[_Lined], list[Verdict], list[Verdict]]:
        """The fresh events (with their lines), the verdicts on every accepted event and those on the fresh ones."""
        if not any(retried):  # most groups: every event is fresh
            verdicts = self.decider.decide_many([event for event, _ in accepted])
            return accepted, verdicts, verdicts
        fresh_lines = [(event, line) for (event, line), again in zip(accepted, retried, strict=True) if not again]
        decided = iter(self.decider.decide_many([event for event, _ in fresh_lines]))
        # a retried event is judged on the state as it is now, neither applied nor journaled again
        verdicts = [self.decider.judge(*event) if again else next(decided)
                    for (event, _), again in zip(accepted, retried, strict=True)]
        return fresh_lines, verdicts, [v for v, again in zip(verdicts, retried, strict=True) if not again]

    def commit(self, groups: Sequence[Staged]) -> None:
        """Journal decided groups with one flush to disk: durable before the answer. A crash after this loses
        nothing acknowledged; a crash before it loses only unanswered events, which the live state rebuilt
        from the store at restart never saw."""
        lines = [line for staged in groups for line in staged.lines]
        if self.journal is not None and lines:
            try:
                self.journal.append(lines)
            except BaseException:
                for staged in groups:
                    self.ids.forget(staged.fresh)
                raise
        for staged in groups:
            self.recent.add(staged.kept)

    def abandon(self, groups: Sequence[Staged]) -> None:
        """Groups decided but never to be journaled (an earlier flush failed): their ids are forgotten."""
        for staged in groups:
            self.ids.forget(staged.fresh)

    def tasks(self, *, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """The dissuasion queue: tasks still to work (or of ``status``), most urgent first, with their scripts."""
        return self.queue.listing(status=status, limit=limit)

    def claim_task(self, task_id: str, officer: str) -> dict[str, Any]:
        """``officer`` takes a task (journaled before the answer)."""
        return self._journaled(self.queue.claim(task_id, officer, self.clock.now()))

    def close_task(self, task_id: str, outcome: str, officer: str, note: str | None = None) -> dict[str, Any]:
        """What came of the call (journaled before the answer), with what becomes of the held payment."""
        closed = self.queue.close(task_id, outcome, officer, note, self.clock.now())
        self._journaled({k: v for k, v in closed.items() if k != "held_payment"})
        return closed

    def _journaled(self, row: dict[str, Any]) -> dict[str, Any]:
        if self.journal is not None:
            self.journal.append([(TASKS, row)])
        return row

    def warm_up(self) -> None:
        """Pay the first-call costs on the calling thread (the one that will decide): the conversion's connection,
        the content models' first run."""
        warm_conversions()
        if self.decider is not None and self.decider.content is not None:
            self.decider.content.judged_many(["warm up: see http://example.com"])

    def decisions(self, *, entity: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """The newest decisions (about ``entity``), newest first: this run's, then those the store keeps."""
        found = self.recent.newest(entity=entity, limit=limit)
        if len(found) < limit and self.db is not None and self.db.exists():
            oldest = found[-1]["ts"] if found else None
            with self.store() as store:
                stored = stored_decisions(store, entity=entity, limit=limit)
            held = {r["decision_id"] for r in found}  # this run's folded into the store already (journal_fold_s)
            found += [r for r in stored if r["decision_id"] not in held and (oldest is None or r["ts"] <= oldest)
                      ][: limit - len(found)]
        return found

