"""The deciding thread moves on while a group is flushed to disk, but no answer goes out before its flush."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from scamnet.api.batcher import DecisionBatcher
from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.journal import Journal


class SlowDisk(Journal):
    """A real journal whose flushes wait until the test lets them through (a disk that is slow to commit)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.gate, self.flushes = threading.Event(), 0

    def append(self, rows: Iterable[tuple[str, Mapping[str, Any]]], *, made: Collection[str] = ()) -> None:
        assert self.gate.wait(10)
        super().append(rows, made=made)
        self.flushes += 1


def payment(txn_id: str, ts: str) -> dict[str, str]:
    return {"kind": "transfer", "txn_id": txn_id, "ts": ts, "src_account": "VICTIM", "dst_account": "MULE",
            "amount": "300.00", "channel": "mobile"}


def test_answers_wait_for_their_flush_and_groups_decided_meanwhile_share_the_next(tmp_path: Path) -> None:
    service = DecisionService(Settings(), None)
    service.start()
    disk = service.journal = SlowDisk(tmp_path / "journal")

    async def scenario() -> list[Any]:
        batcher = DecisionBatcher(service, 100)
        first = asyncio.create_task(batcher.decide([payment("t1", "2026-03-01T09:00:00Z")]))
        await asyncio.sleep(0.5)  # decided; its flush waits for the disk
        later = [asyncio.create_task(batcher.decide([payment(f"t{i}", "2026-03-01T09:01:00Z")])) for i in (2, 3)]
        retry = asyncio.create_task(batcher.decide([payment("t1", "2026-03-01T09:00:00Z")]))
        await asyncio.sleep(0.5)  # decided too, while the first flush still waits
        waiting = [not task.done() for task in (first, *later, retry)]
        disk.gate.set()
        answers = await asyncio.gather(first, *later, retry)
        batcher.close()
        return [waiting, answers]

    waiting, answers = asyncio.run(scenario())
    assert waiting == [True, True, True, True]  # the retry of t1 too: t1 was not on disk yet
    assert [a[0].event_id for a in answers] == ["t1", "t2", "t3", "t1"]
    assert disk.flushes == 2  # the first group, then the three decided meanwhile in one flush
    lines = (tmp_path / "journal").glob("transfers-*.jsonl")
    assert sum(len(p.read_text().splitlines()) for p in lines) == 3  # the retry is journaled once


class FullDisk(SlowDisk):
    """A journal whose first flush fails (the disk is full), after the test lets it through."""

    def append(self, rows: Iterable[tuple[str, Mapping[str, Any]]], *, made: Collection[str] = ()) -> None:
        assert self.gate.wait(10)
        if not self.flushes:
            self.flushes += 1
            raise OSError(28, "No space left on device")
        super().append(rows, made=made)


def test_a_failed_flush_answers_no_request_it_held_nor_one_decided_meanwhile(tmp_path: Path) -> None:
    service = DecisionService(Settings(), None)
    service.start()
    disk = service.journal = FullDisk(tmp_path / "journal")

    async def scenario() -> list[Any]:
        batcher = DecisionBatcher(service, 100)
        first = asyncio.create_task(batcher.decide([payment("t1", "2026-03-01T09:00:00Z")]))
        await asyncio.sleep(0.5)
        retry = asyncio.create_task(batcher.decide([payment("t1", "2026-03-01T09:00:00Z")]))
        await asyncio.sleep(0.5)  # the retry is decided while t1's flush still waits
        disk.gate.set()
        failed = await asyncio.gather(first, retry, return_exceptions=True)
        again = await batcher.decide([payment("t1", "2026-03-01T09:00:00Z")])  # the client sends it again
        batcher.close()
        return [failed, again]

    failed, again = asyncio.run(scenario())
    assert [type(f).__name__ for f in failed] == ["OSError", "OSError"]
    assert again[0].event_id == "t1"
    lines = (tmp_path / "journal").glob("transfers-*.jsonl")
    assert sum(len(p.read_text().splitlines()) for p in lines) == 1  # journaled now, as a new event, once
