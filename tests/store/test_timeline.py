"""The entity timeline index that ``scamnet run`` writes gives the same timelines as the event tables, also after
events are ingested since the run, and stands aside when the tables changed otherwise."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from tests.api.conftest import small_store  # noqa: F401 - the session's small store

from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files
from scamnet.store import open_store
from scamnet.store.alerts import top_alerts
from scamnet.store.console_reads import entity_events, table_timeline
from scamnet.store.timeline import LATE, coverage, indexed_events


@pytest.fixture
def ran(small_store: Path, tmp_path: Path) -> Path:  # noqa: F811
    shutil.copy(small_store, tmp_path / "scamnet.db")
    return tmp_path / "scamnet.db"


def _entities(db: Path) -> list[str]:
    """Entities of every kind the timeline serves: flagged numbers and accounts, and a busy holder's SIM, IMEI,
    device, IP and message."""
    with open_store(db, read_only=True) as store:
        flagged = [a.entity for a in top_alerts(store, 3, "fraud_number")] + [a.entity for a in top_alerts(store, 3, "mule")]
        call = store.con.execute("SELECT caller_imsi, caller_imei FROM calls GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchall()[0]
        login = store.con.execute("SELECT device_id, ip FROM sessions GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchall()[0]
        msg = store.con.execute("SELECT msg_id FROM messages ORDER BY sent_at DESC LIMIT 1").fetchall()[0][0]
    return [*flagged, f"imsi:{call[0]}", f"imei:{call[1]}", f"device:{login[0]}", f"ip:{login[1]}", f"msg:{msg}"]


def test_the_index_gives_every_kind_of_entity_the_timeline_the_event_tables_give(ran: Path) -> None:
    entities = _entities(ran)
    with open_store(ran, read_only=True) as store:
        for entity in entities:
            for limit in (5, 100, 10_000):
                indexed = indexed_events(store, entity, limit)
                assert indexed is not None and indexed == table_timeline(store, entity, limit), (entity, limit)
            assert indexed, f"{entity} has events"
        assert indexed_events(store, "person:p000001", 100) == [], "no event table names a person"


def _ingest_call(db: Path, folder: Path, caller: str, when: str) -> None:
    path = folder / "calls.csv"
    path.write_text("call_id,started_at,duration_s,caller,callee,caller_imsi,caller_imei,caller_cell,answered\n"
                    f"late-{when},{when},61,{caller},+8613900000009,,,,true\n", encoding="utf-8")
    ingest_files([path], db, Settings())


def test_calls_ingested_after_the_run_or_a_little_late_head_the_timeline_read_through_the_index(
        ran: Path, tmp_path: Path) -> None:
    number = _entities(ran)[0]
    with open_store(ran, read_only=True) as store:
        last = store.con.execute("SELECT max(started_at) FROM calls").fetchall()[0][0]
    calls = [(last + timedelta(hours=1)).isoformat(), (last - LATE / 2).isoformat()]  # after the run; late
    for when in calls:
        _ingest_call(ran, tmp_path, number.partition(":")[2], when)
    with open_store(ran, read_only=True) as store:
        assert coverage(store, ["calls"])["calls"].changed  # type: ignore[index]
        indexed = indexed_events(store, number, 100)
        assert indexed is not None, "calls ingested in time order, or less than a day late, keep the index in use"
        assert indexed[0].event_id == f"late-{calls[0]}" and f"late-{calls[1]}" in [e.event_id for e in indexed]
        assert indexed == table_timeline(store, number, 100)
        callee = indexed_events(store, "phone:+8613900000009", 100)
        assert callee is not None and sorted(e.event_id for e in callee) == sorted(f"late-{when}" for when in calls)


def test_a_call_ingested_more_than_a_day_late_sets_the_index_aside_and_the_tables_answer(ran: Path, tmp_path: Path) -> None:
    number = _entities(ran)[0]
    with open_store(ran, read_only=True) as store:
        first = store.con.execute("SELECT min(started_at) FROM calls").fetchall()[0][0]
    earlier = (first + timedelta(seconds=1)).isoformat()
    _ingest_call(ran, tmp_path, number.partition(":")[2], earlier)
    with open_store(ran, read_only=True) as store:
        assert indexed_events(store, number, 10_000) is None, "the index no longer covers the calls table"
        every = entity_events(store, number, 10_000)
        assert f"late-{earlier}" in [e.event_id for e in every] and every == table_timeline(store, number, 10_000)
