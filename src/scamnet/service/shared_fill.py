"""Whether the live state shared in Redis holds the store's history, and whose turn it is to put it there.

With ``state_url`` set, a restarted instance does not replay the store into Redis: the instances that kept
running kept the shared state current. But a Redis that starts empty (the first deployment, or a server
restarted without persistence) holds no history at all, and every instance would then decide on empty windows
and an empty pay history: every payee new, no mule's inflow, until the windows filled again. So the instance
that fills the shared state marks it (``<prefix>:state:filled``, with when and how many events), and at start
an instance that finds no mark takes the turn (``<prefix>:state:filling``, kept alive while it works) and
replays the store; the others wait for the mark instead of filling it a second time (updates add up, so two
fills would count every event twice). A fill that failed or died leaves ``<prefix>:state:partial``: the next
instance clears what it wrote before it fills. A running instance that finds the mark gone (the Redis lost its data
under it) sets the same partial mark and says so on ``/readyz`` (``DecisionService.check_shared``): the next
instance to start refills the state.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scamnet.core.errors import ScamnetError
from scamnet.online.redis_state import redis_client

if TYPE_CHECKING:
    import pyarrow as pa

    from scamnet.online.decider import Decider

log = logging.getLogger("scamnet.serve")

#: How long a turn lasts unless its holder renews it (every third of it while it fills).
TURN_MS = 30_000


class SharedFill:
    """The mark and the turn of the shared state's fill, in the Redis at ``url``."""

    def __init__(self, url: str, prefix: str = "sn", wait_s: float = 3600.0) -> None:
        self._client: Any = redis_client(url)
        self._prefix = prefix
        self._filled, self._filling = f"{prefix}:state:filled", f"{prefix}:state:filling"
        self._partial = f"{prefix}:state:partial"
        self._token = uuid.uuid4().hex
        self._wait_s = wait_s
        self._renewing: threading.Event | None = None

    def claim(self) -> bool:
        """True: the shared state is empty and this instance now holds the turn to fill it (then ``done``); false:
        it is filled (at once, or after waiting for the instance filling it)."""
        deadline = time.monotonic() + self._wait_s
        while not self._client.exists(self._filled):
            if self._client.set(self._filling, self._token, nx=True, px=TURN_MS):
                if self._client.exists(self._filled):  # filled between the two questions
                    self._release()
                    return False
                if self._client.exists(self._partial):  # a fill that failed or died left part of the history
                    self._clear_state()
                elif self._holds_state():  # kept by instances that ran before the mark existed: current
                    self.done(None)
                    return False
                self._client.set(self._partial, self._token)  # until ``done``: what is there is not the whole history
                self._renew()
                return True
            if time.monotonic() > deadline:
                raise ScamnetError(f"another instance has been filling the shared state for over {self._wait_s:.0f} s",
                                   hint=f"check the other instances; delete the Redis key {self._filling} if none is")
            time.sleep(0.2)
        return False

    def _state_keys(self) -> Iterator[bytes]:
        """The keys of the shared state: every key under the prefix but the mark, the turn and the fill's own."""
        own = f"{self._prefix}:state:".encode()
        return (key for key in self._client.scan_iter(match=f"{self._prefix}:*", count=1000) if not key.startswith(own))

    def _holds_state(self) -> bool:
        """Whether the Redis holds any key of the shared state."""
        return next(self._state_keys(), None) is not None

    def _clear_state(self) -> None:
        """Remove what a fill that did not finish wrote (its windows would count those events twice)."""
        batch: list[bytes] = []
        for key in self._state_keys():
            batch.append(key)
            if len(batch) == 1000:
                self._client.delete(*batch)
                batch.clear()
        if batch:
            self._client.delete(*batch)

    def filled(self) -> bool:
        """Whether the shared state is marked filled."""
        return bool(self._client.exists(self._filled))

    def lost(self) -> bool:
        """Whether the shared state, once filled, lost its history under running instances: no mark and no fill under
        way (a Redis restarted without persistence, flushed, or evicting keys). Then the partial mark is set, so that
        the next instance to start clears what the running ones wrote since and fills it from the store again."""
        if self._client.exists(self._filled) or self._client.exists(self._filling):
            return False
        self._client.set(self._partial, "lost")
        return True

    def done(self, events: int | None) -> None:
        """Mark the shared state filled with ``events`` of the store's events (None: found filled), and give the turn
        back."""
        self._client.set(self._filled, json.dumps({"at": datetime.now(UTC).isoformat(), "events": events}))
        self._client.delete(self._partial)
        self._release()

    def abandon(self) -> None:
        """Give the turn back without the mark (the fill failed): the next instance to start clears what this one
        wrote and fills it."""
        self._release()

    def _renew(self) -> None:
        stop = self._renewing = threading.Event()

        def renew() -> None:
            while not stop.wait(TURN_MS / 3000):
                try:
                    self._client.pexpire(self._filling, TURN_MS)
                except Exception:  # Redis gone: the turn lapses by itself, and the fill's own writes fail loudly
                    log.warning("could not renew the turn to fill the shared state", exc_info=True)
                    return

        threading.Thread(target=renew, name="scamnet-fill-turn", daemon=True).start()

    def _release(self) -> None:
        if self._renewing is not None:
            self._renewing.set()
            self._renewing = None
        if self._client.get(self._filling) == self._token.encode():
            self._client.delete(self._filling)


class SharedStateWatch:
    """Whether the shared state, seen filled when this instance started, still holds that history: asked of Redis at
    most every ``every_s`` (the deciding path's background check, ``DecisionService.check_shared``).

    When the mark is gone (``SharedFill.lost``), every decision rests on windows and a pay history that began at the
    loss: every payee new, no mule's inflow. The instance stops saying it is ready, and the partial mark makes the
    next instance to start refill the state from the store."""

    def __init__(self, url: str, every_s: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        fill = SharedFill(url)
        self._fill = fill if fill.filled() else None  # an instance without a store's history fills nothing to lose
        self._every_s, self._monotonic = every_s, monotonic
        self._checked = monotonic()

    def lost(self) -> bool:
        """True when, asked now, the shared state has lost the history it was filled with; false when not or not due."""
        if self._fill is None or self._monotonic() - self._checked < self._every_s:
            return False
        self._checked = self._monotonic()
        try:
            lost = self._fill.lost()
        except Exception as exc:  # Redis unreachable: the deciding path's own writes fail loudly
            log.warning("could not check the shared state: %s", exc)
            return False
        if lost:
            log.error("the shared state in Redis lost its history (no fill mark): restart the instances; the first to "
                      "start refills it from the store")
        return lost


def rebuilt_live_state(decider: Decider, state_url: str, history: list[dict[str, pa.Table]]) -> int:
    """``decider``'s live state rebuilt from ``history`` (event tables: the store's, then a journal it could not take
    yet); how many events went into it. A state shared in Redis (``state_url``) is current, and only what this process
    keeps for itself is rebuilt, unless the shared state holds no history yet: then this instance fills it."""
    if not state_url:
        return sum(decider.rebuild(tables) for tables in history)
    if not history:
        return 0
    fill = SharedFill(state_url)
    shared = fill.claim()
    try:
        replayed = sum(decider.rebuild(tables, shared=shared) for tables in history)
    except BaseException:
        if shared:
            fill.abandon()
        raise
    if shared:
        fill.done(replayed)
    return replayed
