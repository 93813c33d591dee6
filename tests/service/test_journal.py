"""The journal of accepted events: what was flushed comes back whole; a line torn by a crash is dropped."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
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


def test_journal_lines_hold_every_value_as_ingest_reads_it(tmp_path: Path) -> None:
    import json
    from decimal import Decimal

    class Amount(Decimal):  # a subclass takes the general road: the same text
        pass

    journal = Journal(tmp_path / "j")
    at = datetime(2026, 3, 1, 9, 30, 0, 5, tzinfo=UTC)
    journal.append([("calls", {"call_id": "c1", "started_at": at, "duration_s": 40, "answered": True, "caller": None}),
                    ("transfers", {"txn_id": "t1", "amount": Decimal("120.50"), "fee": Amount("1.5"), "rate": 0.25,
                                   "reasons": ["a", "b"], "flag": False})])
    calls = json.loads((tmp_path / "j" / f"calls-{os.getpid()}.jsonl").read_text())
    transfers = json.loads((tmp_path / "j" / f"transfers-{os.getpid()}.jsonl").read_text())
    assert calls == {"call_id": "c1", "started_at": "2026-03-01T09:30:00.000005+00:00", "duration_s": "40",
                     "answered": "true", "caller": None}
    assert transfers == {"txn_id": "t1", "amount": "120.50", "fee": "1.5", "rate": "0.25", "reasons": ["a", "b"],
                         "flag": "false"}


def test_a_canonical_transfer_and_its_decision_are_written_as_the_general_road_writes_them(tmp_path: Path) -> None:
    """Canonical rows take the short road (only the columns that hold no text are converted): the same lines."""
    from decimal import Decimal

    from scamnet.schema import table
    from scamnet.service import journal as journal_module

    at = datetime(2026, 3, 1, 9, 30, 0, 5, tzinfo=UTC)
    odd = datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30, seconds=7)))  # seconds: isoformat's
    transfer = dict.fromkeys(table("transfers").schema.names) | {
        "txn_id": "t1", "ts": at, "src_account": "A1", "dst_account": "B2", "amount": Decimal("5000.00")}
    decision = dict.fromkeys(table("decisions").schema.names) | {
        "decision_id": "d1", "ts": at, "event_kind": "transfer", "event_id": "t1", "action": "hold", "score": 0.91,
        "reasons": ["payee_on_watchlist (hold): payee.on_watchlist=true"], "rules": ["payee_on_watchlist"],
        "latency_ms": 1.25}
    message = dict.fromkeys(table("messages").schema.names) | {
        "msg_id": "m1", "sent_at": at, "sender": "+8613800000001", "recipient": "+8613900000002", "text": "到账 ✓ 5000"}
    short, made, general = Journal(tmp_path / "short"), Journal(tmp_path / "made"), Journal(tmp_path / "general")
    rows = [("transfers", transfer), ("decisions", decision), ("transfers", transfer | {"ts": odd, "txn_id": "t2"}),
            ("transfers", transfer | {"ts": at.replace(tzinfo=timezone(timedelta(hours=8))), "txn_id": "t3"}),
            ("transfers", transfer | {"ts": "2026-03-01T09:30:00Z", "txn_id": "t4", "amount": None}),
            ("messages", message), ("messages", message | {"sent_at": odd, "text": None})]
    short.append(rows)
    # columns not compared, and the transfers and messages written without a copy (times and amounts by orjson):
    # the same lines
    made.append(rows, made={"transfers", "decisions", "messages"})
    assert journal_module._AS_IS["transfers"] == ("ts",) and journal_module._times_as_iso(transfer, ("ts",))
    assert not journal_module._times_as_iso(rows[2][1], ("ts",))  # the odd offset takes the road with a copy
    general_columns = journal_module._columns
    journal_module._columns = lambda name: (frozenset(), ())  # every row takes the general road
    try:
        general.append(rows)
    finally:
        journal_module._columns = general_columns
    written = {name: [(j.folder / f"{name}-{os.getpid()}.jsonl").read_text() for j in (short, made, general)]
               for name in ("transfers", "decisions", "messages")}
    assert all(len(set(lines)) == 1 for lines in written.values())
    assert '"amount":"5000.00"' in written["transfers"][0] and '"ts":"2026-03-01T09:30:00.000005+00:00"' in written["transfers"][0]
    assert '"score":"0.91"' in written["decisions"][0] and '"latency_ms":"1.25"' in written["decisions"][0]


def test_the_rows_the_service_journals_as_made_hold_exactly_their_tables_columns() -> None:
    """``DecisionService.decide_staged`` makes each validated event's line without comparing its columns (and
    digests the line against reused ids): the rows hold exactly their table's columns, so the lines are the
    general road's; equal events give equal lines, another value another line."""
    from scamnet.ingest.records import validated_rows
    from scamnet.schema import table
    from scamnet.service.journal import journal_line, journal_lines
    from tests.ingest.test_records import GOOD

    events = [(kind, validated_rows(kind, [record], Settings())[0]) for kind, record in GOOD]
    assert all(list(row) == table(kind).schema.names for kind, row in events)
    for kind, row in events:
        assert journal_line(kind, row, made=True) == journal_line(kind, row) == journal_line(kind, dict(row), made=True)
    kind, row = next((k, r) for k, r in events if k == "transfers")
    assert journal_line(kind, row | {"amount": row["amount"] + 1}, made=True) != journal_line(kind, row, made=True)
    # a group's lines, made in one call, are each row's line alone, a text that looks like a row's start included
    kind, message = next((k, r) for k, r in events if k == "messages")
    group = [*events, (kind, message | {"text": 'x",{"msg_id":"m9"}, ,{" 到账'}), *events]
    assert journal_lines(group) == [journal_line(k, r, made=True) for k, r in group] and journal_lines([]) == []


def test_a_decision_journaled_as_it_is_published_reads_back_as_the_row_it_was(tmp_path: Path) -> None:
    """The service journals a decision as the JSON a Kafka intake publishes (made once for both): the fold's
    reading gives back the row, times, scores and lists as they were, an odd float to its last digit."""
    from scamnet.core.enums import Action
    from scamnet.online.decider import Verdict
    from scamnet.online.reason import Reason
    from scamnet.service.decisions import decision_json, decision_lines, decision_rows, read_decision_lines

    hold = Reason("rule", "payee_on_watchlist", Action.HOLD, {}, 'payee_on_watchlist (hold): 付款 payee listed,{"action":"x"}')
    verdicts = [Verdict("transfer", "t1", Action.HOLD, 0.1 + 0.2, "high", (hold,), ("rule x: bad field",)),
                Verdict("call", "c1", Action.ALLOW, 0.0, "low", (), ())]
    events = [("transfer", {"txn_id": "t1", "dst_account": "B2"}), ("call", {"call_id": "c1", "caller": "+861"})]
    rows = decision_rows(events, verdicts, datetime(2026, 3, 1, 9, 30, 0, 5, tzinfo=UTC), 1 / 3)
    journal = Journal(tmp_path / "j")
    # made in sorted order and written in one call: each line is the row's JSON alone, keys sorted, even where a
    # reason's text holds what a row's start looks like
    assert decision_lines(rows) == [decision_json(r) for r in rows] and decision_lines([]) == []
    assert decision_lines([{"b": 1, "a": 2}]) == [b'{"a":2,"b":1}']  # not a decision row: sorted one by one
    journal.append([("decisions", line) for line in decision_lines(rows)])
    assert read_decision_lines(journal.files("decisions")).to_pylist() == rows
    assert rows[0]["score"] == 0.1 + 0.2 and rows[0]["error"] == "rule x: bad field" and rows[1]["rules"] == []
