"""The collector's full passes kept short while the service decides: what survives is frozen out of later walks.

CPython's cyclic garbage collector, in a full pass, walks every object it tracks. The live state
(windows, the detectors' records, profiles, the models) is most of a decision service's heap and
lives as long as the service, so a full pass over it is a pause of its own: on the demo world W
(15,090 events, 12,000 entities) the full passes paused a group of ten events 80–250 ms, the tail of
the service's latency. ``DecisionService.start`` collects and freezes what it loaded; while the
service decides, ``SurvivorFreezer`` does the same every ``serve_gc_every_s`` seconds, between two
groups: it collects what is not frozen yet (what arrived since the last time, so a few milliseconds)
and freezes what survived (``gc.freeze``), so no later pass walks it again. Reference counting still
frees a frozen object the moment it is no longer used; what freezing gives up is the collection of a
reference cycle among frozen objects that later becomes garbage, which then stays until the process
ends (4 objects over all of W: the live state holds no such cycles).

While a freezer runs, its pass is the collection: the automatic young collections in between (CPython's
default: one every 700 allocations of tracked objects, and the survivors walked again in the middle and the
old generation) walk the same new objects up to three times more for the few cycles they free. So a
freezer raises the young generation's threshold to ``BACKSTOP_ALLOCATIONS``: a backstop, should the
freezer not be called, and not reached between two of its passes at the service's pace (about 30 tracked
objects an event, so 100,000 is some 3,000 events). On the Kafka intake's own work
(``bench/bench_kafka_offline.py``) the collector's time fell from 0.48-0.53 to 0.21-0.30 CPU s of about 4.

>>> freezer = SurvivorFreezer(every_s=0.0)
>>> freezer.maybe_freeze()  # 0: off, Python's own collector alone
False
"""

from __future__ import annotations

import gc
import time

#: Allocations of tracked objects between two young collections while a freezer runs (Python's default: 700).
BACKSTOP_ALLOCATIONS = 100_000


class SurvivorFreezer:
    """Collect and freeze at most every ``every_s`` seconds (0: never, and Python's collector is left as it is).

    Made with ``every_s`` > 0, it raises the collector's young threshold to ``BACKSTOP_ALLOCATIONS`` for the rest
    of the process (the collector is the process's: a service runs one freezer per loop, all alike)."""

    def __init__(self, every_s: float) -> None:
        self.every_s = every_s
        self._last = time.monotonic()
        if every_s > 0:
            young, *older = gc.get_threshold()
            if 0 < young < BACKSTOP_ALLOCATIONS:  # 0: the collector was turned off; left so
                gc.set_threshold(BACKSTOP_ALLOCATIONS, *older)

    def maybe_freeze(self) -> bool:
        """Collect what is not frozen, then freeze what survived, when ``every_s`` has passed; whether it did."""
        if self.every_s <= 0 or time.monotonic() - self._last < self.every_s:
            return False
        gc.collect()
        gc.freeze()
        self._last = time.monotonic()
        return True
