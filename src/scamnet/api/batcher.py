"""Requests that arrive together are decided together, on one thread that owns the live state.

The route hands its events to ``DecisionBatcher.decide`` and awaits the answer. One worker thread
runs the service: while it decides a group, new requests queue; when it is free it takes every
request waiting (up to ``max_events`` events) as the next group. Under load the groups grow by
themselves, so the fixed cost of a call — converting the events, flushing the journal to disk,
running the text and link models — is shared by the requests of a group (group commit); a lone
request is decided at once, alone. The event loop never runs the decision itself, so it keeps
reading requests while the thread works, and nothing but that thread touches the live state.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from scamnet.online.decider import Verdict
from scamnet.service.decide import DecisionService

T = TypeVar("T")
Events = Sequence[Mapping[str, Any]]


class DecisionBatcher:
    """Groups the waiting requests and runs them, one group at a time, on the service's own thread."""

    def __init__(self, service: DecisionService, max_events: int) -> None:
        self.service, self.max_events = service, max_events
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scamnet-decide")
        self._waiting: deque[tuple[Events, asyncio.Future[list[Verdict]]]] = deque()
        self._draining = False

    async def decide(self, events: Events) -> list[Verdict]:
        """The verdicts on one request's events (an ``InputError`` when the request is refused)."""
        answer: asyncio.Future[list[Verdict]] = asyncio.get_running_loop().create_future()
        self._waiting.append((events, answer))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await answer

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the service's thread (a read of the live state must not race its updates)."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    async def _drain(self) -> None:
        try:
            while self._waiting:
                group = self._next_group()
                requests = [events for events, _ in group]
                try:
                    answers = await self.run(partial(self.service.decide_requests, requests))
                except Exception as exc:  # the whole group failed (e.g. not started): every request hears why
                    for _, future in group:
                        _settle(future, exc)
                    continue
                for (_, future), answer in zip(group, answers, strict=True):
                    _settle(future, answer)
        finally:
            self._draining = False

    def _next_group(self) -> list[tuple[Events, asyncio.Future[list[Verdict]]]]:
        group = [self._waiting.popleft()]
        size = len(group[0][0])
        while self._waiting and size + len(self._waiting[0][0]) <= self.max_events:
            size += len(self._waiting[0][0])
            group.append(self._waiting.popleft())
        return group

    def close(self) -> None:
        self._thread.shutdown(wait=True)


def _settle(future: asyncio.Future[list[Verdict]], answer: list[Verdict] | BaseException) -> None:
    if future.cancelled():  # the client went away; its events were still decided and journaled
        return
    if isinstance(answer, BaseException):
        future.set_exception(answer)
    else:
        future.set_result(answer)

