"""The service's garbage: collected before what survives is frozen out of the collector's later passes."""

from __future__ import annotations

import gc
import weakref

from scamnet.service.memory import SurvivorFreezer


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_garbage_in_a_cycle_is_collected_and_what_the_service_keeps_is_frozen() -> None:
    kept = [_Node() for _ in range(100)]  # the live state, say
    dropped = _Node()
    gone = weakref.ref(dropped)
    del dropped
    frozen_before = gc.get_freeze_count()
    try:
        assert SurvivorFreezer(every_s=1e-9).maybe_freeze()
        assert gone() is None  # collected, not frozen: a cycle that was garbage is not kept for ever
        assert gc.get_freeze_count() >= frozen_before + len(kept)
        assert all(gc.is_tracked(node) for node in kept)  # still objects of the collector, only out of its walks
    finally:
        gc.unfreeze()


def test_it_waits_its_interval_and_zero_leaves_python_s_collector_alone() -> None:
    try:
        every_hour = SurvivorFreezer(every_s=3600.0)
        assert not every_hour.maybe_freeze()  # the hour since it was made has not passed
        off = SurvivorFreezer(every_s=0.0)
        before = gc.get_freeze_count()
        assert not off.maybe_freeze() and gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
