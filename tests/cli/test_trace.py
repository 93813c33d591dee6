"""``scamnet trace REPORT_ID`` on a store file holding the example money world."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from scamnet.cli.app import main
from scamnet.detect.money.example import MULE_CASHOUT, money_world
from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows


@pytest.fixture
def money_db(tmp_path: Path) -> Path:
    path = tmp_path / "money.db"
    with open_store(path) as store, store.transaction() as con:
        for name, rows in money_world(0).items():
            append_rows(con, table(name), rows)
    return path


def test_trace_prints_the_flow_cash_outs_and_freeze_list_and_stores_them(money_db, capsys):
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db)])
    out = capsys.readouterr().out
    assert "trace R0:lifo" in out and "cash-out points" in out and "freeze list" in out
    assert f"MULE-L2 → {MULE_CASHOUT}" in out
    with open_store(money_db, read_only=True) as store:
        assert store.con.sql("SELECT count(*) FROM freeze_requests WHERE trace_id = 'R0:lifo'").fetchall()[0][0] == 3


def test_trace_of_an_unknown_report_exits_with_not_found(money_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["trace", "NOPE", "--db", str(money_db)])
    assert exit_.value.code == 3
    assert "no report 'NOPE'" in capsys.readouterr().err


def test_a_bad_as_of_time_says_how_to_write_it(money_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["trace", "R0", "--as-of", "yesterday", "--db", str(money_db)])
    assert exit_.value.code == 2
    assert "2026-03-14T09:00" in capsys.readouterr().err


def test_a_what_if_at_another_time_is_shown_but_never_replaces_the_stored_trace(money_db, capsys):
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db)])
    with open_store(money_db, read_only=True) as store:
        before = store.con.sql("SELECT as_of, located_amount FROM traces WHERE trace_id = 'R0:lifo'").fetchall()
    capsys.readouterr()
    main(["trace", "R0", "--policy", "lifo", "--as-of", "2030-01-01T00:00", "--db", str(money_db)])
    assert "what-if" in capsys.readouterr().out
    with open_store(money_db, read_only=True) as store:
        after = store.con.sql("SELECT as_of, located_amount FROM traces WHERE trace_id = 'R0:lifo'").fetchall()
    assert after == before


def test_the_freeze_list_comes_out_as_csv_a_bank_can_act_on_and_the_trace_as_json(money_db, capsys):
    import csv
    import json

    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db), "--format", "csv"])
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 3 and all(r["account_id"] and r["held_amount"] and r["currency"] == "CNY" for r in rows)
    assert any(r["path"].endswith(MULE_CASHOUT) for r in rows)
    main(["trace", "R0", "--policy", "lifo", "--db", str(money_db), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert found["trace"]["trace_id"] == "R0:lifo" and len(found["freeze"]) == 3 and found["flow"]


def test_reports_list_finds_a_victims_report_and_says_whether_it_was_traced(money_db, tmp_path, capsys):
    import json

    found = tmp_path / "found.json"
    main(["reports", "list", "--victim", "P001", "--db", str(money_db), "--json", str(found)])
    assert [r["report_id"] for r in json.loads(found.read_text())] == ["R1"]
    main(["reports", "list", "--untraced", "--min-loss", "20000", "--db", str(money_db), "--json", str(found)])
    untraced = {r["report_id"] for r in json.loads(found.read_text())}
    assert "R0" in untraced and "R1" not in untraced, "R1 lost 15,984, under the minimum asked"
    main(["trace", "R0", "--db", str(money_db)])
    main(["reports", "list", "--traced", "--db", str(money_db), "--json", str(found)])
    traced = json.loads(found.read_text())
    assert [r["report_id"] for r in traced] == ["R0"] and float(traced[0]["located"]) > 0


def test_a_retrace_that_finds_something_else_adds_a_version_and_the_history_lists_both(money_db, capsys):
    main(["trace", "R0", "--db", str(money_db)])
    main(["trace", "R0", "--db", str(money_db)])  # the same again: no new version
    main(["trace", "R0", "--horizon", "1", "--db", str(money_db)])  # an hour after the payment: money elsewhere
    capsys.readouterr()
    main(["trace", "R0", "--history", "--format", "json", "--db", str(money_db)])
    versions = json.loads(capsys.readouterr().out)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["located_amount"] != versions[1]["located_amount"]
    assert all(v["as_of"] for v in versions)


def test_freeze_export_for_one_bank_lists_what_each_account_still_holds_with_its_incoming_transfers(money_db, capsys):
    main(["trace", "R0", "--db", str(money_db)])
    capsys.readouterr()
    main(["freeze", "export", "--bank", "BANK1", "--db", str(money_db)])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    with open_store(money_db, read_only=True) as store:
        held = dict(store.con.sql("SELECT account_id, CAST(held_amount AS VARCHAR) FROM freeze_requests "
                                  "WHERE trace_id = 'R0:fifo'").fetchall())
    assert {r["account_id"]: r["hold_amount"] for r in rows} == held
    assert all(r["currency"] == "CNY" and r["incoming_txns"] and r["status"] == "drafted" for r in rows)


def test_freeze_status_is_kept_with_the_analysts_name_and_list_filters_on_it(money_db, capsys):
    main(["trace", "R0", "--db", str(money_db)])
    capsys.readouterr()
    main(["freeze", "list", "--report", "R0", "--json", str(money_db.with_suffix(".json")), "--db", str(money_db)])
    request_id = json.loads(money_db.with_suffix(".json").read_text())[0]["request_id"]
    main(["freeze", "status", request_id, "frozen", "--as", "officer Li", "--note", "BANK1 ref 77", "--db", str(money_db)])
    with open_store(money_db, read_only=True) as store:
        assert store.con.sql("SELECT status, analyst, note FROM freeze_status_changes").fetchall() == [
            ("frozen", "officer Li", "BANK1 ref 77")]
    main(["trace", "R0", "--horizon", "1", "--db", str(money_db)])  # a re-trace leaves a request acted on as it was
    with open_store(money_db, read_only=True) as store:
        assert store.con.sql("SELECT status, trace_version FROM bank_freeze_requests").fetchall() == [("frozen", 1)]
