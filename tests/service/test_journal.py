"""The journal of accepted events: what was flushed comes back whole; a line torn by a crash is dropped."""

from __future__ import annotations

from pathlib import Path

from scamnet.core.settings import Settings
from scamnet.ingest.records import validated_records
from scamnet.service.journal import Journal


def rows(kind: str, records: list[dict]) -> list[tuple[str, dict]]:
    return [(kind, r) for r in validated_records(kind, records, Settings()).to_pylist()]


def test_journaled_events_come_back_with_their_types(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.append(rows("transfers", [{"txn_id": "t1", "ts": "2026-03-01T09:05:00+08:00", "src_account": "A",
                                       "amount": "12.50", "channel": "mobile"}]))
    journal.append(rows("calls", [{"call_id": "c1", "started_at": "2026-03-01T09:00:00Z", "duration_s": 7,
                                   "caller": "+8613800000001", "callee": "+8613800000002", "answered": True}]))
    back = {name: t.to_pylist() for name, t in journal.tables().items()}
    assert str(back["transfers"][0]["amount"]) == "12.50" and back["transfers"][0]["ts"].hour == 1
    assert (back["calls"][0]["duration_s"], back["calls"][0]["answered"]) == (7, True)


def test_a_line_torn_by_a_crash_is_dropped_and_the_whole_ones_kept(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.append(rows("transfers", [{"txn_id": "t1", "ts": "2026-03-01T09:05:00Z", "amount": "1", "channel": "atm"}]))
    with journal.files()[0].open("a", encoding="utf-8") as out:
        out.write('{"txn_id": "t2", "ts": "2026-03-0')  # the crash came mid-write: never acknowledged
    assert journal.tables()["transfers"]["txn_id"].to_pylist() == ["t1"]
    journal.clear()
    assert journal.files() == []
