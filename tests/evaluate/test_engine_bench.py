"""Spark over the embedded engine, read per round: each pair of runs saw about the same machine."""

from __future__ import annotations

import ctypes
import os
import threading
import time

from scamnet.evaluate.engine_bench import EngineRun, jvm_cpu_s, ratios


def _run(engine: str, turn: int, seconds: dict[str, float], people: int = 1000) -> EngineRun:
    return EngineRun(engine, people, 50_000, seconds, sum(seconds.values()), 0, round=turn)


def test_each_round_is_read_against_its_own_embedded_run_and_the_median_is_the_figure() -> None:
    # the machine slowed down between round 1 and round 2: both engines took twice as long
    runs = [_run("embedded", 1, {"telecom": 10.0, "content": 10.0, "timeline": 5.0}), _run("spark", 1, {"telecom": 60.0}),
            _run("embedded", 2, {"telecom": 20.0, "content": 20.0, "timeline": 10.0}), _run("spark", 2, {"telecom": 120.0}),
            _run("embedded", 3, {"telecom": 10.0, "content": 10.0, "timeline": 5.0}), _run("spark", 3, {"telecom": 90.0})]
    found = ratios(runs)
    assert len(found) == 1
    row = found[0]
    assert row["ratio_per_round"] == [2.4, 2.4, 3.6]  # never 120 s against 25 s from another round
    assert row["ratio"] == 2.4
    # without the timeline step, which Spark does not run: the same work on both sides
    assert row["ratio_same_work_per_round"] == [3.0, 3.0, 4.5]
    assert row["ratio_same_work"] == 3.0
    assert (row["embedded_s"], row["spark_s"], row["rounds"]) == (25.0, 90.0, 3)


def test_sizes_are_read_apart_and_a_size_with_one_engine_has_no_ratio() -> None:
    runs = [_run("embedded", 1, {"telecom": 10.0}, people=1000), _run("spark", 1, {"telecom": 40.0}, people=1000),
            _run("embedded", 1, {"telecom": 50.0}, people=5000)]
    assert [(r["people"], r["ratio"]) for r in ratios(runs)] == [(1000, 4.0)]


def test_a_jvm_s_cpu_is_read_per_thread_kind_from_proc() -> None:
    # this Python process stands in for the JVM: a thread named as Spark names its task threads
    # (Linux keeps 15 characters) spins, and its CPU is read as the tasks'
    done, named = threading.Event(), threading.Event()

    def spin() -> None:
        ctypes.CDLL(None).prctl(15, b"Executor task l", 0, 0, 0)  # PR_SET_NAME: this thread's name
        named.set()
        while not done.is_set():
            sum(range(10_000))

    worker = threading.Thread(target=spin)
    worker.start()
    try:
        named.wait(5)
        before = jvm_cpu_s(os.getpid())
        deadline = time.monotonic() + 60  # however loaded the machine, the spinning thread gets its 0.1 s
        after = before
        while after.get("tasks", 0.0) - before.get("tasks", 0.0) < 0.1 and time.monotonic() < deadline:
            time.sleep(0.05)
            after = jvm_cpu_s(os.getpid())
    finally:
        done.set()
        worker.join()
    assert set(after) <= {"tasks", "jit", "gc", "other"}
    assert after["tasks"] - before.get("tasks", 0.0) >= 0.1  # the spinning thread, counted as Spark's tasks
    assert after["other"] > 0  # the main thread (start-up, imports)
    assert jvm_cpu_s(None) == {}
