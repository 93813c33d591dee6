"""The service's garbage: collected before what survives is frozen out of the collector's later passes."""

from __future__ import annotations

import gc
import weakref

from scamnet.service.memory import BACKSTOP_ALLOCATIONS, SurvivorFreezer


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


def _collections_while(work) -> list[int]:  # noqa: ANN001 - a callable of no arguments
    """The generations the automatic collector walked while ``work`` ran."""
    seen: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        work()
    finally:
        gc.callbacks.remove(note)
    return seen


def test_between_its_passes_the_young_collections_wait_for_it_and_a_backstop_remains() -> None:
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's default
        freezer = SurvivorFreezer(every_s=3600.0)
        assert gc.get_threshold()[0] == BACKSTOP_ALLOCATIONS and gc.get_threshold()[1:] == (10, 10)
        gc.collect()
        # a few thousand events' worth of new state: with Python's default this is some 70 young collections
        kept = [[i] for i in range(7_000)]
        assert _collections_while(lambda: kept.extend([i] for i in range(7_000))) == []
        # the freezer never called: cycles still get collected once the backstop is reached
        def garbage() -> None:
            for _ in range(BACKSTOP_ALLOCATIONS + 1_000):
                _Node()
        assert 0 in _collections_while(garbage)
        assert not freezer.maybe_freeze()  # the hour since it was made has not passed
    finally:
        gc.set_threshold(*threshold)


def test_a_freezer_that_is_off_leaves_the_thresholds_as_they_are() -> None:
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        SurvivorFreezer(every_s=0.0)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*threshold)
