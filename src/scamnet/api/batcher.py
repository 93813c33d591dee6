"""Requests that arrive together are decided together, on the event loop, one group at a time.

The route hands its events to ``DecisionBatcher.decide`` and awaits the answer. The requests read
in one turn of the event loop wait together; the next turn decides them as one group (up to
``max_events`` events), right on the loop, while the requests that arrive meanwhile wait in the
sockets' buffers and form the next group. Under load the groups grow by themselves, so the fixed
cost of a call — validating the events, flushing the journal to disk, running the text and link
models — is shared by the requests of a group (group commit); a lone request is decided at once,
alone. Deciding on the loop's own thread spares each group two hops between threads and the
requests the wait for the interpreter's lock that a deciding thread made them take turns on
(one process decides under one lock either way): nothing but the loop touches the live state.

Reads and writes of the live state from other routes (``run``: an entity's view, the dissuasion
queue) run on a worker thread while no group is decided, so they never race a decision.

The journal is flushed on a thread of its own: while one group's events go to disk, the next group
is decided. Groups decided meanwhile are flushed together (one ``fsync`` per file for all of them),
in order, and a group's answers go out only once its own flush and every earlier one are done, so
an answer never speaks of an event that is not on disk (retries included).

The store's check (``watchlist_refresh_s``: its version marker, the keys, the listings when they
changed) runs on a third thread, so a group never waits for the store to open (40-60 ms here);
the next group decided after it finished takes what it read.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from scamnet.online.decider import Verdict
from scamnet.service.decide import DecisionService, Staged
from scamnet.service.memory import SurvivorFreezer

T = TypeVar("T")
log = logging.getLogger("scamnet.serve")
Events = Sequence[Mapping[str, Any]]
#: Turns of the event loop between two groups: a flush finished while a group was decided has its answers written.
_TURNS_TO_ANSWER = 3


class DecisionBatcher:
    """Groups the waiting requests and runs them, one group at a time, on the service's own thread."""

    def __init__(self, service: DecisionService, max_events: int) -> None:
        self.service, self.max_events = service, max_events
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scamnet-state")
        self._turn = asyncio.Lock()  # held by a group being decided, or by ``run``'s work: they take turns
        self._flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scamnet-flush")
        self._waiting: deque[tuple[Events, asyncio.Future[list[Verdict]]]] = deque()
        self._draining = False
        self._decided: deque[tuple[Staged, list[asyncio.Future[list[Verdict]]]]] = deque()
        self._flushing = False
        self._checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scamnet-check")
        self._checking = False
        self._freezer = SurvivorFreezer(service.settings.serve_gc_every_s)

    async def decide(self, events: Events) -> list[Verdict]:
        """The verdicts on one request's events (an ``InputError`` when the request is refused)."""
        answer: asyncio.Future[list[Verdict]] = asyncio.get_running_loop().create_future()
        self._waiting.append((events, answer))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await answer

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on a worker thread while no group is decided (a read of the live state must not race its
        updates; the work may read the store, which the loop must not wait for)."""
        async with self._turn:
            return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    async def _drain(self) -> None:
        try:
            while self._waiting:
                async with self._turn:  # ``run``'s work, if any, finishes first
                    self._check_store()
                    self._decide(self._next_group())
                # the loop reads what arrived meanwhile, and answers what was flushed before the next group is decided:
                # a flush done wakes ``_flush`` (one turn), which settles the requests' futures, whose tasks write
                # their answers (one turn each); the requests that arrive meanwhile join the next group
                for _ in range(_TURNS_TO_ANSWER):
                    await asyncio.sleep(0)
                self._freezer.maybe_freeze()  # after the answers: no full pass of the collector walks the live state
        finally:
            self._draining = False

    def _decide(self, group: list[tuple[Events, asyncio.Future[list[Verdict]]]]) -> None:
        """Decide one group on the loop and queue it for the journal's flush."""
        futures = [future for _, future in group]
        try:
            staged = self.service.decide_staged([events for events, _ in group], check_here=False)
        except Exception as exc:  # the whole group failed (e.g. not started): every request hears why
            for future in futures:
                _settle(future, exc)
            return
        self._decided.append((staged, futures))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        """Journal every group decided so far with one flush, then answer their requests; again while more wait."""
        try:
            while self._decided:
                done = list(self._decided)
                self._decided.clear()
                try:
                    await asyncio.get_running_loop().run_in_executor(
                        self._flusher, partial(self.service.commit, [staged for staged, _ in done]))
                except Exception as exc:  # not on disk: no request of these groups is answered 2xx, nor of the
                    # groups decided since, which may answer a retry of an event that is not on disk
                    later = list(self._decided)
                    self._decided.clear()
                    self.service.abandon([staged for staged, _ in later])
                    for _, futures in [*done, *later]:
                        for future in futures:
                            _settle(future, exc)
                    continue
                for staged, futures in done:
                    for future, answer in zip(futures, staged.answers, strict=True):
                        _settle(future, answer)
        finally:
            self._flushing = False

    def _check_store(self) -> None:
        """Start a check of the store on its own thread when one is due and none runs."""
        if self._checking or not self.service.refresh_due():
            return
        self._checking = True
        done = asyncio.get_running_loop().run_in_executor(self._checker, self.service.check_in_background)
        done.add_done_callback(self._checked)

    def _checked(self, done: asyncio.Future[None]) -> None:
        self._checking = False
        if not done.cancelled() and done.exception() is not None:
            log.warning("the store's check failed: %s", done.exception())

    def _next_group(self) -> list[tuple[Events, asyncio.Future[list[Verdict]]]]:
        group = [self._waiting.popleft()]
        size = len(group[0][0])
        while self._waiting and size + len(self._waiting[0][0]) <= self.max_events:
            size += len(self._waiting[0][0])
            group.append(self._waiting.popleft())
        return group

    async def fold_journal(self) -> None:
        """Fold the journal into the store every ``journal_fold_s`` while the service runs, on the store's thread
        (``DecisionService.fold_running``): a group never waits for it, and it takes turns with the store's checks."""
        while True:
            await asyncio.sleep(min(max(self.service.settings.journal_fold_s, 0.05), 1.0))
            if self.service.fold_due():
                try:
                    await asyncio.get_running_loop().run_in_executor(self._checker, self.service.fold_running)
                except Exception:  # logged; the lines stay set aside for the next fold or the next start
                    log.exception("the journal's fold failed")

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self._flusher.shutdown(wait=True)
        self._checker.shutdown(wait=True)
        if self.service.journal is not None:
            self.service.journal.close()


def _settle(future: asyncio.Future[list[Verdict]], answer: list[Verdict] | BaseException) -> None:
    if future.cancelled():  # the client went away; its events were still decided and journaled
        return
    if isinstance(answer, BaseException):
        future.set_exception(answer)
    else:
        future.set_result(answer)

