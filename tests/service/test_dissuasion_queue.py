"""The dissuasion queue: a payment held after the person's task was closed is queued again, not lost in the old task."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from scamnet.core.errors import ConflictError
from scamnet.online.dissuasion import Task
from scamnet.service.dissuasion import TaskQueue

T0 = datetime(2026, 3, 20, 9, tzinfo=UTC)
CALL_FIRST = Task("dt1", T0, "P1", "+8613800000001", "A1", None, 0.0, "fake_investment",
                  ("talked 21 min with a flagged number",), 2, "script")


def test_a_payment_held_after_a_false_alarm_opens_a_new_task_in_the_queue() -> None:
    queue = TaskQueue()
    queue.add([CALL_FIRST])
    queue.claim("dt1", "officer Li", T0)
    queue.close("dt1", "false_alarm", "officer Li", "her son's tuition", T0 + timedelta(hours=1))
    held = replace(CALL_FIRST, txn_id="t9", amount=48_000.0, updated_at=T0 + timedelta(hours=3))
    [row] = queue.add([held])
    assert row["task_id"] != "dt1" and row["status"] == "open" and row["txn_id"] == "t9"
    assert [t["task_id"] for t in queue.listing()] == [row["task_id"]]
    assert queue.rows["dt1"]["outcome"] == "false_alarm", "the closed task keeps its outcome"


def test_a_payment_held_while_the_task_is_worked_joins_it_and_keeps_its_officer() -> None:
    queue = TaskQueue()
    queue.add([CALL_FIRST])
    queue.claim("dt1", "officer Li", T0)
    [row] = queue.add([replace(CALL_FIRST, txn_id="t9", amount=48_000.0, updated_at=T0 + timedelta(hours=1))])
    assert (row["task_id"], row["claimed_by"], row["txn_id"]) == ("dt1", "officer Li", "t9")
    with pytest.raises(ConflictError, match="taken by officer Li"):
        queue.close("dt1", "persuaded", "officer Wang", None, T0 + timedelta(hours=2))
    assert queue.close("dt1", "persuaded", "officer Li", None, T0 + timedelta(hours=2))["held_payment"] == "cancelled"
