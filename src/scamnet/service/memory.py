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

>>> freezer = SurvivorFreezer(every_s=0.0)
>>> freezer.maybe_freeze()  # 0: off, Python's own collector alone
False
"""

from __future__ import annotations

import gc
import time


class SurvivorFreezer:
    """Collect and freeze at most every ``every_s`` seconds (0: never)."""

    def __init__(self, every_s: float) -> None:
        self.every_s = every_s
        self._last = time.monotonic()

    def maybe_freeze(self) -> bool:
        """Collect what is not frozen, then freeze what survived, when ``every_s`` has passed; whether it did."""
        if self.every_s <= 0 or time.monotonic() - self._last < self.every_s:
            return False
        gc.collect()
        gc.freeze()
        self._last = time.monotonic()
        return True
